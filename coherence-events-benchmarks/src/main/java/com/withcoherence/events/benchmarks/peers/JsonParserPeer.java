package com.withcoherence.events.benchmarks.peers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Peer 4, the practical floor: a hand-written jackson-core {@link JsonParser} loop into records, the way a good
 * engineer writes it when speed matters. One shared factory, one pass, no tree; every field required and its JSON
 * type checked, unknown members skipped, the detail read whatever the member order, times with {@link Instant#parse}.
 *
 * <p>Thread-safe: the factory is shared, each call has its own parser.
 */
public final class JsonParserPeer {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonParserPeer() {
    }

    /**
     * Parses an event from UTF-8 bytes.
     *
     * @param json the event
     * @return the event
     * @throws IllegalArgumentException if it is not a valid Coherence event
     */
    public static PeerEvent parse(byte[] json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            return read(p);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON event: " + e.getMessage(), e);
        }
    }

    /**
     * Parses an event from a stream, which is read but not closed.
     *
     * @param json the event's bytes
     * @return the event
     * @throws IllegalArgumentException if it is not a valid Coherence event
     */
    public static PeerEvent parse(InputStream json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            return read(p);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON event: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PeerEvent read(JsonParser p) throws IOException {
        expect(p.nextToken(), JsonToken.START_OBJECT, "the event");
        String version = null;
        String id = null;
        String detailType = null;
        String source = null;
        String account = null;
        Instant time = null;
        String region = null;
        List<String> resources = null;
        List<PeerEnvironment> newEnvironments = null;
        List<PeerEnvironment> validEnvironments = null;
        boolean detail = false;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken token = p.nextToken();
            switch (name) {
                case "version":
                    version = text(p, token, name);
                    break;
                case "id":
                    id = text(p, token, name);
                    break;
                case "detail-type":
                    detailType = text(p, token, name);
                    break;
                case "source":
                    source = text(p, token, name);
                    break;
                case "account":
                    account = text(p, token, name);
                    break;
                case "time":
                    time = Instant.parse(text(p, token, name));
                    break;
                case "region":
                    region = text(p, token, name);
                    break;
                case "resources":
                    expect(token, JsonToken.START_ARRAY, name);
                    resources = new ArrayList<>();
                    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                        resources.add(text(p, t, name));
                    }
                    break;
                case "detail":
                    expect(token, JsonToken.START_OBJECT, name);
                    detail = true;
                    for (String member = p.nextFieldName(); member != null; member = p.nextFieldName()) {
                        JsonToken t = p.nextToken();
                        if (member.equals("new_environments")) {
                            newEnvironments = environments(p, t, member);
                        } else if (member.equals("valid_environments")) {
                            validEnvironments = environments(p, t, member);
                        } else {
                            p.skipChildren();
                        }
                    }
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
        if (!detail) {
            throw new IllegalArgumentException("\"detail\" is required");
        }
        List<PeerEnvironment> environments = "new_environments".equals(Peers.listName(detailType))
                ? newEnvironments : validEnvironments;
        return new PeerEvent(version, id, detailType, source, account, time, region, resources, environments);
    }

    private static List<PeerEnvironment> environments(JsonParser p, JsonToken token, String name)
            throws IOException {
        expect(token, JsonToken.START_ARRAY, name);
        List<PeerEnvironment> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            expect(t, JsonToken.START_OBJECT, "an environment");
            String cloudfrontId = null;
            String environmentName = null;
            String applicationName = null;
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                JsonToken value = p.nextToken();
                switch (field) {
                    case "cloudfront_id":
                        cloudfrontId = text(p, value, field);
                        break;
                    case "environment_name":
                        environmentName = text(p, value, field);
                        break;
                    case "application_name":
                        applicationName = text(p, value, field);
                        break;
                    default:
                        p.skipChildren();
                        break;
                }
            }
            list.add(new PeerEnvironment(cloudfrontId, environmentName, applicationName));
        }
        return list;
    }

    private static String text(JsonParser p, JsonToken token, String name) throws IOException {
        expect(token, JsonToken.VALUE_STRING, name);
        return p.getText();
    }

    private static void expect(JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw new IllegalArgumentException(what + ": expected " + expected + " but found " + actual);
        }
    }
}
