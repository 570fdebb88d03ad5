/**
 * Topic names, Kafka client settings and the topics' provisioning. Nothing here is null unless marked {@code
 * @Nullable}; configuration records take null for an unset setting and replace it with its default.
 */
@NullMarked
package dev.jobmesh.core.kafka;

import org.jspecify.annotations.NullMarked;
