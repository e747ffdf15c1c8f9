package com.withcoherence.events.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.Module;
import java.io.ByteArrayOutputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.Map;

/**
 * The entry point for reading and writing Coherence events: parse whatever a JVM handler receives into a typed
 * {@link CoherenceEvent}, and write one back in EventBridge's wire form.
 *
 * <pre>{@code
 * public class OnCoherenceEvent implements RequestStreamHandler {
 *     public void handleRequest(InputStream input, OutputStream output, Context context) {
 *         CoherenceEvent event = CoherenceEvents.parse(input);
 *         if (event instanceof NewEnvironmentsEvent created) {
 *             created.environments().forEach(env -> context.getLogger().log("new: " + env.environmentName()));
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Parsing is strict where data is wrong and lenient where the future may add things. Members the library does not
 * read are kept at every level as {@link UnknownMembers} and written back by {@link #toJson} (an unknown detail-type
 * is kept whole as {@link UnknownCoherenceEvent}), so reading an event loses nothing; a missing or mistyped
 * required member, a {@code detail} that is not an object, a duplicate key, content after the event, invalid UTF-8,
 * input over the size and nesting limits, or a {@code source} other than {@value CoherenceBus#SOURCE} is rejected
 * with a {@link CoherenceEventException} naming the JSON pointer of the problem. Times are RFC 3339 with or without
 * fractional seconds and with {@code Z} or an offset; a {@code detail} sent as a JSON string is read as the object it
 * holds.
 *
 * <p>Every method except those taking a {@code JsonNode} and {@link #jacksonModule()} streams with jackson-core alone
 * and never initialises jackson-databind, so that the first event after a Lambda cold start costs little; the
 * {@code Map} a Lambda runtime hands over is written back as JSON text with jackson-core and read like any other input.
 * Only the {@code JsonNode} methods and the Jackson module need jackson-databind at run time.
 *
 * <p>This class is stateless and thread-safe; all its methods may be called concurrently.
 */
public final class CoherenceEvents {

    private CoherenceEvents() {
    }

