package com.withcoherence.events.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.withcoherence.events.client.CoherenceEventsClient;
import com.withcoherence.events.client.PublishOutcome;
import com.withcoherence.events.client.PublishResult;
import com.withcoherence.events.client.SubscribeResult;
import com.withcoherence.events.client.Subscription;
import com.withcoherence.events.client.SubscriptionPlan;
import com.withcoherence.events.client.SubscriptionTarget;
import com.withcoherence.events.client.TargetPermission;
import com.withcoherence.events.model.CoherenceBus;
import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEvents;
import com.withcoherence.events.model.Environment;
import com.withcoherence.events.model.EnvironmentChange;
import com.withcoherence.events.model.EnvironmentTracker;
import com.withcoherence.events.model.EventPattern;
import com.withcoherence.events.model.NewEnvironmentsEvent;
import com.withcoherence.events.model.Reconciliation;
import com.withcoherence.events.model.TrackerState;
import com.withcoherence.events.model.ValidEnvironmentsEvent;
import com.withcoherence.events.testkit.CoherenceFixtures;
import com.withcoherence.events.testkit.InMemoryEventBridge;
import com.withcoherence.events.testkit.LocalEventBridge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * {@code demo}: the whole library in one run, on an embedded loopback EventBridge. The documentation's console setup
 * done in code, Coherence's two documented events published through the real AWS SDK, what each handler receives, and
 * the reconciliation that notices an environment Coherence stopped listing.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole library on an embedded loopback EventBridge, no AWS account needed: creates "
                + "the app's …-coherence-events bus, subscribes two rules with the client (new environments -> "
                + "provisioning, valid environments -> reconciliation), publishes Coherence's two documented events "
                + "through the real AWS SDK, prints each delivery as a handler sees it and the reconciliation plan, "
                + "then a second Coherence run in which an environment disappears, and the plan that removes it.",
                "Exit code 0."})
final class DemoCommand implements Callable<Integer> {

    /** A real account id has 12 digits (Lambda ARNs need one); the documented samples carry a 10-digit one. */
    static final String ACCOUNT = "123456789012";
    static final String PROVISIONER = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:provision-environments";
    static final String RECONCILER = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:reconcile-environments";

    @Option(names = "--json", description = "Print one JSON object per step, for machines.")
    boolean json;

    private final Main.Io io;
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<Received> received = new ArrayList<>();
    private final EnvironmentTracker tracker = EnvironmentTracker.withDefaults();
    private TrackerState state = TrackerState.empty();

    DemoCommand(Main.Io io) {
        this.io = io;
    }

    /** One delivery, as the handler bound to a target's ARN received it. */
    private record Received(String function, CoherenceEvent event) {
    }

