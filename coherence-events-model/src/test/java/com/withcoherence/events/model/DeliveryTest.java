package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deliveries built from the documented samples the way SQS, SNS and Lambda wrap them. */
class DeliveryTest {

    private static final CoherenceEvent NEW = CoherenceEvents.parse(Samples.NEW_ENVIRONMENTS);
    private static final CoherenceEvent VALID = CoherenceEvents.parse(Samples.VALID_ENVIRONMENTS);

    /** An SQS message as Lambda's SQS event source hands it over. */
    static ObjectNode sqsRecord(String messageId, String body) {
        ObjectNode record = Samples.MAPPER.createObjectNode();
        record.put("messageId", messageId);
        record.put("receiptHandle", "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a…");
        record.put("body", body);
        ObjectNode attributes = record.putObject("attributes");
        attributes.put("ApproximateReceiveCount", "1");
        attributes.put("SentTimestamp", "1684504576000");
        attributes.put("SenderId", "AIDAIENQZJOLO23YVJ4VO");
        attributes.put("ApproximateFirstReceiveTimestamp", "1684504576010");
        record.putObject("messageAttributes");
        record.put("md5OfBody", "e4e68fb7bd0e697a0ae8f1bb342846b3");
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", "arn:aws:sqs:us-east-1:1234596789:coherence-events");
        record.put("awsRegion", "us-east-1");
        return record;
    }

    /** An SNS notification as SNS posts it to an HTTP endpoint or (without raw delivery) into an SQS body. */
    static ObjectNode snsNotification(String messageId, String message) {
        ObjectNode notification = Samples.MAPPER.createObjectNode();
        notification.put("Type", "Notification");
        notification.put("MessageId", messageId);
        notification.put("TopicArn", "arn:aws:sns:us-east-1:1234596789:coherence-events");
        notification.put("Message", message);
        notification.put("Timestamp", "2023-05-19T13:56:17.123Z");
        notification.put("SignatureVersion", "1");
        notification.put("Signature", "EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10Hs3zH81mtnPk5uvvolIC1CXGu43obcgFxeL3khZl8IKvO61GWB6jI9b5+gLPoBc1Q=");
        notification.put("SigningCertURL", "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem");
        notification.put("UnsubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-east-1:1234596789:coherence-events:0");
        return notification;
    }

    private static String batch(ObjectNode... records) {
        ObjectNode root = Samples.MAPPER.createObjectNode();
        ArrayNode array = root.putArray("Records");
        for (ObjectNode record : records) {
            array.add(record);
        }
        return Samples.json(root);
    }

    @Test
    void readsAnEventDeliveredDirectly() {
        Delivery delivery = CoherenceEvents.parseDelivery(Samples.NEW_ENVIRONMENTS);

        assertEquals(List.of(NEW), delivery.events());
        DeliveryRecord record = delivery.records().get(0);
        assertEquals(NEW.id(), record.messageId());
        assertEquals(DeliveryRecord.Wrapping.NONE, record.wrapping());
        assertFalse(delivery.hasFailures());
    }

    @Test
    void readsAnSnsNotification() {
        String notification = Samples.json(snsNotification("sns-1", Samples.VALID_ENVIRONMENTS));

        Delivery delivery = CoherenceEvents.parseDelivery(notification);

        assertEquals(List.of(VALID), delivery.events());
        assertEquals("sns-1", delivery.records().get(0).messageId());
        assertEquals(DeliveryRecord.Wrapping.SNS, delivery.records().get(0).wrapping());
    }

    @Test
    void readsAnSqsBatchKeepingMessageIdsAndOrder() {
        String json = batch(sqsRecord("m-1", Samples.NEW_ENVIRONMENTS), sqsRecord("m-2", Samples.VALID_ENVIRONMENTS));

        Delivery delivery = CoherenceEvents.parseDelivery(json);

        assertEquals(List.of(NEW, VALID), delivery.events());
        assertEquals(List.of("m-1", "m-2"), delivery.records().stream().map(DeliveryRecord::messageId).toList());
        assertTrue(delivery.records().stream().allMatch(r -> r.wrapping() == DeliveryRecord.Wrapping.SQS));
        assertEquals(Map.of("batchItemFailures", List.of()), delivery.batchItemFailures());
    }

