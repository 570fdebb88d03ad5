package dev.jobmesh.loadgen.run;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.jobmesh.loadgen.gateway.GatewayClient;
import dev.jobmesh.loadgen.gateway.GatewayRejectedException;
import dev.jobmesh.loadgen.gateway.RequestStyle;

/**
 * One cell while it runs: hands out the job budget (a number of jobs or a duration), submits a batch and waits
 * for its outcomes (both the way its {@link RequestStyle} sends requests), recording each job against its intended send time.
 * A {@link LoadShape} decides when batches go.
 */
public final class CellRun {

    // A lane whose batch was refused pauses like a client would, rather than spinning on a gateway in trouble.
    private static final Duration REJECTED_PAUSE = Duration.ofMillis(100);

    private final GatewayClient client;
    private final RequestStyle requests;
    private final String model;
    private final LoadWorkload workload;
    private final long maxJobs;
    private final Duration duration;
    private final CellRecorder recorder;
    private final OutcomeReader outcomes;
    private final AtomicLong claimed = new AtomicLong();
    /** Jobs handed out so far, so a mixed workload's batches continue its rotation of types. */
    private final AtomicLong sequence = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private final Instant startWall = Instant.now();

    /**
     * @param maxJobs    jobs to send, or 0 for as many as {@code duration} allows
     * @param duration   how long to keep sending, or null to send {@code maxJobs}
     * @param awaitLimit how long a batch may take to finish before its unfinished jobs count as lost
     * @param maxUnfinished how many jobs followed in the background may be unfinished at once
     */
    public CellRun(GatewayClient client, RequestStyle requests, String model, LoadWorkload workload, long maxJobs, Duration duration,
                   Duration awaitLimit, int maxUnfinished, CellRecorder recorder) {
        if (maxJobs <= 0 && duration == null) {
            throw new IllegalArgumentException("a cell needs a number of jobs or a duration");
        }
        this.client = client;
        this.requests = requests;
        this.model = model;
        this.workload = workload;
        this.maxJobs = maxJobs;
        this.duration = duration;
        this.recorder = recorder;
        this.outcomes = new OutcomeReader(client, recorder, awaitLimit, maxUnfinished);
    }

    public long startNanos() {
        return startNanos;
    }

    /** Jobs the cell will send in all, or 0 when it runs for a duration. */
    public long maxJobs() {
        return maxJobs;
    }

    /** How long the cell sends, or null. */
    public Duration duration() {
        return duration;
    }

    public CellRecorder recorder() {
        return recorder;
    }

    /** Takes up to {@code wanted} jobs from the budget for a batch intended at {@code atNanos}; 0 when it is spent. */
    public int claim(int wanted, long atNanos) {
        if (duration != null && atNanos - startNanos >= duration.toNanos()) {
            return 0;
        }
        if (maxJobs <= 0) {
            claimed.addAndGet(wanted);
            return wanted;
        }
        while (true) {
            long before = claimed.get();
            int granted = (int) Math.min(wanted, maxJobs - before);
            if (granted <= 0) {
                return 0;
            }
            if (claimed.compareAndSet(before, before + granted)) {
                return granted;
            }
        }
    }

    /** Submits one batch whose jobs were meant to go at {@code intendedNanos}, then follows them to their outcomes. */
    public void send(long[] intendedNanos) throws InterruptedException {
        int count = intendedNanos.length;
        List<String> ids;
        try {
            ids = requests.submit(client, workload.jobs(model, count, sequence.getAndAdd(count)));
        } catch (GatewayRejectedException e) {
            recorder.error(e.kind(), count);
            Thread.sleep(REJECTED_PAUSE);
            return;
        } catch (IOException e) {
            recorder.error("submit-io", count);
            Thread.sleep(REJECTED_PAUSE);
            return;
        }
        recorder.accepted(count, wall(intendedNanos[0]));
        Map<String, Instant> accepted = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            accepted.put(ids.get(i), wall(intendedNanos[i]));
        }
        requests.follow(outcomes, accepted);
    }

    /** Waits for the outcomes of jobs still followed in the background, once every lane has sent its last. */
    public void finish() throws InterruptedException {
        outcomes.finish();
    }

    private Instant wall(long nanos) {
        return startWall.plusNanos(nanos - startNanos);
    }
}
