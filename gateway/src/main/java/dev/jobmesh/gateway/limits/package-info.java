/**
 * How many jobs each API key may submit: a token bucket per key, refused whole with 429 when a request would
 * overdraw it.
 */
@NullMarked
package dev.jobmesh.gateway.limits;

import org.jspecify.annotations.NullMarked;
