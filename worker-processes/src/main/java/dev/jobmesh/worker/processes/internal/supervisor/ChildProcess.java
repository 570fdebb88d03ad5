package dev.jobmesh.worker.processes.internal.supervisor;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import dev.jobmesh.worker.processes.internal.launch.ChildCommand;
import dev.jobmesh.worker.processes.internal.launch.ChildStderr;
import dev.jobmesh.worker.processes.internal.protocol.Frame;
import dev.jobmesh.worker.processes.internal.protocol.FrameCodec;
import dev.jobmesh.worker.processes.internal.protocol.FrameException;
import dev.jobmesh.worker.processes.internal.protocol.FrameType;
import dev.jobmesh.worker.processes.internal.protocol.FrameWriter;
import dev.jobmesh.worker.processes.internal.protocol.Handshake;
import org.slf4j.event.Level;

/**
 * One running child: its process, the pipe to its stdin and a thread reading frames from its stdout.
 * Death is seen by that thread the moment the kernel closes the dead process's pipe (end of input), then
 * confirmed with the process's exit status, so a dead child is noticed at once, not on a polling interval,
 * and only after every frame it wrote before dying has been reported.
 */
public final class ChildProcess {

    /** Where a child is in its life; changed by the pool's supervisor thread only. */
    public enum State { STARTING, IDLE, BUSY, RETIRING, EXITED }

    private final int slot;
    private final Process process;
    private final FrameWriter stdin;
    private final ChildStderr stderr;
    private final long spawnedNanos;
    private volatile long lastHeardNanos;

    // Owned by the pool's supervisor thread.
    State state = State.STARTING;
    ChildRun run;
    int jobsDone;
    long readyNanos;
    RestartReason stopReason;

    private ChildProcess(int slot, Process process, FrameCodec codec, long spawnedNanos) {
        this.slot = slot;
        this.process = process;
        this.stdin = new FrameWriter(process.getOutputStream(), codec);
        this.stderr = new ChildStderr(process.getErrorStream(), "child " + slot + " pid " + process.pid(), Level.WARN)
                .start("jobmesh-child-" + slot + "-stderr");
        this.spawnedNanos = spawnedNanos;
        this.lastHeardNanos = spawnedNanos;
    }

    /** Starts a child and sends its HELLO; its frames and its exit go to the listener. */
    public static ChildProcess start(int slot, ChildCommand command, Handshake handshake, FrameCodec codec,
                                     ChildListener listener) throws IOException {
        long spawned = System.nanoTime();
        Process process = new ProcessBuilder(command.toList()).start();
        ChildProcess child = new ChildProcess(slot, process, codec, spawned);
        Thread.ofPlatform().daemon().name("jobmesh-child-" + slot + "-" + process.pid())
                .start(() -> child.read(codec, listener));
        try {
            child.stdin.write(new Frame(FrameType.HELLO, handshake.encode()));
        } catch (IOException e) {
            // it died at once; the reader reports the exit and stderr says why
        }
        return child;
    }

    private void read(FrameCodec codec, ChildListener listener) {
        try (DataInputStream out = new DataInputStream(new BufferedInputStream(process.getInputStream(), 64 * 1024))) {
            Frame frame;
            while ((frame = codec.read(out)) != null) {
                lastHeardNanos = System.nanoTime();
                listener.frameReceived(this, frame);
            }
        } catch (IOException | FrameException e) {
            if (process.isAlive()) {
                listener.badOutput(this, e);
            }
        }
        int code = awaitExit();
        try {
            stderr.awaitEnd(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listener.exited(this, code);
    }

    /** End of output normally means exit; a child that closed stdout and lives on is killed. */
    private int awaitExit() {
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return process.waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    /** Sends a frame; a failure means the child is dying, which its reader will report. */
    public boolean send(Frame frame) {
        try {
            stdin.write(frame);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Closes the child's stdin: an idle child exits at once, a busy one as soon as it reads the end. */
    public void closeStdin() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** SIGKILL: nothing in the child can delay or refuse it. */
    public void kill() {
        process.destroyForcibly();
    }

    public int slot() {
        return slot;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
    }

    public long spawnedNanos() {
        return spawnedNanos;
    }

    public long lastHeardNanos() {
        return lastHeardNanos;
    }

    public OptionalLong residentSetSize() {
        return ResidentSetSize.of(process.pid());
    }

    /** The last lines the child wrote to stderr. */
    public List<String> lastStderrLines() {
        return stderr.lastLines();
    }
}
