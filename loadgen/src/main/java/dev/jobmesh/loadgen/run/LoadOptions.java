package dev.jobmesh.loadgen.run;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.jobmesh.core.Ports;
import dev.jobmesh.loadgen.gateway.RequestStyle;
import dev.jobmesh.loadgen.resources.MetricsEndpointProbe;
import dev.jobmesh.loadgen.resources.ProcProbe;
import dev.jobmesh.loadgen.resources.ResourceProbe;
import picocli.CommandLine.Option;

/** The options {@code run} and {@code matrix} share: where the system is, how to load it, where results go. */
final class LoadOptions {

    @Option(names = "--gateway", defaultValue = "http://127.0.0.1:" + Ports.GATEWAY,
            description = "The gateway's base URL (default: ${DEFAULT-VALUE}).")
    URI gateway;

    @Option(names = "--api-key", defaultValue = "${env:JOBMESH_API_KEY}",
            description = "The gateway's API key, sent as Authorization: Bearer (default: $JOBMESH_API_KEY; "
                    + "./jobmesh loadtest passes the key ./jobmesh start made).")
    String apiKey;

    @Option(names = {"-c", "--concurrency"},
            description = "Closed loop: jobs kept in flight (default: 1000 unless --rate is given).")
    Integer concurrency;

    @Option(names = {"-r", "--rate"},
            description = "Open loop: jobs offered per second whatever the system does, each timed from when it was "
                    + "due (coordinated omission corrected). A batch goes when its last job is due: keep batch / rate "
                    + "small against the latencies you measure.")
    Double rate;

    @Option(names = {"-b", "--batch"}, defaultValue = "200",
            description = "Jobs per POST /api/jobs/batch request, 1..10000 (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--single",
            description = "One job per POST /api/jobs, as a client submitting work item by item does: each of the "
                    + "--concurrency clients sends its next job once the last is accepted; outcomes are read in the "
                    + "background with POST /api/jobs/statuses and every one is checked. --batch is then ignored. "
                    + "Measures the gateway's intake per request rather than the models.")
    boolean single;

    @Option(names = "--max-unfinished", defaultValue = "1000",
            description = "With --single: jobs accepted but not yet finished at most; clients wait beyond it "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxUnfinished;

    @Option(names = "--cpu-limit", defaultValue = "200000",
            description = "The cpu workload's limit: count primes up to it (default: ${DEFAULT-VALUE}).")
    int cpuLimit;

    @Option(names = "--sleep-ms", defaultValue = "50", description = "The sleep workload's ms (default: ${DEFAULT-VALUE}).")
    int sleepMs;

    @Option(names = "--await", defaultValue = "120s", converter = DurationConverter.class,
            description = "How long a batch's jobs may take to finish before they count as lost (default: ${DEFAULT-VALUE}).")
    Duration awaitLimit;

    @Option(names = "--kafka", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:" + Ports.KAFKA + "}",
            description = "The broker, for the Kafka round trip that bounds noop (default: ${DEFAULT-VALUE}).")
    String kafka;

    @Option(names = "--round-trip-records", defaultValue = "200000",
            description = "Records sent through the Kafka round trip (default: ${DEFAULT-VALUE}).")
    int roundTripRecords;

    @Option(names = "--cores", description = "Cores of the machine under test, for the cpu bound (default: this machine's).")
    Integer cores;

    @Option(names = "--metrics", paramLabel = "NAME=URL",
            description = "A service whose CPU and memory to report, read from its Prometheus endpoint; repeatable. "
                    + "Name workers worker-<model> (worker-threads, worker-virtual, ...).")
    Map<String, URI> metrics = new LinkedHashMap<>();

    @Option(names = "--pid", paramLabel = "NAME=PID",
            description = "A local process whose CPU and memory to report, read from /proc (the broker, say); repeatable.")
    Map<String, Long> pids = new LinkedHashMap<>();

    @Option(names = "--results", defaultValue = "results",
            description = "Where to write <timestamp>/report.json, report.md and throughput.png (default: ${DEFAULT-VALUE}).")
    java.nio.file.Path results;

    LoadShape shape() {
        if (rate != null && concurrency != null) {
            throw new IllegalArgumentException("give --concurrency (closed loop) or --rate (open loop), not both");
        }
        return rate != null ? new OpenLoop(rate) : new ClosedLoop(concurrency == null ? 1000 : concurrency);
    }

    RequestStyle requests() {
        return single ? RequestStyle.singleJobs() : RequestStyle.batches(batchSize);
    }

    int cores() {
        return cores == null ? Runtime.getRuntime().availableProcessors() : cores;
    }

    void validate() {
        requests();
        shape();
        if (maxUnfinished < 1) {
            throw new IllegalArgumentException("--max-unfinished must be at least 1");
        }
    }

    List<ResourceProbe> probes(HttpClient http) {
        List<ResourceProbe> probes = new ArrayList<>();
        metrics.forEach((name, url) -> probes.add(new MetricsEndpointProbe(name, url, http)));
        pids.forEach((name, pid) -> probes.add(new ProcProbe(name, pid)));
        probes.add(ProcProbe.self("loadgen"));
        return probes;
    }

    LoadPlan plan(List<String> models, List<String> workloads, long jobs, Duration duration, Duration warmUp) {
        validate();
        return new LoadPlan(models, workloads.stream().map(name -> LoadWorkload.named(name, cpuLimit, sleepMs)).toList(),
                cpuLimit, shape(), requests(), jobs, duration, warmUp, awaitLimit, maxUnfinished, cores(), kafka,
                roundTripRecords);
    }
}
