package com.withcoherence.events.cli;

import com.withcoherence.events.client.CoherenceClientException;
import com.withcoherence.events.client.CoherenceEventsClient;
import com.withcoherence.events.client.PlannedChange;
import com.withcoherence.events.client.SubscribeOption;
import com.withcoherence.events.client.SubscribeResult;
import com.withcoherence.events.client.Subscription;
import com.withcoherence.events.client.SubscriptionPlan;
import com.withcoherence.events.client.SubscriptionTarget;
import com.withcoherence.events.client.TargetPermission;
import com.withcoherence.events.model.CoherenceEventException;
import com.withcoherence.events.model.EventPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** {@code subscribe}: creates or updates a rule and its targets on the Coherence bus, idempotently. */
@Command(name = "subscribe", mixinStandardHelpOptions = true,
        description = {"Creates or updates a rule on the Coherence bus so that it ends exactly as described: its "
                + "pattern, and these targets and no others. Prints the plan, then what changed and the "
                + "permission each target needs. Running it again changes nothing. A rule of that name that "
                + "coherence-events did not create is refused unless --adopt is given.",
                "Exit code 0 on success, 2 when the subscription is invalid or EventBridge refuses it."})
final class SubscribeCommand implements Callable<Integer> {

    @Option(names = "--bus", required = true, paramLabel = "NAME", description = "The Coherence bus (name or ARN).")
    String bus;

    @Option(names = "--rule", required = true, paramLabel = "NAME", description = "The rule's name.")
    String rule;

    @Option(names = "--description", paramLabel = "TEXT", description = "The rule's description.")
    String description;

    @Option(names = "--detail-type", paramLabel = "TYPE",
            description = "Select this detail-type (new_environments, valid_environments); repeat for several. "
                    + "Default: every Coherence event.")
    List<String> detailTypes = new ArrayList<>();

    @Option(names = "--allow-unknown-detail-type",
            description = "Accept a --detail-type other than new_environments and valid_environments (one Coherence "
                    + "may send in the future); without it such a value is refused as a typo, since the rule would "
                    + "never match.")
    boolean allowUnknownDetailType;

    @Option(names = "--environment-prefix", paramLabel = "PREFIX",
            description = "Select events listing an environment whose name starts with PREFIX.")
    List<String> environmentPrefixes = new ArrayList<>();

    @Option(names = "--application", paramLabel = "NAME",
            description = "Select events listing an environment of this application.")
    List<String> applications = new ArrayList<>();

    @Option(names = "--target", required = true, paramLabel = "ARN",
            description = "A target's ARN (Lambda function, SQS queue, SNS topic, log group, …); repeat for up to 5.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--max-retries", paramLabel = "N", description = "Retry a failed delivery up to N times (0-185).")
    Integer maxRetries;

    @Option(names = "--max-age", paramLabel = "SECONDS",
            description = "Stop retrying an event after SECONDS (60-86400).")
    Integer maxAge;

    @Option(names = "--dead-letter", paramLabel = "ARN",
            description = "The SQS queue that receives events whose delivery failed for good.")
    String deadLetter;

    @Option(names = "--message-group", paramLabel = "GROUP",
            description = "The message group of the events sent to FIFO queue targets (their ARN ends in .fifo; the "
                    + "queue needs content-based deduplication).")
    String messageGroup;

    @Option(names = "--role", paramLabel = "ARN",
            description = "The IAM role EventBridge assumes to deliver to the targets that need one: Step Functions "
                    + "state machines, event buses and other targets given by ARN (Lambda, SQS, SNS and log groups "
                    + "use their resource policies instead).")
    String role;

    @Option(names = "--dry-run", description = "Print the plan and change nothing.")
    boolean dryRun;

    @Option(names = "--adopt",
            description = "Take over an existing rule of this name that coherence-events did not create (one made "
                    + "in the console, say): its pattern, description and state are set and its targets replaced. "
                    + "Without it such a rule is refused and left as it is.")
    boolean adopt;

    /** The kinds of target EventBridge reaches with a role rather than a resource policy. */
    private static final java.util.Set<SubscriptionTarget.Kind> NEEDS_ROLE = java.util.EnumSet.of(
            SubscriptionTarget.Kind.STEP_FUNCTIONS, SubscriptionTarget.Kind.EVENT_BUS, SubscriptionTarget.Kind.OTHER);

