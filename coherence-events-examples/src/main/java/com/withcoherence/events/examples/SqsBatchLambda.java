package com.withcoherence.events.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.withcoherence.events.model.CoherenceEvents;
import com.withcoherence.events.model.Delivery;
import com.withcoherence.events.model.DeliveryRecord;
import com.withcoherence.events.model.EnvironmentTracker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Lambda function reading an SQS queue that is the target of the rule (directly, or through SNS): it handles each
 * message and reports partial batch failures, so that only the messages that failed are retried and, after the
 * queue's {@code maxReceiveCount}, moved to its dead-letter queue.
 *
 * <p>Enable {@code ReportBatchItemFailures} on the event source mapping. A message that is not a Coherence event
 * (unreadable, or from another source) fails on its own; a message whose handling throws fails on its own; the others
 * are done.
 *
 * <p>One instance serves many invocations; it is as thread-safe as its {@link StateStore} and {@link Provisioner}.
 */
public class SqsBatchLambda implements RequestStreamHandler {

    private final Provisioner provisioner;
    private final StateStore store;
    private final EnvironmentTracker tracker;

    /** The constructor the Lambda runtime calls; see {@link EnvironmentLambda#EnvironmentLambda()}. */
    public SqsBatchLambda() {
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
    public SqsBatchLambda(Provisioner provisioner, StateStore store, EnvironmentTracker tracker) {
        this.provisioner = provisioner;
        this.store = store;
        this.tracker = tracker;
    }

    /**
     * Handles one SQS batch and writes the partial batch response ({@code {"batchItemFailures": [...]}}).
     *
     * @param input the SQS event as Lambda delivers it
     * @param output where the batch response goes
     * @param context the Lambda context, whose logger receives one line per message
     * @throws IOException if the output cannot be written
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Delivery delivery = CoherenceEvents.parseDelivery(input);
        EnvironmentReconciler reconciler = new EnvironmentReconciler(tracker, store, provisioner,
                line -> context.getLogger().log(line + "\n"));
        List<String> failed = new ArrayList<>();
        for (DeliveryRecord record : delivery.records()) {
            if (record instanceof DeliveryRecord.Parsed) {
                try {
                    reconciler.reconcile(((DeliveryRecord.Parsed) record).parsedEvent());
                } catch (RuntimeException e) {
                    context.getLogger().log("message " + record.messageId() + " failed: " + e.getMessage() + "\n");
                    failed.add(record.messageId());
                }
            } else {
                DeliveryRecord.Failed unreadable = (DeliveryRecord.Failed) record;
                context.getLogger().log("message " + unreadable.messageId() + " is not a Coherence event: "
                        + unreadable.failure().getMessage() + "\n");
            }
        }
        output.write(delivery.batchItemFailuresJson(failed).getBytes(StandardCharsets.UTF_8));
    }
}
