package dev.jobmesh.worker.processes.internal.launch;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.worker.processes.internal.protocol.Frame;
import dev.jobmesh.worker.processes.internal.protocol.FrameCodec;
import dev.jobmesh.worker.processes.internal.protocol.FrameType;
import dev.jobmesh.worker.processes.internal.protocol.FrameWriter;
import dev.jobmesh.worker.processes.internal.protocol.Handshake;
import org.slf4j.event.Level;

/**
 * One child run only to record a start-up archive: it shakes hands and runs a job of every workload (none
 * touching the network beyond a refused connection to 127.0.0.1), so the classes a real child loads are the
 * ones archived, then exits, which is when the JVM writes the archive.
 */
public final class ArchiveTraining {

    /** Writing an AOT cache starts another JVM; on a busy two-core machine that took up to ~10 s. */
    public static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** Port 1 on loopback: nothing listens, so the http job fails fast after going through the HTTP client. */
    private static final URI REFUSED = URI.create("http://127.0.0.1:1/");

    private final FrameCodec frames = new FrameCodec();
    private final JobCodec jobs = new JobCodec();

    /** Runs the training child to its end; throws when it did not exit cleanly. */
    void run(ChildCommand command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command.toList()).start();
        ChildStderr stderr = new ChildStderr(process.getErrorStream(), "archive training", Level.DEBUG)
                .start("jobmesh-archive-training-stderr");
        CompletableFuture<Process> killer = CompletableFuture.supplyAsync(() -> process,
                        CompletableFuture.delayedExecutor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .thenApply(Process::destroyForcibly);
        try (FrameWriter in = new FrameWriter(process.getOutputStream(), frames);
             DataInputStream out = new DataInputStream(new BufferedInputStream(process.getInputStream()))) {
            in.write(new Frame(FrameType.HELLO, new Handshake(Handshake.PROTOCOL_VERSION, REFUSED,
                    List.of("127.0.0.1:1"), Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(1)).encode()));
            expect(out, FrameType.READY);
            for (Job job : trainingJobs()) {
                in.write(new Frame(FrameType.JOB, jobs.encodeJob(job)));
                jobs.decodeState(expect(out, FrameType.RESULT).payload());
            }
            in.write(Frame.text(FrameType.CANCEL, "no-such-job"));
            in.close();
            while (frames.read(out) != null) {
                // heartbeats until the child exits
            }
            process.waitFor();
            stderr.awaitEnd(Duration.ofSeconds(5));
            if (process.exitValue() != 0) {
                throw new IOException("training child exited with " + process.exitValue() + ": " + stderr.lastLines());
            }
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw new IOException("archive training failed: " + e.getMessage() + "; child said: " + stderr.lastLines(), e);
        } finally {
            killer.cancel(false);
        }
    }

    private Frame expect(DataInputStream out, FrameType type) throws IOException {
        Frame frame;
        do {
            frame = frames.read(out);
            if (frame == null) {
                throw new IOException("child ended its output while " + type + " was expected");
            }
        } while (frame.type() == FrameType.HEARTBEAT);
        if (frame.type() != type) {
            throw new IOException("expected " + type + ", got " + frame.type());
        }
        return frame;
    }

    private static List<Job> trainingJobs() {
        return List.of(
                job("noop", Map.of()),
                job("sleep", Map.of("ms", 1)),
                job("cpu", Map.of("limit", 50_000)),
                job("http", Map.of()),
                job("http", Map.of("url", "http://not-allowlisted.invalid/")),
                job("sleep", Map.of("ms", -1)),
                job("no-such-type", Map.of()));
    }

    private static Job job(String type, Map<String, Object> params) {
        return new Job("archive-training-" + UUID.randomUUID(), type, Model.PROCESSES, params, Instant.now(), 1);
    }
}
