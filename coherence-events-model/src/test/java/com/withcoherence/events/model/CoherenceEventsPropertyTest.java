package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/**
 * Properties of reading and writing events, over events {@link Generators} builds from fuzz input: all three types,
 * any Unicode (escapes, supplementary characters), lists of up to 60 elements, every fraction of a second, unknown
 * details with nested content.
 *
 * <ul>
 *   <li>{@code parse(toJson(e))} equals {@code e} through every entry point, and the JSON written is the tree the
 *       record describes, built here independently of the writer;</li>
 *   <li>{@code parseDelivery} of {@code e} wrapped as SQS, SNS, SNS in SQS or a Lambda batch of either yields
 *       {@code e}, with the wrapping and message id of each record.</li>
 * </ul>
 *
 * <p>A build replays the committed inputs ({@code CoherenceEventsPropertyTestInputs/}); {@code scripts/fuzz.sh}
 * explores more (docs/quality.md).
 */
@Timeout(value = FuzzInvariants.SECONDS_PER_INPUT, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CoherenceEventsPropertyTest {

    @FuzzTest
    void parseOfToJsonIsTheEvent(FuzzedDataProvider data) throws Exception {
        CoherenceEvent event = Generators.event(data);

        String json = CoherenceEvents.toJson(event);
        JsonNode written = Samples.MAPPER.readTree(json);

        assertEquals(expectedTree(event), written, json);
        assertEquals(expectedTree(event).get("detail"), Samples.MAPPER.readTree(CoherenceEvents.detailJson(event)));
        assertEquals(event, CoherenceEvents.parse(json), "text");
        assertEquals(event, CoherenceEvents.parse(json.getBytes(StandardCharsets.UTF_8)), "bytes");
        assertEquals(event, CoherenceEvents.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))),
                "stream");
        assertEquals(event, CoherenceEvents.parse(written), "tree");
        @SuppressWarnings("unchecked")
        Map<String, Object> map = Samples.MAPPER.convertValue(written, Map.class);
        assertEquals(event, CoherenceEvents.parse(map), "map");
        assertEquals(json, CoherenceEvents.toJson(CoherenceEvents.parse(json)), "the wire form is stable");
    }

    @FuzzTest
    void parseDeliveryUnwrapsEveryWrapping(FuzzedDataProvider data) throws Exception {
        List<CoherenceEvent> events = new ArrayList<>();
        List<String> messageIds = new ArrayList<>();
        List<DeliveryRecord.Wrapping> wrappings = new ArrayList<>();
        String delivery;
        switch (data.consumeInt(0, 3)) {
            case 0 -> { // the event itself: a Lambda target, or an SQS body handed over as it is
                CoherenceEvent event = Generators.event(data);
                events.add(event);
                messageIds.add(event.id());
                wrappings.add(DeliveryRecord.Wrapping.NONE);
                delivery = CoherenceEvents.toJson(event);
            }
            case 1 -> { // an SNS notification
                CoherenceEvent event = Generators.event(data);
                String messageId = Generators.text(data, 36);
                events.add(event);
                messageIds.add(messageId);
                wrappings.add(DeliveryRecord.Wrapping.SNS);
                delivery = Samples.json(DeliveryTest.snsNotification(messageId, CoherenceEvents.toJson(event)));
            }
            case 2 -> { // a Lambda batch of SQS messages, each the event or an SNS notification holding it
                ObjectNode batch = Samples.MAPPER.createObjectNode();
                ArrayNode records = batch.putArray("Records");
                for (int n = data.consumeInt(1, 4); n > 0; n--) {
                    CoherenceEvent event = Generators.event(data);
                    String messageId = Generators.text(data, 36);
                    String body = CoherenceEvents.toJson(event);
                    DeliveryRecord.Wrapping wrapping = DeliveryRecord.Wrapping.SQS;
                    if (data.consumeBoolean()) {
                        body = Samples.json(DeliveryTest.snsNotification(Generators.text(data, 36), body));
                        wrapping = DeliveryRecord.Wrapping.SNS_IN_SQS;
                    }
                    records.add(DeliveryTest.sqsRecord(messageId, body));
                    events.add(event);
                    messageIds.add(messageId);
                    wrappings.add(wrapping);
                }
                delivery = Samples.json(batch);
            }
            default -> { // a Lambda batch of SNS records
                ObjectNode batch = Samples.MAPPER.createObjectNode();
                ArrayNode records = batch.putArray("Records");
                for (int n = data.consumeInt(1, 4); n > 0; n--) {
                    CoherenceEvent event = Generators.event(data);
                    String messageId = Generators.text(data, 36);
                    ObjectNode record = records.addObject();
                    record.put("EventSource", "aws:sns");
                    record.put("EventVersion", "1.0");
                    record.set("Sns", DeliveryTest.snsNotification(messageId, CoherenceEvents.toJson(event)));
                    events.add(event);
                    messageIds.add(messageId);
                    wrappings.add(DeliveryRecord.Wrapping.SNS);
                }
                delivery = Samples.json(batch);
            }
        }

        for (Delivery read : List.of(CoherenceEvents.parseDelivery(delivery),
                CoherenceEvents.parseDelivery(delivery.getBytes(StandardCharsets.UTF_8)),
                CoherenceEvents.parseDelivery(Samples.MAPPER.readTree(delivery)))) {
            assertEquals(events, read.events(), delivery);
            assertEquals(messageIds, read.records().stream().map(DeliveryRecord::messageId).toList());
            assertEquals(wrappings, read.records().stream().map(DeliveryRecord::wrapping).toList());
            assertEquals(List.of(), read.failures());
        }
    }

    /** The wire form of an event, built from its components without the model's writer. */
    static ObjectNode expectedTree(CoherenceEvent event) throws Exception {
        ObjectNode tree = Samples.MAPPER.createObjectNode();
        tree.put("version", event.version());
        tree.put("id", event.id());
        tree.put("detail-type", event.detailType());
        tree.put("source", "Coherence");
        tree.put("account", event.account());
        // Instant.toString writes UTC with 0, 3, 6 or 9 fraction digits, the form EventBridge uses for years 0-9999.
        tree.put("time", event.time().toString());
        tree.put("region", event.region());
        ArrayNode resources = tree.putArray("resources");
        event.resources().forEach(resources::add);
        if (event instanceof UnknownCoherenceEvent unknown) {
            tree.set("detail", Samples.MAPPER.readTree(unknown.detailJson()));
        } else {
            List<Environment> environments = event instanceof NewEnvironmentsEvent created ? created.environments()
                    : ((ValidEnvironmentsEvent) event).environments();
            ArrayNode list = tree.putObject("detail").putArray(event.detailType());
            for (Environment environment : environments) {
                ObjectNode item = list.addObject();
                item.put("cloudfront_id", environment.cloudfrontId());
                item.put("environment_name", environment.environmentName());
                item.put("application_name", environment.applicationName());
            }
        }
        return tree;
    }
}
