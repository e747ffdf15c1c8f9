package com.withcoherence.events.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one handler invocation received: one or more messages, each carrying a Coherence event or failing to.
 *
 * <p>{@link CoherenceEvents#parseDelivery(String)} reads every way EventBridge can hand an event to a JVM handler: the
 * event itself, an SQS message body, an SNS notification, an SNS notification inside an SQS message, and a Lambda
 * batch of SQS or SNS records. In a batch a bad message does not fail the others; report it back so that only it is
 * retried:
 *
 * <pre>{@code
 * public Map<String, Object> handleRequest(Map<String, Object> sqsEvent, Context context) {
 *     Delivery delivery = CoherenceEvents.parseDelivery(sqsEvent);
 *     for (CoherenceEvent event : delivery.events()) {
 *         handle(event);
 *     }
 *     return delivery.batchItemFailures();   // {"batchItemFailures": [{"itemIdentifier": "…"}]}
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param records the messages in the order they were delivered; copied into an unmodifiable list
 */
public record Delivery(List<DeliveryRecord> records) {

    /**
     * Validates and copies the records.
     *
     * @param records the messages in the order they were delivered; copied into an unmodifiable list
     * @throws CoherenceEventException if {@code records} is {@code null} or holds {@code null}
     */
    public Delivery {
        records = Checks.listOf(records, "Records", "records");
    }

    /**
     * Returns the events of the messages that could be read, in delivery order.
     *
     * @return an unmodifiable list, possibly empty, never {@code null}
     */
    public List<CoherenceEvent> events() {
        List<CoherenceEvent> events = new ArrayList<>(records.size());
        for (DeliveryRecord record : records) {
            if (record instanceof DeliveryRecord.Parsed) {
                events.add(((DeliveryRecord.Parsed) record).parsedEvent());
            }
        }
        return List.copyOf(events);
    }

    /**
     * Returns the messages that could not be read, in delivery order.
     *
     * @return an unmodifiable list, possibly empty, never {@code null}
     */
    public List<DeliveryRecord.Failed> failures() {
        List<DeliveryRecord.Failed> failures = new ArrayList<>();
        for (DeliveryRecord record : records) {
            if (record instanceof DeliveryRecord.Failed) {
                failures.add((DeliveryRecord.Failed) record);
            }
        }
        return List.copyOf(failures);
    }

    /**
     * Returns whether any message could not be read.
     *
     * @return {@code true} if {@link #failures()} is not empty
     */
    public boolean hasFailures() {
        for (DeliveryRecord record : records) {
            if (record instanceof DeliveryRecord.Failed) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the partial batch response a Lambda function with an SQS event source returns (with
     * {@code ReportBatchItemFailures} enabled) so that only the failed messages are retried. It throws when there are
     * failures and the delivery is not an SQS batch (see {@link #isSqsBatch()}), since Lambda ignores the response of
     * an EventBridge or SNS invocation and the failed events would be lost: {@code
     * {"batchItemFailures": [{"itemIdentifier": "<messageId>"}, …]}}. A failed record without a message id yields an
     * empty identifier, which makes Lambda retry the whole batch.
     *
     * @return a new mutable map the Lambda runtime serialises as that JSON; never {@code null}
     * @throws CoherenceEventException if a message failed and this is not an SQS batch
     */
    public Map<String, Object> batchItemFailures() {
        return batchItemFailures(List.of());
    }

    /**
     * Returns {@link #batchItemFailures()} as JSON text, for a {@code RequestStreamHandler} to write to its output.
     *
     * @return the JSON, never {@code null}
     */
    public String batchItemFailuresJson() {
        return batchItemFailuresJson(List.of());
    }

    /**
     * Returns the partial batch response for the messages that could not be read <em>and</em> those the handler
     * failed to process, each once, in delivery order:
     *
     * <pre>{@code
     * List<String> failed = new ArrayList<>();
     * for (DeliveryRecord record : delivery.records()) {
     *     record.event().ifPresent(event -> {
     *         try { handle(event); } catch (RuntimeException e) { failed.add(record.messageId()); }
     *     });
     * }
     * return delivery.batchItemFailures(failed);
     * }</pre>
     *
     * @param failedWhileHandling the message ids of records the handler could not process; must not be {@code null}
     * @return a new mutable map the Lambda runtime serialises as {@code {"batchItemFailures": [...]}}; never
     *     {@code null}
     * @throws CoherenceEventException if {@code failedWhileHandling} is {@code null} or holds {@code null}, or if a
     *     message failed and this is not an SQS batch
     */
    public Map<String, Object> batchItemFailures(Collection<String> failedWhileHandling) {
        List<Map<String, String>> items = new ArrayList<>();
        for (String id : failedIds(failedWhileHandling)) {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("itemIdentifier", id);
            items.add(item);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("batchItemFailures", items);
        return response;
    }

    /**
     * Returns {@link #batchItemFailures(Collection)} as JSON text, for a {@code RequestStreamHandler}.
     *
     * @param failedWhileHandling the message ids of records the handler could not process; must not be {@code null}
     * @return the JSON, never {@code null}
     * @throws CoherenceEventException if {@code failedWhileHandling} is {@code null} or holds {@code null}, or if a
     *     message failed and this is not an SQS batch
     */
    public String batchItemFailuresJson(Collection<String> failedWhileHandling) {
        return DeliveryReader.batchItemFailuresJson(failedIds(failedWhileHandling));
    }

    /**
     * Returns whether every message came from an SQS queue (its body the event, or an SNS notification holding it):
     * the only deliveries for which Lambda reads a partial batch response.
     *
     * @return {@code true} for a Lambda batch of SQS messages
     */
    public boolean isSqsBatch() {
        for (DeliveryRecord record : records) {
            if (record.wrapping() != DeliveryRecord.Wrapping.SQS
                    && record.wrapping() != DeliveryRecord.Wrapping.SNS_IN_SQS) {
                return false;
            }
        }
        return !records.isEmpty();
    }

    /** The ids of unreadable records and of {@code handled} failures, each once, in delivery order. */
    private List<String> failedIds(Collection<String> failedWhileHandling) {
        Checks.argument(failedWhileHandling, "failedWhileHandling");
        Set<String> handled = new HashSet<>();
        for (String id : failedWhileHandling) {
            handled.add(Checks.argument(id, "failedWhileHandling element"));
        }
        Set<String> ids = new LinkedHashSet<>();
        for (DeliveryRecord record : records) {
            if (record instanceof DeliveryRecord.Failed || handled.contains(record.messageId())) {
                ids.add(record.messageId());
            }
        }
        // Ids the caller names that are not in this delivery are still reported: better a retry than a loss.
        for (String id : failedWhileHandling) {
            ids.add(id);
        }
        if (!ids.isEmpty() && !isSqsBatch()) {
            // Lambda ignores a batch response from an EventBridge or SNS invocation: the failed events would be lost.
            throw CoherenceEventException.about("Invalid use", "", ids.size() + " message(s) failed, but this delivery "
                    + "did not come from an SQS event source, so Lambda would ignore a partial batch response and "
                    + "the events would be lost; throw an exception instead, so that Lambda retries the invocation "
                    + "and then sends it to the function's dead-letter queue or on-failure destination.");
        }
        return new ArrayList<>(ids);
    }
}
