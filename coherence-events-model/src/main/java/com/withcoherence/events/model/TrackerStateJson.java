package com.withcoherence.events.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.withcoherence.events.model.TrackerState.Announcement;
import com.withcoherence.events.model.TrackerState.Remembered;
import com.withcoherence.events.model.TrackerState.Snapshot;
import com.withcoherence.events.model.TrackerState.Stamp;
import com.withcoherence.events.model.TrackerState.Track;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes and reads {@link TrackerState} as JSON with jackson-core, strictly: our own format, so anything unknown is a
 * damaged or newer document, not something to skip.
 *
 * <pre>{@code
 * {"format": "coherence-events-tracker-state", "version": 1,
 *  "empty_snapshot": {"event_id": "…", "time": "…"},                              (optional)
 *  "applications": {"APP": {"snapshot": {"event_id": "…", "time": "…", "environments": {"NAME": "CLOUDFRONT_ID"}},
 *                           "announced": {"NAME": {"cloudfront_id": "…", "event_id": "…", "time": "…"}}}},
 *  "held": [ a valid_environments event in EventBridge's wire form ],
 *  "remembered_events": [{"event_id": "…", "time": "…"}]}
 * }</pre>
 *
 * A change of meaning or shape takes a new {@code version}; a reader rejects versions it does not know, checked before
 * anything else so that a newer document gets that message rather than one about its contents.
 */
final class TrackerStateJson {

    /** A state holds little per environment; 16 MiB is far above any real one and bounds a hostile input. */
    static final int MAX_STATE_LENGTH = 16 << 20;

    private static final JsonFactory FACTORY = EventReader.factory(MAX_STATE_LENGTH, EventReader.MAX_STRING_LENGTH);

    private static final String DAMAGED = " The tracker state is damaged: restore it from a backup, or start from "
            + "TrackerState.empty() (the next valid_environments event then rebuilds the environments, reporting "
            + "them as created).";

    private TrackerStateJson() {
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Writing

    static String write(TrackerState state) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("format", TrackerState.FORMAT);
            g.writeNumberField("version", TrackerState.FORMAT_VERSION);
            if (state.emptySnapshot().isPresent()) {
                g.writeFieldName("empty_snapshot");
                g.writeStartObject();
                writeStamp(state.emptySnapshot().get(), g);
                g.writeEndObject();
            }
            g.writeObjectFieldStart("applications");
            for (Map.Entry<String, Track> application : state.applications().entrySet()) {
                g.writeObjectFieldStart(application.getKey());
                writeTrack(application.getValue(), g);
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeArrayFieldStart("held");
            for (ValidEnvironmentsEvent event : state.held()) {
                EventWriter.write(event, g);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("remembered_events");
            for (Remembered entry : state.remembered()) {
                g.writeStartObject();
                g.writeStringField("event_id", entry.eventId());
                g.writeStringField("time", EventTimes.format(entry.time()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter failed", e);
        }
        return out.toString();
    }

    private static void writeTrack(Track track, JsonGenerator g) throws IOException {
        if (track.snapshot().isPresent()) {
            Snapshot snapshot = track.snapshot().get();
            g.writeObjectFieldStart("snapshot");
            writeStamp(snapshot.stamp(), g);
            g.writeObjectFieldStart("environments");
            for (Map.Entry<String, String> environment : snapshot.environments().entrySet()) {
                g.writeStringField(environment.getKey(), environment.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        if (!track.announced().isEmpty()) {
            g.writeObjectFieldStart("announced");
            for (Map.Entry<String, Announcement> entry : track.announced().entrySet()) {
                g.writeObjectFieldStart(entry.getKey());
                g.writeStringField("cloudfront_id", entry.getValue().cloudfrontId());
                writeStamp(entry.getValue().stamp(), g);
                g.writeEndObject();
            }
            g.writeEndObject();
        }
    }

    private static void writeStamp(Stamp stamp, JsonGenerator g) throws IOException {
        g.writeStringField("event_id", stamp.eventId());
        g.writeStringField("time", EventTimes.format(stamp.time()));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reading

    static TrackerState read(String json) {
        checkVersion(json);
        try (JsonParser p = FACTORY.createParser(json)) {
            try {
                return new Reader(p).document();
            } catch (JsonProcessingException e) {
                throw translate(e, p);
            }
        } catch (CoherenceEventException e) {
            throw e;
        } catch (IOException e) {
            // Parsing a String performs no I/O: what is left is text the JSON reader could not decode.
            throw CoherenceEventException.about("Invalid tracker state", "", "the tracker state could not be read: " + e.getMessage() + "."
                    + DAMAGED, e);
        } catch (RuntimeException e) {
            throw CoherenceEventException.about("Invalid tracker state", "", "the tracker state could not be read (" + e + "); please report "
                    + "this with the state that caused it.", e);
        }
    }

    /** Rejects a document of a newer format version before reading anything that version may have changed. */
    private static void checkVersion(String json) {
        Long version = null;
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    JsonToken token = p.nextToken();
                    if (name.equals("version") && token == JsonToken.VALUE_NUMBER_INT) {
                        version = p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? Long.MAX_VALUE
                                : p.getLongValue();
                        break;
                    }
                    p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not readable this far: the strict reading reports the problem with its pointer.
        }
        if (version != null && version > TrackerState.FORMAT_VERSION) {
            throw CoherenceEventException.about("Invalid tracker state", "/version", "this tracker state was written in format version "
                    + (version == Long.MAX_VALUE ? "(a huge number)" : version) + " by a newer coherence-events, "
                    + "but this version reads format version " + TrackerState.FORMAT_VERSION + ". Upgrade "
                    + "coherence-events to the version that wrote it.");
        }
    }

    private static CoherenceEventException translate(JsonProcessingException e, JsonParser p) {
        String pointer = p.getParsingContext().pathAsPointer().toString();
        JsonLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        if (e instanceof StreamConstraintsException) {
            return CoherenceEventException.about("Invalid tracker state", pointer, "the tracker state exceeds a safety limit" + where + ": "
                    + e.getOriginalMessage() + ". A tracker state is at most " + MAX_STATE_LENGTH + " bytes.", e);
        }
        if (e instanceof JsonEOFException) {
            return CoherenceEventException.about("Invalid tracker state", pointer, "the tracker state ends before its JSON is complete" + where
                    + "; it looks truncated. Store and load the whole text of TrackerState.toJson().", e);
        }
        return CoherenceEventException.about("Invalid tracker state", pointer, "the tracker state is not valid JSON" + where + ": "
                + e.getOriginalMessage() + "." + DAMAGED, e);
    }

    /** Reads one member's value; the parser is on the value's first token. */
    @FunctionalInterface
    private interface MemberReader {
        void read(String name) throws IOException;
    }

    /** One pass over one document, collecting what the cross-checks at the end need, with pointers. */
    private static final class Reader {

        private final JsonParser p;
        private Optional<Stamp> emptySnapshot = Optional.empty();
        private final Map<String, Track> applications = new TreeMap<>();
        private final Map<String, String> applicationPointers = new HashMap<>();
        private final List<ValidEnvironmentsEvent> held = new ArrayList<>();
        private final List<String> heldPointers = new ArrayList<>();
        private final List<Remembered> remembered = new ArrayList<>();

        Reader(JsonParser p) {
            this.p = p;
        }

        TrackerState document() throws IOException {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw CoherenceEventException.about("Invalid tracker state", "", "the tracker state is empty; pass the text that "
                        + "TrackerState.toJson() wrote, or use TrackerState.empty() when there is none yet.");
            }
            if (first != JsonToken.START_OBJECT) {
                throw CoherenceEventException.about("Invalid tracker state", "", "expected a JSON object (a tracker state written by "
                        + "TrackerState.toJson()) but found " + EventReader.describe(p) + ".");
            }
            object("a tracker state", List.of("format", "version"),
                    List.of("empty_snapshot", "applications", "held", "remembered_events"), name -> {
                        switch (name) {
                            case "format":
                                format();
                                break;
                            case "version":
                                version();
                                break;
                            case "empty_snapshot":
                                String[] id = new String[1];
                                Instant[] time = new Instant[1];
                                object("an empty snapshot", List.of("event_id", "time"), List.of(),
                                        member -> stampMember(member, id, time));
                                emptySnapshot = Optional.of(new Stamp(time[0], Stamp.VALID_ENVIRONMENTS, id[0]));
                                break;
                            case "applications":
                                map("applications", this::application);
                                break;
                            case "held":
                                array("held snapshots", this::heldSnapshot);
                                break;
                            default:
                                array("remembered events", this::rememberedEvent);
                                break;
                        }
                    });
            if (p.nextToken() != null) {
                throw CoherenceEventException.about("Invalid tracker state", "", "the tracker state is followed by more content ("
                        + EventReader.describe(p) + "); store exactly the text of one TrackerState.toJson().");
            }
            return crossChecked();
        }

        private void format() throws IOException {
            String format = string();
            if (!format.equals(TrackerState.FORMAT)) {
                throw CoherenceEventException.about("Invalid tracker state", pointer(), "expected \"" + TrackerState.FORMAT + "\" but found "
                        + EventReader.quote(format) + ": this is not a tracker state written by "
                        + "TrackerState.toJson().");
            }
        }

        private void version() throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    || p.getLongValue() != TrackerState.FORMAT_VERSION) {
                throw CoherenceEventException.about("Invalid tracker state", pointer(), "expected the format version "
                        + TrackerState.FORMAT_VERSION + " but found " + EventReader.describe(p) + "." + DAMAGED);
            }
        }

        private void application(String application) throws IOException {
            String at = pointer();
            Snapshot[] snapshot = new Snapshot[1];
            TreeMap<String, Announcement> announced = new TreeMap<>();
            object("an application", List.of(), List.of("snapshot", "announced"), name -> {
                if (name.equals("snapshot")) {
                    snapshot[0] = snapshot();
                } else {
                    map("announced environments", environment -> announced.put(environment, announcement()));
                }
            });
            if (snapshot[0] == null && announced.isEmpty()) {
                throw CoherenceEventException.about("Invalid tracker state", at, "an application needs a snapshot or announced environments; "
                        + "remove the empty entry." + DAMAGED);
            }
            applications.put(application, new Track(Optional.ofNullable(snapshot[0]), announced));
            applicationPointers.put(application, at);
        }

        private Snapshot snapshot() throws IOException {
            String at = pointer();
            String[] id = new String[1];
            Instant[] time = new Instant[1];
            TreeMap<String, String> environments = new TreeMap<>();
            object("a snapshot", List.of("event_id", "time", "environments"), List.of(), name -> {
                if (name.equals("environments")) {
                    map("environments", environment -> environments.put(environment, string()));
                } else {
                    stampMember(name, id, time);
                }
            });
            if (environments.isEmpty()) {
                throw CoherenceEventException.about("Invalid tracker state", at + "/environments", "a snapshot of an application lists at "
                        + "least one environment (a snapshot listing none is kept as empty_snapshot)." + DAMAGED);
            }
            return new Snapshot(new Stamp(time[0], Stamp.VALID_ENVIRONMENTS, id[0]), environments);
        }

        private Announcement announcement() throws IOException {
            String[] id = new String[1];
            Instant[] time = new Instant[1];
            String[] cloudfrontId = new String[1];
            object("an announced environment", List.of("cloudfront_id", "event_id", "time"), List.of(), name -> {
                if (name.equals("cloudfront_id")) {
                    cloudfrontId[0] = string();
                } else {
                    stampMember(name, id, time);
                }
            });
            return new Announcement(new Stamp(time[0], Stamp.NEW_ENVIRONMENTS, id[0]), cloudfrontId[0]);
        }

        private void heldSnapshot() throws IOException {
            String at = pointer();
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw typeError("a valid_environments event");
            }
            CoherenceEvent event = EventReader.readEvent(p, "");
            if (!(event instanceof ValidEnvironmentsEvent)) {
                throw CoherenceEventException.about("Invalid tracker state", at + "/detail-type", "a held snapshot is a "
                        + CoherenceBus.VALID_ENVIRONMENTS + " event, but this is " + EventReader.quote(
                        event.detailType()) + "." + DAMAGED);
            }
            held.add((ValidEnvironmentsEvent) event);
            heldPointers.add(at);
        }

        private void rememberedEvent() throws IOException {
            String[] id = new String[1];
            Instant[] time = new Instant[1];
            object("a remembered event", List.of("event_id", "time"), List.of(), name -> stampMember(name, id, time));
            remembered.add(new Remembered(id[0], time[0]));
        }

        private void stampMember(String name, String[] id, Instant[] time) throws IOException {
            if (name.equals("event_id")) {
                id[0] = string();
            } else {
                String text = string();
                Instant parsed = EventTimes.parse(text);
                if (parsed == null) {
                    throw CoherenceEventException.about("Invalid tracker state", pointer(), "expected an RFC 3339 time such as "
                            + "\"2023-05-19T13:56:16Z\" but found " + EventReader.quote(text) + "." + DAMAGED);
                }
                time[0] = parsed;
            }
        }

        /** The facts the format allows one at a time but not together, each reported where it is written. */
        private TrackerState crossChecked() {
            if (remembered.size() > EnvironmentTracker.MAX_REMEMBERED_EVENTS) {
                throw CoherenceEventException.about("Invalid tracker state", "/remembered_events", "a tracker state remembers at most "
                        + EnvironmentTracker.MAX_REMEMBERED_EVENTS + " events but this one lists "
                        + remembered.size() + "." + DAMAGED);
            }
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < remembered.size(); i++) {
                if (!ids.add(remembered.get(i).eventId())) {
                    throw CoherenceEventException.about("Invalid tracker state", "/remembered_events/" + i, "the event id "
                            + EventReader.quote(remembered.get(i).eventId()) + " is remembered twice." + DAMAGED);
                }
            }
            for (Map.Entry<String, Track> entry : applications.entrySet()) {
                String at = applicationPointers.get(entry.getKey());
                Track track = entry.getValue();
                if (track.snapshot().isPresent() && !track.snapshot().get().stamp().isNewerThan(emptySnapshot)) {
                    throw CoherenceEventException.about("Invalid tracker state", at + "/snapshot", "this snapshot is not newer than "
                            + "empty_snapshot, which supersedes it, so it cannot be part of the state." + DAMAGED);
                }
                Optional<Stamp> base = track.base(emptySnapshot);
                for (Map.Entry<String, Announcement> announced : track.announced().entrySet()) {
                    if (!announced.getValue().stamp().isNewerThan(base)) {
                        throw CoherenceEventException.about("Invalid tracker state", at + "/announced/" + EventReader.escape(announced.getKey()),
                                "this announcement is not newer than the snapshot it would be laid over, which "
                                        + "supersedes it, so it cannot be part of the state." + DAMAGED);
                    }
                }
            }
            TrackerState withoutHeld = new TrackerState(emptySnapshot, applications, List.of(), remembered);
            Set<String> heldIds = new HashSet<>();
            Set<Set<String>> scopes = new HashSet<>();
            for (int i = 0; i < held.size(); i++) {
                ValidEnvironmentsEvent event = held.get(i);
                if (!heldIds.add(event.id())) {
                    throw CoherenceEventException.about("Invalid tracker state", heldPointers.get(i) + "/id", "the snapshot "
                            + EventReader.quote(event.id()) + " is held twice." + DAMAGED);
                }
                if (!scopes.add(TrackerState.scope(event))) {
                    throw CoherenceEventException.about("Invalid tracker state", heldPointers.get(i), "two held snapshots cover the same "
                            + "applications; a state holds only the newer." + DAMAGED);
                }
                if (withoutHeld.isStale(event)) {
                    throw CoherenceEventException.about("Invalid tracker state", heldPointers.get(i), "this held snapshot is not newer than "
                            + "the snapshot applied for its applications, so it would change nothing." + DAMAGED);
                }
            }
            return withoutHeld.withHeld(held);
        }

        // -----------------------------------------------------------------------------------------------------------
        // Structure

        /**
         * Reads an object with the given members; the parser is on its {@code START_OBJECT} and is left on its
         * {@code END_OBJECT}.
         */
        private void object(String what, List<String> required, List<String> optional, MemberReader reader)
                throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw typeError("an object (" + what + ")");
            }
            Set<String> seen = new HashSet<>();
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                if (!required.contains(name) && !optional.contains(name)) {
                    List<String> all = new ArrayList<>(required);
                    all.addAll(optional);
                    throw CoherenceEventException.about("Invalid tracker state", pointer(), "unknown member " + EventReader.quote(name) + " in "
                            + what + ", which has only " + String.join(", ", all) + " (format version "
                            + TrackerState.FORMAT_VERSION + ")." + DAMAGED);
                }
                if (!seen.add(name)) {
                    throw duplicate(name);
                }
                p.nextToken();
                reader.read(name);
            }
            for (String name : required) {
                if (!seen.contains(name)) {
                    throw CoherenceEventException.about("Invalid tracker state", pointer() + "/" + name, "missing required member \"" + name
                            + "\" of " + what + "." + DAMAGED);
                }
            }
        }

        /** Reads an object whose member names are data (application or environment names). */
        private void map(String what, MemberReader reader) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw typeError("an object (" + what + ")");
            }
            Set<String> seen = new HashSet<>();
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                if (!seen.add(name)) {
                    throw duplicate(name);
                }
                if (name.isEmpty()) {
                    throw CoherenceEventException.about("Invalid tracker state", pointer(), "a name in " + what + " must be non-empty."
                            + DAMAGED);
                }
                p.nextToken();
                reader.read(name);
            }
        }

        private void array(String what, ItemReader reader) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw typeError("an array (" + what + ")");
            }
            for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
                reader.read();
            }
        }

        private String string() throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw typeError("a non-empty string");
            }
            String value = p.getText();
            if (value.isEmpty()) {
                throw CoherenceEventException.about("Invalid tracker state", pointer(), "expected a non-empty string but found \"\"." + DAMAGED);
            }
            return value;
        }

        private String pointer() {
            return EventReader.valuePointer(p, "");
        }

        private CoherenceEventException typeError(String expected) {
            return CoherenceEventException.about("Invalid tracker state", pointer(), "expected " + expected + " but found "
                    + EventReader.describe(p) + "." + DAMAGED);
        }

        private CoherenceEventException duplicate(String name) {
            return CoherenceEventException.about("Invalid tracker state", p.getParsingContext().pathAsPointer().toString(), "the key "
                    + EventReader.quote(name) + " appears more than once in the same object." + DAMAGED);
        }
    }

    /** Reads one array item; the parser is on the item's first token. */
    @FunctionalInterface
    private interface ItemReader {
        void read() throws IOException;
    }
}
