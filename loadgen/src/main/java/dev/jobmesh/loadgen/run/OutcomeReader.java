package dev.jobmesh.loadgen.run;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.jobmesh.loadgen.gateway.GatewayClient;
import dev.jobmesh.loadgen.gateway.GatewayRejectedException;
import dev.jobmesh.loadgen.gateway.JobView;
import dev.jobmesh.loadgen.gateway.RequestStyle;

/**
 * Reads the outcomes of accepted jobs with {@code POST /api/jobs/statuses?waitMs=} - never a request per job - and
 * records each one. A lane either waits for its own batch ({@link #await}), or hands its jobs over one by one
 * ({@link #handOff}): then reader lanes gather them into batches of up to {@value #BATCH} in the background, and at
 * most {@code maxPending} handed-over jobs are unfinished at once, so a fast submitter waits for the system rather
 * than building a backlog.
 */
final class OutcomeReader implements RequestStyle.Outcomes {

    static final int BATCH = 200;
    private static final Duration STATUS_WAIT = Duration.ofSeconds(30);
    private static final Duration GATHER = Duration.ofMillis(2);

    private final GatewayClient client;
    private final CellRecorder recorder;
    private final Duration awaitLimit;
    private final Semaphore pendingPermits;
    private final int maxPending;
    private final LinkedBlockingQueue<Handed> handed = new LinkedBlockingQueue<>();
    private ExecutorService readers; // started by the first hand-off

    private record Handed(String id, Instant intended) {
    }

    OutcomeReader(GatewayClient client, CellRecorder recorder, Duration awaitLimit, int maxPending) {
        this.client = client;
        this.recorder = recorder;
        this.awaitLimit = awaitLimit;
        this.maxPending = maxPending;
        this.pendingPermits = new Semaphore(maxPending);
    }

    /** Waits until every job of {@code pending} (id to intended send time) has its outcome recorded. */
    @Override
    public void await(Map<String, Instant> pending) throws InterruptedException {
        await(pending, () -> {
        });
    }

    /** Hands one accepted job over to be read in the background; blocks while {@code maxPending} are unfinished. */
    @Override
    public void handOff(String id, Instant intended) throws InterruptedException {
        pendingPermits.acquire();
        synchronized (this) {
            if (readers == null) {
                readers = Executors.newVirtualThreadPerTaskExecutor();
                for (int lane = 0; lane < Math.max(1, (maxPending + BATCH - 1) / BATCH); lane++) {
                    readers.submit(this::readLane);
                }
            }
        }
        handed.add(new Handed(id, intended));
    }

    /** Waits until every handed-over job has its outcome recorded. */
    void finish() throws InterruptedException {
        pendingPermits.acquire(maxPending);
        pendingPermits.release(maxPending);
        ExecutorService started;
        synchronized (this) {
            started = readers;
            readers = null;
        }
        if (started != null) {
            started.shutdownNow();
            started.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private Void readLane() throws InterruptedException {
        while (true) {
            Handed first = handed.take();
            List<Handed> batch = new ArrayList<>(BATCH);
            batch.add(first);
            // A moment's gathering turns a stream of single jobs into batches of statuses.
            long gatherUntil = System.nanoTime() + GATHER.toNanos();
            while (batch.size() < BATCH) {
                Handed next = handed.poll(Math.max(0, gatherUntil - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
                batch.add(next);
            }
            Map<String, Instant> pending = new LinkedHashMap<>();
            batch.forEach(job -> pending.put(job.id(), job.intended()));
            try {
                await(pending, pendingPermits::release);
            } catch (RuntimeException e) {
                // An answer that cannot be read: its jobs count as errors, and their room is given back, so the
                // cell ends instead of waiting for them forever.
                recorder.error("unreadable-status", pending.size());
                pendingPermits.release(pending.size());
            }
        }
    }

    private void await(Map<String, Instant> pending, Runnable onEachDone) throws InterruptedException {
        long deadline = System.nanoTime() + awaitLimit.toNanos();
        while (!pending.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                // Accepted but never finished in time: for a load test that is a lost job.
                recorder.error("unfinished", pending.size());
                pending.keySet().forEach(id -> onEachDone.run());
                return;
            }
            GatewayClient.Statuses statuses;
            try {
                statuses = client.statuses(List.copyOf(pending.keySet()), Duration.ofNanos(Math.min(left, STATUS_WAIT.toNanos())));
            } catch (IOException | GatewayRejectedException e) {
                Thread.sleep(200);
                continue;
            }
            for (JobView job : statuses.jobs()) {
                if (job.terminal() && pending.containsKey(job.id())) {
                    recorder.finished(job, pending.remove(job.id()));
                    onEachDone.run();
                }
            }
            for (String id : statuses.missing()) {
                if (pending.remove(id) != null) {
                    recorder.error("lost");
                    onEachDone.run();
                }
            }
        }
    }
}
