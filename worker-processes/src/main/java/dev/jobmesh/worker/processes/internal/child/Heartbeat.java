package dev.jobmesh.worker.processes.internal.child;

import java.io.IOException;
import java.time.Duration;

import dev.jobmesh.worker.processes.internal.protocol.Frame;
import dev.jobmesh.worker.processes.internal.protocol.FrameType;
import dev.jobmesh.worker.processes.internal.protocol.FrameWriter;

/** Sends a HEARTBEAT frame every interval, so the supervisor can tell a hung child from a busy one. */
final class Heartbeat implements Runnable {

    private final FrameWriter out;
    private final Duration interval;

    Heartbeat(FrameWriter out, Duration interval) {
        this.out = out;
        this.interval = interval;
    }

    @Override
    public void run() {
        try {
            while (true) {
                Thread.sleep(interval);
                out.write(Frame.of(FrameType.HEARTBEAT));
            }
        } catch (InterruptedException | IOException e) {
            // Stopping, or the supervisor is gone: the reading thread ends the process.
        }
    }
}
