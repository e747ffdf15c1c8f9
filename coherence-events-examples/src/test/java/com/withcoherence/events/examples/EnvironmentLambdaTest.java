package com.withcoherence.events.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.withcoherence.events.model.CoherenceBus;
import com.withcoherence.events.model.CoherenceEventException;
import com.withcoherence.events.model.Environment;
import com.withcoherence.events.model.EnvironmentTracker;
import com.withcoherence.events.model.EventPattern;
import com.withcoherence.events.model.TrackerState;
import com.withcoherence.events.model.ValidEnvironmentsEvent;
import com.withcoherence.events.testkit.Chaos;
import com.withcoherence.events.testkit.CoherenceEventsExtension;
import com.withcoherence.events.testkit.CoherenceFixtures;
import com.withcoherence.events.testkit.InMemoryEventBridge;
import com.withcoherence.events.testkit.RuleDefinition;
import com.withcoherence.events.testkit.Target;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The handler as EventBridge drives it: a rule on the Coherence bus whose Lambda target is this handler. */
@ExtendWith(CoherenceEventsExtension.class)
class EnvironmentLambdaTest {

    static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:1234596789:function:coherence-environments";

    private final RecordingProvisioner provisioner = new RecordingProvisioner();
    private final TestContext context = new TestContext();
    private final List<String> summaries = new ArrayList<>();
    private FileStateStore store;

    @BeforeEach
    void wireTheRule(InMemoryEventBridge bridge, CoherenceBus bus, @TempDir Path dir) {
        store = new FileStateStore(dir.resolve("state.json"));
        EnvironmentLambda lambda = new EnvironmentLambda(provisioner, store, EnvironmentTracker.withDefaults());
        bridge.putRule(RuleDefinition.of("coherence-environments", bus.name(), EventPattern.builder().build().json()));
        bridge.putTargets(bus.name(), "coherence-environments", List.of(Target.of("environments", FUNCTION_ARN)));
        bridge.onJson(FUNCTION_ARN, json -> {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            lambda.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), output, context);
            summaries.add(output.toString(StandardCharsets.UTF_8));
        });
    }

    @Test
    void provisionsTheDocumentedEnvironmentsAndRepointsTheOneWhoseDistributionChanged(InMemoryEventBridge bridge,
            CoherenceBus bus) {
        bridge.putEvents(bus.name(), CoherenceFixtures.documentedNewEnvironments(),
                CoherenceFixtures.documentedValidEnvironments());

        assertEquals(List.of("provision another-test-env"), provisioner.actions.subList(0, 1));
        assertEquals(Set.of("provision main", "provision update-subscribe-button", "provision some-env-name",
                "repoint another-test-env to E2QXXI0WZW0C68"), Set.copyOf(provisioner.actions.subList(1, 5)));
        assertEquals(5, provisioner.actions.size());
        assertEquals(List.of("{\"outcome\":\"APPLIED\",\"created\":1,\"changed\":0,\"removed\":0}",
                "{\"outcome\":\"APPLIED\",\"created\":3,\"changed\":1,\"removed\":0}"), summaries);
        assertEquals(4, TrackerState.fromJson(store.load().orElseThrow()).environments().size());
    }

    @Test
    void tearsDownAnEnvironmentTheNextSnapshotNoLongerLists(InMemoryEventBridge bridge, CoherenceBus bus) {
        ValidEnvironmentsEvent first = CoherenceFixtures.documentedValidEnvironments();
        bridge.putEvents(bus.name(), first);
        List<Environment> remaining = new ArrayList<>(first.environments());
        remaining.removeIf(environment -> environment.environmentName().equals("update-subscribe-button"));
        ValidEnvironmentsEvent next = new ValidEnvironmentsEvent("0", "run-2", first.account(),
                first.time().plus(Duration.ofHours(1)), first.region(), List.of(), remaining);
        provisioner.actions.clear();

        bridge.putEvents(bus.name(), next);

        assertEquals(List.of("tear down update-subscribe-button"), provisioner.actions);
        assertTrue(context.lines.stream().anyMatch(line -> line.startsWith("APPLIED")), context.lines::toString);
    }

    @Test
    void doesNothingTwiceWhenEventBridgeDeliversAnEventAgain(InMemoryEventBridge bridge, CoherenceBus bus) {
        bridge.chaos(Chaos.seeded(1).withDuplicates(1.0));

        bridge.putEvents(bus.name(), CoherenceFixtures.documentedNewEnvironments());

        assertEquals(2, summaries.size(), "EventBridge delivered the event twice");
        assertEquals(List.of("provision another-test-env"), provisioner.actions);
        assertTrue(summaries.get(1).contains("DUPLICATE"), summaries::toString);
    }

    @Test
    void changesNothingWhenCoherenceAnnouncesAKnownEnvironmentAgain(InMemoryEventBridge bridge, CoherenceBus bus) {
        bridge.putEvents(bus.name(), CoherenceFixtures.documentedNewEnvironments());
        bridge.putEvents(bus.name(), CoherenceFixtures.documentedNewEnvironments());

        assertEquals(List.of("provision another-test-env"), provisioner.actions);
        assertEquals("{\"outcome\":\"APPLIED\",\"created\":0,\"changed\":0,\"removed\":0}", summaries.get(1));
    }

    @Test
    void holdsASnapshotThatWouldTearDownEverything(InMemoryEventBridge bridge, CoherenceBus bus) {
        ValidEnvironmentsEvent first = CoherenceFixtures.documentedValidEnvironments();
        bridge.putEvents(bus.name(), first);
        provisioner.actions.clear();

        bridge.putEvents(bus.name(), new ValidEnvironmentsEvent("0", "empty-run", first.account(),
                first.time().plus(Duration.ofHours(1)), first.region(), List.of(), List.of()));

        assertEquals(List.of(), provisioner.actions, "nothing torn down before someone confirms");
        assertTrue(summaries.get(1).contains("HELD"), summaries::toString);
    }

    @Test
    void rejectsAnEventThatIsNotCoherencesSoTheFunctionFailsVisibly() {
        EnvironmentLambda lambda = new EnvironmentLambda(provisioner, store, EnvironmentTracker.withDefaults());
        String foreign = CoherenceFixtures.documentedNewEnvironmentsJson().replace("\"Coherence\"", "\"aws.ec2\"");

        CoherenceEventException e = assertThrows(CoherenceEventException.class, () -> lambda.handleRequest(
                new ByteArrayInputStream(foreign.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
                context));

        assertEquals("/source", e.pointer());
        assertEquals(List.of(), provisioner.actions);
    }
}