    @Test
    void readsSnsInsideSqs() {
        String body = Samples.json(snsNotification("sns-7", Samples.NEW_ENVIRONMENTS));

        Delivery delivery = CoherenceEvents.parseDelivery(batch(sqsRecord("m-9", body)));

        assertEquals(List.of(NEW), delivery.events());
        assertEquals("m-9", delivery.records().get(0).messageId(), "the SQS message id is what Lambda retries by");
        assertEquals(DeliveryRecord.Wrapping.SNS_IN_SQS, delivery.records().get(0).wrapping());
    }

    @Test
    void readsALambdaSnsEvent() {
        ObjectNode record = Samples.MAPPER.createObjectNode();
        record.put("EventSource", "aws:sns");
        record.put("EventVersion", "1.0");
        record.put("EventSubscriptionArn", "arn:aws:sns:us-east-1:1234596789:coherence-events:sub");
        ObjectNode sns = snsNotification("sns-3", Samples.VALID_ENVIRONMENTS);
        sns.putObject("MessageAttributes");
        record.set("Sns", sns);

        Delivery delivery = CoherenceEvents.parseDelivery(batch(record));

        assertEquals(List.of(VALID), delivery.events());
        assertEquals("sns-3", delivery.records().get(0).messageId());
        assertEquals(DeliveryRecord.Wrapping.SNS, delivery.records().get(0).wrapping());
    }

