package dev.jobmesh.worker.processes.internal.protocol;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Writes whole frames to one pipe from any thread; a frame is never interleaved with another. */
public final class FrameWriter implements AutoCloseable {

    private final DataOutputStream out;
    private final FrameCodec codec;

    public FrameWriter(OutputStream out, FrameCodec codec) {
        this.out = new DataOutputStream(new BufferedOutputStream(out, 64 * 1024));
        this.codec = codec;
    }

    /** Writes and flushes one frame. */
    public synchronized void write(Frame frame) throws IOException {
        codec.write(out, frame);
        out.flush();
    }

    /** Closes the pipe; for a child's stdin this is the signal to exit. */
    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
