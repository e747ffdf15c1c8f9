package com.withcoherence.events.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEvents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds what a handler receives when an EventBridge event reaches it through SQS or SNS, shaped as AWS delivers it:
 * SQS batches as Lambda's SQS event source hands them over, SNS notifications (as posted to HTTP endpoints and, without
 * raw message delivery, put into SQS bodies), and Lambda's SNS events.
 *
 * <pre>{@code
 * String batch = LambdaDeliveries.sqsBatch()
 *         .message("m-1", CoherenceFixtures.documentedNewEnvironmentsJson())
 *         .message("m-2", LambdaDeliveries.snsNotification("sns-1", CoherenceFixtures.documentedValidEnvironmentsJson()))
 *         .json();
 * handler.handleRequest(new ByteArrayInputStream(batch.getBytes(UTF_8)), output, context);
 * }</pre>
 *
 * <p>Plain Java, usable with any test framework. The static methods are thread-safe; a {@link SqsBatch} is not.
 */
public final class LambdaDeliveries {

    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "1234596789";

    private LambdaDeliveries() {
    }

    /**
     * Starts an SQS batch ({@code {"Records": [...]}}) as Lambda's SQS event source delivers it.
     *
     * @return an empty batch; never {@code null}
     */
    public static SqsBatch sqsBatch() {
        return new SqsBatch();
    }

    /**
     * Returns an SQS batch with one message per event, the events written in EventBridge's wire form and the message
     * ids {@code message-1}, {@code message-2}, …
     *
     * @param events the events, in order; never {@code null}
     * @return the batch's JSON; never {@code null}
     */
    public static String sqsBatchOf(List<? extends CoherenceEvent> events) {
        SqsBatch batch = sqsBatch();
        int n = 1;
        for (CoherenceEvent event : Values.requiredValue(events, "events")) {
            batch.message("message-" + n++, CoherenceEvents.toJson(event));
        }
        return batch.json();
    }

    /**
     * Returns an SNS notification whose {@code Message} is {@code message}, as SNS posts it to an HTTP endpoint or
     * puts it into an SQS body when raw message delivery is off.
     *
     * @param messageId the SNS message id; never {@code null}
     * @param message the message, typically an EventBridge event's JSON; never {@code null}
     * @return the notification's JSON; never {@code null}
     */
    public static String snsNotification(String messageId, String message) {
        return Json.write(notification(Values.requiredValue(messageId, "messageId"),
                Values.requiredValue(message, "message")));
    }

    /**
     * Returns the event Lambda passes a function subscribed to an SNS topic: {@code {"Records": [{"EventSource":
     * "aws:sns", "Sns": {...}}]}}, one record per message.
     *
     * @param messagesById the SNS message ids and their messages, in order; never {@code null}
     * @return the event's JSON; never {@code null}
     */
    public static String snsEvent(Map<String, String> messagesById) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode records = root.putArray("Records");
        for (Map.Entry<String, String> entry : Values.requiredValue(messagesById, "messagesById").entrySet()) {
            ObjectNode record = records.addObject();
            record.put("EventSource", "aws:sns");
            record.put("EventVersion", "1.0");
            record.put("EventSubscriptionArn", "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":coherence-events:"
                    + "00000000-0000-4000-8000-000000000000");
            ObjectNode sns = notification(entry.getKey(), entry.getValue());
            sns.putObject("MessageAttributes");
            record.set("Sns", sns);
        }
        return Json.write(root);
    }

    private static ObjectNode notification(String messageId, String message) {
        ObjectNode notification = Json.MAPPER.createObjectNode();
        notification.put("Type", "Notification");
        notification.put("MessageId", messageId);
        notification.put("TopicArn", "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":coherence-events");
        notification.put("Message", message);
        notification.put("Timestamp", "2023-05-19T13:56:17.000Z");
        notification.put("SignatureVersion", "1");
        notification.put("Signature", "EXAMPLE");
        notification.put("SigningCertURL", "https://sns." + REGION + ".amazonaws.com/SimpleNotificationService.pem");
        notification.put("UnsubscribeURL", "https://sns." + REGION + ".amazonaws.com/?Action=Unsubscribe");
        return notification;
    }

    /**
     * An SQS batch being built, message by message.
     *
     * <p>Not thread-safe: build it in one thread.
     */
    public static final class SqsBatch {

        private final Map<String, String> bodies = new LinkedHashMap<>();

        private SqsBatch() {
        }

        /**
         * Adds a message.
         *
         * @param messageId the SQS message id, unique in the batch; never {@code null}
         * @param body the message body, e.g. an event's JSON or an SNS notification; never {@code null}
         * @return this batch
         * @throws EventBridgeServiceException ({@code ValidationException}) if an argument is {@code null} or the id
         *     is already in the batch
         */
        public SqsBatch message(String messageId, String body) {
            Values.requiredValue(messageId, "messageId");
            Values.requiredValue(body, "body");
            if (bodies.containsKey(messageId)) {
                throw new EventBridgeServiceException(EventBridgeServiceException.VALIDATION,
                        "The message id " + messageId + " is already in the batch; SQS message ids are unique.");
            }
            bodies.put(messageId, body);
            return this;
        }

        /**
         * Returns the batch's JSON.
         *
         * @return {@code {"Records": [...]}}; never {@code null}
         */
        public String json() {
            ObjectNode root = Json.MAPPER.createObjectNode();
            ArrayNode records = root.putArray("Records");
            List<String> ids = new ArrayList<>(bodies.keySet());
            for (String id : ids) {
                ObjectNode record = records.addObject();
                record.put("messageId", id);
                record.put("receiptHandle", "AQEB" + id);
                record.put("body", bodies.get(id));
                ObjectNode attributes = record.putObject("attributes");
                attributes.put("ApproximateReceiveCount", "1");
                attributes.put("SentTimestamp", "1684504576000");
                attributes.put("SenderId", "AIDAIENQZJOLO23YVJ4VO");
                attributes.put("ApproximateFirstReceiveTimestamp", "1684504576010");
                record.putObject("messageAttributes");
                record.put("md5OfBody", "00000000000000000000000000000000");
                record.put("eventSource", "aws:sqs");
                record.put("eventSourceARN", "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":coherence-events");
                record.put("awsRegion", REGION);
            }
            return Json.write(root);
        }
    }
}
