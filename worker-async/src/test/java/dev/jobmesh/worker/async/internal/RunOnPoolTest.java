package dev.jobmesh.worker.async.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.jobmesh.core.workload.SleepWorkload;
import dev.jobmesh.core.workload.WorkloadFailures;
import dev.jobmesh.worker.async.RecordingExecution;
import dev.jobmesh.worker.async.TestJobs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunOnPoolTest {

    private final EventLoops loops = new EventLoops(1);
    private final CpuPool pool = new CpuPool(1);

    @AfterEach
    void tearDown() {
        loops.close();
        pool.close();
    }

    @Test
    void stoppedWorkIsInterruptedAndFreesItsPoolThread() throws Exception {
        // The blocking form of sleep waits on its pool thread until interrupted: were the thread not interrupted
        // by the stop, the pool's one thread would stay taken for a minute and the second job would wait.
        LoopWorkloads workloads = new LoopWorkloads(List.of(new RunOnPool<>(new SleepWorkload(), pool.executor())));
        RunningJobs running = new RunningJobs();

        RecordingExecution stuck = start(TestJobs.once("sleep", Map.of("ms", 60_000)), workloads, running);
        stuck.awaitStarted(Duration.ofSeconds(10));
        stuck.stop();
        assertThat(stuck.awaitOutcome(Duration.ofSeconds(10)).succeeded()).isFalse();

        RecordingExecution next = start(TestJobs.once("sleep", Map.of("ms", 0)), workloads, running);
        assertThat(next.awaitOutcome(Duration.ofSeconds(10)).succeeded()).isTrue();
        assertThat(running.count()).isZero();
    }

    private RecordingExecution start(dev.jobmesh.core.job.Job job, LoopWorkloads workloads, RunningJobs running) {
        RecordingExecution execution = new RecordingExecution();
        var loop = loops.next();
        JobRun run = new JobRun(job, execution, loop, workloads, running, new WorkloadFailures());
        loop.execute(run::start);
        return execution;
    }
}
