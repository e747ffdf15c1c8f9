package com.withcoherence.events.model;

import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/**
 * Reads Coherence events from a jackson-core {@link JsonParser}: one pass, no tree, no {@code ObjectMapper}.
 *
 * <p>Every entry point of {@link CoherenceEvents} ends here, whatever the input: bytes, strings and streams through a
 * streaming parser of {@link #FACTORY}, trees through their traversing parser, and the Jackson module through the
 * caller's parser. Errors carry the JSON pointer of the offending value: {@code base} is the pointer of the parser's
 * root in the outer document (non-empty only for JSON nested in a string, such as a {@code detail} sent as text).
 */
final class EventReader {

    /** EventBridge accepts at most 1,000 levels of nesting (API model); nothing deeper can be a real event. */
    static final int MAX_NESTING_DEPTH = 1000;

    /**
     * EventBridge caps an entry at 256 KB; the envelope adds little. 1 MiB leaves room for any real event and stops a
     * hostile input long before it costs memory.
     */
    static final int MAX_EVENT_LENGTH = 1 << 20;

    /** A string inside an event cannot be longer than the 256 KB EventBridge allows for a whole entry. */
    static final int MAX_STRING_LENGTH = 256 * 1024;

    /** The one, shared, thread-safe factory for events: strict JSON, bounded, no source text in error locations. */
    static final JsonFactory FACTORY = factory(MAX_EVENT_LENGTH, MAX_STRING_LENGTH);

    // Envelope members: index i is bit (1 << i) of the "seen" mask, in the order EventBridge writes them.
    private static final int VERSION = 0;
    private static final int ID = 1;
    private static final int DETAIL_TYPE = 2;
    private static final int SOURCE = 3;
    private static final int ACCOUNT = 4;
    private static final int TIME = 5;
    private static final int REGION = 6;
    private static final int RESOURCES = 7;
    private static final int DETAIL = 8;
    private static final int ALL_ENVELOPE = (1 << 9) - 1;
    private static final String[] ENVELOPE_NAMES = Checks.ENVELOPE_MEMBERS.toArray(new String[0]);
    private static final SerializedString[] ENVELOPE_KEYS = keys(ENVELOPE_NAMES);

    // Environment members, likewise in the order Coherence writes them.
    private static final int CLOUDFRONT_ID = 0;
    private static final int ENVIRONMENT_NAME = 1;
    private static final int APPLICATION_NAME = 2;
    private static final int ALL_ENVIRONMENT = (1 << 3) - 1;
    private static final String[] ENVIRONMENT_NAMES = Checks.ENVIRONMENT_MEMBERS.toArray(new String[0]);
    private static final SerializedString[] ENVIRONMENT_KEYS = keys(ENVIRONMENT_NAMES);

    private static final SerializedString NEW_ENVIRONMENTS_KEY = new SerializedString(CoherenceBus.NEW_ENVIRONMENTS);
    private static final SerializedString VALID_ENVIRONMENTS_KEY =
            new SerializedString(CoherenceBus.VALID_ENVIRONMENTS);

    private static final int UNKNOWN_MEMBER = -1;
    private static final int END_OF_OBJECT = -2;

    private static final int MAX_QUOTED_VALUE = 80;


    private EventReader() {
    }

    private static SerializedString[] keys(String[] names) {
        SerializedString[] keys = new SerializedString[names.length];
        for (int i = 0; i < names.length; i++) {
            keys[i] = new SerializedString(names[i]);
        }
        return keys;
    }

