package com.withcoherence.events.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonGeneratorImpl;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

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
        write(event.unknownMembers(), g);
        g.writeEndObject();
    }

    /** Writes members the library does not read after those it does; their values are checked compact JSON. */
    private static void write(UnknownMembers members, JsonGenerator g) throws IOException {
        for (Map.Entry<String, String> member : members.json().entrySet()) {
            g.writeFieldName(member.getKey());
            writeJsonText(member.getValue(), g);
        }
    }

    /**
     * Writes a value held as checked compact JSON text: as it is to a generator that writes JSON text, token by token
     * to any other (the Jackson module's trees and buffers, other formats), which cannot take raw text.
     */
    private static void writeJsonText(String json, JsonGenerator g) throws IOException {
        if (g instanceof JsonGeneratorImpl) {
            g.writeRawValue(json);
            return;
        }
        try (JsonParser p = EventReader.FACTORY.createParser(json)) {
            p.nextToken();
            EventReader.copy(p, g, "", 0);
        }
    }

    private static void writeDetail(CoherenceEvent event, JsonGenerator g) throws IOException {
        if (event instanceof NewEnvironmentsEvent) {
            NewEnvironmentsEvent created = (NewEnvironmentsEvent) event;
            writeEnvironments(g, CoherenceBus.NEW_ENVIRONMENTS, created.environments(), created.unknownDetailMembers());
        } else if (event instanceof ValidEnvironmentsEvent) {
            ValidEnvironmentsEvent valid = (ValidEnvironmentsEvent) event;
            writeEnvironments(g, CoherenceBus.VALID_ENVIRONMENTS, valid.environments(), valid.unknownDetailMembers());
        } else {
            // Normalised and checked by the record's constructor: safe to write as it is.
            writeJsonText(((UnknownCoherenceEvent) event).detailJson(), g);
        }
    }

    private static void writeEnvironments(JsonGenerator g, String listName, List<Environment> environments,
            UnknownMembers unknownDetailMembers) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart(listName);
        for (Environment environment : environments) {
            write(environment, g);
        }
        g.writeEndArray();
        write(unknownDetailMembers, g);
        g.writeEndObject();
    }

    static void write(Environment environment, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("cloudfront_id", environment.cloudfrontId());
        g.writeStringField("environment_name", environment.environmentName());
        g.writeStringField("application_name", environment.applicationName());
        write(environment.unknownMembers(), g);
        g.writeEndObject();
    }
}
