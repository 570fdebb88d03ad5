package dev.jobmesh.gateway.status;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobOutcome;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The header the view merges by is read on its own, and is the one the whole snapshot carries. */
class StatusStoreHeaderTest {

    private final JobCodec codec = new JobCodec();

    @Test
    void headerReadAloneMatchesTheStoredSnapshotsForQueuedAndFinishedJobs(@TempDir Path directory) {
        Instant now = Instant.parse("2026-12-05T08:00:00Z");
        Job job = new Job("job-1", "cpu", Model.THREADS, Map.of("limit", 100_000), now, 1);
        JobState queued = JobState.queued(job);
        JobState finished = JobState.finished(job, 2, "threads@host:1",
                JobOutcome.success(Map.of("primes", 9592, "text", "x".repeat(4_000))), now, now.plusMillis(1234));
        try (StatusStore store = StatusStore.open(directory, codec)) {
            store.apply(Map.of("job-1", stored(queued)), Map.of(), Map.of(), Map.of());
            assertThat(store.header("job-1")).contains(StatusHeader.of(queued));

            store.apply(Map.of("job-1", stored(finished)), Map.of(), Map.of(), Map.of());
            assertThat(store.header("job-1")).contains(StatusHeader.of(finished))
                    .isEqualTo(store.stored("job-1").map(StatusStore.StoredValue::header));
            assertThat(store.header("job-1").orElseThrow().finishedAt()).isEqualTo(now.plusMillis(1234));

            assertThat(store.header("job-2")).isEmpty();
        }
    }

    private Optional<StoredStatus> stored(JobState state) {
        return Optional.of(new StoredStatus(StatusHeader.of(state), codec.encodeState(state)));
    }
}
