/** What follows a finished run - done, another run, or a dead letter - decided once for every model. */
package dev.jobmesh.core.outcome;
