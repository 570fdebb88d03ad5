package dev.jobmesh.loadgen.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.jobmesh.loadgen.report.RunReport;

/** The machine a report was measured on, from the JVM and Linux's {@code /proc}. */
final class MachineFacts {

    private MachineFacts() {
    }

    static RunReport.Machine read(int cores) {
        return new RunReport.Machine(cores, field("/proc/cpuinfo", "model name", "unknown CPU"),
                Long.parseLong(field("/proc/meminfo", "MemTotal", "0 kB").replaceAll("\\D", "")) / 1024,
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.version"));
    }

    private static String field(String file, String name, String otherwise) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream().filter(line -> line.startsWith(name)).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse(otherwise);
        } catch (IOException e) {
            return otherwise;
        }
    }
}