    @Override
    public Integer call() {
        CoherenceBus bus = CoherenceFixtures.documentedBus();
        InMemoryEventBridge bridge = InMemoryEventBridge.builder().account(ACCOUNT).region("us-east-1").build();
        // The handlers Lambda would run: here they record what EventBridge delivered to each function's ARN.
        bridge.onEvent(PROVISIONER, event -> record("provision-environments", event));
        bridge.onEvent(RECONCILER, event -> record("reconcile-environments", event));
        try (LocalEventBridge endpoint = LocalEventBridge.start(bridge);
                EventBridgeClient events = EventBridgeClient.builder()
                        .endpointOverride(endpoint.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("demo",
                                "demo")))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            title("coherence-events demo: the whole library on an embedded loopback EventBridge (no AWS account "
                    + "needed)");
            step("endpoint", "1. Started a loopback EventBridge at " + endpoint.endpoint() + "; everything below "
                    + "goes through the real AWS SDK over HTTP.", node -> node.put("url",
                    endpoint.endpoint().toString()));

            events.createEventBus(b -> b.name(bus.name()));
            step("bus", "2. Created the bus " + bus.name() + ", as Coherence does in your non-production account.",
                    node -> node.put("bus", bus.name()));

            CoherenceEventsClient client = CoherenceEventsClient.builder().eventBridge(events).bus(bus).build();
            text("3. Subscribed two rules with CoherenceEventsClient (the documentation's console steps, in code):");
            Subscription provision = Subscription.builder().name("provision-new-environments")
                    .description("Build per-environment resources when Coherence creates environments")
                    .pattern(EventPattern.builder().newEnvironments().build())
                    .target(SubscriptionTarget.lambda(PROVISIONER))
                    .build();
            Subscription reconcile = Subscription.builder().name("reconcile-environments")
                    .description("Tear down what belongs to environments Coherence stopped listing")
                    .pattern(EventPattern.builder().validEnvironments().build())
                    .target(SubscriptionTarget.lambda(RECONCILER))
                    .build();
            subscribe(client, provision);
            subscribe(client, reconcile);
            boolean idempotent = client.plan(provision).isEmpty() && client.plan(reconcile).isEmpty();
            step("idempotent", idempotent ? "   Planning both again finds nothing to change: subscribe is idempotent."
                    : "   Planning both again still finds changes.", node -> node.put("nothingToChange", idempotent));

            NewEnvironmentsEvent created = CoherenceFixtures.documentedNewEnvironments();
            ValidEnvironmentsEvent valid = CoherenceFixtures.documentedValidEnvironments();
            run(client, 1, "4. Coherence run 1: the two events of Coherence's documentation.", created, valid);

            List<Environment> remaining = new ArrayList<>(valid.environments());
            remaining.removeIf(environment -> environment.environmentName().equals("update-subscribe-button"));
            Environment login = new Environment("E3NEWFEATURE42", "feature-login", valid.environments().get(0)
                    .applicationName());
            remaining.add(login);
            NewEnvironmentsEvent created2 = new NewEnvironmentsEvent("0", "run-2-new", ACCOUNT,
                    valid.time().plus(Duration.ofHours(1)), valid.region(), List.of(), List.of(login));
            ValidEnvironmentsEvent valid2 = new ValidEnvironmentsEvent("0", "run-2-valid", ACCOUNT,
                    valid.time().plus(Duration.ofHours(1)).plusSeconds(11), valid.region(), List.of(), remaining);
            run(client, 2, "5. Coherence run 2: feature-login is created and update-subscribe-button is deleted. "
                    + "Coherence announces the first and only stops listing the second.", created2, valid2);

            step("done", "Done. Every call above went through the AWS SDK over HTTP (" + endpoint.requests().total()
                    + " requests) to the loopback endpoint; point the same code at AWS by dropping endpointOverride.",
                    node -> node.put("requests", endpoint.requests().total()));
            text("Next: ./coherence-events serve (a loopback EventBridge for your own code and the AWS CLI), "
                    + "./coherence-events --help, and the README.");
        }
        return ExitCode.OK;
    }

    private void record(String function, CoherenceEvent event) {
        synchronized (received) {
            received.add(new Received(function, event));
        }
    }

    private void subscribe(CoherenceEventsClient client, Subscription subscription) {
        SubscriptionPlan plan = client.plan(subscription);
        SubscribeResult result = client.subscribe(subscription);
        if (json) {
            ObjectNode node = line("subscribe");
            node.put("rule", subscription.name());
            node.put("pattern", subscription.pattern().json());
            node.put("ruleArn", result.ruleArn());
            ArrayNode changes = node.putArray("changes");
            plan.lines().forEach(changes::add);
            ArrayNode permissions = node.putArray("permissions");
            result.permissions().forEach(permission -> permissions.add(permission.howToApply()));
            print(node);
            return;
        }
        text("   rule " + subscription.name() + "  " + subscription.pattern().json());
        plan.lines().forEach(line -> text("     " + line));
        for (TargetPermission permission : result.permissions()) {
            text("     EventBridge may invoke " + permission.targetId() + " once its permission is added (give the "
                    + "client a LambdaClient and it does this itself):");
            text("       " + permission.howToApply());
        }
    }

    private void run(CoherenceEventsClient client, int run, String headline, NewEnvironmentsEvent created,
            ValidEnvironmentsEvent valid) {
        text(headline);
        received.clear();
        PublishResult result = client.publish(created, valid);
        List<CoherenceEvent> published = List.of(created, valid);
        for (PublishOutcome outcome : result.outcomes()) {
            CoherenceEvent event = published.get(outcome.index());
            if (outcome instanceof PublishOutcome.Accepted) {
                String eventId = ((PublishOutcome.Accepted) outcome).eventId();
                step("published", "   published " + event.detailType() + " with PutEvents: accepted as " + eventId,
                        node -> node.put("run", run).put("detailType", event.detailType()).put("eventId", eventId));
            } else {
                PublishOutcome.Failed failed = (PublishOutcome.Failed) outcome;
                throw new CliException(ExitCode.USAGE, "the loopback bus refused " + event.detailType() + ": "
                        + failed.errorCode() + " " + failed.errorMessage());
            }
        }
        List<Received> deliveries;
        synchronized (received) {
            deliveries = List.copyOf(received);
        }
        text("   EventBridge delivered, and each handler parsed with CoherenceEvents.parse:");
        for (Received delivery : deliveries) {
            deliver(run, delivery);
        }
        for (Received delivery : deliveries) {
            if (delivery.event() instanceof ValidEnvironmentsEvent) {
                reconcile(run, delivery.event());
            }
        }
    }

    private void deliver(int run, Received delivery) {
        CoherenceEvent event = delivery.event();
        if (json) {
            ObjectNode node = line("delivery");
            node.put("run", run);
            node.put("function", delivery.function());
            // The event's JSON as the model wrote it: through a tree its numbers would be read as doubles.
            node.putRawValue("event", new RawValue(CoherenceEvents.toJson(event)));
            print(node);
            return;
        }
        List<Environment> environments = event instanceof NewEnvironmentsEvent
                ? ((NewEnvironmentsEvent) event).environments()
                : ((ValidEnvironmentsEvent) event).environments();
        String what = event instanceof NewEnvironmentsEvent ? "created" : "active";
        text("   -> " + delivery.function() + " got " + event.getClass().getSimpleName() + " (" + event.detailType()
                + ", " + event.time() + "): " + environments.size() + " environment(s) " + what);
        for (Environment environment : environments) {
            text(String.format("        %-26s app %s, CloudFront %s", environment.environmentName(),
                    environment.applicationName(), environment.cloudfrontId()));
        }
    }

    private void reconcile(int run, CoherenceEvent event) {
        Reconciliation result = tracker.apply(state, event);
        state = result.state();
        if (json) {
            ObjectNode node = line("reconciliation");
            node.put("run", run);
            node.put("outcome", result.outcome().name());
            ArrayNode createdNames = node.putArray("created");
            result.created().forEach(environment -> createdNames.add(environment.environmentName()));
            ArrayNode changedNames = node.putArray("changed");
            result.changed().forEach(change -> changedNames.add(change.key().environmentName()));
            ArrayNode removedNames = node.putArray("removed");
            result.removed().forEach(environment -> removedNames.add(environment.environmentName()));
            ArrayNode unchangedNames = node.putArray("unchanged");
            result.unchanged().forEach(environment -> unchangedNames.add(environment.environmentName()));
            print(node);
            return;
        }
        text("   Reconciliation plan (EnvironmentTracker, " + result.outcome() + "):");
        for (Environment environment : result.created()) {
            text(String.format("     + %-26s created: provision its resources", environment.environmentName()));
        }
        for (EnvironmentChange change : result.changed()) {
            text(String.format("     ~ %-26s CloudFront %s -> %s: repoint its resources", change.key()
                    .environmentName(), change.before().cloudfrontId(), change.after().cloudfrontId()));
        }
        for (Environment environment : result.removed()) {
            text(String.format("     - %-26s removed (no longer listed): tear down its resources",
                    environment.environmentName()));
        }
        for (Environment environment : result.unchanged()) {
            text(String.format("     = %-26s unchanged", environment.environmentName()));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Output: readable text by default, one JSON object per line with --json.

    private interface NodeFiller {
        void fill(ObjectNode node);
    }

    private void title(String line) {
        if (!json) {
            io.out().println(line);
            io.out().println();
        }
    }

    private void text(String line) {
        if (!json) {
            io.out().println(line);
        }
    }

    private void step(String step, String line, NodeFiller filler) {
        if (json) {
            ObjectNode node = line(step);
            filler.fill(node);
            print(node);
        } else {
            io.out().println(line);
        }
    }

    private ObjectNode line(String step) {
        ObjectNode node = mapper.createObjectNode();
        node.put("step", step);
        return node;
    }

    private void print(ObjectNode node) {
        io.out().println(PrettyJson.compact(node));
    }
}
