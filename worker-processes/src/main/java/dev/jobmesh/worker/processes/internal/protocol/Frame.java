package dev.jobmesh.worker.processes.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** One message between supervisor and child: a type and its payload bytes. */
public record Frame(FrameType type, byte[] payload) {

    private static final byte[] EMPTY = new byte[0];

    public Frame {
        Objects.requireNonNull(type, "type");
        payload = payload == null ? EMPTY : payload;
    }

    public static Frame of(FrameType type) {
        return new Frame(type, EMPTY);
    }

    public static Frame text(FrameType type, String text) {
        return new Frame(type, text.getBytes(StandardCharsets.UTF_8));
    }

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
