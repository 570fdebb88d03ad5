package dev.jobmesh.loadgen.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.jobmesh.loadgen.gateway.JobView;

class CellRecorderTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private final CellRecorder recorder = new CellRecorder(LoadWorkload.named("cpu", 100_000, 50).check());

    @Test
    void rightResultsCountAsSucceededWithTheirLatenciesFromTheJobsTimestamps() {
        recorder.accepted(2, T0);
        // intended at T0, accepted 10 ms later, started after 30 ms in the queue, ran 60 ms.
        recorder.finished(job("a", "SUCCEEDED", Map.of("primes", 9592), 10, 40, 100), T0);
        recorder.finished(job("b", "SUCCEEDED", Map.of("primes", 9592), 20, 220, 300), T0);

        assertThat(recorder.submitted()).isEqualTo(2);
        assertThat(recorder.succeeded()).isEqualTo(2);
        assertThat(recorder.errors()).isEmpty();
        assertThat(recorder.elapsed()).isEqualTo(Duration.ofMillis(300));
        assertThat(recorder.endToEnd().max().toMillis()).isEqualTo(300);
        assertThat(recorder.endToEnd().percentile(50).toMillis()).isEqualTo(100);
        assertThat(recorder.queueWait().max().toMillis()).isEqualTo(200);
        assertThat(recorder.queueWait().percentile(50).toMillis()).isEqualTo(30);
        assertThat(recorder.execution().percentile(50).toMillis()).isEqualTo(60);
        assertThat(recorder.execution().max().toMillis()).isEqualTo(80);
    }

    @Test
    void wrongResultsFailuresAndLostJobsAreErrorsByKind() {
        recorder.accepted(4, T0);
        recorder.finished(job("a", "SUCCEEDED", Map.of("primes", 9591), 1, 2, 3), T0);
        recorder.finished(job("b", "FAILED", null, 1, 2, 3), T0);
        recorder.finished(job("c", "CANCELLED", null, 1, 2, 3), T0);
        recorder.error("unfinished", 2);
        recorder.error("http-503", 5);

        assertThat(recorder.succeeded()).isZero();
        assertThat(recorder.errors()).containsExactly(Map.entry("cancelled", 1L), Map.entry("failed-TIMEOUT", 1L),
                Map.entry("http-503", 5L), Map.entry("unfinished", 2L), Map.entry("wrong-result", 1L));
        assertThat(recorder.errorCount()).isEqualTo(10);
        assertThat(recorder.done()).isEqualTo(10);
    }

    @Test
    void endToEndRunsFromTheIntendedSendSoAStallIsNotHidden() {
        // Open loop, one job intended every 10 ms; the system stalls for 1 s after the first job, so the next 99
        // are sent late and all finish at 1 s + 1 ms. Timing from the intended send shows the queue they waited in.
        recorder.finished(job("first", "SUCCEEDED", Map.of("primes", 9592), 0, 0, 1), T0);
        for (int i = 1; i < 100; i++) {
            recorder.finished(job("late-" + i, "SUCCEEDED", Map.of("primes", 9592), 1000, 1000, 1001),
                    T0.plusMillis(i * 10L));
        }
        assertThat(recorder.endToEnd().percentile(50)).isGreaterThan(Duration.ofMillis(400));
        assertThat(recorder.endToEnd().max().toMillis()).isBetween(985L, 1001L);
    }

    private static JobView job(String id, String status, Map<String, Object> result, long submittedMs, long startedMs,
                               long finishedMs) {
        return new JobView(id, status, "cpu", "threads", result,
                "FAILED".equals(status) ? Map.of("code", "TIMEOUT") : null, 1, T0.plusMillis(submittedMs),
                T0.plusMillis(startedMs), T0.plusMillis(finishedMs));
    }
}
