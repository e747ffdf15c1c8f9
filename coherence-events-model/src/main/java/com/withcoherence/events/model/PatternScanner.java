package com.withcoherence.events.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One streaming pass over a pattern's JSON, with jackson-core only, that does what event-ruler must not be asked to
 * do and what EventBridge checks on top of it.
 *
 * <p>It counts the rule combinations the pattern's {@code $or}s expand to <em>before</em> event-ruler sees the
 * pattern: event-ruler materialises every combination, so a few hundred characters of repeated {@code $or} keys
 * exhaust any heap (measured: 22 sibling {@code $or}s of two branches, 685 characters, ran a 256 MB JVM out of
 * memory inside {@code JsonRuleCompiler.check}). It finds what event-ruler accepts and EventBridge does not
 * ({@code exactly}; an empty list inside {@code anything-but}, which event-ruler's {@code Machine} fails on with a
 * {@code NullPointerException}), content after the pattern object, and whether any wildcard needs the complexity
 * check. And it writes the pattern's compact form.
 *
 * <p>Locations in messages use the same Jackson configuration as event-ruler's {@code JsonRuleCompiler}
 * ({@code INCLUDE_SOURCE_IN_LOCATION}), so that a problem found here reads exactly like one event-ruler reports.
 * Stateless; thread-safe.
 */
final class PatternScanner {

    /** EventBridge's limit on the rule combinations a pattern's {@code $or}s expand to. */
    static final int MAX_COMBINATIONS = 1000;

    /** Saturation point of the combination count: enough to tell "over the limit" without overflow. */
    private static final long CAP = MAX_COMBINATIONS + 1L;

    /** event-ruler's parser configuration: it puts the source text into every location, and so does EventBridge. */
    private static final JsonFactory FACTORY =
            JsonFactory.builder().configure(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION, true).build();

    private static final Pattern UNRECOGNIZED_TOKEN =
            Pattern.compile("^Unrecognized token '([^'\\n]*)': was expecting .*?line: (\\d+), column: (\\d+)\\]",
                    Pattern.DOTALL);

    /** Jackson truncates the token it quotes at this length; a truncated token's true length is unknown. */
    private static final int MAX_QUOTED_TOKEN = 256;

    private PatternScanner() {
    }

    /** A problem found in the text: its reason in EventBridge's words, where it is, and its JSON pointer. */
    record Problem(String reason, long offset, String pointer) {
    }

    /**
     * What one pass found.
     *
     * @param compactJson the pattern without insignificant whitespace, or {@code null} if the text is not one
     *     well-formed JSON object
     * @param combinations how many rule combinations the {@code $or}s expand to, saturated at {@code 1001}; for text
     *     with a syntax error, an upper bound of those event-ruler would build before reaching the error
     * @param hasWildcard whether any match expression uses {@code wildcard}
     * @param syntax the JSON syntax error, or {@code null}
     * @param unsupported the first construct event-ruler accepts but EventBridge rejects, or {@code null}
     * @param trailing content after the pattern object, or {@code null}
     */
    record Scan(String compactJson, long combinations, boolean hasWildcard, Problem syntax, Problem unsupported,
            Problem trailing) {
    }

