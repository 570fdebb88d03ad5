package dev.jobmesh.gateway.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobAttempt;
import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobError;
import dev.jobmesh.core.job.JobOutcome;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.job.UndecodableRecordException;
import org.junit.jupiter.api.Test;

import static dev.jobmesh.gateway.status.StatusMerge.Decision.KEEP_CURRENT;
import static dev.jobmesh.gateway.status.StatusMerge.Decision.TAKE_INCOMING;
import static dev.jobmesh.gateway.status.StatusMerge.Decision.TAKE_INCOMING_WITH_SUBMITTED_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusMergeTest {

    private final JobCodec codec = new JobCodec();
    private final StatusHeaderReader reader = new StatusHeaderReader();
    private final Job job = new Job("j", "noop", Model.THREADS, Map.of(), Instant.parse("2026-11-25T10:00:00Z"), 1);
    private final Instant t = Instant.parse("2026-11-25T10:00:01Z");
    private final JobState queued = JobState.queued(job);
    private final JobState running = JobState.running(job, 1, "w1", t);
    private final JobState succeeded = JobState.finished(job, 1, "w1", JobOutcome.success(Map.of()), t, t);
    private final JobState failed = JobState.finished(job, 1, "w2", JobOutcome.failure("X", "late duplicate"), t, t);

    /** The header as the view reads it: from the snapshot's JSON, as it comes from Kafka. */
    private StatusHeader h(JobState state) {
        return reader.read(codec.encodeState(state));
    }

    @Test
    void statusMovesForward() {
        assertThat(StatusMerge.merge(null, h(queued))).isEqualTo(TAKE_INCOMING);
        assertThat(StatusMerge.merge(h(queued), h(running))).isEqualTo(TAKE_INCOMING);
        assertThat(StatusMerge.merge(h(running), h(succeeded))).isEqualTo(TAKE_INCOMING);
        assertThat(StatusMerge.merge(h(queued), h(succeeded))).isEqualTo(TAKE_INCOMING);
    }

    @Test
    void firstTerminalStatusNeverChanges() {
        assertThat(StatusMerge.merge(h(succeeded), h(failed))).isEqualTo(KEEP_CURRENT);
        assertThat(StatusMerge.merge(h(succeeded), h(running))).isEqualTo(KEEP_CURRENT);
        assertThat(StatusMerge.merge(h(failed), h(succeeded))).isEqualTo(KEEP_CURRENT);
    }

    @Test
    void retryWaitingAfterAFailedRunReplacesThatRun() {
        JobError refused = new JobError(JobError.CONNECTION_ERROR, "refused");
        Job retry = job.retry(2, t.plusSeconds(1), List.of(new JobAttempt(1, "w1", t, t, refused)));
        JobState waiting = JobState.retrying(retry, "w1", refused, t, t);
        JobState secondRun = JobState.running(retry, 2, "w2", t.plusSeconds(1));
        assertThat(StatusMerge.merge(h(running), h(waiting))).isEqualTo(TAKE_INCOMING);
        assertThat(StatusMerge.merge(h(waiting), h(secondRun))).isEqualTo(TAKE_INCOMING);
        // A redelivered first run arriving late does not undo the retry.
        assertThat(StatusMerge.merge(h(secondRun), h(running))).isEqualTo(KEEP_CURRENT);
    }

    @Test
    void replayStartsANewGenerationThatReplacesTheOldOutcome() {
        JobState replayed = JobState.queued(job.replay(t.plusSeconds(5), "gateway-1"));
        assertThat(StatusMerge.merge(h(failed), h(replayed))).isEqualTo(TAKE_INCOMING);
        assertThat(StatusMerge.merge(h(replayed), h(failed))).isEqualTo(KEEP_CURRENT);
    }

    @Test
    void staleNonTerminalSnapshotIsIgnored() {
        assertThat(StatusMerge.merge(h(running), h(queued))).isEqualTo(KEEP_CURRENT);
    }

    @Test
    void aLaterSnapshotWithoutASubmissionTimeKeepsTheOneTheViewHas() {
        JobState anonymous = JobState.finished(new Job("j", "noop", Model.THREADS, Map.of(), null, 1), 1, "w1",
                JobOutcome.success(Map.of()), t, t);
        assertThat(StatusMerge.merge(h(queued), h(anonymous))).isEqualTo(TAKE_INCOMING_WITH_SUBMITTED_AT);
        assertThat(StatusMerge.withSubmittedAt(anonymous, queued).submittedAt()).isEqualTo(job.submittedAt());
    }

    @Test
    void theHeaderIsReadFromTheJsonAsTheCodecWritesIt() {
        JobError refused = new JobError(JobError.CONNECTION_ERROR, "refused");
        Job retry = job.retry(3, t, List.of(new JobAttempt(1, "w1", t, t, refused), new JobAttempt(2, "w1", t, t, refused)));
        JobState second = JobState.finished(retry, 3, "w1", JobOutcome.success(Map.of("nested", Map.of("a", List.of(1)))),
                t, t.plusMillis(1500));
        assertThat(h(second)).isEqualTo(StatusHeader.of(second))
                .isEqualTo(new StatusHeader(second.status(), 0, 3, true, t.plusMillis(1500).toEpochMilli()));
        assertThat(h(queued).finishedAtMillis()).isEqualTo(StatusHeader.NOT_FINISHED);
        assertThat(reader.read("{\"status\":\"RUNNING\",\"finishedAt\":1764410401.5}".getBytes(StandardCharsets.UTF_8))
                .finishedAtMillis()).isEqualTo(1_764_410_401_500L);
        assertThatThrownBy(() -> reader.read("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UndecodableRecordException.class);
        assertThatThrownBy(() -> reader.read("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UndecodableRecordException.class);
    }

    @Test
    void theStoreKeepsTheHeaderBesideTheJsonAndReadsOlderBareJson() {
        byte[] json = codec.encodeState(succeeded);
        byte[] value = new StoredStatus(h(succeeded), json).encode();
        assertThat(StoredStatus.hasHeader(value)).isTrue();
        assertThat(StoredStatus.header(value)).isEqualTo(h(succeeded));
        assertThat(codec.decodeState(value, StoredStatus.jsonOffset())).isEqualTo(succeeded);
        assertThat(StoredStatus.hasHeader(json)).isFalse();
    }
}
