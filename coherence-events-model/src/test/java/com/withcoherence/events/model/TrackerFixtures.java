package com.withcoherence.events.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the events and environments the tracker's tests use, from short text: an environment is written
 * {@code app/env=CLOUDFRONT_ID}. Events are built with the records' canonical constructors; the documented samples are
 * read from this module's test resources (copies of the published ones).
 */
final class TrackerFixtures {

    static final String SAMPLE_NEW = "new-environments.json";
    static final String SAMPLE_VALID = "valid-environments.json";

    private TrackerFixtures() {
    }

    static Environment env(String text) {
        int slash = text.indexOf('/');
        int equals = text.indexOf('=');
        if (slash < 1 || equals < slash + 2 || equals == text.length() - 1) {
            throw new IllegalArgumentException("write an environment as app/env=CLOUDFRONT_ID, not " + text);
        }
        return new Environment(text.substring(equals + 1), text.substring(slash + 1, equals),
                text.substring(0, slash));
    }

    static List<Environment> envs(String... texts) {
        List<Environment> list = new ArrayList<>();
        for (String text : texts) {
            list.add(env(text));
        }
        return list;
    }

    /** Writes an environment back as {@code app/env=CLOUDFRONT_ID}. */
    static String text(Environment environment) {
        return environment.applicationName() + "/" + environment.environmentName() + "=" + environment.cloudfrontId();
    }

    /** Writes a change as {@code app/env: BEFORE -> AFTER}. */
    static String text(EnvironmentChange change) {
        return change.key() + ": " + change.before().cloudfrontId() + " -> " + change.after().cloudfrontId();
    }

    static NewEnvironmentsEvent created(String id, String time, String... environments) {
        return new NewEnvironmentsEvent("0", id, "1234596789", Instant.parse(time), "us-east-1", List.of(),
                envs(environments));
    }

    static ValidEnvironmentsEvent valid(String id, String time, String... environments) {
        return new ValidEnvironmentsEvent("0", id, "1234596789", Instant.parse(time), "us-east-1", List.of(),
                envs(environments));
    }

    static UnknownCoherenceEvent unknown(String id, String time, String detailType, String detailJson) {
        return new UnknownCoherenceEvent("0", id, detailType, "1234596789", Instant.parse(time), "us-east-1",
                List.of(), detailJson);
    }

    /** Parses a documented sample, exactly as published. */
    static CoherenceEvent sample(String name) {
        return CoherenceEvents.parse(resource("/tracker/samples/" + name));
    }

    static String resource(String path) {
        try (InputStream in = TrackerFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
