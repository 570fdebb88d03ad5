package dev.jobmesh.core.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * Files and directories in one place whose names start with a prefix and the id of the process that made them
 * ({@code <prefix><pid>-...}), deleted once that process has ended - never while it runs, because a running
 * process may be using them. A process killed with -9 cleans nothing up; the next one prunes for it.
 */
public final class ProcessOwnedFiles {

    private static final Logger log = LoggerFactory.getLogger(ProcessOwnedFiles.class);
    /** A process that started this much after a file was written did not write it: its pid was reused. */
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(2);

    private final Path parent;
    private final String prefix;

    public ProcessOwnedFiles(Path parent, String prefix) {
        this.parent = parent;
        this.prefix = prefix;
    }

    /** The name of a new entry of this process: the prefix, this process's id and the given suffix. */
    public String nameFor(String suffix) {
        return prefix + ProcessHandle.current().pid() + "-" + suffix;
    }

    /** A new directory of this process. */
    public Path createDirectory() throws IOException {
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, nameFor(""));
    }

    /** Entries of this prefix whose process still runs (or may: when in doubt, an entry counts as running). */
    public List<Path> ofRunningProcesses() throws IOException {
        return entries().stream().filter(entry -> !ended(entry)).toList();
    }

    /** Deletes every entry of this prefix whose process has ended; answers how many were deleted. */
    public int pruneEnded() {
        try {
            int deleted = 0;
            for (Path entry : entries()) {
                if (ended(entry) && delete(entry)) {
                    deleted++;
                }
            }
            if (deleted > 0) {
                log.info("Deleted {} entries named {}* in {} left by processes that have ended", deleted, prefix, parent);
            }
            return deleted;
        } catch (IOException e) {
            log.warn("Could not prune {}* in {}: {}", prefix, parent, e.toString());
            return 0;
        }
    }

    private List<Path> entries() throws IOException {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(parent)) {
            return listing.filter(p -> pidOf(p).isPresent()).toList();
        }
    }

    private Optional<Long> pidOf(Path entry) {
        String name = entry.getFileName().toString();
        if (!name.startsWith(prefix)) {
            return Optional.empty();
        }
        int dash = name.indexOf('-', prefix.length());
        if (dash <= prefix.length()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(name.substring(prefix.length(), dash)));
        } catch (NumberFormatException e) {
            return Optional.empty(); // not named for a process: not this class's to delete
        }
    }

    private boolean ended(Path entry) {
        long pid = pidOf(entry).orElseThrow();
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Instant> started = process.get().info().startInstant();
        if (started.isEmpty()) {
            return false;
        }
        try {
            // The entry was made by its process after that process started, and an entry's time only moves later.
            FileTime modified = Files.getLastModifiedTime(entry);
            return started.get().isAfter(modified.toInstant().plus(CLOCK_SLACK));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean delete(Path entry) {
        try {
            return FileSystemUtils.deleteRecursively(entry);
        } catch (IOException e) {
            log.debug("Could not delete {}: {}", entry, e.toString());
            return false;
        }
    }
}
