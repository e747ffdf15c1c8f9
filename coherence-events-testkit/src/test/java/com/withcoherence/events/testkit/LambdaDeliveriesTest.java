package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEvents;
import com.withcoherence.events.model.Delivery;
import com.withcoherence.events.model.DeliveryRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the fixtures build is what the model's delivery reader reads, wrapped the way AWS wraps it. */
class LambdaDeliveriesTest {

    private static final CoherenceEvent NEW = CoherenceFixtures.documentedNewEnvironments();
    private static final CoherenceEvent VALID = CoherenceFixtures.documentedValidEnvironments();

    @Test
    void buildsAnSqsBatchWithMessageIdsInOrder() {
        Delivery delivery = CoherenceEvents.parseDelivery(LambdaDeliveries.sqsBatch()
                .message("m-1", CoherenceFixtures.documentedNewEnvironmentsJson())
                .message("m-2", LambdaDeliveries.snsNotification("sns-1",
                        CoherenceFixtures.documentedValidEnvironmentsJson()))
                .json());

        assertEquals(List.of(NEW, VALID), delivery.events());
        assertEquals(List.of("m-1", "m-2"), delivery.records().stream().map(DeliveryRecord::messageId).toList());
        assertEquals(List.of(DeliveryRecord.Wrapping.SQS, DeliveryRecord.Wrapping.SNS_IN_SQS),
                delivery.records().stream().map(DeliveryRecord::wrapping).toList());
    }

    @Test
    void buildsABatchOfEvents() {
        Delivery delivery = CoherenceEvents.parseDelivery(LambdaDeliveries.sqsBatchOf(List.of(NEW, VALID)));

        assertEquals(List.of(NEW, VALID), delivery.events());
        assertEquals("message-2", delivery.records().get(1).messageId());
    }

    @Test
    void buildsAnSnsNotificationAndALambdaSnsEvent() {
        Delivery notification = CoherenceEvents.parseDelivery(LambdaDeliveries.snsNotification("sns-1",
                CoherenceFixtures.documentedNewEnvironmentsJson()));
        Map<String, String> messages = new LinkedHashMap<>();
        messages.put("sns-2", CoherenceFixtures.documentedValidEnvironmentsJson());
        messages.put("sns-3", CoherenceFixtures.documentedNewEnvironmentsJson());
        Delivery event = CoherenceEvents.parseDelivery(LambdaDeliveries.snsEvent(messages));

        assertEquals(List.of(NEW), notification.events());
        assertEquals("sns-1", notification.records().get(0).messageId());
        assertEquals(List.of(VALID, NEW), event.events());
        assertEquals(DeliveryRecord.Wrapping.SNS, event.records().get(0).wrapping());
    }

    @Test
    void refusesTheSameMessageIdTwice() {
        LambdaDeliveries.SqsBatch batch = LambdaDeliveries.sqsBatch().message("m-1", "{}");

        EventBridgeServiceException e = assertThrows(EventBridgeServiceException.class,
                () -> batch.message("m-1", "{}"));

        assertEquals(EventBridgeServiceException.VALIDATION, e.errorCode());
    }
}
