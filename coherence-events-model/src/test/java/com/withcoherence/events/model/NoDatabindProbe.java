package com.withcoherence.events.model;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Uses every entry point that must work with jackson-core alone, in a JVM whose class path has no jackson-databind;
 * run by {@link CoherenceEventsTest}. Prints one line per check.
 */
public final class NoDatabindProbe {

    private NoDatabindProbe() {
    }

    public static void main(String[] args) throws Exception {
        byte[] json = Files.readAllBytes(Path.of(args[0]));
        CoherenceEvent event = CoherenceEvents.parse(json);
        System.out.println("bytes " + event.detailType());

        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("cloudfront_id", "E1");
        environment.put("environment_name", "main");
        environment.put("application_name", "app");
        List<Object> environments = new ArrayList<>();
        environments.add(environment);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("valid_environments", environments);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("version", "0");
        map.put("id", "id-1");
        map.put("detail-type", "valid_environments");
        map.put("source", "Coherence");
        map.put("account", "123456789012");
        map.put("time", "2023-05-19T14:15:27Z");
        map.put("region", "us-east-1");
        map.put("resources", new ArrayList<>());
        map.put("detail", detail);
        System.out.println("map " + ((ValidEnvironmentsEvent) CoherenceEvents.parse(map)).environments().get(0)
                .environmentName());

        Map<String, Object> record = new LinkedHashMap<>();
        record.put("messageId", "m-1");
        record.put("body", new String(json, StandardCharsets.UTF_8));
        List<Object> records = new ArrayList<>();
        records.add(record);
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("Records", records);
        System.out.println("delivery " + CoherenceEvents.parseDelivery(batch).events().size());

        System.out.println("json " + CoherenceEvents.toJson(event).length());
        try {
            CoherenceEvents.jacksonModule();
            System.out.println("module loaded");
        } catch (CoherenceEventException e) {
            System.out.println("module " + e.getMessage());
        }
    }
}