    /**
     * Parses one EventBridge event from JSON text.
     *
     * @param json the event, e.g. as read from a file or an SQS body; must not be {@code null}
     * @return the event, never {@code null}
     * @throws CoherenceEventException if {@code json} is {@code null} or is not exactly one valid Coherence event
     */
    public static CoherenceEvent parse(String json) {
        Checks.argument(json, "json");
        try (JsonParser p = EventReader.FACTORY.createParser(json)) {
            return EventReader.readDocument(p, "");
        } catch (JsonProcessingException e) {
            throw EventReader.translate(e, null, "");
        } catch (IOException e) {
            throw unreadable(e);
        } catch (CoherenceEventException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    /**
     * Parses one EventBridge event from JSON bytes: UTF-8 (as EventBridge sends it), or UTF-16/32 with or without a
     * byte order mark.
     *
     * @param json the event's bytes; must not be {@code null}
     * @return the event, never {@code null}
     * @throws CoherenceEventException if {@code json} is {@code null} or is not exactly one valid Coherence event
     */
    public static CoherenceEvent parse(byte[] json) {
        Checks.argument(json, "json");
        try (JsonParser p = EventReader.FACTORY.createParser(json)) {
            return EventReader.readDocument(p, "");
        } catch (JsonProcessingException e) {
            throw EventReader.translate(e, null, "");
        } catch (IOException e) {
            throw unreadable(e);
        } catch (CoherenceEventException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    /**
     * Parses one EventBridge event from a stream, such as the input of a Lambda {@code RequestStreamHandler}. The
     * stream is read to its end and is not closed: the caller owns it.
     *
     * @param json the stream of the event's bytes; must not be {@code null}
     * @return the event, never {@code null}
     * @throws CoherenceEventException if {@code json} is {@code null} or does not hold exactly one valid Coherence
     *     event
     * @throws UncheckedIOException if reading the stream fails
     */
    public static CoherenceEvent parse(InputStream json) {
        Checks.argument(json, "json");
        try (JsonParser p = EventReader.FACTORY.createParser(json)) {
            return EventReader.readDocument(p, "");
        } catch (JsonProcessingException e) {
            throw EventReader.translate(e, null, "");
        } catch (CharConversionException | CharacterCodingException e) {
            throw unreadable(e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the event stream failed: " + e.getMessage(), e);
        } catch (CoherenceEventException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    /**
     * Parses one EventBridge event from the map a Lambda {@code RequestHandler<Map<String, Object>, ?>} receives (maps,
     * lists, strings, numbers, booleans and nulls). Does not need jackson-databind.
     *
     * @param event the event as a map; must not be {@code null}
     * @return the event, never {@code null}
     * @throws CoherenceEventException if {@code event} is {@code null}, holds something that is not JSON data, or is
     *     not a valid Coherence event
     */
    public static CoherenceEvent parse(Map<String, ?> event) {
        Checks.argument(event, "event");
        try (JsonParser p = LambdaMaps.FACTORY.createParser(LambdaMaps.toJson(event))) {
            return EventReader.readDocument(p, "");
        } catch (IOException e) {
            throw unreadable(e);
        } catch (CoherenceEventException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    /**
     * Parses one EventBridge event from a Jackson tree. Loads jackson-databind on first use.
     *
     * @param event the event's tree; must not be {@code null}
     * @return the event, never {@code null}
     * @throws CoherenceEventException if {@code event} is {@code null} or is not a valid Coherence event
     */
    public static CoherenceEvent parse(JsonNode event) {
        try {
            return Databind.parse(event);
        } catch (CoherenceEventException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    /**
     * Reads what a handler received when the event may be wrapped: the event itself, an SQS message body holding it,
     * an SNS notification holding it, an SQS body holding such a notification, or a Lambda batch of SQS or SNS
     * records ({@code {"Records": [...]}}). In a batch, a message that is not a valid Coherence event becomes a
     * {@link DeliveryRecord.Failed} with its message id, and the other messages are still read; see
     * {@link Delivery#batchItemFailures()}.
     *
     * @param json the delivery as JSON text; must not be {@code null}
     * @return the delivery, never {@code null}
     * @throws CoherenceEventException if {@code json} is {@code null}, is not well-formed JSON, is a batch whose
     *     structure Lambda would never produce, or is a single (non-batch) delivery that is not a valid Coherence
     *     event
     */
    public static Delivery parseDelivery(String json) {
        Checks.argument(json, "json");
        return delivery(json);
    }

    /**
     * Reads a delivery from JSON bytes; see {@link #parseDelivery(String)}.
     *
     * @param json the delivery's bytes; must not be {@code null}
     * @return the delivery, never {@code null}
     * @throws CoherenceEventException as {@link #parseDelivery(String)} does
     */
    public static Delivery parseDelivery(byte[] json) {
        Checks.argument(json, "json");
        return delivery(json);
    }

    /**
     * Reads a delivery from a stream, such as the input of a Lambda {@code RequestStreamHandler}; see
     * {@link #parseDelivery(String)}. The stream is read to its end (at most 8 MiB, above Lambda's 6 MB payload
     * limit) and is not closed.
     *
     * @param json the stream of the delivery's bytes; must not be {@code null}
     * @return the delivery, never {@code null}
     * @throws CoherenceEventException as {@link #parseDelivery(String)} does, or if the stream holds more than 8 MiB
     * @throws UncheckedIOException if reading the stream fails
     */
    public static Delivery parseDelivery(InputStream json) {
        Checks.argument(json, "json");
        return delivery(readAll(json));
    }

    /**
     * Reads a delivery from the map a Lambda {@code RequestHandler<Map<String, Object>, ?>} receives; see
     * {@link #parseDelivery(String)}. Does not need jackson-databind.
     *
     * @param delivery the delivery as a map; must not be {@code null}
     * @return the delivery, never {@code null}
     * @throws CoherenceEventException as {@link #parseDelivery(String)} does, or if the map holds something that is
     *     not JSON data
     */
    public static Delivery parseDelivery(Map<String, ?> delivery) {
        Checks.argument(delivery, "delivery");
        return delivery(LambdaMaps.toJson(delivery));
    }

    /**
     * Reads a delivery from a Jackson tree; see {@link #parseDelivery(String)}. Loads jackson-databind on first use.
     *
     * @param delivery the delivery's tree; must not be {@code null}
     * @return the delivery, never {@code null}
     * @throws CoherenceEventException as {@link #parseDelivery(String)} does
     */
    public static Delivery parseDelivery(JsonNode delivery) {
        Checks.argument(delivery, "delivery");
        return delivery(Databind.toBytes(delivery));
    }

    /**
     * Writes an event in EventBridge's wire form: compact JSON with the envelope members in the documented order
     * ({@code version, id, detail-type, source, account, time, region, resources, detail}) and the time in UTC, and
     * the members the library does not read ({@link UnknownMembers}) after those it reads in each object.
     * {@code parse(toJson(event))} equals {@code event}.
     *
     * @param event the event; must not be {@code null}
     * @return the JSON text, never {@code null}
     * @throws CoherenceEventException if {@code event} is {@code null}
     */
    public static String toJson(CoherenceEvent event) {
        Checks.argument(event, "event");
        return EventWriter.toJson(event);
    }

    /**
     * Writes only the event's {@code detail} object, as compact JSON: the {@code Detail} of a PutEvents entry.
     *
     * @param event the event; must not be {@code null}
     * @return the detail's JSON text, never {@code null}
     * @throws CoherenceEventException if {@code event} is {@code null}
     */
    public static String detailJson(CoherenceEvent event) {
        Checks.argument(event, "event");
        return EventWriter.detailJson(event);
    }

    /**
     * Returns a Jackson module that binds {@link CoherenceEvent}, its three records and {@link Environment} in your
     * own {@code ObjectMapper}, with the same rules and wire form as this class:
     *
     * <pre>{@code
     * ObjectMapper mapper = JsonMapper.builder().addModule(CoherenceEvents.jacksonModule()).build();
     * CoherenceEvent event = mapper.readValue(json, CoherenceEvent.class);
     * }</pre>
     *
     * <p>A document that is not a valid Coherence event makes the mapper throw a {@code JsonMappingException} whose
     * cause is the {@link CoherenceEventException}.
     *
     * @return a new module, never {@code null}
     * @throws CoherenceEventException if jackson-databind is not on the class path
     */
    public static Module jacksonModule() {
        try {
            return Databind.module();
        } catch (NoClassDefFoundError e) {
            throw CoherenceEventException.about("Missing dependency", "", "the Jackson module needs "
                    + "com.fasterxml.jackson.core:jackson-databind, which this deployment left out; add it back.", e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static Delivery delivery(Object json) {
        try {
            return DeliveryReader.read(json);
        } catch (CoherenceEventException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                if (out.size() > DeliveryReader.MAX_DELIVERY_LENGTH) {
                    throw new CoherenceEventException("", "the delivery is larger than "
                            + DeliveryReader.MAX_DELIVERY_LENGTH + " bytes; a Lambda payload is at most 6 MB, so "
                            + "this cannot be one.");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the delivery stream failed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static CoherenceEventException unreadable(IOException e) {
        // In-memory input performs no I/O: what is left is an encoding the JSON reader could not decode.
        return new CoherenceEventException("", "the input is not valid JSON text (" + e.getMessage()
                + "); send the event as UTF-8.", e);
    }

    private static CoherenceEventException unexpected(RuntimeException e) {
        return new CoherenceEventException("", "the input could not be read (" + e
                + "); please report this with the input that caused it.", e);
    }
}
