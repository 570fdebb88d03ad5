package dev.jobmesh.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configured keys. A presented key is hashed and compared with every configured hash in constant time, so
 * neither the comparison nor which key matched shows in the time taken; keys are never held in clear.
 */
public final class ApiKeys {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private record Entry(ApiCaller caller, byte[] hash) {
    }

    private final List<Entry> entries;

    public ApiKeys(List<AuthProperties.Key> keys) {
        Set<String> names = new HashSet<>();
        this.entries = keys.stream().map(key -> {
            String where = "jobmesh.gateway.auth.keys[name=" + key.name() + "]";
            if (key.name() == null || !NAME.matcher(key.name()).matches()) {
                throw new IllegalArgumentException(where + ": name must be 1 to 64 letters, digits, '.', '_' or '-'");
            }
            if (!names.add(key.name())) {
                throw new IllegalArgumentException(where + ": two keys have this name");
            }
            if (key.role() == null) {
                throw new IllegalArgumentException(where + ": role is required (submit or admin)");
            }
            if (key.sha256() == null || !SHA256.matcher(key.sha256()).matches()) {
                throw new IllegalArgumentException(where + ": sha256 must be the key's SHA-256 as 64 hex digits");
            }
            return new Entry(new ApiCaller(key.name(), key.role(), true), HexFormat.of().parseHex(key.sha256()));
        }).toList();
    }

    /** The caller whose key this is, if any. */
    public Optional<ApiCaller> find(String presented) {
        byte[] hash = sha256(presented);
        ApiCaller found = null;
        for (Entry entry : entries) {
            // every entry is compared, a match or not: the time taken does not depend on which key matched
            if (MessageDigest.isEqual(entry.hash(), hash)) {
                found = entry.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    /** The hex SHA-256 of a key: what a key's configuration holds. */
    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
