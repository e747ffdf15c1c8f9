package com.withcoherence.events.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The event-pattern conformance table: cases of (pattern, event, expected result or EventBridge's rejection) from
 * AWS's documentation, AWS-recorded behaviour and Coherence's own events, kept as JSON under
 * {@code src/test/resources/patterns/} (see the README there for the format).
 *
 * <p>Published in this module's test-jar so the testkit runs the same table through its in-memory bus and its
 * loopback EventBridge endpoint:
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>com.withcoherence</groupId>
 *   <artifactId>coherence-events-model</artifactId>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 *
 * @ParameterizedTest
 * @MethodSource("com.withcoherence.events.model.PatternConformance#cases")
 * void matchesAsEventBridgeDoes(PatternConformance.Case c) { ... }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PatternConformance {

    /** The table's files, in the order their cases are returned. */
    public static final List<String> FILES = List.of("exact.json", "structure.json", "prefix-suffix-ignore-case.json",
            "wildcard.json", "anything-but.json", "numeric.json", "exists.json", "cidr.json", "or.json",
            "coherence.json");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<Case> CASES = load();

    private PatternConformance() {
    }

    /**
     * How EventBridge rejects a case's pattern.
     *
     * @param code the error code: {@code InvalidEventPatternException} or {@code ValidationException}
     * @param message the whole message, {@code "Event pattern is not valid. Reason: …"}
     * @param recorded whose text it is: {@code aws} (recorded from AWS, see the case's source),
     *     {@code event-ruler} (EventBridge's engine; AWS not recorded), or {@code coherence-events} (ours, for a
     *     check EventBridge makes on top of event-ruler)
     */
    public record ExpectedError(String code, String message, String recorded) {
    }

    /**
     * One case of the table.
     *
     * @param file the table file it comes from
     * @param name its name, unique in the table
     * @param source where it comes from: a documentation URL, an AWS-recorded test, or a citation
     * @param pattern the pattern's exact text
     * @param event a whole event (the file's envelope with the case's fields on top), valid for TestEventPattern
     * @param matches whether the pattern matches the event, for a valid pattern; empty for a rejected one
     * @param error how EventBridge rejects the pattern; empty for a valid one
     * @param note why the case is there or what is special about it; possibly empty
     */
    public record Case(String file, String name, String source, String pattern, String event,
            Optional<Boolean> matches, Optional<ExpectedError> error, String note) {

        @Override
        public String toString() {
            return file.replace(".json", "") + ": " + name;
        }
    }

    /**
     * Returns every case of the table.
     *
     * @return the cases, in file order; unmodifiable
     */
    public static List<Case> cases() {
        return CASES;
    }

    /**
     * Returns the cases whose pattern EventBridge accepts.
     *
     * @return those cases; unmodifiable
     */
    public static List<Case> validCases() {
        return CASES.stream().filter(c -> c.matches().isPresent()).toList();
    }

    /**
     * Returns the cases whose pattern EventBridge rejects.
     *
     * @return those cases; unmodifiable
     */
    public static List<Case> rejectedCases() {
        return CASES.stream().filter(c -> c.error().isPresent()).toList();
    }

    private static List<Case> load() {
        List<Case> cases = new ArrayList<>();
        for (String file : FILES) {
            JsonNode table = read("patterns/" + file);
            JsonNode envelope = table.path("envelope");
            for (JsonNode c : table.required("cases")) {
                cases.add(toCase(file, envelope, c));
            }
        }
        return List.copyOf(cases);
    }

    private static Case toCase(String file, JsonNode envelope, JsonNode c) {
        String name = c.required("name").asText();
        JsonNode pattern = c.required("pattern");
        String patternText = pattern.isTextual() ? pattern.asText() : write(pattern);
        ObjectNode event = envelope.isObject() ? ((ObjectNode) envelope).deepCopy() : MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("event").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            event.set(field.getKey(), field.getValue());
        }
        Optional<Boolean> matches = c.has("matches") ? Optional.of(c.get("matches").asBoolean()) : Optional.empty();
        Optional<ExpectedError> error = Optional.empty();
        if (c.has("error")) {
            JsonNode e = c.get("error");
            error = Optional.of(new ExpectedError(e.required("code").asText(), e.required("message").asText(),
                    e.required("recorded").asText()));
        }
        if (matches.isPresent() == error.isPresent()) {
            throw new IllegalStateException(file + ": case " + name + " needs exactly one of 'matches' and 'error'");
        }
        return new Case(file, name, c.required("source").asText(), patternText, write(event), matches, error,
                c.path("note").asText(""));
    }

    private static JsonNode read(String resource) {
        try (InputStream in = PatternConformance.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
