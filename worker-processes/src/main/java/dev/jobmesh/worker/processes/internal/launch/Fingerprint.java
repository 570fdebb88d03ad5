package dev.jobmesh.worker.processes.internal.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A short hash naming a cached file by everything it was derived from, so a changed input (a rebuilt jar,
 * another JDK, other flags) gets a new cache entry instead of a stale one.
 */
public final class Fingerprint {

    private final MessageDigest digest;

    public Fingerprint() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    public Fingerprint add(String value) {
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        return this;
    }

    /** Adds a file by path, size and modification time; a directory by every file under it. */
    public Fingerprint addFile(Path path) {
        add(path.toAbsolutePath().toString());
        try {
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(path)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : files) {
                    addStats(file);
                }
            } else if (Files.exists(path)) {
                addStats(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private void addStats(Path file) throws IOException {
        add(file.toString());
        add(Long.toString(Files.size(file)));
        add(Long.toString(Files.getLastModifiedTime(file).toMillis()));
    }

    /** The first 16 hex digits of the hash. */
    public String hex() {
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }
}
