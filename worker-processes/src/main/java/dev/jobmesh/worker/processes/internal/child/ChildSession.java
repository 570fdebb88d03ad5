package dev.jobmesh.worker.processes.internal.child;

import java.io.DataInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobOutcome;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.workload.BlockingJobRunner;
import dev.jobmesh.worker.processes.internal.protocol.Frame;
import dev.jobmesh.worker.processes.internal.protocol.FrameCodec;
import dev.jobmesh.worker.processes.internal.protocol.FrameException;
import dev.jobmesh.worker.processes.internal.protocol.FrameType;
import dev.jobmesh.worker.processes.internal.protocol.FrameWriter;
import dev.jobmesh.worker.processes.internal.protocol.Handshake;
import dev.jobmesh.worker.processes.internal.protocol.Ready;

/**
 * A child's whole conversation with its supervisor: handshake, then jobs one at a time until stdin ends.
 * Jobs run on a thread of their own so the reading thread stays free for CANCEL and notices end of input
 * even while a job runs; heartbeats go from a third thread so a busy job never silences them.
 */
final class ChildSession {

    private final DataInputStream in;
    private final FrameWriter out;
    private final FrameCodec codec;
    private final JobCodec jobs = new JobCodec();
    private final ExecutorService jobThread =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("child-job").factory());
    private volatile Running running;

    private record Running(String jobId, Future<?> future) {
    }

    ChildSession(DataInputStream in, FrameWriter out, FrameCodec codec) {
        this.in = in;
        this.out = out;
        this.codec = codec;
    }

    /** Serves until stdin ends; returns the process exit code. */
    int run() throws IOException {
        Frame hello = codec.read(in);
        if (hello == null) {
            return 0;
        }
        if (hello.type() != FrameType.HELLO) {
            throw new FrameException("expected HELLO first, got " + hello.type());
        }
        Handshake handshake = Handshake.decode(hello.payload());
        BlockingJobRunner runner = new BlockingJobRunner(ChildWorkloads.catalog(handshake));
        out.write(new Frame(FrameType.READY, new Ready(Handshake.PROTOCOL_VERSION, ProcessHandle.current().pid()).encode()));
        Thread.ofPlatform().daemon().name("child-heartbeat").start(new Heartbeat(out, handshake.heartbeatInterval()));

        Frame frame;
        while ((frame = codec.read(in)) != null) {
            switch (frame.type()) {
                case JOB -> {
                    Job job = jobs.decodeJob(frame.payload());
                    running = new Running(job.id(), jobThread.submit(() -> runJob(runner, job)));
                }
                case CANCEL -> cancel(frame.text());
                default -> throw new FrameException("a child does not take " + frame.type() + " frames");
            }
        }
        return 0;
    }

    private void runJob(BlockingJobRunner runner, Job job) {
        Thread.interrupted(); // a cancel that came after the last job ended must not hit this one
        Instant startedAt = Instant.now();
        JobOutcome outcome = runner.run(job);
        JobState ended = JobState.finished(job, job.attempt(), "pid " + ProcessHandle.current().pid(), outcome,
                startedAt, Instant.now());
        try {
            out.write(new Frame(FrameType.RESULT, jobs.encodeState(ended)));
        } catch (IOException e) {
            // The supervisor is gone; the reading thread sees end of input and the child exits.
        }
    }

    private void cancel(String jobId) {
        Running current = running;
        if (current != null && current.jobId().equals(jobId)) {
            current.future().cancel(true);
        }
    }
}
