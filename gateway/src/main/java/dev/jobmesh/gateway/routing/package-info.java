/**
 * Model {@code auto}: each job goes to the concurrency model expected to finish it first, from what the gateway
 * already reads - every job's status events (the view) and each model's consumer group in Kafka.
 */
@NullMarked
package dev.jobmesh.gateway.routing;

import org.jspecify.annotations.NullMarked;
