package dev.jobmesh.loadgen.run;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.loadgen.gateway.GatewayClient;
import dev.jobmesh.loadgen.report.ReportFiles;
import dev.jobmesh.loadgen.report.ResultTable;
import dev.jobmesh.loadgen.report.RunReport;

/** Runs a plan, prints the result table and writes the report files: what {@code run} and {@code matrix} share. */
final class ReportedRun {

    /** The exit code of a run that finished but counted job errors (wrong results, lost jobs, rejections). */
    static final int JOB_ERRORS = 3;

    private ReportedRun() {
    }

    static int execute(LoadOptions options, LoadPlan plan, Double secondsPerCell, PrintStream out)
            throws IOException, InterruptedException {
        RunReport.Settings settings = new RunReport.Settings(options.gateway.toString(), plan.models(),
                plan.workloads().stream().map(LoadWorkload::type).toList(), plan.shape().describe(), plan.requests().describe(),
                plan.jobsPerCell(), secondsPerCell, plan.warmUp() == null ? null : plan.warmUp().toMillis() / 1000.0);
        RunReport report;
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                     .connectTimeout(Duration.ofSeconds(2)).build();
             GatewayClient client = new GatewayClient(options.gateway, options.apiKey)) {
            out.printf("Load test against %s: models %s, workloads %s, %s%n", options.gateway, plan.models(),
                    settings.workloads(), plan.shape().describe());
            report = new LoadPlanRunner(client, options.probes(http), out, System.console() != null).run(plan, settings);
        }
        out.println();
        out.print(ResultTable.results(report.cells()).aligned());
        out.println();
        out.println("CPU cores / peak RSS MB per process:");
        out.print(ResultTable.resources(report.cells()).aligned());
        out.println();
        out.println("CPU microseconds per correct result, per process:");
        out.print(ResultTable.cpuPerJob(report.cells()).aligned());
        Path directory = new ReportFiles().write(report, ReportFiles.directoryFor(options.results, report));
        out.println();
        out.println("Results: " + directory.resolve("report.md") + ", report.json, throughput.png");
        long errors = report.cells().stream().mapToLong(cell -> cell.errorCount()).sum();
        if (errors > 0) {
            out.printf("%,d jobs had errors (see the errors column)%n", errors);
            return JOB_ERRORS;
        }
        return 0;
    }

    /** Every model's id, in the order the report shows them. */
    static List<String> allModels() {
        return Arrays.stream(Model.values()).map(Model::id).toList();
    }

    /** The models asked for, {@code all} standing for the four (so {@code all,auto} compares auto with each). */
    static List<String> expandModels(List<String> models) {
        return models.stream().flatMap(model -> model.equals("all") ? allModels().stream() : Stream.of(model))
                .distinct().toList();
    }
}
