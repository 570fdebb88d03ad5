package dev.jobmesh.gateway.submit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobIdsTest {

    private final JobIds ids = new JobIds();

    private static final Instant SUBMITTED = Instant.parse("2026-12-03T08:30:00.123Z");

    @Test
    void anIdIsACanonicalVersion7UuidCarryingItsSubmissionMillisecond() {
        for (int i = 0; i < 1000; i++) {
            String id = ids.next(SUBMITTED);
            UUID parsed = UUID.fromString(id);
            assertThat(id).hasSize(36).isEqualTo(parsed.toString());
            assertThat(parsed.version()).isEqualTo(7);
            assertThat(parsed.variant()).isEqualTo(2);
            assertThat(parsed.getMostSignificantBits() >>> 16).isEqualTo(SUBMITTED.toEpochMilli());
        }
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnesAsText() {
        List<String> inOrder = new ArrayList<>();
        for (int ms = 0; ms < 2000; ms += 7) {
            inOrder.add(ids.next(SUBMITTED.plusMillis(ms)));
        }
        assertThat(inOrder).isSorted();
    }

    @Test
    void idsFromManyThreadsAreAllDistinct() throws InterruptedException {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 50_000; i++) {
                    seen.add(ids.next(SUBMITTED));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(seen).hasSize(8 * 50_000);
    }

    @Test
    void twoGeneratorsDoNotRepeatEachOther() {
        JobIds other = new JobIds();
        Set<String> first = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 10_000; i++) {
            first.add(ids.next(SUBMITTED));
        }
        for (int i = 0; i < 10_000; i++) {
            assertThat(first).doesNotContain(other.next(SUBMITTED));
        }
    }
}
