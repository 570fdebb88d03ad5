package dev.jobmesh.worker.processes.internal.protocol;

import java.nio.ByteBuffer;

/** The READY payload: the child's protocol version and its pid as it sees itself. */
public record Ready(int protocolVersion, long pid) {

    public byte[] encode() {
        return ByteBuffer.allocate(12).putInt(protocolVersion).putLong(pid).array();
    }

    public static Ready decode(byte[] payload) {
        if (payload.length != 12) {
            throw new FrameException("READY payload of " + payload.length + " bytes, expected 12");
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        return new Ready(buffer.getInt(), buffer.getLong());
    }
}
