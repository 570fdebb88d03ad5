package dev.jobmesh.core.job;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobCodecTest {

    private final JobCodec codec = new JobCodec();

    @Test
    void jobRoundTripsWithSchemaVersionFirst() {
        Job job = new Job("id-1", "sleep", Model.VIRTUAL, Map.of("ms", 5), Instant.parse("2026-11-25T10:00:00Z"), 1);
        byte[] bytes = codec.encodeJob(job);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{\"v\":1,\"id\":\"id-1\"")
                .contains("\"model\":\"virtual\"");
        assertThat(codec.decodeJob(bytes)).isEqualTo(job);
    }

    @Test
    void ignoresFieldsFromNewerWriters() {
        String json = """
                {"v":2,"id":"x","type":"noop","model":"threads","params":{},"attempt":1,"priority":"high",
                 "submittedAt":"2026-11-25T10:00:00Z"}""";
        Job job = codec.decodeJob(json.getBytes(StandardCharsets.UTF_8));
        assertThat(job.id()).isEqualTo("x");
        assertThat(job.model()).isEqualTo(Model.THREADS);
        assertThat(job.maxAttempts()).isEqualTo(Job.DEFAULT_MAX_ATTEMPTS);
        assertThat(job.timeoutMs()).isNull();
    }

    @Test
    void stateRoundTripsWithResultAndError() {
        Job job = new Job("id-2", "cpu", Model.THREADS, Map.of(), Instant.now(), 1);
        JobState ok = JobState.finished(job, 1, "w1", JobOutcome.success(Map.of("primes", 9592)), Instant.now(),
                Instant.now());
        JobState failed = JobState.finished(job, 1, "w1", JobOutcome.failure("WORKLOAD_ERROR", "boom"), Instant.now(),
                Instant.now());
        assertThat(codec.decodeState(codec.encodeState(ok))).isEqualTo(ok);
        assertThat(codec.decodeState(codec.encodeState(failed)).error()).isEqualTo(new JobError("WORKLOAD_ERROR", "boom"));
        assertThat(codec.decodeState(codec.encodeState(failed)).status()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void poisonBytesAreReportedAsUndecodable() {
        assertThatThrownBy(() -> codec.decodeJob("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UndecodableRecordException.class);
        assertThatThrownBy(() -> codec.decodeJob("{\"v\":1,\"id\":\"x\",\"type\":\"noop\",\"model\":\"fibers\"}"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(UndecodableRecordException.class);
        assertThatThrownBy(() -> codec.decodeJob(null)).isInstanceOf(UndecodableRecordException.class);
    }
}
