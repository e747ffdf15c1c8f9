package com.withcoherence.events.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.withcoherence.events.model.CoherenceEvents;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void runsTheWholeStoryAndExitsZero() {
        CliRun run = CliRun.of("demo");

        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.contains("Started a loopback EventBridge at http://127.0.0.1:"), out);
        assertTrue(out.contains("Created the bus 12309ijsdf-your-app-name-coherence-events"), out);
        assertTrue(out.contains("+ create rule provision-new-environments"), out);
        assertTrue(out.contains("subscribe is idempotent"), out);
        assertTrue(out.contains("-> provision-environments got NewEnvironmentsEvent (new_environments"), out);
        assertTrue(out.contains("-> reconcile-environments got ValidEnvironmentsEvent (valid_environments"), out);
        assertTrue(out.contains("- update-subscribe-button    removed (no longer listed)"), out);
        assertTrue(out.contains("+ feature-login              created"), out);
        assertEquals("", run.err());
    }

    @Test
    void printsOneJsonObjectPerStepWithJson() throws IOException {
        CliRun run = CliRun.of("demo", "--json");

        assertEquals(0, run.exitCode(), run.err());
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.out().lines().toList()) {
            lines.add(mapper.readTree(line));
        }
        List<JsonNode> deliveries = lines.stream().filter(l -> l.get("step").asText().equals("delivery")).toList();
        assertEquals(4, deliveries.size(), run.out());
        CoherenceEvents.parse(deliveries.get(0).get("event"));
        JsonNode lastReconciliation = lines.stream().filter(l -> l.get("step").asText().equals("reconciliation"))
                .reduce((first, second) -> second).orElseThrow();
        assertEquals("[\"update-subscribe-button\"]", lastReconciliation.get("removed").toString());
        assertEquals("[\"feature-login\"]", lastReconciliation.get("created").toString());
        assertEquals("done", lines.get(lines.size() - 1).get("step").asText());
    }
}
