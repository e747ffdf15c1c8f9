package com.withcoherence.events.client;

import static com.withcoherence.events.client.Fixtures.DLQ;
import static com.withcoherence.events.client.Fixtures.FIFO_QUEUE;
import static com.withcoherence.events.client.Fixtures.LOG_EVENTS;
import static com.withcoherence.events.client.Fixtures.LOG_GROUP;
import static com.withcoherence.events.client.Fixtures.OTHER_BUS;
import static com.withcoherence.events.client.Fixtures.QUEUE;
import static com.withcoherence.events.client.Fixtures.ROLE;
import static com.withcoherence.events.client.Fixtures.STATE_MACHINE;
import static com.withcoherence.events.client.Fixtures.TOPIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.withcoherence.events.client.SubscriptionTarget.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** Targets are values: a factory per kind, ids that are the same on every run, withers that copy. */
class SubscriptionTargetTest {

    @Test
    void eachFactoryMakesItsKindWithTheResourceNameAsId() {
        assertEquals(Kind.LAMBDA, SubscriptionTarget.lambda(LOG_EVENTS).kind());
        assertEquals("log-events", SubscriptionTarget.lambda(LOG_EVENTS).id());
        assertEquals("log-events-live", SubscriptionTarget.lambda(LOG_EVENTS + ":live").id());
        assertEquals("environments", SubscriptionTarget.sqs(QUEUE).id());
        assertEquals(Optional.of("g"), SubscriptionTarget.sqsFifo(FIFO_QUEUE, "g").messageGroupId());
        assertEquals(Kind.SNS, SubscriptionTarget.sns(TOPIC).kind());
        assertEquals(Optional.of(ROLE), SubscriptionTarget.stepFunctions(STATE_MACHINE, ROLE).roleArn());
        assertEquals("provision", SubscriptionTarget.stepFunctions(STATE_MACHINE, ROLE).id());
        assertEquals("central", SubscriptionTarget.eventBus(OTHER_BUS, ROLE).id());
        assertEquals("aws-events-coherence", SubscriptionTarget.logGroup(LOG_GROUP).id());
        assertEquals("aws-events-coherence", SubscriptionTarget.logGroup(LOG_GROUP + ":*").id());
    }

    @Test
    void theRawArnFormInfersTheKind() {
        assertEquals(Kind.LAMBDA, SubscriptionTarget.arn(LOG_EVENTS).kind());
        assertEquals(Kind.STEP_FUNCTIONS, SubscriptionTarget.arn(STATE_MACHINE).kind());
        assertEquals(Kind.EVENT_BUS, SubscriptionTarget.arn(OTHER_BUS).kind());
        assertEquals(Kind.LOG_GROUP, SubscriptionTarget.arn(LOG_GROUP).kind());
        assertEquals(Kind.OTHER, SubscriptionTarget.arn("arn:aws:kinesis:us-east-1:123456789012:stream/s").kind());
        assertEquals("s", SubscriptionTarget.arn("arn:aws:kinesis:us-east-1:123456789012:stream/s").id());
        assertEquals(Kind.OTHER, SubscriptionTarget.arn("not an arn").kind());
        assertEquals("not-an-arn", SubscriptionTarget.arn("not an arn").id());
        assertEquals("target", SubscriptionTarget.arn("arn:aws:x:::///").id());
        assertEquals(64, SubscriptionTarget.arn("arn:aws:x:us-east-1:123456789012:" + "n".repeat(80)).id().length());
    }

    @Test
    void withersReturnChangedCopies() {
        SubscriptionTarget plain = SubscriptionTarget.lambda(LOG_EVENTS);
        SubscriptionTarget full = plain.withId("logger").withRetryPolicy(3, 600).withDeadLetterQueue(DLQ)
                .withInputTransformer(Map.of("env", "$.detail"), "<env>");
        assertEquals("log-events", plain.id());
        assertEquals(Optional.empty(), plain.retryPolicy());
        assertEquals("logger", full.id());
        assertEquals(Optional.of(new TargetRetryPolicy(3, 600)), full.retryPolicy());
        assertEquals(Optional.of(DLQ), full.deadLetterQueueArn());
        assertEquals("<env>", full.inputTransformer().orElseThrow().inputTemplate());
        assertEquals("LAMBDA target logger -> " + LOG_EVENTS + ", retry policy (3 retries, 600 s), dead-letter queue "
                + DLQ + ", input transformer", full.toString());
    }

    /** Each limit EventBridge sets on a target's input, at the limit (accepted) and one past it (refused). */
    @Test
    void acceptsInputsAtEventBridgesLimitsAndRefusesOnePast() {
        Map<String, String> paths = new LinkedHashMap<>();
        for (int i = 0; i < Validation.MAX_PATHS_MAP_ENTRIES; i++) {
            paths.put("v" + i, "$.detail");
        }
        String key = "k".repeat(Validation.MAX_PATHS_MAP_KEY_LENGTH);
        String template = "\"" + "t".repeat(Validation.MAX_TEMPLATE_LENGTH - 2) + "\"";
        String path = "$." + "p".repeat(Validation.MAX_INPUT_PATH_LENGTH - 2);
        assertEquals(List.of(), problems(SubscriptionTarget.sqs(QUEUE).withInputTransformer(paths, "<v0>")));
        assertEquals(List.of(), problems(SubscriptionTarget.sqs(QUEUE).withInputTransformer(Map.of(key, "$"), template)));
        assertEquals(List.of(), problems(SubscriptionTarget.sqs(QUEUE).withInputPath(path)));

        paths.put("one-more", "$.detail");
        assertEquals(List.of("t.inputTransformer.inputPathsMap"),
                problems(SubscriptionTarget.sqs(QUEUE).withInputTransformer(paths, "<v0>")));
        assertEquals(List.of("t.inputTransformer.inputPathsMap[" + key + "k]"),
                problems(SubscriptionTarget.sqs(QUEUE).withInputTransformer(Map.of(key + "k", "$"), "<x>")));
        assertEquals(List.of("t.inputTransformer.inputTemplate"),
                problems(SubscriptionTarget.sqs(QUEUE).withInputTransformer(Map.of(), template + " ")));
        assertEquals(List.of("t.inputPath"), problems(SubscriptionTarget.sqs(QUEUE).withInputPath(path + "p")));
    }

