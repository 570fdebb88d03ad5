package dev.jobmesh.worker.processes.internal.launch;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The supervisor's cache of derived files (extracted jars, start-up archives), private to its user because a
 * child JVM loads code from it. Entries are built under a temporary name and moved into place, so concurrent
 * supervisors never see half an entry.
 */
public final class WorkDirectory {

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

    /** The entry of this name, built first if it does not exist yet. */
    public Path entry(String name, Builder builder) throws IOException {
        createRoot();
        Path target = root.resolve(name);
        if (Files.exists(target)) {
            return target;
        }
        // The temporary name keeps the entry's extension last: the JVM insists on it for some archives.
        Path temporary = root.resolve(".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + "-" + name);
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
            delete(temporary);
        }
        return target;
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

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
