package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The testkit's JSON: the bus copies a detail's text into the delivered envelope only when the text is exactly what
 * writing its tree gives, so a delivered event is the same whether the text was copied or the tree written.
 */
class JsonTest {

    private static final String ID = "6a7e8feb-b491-4cf7-a9f1-bf3703467718";
    private static final String TIME = "2023-05-19T13:56:16Z";

    /** The envelope tree the bus builds, written by Jackson: what the copying writer must reproduce. */
    private static String writtenTree(String detailType, String source, String account, String region,
            List<String> resources, String detailText) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("version", "0");
        event.put("id", ID);
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", account);
        event.put("time", TIME);
        event.put("region", region);
        ArrayNode array = event.putArray("resources");
        resources.forEach(array::add);
        event.set("detail", Json.parseExactOrNull(detailText));
        return Json.write(event);
    }

    @Test
    void writesTheDocumentedEventsAsTheTreeIsWritten() {
        for (CoherenceEvent event : List.of(CoherenceFixtures.documentedNewEnvironments(),
                CoherenceFixtures.documentedValidEnvironments())) {
            String detail = CoherenceEvents.detailJson(event);

            String copied = Json.writeEnvelope(ID, event.detailType(), "Coherence", "1234596789", TIME, "us-east-1",
                    List.of(), detail);

            assertEquals(writtenTree(event.detailType(), "Coherence", "1234596789", "us-east-1", List.of(), detail),
                    copied);
        }
    }

    @Test
    void escapesTheSendersStringsAsJacksonDoes() {
        List<String> resources = List.of("arn:aws:s3:::a\"b", "back\\slash", "tab\tnew\nline", "\u0001\u001f",
                "é ü 日本 \uD83D\uDE00 \u2028", "");
        String detailType = "quote\" and \\ and \u0000";
        String source = "src\r\b\f";

        String copied = Json.writeEnvelope(ID, detailType, source, "acct\"", TIME, "region\\", resources,
                "{\"a\":1}");

        assertEquals(writtenTree(detailType, source, "acct\"", "region\\", resources, "{\"a\":1}"), copied);
    }

    @Test
    void escapesEverySingleCharacterAsJacksonDoes() {
        StringBuilder out = new StringBuilder();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String text = String.valueOf((char) c);
            out.setLength(0);

            Json.appendString(out, text);

            assertEquals(Json.write(TextNode.valueOf(text)), out.toString(), () -> "U+" + Integer.toHexString(text
                    .charAt(0)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}",
        "{\"big\":123456789012345678901234567890,\"zero\":0,\"empty\":\"\",\"list\":[]}",
        "{\"s\":\"é 日本 \uD83D\uDE00 \u007f \u2028 - . e E 1e5\"}",
        "{\"new_environments\":[{\"cloudfront_id\":\"E1\",\"environment_name\":\"main\",\"application_name\":\"a\"}]}"})
    void copiesATextThatIsAlreadyTheCompactForm(String text) {
        assertTrue(Json.isCompact(text));
        assertEquals(text, Json.write(Json.parseExactUniqueOrNull(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        " {\"a\":1}",
        "{\"a\": 1}",
        "{\"a\":1}\n",
        "{\"a\":\"\\u0041\"}",
        "{\"a\":\"\\/\"}",
        "{\"a\":-0}",
        "{\"a\":-5}",
        "{\"a\":1e5}",
        "{\"a\":1E400}",
        "{\"a\":0.0000001}",
        "{\"a\":1.0}"})
    void writesTheTreeForWhiteSpaceEscapesFloatsAndNegativeNumbers(String text) {
        assertFalse(Json.isCompact(text));
        assertNull(Json.writeEnvelope(ID, "t", "s", "1", TIME, "r", List.of(), text));
    }

    @Test
    void refusesRepeatedNamesOnlyWhenAskedToKeepThemUnique() {
        String repeated = "{\"a\":1,\"b\":{\"c\":2,\"c\":3}}";

        assertNull(Json.parseExactUniqueOrNull(repeated));
        JsonNode lastWins = Json.parseExactOrNull(repeated);
        assertNotNull(lastWins);
        assertEquals("{\"a\":1,\"b\":{\"c\":3}}", Json.write(lastWins));
    }

    @Test
    void readsADetailOneLevelShallowerThanEventBridgesLimitForTheEventAroundIt() {
        String deep = "[".repeat(Json.MAX_NESTING_DEPTH) + "]".repeat(Json.MAX_NESTING_DEPTH);
        String limit = "[".repeat(Json.MAX_NESTING_DEPTH - 1) + "]".repeat(Json.MAX_NESTING_DEPTH - 1);

        assertNull(Json.parseExactUniqueOrNull(deep));
        assertNull(Json.parseDetailOrNull(deep));
        assertNotNull(Json.parseExactUniqueOrNull(limit));
        assertNotNull(Json.parseDetailOrNull(limit));
        assertNotNull(Json.parseExactOrNull(deep), "a whole event may nest 1,000 levels");
    }

    /**
     * The property the bus relies on, over 20,000 random JSON texts of every shape (white space, escapes, repeated
     * names, numbers of every form, non-ASCII text): whenever a text is read without repeated names and judged
     * compact, writing its tree gives the text back.
     */
    @Test
    void aTextJudgedCompactIsAlwaysWhatWritingItsTreeGives() {
        Random random = new Random(20261127);
        int compact = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = RandomJson.object(random, 0);
            JsonNode tree = Json.parseExactUniqueOrNull(text);
            if (tree != null && Json.isCompact(text)) {
                compact++;
                assertEquals(Json.write(tree), text);
                assertEquals(writtenTree("t", "s", "1", "r", List.of(), text),
                        Json.writeEnvelope(ID, "t", "s", "1", TIME, "r", List.of(), text));
            }
        }
        assertTrue(compact > 2_000, "too few compact texts generated to check the property: " + compact);
    }

    /** Random JSON text, valid or nearly so, leaning towards the cases where compact text and written trees differ. */
    private static final class RandomJson {

        private static final String[] NUMBERS = {"0", "7", "-0", "-12", "1.0", "1.10", "0.1", "1e5", "1E+5", "2e-3",
            "0.0000001", "123456789012345678901234567890", "-9223372036854775809", "1e400"};
        private static final String[] STRINGS = {"", "a", "main", "é", "日本", "\uD83D\uDE00", "\\u0041", "\\/",
            "\\n", "\\\"", "\\\\", "\u007f", "\u2028", "-", "1e5", "e", "{", "]", ":", ","};

        static String object(Random random, int depth) {
            List<String> members = new ArrayList<>();
            int count = random.nextInt(depth == 0 ? 4 : 3);
            for (int i = 0; i < count; i++) {
                // Few names, so that repeats happen.
                members.add(string(random) + colon(random) + value(random, depth + 1));
            }
            return space(random) + "{" + String.join("," + space(random), members) + "}" + space(random);
        }

        static String value(Random random, int depth) {
            int kind = random.nextInt(depth > 3 ? 4 : 6);
            switch (kind) {
                case 0:
                    return NUMBERS[random.nextInt(NUMBERS.length)];
                case 1:
                    return string(random);
                case 2:
                    return new String[] {"true", "false", "null"}[random.nextInt(3)];
                case 3:
                    return string(random);
                case 4: {
                    List<String> items = new ArrayList<>();
                    for (int i = random.nextInt(3); i > 0; i--) {
                        items.add(value(random, depth + 1));
                    }
                    return "[" + space(random) + String.join(",", items) + "]";
                }
                default:
                    return object(random, depth);
            }
        }

        static String string(Random random) {
            StringBuilder text = new StringBuilder("\"");
            for (int i = random.nextInt(3); i > 0; i--) {
                text.append(STRINGS[random.nextInt(STRINGS.length)]);
            }
            return text.append('"').toString();
        }

        static String colon(Random random) {
            return random.nextInt(20) == 0 ? " : " : ":";
        }

        static String space(Random random) {
            return random.nextInt(15) == 0 ? new String[] {" ", "\n", "\t", "\r\n "}[random.nextInt(4)] : "";
        }
    }
}
