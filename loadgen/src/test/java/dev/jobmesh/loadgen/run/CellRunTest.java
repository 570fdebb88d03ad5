package dev.jobmesh.loadgen.run;

import java.net.URI;
import java.time.Duration;

import dev.jobmesh.loadgen.gateway.GatewayClient;
import dev.jobmesh.loadgen.gateway.RequestStyle;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CellRunTest {

    private final GatewayClient client = new GatewayClient(URI.create("http://127.0.0.1:1"));
    private final LoadWorkload noop = LoadWorkload.named("noop", 1, 1);

    @Test
    void jobBudgetIsHandedOutInBatchesUntilSpent() {
        CellRun run = new CellRun(client, RequestStyle.batches(200), "threads", noop, 450, null, Duration.ofSeconds(1), 1000, new CellRecorder(noop.check()));
        long now = System.nanoTime();
        assertThat(run.claim(200, now)).isEqualTo(200);
        assertThat(run.claim(200, now)).isEqualTo(200);
        assertThat(run.claim(200, now)).isEqualTo(50);
        assertThat(run.claim(200, now)).isZero();
    }

    @Test
    void durationBudgetEndsAtTheIntendedTimeNotTheClaimTime() {
        CellRun run = new CellRun(client, RequestStyle.batches(200), "threads", noop, 0, Duration.ofSeconds(5), Duration.ofSeconds(1), 1000,
                new CellRecorder(noop.check()));
        assertThat(run.claim(100, run.startNanos() + Duration.ofSeconds(4).toNanos())).isEqualTo(100);
        assertThat(run.claim(100, run.startNanos() + Duration.ofSeconds(5).toNanos())).isZero();
    }

    @Test
    void rejectedOrUnreachableSubmissionCountsEveryJobOfTheBatchAsAnError() throws Exception {
        CellRecorder recorder = new CellRecorder(noop.check());
        CellRun run = new CellRun(client, RequestStyle.batches(200), "threads", noop, 10, null, Duration.ofSeconds(1), 1000, recorder);
        run.send(new long[] {1, 2, 3});
        assertThat(recorder.errors()).containsEntry("submit-io", 3L);
        assertThat(recorder.submitted()).isZero();
    }
}