    static Scan scan(String json) {
        StringWriter out = new StringWriter(json.length());
        try (JsonParser p = FACTORY.createParser(json); JsonGenerator g = FACTORY.createGenerator(out)) {
            Walk walk = new Walk(p, g);
            return walk.run(out);
        } catch (IOException e) {
            // Reading a String and writing a StringWriter perform no I/O; Walk turns parse errors into a Scan.
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Rewrites Jackson's location of an unrecognized token the way EventBridge reports it: EventBridge's Jackson
     * points after the token ({@code "this is not json"} → column 5, AWS-recorded), current Jackson points at its
     * first character (column 1).
     */
    static String awsLocation(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = UNRECOGNIZED_TOKEN.matcher(message);
        if (!m.find() || m.group(1).length() >= MAX_QUOTED_TOKEN) {
            return message;
        }
        long column = Long.parseLong(m.group(3)) + m.group(1).length();
        return message.substring(0, m.start(3)) + column + message.substring(m.end(3));
    }

    /**
     * Returns the JSON pointer of the value the parser had just read when it reached {@code offset}, the char offset
     * a JSON parse error reports; {@code ""} if it cannot be told.
     */
    static String pointerAt(String json, long offset) {
        if (offset < 0) {
            return "";
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            String pointer = "";
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                // Read a string to its end: the error may be reported right after its opening quote (before
                // event-ruler read it) or after its closing one, and both must land on this token.
                p.finishToken();
                pointer = p.getParsingContext().pathAsPointer().toString();
                if (p.currentLocation().getCharOffset() >= offset) {
                    break;
                }
            }
            return pointer;
        } catch (IOException e) {
            return pointerOf(e, "");
        }
    }

    private static String pointerOf(IOException e, String fallback) {
        if (e instanceof JsonProcessingException jpe && jpe.getProcessor() instanceof JsonParser parser) {
            return parser.getParsingContext().pathAsPointer().toString();
        }
        return fallback;
    }

    /** The state of one pass: reads every token once and copies it to the compact writer. */
    private static final class Walk {

        private final JsonParser p;
        private final JsonGenerator g;
        /** Where the parser stood right after the last token, before writing it read a string to its end. */
        private JsonLocation location;
        private boolean hasWildcard;
        private Problem unsupported;
        /** The product of the branch counts of every $or read to its end: at least the true count. */
        private long completedOrs = 1;
        /** The branches read so far of each $or being read, innermost last. */
        private final ArrayDeque<long[]> openOrs = new ArrayDeque<>();

        Walk(JsonParser p, JsonGenerator g) {
            this.p = p;
            this.g = g;
        }

        Scan run(StringWriter out) throws IOException {
            long combinations;
            try {
                if (next() != JsonToken.START_OBJECT) {
                    // event-ruler reports "Filter is not an object" at the right place.
                    return new Scan(null, 1, false, null, null, null);
                }
                combinations = object();
                g.flush();
            } catch (JsonProcessingException e) {
                Problem syntax = new Problem(awsLocation(e.getMessage()), offsetOf(e), pointerOf(e, ""));
                return new Scan(null, upperBound(), hasWildcard, syntax, unsupported, null);
            }
            Problem trailing = null;
            try {
                if (p.nextToken() != null) {
                    location = p.currentLocation();
                    trailing = problem("Unexpected content after the pattern object: a pattern is exactly one JSON "
                            + "object; remove what follows its closing '}'");
                }
            } catch (JsonProcessingException e) {
                trailing = new Problem(awsLocation(e.getMessage()), offsetOf(e), "");
            }
            return new Scan(out.toString(), combinations, hasWildcard, null, unsupported, trailing);
        }

        /** Reads the next token and writes it to the compact form. */
        private JsonToken next() throws IOException {
            JsonToken t = p.nextToken();
            location = p.currentLocation();
            if (t == null) {
                return null;
            }
            switch (t) {
                case START_OBJECT -> g.writeStartObject();
                case END_OBJECT -> g.writeEndObject();
                case START_ARRAY -> g.writeStartArray();
                case END_ARRAY -> g.writeEndArray();
                case FIELD_NAME -> g.writeFieldName(p.currentName());
                case VALUE_STRING -> g.writeString(p.getText());
                // The number's own text: "3.018e2" stays "3.018e2", as EventBridge stores what it was sent.
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getText());
                case VALUE_TRUE -> g.writeBoolean(true);
                case VALUE_FALSE -> g.writeBoolean(false);
                case VALUE_NULL -> g.writeNull();
                default -> {
                    // VALUE_EMBEDDED_OBJECT and NOT_AVAILABLE never come from a text parser.
                }
            }
            return t;
        }

        /** Copies the rest of the value that {@code t} starts. */
        private void skip(JsonToken t) throws IOException {
            if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
                return;
            }
            int depth = 1;
            while (depth > 0) {
                JsonToken n = next();
                if (n == null) {
                    return;
                }
                if (n == JsonToken.START_OBJECT || n == JsonToken.START_ARRAY) {
                    depth++;
                } else if (n == JsonToken.END_OBJECT || n == JsonToken.END_ARRAY) {
                    depth--;
                }
            }
        }

        /**
         * Walks a pattern object (after its '{'), returning how many combinations it expands to. Mirrors
         * JsonRuleCompiler: each {@code $or} replaces the combinations so far by one copy per branch, so sibling and
         * repeated {@code $or}s multiply and the branches of one {@code $or} add.
         */
        private long object() throws IOException {
            long combinations = 1;
            for (JsonToken t = next(); t == JsonToken.FIELD_NAME; t = next()) {
                String name = p.currentName();
                JsonToken value = next();
                if (value == null) {
                    return combinations;
                }
                if (name.equals("$or") && value == JsonToken.START_ARRAY) {
                    combinations = times(combinations, or());
                } else if (value == JsonToken.START_OBJECT) {
                    combinations = times(combinations, object());
                } else if (value == JsonToken.START_ARRAY) {
                    values();
                }
            }
            return combinations;
        }

