package com.withcoherence.events.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEvents;
import com.withcoherence.events.model.EnvironmentTracker;
import com.withcoherence.events.model.Reconciliation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A Lambda function that is the target of an EventBridge rule on the Coherence bus: it parses the event, dispatches by
 * type and runs the environment tracker, so that environments Coherence stops listing are torn down.
 *
 * <p>Wire it with a rule whose pattern is {@code {"source": ["Coherence"]}} (what
 * {@code EventPattern.builder().build()} gives). A bad event is not retried by EventBridge for ever: the parse error is
 * thrown, EventBridge's async invocation retries twice, then the event goes to the function's on-failure destination.
 *
 * <p>One instance serves many invocations; it is as thread-safe as its {@link StateStore} and {@link Provisioner}.
 */
public class EnvironmentLambda implements RequestStreamHandler {

    private final Provisioner provisioner;
    private final StateStore store;
    private final EnvironmentTracker tracker;

    /**
     * The constructor the Lambda runtime calls: a {@link FileStateStore} at {@code $STATE_FILE} (default
     * {@code /tmp/coherence-environments.json}) and a provisioner that only logs. Replace both for real use.
     */
    public EnvironmentLambda() {
        this(new LoggingProvisioner(System.out::println),
                new FileStateStore(Path.of(System.getenv().getOrDefault("STATE_FILE",
                        "/tmp/coherence-environments.json"))),
                EnvironmentTracker.withDefaults());
    }

    /**
     * Creates a handler with its collaborators, for tests and for your own wiring.
     *
     * @param provisioner what to do per environment; never {@code null}
     * @param store where the tracker's state lives; never {@code null}
     * @param tracker the tracker's rules; never {@code null}
     */
    public EnvironmentLambda(Provisioner provisioner, StateStore store, EnvironmentTracker tracker) {
        this.provisioner = provisioner;
        this.store = store;
        this.tracker = tracker;
    }

    /**
     * Handles one EventBridge event and writes a one-line JSON summary of what the tracker decided.
     *
     * @param input the event as EventBridge delivers it
     * @param output where the summary goes
     * @param context the Lambda context, whose logger receives one line per decision
     * @throws IOException if the output cannot be written
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        CoherenceEvent event = CoherenceEvents.parse(input);
        EnvironmentReconciler reconciler = new EnvironmentReconciler(tracker, store, provisioner,
                line -> context.getLogger().log(line + "\n"));
        Reconciliation result = reconciler.reconcile(event);
        String summary = "{\"outcome\":\"" + result.outcome() + "\",\"created\":" + result.created().size()
                + ",\"changed\":" + result.changed().size() + ",\"removed\":" + result.removed().size() + "}";
        output.write(summary.getBytes(StandardCharsets.UTF_8));
    }
}
