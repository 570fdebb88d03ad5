package dev.jobmesh.gateway.submit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobIdsTest {

    private final JobIds ids = new JobIds();

    @Test
    void anIdIsACanonicalRandomVersion4Uuid() {
        for (int i = 0; i < 1000; i++) {
            String id = ids.next();
            UUID parsed = UUID.fromString(id);
            assertThat(id).hasSize(36).isEqualTo(parsed.toString());
            assertThat(parsed.version()).isEqualTo(4);
            assertThat(parsed.variant()).isEqualTo(2);
        }
    }

    @Test
    void idsFromManyThreadsAreAllDistinct() throws InterruptedException {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 50_000; i++) {
                    seen.add(ids.next());
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
            first.add(ids.next());
        }
        for (int i = 0; i < 10_000; i++) {
            assertThat(first).doesNotContain(other.next());
        }
    }
}
