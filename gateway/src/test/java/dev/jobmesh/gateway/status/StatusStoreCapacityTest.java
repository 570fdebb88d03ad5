package dev.jobmesh.gateway.status;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobOutcome;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.JobStatus;
import dev.jobmesh.core.job.Model;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The view holds a million jobs off the heap: the gateway module's unit tests run with a 512 MB heap cap (see its
 * pom), and the heap in use afterwards stays small; RocksDB's own memory stays within its cache.
 */
class StatusStoreCapacityTest {

    private static final int JOBS = 1_000_000;
    private static final TopicPartition STATUS_0 = new TopicPartition("jobs.status", 0);

    @Test
    void holdsAMillionJobsOffTheHeapInBoundedNativeMemory(@TempDir Path directory) {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertThat(maxHeap).as("this test must run with a heap of 512 MB at most")
                .isLessThanOrEqualTo(512L * 1024 * 1024 + 64L * 1024 * 1024);
        JobCodec codec = new JobCodec();
        Instant now = Instant.now();
        try (StatusStore store = StatusStore.open(directory, codec)) {
            Map<String, Optional<StoredStatus>> batch = new HashMap<>();
            for (int i = 0; i < JOBS; i++) {
                Job job = new Job(id(i), "cpu", Model.values()[i % 4], Map.of("limit", 100_000), now, 1);
                JobState finished = JobState.finished(job, 1, "threads@host:1",
                        JobOutcome.success(Map.of("primes", 9592)), now, now.plusMillis(i % 1000));
                batch.put(job.id(), Optional.of(new StoredStatus(StatusHeader.of(finished), codec.encodeState(finished))));
                if (batch.size() == 20_000) {
                    store.apply(batch, Map.of(), Map.of(STATUS_0, (long) i), Map.of());
                    batch.clear();
                }
            }
            store.apply(batch, Map.of(), Map.of(STATUS_0, (long) JOBS), Map.of());

            Random random = new Random(42);
            for (int n = 0; n < 1_000; n++) {
                int i = random.nextInt(JOBS);
                JobState state = store.get(id(i)).orElseThrow();
                assertThat(state.status()).isEqualTo(JobStatus.SUCCEEDED);
                assertThat(state.model()).isEqualTo(Model.values()[i % 4]);
            }
            assertThat(store.estimatedSize()).isBetween((long) (JOBS * 0.9), (long) (JOBS * 1.1));
            assertThat(store.positions()).containsEntry(STATUS_0.toString(), (long) JOBS);
            assertThat(store.finishedBefore(now.plusSeconds(5), 100_000, page -> { })).isEqualTo(JOBS);

            // Off the heap, but bounded too: memtables and blocks live in one capped cache, and only the top level of
            // each file's index and filter stays beside it.
            assertThat(store.memory(StatusViewMetrics.MEMTABLES)).isBetween(0L, 32L * 1024 * 1024);
            assertThat(store.memory(StatusViewMetrics.CACHE)).isBetween(0L, 64L * 1024 * 1024);
            assertThat(store.memory(StatusViewMetrics.INDEXES_AND_FILTERS)).isBetween(0L, 2L * 1024 * 1024);

            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            assertThat(used).as("heap in use with %d jobs in the view", JOBS).isLessThan(128L * 1024 * 1024);
        }
    }

    private static String id(int i) {
        return new java.util.UUID(0x5eed_0000_0000_0000L + i, 0xabcdef0123456789L ^ i).toString();
    }
}
