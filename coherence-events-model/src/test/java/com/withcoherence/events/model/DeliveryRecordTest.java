package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryRecordTest {

    private static final CoherenceEvent EVENT = CoherenceEvents.parse(Samples.NEW_ENVIRONMENTS);

    @Test
    void aParsedRecordHasAnEventAndNoError() {
        DeliveryRecord record = new DeliveryRecord.Parsed("m-1", DeliveryRecord.Wrapping.SQS, EVENT);

        assertEquals(EVENT, record.event().orElseThrow());
        assertTrue(record.error().isEmpty());
    }

    @Test
    void aFailedRecordHasAnErrorAndNoEvent() {
        CoherenceEventException error = new CoherenceEventException("/x", "bad.");
        DeliveryRecord record = new DeliveryRecord.Failed("m-1", DeliveryRecord.Wrapping.SNS, error);

        assertEquals(error, record.error().orElseThrow());
        assertTrue(record.event().isEmpty());
    }

    @Test
    void rejectsNullComponents() {
        assertThrows(CoherenceEventException.class, () -> new DeliveryRecord.Parsed(null, DeliveryRecord.Wrapping.SQS, EVENT));
        assertThrows(CoherenceEventException.class, () -> new DeliveryRecord.Parsed("m", null, EVENT));
        assertThrows(CoherenceEventException.class, () -> new DeliveryRecord.Failed("m", DeliveryRecord.Wrapping.SQS, null));
        assertThrows(CoherenceEventException.class, () -> new Delivery(null));
        assertThrows(CoherenceEventException.class, () -> new Delivery(java.util.Arrays.asList((DeliveryRecord) null)));
        assertEquals(List.of(), new Delivery(List.of()).events());
    }
}
