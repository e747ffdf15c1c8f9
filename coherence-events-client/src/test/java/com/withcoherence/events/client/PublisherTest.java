package com.withcoherence.events.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** Entries go out in order, at most 10 per request and below 256 KB per request. */
class PublisherTest {

    private static PublishEntry sized(int detailBytes) {
        String detail = "{\"d\":\"" + "x".repeat(detailBytes - 8) + "\"}";
        return PublishEntry.of("s", "t", detail);
    }

    private static List<Integer> all(List<PublishEntry> entries) {
        return IntStream.range(0, entries.size()).boxed().toList();
    }

    @Test
    void putsAtMostTenEntriesInARequest() {
        List<PublishEntry> entries = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            entries.add(PublishEntry.of("s", "t", "{\"i\":" + i + "}"));
        }
        List<List<Integer>> batches = Publisher.batches(entries, all(entries));
        assertEquals(List.of(10, 10, 5), batches.stream().map(List::size).toList());
        assertEquals(all(entries), batches.stream().flatMap(List::stream).toList(), "in order, none lost");
    }

    @Test
    void startsANewRequestBeforeTheEntriesReach256Kb() {
        // Three entries of ~100 KB: two fit below 256 KB, the third does not.
        List<PublishEntry> entries = List.of(sized(100_000), sized(100_000), sized(100_000), sized(10));
        List<List<Integer>> batches = Publisher.batches(entries, all(entries));
        assertEquals(List.of(List.of(0, 1), List.of(2, 3)), batches);
        for (List<Integer> batch : batches) {
            assertTrue(batch.stream().mapToInt(i -> entries.get(i).size()).sum() < PublishEntry.MAX_SIZE);
        }
    }

    @Test
    void keepsARequestStrictlyBelow256Kb() {
        PublishEntry small = sized(1000);
        int overhead = small.size() - 1000;
        PublishEntry fillsUp = sized(PublishEntry.MAX_SIZE - small.size() - overhead);
        PublishEntry oneByteLess = sized(PublishEntry.MAX_SIZE - small.size() - overhead - 1);
        assertEquals(PublishEntry.MAX_SIZE, small.size() + fillsUp.size());

        assertEquals(List.of(List.of(0), List.of(1)), Publisher.batches(List.of(small, fillsUp), List.of(0, 1)));
        assertEquals(List.of(List.of(0, 1)), Publisher.batches(List.of(small, oneByteLess), List.of(0, 1)));
    }

    @Test
    void sendsAnEntryOfAlmost256KbAlone() {
        PublishEntry big = sized(PublishEntry.MAX_SIZE - 10);
        List<PublishEntry> entries = List.of(sized(10), big, sized(10));
        assertEquals(List.of(List.of(0), List.of(1), List.of(2)), Publisher.batches(entries, all(entries)));
    }

    @Test
    void batchesOnlyThePendingEntriesWhenResending() {
        List<PublishEntry> entries = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            entries.add(PublishEntry.of("s", "t", "{}"));
        }
        assertEquals(List.of(List.of(3, 11)), Publisher.batches(entries, List.of(3, 11)));
    }

    @Test
    void alwaysNamesTheBusAndKeepsTimeAndResources() {
        PublishEntry entry = new PublishEntry("Coherence", "new_environments", "{}", List.of("arn:aws:s3:::b"),
                Optional.of(Instant.parse("2023-05-19T13:56:16Z")));
        PutEventsRequestEntry sdk = Publisher.toSdk(entry, "my-bus");
        assertEquals("my-bus", sdk.eventBusName());
        assertEquals("Coherence", sdk.source());
        assertEquals("new_environments", sdk.detailType());
        assertEquals("{}", sdk.detail());
        assertEquals(List.of("arn:aws:s3:::b"), sdk.resources());
        assertEquals(Instant.parse("2023-05-19T13:56:16Z"), sdk.time());
        assertEquals(null, Publisher.toSdk(PublishEntry.of("s", "t", "{}"), "my-bus").time());
    }
}
