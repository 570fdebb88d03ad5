/**
 * Start-up of every jobmesh service. Nothing here is null unless marked {@code @Nullable}; configuration records
 * take null for an unset setting and replace it with its default.
 */
@NullMarked
package dev.jobmesh.core.service;

import org.jspecify.annotations.NullMarked;