    @Mixin
    AwsOptions aws = new AwsOptions();

    private final Main.Io io;

    SubscribeCommand(Main.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        Subscription subscription = subscription();
        try (EventBridgeClient eventBridge = aws.eventBridge(bus)) {
            CoherenceEventsClient client = aws.client(eventBridge, bus);
            SubscribeOption[] options = adopt ? new SubscribeOption[] {SubscribeOption.ADOPT_EXISTING_RULE}
                    : new SubscribeOption[0];
            SubscriptionPlan plan = aws.call("planning", () -> client.plan(subscription, options));
            io.out().println("plan for rule " + rule + " on " + client.busName() + ":");
            if (plan.isEmpty()) {
                io.out().println("  (nothing to change: the rule is already as described)");
            }
            plan.lines().forEach(line -> io.out().println("  " + line));
            if (dryRun) {
                io.out().println("dry run: nothing changed");
                return ExitCode.OK;
            }
            SubscribeResult result = aws.call("subscribe", () -> client.subscribe(subscription, options));
            io.out().println(result.changed() ? "changed:" : "nothing changed");
            for (PlannedChange change : result.changes()) {
                io.out().println("  " + change.action().sign() + " " + change.subject()
                        + (change.detail().isEmpty() ? "" : " (" + change.detail() + ")"));
            }
            io.out().println("rule ARN: " + result.ruleArn());
            for (TargetPermission permission : result.permissions()) {
                io.out().println("permission for target " + permission.targetId() + ": " + permission.howToApply());
            }
            return ExitCode.OK;
        }
    }

    /**
     * Refuses a detail-type Coherence does not send: EventBridge accepts any string, so a typo such as
     * {@code new_environment} would make a rule that silently never matches.
     */
    private void checkDetailTypes() {
        if (allowUnknownDetailType) {
            return;
        }
        for (String type : detailTypes) {
            if (!CliMessages.KNOWN_DETAIL_TYPES.contains(type)) {
                throw new CliException(ExitCode.USAGE, "--detail-type " + type + " is not a detail-type Coherence "
                        + "sends (" + String.join(", ", CliMessages.KNOWN_DETAIL_TYPES) + "), so the rule would never match"
                        + Spelling.closest(type, CliMessages.KNOWN_DETAIL_TYPES, 2).map(known -> "; did you mean " + known + "?")
                                .orElse(".") + " "
                        + "Check the spelling, or pass --allow-unknown-detail-type to subscribe to it anyway.");
            }
        }
    }

    private Subscription subscription() {
        checkDetailTypes();
        try {
            EventPattern.Builder pattern = EventPattern.builder();
            if (!detailTypes.isEmpty()) {
                pattern.detailTypes(detailTypes.toArray(String[]::new));
            }
            if (!environmentPrefixes.isEmpty()) {
                pattern.environmentNamePrefixes(environmentPrefixes.toArray(String[]::new));
            }
            if (!applications.isEmpty()) {
                pattern.applicationNames(applications.toArray(String[]::new));
            }
            Subscription.Builder builder = Subscription.builder().name(rule).pattern(pattern.build());
            if (description != null) {
                builder.description(description);
            }
            for (String arn : targets) {
                SubscriptionTarget target = SubscriptionTarget.arn(arn);
                if (maxRetries != null || maxAge != null) {
                    target = target.withRetryPolicy(maxRetries != null ? maxRetries : 185,
                            maxAge != null ? maxAge : 86_400);
                }
                if (deadLetter != null) {
                    target = target.withDeadLetterQueue(deadLetter);
                }
                if (messageGroup != null && target.kind() == SubscriptionTarget.Kind.SQS && arn.endsWith(".fifo")) {
                    target = target.withMessageGroupId(messageGroup);
                }
                if (role != null && NEEDS_ROLE.contains(target.kind())) {
                    target = target.withRoleArn(role);
                }
                builder.target(target);
            }
            return builder.build();
        } catch (CoherenceClientException e) {
            throw new CliException(ExitCode.USAGE, CliMessages.of(e), e);
        } catch (CoherenceEventException e) {
            throw new CliException(ExitCode.USAGE, CliMessages.of(e), e);
        }
    }
}
