package dev.jobmesh.loadgen.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes a run to {@code results/<timestamp>/}: {@code report.json}, {@code report.md} and {@code throughput.png}. */
public final class ReportFiles {

    private static final DateTimeFormatter DIRECTORY = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** The directory for a run started at the report's start time, under {@code root}. */
    public static Path directoryFor(Path root, RunReport report) {
        return root.resolve(DIRECTORY.format(report.startedAt()));
    }

    /** Writes all three files into {@code directory} and returns it. */
    public Path write(RunReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.write(directory.resolve("report.json"), json.writeValueAsBytes(report));
        Files.writeString(directory.resolve("report.md"), markdown(report));
        ThroughputChart.writePng(report.cells(), "jobmesh: jobs/s per model, by workload ("
                + report.machine().cores() + " cores)", directory.resolve("throughput.png"));
        return directory;
    }

    /** The report as Markdown: the machine, the calibration, and both tables. */
    public String markdown(RunReport report) {
        RunReport.Machine machine = report.machine();
        RunReport.Settings settings = report.settings();
        StringBuilder text = new StringBuilder();
        text.append("# jobmesh load test, ").append(report.startedAt()).append("\n\n");
        text.append(String.format(Locale.ROOT, "Machine: %d cores (%s), %,d MB memory, %s, Java %s.%n", machine.cores(),
                machine.cpu(), machine.memoryMb(), machine.os(), machine.java()));
        text.append(String.format(Locale.ROOT, "Load: %s, %s via %s%s.%n%n", settings.load(),
                settings.requests(), settings.gateway(), settings.secondsPerCell() != null
                        ? String.format(Locale.ROOT, ", %.0f s per cell after %.0f s warm-up", settings.secondsPerCell(),
                                settings.warmUpSeconds() == null ? 0 : settings.warmUpSeconds())
                        : String.format(Locale.ROOT, ", %,d jobs per cell", settings.jobsPerCell())));
        RunReport.Calibration calibration = report.calibration();
        if (calibration.cpuSingleJobMs() != null) {
            text.append(String.format(Locale.ROOT, "cpu bound: one job's work takes %.2f ms on one core (median, "
                    + "after JIT warm-up).%n", calibration.cpuSingleJobMs()));
        }
        if (calibration.kafkaRoundTrip() != null) {
            text.append("noop bound: ").append(calibration.kafkaRoundTrip().reason()).append(": ")
                    .append(Figures.rate(calibration.kafkaRoundTrip().jobsPerSecond())).append(" jobs/s.\n");
        }
        text.append("\nLatencies in ms. e2e: from the intended send to the worker's finish; queue: accepted to "
                + "started; exec: started to finished. Bound: sleep/http = in flight / 50 ms, cpu = cores / one "
                + "job's time, noop = the Kafka round trip.\n\n");
        text.append(ResultTable.results(report.cells()).markdown());
        text.append("\nCPU cores (average) / peak RSS in MB of each process while the cell ran "
                + "(worker-processes includes its children):\n\n");
        text.append(ResultTable.resources(report.cells()).markdown());
        text.append("\nCPU per correct result, in microseconds, of each process while the cell ran (its average cores "
                + "over the cell's jobs/s: jobmesh's own cost per job, whatever the throughput):\n\n");
        text.append(ResultTable.cpuPerJob(report.cells()).markdown());
        text.append("\n![jobs/s per model, by workload](throughput.png)\n");
        return text.toString();
    }

}
