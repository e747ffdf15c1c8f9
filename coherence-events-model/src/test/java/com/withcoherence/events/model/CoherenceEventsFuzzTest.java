package com.withcoherence.events.model;

import static com.withcoherence.events.model.FuzzInvariants.allocationBudget;
import static com.withcoherence.events.model.FuzzInvariants.wellFormed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes every way {@link CoherenceEvents} reads input: parse from bytes, text, a stream, a tree and a map, and
 * parseDelivery with its SQS/SNS unwrapping (the invariants: {@link FuzzInvariants}). On top of "only
 * {@link CoherenceEventException}", each target checks what a successful read promises: the event writes back and
 * reads back equal, and the other entry points read the same input the same way.
 *
 * <p>Inputs: {@code src/test/resources/com/withcoherence/events/model/CoherenceEventsFuzzTestInputs/}: the documented
 * samples for every target, the bad-input table and deliveries per target, and every finding. Regression mode replays
 * them in each build; {@code scripts/fuzz.sh} fuzzes.
 */
@Timeout(value = FuzzInvariants.SECONDS_PER_INPUT, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CoherenceEventsFuzzTest {

    /**
     * Builds trees and maps from fuzz input as a caller's own mapper may: lenient, last duplicate key wins, and
     * without Jackson's default nesting limit, so that the fuzzer can hand the model trees and maps deeper than any
     * parser of text would (a map 100,000 levels deep once ended in a StackOverflowError).
     */
    private static final JsonMapper CALLERS_MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1_000_000).build())
                    .build())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    @FuzzTest
    void parseBytes(byte[] input) throws Exception {
        allocationBudget(input.length, () -> {
            Optional<CoherenceEvent> event = parse(() -> CoherenceEvents.parse(input));
            event.ifPresent(CoherenceEventsFuzzTest::writesBackEqual);
            // A stream that hands the bytes over in small pieces reads them exactly as the array does.
            Optional<CoherenceEvent> streamed = parse(() -> CoherenceEvents.parse(trickle(input)));
            assertEquals(event, streamed, "the stream entry point read the bytes differently");
        });
    }

    @FuzzTest
    void parseText(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8);
        allocationBudget(input.length, () -> {
            Optional<CoherenceEvent> event = parse(() -> CoherenceEvents.parse(text));
            event.ifPresent(CoherenceEventsFuzzTest::writesBackEqual);
            if (isPlainUtf8(input)) {
                // The same text as UTF-8 bytes must give the same event, or fail at the same place.
                assertSameOutcome(() -> CoherenceEvents.parse(text), () -> CoherenceEvents.parse(input));
            }
        });
    }

    @FuzzTest
    void parseTreeAndMap(byte[] input) throws Exception {
        JsonNode tree;
        try {
            tree = CALLERS_MAPPER.readTree(input);
        } catch (IOException | RuntimeException e) {
            // Not JSON to a caller's mapper (which also fails on a number its BigDecimal cannot hold, committed input
            // number-with-an-exponent-beyond-an-int.json): no tree to hand the model.
            return;
        }
        if (tree == null) {
            return;
        }
        allocationBudget(input.length, () -> {
            Optional<CoherenceEvent> fromTree = parse(() -> CoherenceEvents.parse(tree));
            fromTree.ifPresent(CoherenceEventsFuzzTest::writesBackEqual);
            if (tree.isObject()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) plain(tree);
                assertSameOutcome(() -> CoherenceEvents.parse(tree), () -> CoherenceEvents.parse(map));
            }
        });
    }

    @FuzzTest
    void parseDelivery(byte[] input) throws Exception {
        allocationBudget(input.length, () -> {
            Optional<Delivery> delivery = delivery(() -> CoherenceEvents.parseDelivery(input));
            delivery.ifPresent(CoherenceEventsFuzzTest::isConsistent);
            Optional<Delivery> streamed = delivery(() -> CoherenceEvents.parseDelivery(trickle(input)));
            assertEquals(outline(delivery), outline(streamed), "the stream entry point read the bytes differently");
            if (isPlainUtf8(input)) {
                Optional<Delivery> fromText = delivery(
                        () -> CoherenceEvents.parseDelivery(new String(input, StandardCharsets.UTF_8)));
                assertEquals(outline(delivery), outline(fromText), "the text entry point read the input differently");
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The maps, lists, strings, numbers, booleans and nulls a Lambda runtime would build from the tree, built without
     * recursion so that trees thousands of levels deep convert (Jackson's convertValue would overflow the stack).
     */
    private static Object plain(JsonNode root) {
        Object result = shell(root);
        ArrayDeque<Object[]> work = new ArrayDeque<>();
        work.push(new Object[] {root, result});
        while (!work.isEmpty()) {
            Object[] task = work.pop();
            JsonNode node = (JsonNode) task[0];
            if (node.isObject()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) task[1];
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    Object value = shell(field.getValue());
                    map.put(field.getKey(), value);
                    work.push(new Object[] {field.getValue(), value});
                }
            } else if (node.isArray()) {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) task[1];
                for (JsonNode element : node) {
                    Object value = shell(element);
                    list.add(value);
                    work.push(new Object[] {element, value});
                }
            }
        }
        return result;
    }

    /** An empty map or list for a container, the value itself for a scalar. */
    private static Object shell(JsonNode node) {
        if (node.isObject()) {
            return new LinkedHashMap<String, Object>();
        }
        if (node.isArray()) {
            return new ArrayList<Object>();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return null;
    }

    /** Runs a parse: the event, or empty when the model rejected the input with a well-formed exception. */
    private static Optional<CoherenceEvent> parse(Parse parse) {
        try {
            CoherenceEvent event = parse.run();
            assertNotNull(event);
            return Optional.of(event);
        } catch (CoherenceEventException e) {
            wellFormed(e);
            return Optional.empty();
        }
    }

    private static Optional<Delivery> delivery(Read read) {
        try {
            Delivery delivery = read.run();
            assertNotNull(delivery);
            return Optional.of(delivery);
        } catch (CoherenceEventException e) {
            wellFormed(e);
            return Optional.empty();
        }
    }

    /** Both reads accept the input with equal events, or both reject it at the same pointer. */
    private static void assertSameOutcome(Parse first, Parse second) {
        Object a = outcome(first);
        Object b = outcome(second);
        assertEquals(a, b, "two entry points disagree on the same input");
    }

    private static Object outcome(Parse parse) {
        try {
            return parse.run();
        } catch (CoherenceEventException e) {
            wellFormed(e);
            return "rejected at " + e.pointer();
        }
    }

    /** What the contract promises of an accepted event: it writes back, and reads back equal. */
    private static void writesBackEqual(CoherenceEvent event) {
        String json = CoherenceEvents.toJson(event);
        assertEquals(event, CoherenceEvents.parse(json), json);
        assertEquals(json, CoherenceEvents.toJson(CoherenceEvents.parse(json)), "the wire form is not stable");
        assertNotNull(CoherenceEvents.detailJson(event));
    }

    /** What a delivery promises: every record is parsed or failed, and failures are reportable. */
    private static void isConsistent(Delivery delivery) {
        assertFalse(delivery.records().isEmpty(), "a delivery holds at least one record, or is rejected");
        for (DeliveryRecord record : delivery.records()) {
            assertNotNull(record.messageId());
            assertEquals(record.event().isPresent(), record.error().isEmpty());
            record.event().ifPresent(CoherenceEventsFuzzTest::writesBackEqual);
            record.error().ifPresent(FuzzInvariants::wellFormed);
        }
        if (delivery.hasFailures() && !delivery.isSqsBatch()) {
            // Lambda would ignore a partial batch response here and lose the events: the delivery refuses to give one.
            assertThrows(CoherenceEventException.class, delivery::batchItemFailures);
            return;
        }
        // Each failed message id once: Lambda retries by id, so a repeated id (or several without one) is one item.
        assertEquals(delivery.failures().stream().map(DeliveryRecord::messageId).distinct().count(),
                ((List<?>) delivery.batchItemFailures().get("batchItemFailures")).size());
        try {
            Samples.MAPPER.readTree(delivery.batchItemFailuresJson());
        } catch (IOException e) {
            fail("the batch response is not JSON: " + delivery.batchItemFailuresJson(), e);
        }
    }

    /** A delivery's records as comparable text: message id, wrapping, and the event or the failure's pointer. */
    private static Optional<String> outline(Optional<Delivery> delivery) {
        return delivery.map(d -> {
            StringBuilder out = new StringBuilder();
            for (DeliveryRecord record : d.records()) {
                out.append(record.messageId()).append(' ').append(record.wrapping()).append(' ')
                        .append(record.event().map(Object::toString)
                                .orElseGet(() -> "failed at " + record.error().get().pointer()))
                        .append('\n');
            }
            return out.toString();
        });
    }

    /**
     * Whether {@code bytes} are valid UTF-8 that the byte entry points cannot take for another encoding: no byte order
     * mark and no NUL byte (Jackson detects UTF-16 and UTF-32 by the zero bytes among the first four).
     */
    static boolean isPlainUtf8(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return false;
            }
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return false;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** A stream that returns the bytes in pieces of 1 to 7 bytes, as a network stream may. */
    static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            private int calls;

            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                int piece = 1 + (calls++ % 7);
                return super.read(buffer, offset, Math.min(length, piece));
            }

            @Override
            public void close() {
                throw new UncheckedIOException(new IOException("the model must not close the caller's stream"));
            }
        };
    }

    @FunctionalInterface
    private interface Parse {
        CoherenceEvent run();
    }

    @FunctionalInterface
    private interface Read {
        Delivery run();
    }
}
