package com.withcoherence.events.client;

import static com.withcoherence.events.client.Fixtures.BUS;
import static com.withcoherence.events.client.Fixtures.BUS_ARN;
import static com.withcoherence.events.client.Fixtures.LOG_EVENTS;
import static com.withcoherence.events.client.Fixtures.NEW_ENVIRONMENTS_PATTERN;
import static com.withcoherence.events.client.Fixtures.QUEUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.withcoherence.events.client.PlannedChange.Action;
import com.withcoherence.events.client.Planner.Observed;
import com.withcoherence.events.client.Planner.ObservedRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.RetryPolicy;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** The plan is the difference between the subscription and what exists: nothing more, nothing less. */
class PlannerTest {

    private static final String RULE = "log-new-environments";
    private static final String RULE_ARN = "arn:aws:events:us-east-1:123456789012:rule/" + BUS + "/" + RULE;
    private static final String SID = Permissions.statementId(BUS, RULE);

    private static ObservedRule rule(String pattern, String state, String description) {
        return new ObservedRule(RULE_ARN, pattern, state, description, null, null, null);
    }

    /** What exists after the documented setup was subscribed. */
    private static ObservedRule documentedRule() {
        return rule(NEW_ENVIRONMENTS_PATTERN, "ENABLED", "Coherence new_environments events to log-events");
    }

    private static Target lambdaTarget() {
        return Target.builder().id("log-events").arn(LOG_EVENTS).build();
    }

    private static SubscriptionPlan plan(Subscription subscription, Observed observed) {
        return Planner.plan(subscription, BUS, BUS, observed, false);
    }

    private static List<String> lines(SubscriptionPlan plan) {
        return plan.changes().stream().map(PlannedChange::toString).toList();
    }

    @Test
    void createsTheRuleWithTheOwnershipTagAndItsTargetsWhenNothingExists() {
        SubscriptionPlan plan = plan(Fixtures.documentedSetup(), new Observed(BUS_ARN, null, false, List.of(), null));

        assertEquals(List.of("+ create rule log-new-environments: ENABLED, pattern " + NEW_ENVIRONMENTS_PATTERN,
                "+ add target log-events: " + LOG_EVENTS), lines(plan));
        assertEquals(RULE_ARN, plan.ruleArn());
        assertEquals(RULE, plan.putRule.name());
        assertEquals(BUS, plan.putRule.eventBusName());
        assertEquals(NEW_ENVIRONMENTS_PATTERN, plan.putRule.eventPattern());
        assertEquals("ENABLED", plan.putRule.stateAsString());
        assertEquals("Coherence new_environments events to log-events", plan.putRule.description());
        assertEquals(List.of(Tag.builder().key("managed-by").value("coherence-events").build()),
                plan.putRule.tags());
        assertEquals(List.of(lambdaTarget()), plan.putTargets);
        assertFalse(plan.tagRule);
    }

    @Test
    void plansNothingWhenTheBusMatches() {
        SubscriptionPlan plan = plan(Fixtures.documentedSetup(),
                new Observed(BUS_ARN, documentedRule(), true, List.of(lambdaTarget()), null));
        assertTrue(plan.isEmpty());
        assertNull(plan.putRule);
        assertTrue(plan.putTargets.isEmpty() && plan.removeTargetIds.isEmpty());
        assertEquals(List.of("Subscription log-new-environments on bus " + BUS + ": no changes"), plan.lines());
    }

    @Test
    void comparesPatternsAsJsonNotAsText() {
        String reformatted = "{ \"detail-type\" : [ \"new_environments\" ],\n  \"source\" : [ \"Coherence\" ] }";
        SubscriptionPlan plan = plan(Fixtures.documentedSetup(), new Observed(BUS_ARN,
                rule(reformatted, "ENABLED", "Coherence new_environments events to log-events"), true,
                List.of(lambdaTarget()), null));
        assertTrue(plan.isEmpty(), plan::toString);
    }

    @Test
    void updatesTheRuleWithEveryFieldWhenThePatternChanges() {
        SubscriptionPlan plan = plan(Fixtures.documentedSetup(), new Observed(BUS_ARN,
                rule("{\"source\":[\"Coherence\"]}", "ENABLED", "Coherence new_environments events to log-events"),
                true, List.of(lambdaTarget()), null));
        assertEquals(List.of("~ update rule log-new-environments: pattern " + NEW_ENVIRONMENTS_PATTERN), lines(plan));
        // PutRule nulls what it is not sent: an update carries the description and state too, but no tags.
        assertEquals("Coherence new_environments events to log-events", plan.putRule.description());
        assertEquals("ENABLED", plan.putRule.stateAsString());
        assertFalse(plan.putRule.hasTags());
        assertTrue(plan.putTargets.isEmpty());
    }

