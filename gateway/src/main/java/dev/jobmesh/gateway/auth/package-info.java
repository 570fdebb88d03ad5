/**
 * Who may call the API: API keys, configured as SHA-256 hashes with a name and a role, checked on every
 * {@code /api/**} request by Spring Security.
 */
@NullMarked
package dev.jobmesh.gateway.auth;

import org.jspecify.annotations.NullMarked;
