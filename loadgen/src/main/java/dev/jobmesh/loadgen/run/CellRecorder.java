package dev.jobmesh.loadgen.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import dev.jobmesh.loadgen.gateway.JobView;
import dev.jobmesh.loadgen.stats.LatencyRecorder;

/**
 * Everything one cell observed: each job's outcome checked against its workload, latencies from the job's
 * timestamps, and errors by kind. End-to-end latency runs from the job's intended send time to the moment the
 * worker finished it; both are readings of the same machine's clock when the load generator runs beside the system.
 */
public final class CellRecorder {

    private final ResultCheck check;
    private final LatencyRecorder endToEnd = new LatencyRecorder();
    private final LatencyRecorder queueWait = new LatencyRecorder();
    private final LatencyRecorder execution = new LatencyRecorder();
    private final LongAdder submitted = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicLong firstSendMillis = new AtomicLong(Long.MAX_VALUE);
    private final LongAccumulator lastFinishMillis = new LongAccumulator(Math::max, Long.MIN_VALUE);

    public CellRecorder(ResultCheck check) {
        this.check = check;
    }

    /** Jobs the gateway accepted, intended to be sent at {@code intended}. */
    void accepted(int count, Instant intended) {
        submitted.add(count);
        firstSendMillis.accumulateAndGet(intended.toEpochMilli(), Math::min);
    }

    /** A finished job, intended to be sent at {@code intended}. */
    void finished(JobView job, Instant intended) {
        if (job.finishedAt() != null) {
            lastFinishMillis.accumulate(job.finishedAt().toEpochMilli());
            endToEnd.record(Duration.between(intended, job.finishedAt()));
        }
        if (job.startedAt() != null && job.submittedAt() != null) {
            queueWait.record(Duration.between(job.submittedAt(), job.startedAt()));
            if (job.finishedAt() != null) {
                execution.record(Duration.between(job.startedAt(), job.finishedAt()));
            }
        }
        if ("SUCCEEDED".equals(job.status())) {
            Optional<String> problem = check.problem(job.type(), job.result());
            if (problem.isEmpty()) {
                succeeded.increment();
            } else {
                error("wrong-result");
            }
        } else if ("FAILED".equals(job.status())) {
            error("failed-" + job.errorCode());
        } else {
            error(job.status().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** {@code count} jobs that went wrong the same way, such as {@code http-503} or {@code lost}. */
    void error(String kind, int count) {
        failed.add(count);
        errors.computeIfAbsent(kind, k -> new LongAdder()).add(count);
    }

    void error(String kind) {
        error(kind, 1);
    }

    public long submitted() {
        return submitted.sum();
    }

    public long succeeded() {
        return succeeded.sum();
    }

    /** Jobs finished in any way, right or wrong, plus jobs that never got in. */
    public long done() {
        return succeeded.sum() + failed.sum();
    }

    public long errorCount() {
        return failed.sum();
    }

    public Map<String, Long> errors() {
        Map<String, Long> copy = new TreeMap<>();
        errors.forEach((kind, count) -> copy.put(kind, count.sum()));
        return copy;
    }

    /** From the first intended send to the last finish: the time the cell's jobs took. */
    public Duration elapsed() {
        long first = firstSendMillis.get();
        long last = lastFinishMillis.get();
        return first == Long.MAX_VALUE || last == Long.MIN_VALUE ? Duration.ZERO : Duration.ofMillis(Math.max(1, last - first));
    }

    public LatencyRecorder endToEnd() {
        return endToEnd;
    }

    public LatencyRecorder queueWait() {
        return queueWait;
    }

    public LatencyRecorder execution() {
        return execution;
    }
}
