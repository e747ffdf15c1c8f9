package com.withcoherence.events.client;

import static com.withcoherence.events.client.Fixtures.DLQ;
import static com.withcoherence.events.client.Fixtures.FIFO_QUEUE;
import static com.withcoherence.events.client.Fixtures.LOG_EVENTS;
import static com.withcoherence.events.client.Fixtures.LOG_GROUP;
import static com.withcoherence.events.client.Fixtures.OTHER_BUS;
import static com.withcoherence.events.client.Fixtures.QUEUE;
import static com.withcoherence.events.client.Fixtures.ROLE;
import static com.withcoherence.events.client.Fixtures.STATE_MACHINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.withcoherence.events.client.CoherenceClientException.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A subscription is checked against every constraint EventBridge has, locally, with the field that is wrong. */
class SubscriptionTest {

    /** A valid builder that each case of the table breaks in one way. */
    static Subscription.Builder valid() {
        return Subscription.builder().name("log-new-environments").pattern(Fixtures.newEnvironments());
    }

    private static Arguments bad(String description, UnaryOperator<Subscription.Builder> breakIt, String field,
            String messagePart) {
        return Arguments.of(description, breakIt, field, messagePart);
    }

    private static SubscriptionTarget lambda() {
        return SubscriptionTarget.lambda(LOG_EVENTS);
    }

