package dev.jobmesh.worker.async;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.jobmesh.core.dispatch.JobExecution;
import dev.jobmesh.core.job.JobOutcome;

/** The dispatch loop's side of one job, for tests without Kafka: records every call and the calling thread. */
public final class RecordingExecution implements JobExecution {

    private final AtomicInteger starts = new AtomicInteger();
    private final List<JobOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final List<String> completingThreads = new CopyOnWriteArrayList<>();
    private final CountDownLatch startedLatch = new CountDownLatch(1);
    private final CountDownLatch completedLatch = new CountDownLatch(1);
    private final AtomicReference<Runnable> stopper = new AtomicReference<>();
    private volatile boolean stopRequested;

    /** An execution the dispatch loop was asked to stop before the model took the job (a cancellation, say). */
    public static RecordingExecution stoppedBeforeStart() {
        RecordingExecution execution = new RecordingExecution();
        execution.stopRequested = true;
        return execution;
    }

    @Override
    public void started() {
        starts.incrementAndGet();
        startedLatch.countDown();
    }

    /** As the dispatch loop does: runs the stopper at once if a stop was requested before it was registered. */
    @Override
    public void onStop(Runnable stop) {
        stopper.set(stop);
        if (stopRequested) {
            stop();
        }
    }

    /** Asks the model to stop the run, as the dispatch loop does on a cancellation or at its time limit. */
    public void stop() {
        stopRequested = true;
        Runnable stop = stopper.getAndSet(null);
        if (stop != null) {
            stop.run();
        }
    }

    @Override
    public void completed(JobOutcome outcome) {
        outcomes.add(outcome);
        completingThreads.add(Thread.currentThread().getName());
        completedLatch.countDown();
    }

    public void awaitStarted(Duration timeout) throws InterruptedException {
        if (!startedLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("job not started within " + timeout);
        }
    }

    /** The first outcome, waiting up to the timeout for it. */
    public JobOutcome awaitOutcome(Duration timeout) throws InterruptedException {
        if (!completedLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("job not completed within " + timeout);
        }
        return outcomes.getFirst();
    }

    public int starts() {
        return starts.get();
    }

    /** Every outcome reported, in order: exactly one for a correct model. */
    public List<JobOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public String completingThread() {
        return completingThreads.getFirst();
    }
}
