package dev.jobmesh.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The API keys a test gateway knows ({@link ServiceSettings#gateway}): an admin key, which {@link ApiClient} sends
 * unless told otherwise, two submit keys for tests of who sees what, and one allowed a single job an hour.
 */
public final class TestApiKeys {

    public static final String ADMIN = "test-admin-key";
    public static final String SUBMIT_A = "test-submit-key-a";
    public static final String SUBMIT_B = "test-submit-key-b";
    /** A submit key that may send one job an hour: its second job is refused 429. */
    public static final String LIMITED = "test-limited-key";

    private TestApiKeys() {
    }

    /** The keys as gateway settings: name, role and SHA-256 of each. */
    public static Map<String, String> settings() {
        return Map.ofEntries(
                Map.entry("jobmesh.gateway.auth.keys[0].name", "test-admin"),
                Map.entry("jobmesh.gateway.auth.keys[0].role", "admin"),
                Map.entry("jobmesh.gateway.auth.keys[0].sha256", sha256(ADMIN)),
                Map.entry("jobmesh.gateway.auth.keys[1].name", "tenant-a"),
                Map.entry("jobmesh.gateway.auth.keys[1].role", "submit"),
                Map.entry("jobmesh.gateway.auth.keys[1].sha256", sha256(SUBMIT_A)),
                Map.entry("jobmesh.gateway.auth.keys[2].name", "tenant-b"),
                Map.entry("jobmesh.gateway.auth.keys[2].role", "submit"),
                Map.entry("jobmesh.gateway.auth.keys[2].sha256", sha256(SUBMIT_B)),
                Map.entry("jobmesh.gateway.auth.keys[3].name", "limited"),
                Map.entry("jobmesh.gateway.auth.keys[3].role", "submit"),
                Map.entry("jobmesh.gateway.auth.keys[3].sha256", sha256(LIMITED)),
                Map.entry("jobmesh.gateway.limits.keys.limited.rate", "1"),
                Map.entry("jobmesh.gateway.limits.keys.limited.period", "1h"),
                Map.entry("jobmesh.gateway.limits.keys.limited.burst", "1"));
    }

    /** The hex SHA-256 of a key, as a gateway's key settings hold it. */
    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
