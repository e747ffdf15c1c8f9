package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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
            Page<String> page = Pagination.page(ITEMS, s -> s, token, 2);
            seen.addAll(page.items());
            token = page.nextToken().orElse(null);
            pages++;
        } while (token != null);
        assertEquals(ITEMS, seen);
        assertEquals(3, pages);
        assertTrue(Pagination.page(ITEMS, s -> s, null, null).nextToken().isEmpty());
    }

    @Test
    void continuesAfterTheTokensItemEvenWhenItWasRemoved() {
        String token = Pagination.page(ITEMS, s -> s, null, 2).nextToken().orElseThrow();
        assertEquals(List.of("c", "d"), Pagination.page(List.of("a", "c", "d", "e"), s -> s, token, 2).items());
    }

    @Test
    void rejectsABadTokenAndLimit() {
        EventBridgeServiceException token = assertThrows(EventBridgeServiceException.class,
                () -> Pagination.page(ITEMS, s -> s, "not-a-token!", 2));
        assertEquals("ValidationException", token.errorCode());
        EventBridgeServiceException limit = assertThrows(EventBridgeServiceException.class,
                () -> Pagination.page(ITEMS, s -> s, null, 0));
        assertEquals("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must "
                + "have value greater than or equal to 1", limit.getMessage());
    }
}
