package dev.jobmesh.core.job;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Instants as ISO-8601 text, exactly as {@link Instant#toString()} writes and {@link Instant#parse}
 * reads them, but without {@code DateTimeFormatter}: its general machinery was the largest single cost of encoding
 * and decoding a job's snapshot (five instants in each). Anything but the plain UTC form falls back to
 * {@link Instant#parse}, so every envelope written before still reads.
 */
public final class IsoInstants {

    private IsoInstants() {
    }

    /** Instants written and read this way, for any Jackson mapper: the API's and the load generator's too. */
    public static JacksonModule module() {
        return new SimpleModule("jobmesh-instants").addSerializer(Instant.class, new Writer())
                .addDeserializer(Instant.class, new Reader());
    }

    /** What {@link Instant#toString()} returns, for years 0 to 9999; the JDK's own text outside them. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        int year = time.getYear();
        if (year < 0 || year > 9999) {
            return instant.toString();
        }
        char[] text = new char[30];
        int at = 0;
        at = digits(text, at, year, 4);
        text[at++] = '-';
        at = digits(text, at, time.getMonthValue(), 2);
        text[at++] = '-';
        at = digits(text, at, time.getDayOfMonth(), 2);
        text[at++] = 'T';
        at = digits(text, at, time.getHour(), 2);
        text[at++] = ':';
        at = digits(text, at, time.getMinute(), 2);
        text[at++] = ':';
        at = digits(text, at, time.getSecond(), 2);
        int nanos = instant.getNano();
        if (nanos > 0) {
            // As ISO_INSTANT does: in groups of three digits, as few as the value needs.
            text[at++] = '.';
            if (nanos % 1_000_000 == 0) {
                at = digits(text, at, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                at = digits(text, at, nanos / 1_000, 6);
            } else {
                at = digits(text, at, nanos, 9);
            }
        }
        text[at++] = 'Z';
        return new String(text, 0, at);
    }

    /** The instant of ISO-8601 text, as {@link Instant#parse} reads it. */
    public static Instant parse(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z') {
            return Instant.parse(text);
        }
        try {
            int nanos = 0;
            if (length > 20) {
                int digits = length - 21;
                if (text.charAt(19) != '.' || digits < 1 || digits > 9) {
                    return Instant.parse(text);
                }
                nanos = number(text, 20, digits);
                for (int i = digits; i < 9; i++) {
                    nanos *= 10;
                }
            } else if (length != 20) {
                return Instant.parse(text);
            }
            int hour = number(text, 11, 2);
            int minute = number(text, 14, 2);
            int second = number(text, 17, 2);
            if (hour > 23 || minute > 59 || second > 59) {
                return Instant.parse(text);
            }
            long day = LocalDate.of(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2)).toEpochDay();
            return Instant.ofEpochSecond(day * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (NumberFormatException | DateTimeException e) {
            return Instant.parse(text);
        }
    }

    private static int digits(char[] text, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + count;
    }

    private static int number(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                throw new NumberFormatException(text);
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** Writes instants as {@link #format} does. */
    static final class Writer extends ValueSerializer<Instant> {

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializationContext context) throws JacksonException {
            generator.writeString(format(value));
        }
    }

    /** Reads instants as {@link #parse} does; epoch seconds as numbers too, as Jackson's own reader would. */
    static final class Reader extends ValueDeserializer<Instant> {

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_STRING) {
                try {
                    return parse(parser.getString());
                } catch (DateTimeException e) {
                    return context.reportInputMismatch(Instant.class, "not an ISO-8601 instant: %s", parser.getString());
                }
            }
            if (token == JsonToken.VALUE_NUMBER_INT) {
                return Instant.ofEpochSecond(parser.getLongValue());
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                java.math.BigDecimal seconds = parser.getDecimalValue();
                return Instant.ofEpochSecond(seconds.longValue(),
                        seconds.remainder(java.math.BigDecimal.ONE).movePointRight(9).intValue());
            }
            return context.reportInputMismatch(Instant.class, "an instant is ISO-8601 text, not %s", token);
        }
    }
}
