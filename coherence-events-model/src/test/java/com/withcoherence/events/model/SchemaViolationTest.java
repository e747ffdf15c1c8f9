package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaViolationTest {

    @Test
    void keepsItsComponents() {
        SchemaViolation violation = new SchemaViolation("/time", "pattern", "found \"x\".");

        assertEquals("/time", violation.pointer());
        assertEquals("pattern", violation.keyword());
        assertEquals("found \"x\".", violation.message());
        assertEquals(new SchemaViolation("/time", "pattern", "found \"x\"."), violation);
    }

    @Test
    void acceptsTheRootPointer() {
        assertEquals("", new SchemaViolation("", SchemaViolation.JSON_KEYWORD, "the input is empty.").pointer());
    }

    @Test
    void rejectsWhatIsNotAJsonPointerOrEmpty() {
        CoherenceEventException notAPointer =
                assertThrows(CoherenceEventException.class, () -> new SchemaViolation("time", "type", "m"));
        assertTrue(notAPointer.getMessage().contains("\"time\""), notAPointer.getMessage());
        assertThrows(CoherenceEventException.class, () -> new SchemaViolation(null, "type", "m"));
        assertThrows(CoherenceEventException.class, () -> new SchemaViolation("/a", null, "m"));
        assertThrows(CoherenceEventException.class, () -> new SchemaViolation("/a", "", "m"));
        assertThrows(CoherenceEventException.class, () -> new SchemaViolation("/a", "type", null));
        assertThrows(CoherenceEventException.class, () -> new SchemaViolation("/a", "type", ""));
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
        "'', /a",
        "/a, /a/b",
        "/a, /b",
        "/detail, /detail-type",
        "/detail/x, /detail-type",
        "/list/2, /list/10",
        "/list/9/z, /list/10/a",
        "/list/0, /list/1",
        "/list/10, /list/x",
        "/list/01, /list/1",
        "/a~0b, /a~1b",
        "/, /a",
        "/a//b, /a/b"
    })
    void ordersPointersAsTheDocumentReads(String before, String after) {
        assertTrue(SchemaViolation.comparePointers(before, after) < 0, before + " before " + after);
        assertTrue(SchemaViolation.comparePointers(after, before) > 0, after + " after " + before);
        assertEquals(0, SchemaViolation.comparePointers(before, before));
    }

    @Test
    void ordersByPointerThenKeywordThenMessageConsistentlyWithEquals() {
        List<SchemaViolation> ordered = List.of(
                new SchemaViolation("", "type", "expected an object"),
                new SchemaViolation("/detail/new_environments/2", "required", "m"),
                new SchemaViolation("/detail/new_environments/10", "required", "m"),
                new SchemaViolation("/detail-type", "enum", "m"),
                new SchemaViolation("/source", "enum", "a"),
                new SchemaViolation("/source", "enum", "b"),
                new SchemaViolation("/source", "type", "a"),
                new SchemaViolation("/time", "pattern", "m"));
        List<SchemaViolation> shuffled = new ArrayList<>(ordered);
        Collections.shuffle(shuffled, new Random(20230519));

        shuffled.sort(null);

        assertEquals(ordered, shuffled);
        for (SchemaViolation a : ordered) {
            for (SchemaViolation b : ordered) {
                assertEquals(a.equals(b), a.compareTo(b) == 0, a + " vs " + b);
                assertEquals(Integer.signum(a.compareTo(b)), -Integer.signum(b.compareTo(a)));
            }
        }
    }
    @Test
    void rejectsAnEmptyKeywordOrMessage() {
        assertThrows(CoherenceEventException.class, () -> new SchemaViolation("", "", "m"));
        assertThrows(CoherenceEventException.class, () -> new SchemaViolation("", "type", ""));
        assertThrows(CoherenceEventException.class, () -> new SchemaViolation("", null, "m"));
        assertThrows(CoherenceEventException.class, () -> new SchemaViolation("", "type", null));
        assertEquals("k", new SchemaViolation("", "k", "m").keyword());
    }

    @Test
    void comparesIndicesAsNumbersAndOtherTokensAsText() {
        assertTrue(SchemaViolation.comparePointers("/9", "/10") < 0);
        assertTrue(SchemaViolation.comparePointers("/09", "/1") < 0, "09 is not an index: compared as text");
        assertTrue(SchemaViolation.comparePointers("/a/9", "/a/10") < 0);
        assertTrue(SchemaViolation.comparePointers("/a", "/a/0") < 0);
        assertTrue(SchemaViolation.comparePointers("/ab", "/a/b") > 0);
        assertEquals(0, SchemaViolation.comparePointers("/a/0", "/a/0"));
    }
}
