package dev.jobmesh.core.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobError;
import dev.jobmesh.core.job.JobOutcome;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.outcome.FinishedRun;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatch loop's side of one run handed to a model: publishes RUNNING when it starts, enforces its time
 * limit, relays a stop to the model, and reports the run's end exactly once - as the model saw it, or as
 * stopped when the model does not end it within the grace period.
 */
final class RunningJob implements JobExecution {

    private static final Logger log = LoggerFactory.getLogger(RunningJob.class);

    /** What a run needs from the worker around it, shared by every run of one dispatch loop. */
    record Context(String workerId, Clock clock, ScheduledExecutorService timer, TimeLimits timeLimits,
                   Duration stopGrace, Duration runningStatusDelay, StatusPublisher publisher, RunStarted onStart) {
    }

    /** Told as a run begins, for its meters. */
    interface RunStarted {
        void started(Job job, Instant at);
    }

    private final Job job;
    private final Context context;
    private final Consumer<FinishedRun> onEnd;
    private final AtomicBoolean began = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicReference<Runnable> stopper = new AtomicReference<>();
    private final AtomicReference<String> stopReason = new AtomicReference<>();
    private volatile @Nullable ScheduledFuture<?> limit;
    private volatile @Nullable Instant startedAt;
    private @Nullable ScheduledFuture<?> runningStatus; // guarded by this

    RunningJob(Job job, Context context, Consumer<FinishedRun> onEnd) {
        this.job = job;
        this.context = context;
        this.onEnd = onEnd;
    }

    Job job() {
        return job;
    }

    @Override
    public void started() {
        if (!began.compareAndSet(false, true)) {
            throw new IllegalStateException("job " + job.id() + " reported started twice; a run is one attempt");
        }
        startedAt = context.clock().instant();
        limit = context.timer().schedule(() -> stop(JobError.TIMEOUT), context.timeLimits().limitFor(job).toMillis(),
                TimeUnit.MILLISECONDS);
        context.onStart().started(job, startedAt);
        Duration delay = context.runningStatusDelay();
        if (delay.isZero()) {
            publishRunning();
        } else {
            // A run that ends within the delay goes from QUEUED to its outcome: one status record fewer for every
            // writer and reader of jobs.status, where short jobs are most of the traffic.
            synchronized (this) {
                runningStatus = context.timer().schedule(this::publishRunning, delay.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    /** RUNNING, unless the run has ended: never after its outcome, or compaction would keep RUNNING as the last word. */
    private synchronized void publishRunning() {
        if (!ended.get()) {
            context.publisher().publish(JobState.running(job, job.attempt(), context.workerId(), startedAt));
        }
    }

    @Override
    public void onStop(Runnable stop) {
        stopper.set(stop);
        if (stopReason.get() != null) {
            runStopper();
        }
    }

    /** Asks the model to end this run; reports it stopped after the grace period if the model does not. */
    void stop(String reason) {
        if (ended.get() || !stopReason.compareAndSet(null, reason)) {
            return;
        }
        runStopper();
        context.timer().schedule(() -> completed(JobOutcome.failure(reason, "stopped")),
                context.stopGrace().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runStopper() {
        Runnable stop = stopper.getAndSet(null);
        if (stop != null) {
            try {
                stop.run();
            } catch (RuntimeException e) {
                log.warn("Stopping job {} failed: {}", job.id(), e.toString());
            }
        }
    }

    @Override
    public void completed(JobOutcome outcome) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            // A RUNNING being sent has been sent by now, and none is sent after: the outcome follows it.
            if (runningStatus != null) {
                runningStatus.cancel(false);
            }
        }
        ScheduledFuture<?> timer = limit;
        if (timer != null) {
            timer.cancel(false);
        }
        String reason = stopReason.get();
        JobOutcome seen = outcome;
        if (reason != null && !outcome.succeeded()) {
            // However the model noticed the stop, the run ended because it was stopped.
            seen = JobOutcome.failure(reason, JobError.TIMEOUT.equals(reason)
                    ? "ran past its time limit of " + context.timeLimits().limitFor(job) : "cancelled while running");
        }
        Instant finishedAt = context.clock().instant();
        onEnd.accept(new FinishedRun(job, seen, context.workerId(), startedAt == null ? finishedAt : startedAt,
                finishedAt));
    }
}