        private long or() throws IOException {
            long[] branches = {0};
            openOrs.addLast(branches);
            for (JsonToken t = next(); t != null && t != JsonToken.END_ARRAY; t = next()) {
                if (t == JsonToken.START_OBJECT) {
                    branches[0] = plus(branches[0], object());
                } else {
                    skip(t);
                }
            }
            openOrs.removeLast();
            long total = Math.max(branches[0], 1);
            completedOrs = times(completedOrs, total);
            return total;
        }

        /**
         * Bounds the combinations event-ruler would have built when it reached a syntax error: the text before the
         * error is all it reads, and every {@code $or} begun there multiplies at most by the branches it has.
         */
        private long upperBound() {
            long bound = completedOrs;
            for (long[] branches : openOrs) {
                bound = times(bound, Math.max(branches[0], 1));
            }
            return bound;
        }

        /** Walks a field's list of values (after its '['). */
        private void values() throws IOException {
            for (JsonToken t = next(); t != null && t != JsonToken.END_ARRAY; t = next()) {
                if (t == JsonToken.START_OBJECT) {
                    matchExpression();
                } else {
                    skip(t);
                }
            }
        }

        /** Walks one {@code {"operator": operand}} (after its '{'). */
        private void matchExpression() throws IOException {
            JsonToken t = next();
            if (t != JsonToken.FIELD_NAME) {
                skipRestOfObject(t);
                return;
            }
            String operator = p.currentName();
            JsonToken operand = next();
            if (operator.equals("exactly")) {
                // event-ruler's undocumented spelling of an exact match; EventBridge documents no such operator.
                // The location is where event-ruler reports an unknown operator: after reading its operand's first
                // token ("Unrecognized match type NUMERIC … column 36", AWS-recorded).
                firstUnsupported(problem("Unrecognized match type exactly"));
            } else if (operator.equals("wildcard")) {
                hasWildcard = true;
            } else if (operator.equals("anything-but") && operand == JsonToken.START_OBJECT) {
                anythingButObject();
                skipRestOfObject(next());
                return;
            }
            skip(operand);
            skipRestOfObject(next());
        }

        /** Walks {@code {"prefix" | "suffix" | "equals-ignore-case" | "wildcard": operand}} inside anything-but. */
        private void anythingButObject() throws IOException {
            JsonToken t = next();
            if (t != JsonToken.FIELD_NAME) {
                skipRestOfObject(t);
                return;
            }
            if (p.currentName().equals("wildcard")) {
                hasWildcard = true;
            }
            JsonToken operand = next();
            if (operand == JsonToken.START_ARRAY) {
                JsonToken first = next();
                if (first == JsonToken.END_ARRAY) {
                    // event-ruler accepts it, then Machine.addRule fails with a NullPointerException; nothing is
                    // excluded by an empty list, so say so in event-ruler's words for every other empty list.
                    firstUnsupported(problem("Empty arrays are not allowed"));
                    skipRestOfObject(next());
                    return;
                }
                skip(first);
                for (JsonToken n = next(); n != null && n != JsonToken.END_ARRAY; n = next()) {
                    skip(n);
                }
            } else {
                skip(operand);
            }
            skipRestOfObject(next());
        }

        /** Copies the rest of an object whose next token, already read, is {@code t}. */
        private void skipRestOfObject(JsonToken t) throws IOException {
            for (JsonToken n = t; n != null && n != JsonToken.END_OBJECT; n = next()) {
                skip(n);
            }
        }

        private void firstUnsupported(Problem problem) {
            if (unsupported == null) {
                unsupported = problem;
            }
        }

        /**
         * A problem where the last token was read, with Jackson's location text as event-ruler writes it: event-ruler
         * reports before it reads a string operand's text, so the location is right after the opening quote.
         */
        private Problem problem(String reason) {
            JsonParseException located = new JsonParseException(p, reason, location);
            return new Problem(located.getMessage(), location.getCharOffset(),
                    p.getParsingContext().pathAsPointer().toString());
        }

        private static long offsetOf(JsonProcessingException e) {
            return e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
        }

        private static long times(long a, long b) {
            return Math.min(a * b, CAP);
        }

        private static long plus(long a, long b) {
            return Math.min(a + b, CAP);
        }
    }
}
