package dev.jobmesh.system.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What one process holds right now, from /proc: resident memory, threads, open file descriptors. */
record ProcessSample(long rssBytes, int threads, int fileDescriptors) {

    static ProcessSample of(long pid) throws IOException {
        long rss = 0;
        int threads = 0;
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            } else if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(line.replaceAll("\\D", ""));
            }
        }
        int fds;
        try (Stream<Path> open = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            fds = (int) open.count();
        }
        return new ProcessSample(rss, threads, fds);
    }

    /** The same, summed over a process and its descendants (a process-model worker and its children). */
    static ProcessSample ofTree(long pid) throws IOException {
        ProcessSample total = of(pid);
        List<ProcessHandle> children = ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of());
        for (ProcessHandle child : children) {
            try {
                ProcessSample one = of(child.pid());
                total = new ProcessSample(total.rssBytes + one.rssBytes, total.threads + one.threads,
                        total.fileDescriptors + one.fileDescriptors);
            } catch (IOException e) {
                // the child ended in between
            }
        }
        return total;
    }

    static long megabytes(long bytes) {
        return bytes / (1024 * 1024);
    }
}
