package dev.jobmesh.core.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the versioned JSON envelopes on jobmesh's topics.
 * Every record carries {@code "v"}; readers ignore fields they do not know, so services of
 * neighbouring versions can share a topic during a rolling upgrade.
 */
public final class JobCodec {

    /** The envelope version this build writes. */
    public static final int SCHEMA_VERSION = 1;

    private final JsonMapper mapper;

    public JobCodec() {
        this.mapper = JsonMapper.builder()
                .addModule(IsoInstants.module())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .changeDefaultPropertyInclusion(incl -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.NON_NULL))
                .build();
    }

    public byte[] encodeJob(Job job) {
        return write(job);
    }

    public Job decodeJob(byte[] bytes) {
        return read(bytes, Job.class);
    }

    public byte[] encodeState(JobState state) {
        return write(state);
    }

    public JobState decodeState(byte[] bytes) {
        return read(bytes, JobState.class);
    }

    /** A snapshot that starts {@code offset} bytes into {@code bytes} and runs to their end. */
    public JobState decodeState(byte[] bytes, int offset) {
        try {
            return mapper.readValue(bytes, offset, bytes.length - offset, JobState.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new UndecodableRecordException("cannot decode JobState: " + e.getMessage(), e);
        }
    }

    public byte[] encodeDeadLetter(DeadLetter letter) {
        return write(letter);
    }

    public DeadLetter decodeDeadLetter(byte[] bytes) {
        return read(bytes, DeadLetter.class);
    }

    public byte[] encodeControl(JobControl control) {
        return write(control);
    }

    public JobControl decodeControl(byte[] bytes) {
        return read(bytes, JobControl.class);
    }

    private byte[] write(Object value) {
        return mapper.writeValueAsBytes(value);
    }

    private <T> T read(byte[] bytes, Class<T> type) {
        if (bytes == null) {
            throw new UndecodableRecordException("record has no value");
        }
        try {
            return mapper.readValue(bytes, type);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new UndecodableRecordException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
