package com.withcoherence.events.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an {@link EnvironmentTracker} knows after the events it has seen: an immutable value that a Lambda keeps
 * between invocations as JSON ({@link #toJson()}, {@link #fromJson(String)}) wherever it likes (S3, DynamoDB, SSM).
 *
 * <pre>{@code
 * TrackerState state = stored.map(TrackerState::fromJson).orElse(TrackerState.empty());
 * Reconciliation result = tracker.apply(state, event);
 * store(result.state().toJson());
 * result.state().environments().forEach((key, env) -> log(key + " is served by " + env.cloudfrontId()));
 * }</pre>
 *
 * <p>It holds, for each application:
 * <ul>
 *   <li>the newest {@code valid_environments} snapshot applied for it (event id, time and environments);</li>
 *   <li>the environments {@code new_environments} events announced after that snapshot, newest announcement per
 *       environment (event id, time and CloudFront id): a snapshot older than an announcement must not undo it;</li>
 * </ul>
 * and, for the whole state: the newest applied snapshot that listed no environment at all (it names no application,
 * so it stands for all of them), the snapshots held for confirmation ({@link #held()}), and the ids of the most recent
 * events processed ({@link #rememberedEventIds()}), so that a redelivered event is recognised as a duplicate. The
 * tracked environments ({@link #environments()}) follow from these: each application's snapshot with the newer
 * announcements laid over it.
 *
 * <p>The state is a function of the set of events applied, not of their order: that is what makes the tracker safe
 * under EventBridge's at-least-once, unordered delivery. Two states are {@link #equals(Object) equal} when they hold
 * the same facts; {@code fromJson(state.toJson())} equals {@code state}.
 *
 * <p>The JSON is compact and versioned ({@code "format": "coherence-events-tracker-state", "version": 1}); a reader
 * rejects a version it does not know, and every other deviation, with a {@link CoherenceEventException} that names
 * the JSON pointer of the problem. Its size grows with the tracked environments (about 40 bytes each in a
 * snapshot, 150 for one announced since) and the remembered events (about 80 bytes each; 10 KB for the default 128,
 * see {@link EnvironmentTracker.Builder#rememberedEvents(int)}). An S3 object or a DynamoDB item (400 KB) holds any
 * real state; an SSM parameter (4 KB standard, 8 KB advanced) needs a smaller memory of events.
 *
 * <p>Instances are immutable and thread-safe. No method returns {@code null}.
 */
public final class TrackerState {

    /** The value of the JSON member {@code format}, which marks a document as a tracker state. */
    static final String FORMAT = "coherence-events-tracker-state";

    /** The version of the JSON format this class writes and reads. */
    static final int FORMAT_VERSION = 1;

    private static final TrackerState EMPTY = new TrackerState(Optional.empty(), Map.of(), List.of(), List.of());

    private final Optional<Stamp> emptySnapshot;
    private final SortedMap<String, Track> applications;
    private final List<ValidEnvironmentsEvent> held;
    private final List<Remembered> remembered;
    private final Map<EnvironmentKey, Environment> environments;

    /**
     * Builds a state in canonical form: what a newer snapshot supersedes is dropped, lists are sorted. Two states
     * built from the same facts are therefore equal, whatever order the tracker learnt them in.
     */
    TrackerState(Optional<Stamp> emptySnapshot, Map<String, Track> applications,
            List<ValidEnvironmentsEvent> held, List<Remembered> remembered) {
        this.emptySnapshot = emptySnapshot;
        TreeMap<String, Track> tracks = new TreeMap<>();
        for (Map.Entry<String, Track> entry : applications.entrySet()) {
            Track track = entry.getValue().after(emptySnapshot);
            if (!track.isEmpty()) {
                tracks.put(entry.getKey(), track);
            }
        }
        this.applications = Collections.unmodifiableSortedMap(tracks);
        this.held = canonicalHeld(held);
        TreeSet<Remembered> sorted = new TreeSet<>(remembered);
        this.remembered = List.copyOf(sorted);
        LinkedHashMap<EnvironmentKey, Environment> all = new LinkedHashMap<>();
        for (Map.Entry<String, Track> entry : this.applications.entrySet()) {
            String application = entry.getKey();
            for (Map.Entry<String, String> environment : entry.getValue().view().entrySet()) {
                all.put(new EnvironmentKey(application, environment.getKey()),
                        new Environment(environment.getValue(), environment.getKey(), application));
            }
        }
        this.environments = Collections.unmodifiableMap(all);
    }

    /** Keeps the held snapshots that are still newer than what they would replace, newest per scope, oldest first. */
    private List<ValidEnvironmentsEvent> canonicalHeld(List<ValidEnvironmentsEvent> candidates) {
        TreeMap<Stamp, ValidEnvironmentsEvent> byStamp = new TreeMap<>();
        for (ValidEnvironmentsEvent event : candidates) {
            if (!isStale(event)) {
                byStamp.put(Stamp.of(event), event);
            }
        }
        ArrayList<ValidEnvironmentsEvent> kept = new ArrayList<>();
        HashSet<Set<String>> scopes = new HashSet<>();
        for (ValidEnvironmentsEvent event : byStamp.descendingMap().values()) {
            if (scopes.add(scope(event))) {
                kept.add(event);
            }
        }
        Collections.reverse(kept);
        return List.copyOf(kept);
    }

    /**
     * Returns the state of a tracker that has seen nothing yet.
     *
     * @return the empty state, never {@code null}
     */
    public static TrackerState empty() {
        return EMPTY;
    }

    /**
     * Reads a state written by {@link #toJson()}.
     *
     * @param json the JSON text; must not be {@code null}
     * @return the state, never {@code null}
     * @throws CoherenceEventException if {@code json} is {@code null}, is not valid JSON, is not a tracker state
     *     (its {@code format} member is missing or different), was written in a format version this library does not
     *     read (upgrade the library), or breaks a rule of the format (an unknown or duplicate member, a wrong type, an
     *     announcement older than the snapshot it would be laid over, …); its {@link CoherenceEventException#pointer()}
     *     names the offending member. A damaged state can be replaced by {@link #empty()}: the next
     *     {@code valid_environments} event rebuilds the environments, reporting them all as created.
     */
    public static TrackerState fromJson(String json) {
        Checks.argument(json, "json");
        return TrackerStateJson.read(json);
    }

    /**
     * Writes this state as compact JSON, with members in a fixed order, so that equal states give equal text.
     *
     * @return the JSON text, never {@code null}
     */
    public String toJson() {
        return TrackerStateJson.write(this);
    }

    /**
     * Returns the environments tracked now, keyed by application and environment name.
     *
     * @return an unmodifiable map that iterates in key order, possibly empty, never {@code null}
     */
    public Map<EnvironmentKey, Environment> environments() {
        return environments;
    }

    /**
     * Returns the environment tracked now under {@code key}.
     *
     * @param key the application and environment name; must not be {@code null}
     * @return the environment, or empty if it is not tracked
     * @throws CoherenceEventException if {@code key} is {@code null}
     */
    public Optional<Environment> environment(EnvironmentKey key) {
        return Optional.ofNullable(environments.get(Checks.argument(key, "key")));
    }

    /**
     * Returns the time of the newest snapshot applied for an application: a {@code valid_environments} event that
     * listed it, or one that listed no environment at all. Events about the application that are older than this are
     * stale.
     *
     * @param applicationName the application's name; must not be {@code null}
     * @return the time, or empty if no snapshot has been applied for the application yet
     * @throws CoherenceEventException if {@code applicationName} is {@code null}
     */
    public Optional<Instant> snapshotTime(String applicationName) {
        return base(Checks.argument(applicationName, "applicationName")).map(Stamp::time);
    }

    /**
     * Returns the {@code valid_environments} events held for confirmation because applying them would remove more
     * environments than the tracker allows; confirm one with {@link EnvironmentTracker#confirmHeld} or discard it
     * with {@link EnvironmentTracker#discardHeld}. There is at most one per set of applications (the newest), and
     * one is dropped as soon as a newer snapshot for its applications is applied.
     *
     * @return an unmodifiable list, oldest first, possibly empty, never {@code null}
     */
    public List<ValidEnvironmentsEvent> held() {
        return held;
    }

    /**
     * Returns the ids of the events this state remembers having processed, oldest event first: the most recent ones
     * (by event time), at most as many as the tracker's {@link EnvironmentTracker.Builder#rememberedEvents(int)}.
     *
     * @return an unmodifiable list, possibly empty, never {@code null}
     */
    public List<String> rememberedEventIds() {
        ArrayList<String> ids = new ArrayList<>(remembered.size());
        for (Remembered entry : remembered) {
            ids.add(entry.eventId());
        }
        return Collections.unmodifiableList(ids);
    }

    /**
     * Compares the facts two states hold.
     *
     * @param other the object to compare with, possibly {@code null}
     * @return whether {@code other} is a state with the same snapshots, announcements, held snapshots and remembered
     *     events
     */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof TrackerState)) {
            return false;
        }
        TrackerState that = (TrackerState) other;
        return emptySnapshot.equals(that.emptySnapshot) && applications.equals(that.applications)
                && held.equals(that.held) && remembered.equals(that.remembered);
    }

    @Override
    public int hashCode() {
        return Objects.hash(emptySnapshot, applications, held, remembered);
    }

    /**
     * Returns a short summary for logs; use {@link #toJson()} for the whole state.
     *
     * @return the summary, never {@code null}
     */
    @Override
    public String toString() {
        return "TrackerState[environments=" + environments.size() + ", applications=" + applications.size()
                + ", held=" + held.size() + ", rememberedEvents=" + remembered.size() + "]";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // For the tracker and the JSON format

    Optional<Stamp> emptySnapshot() {
        return emptySnapshot;
    }

    SortedMap<String, Track> applications() {
        return applications;
    }

    List<Remembered> remembered() {
        return remembered;
    }

    Track track(String application) {
        Track track = applications.get(application);
        return track == null ? Track.NONE : track;
    }

    /** The newest snapshot that speaks for {@code application}: its own, or an empty one, whichever is newer. */
    Optional<Stamp> base(String application) {
        return track(application).base(emptySnapshot);
    }

    /** Whether the event with this id was processed before (remembered, or part of the state). */
    boolean knows(String eventId) {
        for (Remembered entry : remembered) {
            if (entry.eventId().equals(eventId)) {
                return true;
            }
        }
        if (emptySnapshot.isPresent() && emptySnapshot.get().eventId().equals(eventId)) {
            return true;
        }
        for (ValidEnvironmentsEvent event : held) {
            if (event.id().equals(eventId)) {
                return true;
            }
        }
        for (Track track : applications.values()) {
            if (track.mentions(eventId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a snapshot would change nothing if applied now: every application it speaks for already has a
     * snapshot at least as new (an empty snapshot speaks for all applications, and is compared with the newest empty
     * snapshot applied, which every application's own snapshot is newer than).
     */
    boolean isStale(ValidEnvironmentsEvent event) {
        Stamp stamp = Stamp.of(event);
        if (event.environments().isEmpty()) {
            return emptySnapshot.isPresent() && stamp.compareTo(emptySnapshot.get()) <= 0;
        }
        for (String application : scope(event)) {
            Optional<Stamp> base = base(application);
            if (base.isEmpty() || stamp.compareTo(base.get()) > 0) {
                return false;
            }
        }
        return true;
    }

    /** The applications a snapshot speaks for; the empty set for a snapshot that lists nothing (it speaks for all). */
    static Set<String> scope(ValidEnvironmentsEvent event) {
        TreeSet<String> applications = new TreeSet<>();
        for (Environment environment : event.environments()) {
            applications.add(environment.applicationName());
        }
        return Collections.unmodifiableSet(applications);
    }

    TrackerState with(Optional<Stamp> newEmptySnapshot, Map<String, Track> newApplications,
            List<ValidEnvironmentsEvent> newHeld) {
        return new TrackerState(newEmptySnapshot, newApplications, newHeld, remembered);
    }

    TrackerState withHeld(List<ValidEnvironmentsEvent> newHeld) {
        return new TrackerState(emptySnapshot, applications, newHeld, remembered);
    }

    /**
     * Returns this state remembering one more event, keeping the {@code limit} newest by event time (ties by id):
     * which events are remembered then depends only on which were processed, not on the order they came in.
     */
    TrackerState remember(CoherenceEvent event, int limit) {
        TreeSet<Remembered> entries = new TreeSet<>(remembered);
        entries.add(new Remembered(event.id(), event.time()));
        while (entries.size() > limit) {
            entries.pollFirst();
        }
        if (entries.size() == remembered.size() && entries.containsAll(remembered)) {
            return this;
        }
        return new TrackerState(emptySnapshot, applications, held, List.copyOf(entries));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Parts of the state

    /**
     * The position of an event in the tracker's order: by time, then {@code new_environments} before
     * {@code valid_environments} (Coherence sends a run's announcement before its snapshot, often in the same
     * second), then by event id, so that any two events are ordered the same way on every delivery.
     */
    record Stamp(Instant time, int rank, String eventId) implements Comparable<Stamp> {

        static final int NEW_ENVIRONMENTS = 0;
        static final int VALID_ENVIRONMENTS = 1;

        private static final Comparator<Stamp> ORDER = Comparator.comparing(Stamp::time)
                .thenComparingInt(Stamp::rank)
                .thenComparing(Stamp::eventId);

        static Stamp of(CoherenceEvent event) {
            int rank = event instanceof NewEnvironmentsEvent ? NEW_ENVIRONMENTS : VALID_ENVIRONMENTS;
            return new Stamp(event.time(), rank, event.id());
        }

        @Override
        public int compareTo(Stamp other) {
            return ORDER.compare(this, other);
        }

        boolean isNewerThan(Optional<Stamp> other) {
            return other.isEmpty() || compareTo(other.get()) > 0;
        }
    }

    /** A snapshot applied for one application: its stamp and its environments, name to CloudFront id. */
    record Snapshot(Stamp stamp, SortedMap<String, String> environments) {

        Snapshot {
            environments = Collections.unmodifiableSortedMap(new TreeMap<>(environments));
        }
    }

    /** The newest announcement of one environment: the stamp of the {@code new_environments} event and its id. */
    record Announcement(Stamp stamp, String cloudfrontId) {
    }

    /**
     * What the state knows of one application: its newest snapshot, if one was applied and is newer than the newest
     * empty snapshot, and the announcements newer than that.
     */
    record Track(Optional<Snapshot> snapshot, SortedMap<String, Announcement> announced) {

        static final Track NONE = new Track(Optional.empty(), Collections.emptySortedMap());

        Track {
            announced = Collections.unmodifiableSortedMap(new TreeMap<>(announced));
        }

        Optional<Stamp> base(Optional<Stamp> emptySnapshot) {
            if (snapshot.isPresent() && snapshot.get().stamp().isNewerThan(emptySnapshot)) {
                return Optional.of(snapshot.get().stamp());
            }
            return emptySnapshot;
        }

        /** This track without what the given empty snapshot supersedes. */
        Track after(Optional<Stamp> emptySnapshot) {
            Optional<Snapshot> own = snapshot.filter(s -> s.stamp().isNewerThan(emptySnapshot));
            Optional<Stamp> base = own.isPresent() ? Optional.of(own.get().stamp()) : emptySnapshot;
            TreeMap<String, Announcement> newer = new TreeMap<>();
            for (Map.Entry<String, Announcement> entry : announced.entrySet()) {
                if (entry.getValue().stamp().isNewerThan(base)) {
                    newer.put(entry.getKey(), entry.getValue());
                }
            }
            if (own.equals(snapshot) && newer.size() == announced.size()) {
                return this;
            }
            return new Track(own, newer);
        }

        /** This track with {@code snapshot} as its snapshot, keeping only the announcements newer than it. */
        Track withSnapshot(Snapshot newSnapshot) {
            TreeMap<String, Announcement> newer = new TreeMap<>();
            for (Map.Entry<String, Announcement> entry : announced.entrySet()) {
                if (entry.getValue().stamp().compareTo(newSnapshot.stamp()) > 0) {
                    newer.put(entry.getKey(), entry.getValue());
                }
            }
            return new Track(Optional.of(newSnapshot), newer);
        }

        /** This track with the environments of one announcement, where it is newer than what was announced. */
        Track withAnnouncement(Stamp stamp, Map<String, String> environments) {
            TreeMap<String, Announcement> updated = new TreeMap<>(announced);
            for (Map.Entry<String, String> environment : environments.entrySet()) {
                Announcement current = updated.get(environment.getKey());
                if (current == null || stamp.compareTo(current.stamp()) > 0) {
                    updated.put(environment.getKey(), new Announcement(stamp, environment.getValue()));
                }
            }
            return new Track(snapshot, updated);
        }

        boolean isEmpty() {
            return snapshot.isEmpty() && announced.isEmpty();
        }

        boolean mentions(String eventId) {
            if (snapshot.isPresent() && snapshot.get().stamp().eventId().equals(eventId)) {
                return true;
            }
            for (Announcement announcement : announced.values()) {
                if (announcement.stamp().eventId().equals(eventId)) {
                    return true;
                }
            }
            return false;
        }

        /** The application's environments: the snapshot with the newer announcements laid over it. */
        SortedMap<String, String> view() {
            TreeMap<String, String> environments = new TreeMap<>();
            snapshot.ifPresent(s -> environments.putAll(s.environments()));
            for (Map.Entry<String, Announcement> entry : announced.entrySet()) {
                environments.put(entry.getKey(), entry.getValue().cloudfrontId());
            }
            return environments;
        }
    }

    /** An event remembered as processed, ordered by time, then id. */
    record Remembered(String eventId, Instant time) implements Comparable<Remembered> {

        private static final Comparator<Remembered> ORDER = Comparator.comparing(Remembered::time)
                .thenComparing(Remembered::eventId);

        @Override
        public int compareTo(Remembered other) {
            return ORDER.compare(this, other);
        }
    }
}
