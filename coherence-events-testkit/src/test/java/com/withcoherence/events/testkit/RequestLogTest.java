package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

class RequestLogTest {

    static RecordedRequest request(RequestLog log, String operation, int status) {
        return new RecordedRequest(log.nextSequence(), "id", operation, Instant.EPOCH, Duration.ZERO, status,
                status == 200 ? Optional.empty() : Optional.of("ValidationException"), 0);
    }

    @Test
    void countsEachOperationWritesAndUnknownRequests() {
        RequestLog log = new RequestLog(10);
        log.add(request(log, "PutRule", 200));
        log.add(request(log, "PutRule", 400));
        log.add(request(log, "PutTargets", 200));
        log.add(request(log, "ListRules", 200));
        log.add(request(log, "PutEvents", 200));
        log.add(request(log, "AWSEvents.Nope", 400));

        assertEquals(2, log.count(EventBridgeOperation.PUT_RULE));
        assertEquals(3, log.writeCount(), "PutRule twice and PutTargets; not ListRules, PutEvents or unknown");
        assertEquals(1, log.unknownCount());
        assertEquals(6, log.total());
        assertEquals(Map.of(EventBridgeOperation.PUT_RULE, 2L, EventBridgeOperation.PUT_TARGETS, 1L,
                EventBridgeOperation.LIST_RULES, 1L, EventBridgeOperation.PUT_EVENTS, 1L), log.counts());
        assertEquals(List.of(2L), log.records(EventBridgeOperation.PUT_RULE).stream()
                .filter(r -> !r.succeeded()).map(RecordedRequest::sequence).toList());
        assertEquals(1, log.records(null).size(), "null selects the unknown ones");
        assertThrows(IllegalArgumentException.class, () -> log.count(null));
    }

    @Test
    void keepsTheMostRecentRecordsInOrderAndExactCounts() {
        RequestLog log = new RequestLog(3);
        for (int i = 0; i < 7; i++) {
            log.add(request(log, "ListRules", 200));
        }
        assertEquals(List.of(5L, 6L, 7L), log.records().stream().map(RecordedRequest::sequence).toList());
        assertEquals(7, log.count(EventBridgeOperation.LIST_RULES));
    }

    @Test
    void clearForgetsCountsAndRecordsButNotTheSequence() {
        RequestLog log = new RequestLog(3);
        log.add(request(log, "PutRule", 200));
        log.add(request(log, "PutRule", 200));
        log.clear();
        assertEquals(0, log.total());
        assertEquals(0, log.writeCount());
        assertEquals(List.of(), log.records());
        assertEquals(Map.of(), log.counts());
        log.add(request(log, "PutRule", 200));
        assertEquals(List.of(3L), log.records().stream().map(RecordedRequest::sequence).toList());
    }

    /** The client module's specification: set up twice, the second time makes no write call. */
    @Test
    void aRequestIsCountedBeforeTheSdkCallReturns() {
        try (LocalEventBridge endpoint = LocalEventBridge.start();
                EventBridgeClient events = Sdk.withoutRetries(endpoint.endpoint())) {
            for (int i = 0; i < 50; i++) {
                events.describeEventBus(b -> b.name("default"));
                assertEquals(i + 1, endpoint.requests().count(EventBridgeOperation.DESCRIBE_EVENT_BUS));
            }
            assertEquals(0, endpoint.requests().writeCount());
            RecordedRequest last = endpoint.requests().records().get(49);
            assertEquals(36, last.requestId().length());
            assertEquals(Optional.of(EventBridgeOperation.DESCRIBE_EVENT_BUS), last.knownOperation());
            assertTrue(last.succeeded());
            assertTrue(endpoint.requests().toString().contains("DESCRIBE_EVENT_BUS=50"), endpoint.requests().toString());
        }
    }
}
