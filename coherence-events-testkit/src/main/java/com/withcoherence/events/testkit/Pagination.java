package com.withcoherence.events.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * NextToken paging for the List operations: a token names the last item of the previous page, so a page stays
 * correct when items are added or removed between calls.
 */
final class Pagination {

    private static final String PREFIX = "after:";

    private Pagination() {
    }

    /**
     * Returns the page of {@code sorted} after {@code nextToken}, at most {@code limit} items (1 to 100; {@code null}
     * means 100). {@code key} gives each item's unique key, in the list's order.
     */
    static <T> Page<T> page(List<T> sorted, Function<T, String> key, String nextToken, Integer limit) {
        new ConstraintViolations()
                .range(limit, "limit", 1, 100)
                .length(nextToken, "nextToken", 1, 2048)
                .throwIfAny();
        int max = limit == null ? 100 : limit;
        int start = 0;
        if (nextToken != null) {
            String after = decode(nextToken);
            start = -1;
            for (int i = 0; i < sorted.size(); i++) {
                if (key.apply(sorted.get(i)).equals(after)) {
                    start = i + 1;
                    break;
                }
            }
            if (start < 0) {
                // The item the token names is gone: carry on after where it would be, as a keyset does.
                start = 0;
                while (start < sorted.size() && key.apply(sorted.get(start)).compareTo(after) <= 0) {
                    start++;
                }
            }
        }
        int end = Math.min(sorted.size(), start + max);
        List<T> items = new ArrayList<>(sorted.subList(start, end));
        Optional<String> token = end < sorted.size()
                ? Optional.of(encode(key.apply(sorted.get(end - 1))))
                : Optional.empty();
        return new Page<>(items, token);
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                return text.substring(PREFIX.length());
            }
        } catch (IllegalArgumentException e) {
            // Falls through to the error below.
        }
        throw EventBridgeServiceException.validation("The NextToken '" + token + "' is not valid; pass the "
                + "nextToken of the previous page unchanged, with the same other arguments.");
    }
}
