package dev.jobmesh.gateway.status;

import java.time.Instant;
import java.util.Map;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobOutcome;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.Model;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatusMergeTest {

    private final Job job = new Job("j", "noop", Model.THREADS, Map.of(), Instant.parse("2026-11-25T10:00:00Z"), 1);
    private final Instant t = Instant.parse("2026-11-25T10:00:01Z");
    private final JobState queued = JobState.queued(job);
    private final JobState running = JobState.running(job, 1, "w1", t);
    private final JobState succeeded = JobState.finished(job, 1, "w1", JobOutcome.success(Map.of()), t, t);
    private final JobState failed = JobState.finished(job, 1, "w2", JobOutcome.failure("X", "late duplicate"), t, t);

    @Test
    void statusMovesForward() {
        assertThat(StatusMerge.merge(null, queued)).isSameAs(queued);
        assertThat(StatusMerge.merge(queued, running)).isSameAs(running);
        assertThat(StatusMerge.merge(running, succeeded)).isSameAs(succeeded);
        assertThat(StatusMerge.merge(queued, succeeded)).isSameAs(succeeded);
    }

    @Test
    void firstTerminalStatusNeverChanges() {
        assertThat(StatusMerge.merge(succeeded, failed)).isSameAs(succeeded);
        assertThat(StatusMerge.merge(succeeded, running)).isSameAs(succeeded);
        assertThat(StatusMerge.merge(failed, succeeded)).isSameAs(failed);
    }

    @Test
    void staleNonTerminalSnapshotIsIgnored() {
        assertThat(StatusMerge.merge(running, queued)).isSameAs(running);
    }
}
