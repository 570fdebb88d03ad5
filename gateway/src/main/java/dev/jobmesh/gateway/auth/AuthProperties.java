package dev.jobmesh.gateway.auth;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The API keys the gateway accepts on {@code /api/**}.
 *
 * @param enabled false lets every request in, unauthenticated and with admin rights: for local development only,
 *                and the gateway says so loudly at start-up
 * @param keys    the keys, by name, role and the SHA-256 of the key itself (never the key). Unset: no key is
 *                accepted, and every request to /api/** is refused with 401
 */
@ConfigurationProperties("jobmesh.gateway.auth")
public record AuthProperties(@DefaultValue("true") boolean enabled, List<Key> keys) {

    public AuthProperties {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    /**
     * One key.
     *
     * @param name   recorded on every job the key submits and in the request log; letters, digits, '.', '_', '-'
     * @param role   submit or admin
     * @param sha256 the SHA-256 of the key, 64 hex digits (deploy/lib/api-key.sh makes a key and its hash)
     */
    public record Key(String name, ApiRole role, String sha256) {
    }
}
