package dev.jobmesh.worker.processes.internal.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** A process's resident set size, read from {@code /proc/<pid>/status} (Linux; empty elsewhere or once it is gone). */
public final class ResidentSetSize {

    private ResidentSetSize() {
    }

    /** The resident set of the process in bytes. */
    public static OptionalLong of(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    // "VmRSS:     81234 kB"
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // gone, or not Linux
        }
        return OptionalLong.empty();
    }
}
