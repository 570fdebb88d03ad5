package dev.jobmesh.worker.processes.internal.protocol;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * Length-prefixed frames: a big-endian int counting the bytes that follow, a one-byte {@link FrameType},
 * then the payload. A length prefix rather than a delimiter so payloads need no escaping and a reader always
 * knows where the next frame starts.
 */
public final class FrameCodec {

    /** Far above any job or result; a larger prefix means the stream is garbage, not a huge frame. */
    public static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    /** Writes one frame; the caller flushes. */
    public void write(DataOutputStream out, Frame frame) throws IOException {
        out.writeInt(frame.payload().length + 1);
        out.writeByte(frame.type().code());
        out.write(frame.payload());
    }

    /** Reads the next frame, or returns null when the stream ends cleanly between frames. */
    public Frame read(DataInputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int length = (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
        if (length < 1 || length > MAX_FRAME_BYTES) {
            throw new FrameException("frame length " + length + " outside 1.." + MAX_FRAME_BYTES);
        }
        FrameType type = FrameType.of(in.readByte());
        byte[] payload = new byte[length - 1];
        try {
            in.readFully(payload);
        } catch (EOFException e) {
            throw new FrameException("stream ended inside a " + type + " frame");
        }
        return new Frame(type, payload);
    }
}
