package dev.jobmesh.core.job;

import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsoInstantsTest {

    @Test
    void writesWhatInstantToStringWritesAndReadsItBack() {
        SplittableRandom random = new SplittableRandom(7);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(min, max), nanos);
            String text = IsoInstants.format(instant);
            assertThat(text).isEqualTo(instant.toString());
            assertThat(IsoInstants.parse(text)).isEqualTo(instant);
        }
    }

    @Test
    void readsEveryFormInstantParseReadsAndRefusesWhatItRefuses() {
        assertThat(IsoInstants.parse("2026-11-29T17:45:16.1Z")).isEqualTo(Instant.parse("2026-11-29T17:45:16.100Z"));
        assertThat(IsoInstants.parse("2026-11-29T17:45:16.1234Z")).isEqualTo(Instant.parse("2026-11-29T17:45:16.1234Z"));
        assertThat(IsoInstants.parse("2026-11-29T18:45:16+01:00")).isEqualTo(Instant.parse("2026-11-29T17:45:16Z"));
        assertThat(IsoInstants.format(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("+10000-01-01T00:00:00Z");
        assertThatThrownBy(() -> IsoInstants.parse("2026-02-30T00:00:00Z")).isInstanceOf(java.time.DateTimeException.class);
        assertThat(IsoInstants.parse("2026-11-29T24:00:00Z")).isEqualTo(Instant.parse("2026-11-29T24:00:00Z"));
        assertThatThrownBy(() -> IsoInstants.parse("yesterday")).isInstanceOf(java.time.DateTimeException.class);
    }

    @Test
    void theCodecKeepsEveryInstantOfASnapshotToTheNanosecond() {
        JobCodec codec = new JobCodec();
        Instant submitted = Instant.parse("2026-11-29T17:45:16.123456789Z");
        Job job = new Job("j", "noop", Model.ASYNC, Map.of(), submitted, 1);
        JobState done = JobState.finished(job, 1, "w", JobOutcome.success(Map.of()), submitted.plusNanos(1),
                submitted.plusMillis(5));
        assertThat(codec.decodeState(codec.encodeState(done))).isEqualTo(done);
        assertThat(new String(codec.encodeState(done), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"submittedAt\":\"2026-11-29T17:45:16.123456789Z\"");
        // What an older build wrote, and what Jackson's own writer writes as numbers, read as before.
        assertThat(codec.decodeJob("{\"id\":\"j\",\"type\":\"noop\",\"model\":\"async\",\"submittedAt\":1764438316.5}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).submittedAt())
                .isEqualTo(Instant.ofEpochSecond(1_764_438_316L, 500_000_000));
    }
}
