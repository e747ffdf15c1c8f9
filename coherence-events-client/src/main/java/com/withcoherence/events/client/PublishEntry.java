package com.withcoherence.events.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.withcoherence.events.client.CoherenceClientException.Problem;
import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One event to publish with {@link CoherenceEventsClient#publish(List)}: a PutEvents entry without its bus (the
 * client always sends to its Coherence bus).
 *
 * <pre>{@code
 * PublishEntry fromEvent = PublishEntry.of(newEnvironmentsEvent);       // source Coherence, its detail and time
 * PublishEntry custom = PublishEntry.of("my.app", "environment_ready", "{\"environment_name\":\"main\"}");
 * }</pre>
 *
 * <p>Everything EventBridge checks about one entry is checked here, when the entry is created: a non-empty source
 * and detail-type, a detail that is one JSON object, resources without {@code null}, and a size below EventBridge's
 * limit ({@link #size()}). EventBridge assigns the published event a new id; an id in a {@link CoherenceEvent} is
 * not sent.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param source the event's {@code source}, such as {@code Coherence}
 * @param detailType the event's {@code detail-type}, such as {@code new_environments}
 * @param detail the event's {@code detail}: the JSON text of one object
 * @param resources the event's {@code resources} (ARNs), possibly empty; copied into an unmodifiable list
 * @param time the event's {@code time}, or empty for the time EventBridge receives it
 */
public record PublishEntry(String source, String detailType, String detail, List<String> resources,
        Optional<Instant> time) {

    /** EventBridge's limit: an entry, and the entries of one request together, must be below {@value} bytes. */
    public static final int MAX_SIZE = 256 * 1024;

    /** The bytes EventBridge counts for a {@code Time} field (its documented entry-size calculation). */
    private static final int TIME_SIZE = 14;

    /**
     * Checks the entry as EventBridge would and copies the resources.
     *
     * @param source the event's source; non-empty
     * @param detailType the event's detail-type; non-empty
     * @param detail the JSON text of one object
     * @param resources the event's resources; must not be {@code null} nor hold {@code null}
     * @param time the event's time, or empty; must not be {@code null}
     * @throws CoherenceClientException listing every problem, if the entry is not one EventBridge accepts
     */
    public PublishEntry {
        List<Problem> problems = new ArrayList<>();
        if (source == null || source.isEmpty()) {
            problems.add(new Problem("source", "is required (EventBridge: \"Source is a required argument.\"); "
                    + "pass the event's source, such as \"Coherence\"."));
        }
        if (detailType == null || detailType.isEmpty()) {
            problems.add(new Problem("detailType", "is required; pass the event's detail-type, such as "
                    + "\"new_environments\"."));
        }
        if (detail == null || !isObject(detail)) {
            problems.add(new Problem("detail", "must be the JSON text of one object (EventBridge answers "
                    + "\"Detail is malformed.\" otherwise); pass \"{}\" for an empty detail."));
        }
        if (resources == null || resources.stream().anyMatch(java.util.Objects::isNull)) {
            problems.add(new Problem("resources", "must not be null nor hold null; pass List.of() for none."));
        }
        if (time == null) {
            problems.add(new Problem("time", "must not be null; pass Optional.empty() to let EventBridge set it."));
        }
        if (problems.isEmpty()) {
            resources = List.copyOf(resources);
            int size = size(source, detailType, detail, resources, time);
            if (size >= MAX_SIZE) {
                problems.add(new Problem("detail", "the entry is " + size + " bytes; EventBridge accepts entries "
                        + "below " + MAX_SIZE + " bytes (256 KB). Send less in the detail, for example a reference "
                        + "to data stored in S3."));
            }
        }
        if (!problems.isEmpty()) {
            throw CoherenceClientException.invalid("PublishEntry", problems);
        }
    }

    /**
     * Returns the entry that publishes a Coherence event: source {@code Coherence}, its detail-type, detail,
     * resources and time.
     *
     * @param event the event; must not be {@code null}
     * @return the entry, never {@code null}
     * @throws CoherenceClientException if {@code event} is {@code null} or too large to publish
     */
    public static PublishEntry of(CoherenceEvent event) {
        if (event == null) {
            throw CoherenceClientException.invalid("PublishEntry", List.of(new Problem("event",
                    "must not be null.")));
        }
        return new PublishEntry(event.source(), event.detailType(), CoherenceEvents.detailJson(event),
                event.resources(), Optional.of(event.time()));
    }

    /**
     * Returns an entry without resources, timed when EventBridge receives it.
     *
     * @param source the event's source; non-empty
     * @param detailType the event's detail-type; non-empty
     * @param detailJson the JSON text of one object
     * @return the entry, never {@code null}
     * @throws CoherenceClientException if the entry is not one EventBridge accepts
     */
    public static PublishEntry of(String source, String detailType, String detailJson) {
        return new PublishEntry(source, detailType, detailJson, List.of(), Optional.empty());
    }

    /**
     * Returns the entry's size as EventBridge counts it against its 256 KB limit: the UTF-8 bytes of the source,
     * detail-type, detail and each resource, plus 14 bytes when a time is set.
     *
     * @return the size in bytes
     */
    public int size() {
        return size(source, detailType, detail, resources, time);
    }

    private static int size(String source, String detailType, String detail, List<String> resources,
            Optional<Instant> time) {
        int size = time.isPresent() ? TIME_SIZE : 0;
        size += utf8Length(source) + utf8Length(detailType) + utf8Length(detail);
        for (String resource : resources) {
            size += utf8Length(resource);
        }
        return size;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static boolean isObject(String json) {
        try {
            JsonNode node = Validation.JSON.readTree(json);
            return node != null && node.isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