    @Test
    void updatesTheRuleForItsStateDescriptionRoleAndSchedule() {
        Subscription disabled = Fixtures.documentedSetup().toBuilder().enabled(false).description("").build();
        ObservedRule withRole = new ObservedRule(RULE_ARN, NEW_ENVIRONMENTS_PATTERN, "ENABLED", "old", "arn:aws:iam::"
                + "123456789012:role/r", "rate(5 minutes)", null);
        SubscriptionPlan plan = plan(disabled, new Observed(BUS_ARN, withRole, true, List.of(lambdaTarget()), null));
        assertEquals(List.of("~ update rule log-new-environments: description, state ENABLED -> DISABLED, role "
                + "(removed), schedule (removed)"), lines(plan));
        assertFalse(plan.putRule.description() != null, "an empty description is not sent");
    }

    @Test
    void refusesARuleItDidNotCreateNamingItsTargetsAndHowToAdoptIt() {
        Target other = Target.builder().id("audit").arn("arn:aws:sqs:us-east-1:123456789012:audit").build();
        CoherenceClientException e = assertThrows(CoherenceClientException.class, () -> plan(
                Fixtures.documentedSetup(), new Observed(BUS_ARN, documentedRule(), false,
                        List.of(lambdaTarget(), other), null)));
        assertEquals("The rule log-new-environments already exists on bus " + BUS + " and was not created by "
                + "coherence-events (it has no tag managed-by=coherence-events); its targets are log-events ("
                + LOG_EVENTS + "), audit (arn:aws:sqs:us-east-1:123456789012:audit). Subscribing would take it over: "
                + "set its pattern, description and state, and replace its targets with the subscription's. Nothing "
                + "was changed. Choose another name for the subscription, or adopt the rule on purpose with "
                + "SubscribeOption.ADOPT_EXISTING_RULE.", e.getMessage());
        assertTrue(assertThrows(CoherenceClientException.class, () -> plan(Fixtures.documentedSetup(),
                new Observed(BUS_ARN, documentedRule(), false, List.of(), null))).getMessage()
                .contains("; it has no targets."));
    }

    @Test
    void adoptsARuleWithoutTheOwnershipTagOnlyWhenAskedTo() {
        SubscriptionPlan plan = Planner.plan(Fixtures.documentedSetup(), BUS, BUS,
                new Observed(BUS_ARN, documentedRule(), false, List.of(lambdaTarget()), null), true);
        assertEquals(List.of("~ adopt rule log-new-environments: not created by coherence-events; tag it "
                + "managed-by=coherence-events and manage it from now on"), lines(plan));
        assertTrue(plan.tagRule);
        assertNull(plan.putRule);
        SubscriptionPlan owned = Planner.plan(Fixtures.documentedSetup(), BUS, BUS,
                new Observed(BUS_ARN, documentedRule(), true, List.of(lambdaTarget()), null), true);
        assertTrue(owned.isEmpty(), "a rule it owns is not adopted again");
    }

    @Test
    void refusesARuleManagedByAnAwsService() {
        ObservedRule managed = new ObservedRule(RULE_ARN, NEW_ENVIRONMENTS_PATTERN, "ENABLED", null, null, null,
                "schemas.amazonaws.com");
        CoherenceClientException e = assertThrows(CoherenceClientException.class, () -> plan(
                Fixtures.documentedSetup(), new Observed(BUS_ARN, managed, false, List.of(), null)));
        assertTrue(e.getMessage().contains("managed by schemas.amazonaws.com"), e.getMessage());
    }

    @Test
    void updatesATargetThatDiffersAndNamesTheFields() {
        Subscription subscription = Fixtures.documentedSetup().toBuilder().clearTargets()
                .target(SubscriptionTarget.lambda(LOG_EVENTS).withRetryPolicy(3, 600).withInputPath("$.detail"))
                .build();
        SubscriptionPlan plan = plan(subscription,
                new Observed(BUS_ARN, documentedRule(), true, List.of(lambdaTarget()), null));
        assertEquals(List.of("~ update target log-events: inputPath, retryPolicy"), lines(plan));
        assertEquals(RetryPolicy.builder().maximumRetryAttempts(3).maximumEventAgeInSeconds(600).build(),
                plan.putTargets.get(0).retryPolicy());
    }

