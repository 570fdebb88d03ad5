package dev.jobmesh.gateway.status;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobOutcome;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.gateway.submit.JobIds;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the view's store lets finished jobs go: the retention is handed every expired job, page by page; jobs it removed
 * give their disk back once their range is reclaimed; and a store filling from the topic compacts only once told to.
 * Every job kept stays readable.
 */
class StatusStoreCompactionTest {

    private static final TopicPartition STATUS_0 = new TopicPartition("jobs.status", 0);
    private final JobCodec codec = new JobCodec();
    private final JobIds ids = new JobIds();

    @Test
    void reclaimingTheExpiredRangeFreesTheDeletedJobsFilesAndKeepsTheRest(@TempDir Path directory) {
        Instant old = Instant.parse("2026-12-01T00:00:00Z");
        Instant recent = Instant.parse("2026-12-03T00:00:00Z");
        try (StatusStore store = StatusStore.open(directory, codec)) {
            List<String> expired = write(store, old, 200_000);
            List<String> kept = write(store, recent, 1_000);
            long written = store.filesBytes();

            Map<String, Optional<StoredStatus>> deletions = new HashMap<>();
            expired.forEach(id -> deletions.put(id, Optional.empty()));
            store.apply(deletions, Map.of(), Map.of(STATUS_0, 1L), Map.of());
            store.reclaimFinishedBefore(old.plusSeconds(3600));

            assertThat(written).as("bytes in files before the deletions").isGreaterThan(20L * 1024 * 1024);
            assertThat(store.filesBytes()).as("bytes in files after the reclaim").isLessThan(written / 20);
            assertThat(store.get(expired.getFirst())).isEmpty();
            assertThat(store.get(kept.getLast())).isPresent();
            assertThat(store.finishedBefore(recent.plusSeconds(3600), 10_000, page -> { })).isEqualTo(kept.size());
        }
    }

    @Test
    void aFillingStoreLeavesItsFilesInLevelZeroUntilCompactionsResume(@TempDir Path directory) throws Exception {
        Instant at = Instant.parse("2026-12-03T00:00:00Z");
        try (StatusStore store = StatusStore.open(directory, codec)) {
            assertThat(store.isEmpty()).as("a new store is empty").isTrue();
            store.deferCompactions();
            List<String> written = write(store, at, 200_000);
            int piledUp = store.levelZeroFiles();
            store.resumeCompactions();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (store.levelZeroFiles() >= piledUp && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }

            // RocksDB compacts level 0 from its 4th file on when compactions run
            assertThat(piledUp).as("level-0 files while compactions were deferred").isGreaterThan(4);
            assertThat(store.levelZeroFiles()).as("level-0 files once they resumed").isLessThan(piledUp);
            assertThat(store.isEmpty()).isFalse();
            assertThat(store.get(written.getFirst())).isPresent();
            assertThat(store.get(written.getLast())).isPresent();
        }
    }

    @Test
    void everyJobFinishedBeforeTheCutoffIsHandedOverOncePageByPageOldestFirst(@TempDir Path directory) {
        Instant old = Instant.parse("2026-12-01T00:00:00Z");
        try (StatusStore store = StatusStore.open(directory, codec)) {
            List<String> expired = write(store, old, 25_000);
            write(store, old.plusSeconds(3600), 1_000);

            List<List<String>> pages = new ArrayList<>();
            int handed = store.finishedBefore(old.plusSeconds(60), 10_000, pages::add);

            assertThat(handed).isEqualTo(expired.size());
            assertThat(pages).extracting(List::size).containsExactly(10_000, 10_000, 5_000);
            assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(expired);
        }
    }

    @Test
    void anIdPrefixSortsBeforeTheIdsOfJobsSubmittedFromThatMillisecondOn() {
        Instant at = Instant.parse("2026-12-03T12:00:00.123Z");
        String prefix = StatusStore.idPrefix(at);
        assertThat(ids.next(at)).startsWith(prefix).isGreaterThan(prefix);
        assertThat(ids.next(at.minusMillis(1))).isLessThan(prefix);
    }

    /** {@code count} jobs submitted and finished at {@code at}, in batches as the view writes them. */
    private List<String> write(StatusStore store, Instant at, int count) {
        List<String> written = new ArrayList<>();
        Map<String, Optional<StoredStatus>> batch = new HashMap<>();
        for (int i = 0; i < count; i++) {
            Job job = new Job(ids.next(at), "cpu", Model.THREADS, Map.of("limit", 100_000), at, 1);
            JobState finished = JobState.finished(job, 1, "threads@host:1", JobOutcome.success(Map.of("primes", 9592)),
                    at, at.plusMillis(5));
            batch.put(job.id(), Optional.of(new StoredStatus(StatusHeader.of(finished), codec.encodeState(finished))));
            written.add(job.id());
            if (batch.size() == 20_000) {
                store.apply(batch, Map.of(), Map.of(STATUS_0, (long) i), Map.of());
                batch.clear();
            }
        }
        store.apply(batch, Map.of(), Map.of(STATUS_0, (long) count), Map.of());
        return written;
    }
}
