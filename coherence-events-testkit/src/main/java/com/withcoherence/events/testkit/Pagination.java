package com.withcoherence.events.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * NextToken paging for the List operations: a token names the last item of the previous page, so a page stays
 * correct when items are added or removed between calls, and the call it belongs to (the operation and its other
 * arguments but {@code Limit}), so a token is accepted only where it was given, as EventBridge accepts it.
 *
 * <p>A token this bus never gave, or one given by another operation or for other arguments, is answered as AWS
 * answers it: {@code ValidationException} "Parameter NextToken is not valid." (HTTP 400). That is AWS-recorded for
 * ListTargetsByRule called with a ListRules token (GoogleCloudPlatform/terraformer#2082, 2025); the API reference's
 * "HTTP 400 InvalidToken error" for an expired token names no error code the API model defines, and the bus's tokens
 * never expire.
 */
final class Pagination {

    private static final String PREFIX = "after:";
    /** Hex digits of the call's digest in a token: enough to tell calls apart, short enough for any key. */
    private static final int CALL_DIGITS = 16;

    private Pagination() {
    }

    /**
     * Returns the page of {@code sorted} after {@code nextToken}, at most {@code limit} items (1 to 100; {@code null}
     * means 100). {@code key} gives each item's unique key, in the list's order; {@code call} names the operation and
     * its arguments other than the limit, which a token must have been given for.
     */
    static <T> Page<T> page(List<T> sorted, Function<T, String> key, String nextToken, Integer limit,
            String... call) {
        new ConstraintViolations()
                .range(limit, "limit", 1, 100)
                .length(nextToken, "nextToken", 1, 2048)
                .throwIfAny();
        int max = limit == null ? 100 : limit;
        String callDigest = digest(call);
        int start = 0;
        if (nextToken != null) {
            String after = decode(nextToken, callDigest);
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
                ? Optional.of(encode(callDigest, key.apply(sorted.get(end - 1))))
                : Optional.empty();
        return new Page<>(items, token);
    }

    private static String encode(String callDigest, String key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + callDigest + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token, String callDigest) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String expected = PREFIX + callDigest + ":";
            if (text.startsWith(expected)) {
                return text.substring(expected.length());
            }
        } catch (IllegalArgumentException e) {
            // Falls through to the error below.
        }
        // AWS-recorded text; the token itself is not echoed.
        throw EventBridgeServiceException.validation("Parameter NextToken is not valid.");
    }

    /** A short digest of the call's parts, so that tokens stay far below the API's 2,048 characters. */
    private static String digest(String... call) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : call) {
                // Length-prefixed, so that no two different lists of parts give the same bytes.
                byte[] bytes = (part == null ? "" : part).getBytes(StandardCharsets.UTF_8);
                sha.update((part == null ? "n" : bytes.length + ":").getBytes(StandardCharsets.UTF_8));
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, CALL_DIGITS / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
