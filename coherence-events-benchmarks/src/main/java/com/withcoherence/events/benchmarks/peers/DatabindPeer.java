package com.withcoherence.events.benchmarks.peers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * Peer 2: jackson-databind into hand-written records with {@link JavaTimeModule}, the usual choice of a team that
 * already has an {@code ObjectMapper}. Required members are {@code @JsonProperty(required = true)} creator
 * properties, values are checked non-empty by the records, unknown members are ignored (EventBridge may add some),
 * scalar coercion is off (a number or boolean is not a string), and one {@link ObjectReader} is reused.
 *
 * <p>Thread-safe: the reader is shared and immutable.
 */
public final class DatabindPeer {

    private static final ObjectReader READER = reader();

    private DatabindPeer() {
    }

    private static ObjectReader reader() {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // A number or boolean where a string belongs is a broken event, not a value to stringify.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper.readerFor(Event.class);
    }

    /**
     * Parses an event from UTF-8 bytes.
     *
     * @param json the event
     * @return the event
     * @throws IllegalArgumentException if it is not a valid Coherence event
     */
    public static Event parse(byte[] json) {
        try {
            return READER.readValue(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a valid event: " + e.getMessage(), e);
        }
    }

    /**
     * Parses an event from a stream, which is read but not closed.
     *
     * @param json the event's bytes
     * @return the event
     * @throws IllegalArgumentException if it is not a valid Coherence event
     */
    public static Event parse(InputStream json) {
        try {
            return READER.readValue(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid event: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The envelope as the user's own record, bound by databind and checked by its constructor.
     *
     * @param version the version
     * @param id the id
     * @param detailType the detail-type
     * @param source the source
     * @param account the account
     * @param time the time
     * @param region the region
     * @param resources the resources
     * @param detail the detail
     */
    public record Event(
            @JsonProperty(value = "version", required = true) String version,
            @JsonProperty(value = "id", required = true) String id,
            @JsonProperty(value = "detail-type", required = true) String detailType,
            @JsonProperty(value = "source", required = true) String source,
            @JsonProperty(value = "account", required = true) String account,
            @JsonProperty(value = "time", required = true) Instant time,
            @JsonProperty(value = "region", required = true) String region,
            @JsonProperty(value = "resources", required = true) List<String> resources,
            @JsonProperty(value = "detail", required = true) Detail detail) {

        /** The checks a careful user writes into the record. */
        public Event {
            Peers.nonEmpty(version, "version");
            Peers.nonEmpty(id, "id");
            if (!"Coherence".equals(source)) {
                throw new IllegalArgumentException("source must be \"Coherence\" but was " + source);
            }
            Peers.nonEmpty(account, "account");
            Peers.required(time, "time");
            Peers.nonEmpty(region, "region");
            Peers.required(resources, "resources");
            Peers.required(detail, "detail");
            Peers.required(environments(detailType, detail), "detail/" + detailType);
        }

        /**
         * Returns the environments the detail-type names.
         *
         * @return the environments
         */
        public List<Environment> environments() {
            return environments(detailType, detail);
        }

        private static List<Environment> environments(String detailType, Detail detail) {
            return "new_environments".equals(Peers.listName(detailType))
                    ? detail.newEnvironments() : detail.validEnvironments();
        }

        /**
         * Converts to the common result type, so tests can compare the approaches.
         *
         * @return the same event as a {@link PeerEvent}
         */
        public PeerEvent toPeerEvent() {
            List<PeerEnvironment> list = new java.util.ArrayList<>();
            for (Environment e : environments()) {
                list.add(new PeerEnvironment(e.cloudfrontId(), e.environmentName(), e.applicationName()));
            }
            return new PeerEvent(version, id, detailType, source, account, time, region, resources, list);
        }
    }

    /**
     * The detail: whichever list the detail-type names.
     *
     * @param newEnvironments {@code new_environments}
     * @param validEnvironments {@code valid_environments}
     */
    public record Detail(
            @JsonProperty("new_environments") List<Environment> newEnvironments,
            @JsonProperty("valid_environments") List<Environment> validEnvironments) {
    }

    /**
     * One environment, bound by databind.
     *
     * @param cloudfrontId {@code cloudfront_id}
     * @param environmentName {@code environment_name}
     * @param applicationName {@code application_name}
     */
    public record Environment(
            @JsonProperty(value = "cloudfront_id", required = true) String cloudfrontId,
            @JsonProperty(value = "environment_name", required = true) String environmentName,
            @JsonProperty(value = "application_name", required = true) String applicationName) {

        /** Requires non-empty values. */
        public Environment {
            Peers.nonEmpty(cloudfrontId, "cloudfront_id");
            Peers.nonEmpty(environmentName, "environment_name");
            Peers.nonEmpty(applicationName, "application_name");
        }
    }
}
