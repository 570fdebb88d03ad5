package dev.jobmesh.gateway.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobAttempt;
import dev.jobmesh.core.job.JobError;
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
    void retryWaitingAfterAFailedRunReplacesThatRun() {
        JobError refused = new JobError(JobError.CONNECTION_ERROR, "refused");
        Job retry = job.retry(2, t.plusSeconds(1), List.of(new JobAttempt(1, "w1", t, t, refused)));
        JobState waiting = JobState.retrying(retry, "w1", refused, t, t);
        JobState secondRun = JobState.running(retry, 2, "w2", t.plusSeconds(1));
        assertThat(StatusMerge.merge(running, waiting)).isSameAs(waiting);
        assertThat(StatusMerge.merge(waiting, secondRun)).isSameAs(secondRun);
        // A redelivered first run arriving late does not undo the retry.
        assertThat(StatusMerge.merge(secondRun, running)).isSameAs(secondRun);
    }

    @Test
    void replayStartsANewGenerationThatReplacesTheOldOutcome() {
        JobState replayed = JobState.queued(job.replay(t.plusSeconds(5), "gateway-1"));
        assertThat(StatusMerge.merge(failed, replayed)).isSameAs(replayed);
        assertThat(StatusMerge.merge(replayed, failed)).isSameAs(replayed);
    }

    @Test
    void staleNonTerminalSnapshotIsIgnored() {
        assertThat(StatusMerge.merge(running, queued)).isSameAs(running);
    }
}
