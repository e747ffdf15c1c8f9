package com.withcoherence.events.benchmarks.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A smoke run of {@link EndpointBenchmark} against the loopback endpoint and the canned-answer floor only (CI has no
 * moto): a second per peer and thread count, which must complete calls without a failed entry and report them. It
 * measures nothing.
 */
class EndpointBenchmarkTest {

    @Test
    void putsTenEntriesPerCallThroughTheSdkAndReportsThroughputAndLatency() throws Exception {
        EndpointBenchmark.Options options = new EndpointBenchmark.Options(List.of(1, 2), Duration.ofMillis(100),
                Duration.ofMillis(1000), 1, false, true, true, "url-connection");

        List<EndpointBenchmark.Result> results = EndpointBenchmark.run(options, line -> { });

        assertEquals(List.of("LocalEventBridge/1", "canned answer (floor)/1", "LocalEventBridge/2",
                "canned answer (floor)/2"), results.stream().map(r -> r.peer() + "/" + r.threads()).toList());
        for (EndpointBenchmark.Result result : results) {
            assertTrue(result.calls() > 0, "calls made");
            assertTrue(result.throughput() > 0, "calls per second");
            assertTrue(result.latencyMillis(99) >= result.latencyMillis(50), "percentiles in order");
            assertEquals(result.calls(), result.latenciesNanos().length);
        }
        String report = EndpointBenchmark.report(results);
        assertTrue(report.contains("| LocalEventBridge | 1 |"), report);
        assertTrue(report.contains("| LocalEventBridge | 2 |"), report);
    }

    @Test
    void runsWithTheSdksDefaultApacheClientToo() throws Exception {
        EndpointBenchmark.Options options = new EndpointBenchmark.Options(List.of(1), Duration.ofMillis(100),
                Duration.ofMillis(500), 1, false, false, false, "apache5");

        List<EndpointBenchmark.Result> results = EndpointBenchmark.run(options, line -> { });

        assertEquals(1, results.size());
        assertTrue(results.get(0).calls() > 0, "calls made");
    }

    @Test
    void refusesAnHttpClientItDoesNotKnow() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new EndpointBenchmark
                .Options(List.of(1), Duration.ofMillis(100), Duration.ofMillis(500), 1, false, false, false, "netty"));
    }

    @Test
    void tenEntriesOfBothDocumentedEvents() {
        assertEquals(10, EndpointBenchmark.request().entries().size());
        assertEquals(5, EndpointBenchmark.request().entries().stream()
                .filter(e -> e.detailType().equals("new_environments")).count());
    }
}
