package dev.jobmesh.system.scale;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.system.LocalSystem;
import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults under the matrix's rate of mixed load (jobmesh.scale.rate) spread over two gateways: kill -9 of each
 * worker, of one gateway (the other keeps serving), and the broker stopped and started again. Every job that got a
 * 202 ends terminal with one outcome, the same on every gateway, a fresh one rebuilt from Kafka included; clients
 * see no answer but 202 and 503 and no request outlives its timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillUnderLoadScale {

    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

    private final ScaleSettings scale = ScaleSettings.fromSystemProperties();
    private final ScaleReport report = new ScaleReport("kill");
    private LocalSystem system;
    private ServiceProcess second;

    @BeforeAll
    void start() throws Exception {
        system = ScaleSystems.deployed("scale-kill");
        system.startAll(Model.values());
        second = system.startGateway("gateway-b", Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    private void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    @Test
    void everyAcceptedJobEndsOnceThroughKillsOfEveryServiceAndABrokerRestart() throws Exception {
        JobLedger ledger = JobLedger.ofIds();
        ApiClient first = system.api();
        ApiClient other = new ApiClient(LocalSystem.apiUrlOf(second));
        MixedLoad load = new MixedLoad(List.of(first.base(), other.base()), ledger, scale.matrixRate(), Duration.ZERO).start();
        try {
            pause(Duration.ofSeconds(20));
            report.line("load of %,d jobs/s over two gateways: %s after 20 s", scale.matrixRate(), load.answers());
            for (Model model : Model.values()) {
                ServiceProcess worker = system.worker(model);
                worker.kill();
                report.line("killed worker %s (-9) under load", model.id());
                pause(Duration.ofSeconds(5));
                long began = System.nanoTime();
                worker.start();
                report.line("worker %s back in %.1f s", model.id(), (System.nanoTime() - began) / 1e9);
            }
            system.gateway().kill();
            report.line("killed gateway 1 (-9) under load; answers so far %s", load.answers());
            pause(Duration.ofSeconds(10));
            long began = System.nanoTime();
            // it rebuilds its view of every job so far (two million records and more) from an empty directory while
            // the full load runs on the same two cores: a figure to report, given time
            system.gateway().start(Duration.ofMinutes(5));
            report.line("gateway 1 back in %.1f s", (System.nanoTime() - began) / 1e9);

            system.stopBroker();
            report.line("broker stopped under load");
            pause(Duration.ofSeconds(15));
            began = System.nanoTime();
            system.startBroker();
            report.line("broker started again in %.1f s; answers so far %s", (System.nanoTime() - began) / 1e9, load.answers());
            pause(Duration.ofSeconds(20));
        } finally {
            load.close();
        }
        report.line("load over: %,d jobs accepted; answers %s; errors %d", ledger.count(), load.answers(), load.errors().size());
        assertThat(load.errors()).as("answers other than 200, 202 or 503, and requests past their timeout").isEmpty();

        List<String> ids = ledger.ids();
        Map<String, String> onFirst = awaitTerminal(first, ids);
        Map<String, Long> counts = JobLedger.statusCounts(ids, onFirst);
        report.line("outcomes of the %,d accepted jobs: %s", ids.size(), counts);
        assertThat(counts.keySet()).as("statuses of every accepted job").isSubsetOf(TERMINAL);

        Map<String, String> onSecond = JobLedger.read(other, ids, Duration.ZERO);
        assertThat(JobLedger.disagreements(ids, onFirst, onSecond)).as("jobs whose outcome differs between the two gateways").isEmpty();
        ServiceProcess rebuilt = system.startGateway("gateway-c", Map.of());
        Map<String, String> onRebuilt = JobLedger.read(new ApiClient(LocalSystem.apiUrlOf(rebuilt)), ids, Duration.ZERO);
        assertThat(JobLedger.disagreements(ids, onFirst, onRebuilt))
                .as("jobs whose outcome differs on a gateway rebuilt from Kafka afterwards").isEmpty();
        double duplicates = new Metrics(LocalSystem.managementUrlOf(rebuilt)).sum("jobmesh_status_duplicate_outcomes_total")
                + new Metrics(LocalSystem.managementUrlOf(second)).sum("jobmesh_status_duplicate_outcomes_total");
        report.line("later outcomes ignored (a redelivered job finishing twice; the first kept): %.0f", duplicates);
    }

    /** Every job as the gateway has it once all are terminal, reading again until they are (10 minutes at most). */
    private Map<String, String> awaitTerminal(ApiClient gateway, List<String> ids) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            Map<String, String> jobs = JobLedger.read(gateway, ids, Duration.ofSeconds(20));
            Map<String, Long> counts = JobLedger.statusCounts(ids, jobs);
            if (TERMINAL.containsAll(counts.keySet()) || System.nanoTime() > deadline) {
                return jobs;
            }
            report.line("not all terminal yet: %s", counts);
            Thread.sleep(5_000);
        }
    }
}
