package dev.jobmesh.gateway.status;

import java.nio.ByteBuffer;

import dev.jobmesh.core.job.JobStatus;

/**
 * A job's snapshot as the view stores it: its {@link StatusHeader} in 19 bytes, then the snapshot's JSON as it came
 * from Kafka. A value written before the header existed is the bare JSON, which starts with '{'.
 */
record StoredStatus(StatusHeader header, byte[] json) {

    private static final byte FORMAT = 1;
    private static final int HEADER_BYTES = 1 + 1 + 4 + 4 + 1 + 8;
    private static final JobStatus[] STATUSES = JobStatus.values();

    byte[] encode() {
        ByteBuffer value = ByteBuffer.allocate(HEADER_BYTES + json.length);
        value.put(FORMAT).put((byte) header.status().ordinal()).putInt(header.generation()).putInt(header.runs())
                .put((byte) (header.hasSubmittedAt() ? 1 : 0)).putLong(header.finishedAtMillis()).put(json);
        return value.array();
    }

    /** Whether a stored value has the header; one without is the bare JSON of an older view. */
    static boolean hasHeader(byte[] value) {
        return value.length >= HEADER_BYTES && value[0] == FORMAT;
    }

    static StatusHeader header(byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value, 1, HEADER_BYTES - 1);
        return new StatusHeader(STATUSES[buffer.get()], buffer.getInt(), buffer.getInt(), buffer.get() == 1,
                buffer.getLong());
    }

    static int jsonOffset() {
        return HEADER_BYTES;
    }
}
