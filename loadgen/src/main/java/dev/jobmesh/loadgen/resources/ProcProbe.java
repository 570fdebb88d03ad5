package dev.jobmesh.loadgen.resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a process from Linux's {@code /proc}: for processes without a metrics endpoint, such as the Kafka broker,
 * the HTTP target and the load generator itself.
 */
public final class ProcProbe implements ResourceProbe {

    // USER_HZ is 100 on every Linux architecture the JDK runs on; /proc reports CPU time in these ticks.
    private static final double TICKS_PER_SECOND = 100;

    private final String name;
    private final long pid;

    public ProcProbe(String name, long pid) {
        this.name = name;
        this.pid = pid;
    }

    /** The load generator's own process. */
    public static ProcProbe self(String name) {
        return new ProcProbe(name, ProcessHandle.current().pid());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Sample> sample() {
        try {
            Path dir = Path.of("/proc", Long.toString(pid));
            String stat = Files.readString(dir.resolve("stat"));
            // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
            long rss = 0;
            for (String line : Files.readAllLines(dir.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            return Optional.of(new Sample(cpu, rss));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
