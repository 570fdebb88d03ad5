/**
 * What follows a finished run - done, another run, or a dead letter - decided once for every model.
 * Nothing here is null.
 */
@NullMarked
package dev.jobmesh.core.outcome;

import org.jspecify.annotations.NullMarked;
