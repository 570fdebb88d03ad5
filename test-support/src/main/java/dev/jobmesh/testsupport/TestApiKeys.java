package dev.jobmesh.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
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

    /** The keys as gateway settings: name, role and SHA-256 of each, and the limited key's limits. */
    public static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        key(settings, 0, "test-admin", "admin", ADMIN);
        key(settings, 1, "tenant-a", "submit", SUBMIT_A);
        key(settings, 2, "tenant-b", "submit", SUBMIT_B);
        key(settings, 3, "limited", "submit", LIMITED);
        settings.put("jobmesh.gateway.limits.keys.limited.rate", "1");
        settings.put("jobmesh.gateway.limits.keys.limited.period", "1h");
        settings.put("jobmesh.gateway.limits.keys.limited.burst", "1");
        return settings;
    }

    private static void key(Map<String, String> settings, int index, String name, String role, String key) {
        String prefix = "jobmesh.gateway.auth.keys[" + index + "].";
        settings.put(prefix + "name", name);
        settings.put(prefix + "role", role);
        settings.put(prefix + "sha256", sha256(key));
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
