package com.withcoherence.events.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpellingTest {

    private static final List<String> TYPES = List.of("new_environments", "valid_environments");

    @Test
    void countsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, Spelling.distance("parse", "parse"));
        assertEquals(1, Spelling.distance("new_environment", "new_environments"));
        assertEquals(1, Spelling.distance("pars", "parse"));
        assertEquals(2, Spelling.distance("new-environmentz", "new_environments"));
        assertEquals(5, Spelling.distance("", "parse"));
        assertEquals(3, Spelling.distance("kitten", "sitting"));
    }

    @Test
    void suggestsTheNearestCandidateWithinTheLimitOnly() {
        assertEquals(Optional.of("new_environments"), Spelling.closest("new_environment", TYPES, 2));
        assertEquals(Optional.of("valid_environments"), Spelling.closest("Valid_Environments", TYPES, 2));
        assertEquals(Optional.empty(), Spelling.closest("environment_deleted", TYPES, 2));
        assertEquals(Optional.empty(), Spelling.closest("new_environments", TYPES, 2), "a candidate is no typo");
    }
}