    static Stream<Arguments> badSubscriptions() {
        String long65 = "a".repeat(65);
        Map<String, String> tooManyVariables = new HashMap<>();
        for (int i = 0; i < 101; i++) {
            tooManyVariables.put("v" + i, "$.detail");
        }
        return Stream.of(
                bad("no name", b -> b.name(null).target(lambda()), "name", "required"),
                bad("empty name", b -> b.name("").target(lambda()), "name", "required"),
                bad("name of 65 characters", b -> b.name(long65).target(lambda()), "name", "at most 64"),
                bad("name with a space", b -> b.name("log new").target(lambda()), "name", "character ' '"),
                bad("name with a slash", b -> b.name("log/new").target(lambda()), "name", "character '/'"),
                bad("null description", b -> b.description(null).target(lambda()), "description", "must not be null"),
                bad("description of 513 characters", b -> b.description("d".repeat(513)).target(lambda()),
                        "description", "at most 512"),
                bad("no pattern", b -> b.pattern((com.withcoherence.events.model.EventPattern) null).target(lambda()),
                        "pattern", "required"),
                bad("raw pattern that is not JSON", b -> b.pattern("{source: Coherence}").target(lambda()),
                        "pattern", "Event pattern is not valid"),
                bad("raw pattern with a bare string", b -> b.pattern("{\"source\": \"Coherence\"}").target(lambda()),
                        "pattern", "Event pattern is not valid. Reason: \"source\" must be an object or an array"),
                bad("raw pattern with an unknown operator", b -> b.pattern("{\"source\": [{\"exactly\": \"Coherence\"}]}")
                        .target(lambda()), "pattern", "Event pattern is not valid."),
                bad("no target", b -> b, "targets", "at least one target"),
                bad("six targets", b -> b.targets(lambda().withId("t1"), lambda().withId("t2"), lambda().withId("t3"),
                        lambda().withId("t4"), lambda().withId("t5"), lambda().withId("t6")), "targets", "at most 5"),
                bad("null target", b -> b.target(null), "targets[0]", "is null"),
                bad("two targets with one id", b -> b.targets(lambda(), SubscriptionTarget.sqs(QUEUE)
                        .withId("log-events")), "targets[1].id", "used by an earlier target"),
                bad("target id with a space", b -> b.target(lambda().withId("log events")), "targets[0].id",
                        "character ' '"),
                bad("target id of 65 characters", b -> b.target(lambda().withId(long65)), "targets[0].id",
                        "at most 64"),
                bad("empty target id", b -> b.target(lambda().withId("")), "targets[0].id", "empty"),
                bad("Lambda factory with a queue ARN", b -> b.target(SubscriptionTarget.lambda(QUEUE)),
                        "targets[0].arn", "not the ARN of a Lambda function"),
                bad("SNS factory with a Lambda ARN", b -> b.target(SubscriptionTarget.sns(LOG_EVENTS)),
                        "targets[0].arn", "not the ARN of an SNS topic"),
                bad("ARN that is not an ARN", b -> b.target(SubscriptionTarget.arn("log-events")),
                        "targets[0].arn", "is not an ARN"),
                bad("ARN of 1601 characters", b -> b.target(SubscriptionTarget.arn("arn:aws:kinesis:us-east-1:"
                        + "123456789012:stream/" + "s".repeat(1600))), "targets[0].arn", "at most 1600"),
                bad("state machine without a role", b -> b.target(SubscriptionTarget.arn(STATE_MACHINE)),
                        "targets[0].roleArn", "needs an IAM role"),
                bad("event bus without a role", b -> b.target(SubscriptionTarget.arn(OTHER_BUS)),
                        "targets[0].roleArn", "needs an IAM role"),
                bad("role that is a user", b -> b.target(SubscriptionTarget.stepFunctions(STATE_MACHINE,
                        "arn:aws:iam::123456789012:user/deployer")), "targets[0].roleArn", "not an IAM role ARN"),
                bad("log group with a role", b -> b.target(SubscriptionTarget.logGroup(LOG_GROUP).withRoleArn(ROLE)),
                        "targets[0].roleArn", "remove it"),
                bad("FIFO queue without a message group", b -> b.target(SubscriptionTarget.sqs(FIFO_QUEUE)),
                        "targets[0].messageGroupId", "needs a message group"),
                bad("message group on a standard queue", b -> b.target(SubscriptionTarget.sqsFifo(QUEUE, "g")),
                        "targets[0].messageGroupId", "standard queue"),
                bad("message group on a Lambda", b -> b.target(lambda().withMessageGroupId("g")),
                        "targets[0].messageGroupId", "only an SQS FIFO queue"),
                bad("message group of 101 characters", b -> b.target(SubscriptionTarget.sqsFifo(FIFO_QUEUE,
                        "g".repeat(101))), "targets[0].messageGroupId", "1 to 100"),
                bad("186 retries", b -> b.target(lambda().withRetryPolicy(186, 3600)),
                        "targets[0].retryPolicy.maximumRetryAttempts", "0 to 185"),
                bad("negative retries", b -> b.target(lambda().withRetryPolicy(-1, 3600)),
                        "targets[0].retryPolicy.maximumRetryAttempts", "0 to 185"),
                bad("event age of 59 s", b -> b.target(lambda().withRetryPolicy(3, 59)),
                        "targets[0].retryPolicy.maximumEventAgeInSeconds", "60 to 86400"),
                bad("event age over 24 h", b -> b.target(lambda().withRetryPolicy(3, 86_401)),
                        "targets[0].retryPolicy.maximumEventAgeInSeconds", "60 to 86400"),
                bad("the third target's event age", b -> b.targets(lambda(), SubscriptionTarget.sqs(QUEUE),
                        SubscriptionTarget.sns(Fixtures.TOPIC).withRetryPolicy(0, 0)),
                        "targets[2].retryPolicy.maximumEventAgeInSeconds", "60 to 86400"),
                bad("dead-letter queue that is a topic", b -> b.target(lambda().withDeadLetterQueue(Fixtures.TOPIC)),
                        "targets[0].deadLetterQueueArn", "not an SQS queue ARN"),
                bad("FIFO dead-letter queue", b -> b.target(lambda().withDeadLetterQueue(FIFO_QUEUE)),
                        "targets[0].deadLetterQueueArn", "must be standard SQS queues"),
                bad("input and input path", b -> b.target(lambda().withInput("{}").withInputPath("$.detail")),
                        "targets[0].input", "mutually exclusive"),
                bad("input path and transformer", b -> b.target(lambda().withInputPath("$.detail")
                        .withInputTransformer(Map.of(), "\"x\"")), "targets[0].input", "mutually exclusive"),
                bad("input that is not JSON", b -> b.target(lambda().withInput("provision")),
                        "targets[0].input", "not valid JSON"),
                bad("input of 8193 characters", b -> b.target(lambda().withInput("\"" + "x".repeat(8191) + "\"")),
                        "targets[0].input", "at most 8192"),
                bad("input path without $", b -> b.target(lambda().withInputPath("detail")),
                        "targets[0].inputPath", "does not start with '$'"),
                bad("input path of 257 characters", b -> b.target(lambda().withInputPath("$" + "a".repeat(256))),
                        "targets[0].inputPath", "1 to 256"),
                bad("transformer variable with a space", b -> b.target(lambda().withInputTransformer(
                        Map.of("bad key", "$.detail"), "<bad key>")),
                        "targets[0].inputTransformer.inputPathsMap[bad key]", "not valid"),
                bad("transformer variable starting with AWS.", b -> b.target(lambda().withInputTransformer(
                        Map.of("AWS.x", "$.detail"), "<AWS.x>")),
                        "targets[0].inputTransformer.inputPathsMap[AWS.x]", "not valid"),
                bad("transformer path without $", b -> b.target(lambda().withInputTransformer(
                        Map.of("env", "detail"), "<env>")),
                        "targets[0].inputTransformer.inputPathsMap[env]", "does not start with '$'"),
                bad("101 transformer variables", b -> b.target(lambda().withInputTransformer(tooManyVariables,
                        "\"x\"")), "targets[0].inputTransformer.inputPathsMap", "at most 100"),
                bad("empty transformer template", b -> b.target(lambda().withInputTransformer(Map.of(), "")),
                        "targets[0].inputTransformer.inputTemplate", "1 to 8192"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSubscriptions")
    void rejectsABadSubscriptionNamingTheField(String description, UnaryOperator<Subscription.Builder> breakIt,
            String field, String messagePart) {
        CoherenceClientException e = assertThrows(CoherenceClientException.class, () -> breakIt.apply(valid())
                .build());
        List<String> fields = e.problems().stream().map(Problem::field).toList();
        assertTrue(fields.contains(field), () -> "expected a problem at " + field + " but got " + e.problems());
        Problem problem = e.problems().stream().filter(p -> p.field().equals(field)).findFirst().orElseThrow();
        assertTrue(problem.message().contains(messagePart),
                () -> "expected '" + messagePart + "' in: " + problem.message());
        assertTrue(e.getMessage().contains("nothing was sent to AWS"), e.getMessage());
        assertTrue(e.awsErrorCode().isEmpty());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        CoherenceClientException e = assertThrows(CoherenceClientException.class, () -> Subscription.builder()
                .name("bad name")
                .pattern("not json")
                .target(SubscriptionTarget.lambda(LOG_EVENTS).withRetryPolicy(200, 30))
                .target(SubscriptionTarget.sqs(FIFO_QUEUE))
                .build());
        assertEquals(List.of("pattern", "name", "targets[0].retryPolicy.maximumRetryAttempts",
                "targets[0].retryPolicy.maximumEventAgeInSeconds", "targets[1].messageGroupId"),
                e.problems().stream().map(Problem::field).toList());
        assertTrue(e.getMessage().startsWith("Subscription 'bad name' is invalid (5 problems)"), e.getMessage());
        for (Problem problem : e.problems()) {
            assertTrue(e.getMessage().contains("\n  " + problem.field() + ": "), e.getMessage());
        }
    }

    @Test
    void buildsTheDocumentedConsoleSetup() {
        Subscription subscription = Fixtures.documentedSetup();
        assertEquals("log-new-environments", subscription.name());
        assertTrue(subscription.enabled());
        assertEquals(Fixtures.NEW_ENVIRONMENTS_PATTERN, subscription.pattern().json());
        assertEquals("log-events", subscription.targets().get(0).id());
        assertEquals(SubscriptionTarget.Kind.LAMBDA, subscription.target("log-events").orElseThrow().kind());
    }

    @Test
    void acceptsEveryKindOfTargetAtItsLimits() {
        Subscription subscription = valid()
                .name("a".repeat(64))
                .description("d".repeat(512))
                .enabled(false)
                .targets(SubscriptionTarget.lambda(LOG_EVENTS + ":live").withRetryPolicy(0, 60)
                                .withDeadLetterQueue(DLQ),
                        SubscriptionTarget.sqsFifo(FIFO_QUEUE, "g".repeat(100)).withRetryPolicy(185, 86_400),
                        SubscriptionTarget.stepFunctions(STATE_MACHINE, ROLE).withInputPath("$.detail"),
                        SubscriptionTarget.eventBus(OTHER_BUS, ROLE),
                        SubscriptionTarget.logGroup(LOG_GROUP).withInputTransformer(
                                Map.of("env", "$.detail.new_environments[0].environment_name"), "\"<env>\""))
                .build();
        assertEquals(5, subscription.targets().size());
        assertEquals(List.of("log-events-live", "environments.fifo", "provision", "central", "aws-events-coherence"),
                subscription.targets().stream().map(SubscriptionTarget::id).toList());
    }

    @Test
    void theRecordConstructorChecksAsTheBuilderDoes() {
        CoherenceClientException e = assertThrows(CoherenceClientException.class,
                () -> new Subscription("x", "", Fixtures.newEnvironments(), true, List.of()));
        assertEquals("targets", e.problems().get(0).field());
    }

    @Test
    void findsATargetByItsIdWhereverItIs() {
        Subscription subscription = Fixtures.documentedSetup().toBuilder()
                .target(SubscriptionTarget.sqs(Fixtures.QUEUE)).build();

        assertEquals(Fixtures.QUEUE, subscription.target("environments").orElseThrow().arn());
        assertEquals(Fixtures.LOG_EVENTS, subscription.target("log-events").orElseThrow().arn());
        assertTrue(subscription.target("nothing").isEmpty());
    }

    @Test
    void copiesTheTargets() {
        List<SubscriptionTarget> targets = new ArrayList<>(List.of(SubscriptionTarget.lambda(LOG_EVENTS)));
        Subscription subscription = new Subscription("x", "", Fixtures.newEnvironments(), true, targets);
        targets.add(SubscriptionTarget.sqs(QUEUE));
        assertEquals(1, subscription.targets().size());
        assertThrows(UnsupportedOperationException.class, () -> subscription.targets().add(null));
    }

    @Test
    void toBuilderDerivesAChangedCopy() {
        Subscription original = Fixtures.documentedSetup();
        Subscription changed = original.toBuilder().clearTargets().target(SubscriptionTarget.sqs(QUEUE))
                .enabled(false).build();
        assertEquals(original.name(), changed.name());
        assertEquals(original.description(), changed.description());
        assertEquals(List.of("environments"), changed.targets().stream().map(SubscriptionTarget::id).toList());
        assertEquals(original, original.toBuilder().build());
    }
}
