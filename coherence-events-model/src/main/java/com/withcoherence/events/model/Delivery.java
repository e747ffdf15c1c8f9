package com.withcoherence.events.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
     * {@code ReportBatchItemFailures} enabled) so that only the failed messages are retried: {@code
     * {"batchItemFailures": [{"itemIdentifier": "<messageId>"}, …]}}. A failed record without a message id yields an
     * empty identifier, which makes Lambda retry the whole batch.
     *
     * @return a new mutable map the Lambda runtime serialises as that JSON; never {@code null}
     */
    public Map<String, Object> batchItemFailures() {
        List<Map<String, String>> items = new ArrayList<>();
        for (DeliveryRecord.Failed failed : failures()) {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("itemIdentifier", failed.messageId());
            items.add(item);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("batchItemFailures", items);
        return response;
    }

    /**
     * Returns {@link #batchItemFailures()} as JSON text, for a {@code RequestStreamHandler} to write to its output.
     *
     * @return the JSON, never {@code null}
     */
    public String batchItemFailuresJson() {
        List<String> ids = new ArrayList<>();
        for (DeliveryRecord.Failed failed : failures()) {
            ids.add(failed.messageId());
        }
        return DeliveryReader.batchItemFailuresJson(ids);
    }
}