    static JsonFactory factory(long maxDocumentLength, int maxStringLength) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(maxStringLength)
                        .maxDocumentLength(maxDocumentLength)
                        .build())
                // The caller owns the stream it passes in; a Lambda runtime closes its own.
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                // Error locations must not copy payload text into messages and logs.
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Documents

    /** Reads exactly one event object from a parser positioned before its first token, and nothing after it. */
    static CoherenceEvent readDocument(JsonParser p, String base) throws IOException {
        try {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new CoherenceEventException(base, "the input is empty; pass the JSON of one EventBridge event.");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new CoherenceEventException(base, "expected a JSON object (an EventBridge event) but found "
                        + describe(p) + ". To read an SQS message, SNS notification or SQS batch use "
                        + "CoherenceEvents.parseDelivery.");
            }
            CoherenceEvent event = readEvent(p, base);
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw new CoherenceEventException(base, "the event object is followed by more content ("
                        + describe(p) + "); pass exactly one event per call.");
            }
            return event;
        } catch (JsonProcessingException e) {
            throw translate(e, p, base);
        }
    }

    /** Reads an event object; the parser is on its {@code START_OBJECT} and is left on its {@code END_OBJECT}. */
    static CoherenceEvent readEvent(JsonParser p, String base) throws IOException {
        String version = null;
        String id = null;
        String detailType = null;
        String account = null;
        Instant time = null;
        String region = null;
        List<String> resources = null;
        List<Environment> environments = null;
        UnknownMembers unknownDetailMembers = UnknownMembers.none();
        String detailJson = null;
        String detailPointer = null;
        int seen = 0;
        UnknownMembers.Read unknown = null;

        // Members usually come in EventBridge's order; any order reads the same (see nextMember).
        int expected = 0;
        for (int index; (index = nextMember(p, ENVELOPE_KEYS, expected)) != END_OF_OBJECT; ) {
            if (index == UNKNOWN_MEMBER) {
                unknown = readUnknownMember(p, base, p.currentName(), unknown);
                continue;
            }
            expected = index + 1;
            int field = 1 << index;
            if ((seen & field) != 0) {
                throw duplicate(p, base, ENVELOPE_NAMES[index]);
            }
            seen |= field;
            p.nextToken();
            switch (index) {
                case VERSION:
                    version = nonEmptyString(p, base);
                    break;
                case ID:
                    id = nonEmptyString(p, base);
                    break;
                case DETAIL_TYPE:
                    detailType = detailType(p, base);
                    break;
                case SOURCE:
                    source(p, base);
                    break;
                case ACCOUNT:
                    account = nonEmptyString(p, base);
                    break;
                case TIME:
                    time = time(p, base);
                    break;
                case REGION:
                    region = nonEmptyString(p, base);
                    break;
                case RESOURCES:
                    resources = resources(p, base);
                    break;
                default: // DETAIL
                    SerializedString listKey = environmentListKey(detailType);
                    if (listKey != null) {
                        Detail detail = environmentsDetail(p, base, listKey);
                        environments = detail.environments();
                        unknownDetailMembers = detail.unknownMembers();
                    } else {
                        // Unknown detail-type, or not read yet: keep the detail as JSON and decide below.
                        detailPointer = valuePointer(p, base);
                        detailJson = detailAsJson(p, base);
                    }
                    break;
            }
        }
        if (seen != ALL_ENVELOPE) {
            throw missing(p, base, seen, ENVELOPE_NAMES, "every EventBridge event has these envelope fields");
        }
        SerializedString listKey = environmentListKey(detailType);
        if (listKey != null && environments == null) {
            // The detail came before the detail-type: read the kept JSON now that the type is known.
            Detail detail = environmentsDetail(detailJson, detailPointer, listKey);
            environments = detail.environments();
            unknownDetailMembers = detail.unknownMembers();
        }
        try {
            UnknownMembers unknownMembers = UnknownMembers.read(unknown);
            if (CoherenceBus.NEW_ENVIRONMENTS.equals(detailType)) {
                return new NewEnvironmentsEvent(version, id, account, time, region, resources, environments,
                        unknownMembers, unknownDetailMembers);
            }
            if (CoherenceBus.VALID_ENVIRONMENTS.equals(detailType)) {
                return new ValidEnvironmentsEvent(version, id, account, time, region, resources, environments,
                        unknownMembers, unknownDetailMembers);
            }
            return new UnknownCoherenceEvent(version, id, detailType, account, time, region, resources, detailJson,
                    unknownMembers);
        } catch (CoherenceEventException e) {
            throw e.under(objectPointerAtEnd(p, base));
        }
    }

    /**
     * Moves to the next member of an object and returns its index in {@code keys}, {@link #UNKNOWN_MEMBER} for a
     * name not in {@code keys}, or {@link #END_OF_OBJECT}. The name expected next is tried first: jackson-core's UTF-8
     * parser then compares its quoted bytes in place and skips the symbol-table lookup of the name, which is most of
     * the cost of reading a short member. Any other name (members in another order, escapes, unknown members) is
     * looked up, so the order never changes what is read.
     */
    private static int nextMember(JsonParser p, SerializedString[] keys, int expected) throws IOException {
        if (expected < keys.length) {
            if (p.nextFieldName(keys[expected])) {
                return expected;
            }
        } else {
            p.nextToken();
        }
        if (p.currentToken() != JsonToken.FIELD_NAME) {
            return END_OF_OBJECT;
        }
        String name = p.currentName();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].getValue().equals(name)) {
                return i;
            }
        }
        return UNKNOWN_MEMBER;
    }

    /** The key of the detail member listing the environments, or null for a detail-type with no such list. */
    private static SerializedString environmentListKey(String detailType) {
        // Identity first: detailType(...) returns the constants themselves for the known types.
        if (detailType == CoherenceBus.NEW_ENVIRONMENTS || CoherenceBus.NEW_ENVIRONMENTS.equals(detailType)) {
            return NEW_ENVIRONMENTS_KEY;
        }
        if (detailType == CoherenceBus.VALID_ENVIRONMENTS || CoherenceBus.VALID_ENVIRONMENTS.equals(detailType)) {
            return VALID_ENVIRONMENTS_KEY;
        }
        return null;
    }

    /** Reads the detail-type, returning the constant itself (no new string) for the types this library knows. */
    private static String detailType(JsonParser p, String base) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            if (textEquals(p, CoherenceBus.NEW_ENVIRONMENTS)) {
                return CoherenceBus.NEW_ENVIRONMENTS;
            }
            if (textEquals(p, CoherenceBus.VALID_ENVIRONMENTS)) {
                return CoherenceBus.VALID_ENVIRONMENTS;
            }
        }
        return nonEmptyString(p, base);
    }

    /** Checks the source is Coherence's, without making a string of it when it is. */
    private static void source(JsonParser p, String base) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING && textEquals(p, CoherenceBus.SOURCE)) {
            return;
        }
        String source = string(p, base);
        throw new CoherenceEventException(valuePointer(p, base), "expected \"" + CoherenceBus.SOURCE
                + "\" but found " + quote(source) + ": this is not a Coherence event. Give the rule "
                + "that delivers to this handler the pattern {\"source\": [\"" + CoherenceBus.SOURCE + "\"]}.");
    }

    /** Whether the current string value is {@code expected}, compared in the parser's buffer. */
    private static boolean textEquals(JsonParser p, String expected) throws IOException {
        int length = p.getTextLength();
        if (length != expected.length()) {
            return false;
        }
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        for (int i = 0; i < length; i++) {
            if (chars[offset + i] != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Detail

    /** A known detail as read: its environment list and the members beside it. */
    private record Detail(List<Environment> environments, UnknownMembers unknownMembers) {
    }

    /** Reads the detail of a known detail-type at the current token: an object, or a JSON string holding one. */
    private static Detail environmentsDetail(JsonParser p, String base, SerializedString listKey)
            throws IOException {
        String listName = listKey.getValue();
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return environmentsDetail(p.getText(), valuePointer(p, base), listKey);
        }
        if (token != JsonToken.START_OBJECT) {
            throw typeError(p, base, "an object holding \"" + listName + "\"");
        }
        List<Environment> environments = null;
        UnknownMembers.Read unknown = null;
        while (true) {
            if (p.nextFieldName(listKey)) {
                if (environments != null) {
                    throw duplicate(p, base, listName);
                }
                p.nextToken();
                environments = environments(p, base);
            } else if (p.currentToken() == JsonToken.FIELD_NAME) {
                unknown = readUnknownMember(p, base, p.currentName(), unknown);
            } else {
                break;
            }
        }
        if (environments == null) {
            throw new CoherenceEventException(objectPointerAtEnd(p, base) + "/" + listName,
                    "missing required field \"" + listName + "\": a " + listName + " event lists its environments "
                            + "there (an empty array when there are none).");
        }
        return new Detail(environments, UnknownMembers.read(unknown));
    }

    /** Reads a detail kept as JSON text (sent as a string, or read before the detail-type). */
    private static Detail environmentsDetail(String json, String pointer, SerializedString listKey)
            throws IOException {
        try (JsonParser nested = FACTORY.createParser(json)) {
            try {
                if (nested.nextToken() != JsonToken.START_OBJECT) {
                    throw new CoherenceEventException(pointer, "expected the detail to be a JSON object holding \""
                            + listKey.getValue() + "\" but found " + describe(nested) + ".");
                }
                Detail detail = environmentsDetail(nested, pointer, listKey);
                if (nested.nextToken() != null) {
                    throw new CoherenceEventException(pointer, "the detail object is followed by more content ("
                            + describe(nested) + ").");
                }
                return detail;
            } catch (JsonProcessingException e) {
                throw translate(e, nested, pointer);
            }
        }
    }

    /**
     * Returns the detail at the current token as compact JSON text, checked for duplicate keys; a detail sent as a
     * string must hold a JSON object and is returned as that object.
     */
    private static String detailAsJson(JsonParser p, String base) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            String pointer = valuePointer(p, base);
            return canonicalDetail(p.getText(), pointer);
        }
        if (token != JsonToken.START_OBJECT) {
            throw typeError(p, base, "an object");
        }
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            copy(p, g, base, depthOfValue(p));
        }
        return out.toString();
    }

    /**
     * Parses {@code json}, which must be exactly one JSON object without duplicate keys, and returns it as compact
     * JSON text. Errors point below {@code pointer}.
     */
    static String canonicalObject(String json, String pointer) {
        return canonical(json, pointer, true, MAX_NESTING_DEPTH);
    }

    /**
     * {@link #canonicalObject} for an event's detail, which sits one level inside the event: nested at most 999
     * levels, so that the event holding it stays within EventBridge's 1,000.
     */
    static String canonicalDetail(String json, String pointer) {
        return canonical(json, pointer, true, MAX_NESTING_DEPTH - 1);
    }

    /**
     * Parses {@code json}, which must be exactly one JSON value (of any type) without duplicate keys, nested at most
     * {@code maxDepth} levels, and returns it as compact JSON text, numbers as written. Errors point below
     * {@code pointer}.
     */
    static String canonicalValue(String json, String pointer, int maxDepth) {
        return canonical(json, pointer, false, maxDepth);
    }

    private static String canonical(String json, String pointer, boolean object, int maxDepth) {
        try (JsonParser nested = FACTORY.createParser(json)) {
            try {
                JsonToken first = nested.nextToken();
                if (first == null || (object && first != JsonToken.START_OBJECT)) {
                    throw new CoherenceEventException(pointer, "expected " + (object ? "a JSON object" : "a JSON value")
                            + " but found " + describe(nested) + ".");
                }
                StringWriter out = new StringWriter(json.length());
                try (JsonGenerator g = FACTORY.createGenerator(out)) {
                    copy(nested, g, pointer, 0, maxDepth, true);
                }
                if (nested.nextToken() != null) {
                    throw new CoherenceEventException(pointer, "the JSON " + (object ? "object" : "value")
                            + " is followed by more content (" + describe(nested) + ").");
                }
                return out.toString();
            } catch (JsonProcessingException e) {
                throw translate(e, nested, pointer);
            }
        } catch (IOException e) {
            // Parsing a String performs no I/O: any IOException left here is a problem with the text.
            throw new CoherenceEventException(pointer, "the JSON text could not be read: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Environments

    private static List<Environment> environments(JsonParser p, String base) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw typeError(p, base, "an array of environments");
        }
        // Collected in an array and handed to List.of once: one copy instead of ArrayList's growth, toArray and
        // List.copyOf's defensive copy (the records' own List.copyOf then keeps the immutable list as it is).
        Environment[] buffer = null;
        int count = 0;
        for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
            if (token != JsonToken.START_OBJECT) {
                throw typeError(p, base, "an environment object {\"cloudfront_id\": …, \"environment_name\": …, "
                        + "\"application_name\": …}");
            }
            Environment environment = environment(p, base);
            if (buffer == null) {
                buffer = new Environment[8];
            } else if (count == buffer.length) {
                buffer = Arrays.copyOf(buffer, count * 2);
            }
            buffer[count++] = environment;
        }
        return immutableList(buffer, count);
    }

    private static <T> List<T> immutableList(T[] buffer, int count) {
        switch (count) {
            case 0:
                return List.of();
            case 1:
                return List.of(buffer[0]);
            case 2:
                return List.of(buffer[0], buffer[1]);
            default:
                return List.of(count == buffer.length ? buffer : Arrays.copyOf(buffer, count));
        }
    }

    /** Reads one environment object; the parser is on its {@code START_OBJECT}, left on its {@code END_OBJECT}. */
    static Environment environment(JsonParser p, String base) throws IOException {
        String cloudfrontId = null;
        String environmentName = null;
        String applicationName = null;
        int seen = 0;
        UnknownMembers.Read unknown = null;
        int expected = 0;
        for (int index; (index = nextMember(p, ENVIRONMENT_KEYS, expected)) != END_OF_OBJECT; ) {
            if (index == UNKNOWN_MEMBER) {
                unknown = readUnknownMember(p, base, p.currentName(), unknown);
                continue;
            }
            expected = index + 1;
            int field = 1 << index;
            if ((seen & field) != 0) {
                throw duplicate(p, base, ENVIRONMENT_NAMES[index]);
            }
            seen |= field;
            p.nextToken();
            String value = nonEmptyString(p, base);
            if (index == CLOUDFRONT_ID) {
                cloudfrontId = value;
            } else if (index == ENVIRONMENT_NAME) {
                environmentName = value;
            } else {
                applicationName = value;
            }
        }
        if (seen != ALL_ENVIRONMENT) {
            throw missing(p, base, seen, ENVIRONMENT_NAMES, "every environment has these fields");
        }
        try {
            return new Environment(cloudfrontId, environmentName, applicationName, UnknownMembers.read(unknown));
        } catch (CoherenceEventException e) {
            throw e.under(objectPointerAtEnd(p, base));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Scalars

    private static String string(JsonParser p, String base) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw typeError(p, base, "a string");
        }
        return p.getText();
    }

    private static String nonEmptyString(JsonParser p, String base) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw typeError(p, base, "a non-empty string");
        }
        String value = p.getText();
        if (value.isEmpty()) {
            throw new CoherenceEventException(valuePointer(p, base),
                    "expected a non-empty string but found \"\"; Coherence always sends a value here.");
        }
        return value;
    }

    private static Instant time(JsonParser p, String base) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw typeError(p, base, "an RFC 3339 time string such as \"2023-05-19T13:56:16Z\"");
        }
        // Read in the parser's buffer: the time needs no string of its own.
        Instant time = EventTimes.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        if (time == null) {
            String text = p.getText();
            throw new CoherenceEventException(valuePointer(p, base), "expected an RFC 3339 time such as "
                    + "\"2023-05-19T13:56:16Z\" or \"2023-05-19T13:56:16.123+02:00\" but found " + quote(text)
                    + " (a valid calendar date and time, 0 to 9 fraction digits, and Z or an offset are required).");
        }
        return time;
    }

    private static List<String> resources(JsonParser p, String base) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw typeError(p, base, "an array of strings");
        }
        String[] buffer = null;
        int count = 0;
        for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
            String resource = string(p, base);
            if (buffer == null) {
                buffer = new String[4];
            } else if (count == buffer.length) {
                buffer = Arrays.copyOf(buffer, count * 2);
            }
            buffer[count++] = resource;
        }
        return immutableList(buffer, count);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Unknown members: kept as compact JSON text, checked for duplicate keys at every depth.

    /**
     * Reads the member {@code name}, which the library does not know, into {@code members} (made on first use) as
     * compact JSON, numbers as written; the parser is on the name and is left on the value's last token.
     */
    private static UnknownMembers.Read readUnknownMember(JsonParser p, String base, String name,
            UnknownMembers.Read members) throws IOException {
        UnknownMembers.Read kept = members;
        if (kept == null) {
            kept = new UnknownMembers.Read();
        } else if (kept.containsKey(name)) {
            throw duplicate(p, base, name);
        }
        JsonToken token = p.nextToken();
        if (token == JsonToken.VALUE_STRING) {
            // The common case (a replay's replay-name): quoted as the generator would, without making one.
            String text = checkedText(p, base);
            StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
            JsonStringEncoder.getInstance().quoteAsString(text, quoted);
            kept.put(name, quoted.append('"').toString());
            return kept;
        }
        StringWriter out = new StringWriter(32);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            copy(p, g, base, depthOfValue(p), MAX_NESTING_DEPTH, true);
        }
        kept.put(name, out.toString());
        return kept;
    }

    /**
     * Copies the value at the current token to {@code g} (or skips it when {@code g} is null), rejecting duplicate
     * keys and nesting deeper than {@link #MAX_NESTING_DEPTH} (trees and maps have no parser limit of their own).
     */
    static void copy(JsonParser p, JsonGenerator g, String base, int depth) throws IOException {
        copy(p, g, base, depth, MAX_NESTING_DEPTH, false);
    }

    /**
     * {@link #copy(JsonParser, JsonGenerator, String, int)} allowing at most {@code limit} levels, and, with
     * {@code keep}, checking what an event keeps: strings within {@link #MAX_STRING_LENGTH} even when the parser is a
     * caller's with a larger limit (the Jackson module), so that whatever is kept can be read back.
     */
    private static void copy(JsonParser p, JsonGenerator g, String base, int depth, int limit, boolean keep)
            throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            checkDepth(p, base, depth, limit);
            if (g != null) {
                g.writeStartObject();
            }
            String first = null;
            HashSet<String> names = null;
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                if (first == null) {
                    first = name;
                } else {
                    if (names == null) {
                        names = new HashSet<>();
                        names.add(first);
                    }
                    if (!names.add(name)) {
                        throw duplicate(p, base, name);
                    }
                }
                if (g != null) {
                    g.writeFieldName(name);
                }
                p.nextToken();
                copy(p, g, base, depth + 1, limit, keep);
            }
            if (g != null) {
                g.writeEndObject();
            }
        } else if (token == JsonToken.START_ARRAY) {
            checkDepth(p, base, depth, limit);
            if (g != null) {
                g.writeStartArray();
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                copy(p, g, base, depth + 1, limit, keep);
            }
            if (g != null) {
                g.writeEndArray();
            }
        } else if (token == JsonToken.VALUE_EMBEDDED_OBJECT) {
            throw typeError(p, base, "a JSON value");
        } else if (g != null) {
            if (token == JsonToken.VALUE_NUMBER_FLOAT && p.isNaN()) {
                // Only a tree or map holds these: Jackson reads 1e400 into a double as infinity. JSON has no text for
                // infinity; 1e400 reads back as the same double. NaN has no JSON form at all.
                double value = p.getDoubleValue();
                if (Double.isNaN(value)) {
                    throw new CoherenceEventException(valuePointer(p, base), "found NaN, which JSON cannot hold; a "
                            + "parsed event never contains it, so pass the event as EventBridge delivered it.");
                }
                g.writeNumber(value > 0 ? "1e400" : "-1e400");
            } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                // As written: copying it "exactly" converts it to a BigDecimal, which fails on a valid JSON number
                // whose exponent does not fit an int (1E9999999999) and rejected such an event (found by fuzzing).
                // A caller's parser (the Jackson module's: YAML, or JSON allowing ".5") may give text that is not a
                // JSON number; that is written as the value it reads as.
                String text = p.getText();
                g.writeNumber(isJsonNumber(text) ? text : p.getDecimalValue().toString());
            } else if (token == JsonToken.VALUE_STRING && keep) {
                g.writeString(checkedText(p, base));
            } else {
                g.copyCurrentEventExact(p);
            }
        } else if (token == JsonToken.VALUE_STRING) {
            // A skipped string is read as well, so that the string limit applies to it as at every other entry point
            // (a tree holds its strings whole, and the schemas read them); skipping let a 300 KiB string through here
            // that the tree path and CoherenceSchemas reject (found by mutation testing).
            p.getText();
        }
    }

    /**
     * Whether {@code text} is a number as JSON writes it (RFC 8259), what the event's own parser accepts. Not a
     * regular expression: compiling one loads lambda machinery on the parse path, which a cold start pays for.
     */
    static boolean isJsonNumber(String text) {
        int n = text.length();
        int i = text.startsWith("-") ? 1 : 0;
        if (i < n && text.charAt(i) == '0') {
            i++;
        } else {
            int start = i;
            i = digits(text, i);
            if (i == start) {
                return false;
            }
        }
        if (i < n && text.charAt(i) == '.') {
            int start = ++i;
            i = digits(text, i);
            if (i == start) {
                return false;
            }
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int start = i;
            i = digits(text, i);
            if (i == start) {
                return false;
            }
        }
        return i == n;
    }

    private static int digits(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /** The current string, within {@link #MAX_STRING_LENGTH} whatever the parser's own limit (see {@link #copy}). */
    private static String checkedText(JsonParser p, String base) throws IOException {
        String text = p.getText();
        if (text.length() > MAX_STRING_LENGTH) {
            throw new CoherenceEventException(valuePointer(p, base), "found a string of " + text.length()
                    + " characters; no string in an EventBridge event can be longer than " + MAX_STRING_LENGTH + ".");
        }
        return text;
    }

    /**
     * The depth {@link #copy} starts from for the value at the current token, so that it counts levels as the
     * parser's own limit does (the event object is level 1). A caller's parser (the Jackson module) may allow deeper
     * nesting than ours; counting from 0 here let such a value nest one level deeper than text may (found by
     * mutation testing).
     */
    private static int depthOfValue(JsonParser p) {
        JsonStreamContext context = p.getParsingContext();
        int depth = context.getNestingDepth();
        return p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY
                ? Math.max(0, depth - 1) : depth;
    }

    private static void checkDepth(JsonParser p, String base, int depth, int limit) {
        if (depth >= limit) {
            throw new CoherenceEventException(valuePointer(p, base), "the JSON nests deeper than " + limit
                    + (limit == MAX_NESTING_DEPTH ? " levels, the most EventBridge accepts."
                            : " levels, the most a member's value may nest so that an event holding it stays within "
                                    + "EventBridge's " + MAX_NESTING_DEPTH + "."));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Errors

    /** The pointer of the value at the current token (for a container: of the container itself). */
    static String valuePointer(JsonParser p, String base) {
        JsonStreamContext context = p.getParsingContext();
        JsonToken token = p.currentToken();
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && context.getParent() != null) {
            context = context.getParent();
        }
        return base + context.pathAsPointer().toString();
    }

    /** The pointer of the object whose {@code END_OBJECT} the parser is on. */
    private static String objectPointerAtEnd(JsonParser p, String base) {
        return base + p.getParsingContext().pathAsPointer().toString();
    }

    private static CoherenceEventException typeError(JsonParser p, String base, String expected) {
        return new CoherenceEventException(valuePointer(p, base),
                "expected " + expected + " but found " + describe(p) + ".");
    }

    private static CoherenceEventException duplicate(JsonParser p, String base, String name) {
        return new CoherenceEventException(base + p.getParsingContext().pathAsPointer().toString(),
                "the key \"" + name + "\" appears more than once in the same object; JSON readers disagree on which "
                        + "value wins, so the event is rejected. Send each key once.");
    }

    private static CoherenceEventException missing(JsonParser p, String base, int seen, String[] names,
            String why) {
        StringBuilder list = new StringBuilder();
        String first = null;
        int count = 0;
        for (int i = 0; i < names.length; i++) {
            if ((seen & (1 << i)) == 0) {
                if (first == null) {
                    first = names[i];
                } else {
                    list.append(", ");
                }
                list.append('"').append(names[i]).append('"');
                count++;
            }
        }
        return new CoherenceEventException(objectPointerAtEnd(p, base) + "/" + escape(first),
                "missing required field" + (count > 1 ? "s " : " ") + list + " (" + why + ").");
    }

    /** Describes the current token for a message: its JSON type, and a short quote of a scalar. */
    static String describe(JsonParser p) {
        try {
            return describeToken(p);
        } catch (IOException e) {
            return "an unreadable value";
        }
    }

    private static String describeToken(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == null) {
            return "the end of the input";
        }
        switch (token) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "the string " + quote(p.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "the number " + shorten(p.getText());
            case VALUE_TRUE:
                return "true";
            case VALUE_FALSE:
                return "false";
            case VALUE_NULL:
                return "null";
            default:
                return "a value that is not JSON data";
        }
    }

    static String quote(String value) {
        return '"' + shorten(value) + '"';
    }

    private static String shorten(String value) {
        if (value.length() <= MAX_QUOTED_VALUE) {
            return value;
        }
        return value.substring(0, MAX_QUOTED_VALUE) + "…(" + value.length() + " characters)";
    }

    static String escape(String name) {
        if (name.indexOf('~') < 0 && name.indexOf('/') < 0) {
            return name;
        }
        return name.replace("~", "~0").replace("/", "~1");
    }

    /** Turns a jackson-core failure into our exception, with the pointer of where the parser stopped. */
    static CoherenceEventException translate(JsonProcessingException e, JsonParser p, String base) {
        // No parser when the factory refused the input before reading it (e.g. a document over the size limit).
        String pointer = p == null ? base : base + p.getParsingContext().pathAsPointer().toString();
        String original = e.getOriginalMessage();
        JsonLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        if (e instanceof StreamConstraintsException) {
            if (original != null && original.startsWith("Document length")) {
                // The whole document is the problem, wherever a stream happened to be when the limit was hit.
                pointer = base;
            }
            return new CoherenceEventException(pointer, "the input exceeds a safety limit" + where + ": " + original
                    + ". EventBridge events are at most 256 KB and nest at most " + MAX_NESTING_DEPTH
                    + " levels; this input cannot be one.", e);
        }
        if (e instanceof JsonEOFException) {
            return new CoherenceEventException(pointer, "the input ends before the JSON is complete" + where
                    + "; it looks truncated. Pass the whole event.", e);
        }
        return new CoherenceEventException(pointer, "the input is not valid JSON" + where + ": " + original
                + ". Pass the event exactly as EventBridge delivered it.", e);
    }
}
