package dev.jobmesh.gateway.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.jobmesh.gateway.status.StatusJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes a {@link StatusPage}, or one {@link JobResponse}, straight from the snapshots' JSON as the view holds it:
 * each field's bytes are copied and only the structure is parsed, so a page of 200 jobs costs no decoding into
 * objects and no encoding back. The body is what Jackson writes for {@code StatusPage} of {@link JobResponse#of}:
 * the snapshot's own fields in the response's order, null for an absent nullable one, and none of the snapshot's
 * internal fields.
 */
final class StatusPageWriter {

    /** JobResponse's fields, in its order. */
    private static final String[] JOB = {"id", "status", "type", "model", "routing", "params", "result", "error", "worker",
            "attempts", "submittedAt", "startedAt", "finishedAt", "notBefore", "owner", "history"};
    /** What JobResponse holds for a field the snapshot leaves out (the snapshot omits nulls). */
    private static final byte[][] JOB_ABSENT = absent(JOB, "params", "{}", "attempts", "0", "history", "[]");
    private static final int HISTORY = JOB.length - 1;
    /** JobAttempt's fields, in its order. */
    private static final String[] RUN = {"attempt", "worker", "startedAt", "finishedAt", "error"};
    private static final byte[][] RUN_ABSENT = absent(RUN);
    private static final byte[][] JOB_NAMES = names(JOB);
    private static final byte[][] RUN_NAMES = names(RUN);

    private final JsonFactory factory = new JsonFactory();
    private final JsonStringEncoder strings = JsonStringEncoder.getInstance();

    /** The page for {@code ids}, where {@code found} holds each id's snapshot in the same order, null if none. */
    byte[] write(List<String> ids, List<@Nullable StatusJson> found) {
        int size = 32;
        for (StatusJson json : found) {
            size += json == null ? 0 : json.length() + 64;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(ascii("{\"jobs\":["));
        List<String> missing = new ArrayList<>();
        boolean first = true;
        for (int i = 0; i < ids.size(); i++) {
            StatusJson json = found.get(i);
            if (json == null) {
                missing.add(ids.get(i));
                continue;
            }
            if (!first) {
                out.write(',');
            }
            first = false;
            writeJob(json, out);
        }
        out.writeBytes(ascii("],\"missing\":["));
        for (int i = 0; i < missing.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write('"');
            out.writeBytes(strings.quoteAsUTF8(missing.get(i)));
            out.write('"');
        }
        out.writeBytes(ascii("]}"));
        return out.toByteArray();
    }

    /** One job as GET /api/jobs/{id} answers it: the same object as an entry of a page. */
    byte[] writeOne(StatusJson json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length() + 64);
        writeJob(json, out);
        return out.toByteArray();
    }

    private void writeJob(StatusJson json, ByteArrayOutputStream out) {
        byte[] bytes = json.bytes();
        int[] spans = new int[JOB.length * 2];
        List<int[]> runs = new ArrayList<>();
        try (JsonParser parser = factory.createParser(bytes, json.offset(), json.length())) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            readFields(parser, bytes, json.offset(), JOB, spans, runs);
        }
        writeObject(out, bytes, spans, JOB_NAMES, JOB_ABSENT, runs);
    }

    /**
     * Reads the fields of the object the parser has just entered as spans of {@code fields}, up to its end. Other
     * fields are skipped (v, generation, submittedBy, and fields of newer versions). With {@code runs}, the history
     * array's items are read into it, each as spans of JobAttempt's fields.
     */
    private static void readFields(JsonParser parser, byte[] bytes, int base, String[] fields, int[] spans,
                                   @Nullable List<int[]> runs) {
        int open = -1;
        for (JsonToken token = parser.nextToken(); ; token = parser.nextToken()) {
            if (open >= 0) {
                spans[open * 2 + 1] = valueEnd(bytes, base + offset(parser));
                open = -1;
            }
            if (token == JsonToken.END_OBJECT) {
                return;
            }
            expect(token, JsonToken.PROPERTY_NAME);
            int field = indexOf(fields, parser.currentName());
            JsonToken value = parser.nextToken();
            if (runs != null && field == HISTORY && value == JsonToken.START_ARRAY) {
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    expect(item, JsonToken.START_OBJECT);
                    int[] run = new int[RUN.length * 2];
                    readFields(parser, bytes, base, RUN, run, null);
                    runs.add(run);
                }
                spans[field * 2] = -1; // present, written from the runs
                spans[field * 2 + 1] = -1;
                continue;
            }
            if (field >= 0) {
                spans[field * 2] = base + offset(parser);
                open = field;
            }
            parser.skipChildren();
        }
    }

    private static void writeObject(ByteArrayOutputStream out, byte[] bytes, int[] spans, byte[][] names,
                                    byte[][] absent, List<int[]> runs) {
        out.write('{');
        for (int field = 0; field < names.length; field++) {
            if (field > 0) {
                out.write(',');
            }
            out.writeBytes(names[field]);
            int start = spans[field * 2];
            int end = spans[field * 2 + 1];
            if (start == -1 && end == -1) {
                out.write('[');
                for (int i = 0; i < runs.size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    writeObject(out, bytes, runs.get(i), RUN_NAMES, RUN_ABSENT, List.of());
                }
                out.write(']');
            } else if (end > start) {
                out.write(bytes, start, end - start);
            } else {
                out.writeBytes(absent[field]);
            }
        }
        out.write('}');
    }

    /** Where the token the parser is on starts, from the start of its input. */
    private static int offset(JsonParser parser) {
        return (int) parser.currentTokenLocation().getByteOffset();
    }

    /**
     * Where the value before the token at {@code next} ends: before the comma and any white space between. Taken
     * from the next token because the parser reads a string's end only when asked for its text.
     */
    private static int valueEnd(byte[] bytes, int next) {
        int end = next;
        while (end > 0 && isSpace(bytes[end - 1])) {
            end--;
        }
        if (end > 0 && bytes[end - 1] == ',') {
            end--;
        }
        while (end > 0 && isSpace(bytes[end - 1])) {
            end--;
        }
        return end;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalStateException("stored snapshot is not a JSON object of the expected shape: " + actual);
        }
    }

    private static int indexOf(String[] fields, String name) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[][] absent(String[] fields, String... defaults) {
        byte[][] values = new byte[fields.length][];
        Arrays.fill(values, ascii("null"));
        for (int i = 0; i < defaults.length; i += 2) {
            values[indexOf(fields, defaults[i])] = ascii(defaults[i + 1]);
        }
        return values;
    }

    private static byte[][] names(String[] fields) {
        byte[][] names = new byte[fields.length][];
        for (int i = 0; i < fields.length; i++) {
            names[i] = ascii("\"" + fields[i] + "\":");
        }
        return names;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
