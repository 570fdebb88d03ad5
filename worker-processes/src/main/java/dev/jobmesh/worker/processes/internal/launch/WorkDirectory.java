package dev.jobmesh.worker.processes.internal.launch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.jobmesh.core.service.ProcessOwnedFiles;
import org.springframework.util.FileSystemUtils;

/**
 * The supervisor's cache of derived files (extracted jars, start-up archives), private to its user because a
 * child JVM loads code from it. Entries are built under a temporary name and moved into place, so concurrent
 * supervisors never see half an entry. Each build of the service makes entries of its own, so the cache is
 * pruned: a supervisor marks the entries it uses (under {@code .in-use}, named for its process), and
 * {@link #prune} deletes those no running supervisor has marked, beyond the last few used of each kind.
 */
public final class WorkDirectory {

    private static final String IN_USE = ".in-use";
    private static final String TEMPORARY = ".tmp-";
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);

    /** Builds an entry into the given temporary path. */
    @FunctionalInterface
    public interface Builder {
        void build(Path into) throws IOException;
    }

    private final Path root;

    public WorkDirectory(Path root) {
        this.root = root.toAbsolutePath();
    }

    public Path root() {
        return root;
    }

    /** The entry of this name, built first if it does not exist yet, and marked as used by this process. */
    public Path entry(String name, Builder builder) throws IOException {
        createRoot();
        Path target = root.resolve(name);
        // marked before it is looked for, under the lock a prune holds: a prune never deletes it from here on
        withLock(() -> {
            Path marks = Files.createDirectories(root.resolve(IN_USE));
            Path mark = marks.resolve(new ProcessOwnedFiles(marks, "").nameFor(name));
            Files.deleteIfExists(mark);
            Files.createFile(mark);
            if (Files.exists(target)) {
                Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
            }
            return null;
        });
        if (Files.exists(target)) {
            return target;
        }
        // The temporary name keeps the entry's extension last: the JVM insists on it for some archives.
        Path temporary = root.resolve(new ProcessOwnedFiles(root, TEMPORARY).nameFor(System.nanoTime() + "-" + name));
        try {
            builder.build(temporary);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // another supervisor built it first; theirs is as good
            } catch (IOException e) {
                if (!Files.exists(target)) {
                    throw e;
                }
            }
        } finally {
            FileSystemUtils.deleteRecursively(temporary);
        }
        return target;
    }

    /**
     * Deletes what no running supervisor uses: half-built entries and marks of supervisors that have ended, and
     * every entry no running supervisor has marked except the {@code keepUnused} last used of each kind
     * ({@code exec-}, {@code child-}), so a restarted supervisor of the same build finds its entries. Answers the
     * names deleted.
     */
    public List<String> prune(int keepUnused) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        return withLock(() -> {
            new ProcessOwnedFiles(root, TEMPORARY).pruneEnded();
            Path marks = root.resolve(IN_USE);
            ProcessOwnedFiles marked = new ProcessOwnedFiles(marks, "");
            marked.pruneEnded();
            Set<String> inUse = new HashSet<>();
            for (Path mark : marked.ofRunningProcesses()) {
                String name = mark.getFileName().toString();
                inUse.add(name.substring(name.indexOf('-') + 1));
            }
            Map<String, List<Path>> unusedByKind = new HashMap<>();
            try (Stream<Path> listing = Files.list(root)) {
                listing.filter(p -> !p.getFileName().toString().startsWith("."))
                        .filter(p -> !inUse.contains(p.getFileName().toString()))
                        .forEach(p -> unusedByKind.computeIfAbsent(kindOf(p), k -> new ArrayList<>()).add(p));
            }
            List<String> deleted = new ArrayList<>();
            for (List<Path> unused : unusedByKind.values()) {
                unused.sort(Comparator.comparing(WorkDirectory::lastUsed).reversed());
                for (Path old : unused.subList(Math.min(keepUnused, unused.size()), unused.size())) {
                    FileSystemUtils.deleteRecursively(old);
                    deleted.add(old.getFileName().toString());
                }
            }
            return deleted;
        });
    }

    private static String kindOf(Path entry) {
        String name = entry.getFileName().toString();
        int dash = name.indexOf('-');
        return dash < 0 ? name : name.substring(0, dash);
    }

    private static FileTime lastUsed(Path entry) {
        try {
            return Files.getLastModifiedTime(entry);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private interface Locked<T> {
        T run() throws IOException;
    }

    /**
     * Runs the action holding the directory's lock file, which serialises marking and pruning across supervisors.
     * Two supervisors in one JVM (tests) cannot both hold a file lock, so a lock held in this JVM is waited for too.
     */
    private <T> T withLock(Locked<T> action) throws IOException {
        long deadline = System.nanoTime() + LOCK_TIMEOUT.toNanos();
        try (FileChannel channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            while (true) {
                FileLock lock = null;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    // held by another supervisor in this JVM
                }
                if (lock != null) {
                    try (FileLock held = lock) {
                        return action.run();
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("the lock of " + root + " is still held after " + LOCK_TIMEOUT);
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted waiting for the lock of " + root, e);
                }
            }
        }
    }

    private void createRoot() throws IOException {
        if (!Files.isDirectory(root)) {
            try {
                Files.createDirectories(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(root);
            }
        }
        requirePrivate();
    }

    /** Children load code from here, so a directory someone else owns or may write to is refused. */
    private void requirePrivate() throws IOException {
        String user = System.getProperty("user.name");
        String owner = Files.getOwner(root).getName();
        if (user != null && !user.equals(owner)) {
            throw new IOException(root + " belongs to " + owner + ", not " + user
                    + "; set jobmesh.processes.work-directory to a directory of your own");
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(root);
            if (permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new IOException(root + " is writable by others (" + PosixFilePermissions.toString(permissions)
                        + "); set jobmesh.processes.work-directory to a private directory");
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; ownership was checked
        }
    }


}