    @Test
    void reportsABadMessageOfABatchWithoutFailingTheOthers() {
        String foreign = Samples.NEW_ENVIRONMENTS.replace("\"Coherence\"", "\"aws.ec2\"");
        String json = batch(sqsRecord("m-1", Samples.NEW_ENVIRONMENTS), sqsRecord("m-2", foreign),
                sqsRecord("m-3", "not json"), sqsRecord("m-4", Samples.VALID_ENVIRONMENTS));

        Delivery delivery = CoherenceEvents.parseDelivery(json);

        assertEquals(List.of(NEW, VALID), delivery.events());
        List<DeliveryRecord.Failed> failures = delivery.failures();
        assertEquals(List.of("m-2", "m-3"), failures.stream().map(DeliveryRecord::messageId).toList());
        assertEquals("/Records/1/body/source", failures.get(0).failure().pointer());
        assertEquals("/Records/2/body", failures.get(1).failure().pointer());
        assertEquals(Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", "m-2"),
                Map.of("itemIdentifier", "m-3"))), delivery.batchItemFailures());
        assertEquals(Samples.tree("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-2\"},{\"itemIdentifier\":\"m-3\"}]}"),
                Samples.tree(delivery.batchItemFailuresJson()));
    }

    @Test
    void pointsIntoTheSnsMessageInsideAnSqsBody() {
        String broken = Samples.NEW_ENVIRONMENTS.replace("\"AESOIFH3341\"", "17");
        String body = Samples.json(snsNotification("sns-1", broken));

        DeliveryRecord.Failed failed = CoherenceEvents.parseDelivery(batch(sqsRecord("m-1", body))).failures().get(0);

        assertEquals("/Records/0/body/Message/detail/new_environments/0/cloudfront_id", failed.failure().pointer());
        assertEquals(DeliveryRecord.Wrapping.SNS_IN_SQS, failed.wrapping());
    }

    @Test
    void reportsARecordWithoutMessageIdWithAnEmptyIdSoLambdaRetriesTheBatch() {
        ObjectNode record = sqsRecord("m-1", Samples.NEW_ENVIRONMENTS);
        record.remove("messageId");

        Delivery delivery = CoherenceEvents.parseDelivery(batch(record));

        assertEquals("", delivery.failures().get(0).messageId());
        assertEquals("/Records/0/messageId", delivery.failures().get(0).failure().pointer());
    }

    @Test
    void reportsARecordThatIsNeitherSqsNorSns() {
        ObjectNode record = Samples.MAPPER.createObjectNode().put("eventSource", "aws:kinesis");

        Delivery delivery = CoherenceEvents.parseDelivery(batch(record));

        assertEquals("/Records/0", delivery.failures().get(0).failure().pointer());
    }

    @Test
    void reportsABodyOfTheWrongType() {
        ObjectNode record = sqsRecord("m-1", "x");
        record.putObject("body");

        DeliveryRecord.Failed failed = CoherenceEvents.parseDelivery(batch(record)).failures().get(0);

        assertEquals("m-1", failed.messageId());
        assertEquals("/Records/0/body", failed.failure().pointer());
    }

    @Test
    void rejectsABatchWhoseRecordsAreNotAnArray() {
        CoherenceEventException e = assertThrows(CoherenceEventException.class,
                () -> CoherenceEvents.parseDelivery("{\"Records\": {}}"));

        assertEquals("/Records", e.pointer());
    }

    @Test
    void rejectsADirectDeliveryThatIsNotAnEvent() {
        String notification = Samples.json(snsNotification("sns-1", "{\"source\": \"Coherence\"}"));

        CoherenceEventException e = assertThrows(CoherenceEventException.class,
                () -> CoherenceEvents.parseDelivery(notification));

        assertEquals("/Message/version", e.pointer());
    }

    @Test
    void rejectsInputThatIsNotWellFormedJson() {
        assertThrows(CoherenceEventException.class, () -> CoherenceEvents.parseDelivery("{\"Records\": ["));
        assertThrows(CoherenceEventException.class, () -> CoherenceEvents.parseDelivery("[]"));
        assertThrows(CoherenceEventException.class, () -> CoherenceEvents.parseDelivery((String) null));
    }

    @Test
    void readsEveryInputForm() throws IOException {
        String json = batch(sqsRecord("m-1", Samples.NEW_ENVIRONMENTS));
        Map<String, Object> map = Samples.MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {
        });
        Delivery expected = CoherenceEvents.parseDelivery(json);

        assertEquals(expected, CoherenceEvents.parseDelivery(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, CoherenceEvents.parseDelivery(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
        assertEquals(expected, CoherenceEvents.parseDelivery(map));
        assertEquals(expected, CoherenceEvents.parseDelivery(Samples.tree(json)));
    }

    @Test
    void refusesAStreamLargerThanAnyLambdaPayload() {
        byte[] huge = new byte[DeliveryReader.MAX_DELIVERY_LENGTH + 10];
        java.util.Arrays.fill(huge, (byte) ' ');

        CoherenceEventException e = assertThrows(CoherenceEventException.class,
                () -> CoherenceEvents.parseDelivery(new ByteArrayInputStream(huge)));

        assertTrue(e.getMessage().contains("6 MB"), e.getMessage());
    }

    @Test
    void exposesEventAndErrorThroughTheSealedInterface() {
        Delivery delivery = CoherenceEvents.parseDelivery(batch(sqsRecord("m-1", Samples.NEW_ENVIRONMENTS),
                sqsRecord("m-2", "{}")));

        DeliveryRecord parsed = delivery.records().get(0);
        DeliveryRecord failed = delivery.records().get(1);
        assertEquals(NEW, parsed.event().orElseThrow());
        assertTrue(parsed.error().isEmpty());
        assertTrue(failed.event().isEmpty());
        assertInstanceOf(CoherenceEventException.class, failed.error().orElseThrow());
    }

    @Test
    void reportsMessagesTheHandlerFailedToProcessBesideTheUnreadableOnes() {
        Delivery delivery = CoherenceEvents.parseDelivery(batch(sqsRecord("m-1", Samples.NEW_ENVIRONMENTS),
                sqsRecord("m-2", "{}"), sqsRecord("m-3", Samples.VALID_ENVIRONMENTS)));

        Map<String, Object> response = delivery.batchItemFailures(List.of("m-3", "m-3"));

        assertEquals(Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", "m-2"),
                Map.of("itemIdentifier", "m-3"))), response);
        assertEquals(Samples.tree("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-2\"},{\"itemIdentifier\":\"m-3\"}]}"),
                Samples.tree(delivery.batchItemFailuresJson(List.of("m-3"))));
    }

    @Test
    void stillReportsAHandlerFailureForAnIdNotInTheDelivery() {
        Delivery delivery = CoherenceEvents.parseDelivery(batch(sqsRecord("m-1", Samples.NEW_ENVIRONMENTS)));

        assertEquals(Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", "other"))),
                delivery.batchItemFailures(List.of("other")));
        assertThrows(CoherenceEventException.class, () -> delivery.batchItemFailures(null));
        assertThrows(CoherenceEventException.class,
                () -> delivery.batchItemFailures(java.util.Arrays.asList((String) null)));
    }

    /** Found by probing the Map entry point (docs/quality.md): parse(Map) ended in a StackOverflowError. */
    @Test
    void rejectsAMapThatHoldsItselfWithThePointerOfTheLoop() {
        Map<String, Object> cyclic = new java.util.LinkedHashMap<>();
        cyclic.put("Records", List.of(cyclic));

        CoherenceEventException e = assertThrows(CoherenceEventException.class,
                () -> CoherenceEvents.parseDelivery(cyclic));

        assertTrue(e.pointer().startsWith("/Records/0/Records/0/"), e.pointer());
        assertTrue(e.getMessage().contains("holds itself"), e.getMessage());
    }
    /** Found by fuzzing: an event carrying a "Records" member was read as an empty batch, and so dropped. */
    @Test
    void rejectsABatchWithoutRecordsRatherThanDroppingWhatItHolds() {
        String eventWithRecords = Samples.NEW_ENVIRONMENTS.replace("\"account\"", "\"Records\": [], \"account\"");

        for (String json : List.of("{\"Records\": []}", eventWithRecords)) {
            CoherenceEventException e = assertThrows(CoherenceEventException.class,
                    () -> CoherenceEvents.parseDelivery(json));

            assertEquals("/Records", e.pointer());
            assertTrue(e.getMessage().contains("never delivers an empty batch"), e.getMessage());
        }
    }
    @Test
    void reportsEveryFailedRecordInThePartialBatchResponse() throws IOException {
        String json = batch(sqsRecord("m-1", "{}"), sqsRecord("m-2", Samples.NEW_ENVIRONMENTS), sqsRecord("m-3", "x"));

        Delivery delivery = CoherenceEvents.parseDelivery(json);

        assertEquals(Samples.tree("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-1\"},{\"itemIdentifier\":\"m-3\"}]}"),
                Samples.MAPPER.readTree(delivery.batchItemFailuresJson()));
    }

    @Test
    void reportsTheFirstProblemOfARecord() {
        ObjectNode record = Samples.MAPPER.createObjectNode();
        record.put("messageId", 7);
        record.put("body", 8);

        DeliveryRecord.Failed failed = CoherenceEvents.parseDelivery(batch(record)).failures().get(0);

        assertEquals("/Records/0/messageId", failed.failure().pointer());
    }

    @Test
    void refusesABatchResponseWhereLambdaWouldIgnoreItAndLoseTheEvents() {
        ObjectNode record = Samples.MAPPER.createObjectNode();
        record.put("EventSource", "aws:sns");
        record.set("Sns", snsNotification("sns-1", "{}"));
        Delivery snsBatch = CoherenceEvents.parseDelivery(batch(record));
        Delivery direct = CoherenceEvents.parseDelivery(Samples.NEW_ENVIRONMENTS);

        assertFalse(snsBatch.isSqsBatch());
        CoherenceEventException e = assertThrows(CoherenceEventException.class, snsBatch::batchItemFailures);
        assertTrue(e.getMessage().contains("throw an exception instead"), e.getMessage());
        assertThrows(CoherenceEventException.class, () -> direct.batchItemFailures(List.of(NEW.id())));
        assertEquals(Map.of("batchItemFailures", List.of()), direct.batchItemFailures(), "nothing failed, nothing lost");
    }

    @Test
    void knowsAnSqsBatchFromItsMessages() {
        assertTrue(CoherenceEvents.parseDelivery(batch(sqsRecord("m-1", Samples.NEW_ENVIRONMENTS))).isSqsBatch());
        assertTrue(CoherenceEvents.parseDelivery(batch(sqsRecord("m-1",
                Samples.json(snsNotification("s", Samples.NEW_ENVIRONMENTS))))).isSqsBatch());
        assertFalse(CoherenceEvents.parseDelivery(Samples.NEW_ENVIRONMENTS).isSqsBatch());
    }
}