    @Test
    void takesEventBridgesDefaultRetryPolicyForNoPolicy() {
        Target withDefault = lambdaTarget().toBuilder().retryPolicy(RetryPolicy.builder().maximumRetryAttempts(185)
                .maximumEventAgeInSeconds(86_400).build()).build();
        assertTrue(plan(Fixtures.documentedSetup(),
                new Observed(BUS_ARN, documentedRule(), true, List.of(withDefault), null)).isEmpty());
    }

    @Test
    void replacesATargetThatHasParametersOfAnotherKind() {
        Target kinesis = lambdaTarget().toBuilder().kinesisParameters(k -> k.partitionKeyPath("$.id")).build();
        assertEquals(List.of("~ update target log-events: parameters of another target kind"), lines(plan(
                Fixtures.documentedSetup(), new Observed(BUS_ARN, documentedRule(), true, List.of(kinesis), null))));
    }

    @Test
    void removesTargetsBeforeAddingSoARuleNeverHoldsMoreThanFive() {
        Subscription subscription = Fixtures.documentedSetup().toBuilder()
                .target(SubscriptionTarget.sqs(QUEUE)).build();
        Target stray = Target.builder().id("old").arn("arn:aws:sns:us-east-1:123456789012:old").build();
        SubscriptionPlan plan = plan(subscription,
                new Observed(BUS_ARN, documentedRule(), true, List.of(stray, lambdaTarget()), null));
        assertEquals(List.of("- remove target old: arn:aws:sns:us-east-1:123456789012:old",
                "+ add target environments: " + QUEUE), lines(plan));
        assertEquals(List.of("old"), plan.removeTargetIds);
        assertEquals(List.of("environments"), plan.putTargets.stream().map(Target::id).toList());
    }

    @Test
    void addsTheLambdaPermissionOnlyWhenTheFunctionLacksIt() {
        SubscriptionPlan missing = plan(Fixtures.documentedSetup(), new Observed(BUS_ARN, documentedRule(), true,
                List.of(lambdaTarget()), Map.of(LOG_EVENTS, Set.of("some-other-statement"))));
        assertEquals(List.of("+ add Lambda permission " + SID + ": " + LOG_EVENTS), lines(missing));
        assertEquals(List.of(new SubscriptionPlan.LambdaGrant(LOG_EVENTS, SID)), missing.addPermissions);

        SubscriptionPlan present = plan(Fixtures.documentedSetup(), new Observed(BUS_ARN, documentedRule(), true,
                List.of(lambdaTarget()), Map.of(LOG_EVENTS, Set.of(SID))));
        assertTrue(present.isEmpty());

        SubscriptionPlan unmanaged = plan(Fixtures.documentedSetup(), new Observed(BUS_ARN, documentedRule(), true,
                List.of(lambdaTarget()), null));
        assertTrue(unmanaged.isEmpty(), "without a LambdaClient the client plans no permission");
    }

    @Test
    void removesThePermissionOfAFunctionThatIsNoLongerATarget() {
        Subscription toQueue = Fixtures.documentedSetup().toBuilder().clearTargets()
                .target(SubscriptionTarget.sqs(QUEUE)).build();
        SubscriptionPlan plan = plan(toQueue, new Observed(BUS_ARN, documentedRule(), true, List.of(lambdaTarget()),
                Map.of(LOG_EVENTS, Set.of(SID))));
        assertEquals(List.of("- remove target log-events: " + LOG_EVENTS, "+ add target environments: " + QUEUE,
                "- remove Lambda permission " + SID + ": " + LOG_EVENTS), lines(plan));
    }

    @Test
    void movesThePermissionWhenATargetPointsToAnotherFunction() {
        String other = LOG_EVENTS.replace("log-events", "audit-events");
        Subscription moved = Fixtures.documentedSetup().toBuilder().clearTargets()
                .target(SubscriptionTarget.lambda(other).withId("log-events")).build();
        SubscriptionPlan plan = plan(moved, new Observed(BUS_ARN, documentedRule(), true, List.of(lambdaTarget()),
                Map.of(LOG_EVENTS, Set.of(SID), other, Set.of())));
        assertEquals(List.of("+ add Lambda permission " + SID + ": " + other, "~ update target log-events: arn",
                "- remove Lambda permission " + SID + ": " + LOG_EVENTS), lines(plan));
    }

