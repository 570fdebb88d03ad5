package dev.jobmesh.gateway.status;

import java.time.format.DateTimeParseException;

import dev.jobmesh.core.job.IsoInstants;
import dev.jobmesh.core.job.JobStatus;
import dev.jobmesh.core.job.UndecodableRecordException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a {@link StatusHeader} from a snapshot's JSON envelope with a streaming parser, skipping every other field:
 * no objects, maps or times are made for what the view does not look at.
 */
final class StatusHeaderReader {

    private final JsonFactory json = JsonFactory.builder().build();

    /**
     * What a view does with a snapshot besides storing it: its header, and for the gateway that accepted the job
     * the facts of its end-to-end latency. The submission time stays text until someone needs it.
     */
    record Read(StatusHeader header, String type, String model, String submittedBy, String submittedAt, String startedAt,
                String owner) {
    }

    StatusHeader read(byte[] snapshot) {
        return readAll(snapshot).header();
    }

    Read readAll(byte[] snapshot) {
        JobStatus status = null;
        String type = null;
        String model = null;
        String submittedBy = null;
        String submittedAt = null;
        String startedAt = null;
        String owner = null;
        int generation = 0;
        int runs = 0;
        boolean hasSubmittedAt = false;
        long finishedAt = StatusHeader.NOT_FINISHED;
        try (JsonParser parser = json.createParser(ObjectReadContext.empty(), snapshot)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new UndecodableRecordException("a job snapshot is a JSON object");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "status" -> status = JobStatus.valueOf(parser.getString());
                    case "generation" -> generation = parser.getIntValue();
                    case "type" -> type = text(parser, value);
                    case "model" -> model = text(parser, value);
                    case "submittedBy" -> submittedBy = text(parser, value);
                    case "owner" -> owner = text(parser, value);
                    case "submittedAt" -> {
                        hasSubmittedAt = value != JsonToken.VALUE_NULL;
                        submittedAt = text(parser, value);
                    }
                    case "startedAt" -> startedAt = text(parser, value);
                    case "finishedAt" -> finishedAt = millis(parser, value);
                    case "history" -> {
                        if (value == JsonToken.START_ARRAY) {
                            while (parser.nextToken() != JsonToken.END_ARRAY) {
                                runs++;
                                parser.skipChildren();
                            }
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
        } catch (JacksonException | IllegalArgumentException | DateTimeParseException e) {
            throw new UndecodableRecordException("cannot read a job snapshot: " + e.getMessage(), e);
        }
        if (status == null) {
            throw new UndecodableRecordException("a job snapshot without a status");
        }
        return new Read(new StatusHeader(status, generation, runs, hasSubmittedAt, finishedAt), type, model, submittedBy,
                submittedAt, startedAt, owner);
    }

    private static String text(JsonParser parser, JsonToken value) {
        return value == JsonToken.VALUE_NULL ? null : parser.getString();
    }

    /** A time as the codec writes it: an ISO-8601 instant, or epoch seconds as a number. */
    private static long millis(JsonParser parser, JsonToken value) {
        return switch (value) {
            case VALUE_NULL -> StatusHeader.NOT_FINISHED;
            case VALUE_STRING -> IsoInstants.parse(parser.getString()).toEpochMilli();
            case VALUE_NUMBER_INT -> parser.getLongValue() * 1000;
            case VALUE_NUMBER_FLOAT -> Math.round(parser.getDoubleValue() * 1000);
            default -> throw new UndecodableRecordException("finishedAt is " + value);
        };
    }
}
