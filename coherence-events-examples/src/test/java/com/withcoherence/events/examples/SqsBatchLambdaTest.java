package com.withcoherence.events.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.withcoherence.events.model.CoherenceEvents;
import com.withcoherence.events.model.EnvironmentTracker;
import com.withcoherence.events.testkit.CoherenceFixtures;
import com.withcoherence.events.testkit.LambdaDeliveries;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handler as an SQS event source mapping drives it, with batches built by the testkit. */
class SqsBatchLambdaTest {

    private final TestContext context = new TestContext();

    private String handle(SqsBatchLambda lambda, String batch) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        lambda.handleRequest(new ByteArrayInputStream(batch.getBytes(StandardCharsets.UTF_8)), output, context);
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void reportsOnlyTheMessagesThatCouldNotBeReadOrHandled(@TempDir Path dir) throws IOException {
        RecordingProvisioner provisioner = new RecordingProvisioner("update-subscribe-button");
        SqsBatchLambda lambda = new SqsBatchLambda(provisioner, new FileStateStore(dir.resolve("state.json")),
                EnvironmentTracker.withDefaults());
        CoherenceFixtures fixtures = CoherenceFixtures.seeded(7);
        String foreign = CoherenceFixtures.documentedNewEnvironmentsJson().replace("\"Coherence\"", "\"aws.ec2\"");

        String response = handle(lambda, LambdaDeliveries.sqsBatch()
                .message("m-1", CoherenceFixtures.documentedNewEnvironmentsJson())
                .message("m-2", foreign)
                .message("m-3", CoherenceFixtures.documentedValidEnvironmentsJson())
                .message("m-4", CoherenceEvents.toJson(fixtures.event().application("other-app")
                        .environment("preview-1").newEnvironments()))
                .json());

        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-2\"},{\"itemIdentifier\":\"m-3\"}]}",
                response);
        assertTrue(provisioner.actions.contains("provision another-test-env"), provisioner.actions::toString);
        assertTrue(provisioner.actions.contains("provision preview-1"), provisioner.actions::toString);
        assertTrue(context.lines.stream().anyMatch(line -> line.contains("m-2") && line.contains("/source")),
                context.lines::toString);
    }

    @Test
    void succeedsTheMessageOnRedeliveryOnceTheFailureIsGone(@TempDir Path dir) throws IOException {
        FileStateStore store = new FileStateStore(dir.resolve("state.json"));
        String batch = LambdaDeliveries.sqsBatch()
                .message("m-3", CoherenceFixtures.documentedValidEnvironmentsJson()).json();
        RecordingProvisioner failing = new RecordingProvisioner("main");
        handle(new SqsBatchLambda(failing, store, EnvironmentTracker.withDefaults()), batch);

        RecordingProvisioner healthy = new RecordingProvisioner();
        String response = handle(new SqsBatchLambda(healthy, store, EnvironmentTracker.withDefaults()), batch);

        assertEquals("{\"batchItemFailures\":[]}", response);
        assertEquals(4, healthy.actions.size(), "the state was not saved after the failure, so all four are provisioned");
    }

    @Test
    void readsSnsNotificationsInsideSqsMessages(@TempDir Path dir) throws IOException {
        RecordingProvisioner provisioner = new RecordingProvisioner();
        SqsBatchLambda lambda = new SqsBatchLambda(provisioner, new FileStateStore(dir.resolve("state.json")),
                EnvironmentTracker.withDefaults());
        String notification = LambdaDeliveries.snsNotification("sns-1",
                CoherenceFixtures.documentedNewEnvironmentsJson());

        String response = handle(lambda, LambdaDeliveries.sqsBatch().message("m-1", notification).json());

        assertEquals("{\"batchItemFailures\":[]}", response);
        assertEquals(List.of("provision another-test-env"), provisioner.actions);
    }
}
