package com.withcoherence.events.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Unwraps the ways EventBridge events reach a JVM handler: directly, in an SQS body, in an SNS notification, SNS in
 * SQS, and Lambda batches of SQS or SNS records. Streams with jackson-core, like {@link EventReader}.
 */
final class DeliveryReader {

    /**
     * A Lambda invocation payload is at most 6 MB; 8 MiB leaves room for any real batch and bounds hostile input.
     */
    static final int MAX_DELIVERY_LENGTH = 8 << 20;

    /** An SQS message is at most 1 MiB, and its body is one string. */
    static final int MAX_BODY_LENGTH = 1 << 20;

    static final JsonFactory FACTORY = EventReader.factory(MAX_DELIVERY_LENGTH, MAX_BODY_LENGTH);

    private enum Kind { EVENT, SNS_NOTIFICATION, BATCH }

    private DeliveryReader() {
    }

    /** Reads a delivery held in {@code json} (a {@code String} or UTF-8/16/32 {@code byte[]}). */
    static Delivery read(Object json) {
        Kind kind = classify(json, FACTORY, "");
        switch (kind) {
            case BATCH:
                return readBatch(json);
            case SNS_NOTIFICATION: {
                String[] notification = readSnsNotification(json, "");
                CoherenceEvent event = readEvent(notification[1], "/Message");
                return new Delivery(List.of(new DeliveryRecord.Parsed(notification[0], DeliveryRecord.Wrapping.SNS,
                        event)));
            }
            default: {
                CoherenceEvent event = readEvent(json, "");
                return new Delivery(List.of(new DeliveryRecord.Parsed(event.id(), DeliveryRecord.Wrapping.NONE,
                        event)));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static JsonParser parser(JsonFactory factory, Object json) throws IOException {
        return json instanceof String ? factory.createParser((String) json) : factory.createParser((byte[]) json);
    }

    /** Looks at the top-level member names only: a batch has Records, an SNS notification Type and Message. */
    private static Kind classify(Object json, JsonFactory factory, String base) {
        try (JsonParser p = parser(factory, json)) {
            try {
                JsonToken first = p.nextToken();
                if (first != JsonToken.START_OBJECT) {
                    throw new CoherenceEventException(base, "expected a JSON object (an EventBridge event, an SNS "
                            + "notification or a Lambda batch with \"Records\") but found " + EventReader.describe(p)
                            + ".");
                }
                boolean records = false;
                boolean type = false;
                boolean message = false;
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    if (name.equals("Records")) {
                        records = true;
                    } else if (name.equals("Type")) {
                        type = true;
                    } else if (name.equals("Message")) {
                        message = true;
                    }
                    p.nextToken();
                    p.skipChildren();
                }
                if (p.nextToken() != null) {
                    throw new CoherenceEventException(base, "the JSON object is followed by more content ("
                            + EventReader.describe(p) + "); pass one delivery per call.");
                }
                if (records) {
                    return Kind.BATCH;
                }
                return type && message ? Kind.SNS_NOTIFICATION : Kind.EVENT;
            } catch (JsonProcessingException e) {
                throw EventReader.translate(e, p, base);
            }
        } catch (JsonProcessingException e) {
            throw EventReader.translate(e, null, base);
        } catch (IOException e) {
            throw new CoherenceEventException(base, "the input could not be read: " + e.getMessage(), e);
        }
    }

    private static CoherenceEvent readEvent(Object json, String base) {
        try (JsonParser p = parser(EventReader.FACTORY, json)) {
            return EventReader.readDocument(p, base);
        } catch (JsonProcessingException e) {
            throw EventReader.translate(e, null, base);
        } catch (IOException e) {
            throw new CoherenceEventException(base, "the input could not be read: " + e.getMessage(), e);
        }
    }

    /** Returns {MessageId, Message} of the SNS notification document in {@code json}. */
    private static String[] readSnsNotification(Object json, String base) {
        try (JsonParser p = parser(FACTORY, json)) {
            try {
                p.nextToken();
                String[] notification = snsNotification(p, base);
                if (notification[1] == null) {
                    throw new CoherenceEventException(base + "/Message", "the SNS notification has no \"Message\" "
                            + "string; expected the EventBridge event as JSON text there.");
                }
                if (notification[0] == null) {
                    notification[0] = "";
                }
                return notification;
            } catch (JsonProcessingException e) {
                throw EventReader.translate(e, p, base);
            }
        } catch (JsonProcessingException e) {
            throw EventReader.translate(e, null, base);
        } catch (IOException e) {
            throw new CoherenceEventException(base, "the input could not be read: " + e.getMessage(), e);
        }
    }

    /** Reads an SNS notification object at the current token; returns {MessageId, Message}, either possibly null. */
    private static String[] snsNotification(JsonParser p, String base) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new CoherenceEventException(EventReader.valuePointer(p, base), "expected an SNS notification object "
                    + "but found " + EventReader.describe(p) + ".");
        }
        String messageId = null;
        String message = null;
        List<String> names = new ArrayList<>();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            if (names.contains(name)) {
                throw duplicate(p, base, name);
            }
            names.add(name);
            p.nextToken();
            if (name.equals("MessageId")) {
                messageId = string(p, base, "the SNS message id");
            } else if (name.equals("Message")) {
                message = string(p, base, "the EventBridge event as JSON text");
            } else {
                EventReader.copy(p, null, base, 1);
            }
        }
        return new String[] {messageId, message};
    }

    private static Delivery readBatch(Object json) {
        try (JsonParser p = parser(FACTORY, json)) {
            try {
                p.nextToken();
                List<DeliveryRecord> records = null;
                List<String> names = new ArrayList<>();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    if (names.contains(name)) {
                        throw duplicate(p, "", name);
                    }
                    names.add(name);
                    p.nextToken();
                    if (name.equals("Records")) {
                        records = records(p);
                    } else {
                        EventReader.copy(p, null, "", 1);
                    }
                }
                return new Delivery(records);
            } catch (JsonProcessingException e) {
                throw EventReader.translate(e, p, "");
            }
        } catch (JsonProcessingException e) {
            throw EventReader.translate(e, null, "");
        } catch (IOException e) {
            throw new CoherenceEventException("", "the input could not be read: " + e.getMessage(), e);
        }
    }

    private static List<DeliveryRecord> records(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new CoherenceEventException("/Records", "expected the array of SQS or SNS records of a Lambda "
                    + "batch but found " + EventReader.describe(p) + ".");
        }
        List<DeliveryRecord> records = new ArrayList<>();
        int index = 0;
        for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken(), index++) {
            String pointer = "/Records/" + index;
            if (token != JsonToken.START_OBJECT) {
                throw new CoherenceEventException(pointer, "expected an SQS or SNS record object but found "
                        + EventReader.describe(p) + "; a Lambda batch holds only objects.");
            }
            records.add(record(p, pointer));
        }
        if (records.isEmpty()) {
            // Lambda never invokes a function with an empty batch. Returning an empty delivery would also drop an
            // event that merely carries a "Records" member (found by fuzzing).
            throw new CoherenceEventException("/Records", "the batch has no records, and Lambda never delivers an "
                    + "empty batch; pass the batch Lambda handed to the function, or an event without a "
                    + "\"Records\" member.");
        }
        return records;
    }

    /**
     * Reads one batch record at its {@code START_OBJECT}. A problem inside the record makes it a
     * {@link DeliveryRecord.Failed} and the batch goes on; only JSON that is not well-formed fails the whole batch.
     */
    private static DeliveryRecord record(JsonParser p, String pointer) throws IOException {
        String messageId = null;
        String body = null;
        String snsJson = null;
        CoherenceEventException problem = null;
        List<String> names = new ArrayList<>();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken token = p.nextToken();
            if (names.contains(name)) {
                problem = first(problem, new CoherenceEventException(pointer + "/" + EventReader.escape(name),
                        "the key \"" + name + "\" appears more than once in the record."));
                p.skipChildren();
                continue;
            }
            names.add(name);
            if (name.equals("messageId") || name.equals("body")) {
                if (token == JsonToken.VALUE_STRING) {
                    if (name.equals("body")) {
                        body = p.getText();
                    } else {
                        messageId = p.getText();
                    }
                } else {
                    problem = first(problem, new CoherenceEventException(pointer + "/" + name, "expected the SQS "
                            + name + " as a string but found " + EventReader.describe(p) + "."));
                    p.skipChildren();
                }
            } else if (name.equals("Sns") && token == JsonToken.START_OBJECT) {
                StringWriter out = new StringWriter(256);
                try (JsonGenerator g = EventReader.FACTORY.createGenerator(out)) {
                    EventReader.copy(p, g, pointer, 2);
                }
                snsJson = out.toString();
            } else {
                if (name.equals("Sns")) {
                    problem = first(problem, new CoherenceEventException(pointer + "/Sns", "expected the SNS "
                            + "notification object but found " + EventReader.describe(p) + "."));
                }
                p.skipChildren();
            }
        }
        boolean sqs = body != null || names.contains("body") || (messageId != null && snsJson == null);
        if (sqs) {
            String id = messageId == null ? "" : messageId;
            if (problem != null) {
                return new DeliveryRecord.Failed(id, DeliveryRecord.Wrapping.SQS, problem);
            }
            if (messageId == null) {
                return new DeliveryRecord.Failed(id, DeliveryRecord.Wrapping.SQS, new CoherenceEventException(
                        pointer + "/messageId", "the SQS record has no \"messageId\"; it cannot be reported back."));
            }
            if (body == null) {
                return new DeliveryRecord.Failed(id, DeliveryRecord.Wrapping.SQS, new CoherenceEventException(
                        pointer + "/body", "the SQS record has no \"body\"; expected the event there."));
            }
            return sqsBody(id, body, pointer + "/body");
        }
        if (snsJson != null || names.contains("Sns")) {
            if (problem != null) {
                return new DeliveryRecord.Failed("", DeliveryRecord.Wrapping.SNS, problem);
            }
            String[] notification;
            try {
                notification = readSnsNotification(snsJson, pointer + "/Sns");
            } catch (CoherenceEventException e) {
                return new DeliveryRecord.Failed("", DeliveryRecord.Wrapping.SNS, e);
            }
            return parsedOrFailed(notification[0], DeliveryRecord.Wrapping.SNS, notification[1],
                    pointer + "/Sns/Message");
        }
        return new DeliveryRecord.Failed("", DeliveryRecord.Wrapping.NONE, problem != null ? problem
                : new CoherenceEventException(pointer, "the record is neither an SQS message (\"messageId\" and "
                        + "\"body\") nor an SNS record (\"Sns\")."));
    }

    private static CoherenceEventException first(CoherenceEventException current, CoherenceEventException next) {
        return current != null ? current : next;
    }

    /** An SQS body holds the event, or (SNS to SQS without raw delivery) an SNS notification holding it. */
    private static DeliveryRecord sqsBody(String messageId, String body, String pointer) {
        Kind kind;
        try {
            kind = classify(body, EventReader.FACTORY, pointer);
        } catch (CoherenceEventException e) {
            return new DeliveryRecord.Failed(messageId, DeliveryRecord.Wrapping.SQS, e);
        }
        if (kind == Kind.SNS_NOTIFICATION) {
            String[] notification;
            try {
                notification = readSnsNotification(body, pointer);
            } catch (CoherenceEventException e) {
                return new DeliveryRecord.Failed(messageId, DeliveryRecord.Wrapping.SNS_IN_SQS, e);
            }
            return parsedOrFailed(messageId, DeliveryRecord.Wrapping.SNS_IN_SQS, notification[1],
                    pointer + "/Message");
        }
        return parsedOrFailed(messageId, DeliveryRecord.Wrapping.SQS, body, pointer);
    }

    private static DeliveryRecord parsedOrFailed(String messageId, DeliveryRecord.Wrapping wrapping, String json,
            String pointer) {
        try {
            return new DeliveryRecord.Parsed(messageId, wrapping, readEvent(json, pointer));
        } catch (CoherenceEventException e) {
            return new DeliveryRecord.Failed(messageId, wrapping, e);
        }
    }

    private static String string(JsonParser p, String base, String what) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new CoherenceEventException(EventReader.valuePointer(p, base), "expected " + what
                    + " as a string but found " + EventReader.describe(p) + ".");
        }
        return p.getText();
    }

    private static CoherenceEventException duplicate(JsonParser p, String base, String name) {
        return new CoherenceEventException(base + p.getParsingContext().pathAsPointer().toString(),
                "the key \"" + name + "\" appears more than once in the same object; send each key once.");
    }

    static String batchItemFailuresJson(List<String> messageIds) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = EventReader.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("batchItemFailures");
            for (String id : messageIds) {
                g.writeStartObject();
                g.writeStringField("itemIdentifier", id);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter failed", e);
        }
        return out.toString();
    }
}