    /** A wrong ARN is named after the kind the factory stands for, or as "an ARN" for the raw form. */
    @Test
    void namesTheKindOfResourceAWrongArnShouldBe() {
        assertTrue(message(SubscriptionTarget.sqs("arn:aws:sns:us-east-1:123456789012:t"))
                .contains("is not the ARN of an SQS queue"));
        assertTrue(message(SubscriptionTarget.sns("arn:aws:sqs:us-east-1:123456789012:q"))
                .contains("is not the ARN of an SNS topic"));
        assertTrue(message(SubscriptionTarget.arn("arn:aws")).contains("is not an ARN; expected something like"));
    }

    private static List<String> problems(SubscriptionTarget target) {
        List<CoherenceClientException.Problem> problems = new java.util.ArrayList<>();
        Validation.target(target, "t", problems);
        return problems.stream().map(CoherenceClientException.Problem::field).toList();
    }

    private static String message(SubscriptionTarget target) {
        List<CoherenceClientException.Problem> problems = new java.util.ArrayList<>();
        Validation.target(target, "t", problems);
        return problems.toString();
    }

    @Test
    void equalTargetsDescribeTheSameThing() {
        assertEquals(SubscriptionTarget.lambda(LOG_EVENTS).withInput("{}"),
                SubscriptionTarget.lambda(LOG_EVENTS).withInput("{}"));
        assertEquals(SubscriptionTarget.lambda(LOG_EVENTS).hashCode(), SubscriptionTarget.lambda(LOG_EVENTS).hashCode());
        assertNotEquals(SubscriptionTarget.lambda(LOG_EVENTS), SubscriptionTarget.lambda(LOG_EVENTS).withInput("{}"));
        assertNotEquals(SubscriptionTarget.lambda(QUEUE), SubscriptionTarget.sqs(QUEUE), "the kind counts");
    }

    @Test
    void rejectsNullAtOnceNamingTheField() {
        CoherenceClientException e = assertThrows(CoherenceClientException.class,
                () -> SubscriptionTarget.lambda(LOG_EVENTS).withRoleArn(null));
        assertEquals("roleArn", e.problems().get(0).field());
        assertThrows(CoherenceClientException.class, () -> SubscriptionTarget.lambda(null));
        assertThrows(CoherenceClientException.class, () -> SubscriptionTarget.stepFunctions(STATE_MACHINE, null));
        assertEquals("inputTransformer.inputPathsMap", assertThrows(CoherenceClientException.class,
                () -> new TargetInputTransformer(null, "x")).problems().get(0).field());
        assertEquals("inputTransformer.inputTemplate", assertThrows(CoherenceClientException.class,
                () -> new TargetInputTransformer(Map.of(), null)).problems().get(0).field());
        Map<String, String> withNull = new LinkedHashMap<>();
        withNull.put("a", null);
        assertThrows(CoherenceClientException.class, () -> new TargetInputTransformer(withNull, "x"));
    }

    @Test
    void anInputTransformerAddedRemovedOrChangedIsADifference() {
        SubscriptionTarget plain = SubscriptionTarget.sqs(QUEUE);
        SubscriptionTarget transformed = plain.withInputTransformer(Map.of("env", "$.detail"), "<env>");
        Target sdk = SdkTargets.toSdk(transformed);

        assertEquals(List.of(), SdkTargets.differences(sdk, SdkTargets.toSdk(transformed)));
        assertEquals(List.of("inputTransformer"), SdkTargets.differences(sdk, SdkTargets.toSdk(plain)));
        assertEquals(List.of("inputTransformer"), SdkTargets.differences(SdkTargets.toSdk(plain), sdk));
        assertEquals(List.of("inputTransformer"), SdkTargets.differences(sdk, SdkTargets.toSdk(
                plain.withInputTransformer(Map.of("env", "$.detail"), "{\"e\": <env>}"))));
        assertEquals(List.of("inputTransformer"), SdkTargets.differences(sdk, SdkTargets.toSdk(
                plain.withInputTransformer(Map.of("env", "$.id"), "<env>"))));
    }

    @Test
    void convertsToTheSdksTargetAndBackWithoutLoss() {
        SubscriptionTarget target = SubscriptionTarget.sqsFifo(FIFO_QUEUE, "coherence").withRetryPolicy(5, 300)
                .withDeadLetterQueue(DLQ).withInputPath("$.detail");
        Target sdk = SdkTargets.toSdk(target);
        assertEquals("environments.fifo", sdk.id());
        assertEquals("coherence", sdk.sqsParameters().messageGroupId());
        assertEquals(DLQ, sdk.deadLetterConfig().arn());
        assertEquals(target, SdkTargets.fromSdk(sdk));
        assertTrue(SdkTargets.differences(sdk, SdkTargets.toSdk(SdkTargets.fromSdk(sdk))).isEmpty());
    }
}
