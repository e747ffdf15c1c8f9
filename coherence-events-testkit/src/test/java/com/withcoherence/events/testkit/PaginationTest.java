package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaginationTest {

    static final List<String> ITEMS = List.of("a", "b", "c", "d", "e");

    @Test
    void pagesThroughEveryItemOnce() {
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Page<String> page = Pagination.page(ITEMS, s -> s, token, 2, "ListRules", "bus");
            seen.addAll(page.items());
            token = page.nextToken().orElse(null);
            pages++;
        } while (token != null);
        assertEquals(ITEMS, seen);
        assertEquals(3, pages);
        assertTrue(Pagination.page(ITEMS, s -> s, null, null, "ListRules", "bus").nextToken().isEmpty());
    }

    @Test
    void continuesAfterTheTokensItemEvenWhenItWasRemoved() {
        String token = Pagination.page(ITEMS, s -> s, null, 2, "ListRules", "bus").nextToken().orElseThrow();
        assertEquals(List.of("c", "d"),
                Pagination.page(List.of("a", "c", "d", "e"), s -> s, token, 2, "ListRules", "bus").items());
    }

    @Test
    void acceptsAnotherLimitWithTheSameCall() {
        String token = Pagination.page(ITEMS, s -> s, null, 1, "ListRules", "bus").nextToken().orElseThrow();
        assertEquals(List.of("b", "c", "d", "e"), Pagination.page(ITEMS, s -> s, token, 100, "ListRules", "bus")
                .items());
    }

    /** AWS-recorded (GoogleCloudPlatform/terraformer#2082): a ListRules token given to ListTargetsByRule. */
    @Test
    void refusesATokenOfAnotherCallInAwsWords() {
        String token = Pagination.page(ITEMS, s -> s, null, 2, "ListRules", "bus", null).nextToken().orElseThrow();
        for (String[] call : List.of(new String[] {"ListTargetsByRule", "bus", null},
                new String[] {"ListRules", "other-bus", null}, new String[] {"ListRules", "bus", "a"},
                new String[] {"ListRules", "bus"})) {
            EventBridgeServiceException e = assertThrows(EventBridgeServiceException.class,
                    () -> Pagination.page(ITEMS, s -> s, token, 2, call));
            assertEquals("ValidationException", e.errorCode());
            assertEquals("Parameter NextToken is not valid.", e.getMessage(), call[0]);
        }
    }

    @Test
    void refusesAMadeUpTokenWithoutEchoingIt() {
        String forged = Base64.getUrlEncoder().encodeToString("after:b".getBytes(StandardCharsets.UTF_8));
        for (String token : List.of("not-a-token!", "bm9wZQ", forged, "x".repeat(2048))) {
            EventBridgeServiceException e = assertThrows(EventBridgeServiceException.class,
                    () -> Pagination.page(ITEMS, s -> s, token, 2, "ListRules", "bus"));
            assertEquals("ValidationException", e.errorCode());
            assertEquals("Parameter NextToken is not valid.", e.getMessage());
        }
    }

    @Test
    void refusesALimitOutsideOneToAHundred() {
        EventBridgeServiceException limit = assertThrows(EventBridgeServiceException.class,
                () -> Pagination.page(ITEMS, s -> s, null, 0, "ListRules", "bus"));
        assertEquals("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must "
                + "have value greater than or equal to 1", limit.getMessage());
    }

    @Test
    void keepsTokensFarBelowTheApisMaximumWhateverTheCall() {
        String token = Pagination.page(ITEMS, s -> s, null, 1, "ListRuleNamesByTarget", "bus",
                "arn:aws:sqs:us-east-1:123456789012:" + "q".repeat(1500)).nextToken().orElseThrow();
        assertTrue(token.length() < 100, token);
    }
}
