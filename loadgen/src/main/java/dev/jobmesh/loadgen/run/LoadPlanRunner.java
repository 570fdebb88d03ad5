package dev.jobmesh.loadgen.run;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.jobmesh.loadgen.calibrate.CpuCalibration;
import dev.jobmesh.loadgen.calibrate.KafkaRoundTrip;
import dev.jobmesh.loadgen.gateway.GatewayClient;
import dev.jobmesh.loadgen.report.CellResult;
import dev.jobmesh.loadgen.report.RunReport;
import dev.jobmesh.loadgen.resources.ResourceProbe;
import dev.jobmesh.loadgen.resources.ResourceSampler;
import dev.jobmesh.loadgen.resources.ResourceUsage;
import dev.jobmesh.loadgen.stats.LatencySummary;
import dev.jobmesh.loadgen.stats.ThroughputBound;

/** Runs a {@link LoadPlan}: calibrates the bounds, then every cell in turn, printing progress as it goes. */
public final class LoadPlanRunner {

    private static final ThroughputBound UNKNOWN = ThroughputBound.measured("not measured", 0);

    private final GatewayClient client;
    private final List<ResourceProbe> probes;
    private final PrintStream out;
    private final boolean terminal;

    public LoadPlanRunner(GatewayClient client, List<ResourceProbe> probes, PrintStream out, boolean terminal) {
        this.client = client;
        this.probes = probes;
        this.out = out;
        this.terminal = terminal;
    }

    public RunReport run(LoadPlan plan, RunReport.Settings settings) throws IOException, InterruptedException {
        Instant startedAt = Instant.now();
        checkGateway();
        RunReport.Calibration calibration = calibrate(plan);
        List<CellResult> cells = new ArrayList<>();
        for (LoadWorkload workload : plan.workloads()) {
            ThroughputBound workloadBound = switch (workload.type()) {
                case "cpu" -> calibration.cpuSingleJobMs() == null ? UNKNOWN
                        : ThroughputBound.cpu(plan.cores(), Duration.ofNanos((long) (calibration.cpuSingleJobMs() * 1e6)));
                case "noop" -> calibration.kafkaRoundTrip() == null ? UNKNOWN : calibration.kafkaRoundTrip();
                case LoadWorkload.MIXED -> UNKNOWN; // a mix of bounds of different kinds
                default -> null;
            };
            for (String model : plan.models()) {
                CellResult cell = runCell(plan, model, workload, plan.shape().bound(workload, workloadBound));
                cells.add(cell);
                out.printf(Locale.ROOT, "  %-6s %-9s %,9.0f jobs/s  %3.0f %% of %,.0f  e2e p50 %,.0f ms  p99 %,.0f ms  "
                                + "errors %d%n", cell.workload(), cell.model(), cell.jobsPerSecond(),
                        cell.fractionOfBound() * 100, cell.bound().jobsPerSecond(), cell.endToEnd().p50Ms(),
                        cell.endToEnd().p99Ms(), cell.errorCount());
            }
        }
        return new RunReport(startedAt, MachineFacts.read(plan.cores()), settings, calibration, cells);
    }

    /** Fails with one clear line, before any calibration, when the gateway cannot be reached or answers wrongly. */
    private void checkGateway() throws InterruptedException {
        try {
            client.statuses(List.of("loadgen-preflight"), Duration.ZERO);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the gateway at " + client.base() + " does not answer "
                    + "POST /api/jobs/statuses (" + e + "); is jobmesh running? (./jobmesh start)", e);
        }
    }

    private RunReport.Calibration calibrate(LoadPlan plan) throws IOException, InterruptedException {
        Double cpuMs = null;
        ThroughputBound roundTrip = null;
        for (LoadWorkload workload : plan.workloads()) {
            if (workload.type().equals("cpu")) {
                out.println("Calibrating: one cpu job's work on one core...");
                cpuMs = new CpuCalibration().singleJob(plan.cpuLimit()).toNanos() / 1e6;
                out.printf(Locale.ROOT, "  one cpu job (limit %,d): %.2f ms%n", plan.cpuLimit(), cpuMs);
            } else if (workload.type().equals("noop") && plan.kafkaBootstrap() != null) {
                out.println("Calibrating: Kafka round trip at " + plan.kafkaBootstrap() + "...");
                roundTrip = new KafkaRoundTrip(plan.kafkaBootstrap()).measure(plan.roundTripRecords(), Duration.ofSeconds(60));
                out.printf(Locale.ROOT, "  %s: %,.0f jobs/s%n", roundTrip.reason(), roundTrip.jobsPerSecond());
            }
        }
        return new RunReport.Calibration(cpuMs, roundTrip);
    }

    private CellResult runCell(LoadPlan plan, String model, LoadWorkload workload, ThroughputBound bound)
            throws InterruptedException {
        if (plan.warmUp() != null && !plan.warmUp().isZero()) {
            CellRun warmUp = new CellRun(client, plan.requests(), model, workload, 0, plan.warmUp(), plan.awaitLimit(),
                    plan.maxUnfinished(), new CellRecorder(workload.check()));
            try (ProgressLine progress = ProgressLine.start(out, terminal, workload.type() + "/" + model + " warm-up", warmUp)) {
                plan.shape().drive(warmUp, plan.requests().jobsPerRequest());
                warmUp.finish();
            }
        }
        CellRecorder recorder = new CellRecorder(workload.check());
        CellRun run = new CellRun(client, plan.requests(), model, workload, plan.jobsPerCell(), plan.duration(),
                plan.awaitLimit(), plan.maxUnfinished(), recorder);
        Map<String, ResourceUsage> resources;
        try (ProgressLine progress = ProgressLine.start(out, terminal, workload.type() + "/" + model, run)) {
            ResourceSampler sampler = ResourceSampler.start(probes, Duration.ofSeconds(1));
            try {
                plan.shape().drive(run, plan.requests().jobsPerRequest());
                run.finish();
            } finally {
                resources = sampler.finish();
            }
        }
        double seconds = recorder.elapsed().toNanos() / 1e9;
        double jobsPerSecond = seconds > 0 ? recorder.succeeded() / seconds : 0;
        return new CellResult(model, workload.type(), plan.shape().describe(), recorder.submitted(),
                recorder.succeeded(), recorder.errors(), seconds, jobsPerSecond, bound, bound.fractionOf(jobsPerSecond),
                LatencySummary.of(recorder.endToEnd()), LatencySummary.of(recorder.queueWait()),
                LatencySummary.of(recorder.execution()), resources);
    }
}
