package com.withcoherence.events.model;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Writes events in EventBridge's wire form with jackson-core, in the documented member order. */
final class EventWriter {

    private EventWriter() {
    }

    static String toJson(CoherenceEvent event) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = EventReader.FACTORY.createGenerator(out)) {
            write(event, g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter failed", e);
        }
        return out.toString();
    }

    static String detailJson(CoherenceEvent event) {
        if (event instanceof UnknownCoherenceEvent) {
            return ((UnknownCoherenceEvent) event).detailJson();
        }
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = EventReader.FACTORY.createGenerator(out)) {
            writeDetail(event, g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter failed", e);
        }
        return out.toString();
    }

    static void write(CoherenceEvent event, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("version", event.version());
        g.writeStringField("id", event.id());
        g.writeStringField("detail-type", event.detailType());
        g.writeStringField("source", event.source());
        g.writeStringField("account", event.account());
        g.writeStringField("time", EventTimes.format(event.time()));
        g.writeStringField("region", event.region());
        g.writeArrayFieldStart("resources");
        for (String resource : event.resources()) {
            g.writeString(resource);
        }
        g.writeEndArray();
        g.writeFieldName("detail");
        writeDetail(event, g);
        g.writeEndObject();
    }

    private static void writeDetail(CoherenceEvent event, JsonGenerator g) throws IOException {
        if (event instanceof NewEnvironmentsEvent) {
            writeEnvironments(g, CoherenceBus.NEW_ENVIRONMENTS, ((NewEnvironmentsEvent) event).environments());
        } else if (event instanceof ValidEnvironmentsEvent) {
            writeEnvironments(g, CoherenceBus.VALID_ENVIRONMENTS, ((ValidEnvironmentsEvent) event).environments());
        } else {
            // Normalised and checked by the record's constructor: safe to write as it is.
            g.writeRawValue(((UnknownCoherenceEvent) event).detailJson());
        }
    }

    private static void writeEnvironments(JsonGenerator g, String listName, List<Environment> environments)
            throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart(listName);
        for (Environment environment : environments) {
            write(environment, g);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void write(Environment environment, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("cloudfront_id", environment.cloudfrontId());
        g.writeStringField("environment_name", environment.environmentName());
        g.writeStringField("application_name", environment.applicationName());
        g.writeEndObject();
    }
}