    @Test
    void keepsThePermissionOfAFunctionStillTargetedUnderAnotherId() {
        Subscription renamed = Fixtures.documentedSetup().toBuilder().clearTargets()
                .target(SubscriptionTarget.lambda(LOG_EVENTS).withId("logger")).build();
        SubscriptionPlan plan = plan(renamed, new Observed(BUS_ARN, documentedRule(), true, List.of(lambdaTarget()),
                Map.of(LOG_EVENTS, Set.of(SID))));
        assertEquals(List.of("- remove target log-events: " + LOG_EVENTS, "+ add target logger: " + LOG_EVENTS),
                lines(plan));
    }

    @Test
    void rejectsADeadLetterQueueInAnotherRegion() {
        Subscription subscription = Fixtures.documentedSetup().toBuilder().clearTargets().target(SubscriptionTarget
                .lambda(LOG_EVENTS).withDeadLetterQueue("arn:aws:sqs:eu-west-1:123456789012:dlq")).build();
        CoherenceClientException e = assertThrows(CoherenceClientException.class,
                () -> plan(subscription, new Observed(BUS_ARN, null, false, List.of(), null)));
        assertEquals("targets[0].deadLetterQueueArn", e.problems().get(0).field());
        assertTrue(e.problems().get(0).message().contains("eu-west-1"), e.getMessage());
    }

    @Test
    void rejectsATargetInAnotherRegionUnlessItIsAnEventBus() {
        Subscription subscription = Fixtures.documentedSetup().toBuilder().clearTargets()
                .target(SubscriptionTarget.lambda(LOG_EVENTS.replace("us-east-1", "eu-west-1"))).build();
        CoherenceClientException e = assertThrows(CoherenceClientException.class,
                () -> plan(subscription, new Observed(BUS_ARN, null, false, List.of(), null)));
        assertEquals("targets[0].arn", e.problems().get(0).field());
        assertTrue(e.problems().get(0).message().contains("only to event buses"), e.getMessage());

        Subscription toBus = Fixtures.documentedSetup().toBuilder().clearTargets().target(SubscriptionTarget
                .eventBus(Fixtures.OTHER_BUS.replace("us-east-1", "eu-west-1"), Fixtures.ROLE)).build();
        assertEquals(1, plan(toBus, new Observed(BUS_ARN, null, false, List.of(), null)).putTargets.size());
    }

    @Test
    void rejectsAnInputForABusInAnotherAccount() {
        Subscription subscription = Fixtures.documentedSetup().toBuilder().clearTargets().target(SubscriptionTarget
                .eventBus(Fixtures.OTHER_BUS, Fixtures.ROLE).withInputPath("$.detail")).build();
        CoherenceClientException e = assertThrows(CoherenceClientException.class,
                () -> plan(subscription, new Observed(BUS_ARN, null, false, List.of(), null)));
        assertEquals("targets[0].input", e.problems().get(0).field());

        Subscription sameAccount = Fixtures.documentedSetup().toBuilder().clearTargets().target(SubscriptionTarget
                .eventBus(BUS_ARN.replace(BUS, "other"), Fixtures.ROLE).withInputPath("$.detail")).build();
        assertEquals(1, plan(sameAccount, new Observed(BUS_ARN, null, false, List.of(), null)).putTargets.size());
    }

    @Test
    void fillsTheRuleArnIntoThePermissions() {
        SubscriptionPlan plan = plan(Fixtures.documentedSetup(), new Observed(BUS_ARN, null, false, List.of(), null));
        assertEquals(1, plan.permissions().size());
        assertTrue(plan.permissions().get(0).statementJson().contains("\"AWS:SourceArn\":\"" + RULE_ARN + "\""));
    }

    @Test
    void printsAPlanACliCanShow() {
        SubscriptionPlan plan = plan(Fixtures.documentedSetup(), new Observed(BUS_ARN, null, false, List.of(), null));
        assertEquals("Subscription log-new-environments on bus " + BUS + ": 2 changes\n"
                + "+ create rule log-new-environments: ENABLED, pattern " + NEW_ENVIRONMENTS_PATTERN + "\n"
                + "+ add target log-events: " + LOG_EVENTS, plan.toString());
    }
}
