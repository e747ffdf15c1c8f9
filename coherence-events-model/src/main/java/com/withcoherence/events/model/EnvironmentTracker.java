package com.withcoherence.events.model;

import com.withcoherence.events.model.Reconciliation.Outcome;
import com.withcoherence.events.model.TrackerState.Snapshot;
import com.withcoherence.events.model.TrackerState.Stamp;
import com.withcoherence.events.model.TrackerState.Track;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns Coherence events into which environments were created, removed, changed (a new CloudFront id) and left
 * unchanged, safely under EventBridge's at-least-once, unordered delivery. Coherence never announces a removal: an
 * environment is removed when a {@code valid_environments} snapshot stops listing it, and this class is what notices.
 *
 * <p>A Lambda keeps the {@link TrackerState} as JSON wherever it likes and applies each event to it:
 *
 * <pre>{@code
 * public class OnCoherenceEvent implements RequestStreamHandler {
 *     private static final EnvironmentTracker TRACKER = EnvironmentTracker.builder()
 *             .maxRemovedFraction(0.5)          // hold a snapshot that would remove more than half
 *             .build();
 *     private final S3Client s3 = S3Client.create();
 *
 *     public void handleRequest(InputStream input, OutputStream output, Context context) {
 *         CoherenceEvent event = CoherenceEvents.parse(input);
 *         TrackerState state = loadState();     // TrackerState.fromJson(text), or TrackerState.empty() the first time
 *         Reconciliation result = TRACKER.apply(state, event);
 *         result.created().forEach(env -> provision(env));
 *         result.changed().forEach(change -> repoint(change.before(), change.after()));
 *         result.removed().forEach(env -> tearDown(env));
 *         if (result.outcome() == Reconciliation.Outcome.HELD) {
 *             alert(result.explanation());      // later: TRACKER.confirmHeld(state, id) or discardHeld(state, id)
 *         }
 *         saveState(result.state().toJson());   // a conditional write: S3 If-Match, or a DynamoDB condition
 *     }
 * }
 * }</pre>
 *
 * <p>Act on the changes before saving the state and make the actions idempotent: if saving fails the event is
 * delivered again and reports the same changes. Two invocations may run at once; save with a condition on the version
 * you loaded (S3 {@code If-Match}, a DynamoDB condition expression) and apply the event again to the fresh state when
 * the condition fails, or give the function a reserved concurrency of one.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li><b>Order.</b> Events are ordered by {@link CoherenceEvent#time()}; at the same time a {@code new_environments}
 *       event comes before a {@code valid_environments} event (Coherence sends a run's announcement first, and both
 *       often carry the same second), and then the event ids decide, compared as strings, so that every delivery
 *       orders two events the same way.</li>
 *   <li><b>Per application.</b> A {@code valid_environments} event is the complete list of the environments of the
 *       applications it lists; it says nothing about other applications, so one state can track several buses. One
 *       that lists no environment names no application and stands for all of them: keep one state per bus if an
 *       application of yours can drop to no environments while another still has some.</li>
 *   <li><b>Snapshots.</b> A snapshot replaces what is known of its applications, except environments announced by a
 *       {@code new_environments} event newer than the snapshot, which stay as announced. A snapshot that is not newer
 *       than the one applied for each of its applications is {@link Outcome#STALE}.</li>
 *   <li><b>Announcements.</b> A {@code new_environments} event never removes. It creates the environments it lists,
 *       or changes their CloudFront id, unless a newer event said otherwise; one older than the snapshot applied for
 *       its application is {@link Outcome#STALE}: the snapshot already says whether those environments exist, so a
 *       late announcement cannot bring back an environment a newer snapshot removed.</li>
 *   <li><b>Duplicates.</b> An event whose id was processed before is a {@link Outcome#DUPLICATE} and changes
 *       nothing.</li>
 *   <li><b>Guard rails.</b> A snapshot that would remove more environments than {@link Builder#maxRemovedCount(int)}
 *       or {@link Builder#maxRemovedFraction(double)} of those tracked in its applications, or that lists no
 *       environment while some would be removed ({@link Builder#holdEmptySnapshots(boolean)}), is
 *       {@link Outcome#HELD} in the state instead of applied, until {@link #confirmHeld} or {@link #discardHeld}.</li>
 *   <li><b>Dry run.</b> With {@link Builder#dryRun(boolean)} every method returns the state it was given and reports
 *       what it would have done.</li>
 *   <li>An event of a detail-type this library does not know is {@link Outcome#IGNORED}.</li>
 * </ul>
 * With these rules the state after a set of events is the same whatever order they arrive in, and however often
 * each arrives; holding a snapshot only defers it: confirming it gives the state that applying it would have.
 *
 * <p>Instances are immutable and thread-safe; one instance can serve every invocation.
 */
public final class EnvironmentTracker {

    /** The default {@link Builder#maxRemovedFraction(double)}: {@value}. */
    public static final double DEFAULT_MAX_REMOVED_FRACTION = 0.5;

    /**
     * The default {@link Builder#rememberedEvents(int)}: {@value}. Coherence sends two events a run and EventBridge
     * redelivers for up to 24 hours by default; 128 events cover 64 runs, more than a busy day of pushes, in about
     * 10 KB of JSON.
     */
    public static final int DEFAULT_REMEMBERED_EVENTS = 128;

    /** The largest {@link Builder#rememberedEvents(int)}: {@value}, which keeps a state under a megabyte. */
    public static final int MAX_REMEMBERED_EVENTS = 10_000;

    private static final Comparator<Environment> BY_KEY = Comparator.comparing(EnvironmentKey::of);

    private final double maxRemovedFraction;
    private final int maxRemovedCount;
    private final boolean holdEmptySnapshots;
    private final boolean dryRun;
    private final int rememberedEvents;

    private EnvironmentTracker(Builder builder) {
        this.maxRemovedFraction = builder.maxRemovedFraction;
        this.maxRemovedCount = builder.maxRemovedCount;
        this.holdEmptySnapshots = builder.holdEmptySnapshots;
        this.dryRun = builder.dryRun;
        this.rememberedEvents = builder.rememberedEvents;
    }

    /**
     * Returns a tracker with the default settings: hold a snapshot that would remove more than half of the tracked
     * environments or that lists none, no dry run, remember {@value #DEFAULT_REMEMBERED_EVENTS} events.
     *
     * @return the tracker, never {@code null}
     */
    public static EnvironmentTracker withDefaults() {
        return builder().build();
    }

    /**
     * Returns a builder with the default settings.
     *
     * @return a new builder, never {@code null}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder with this tracker's settings, e.g. to make a dry-run copy:
     * {@code tracker.toBuilder().dryRun(true).build()}.
     *
     * @return a new builder, never {@code null}
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.maxRemovedFraction = maxRemovedFraction;
        builder.maxRemovedCount = maxRemovedCount;
        builder.holdEmptySnapshots = holdEmptySnapshots;
        builder.dryRun = dryRun;
        builder.rememberedEvents = rememberedEvents;
        return builder;
    }

    /**
     * Returns the largest fraction of the tracked environments one snapshot may remove without being held.
     *
     * @return a fraction from 0 to 1
     */
    public double maxRemovedFraction() {
        return maxRemovedFraction;
    }

    /**
     * Returns the most environments one snapshot may remove without being held.
     *
     * @return a count, {@link Integer#MAX_VALUE} for no limit
     */
    public int maxRemovedCount() {
        return maxRemovedCount;
    }

    /**
     * Returns whether a snapshot that lists no environment is held when it would remove some.
     *
     * @return whether empty snapshots are held
     */
    public boolean holdsEmptySnapshots() {
        return holdEmptySnapshots;
    }

    /**
     * Returns whether this tracker only reports what it would do and returns every state unchanged.
     *
     * @return whether this is a dry run
     */
    public boolean dryRun() {
        return dryRun;
    }

    /**
     * Returns how many processed event ids a state remembers to recognise duplicates.
     *
     * @return a count from 0 to {@value #MAX_REMEMBERED_EVENTS}
     */
    public int rememberedEvents() {
        return rememberedEvents;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Operations

    /**
     * Applies one event to a state, following the rules of this class.
     *
     * @param state the state before the event; must not be {@code null}
     * @param event the event, as parsed by {@link CoherenceEvents}; must not be {@code null}
     * @return the outcome, the new state (the given one in a dry run) and the environments the event created,
     *     removed, changed and left unchanged; never {@code null}
     * @throws CoherenceEventException if {@code state} or {@code event} is {@code null}
     */
    public Reconciliation apply(TrackerState state, CoherenceEvent event) {
        Checks.argument(state, "state");
        Checks.argument(event, "event");
        Decision decision;
        if (event instanceof UnknownCoherenceEvent) {
            decision = Decision.nothing(Outcome.IGNORED, state, "ignored " + describe(event) + ": the detail-type "
                    + EventReader.quote(event.detailType()) + " is not one the tracker knows ("
                    + CoherenceBus.NEW_ENVIRONMENTS + ", " + CoherenceBus.VALID_ENVIRONMENTS + ").");
        } else if (state.knows(event.id())) {
            decision = Decision.nothing(Outcome.DUPLICATE, state, "ignored " + describe(event)
                    + ": an event with this id was processed before (EventBridge delivers at least once).");
        } else if (event instanceof NewEnvironmentsEvent) {
            decision = announce(state, (NewEnvironmentsEvent) event);
        } else {
            decision = snapshot(state, (ValidEnvironmentsEvent) event, true);
        }
        return finish(state, event, decision);
    }

    /**
     * Applies a held snapshot as if it had passed the guard rails: removes what it does not list, after an operator
     * checked that the removals are real. Preview it first with a dry-run copy of this tracker.
     *
     * @param state a state holding the snapshot; must not be {@code null}
     * @param eventId the id of the held snapshot, as in {@link TrackerState#held()}; naming it guards against
     *     confirming a different snapshot than the one that was checked. Must not be {@code null}
     * @return the reconciliation of the snapshot ({@link Outcome#APPLIED}), never {@code null}
     * @throws CoherenceEventException if an argument is {@code null} or no held snapshot has this id (it was
     *     confirmed or discarded already, or a newer snapshot superseded it; the message says which)
     */
    public Reconciliation confirmHeld(TrackerState state, String eventId) {
        ValidEnvironmentsEvent event = heldSnapshot(state, eventId, "confirm");
        TrackerState released = state.withHeld(without(state.held(), event));
        Decision decision = snapshot(released, event, false);
        return finish(state, event, decision.explained("confirmed held snapshot: " + decision.explanation));
    }

    /**
     * Drops a held snapshot without applying it, after an operator decided that its removals are not real. Its id is
     * remembered, so a redelivery of it is a duplicate rather than held again.
     *
     * @param state a state holding the snapshot; must not be {@code null}
     * @param eventId the id of the held snapshot, as in {@link TrackerState#held()}; must not be {@code null}
     * @return the reconciliation ({@link Outcome#DISCARDED}), never {@code null}
     * @throws CoherenceEventException if an argument is {@code null} or no held snapshot has this id
     */
    public Reconciliation discardHeld(TrackerState state, String eventId) {
        ValidEnvironmentsEvent event = heldSnapshot(state, eventId, "discard");
        TrackerState after = state.withHeld(without(state.held(), event)).remember(event, rememberedEvents);
        return finish(state, event, Decision.nothing(Outcome.DISCARDED, after, "discarded held " + describe(event)
                + "; the environments it would have removed stay tracked."));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // new_environments

    private Decision announce(TrackerState state, NewEnvironmentsEvent event) {
        Stamp stamp = Stamp.of(event);
        Map<String, SortedMap<String, String>> byApplication = byApplication(event.environments());
        TreeMap<String, Track> tracks = new TreeMap<>(state.applications());
        Changes changes = new Changes();
        List<String> staleFor = new ArrayList<>();
        for (Map.Entry<String, SortedMap<String, String>> entry : byApplication.entrySet()) {
            String application = entry.getKey();
            Optional<Stamp> base = state.base(application);
            if (!stamp.isNewerThan(base)) {
                staleFor.add(application + " (snapshot " + base.get().eventId() + " at "
                        + EventTimes.format(base.get().time()) + ")");
                continue;
            }
            Track before = state.track(application);
            Track after = before.withAnnouncement(stamp, entry.getValue());
            tracks.put(application, after);
            changes.add(application, before.view(), after.view(), entry.getValue().keySet());
        }
        TrackerState remembered = state.remember(event, rememberedEvents);
        if (!staleFor.isEmpty() && staleFor.size() == byApplication.size()) {
            return Decision.nothing(Outcome.STALE, remembered, "ignored " + describe(event) + " as stale: it is "
                    + "older than the snapshot applied for " + String.join(", ", staleFor) + ", which already says "
                    + "which environments exist.");
        }
        String explanation = "applied " + describe(event) + ": " + changes.summary()
                + (staleFor.isEmpty() ? "" : "; stale for " + String.join(", ", staleFor));
        return new Decision(Outcome.APPLIED, remembered.with(remembered.emptySnapshot(), tracks,
                remembered.held()), changes, explanation);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // valid_environments

    private Decision snapshot(TrackerState state, ValidEnvironmentsEvent event, boolean guarded) {
        Stamp stamp = Stamp.of(event);
        TreeMap<String, Track> tracks = new TreeMap<>(state.applications());
        Optional<Stamp> emptySnapshot = state.emptySnapshot();
        Changes changes = new Changes();
        int tracked = 0;
        if (event.environments().isEmpty()) {
            if (!stamp.isNewerThan(emptySnapshot)) {
                return stale(state, event, "an empty snapshot at least as new ("
                        + emptySnapshot.get().eventId() + " at " + EventTimes.format(emptySnapshot.get().time())
                        + ") was applied already");
            }
            emptySnapshot = Optional.of(stamp);
            for (Map.Entry<String, Track> entry : state.applications().entrySet()) {
                Track before = entry.getValue();
                if (stamp.isNewerThan(before.base(state.emptySnapshot()))) {
                    Track after = before.after(emptySnapshot);
                    tracks.put(entry.getKey(), after);
                    SortedMap<String, String> was = before.view();
                    SortedMap<String, String> is = after.view();
                    tracked += was.size();
                    changes.add(entry.getKey(), was, is, Changes.union(was, is));
                }
            }
        } else {
            List<String> staleFor = new ArrayList<>();
            for (Map.Entry<String, SortedMap<String, String>> entry
                    : byApplication(event.environments()).entrySet()) {
                String application = entry.getKey();
                Optional<Stamp> base = state.base(application);
                if (!stamp.isNewerThan(base)) {
                    staleFor.add(application + " (" + base.get().eventId() + " at "
                            + EventTimes.format(base.get().time()) + ")");
                    continue;
                }
                Track before = state.track(application);
                Track after = before.withSnapshot(new Snapshot(stamp, entry.getValue()));
                tracks.put(application, after);
                SortedMap<String, String> was = before.view();
                SortedMap<String, String> is = after.view();
                tracked += was.size();
                changes.add(application, was, is, Changes.union(was, is));
            }
            if (changes.applications == 0) {
                return stale(state, event, "a newer snapshot was applied already for " + String.join(", ", staleFor));
            }
            if (!staleFor.isEmpty()) {
                changes.note("stale for " + String.join(", ", staleFor));
            }
        }
        if (guarded) {
            Optional<String> reason = holdReason(event, changes.removed.size(), tracked);
            if (reason.isPresent()) {
                return hold(state, event, reason.get());
            }
        }
        TrackerState after = state.remember(event, rememberedEvents).with(emptySnapshot, tracks, state.held());
        StringBuilder explanation = new StringBuilder("applied ").append(describe(event)).append(": ")
                .append(changes.summary());
        for (ValidEnvironmentsEvent held : state.held()) {
            if (!after.held().contains(held)) {
                explanation.append("; it supersedes the held snapshot ").append(held.id());
            }
        }
        return new Decision(Outcome.APPLIED, after, changes, explanation.toString());
    }

    private Decision stale(TrackerState state, ValidEnvironmentsEvent event, String why) {
        return Decision.nothing(Outcome.STALE, state.remember(event, rememberedEvents),
                "ignored " + describe(event) + " as stale: " + why + ".");
    }

    private Optional<String> holdReason(ValidEnvironmentsEvent event, int removed, int tracked) {
        String removes = "it would remove " + removed + " of the " + tracked + " environments tracked for its "
                + "applications";
        if (holdEmptySnapshots && event.environments().isEmpty() && removed > 0) {
            return Optional.of("it lists no environment, so " + removes + " (holdEmptySnapshots)");
        }
        if (removed > maxRemovedCount) {
            return Optional.of(removes + ", more than maxRemovedCount " + maxRemovedCount);
        }
        int allowed = allowedRemovals(tracked);
        if (removed > allowed) {
            return Optional.of(removes + ", more than maxRemovedFraction " + maxRemovedFraction + " allows ("
                    + allowed + ")");
        }
        return Optional.empty();
    }

    /** floor(fraction × tracked), robust to binary rounding: 0.29 × 100 is 28.999999999999996 in doubles. */
    int allowedRemovals(int tracked) {
        return (int) Math.floor(maxRemovedFraction * tracked + 1e-9);
    }

    private Decision hold(TrackerState state, ValidEnvironmentsEvent event, String reason) {
        Set<String> scope = TrackerState.scope(event);
        TrackerState remembered = state.remember(event, rememberedEvents);
        List<ValidEnvironmentsEvent> held = new ArrayList<>();
        String replaced = "";
        for (ValidEnvironmentsEvent other : state.held()) {
            if (!TrackerState.scope(other).equals(scope)) {
                held.add(other);
            } else if (Stamp.of(other).compareTo(Stamp.of(event)) > 0) {
                return Decision.nothing(Outcome.STALE, remembered, "ignored " + describe(event) + " as stale: "
                        + reason + ", and the newer snapshot " + other.id() + " of the same applications is held "
                        + "already.");
            } else {
                replaced = "; it replaces the older held snapshot " + other.id();
            }
        }
        held.add(event);
        return Decision.nothing(Outcome.HELD, remembered.withHeld(held), "held " + describe(event) + ": " + reason
                + replaced + ". Check it, then call confirmHeld(state, \"" + event.id() + "\") to apply it or "
                + "discardHeld(state, \"" + event.id() + "\") to drop it.");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    private Reconciliation finish(TrackerState before, CoherenceEvent event, Decision decision) {
        boolean applied = decision.outcome == Outcome.APPLIED;
        Changes changes = applied ? decision.changes : new Changes();
        return new Reconciliation(event, decision.outcome, dryRun, dryRun ? before : decision.state,
                changes.created, changes.removed, changes.changed, changes.unchanged,
                dryRun ? "dry run, state unchanged: " + decision.explanation : decision.explanation);
    }

    private static ValidEnvironmentsEvent heldSnapshot(TrackerState state, String eventId, String verb) {
        Checks.argument(state, "state");
        Checks.argument(eventId, "eventId");
        List<String> ids = new ArrayList<>();
        for (ValidEnvironmentsEvent event : state.held()) {
            if (event.id().equals(eventId)) {
                return event;
            }
            ids.add(event.id());
        }
        String now = ids.isEmpty() ? "no snapshot is held now" : "the held snapshots are " + String.join(", ", ids);
        String why = state.knows(eventId) ? "the event was processed: it was confirmed or discarded already, or a "
                + "newer snapshot superseded it" : "no event with this id was processed";
        throw CoherenceEventException.about("Environment tracker", "", "cannot " + verb + " the held snapshot \"" + eventId + "\": " + why
                + "; " + now + ". Read the ids from TrackerState.held() of the latest state.");
    }

    private static List<ValidEnvironmentsEvent> without(List<ValidEnvironmentsEvent> held,
            ValidEnvironmentsEvent event) {
        List<ValidEnvironmentsEvent> rest = new ArrayList<>(held);
        rest.remove(event);
        return rest;
    }

    /** Groups environments by application, name to CloudFront id; a name listed twice keeps its last id. */
    private static Map<String, SortedMap<String, String>> byApplication(List<Environment> environments) {
        Map<String, SortedMap<String, String>> grouped = new TreeMap<>();
        for (Environment environment : environments) {
            grouped.computeIfAbsent(environment.applicationName(), a -> new TreeMap<>())
                    .put(environment.environmentName(), environment.cloudfrontId());
        }
        return grouped;
    }

    private static String describe(CoherenceEvent event) {
        return event.detailType() + " " + event.id() + " (" + EventTimes.format(event.time()) + ")";
    }

    /**
     * Returns the settings, for logs.
     *
     * @return the settings as text, never {@code null}
     */
    @Override
    public String toString() {
        return "EnvironmentTracker[maxRemovedFraction=" + maxRemovedFraction + ", maxRemovedCount="
                + (maxRemovedCount == Integer.MAX_VALUE ? "none" : String.valueOf(maxRemovedCount))
                + ", holdEmptySnapshots=" + holdEmptySnapshots + ", dryRun=" + dryRun + ", rememberedEvents="
                + rememberedEvents + "]";
    }

    /** What an operation decided, before the dry-run setting decides what is returned. */
    private static final class Decision {

        final Outcome outcome;
        final TrackerState state;
        final Changes changes;
        final String explanation;

        Decision(Outcome outcome, TrackerState state, Changes changes, String explanation) {
            this.outcome = outcome;
            this.state = state;
            this.changes = changes;
            this.explanation = explanation;
        }

        static Decision nothing(Outcome outcome, TrackerState state, String explanation) {
            return new Decision(outcome, state, new Changes(), explanation);
        }

        Decision explained(String newExplanation) {
            return new Decision(outcome, state, changes, newExplanation);
        }
    }

    /** The environments an event created, removed, changed and left unchanged, in key order. */
    private static final class Changes {

        final List<Environment> created = new ArrayList<>();
        final List<Environment> removed = new ArrayList<>();
        final List<EnvironmentChange> changed = new ArrayList<>();
        final List<Environment> unchanged = new ArrayList<>();
        int applications;
        private String note = "";

        /**
         * Compares an application's environments before and after, for the names the event concerns: those a
         * {@code new_environments} event lists, or every name before and after for a snapshot.
         */
        void add(String application, SortedMap<String, String> before, SortedMap<String, String> after,
                Set<String> concerned) {
            applications++;
            for (String name : concerned) {
                String was = before.get(name);
                String is = after.get(name);
                if (was == null) {
                    created.add(new Environment(is, name, application));
                } else if (is == null) {
                    removed.add(new Environment(was, name, application));
                } else if (!was.equals(is)) {
                    changed.add(new EnvironmentChange(new Environment(was, name, application),
                            new Environment(is, name, application)));
                } else {
                    unchanged.add(new Environment(is, name, application));
                }
            }
            created.sort(BY_KEY);
            removed.sort(BY_KEY);
            unchanged.sort(BY_KEY);
            changed.sort(Comparator.comparing(EnvironmentChange::key));
        }

        /** Every name an application has before or after a snapshot: a snapshot concerns them all. */
        static Set<String> union(SortedMap<String, String> before, SortedMap<String, String> after) {
            TreeSet<String> names = new TreeSet<>(before.keySet());
            names.addAll(after.keySet());
            return names;
        }

        void note(String text) {
            note = "; " + text;
        }

        String summary() {
            return created.size() + " created, " + removed.size() + " removed, " + changed.size() + " changed, "
                    + unchanged.size() + " unchanged" + note;
        }
    }

    /**
     * Collects a tracker's settings; {@link #build()} checks them all at once.
     *
     * <p>Builders are mutable and not thread-safe; the trackers they build are immutable.
     */
    public static final class Builder {

        private double maxRemovedFraction = DEFAULT_MAX_REMOVED_FRACTION;
        private int maxRemovedCount = Integer.MAX_VALUE;
        private boolean holdEmptySnapshots = true;
        private boolean dryRun;
        private int rememberedEvents = DEFAULT_REMEMBERED_EVENTS;

        private Builder() {
        }

        /**
         * Sets the largest fraction of the environments tracked for a snapshot's applications that it may remove
         * without being held: at most {@code floor(fraction × tracked)}. With the default
         * {@value #DEFAULT_MAX_REMOVED_FRACTION}, one of two environments may go, two of three are held, and so is
         * the removal of an application's only environment (its rename included). {@code 1.0} turns the limit off;
         * {@code 0.0} holds every removal.
         *
         * @param fraction a number from 0 to 1
         * @return this builder
         */
        public Builder maxRemovedFraction(double fraction) {
            this.maxRemovedFraction = fraction;
            return this;
        }

        /**
         * Sets the most environments one snapshot may remove without being held, whatever their fraction. The
         * default is no limit.
         *
         * @param count a count from 0 ({@code 0} holds every removal); {@link Integer#MAX_VALUE} for no limit
         * @return this builder
         */
        public Builder maxRemovedCount(int count) {
            this.maxRemovedCount = count;
            return this;
        }

        /**
         * Sets whether a snapshot that lists no environment is held when it would remove some, whatever the limits
         * (default {@code true}): an empty list is more often a fault upstream than the end of every environment.
         *
         * @param hold whether to hold empty snapshots
         * @return this builder
         */
        public Builder holdEmptySnapshots(boolean hold) {
            this.holdEmptySnapshots = hold;
            return this;
        }

        /**
         * Sets whether the tracker only reports what it would do (default {@code false}). In a dry run every
         * operation returns the state it was given, and its lists say what it would have created, removed and
         * changed.
         *
         * @param dryRun whether to leave states unchanged
         * @return this builder
         */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /**
         * Sets how many processed event ids a state remembers (the newest by event time; default
         * {@value #DEFAULT_REMEMBERED_EVENTS}). Whatever the number, a redelivered event never changes the state,
         * because the state's own order rules make it stale or recognise it; the memory makes the outcome say
         * {@link Outcome#DUPLICATE} and keeps a discarded snapshot from being held again when it is redelivered. A
         * smaller number keeps the state's JSON small (about 80 bytes an event).
         *
         * @param count a count from 0 to {@value #MAX_REMEMBERED_EVENTS}
         * @return this builder
         */
        public Builder rememberedEvents(int count) {
            this.rememberedEvents = count;
            return this;
        }

        /**
         * Checks the settings and builds the tracker.
         *
         * @return the tracker, never {@code null}
         * @throws CoherenceEventException naming every setting that is out of range
         */
        public EnvironmentTracker build() {
            List<String> problems = new ArrayList<>();
            if (!(maxRemovedFraction >= 0.0 && maxRemovedFraction <= 1.0)) {
                problems.add("maxRemovedFraction must be from 0 to 1 (1 turns the limit off) but was "
                        + maxRemovedFraction);
            }
            if (maxRemovedCount < 0) {
                problems.add("maxRemovedCount must be 0 or more (Integer.MAX_VALUE for no limit) but was "
                        + maxRemovedCount);
            }
            if (rememberedEvents < 0 || rememberedEvents > MAX_REMEMBERED_EVENTS) {
                problems.add("rememberedEvents must be from 0 to " + MAX_REMEMBERED_EVENTS + " but was "
                        + rememberedEvents);
            }
            if (!problems.isEmpty()) {
                throw CoherenceEventException.about("Invalid EnvironmentTracker settings", "",
                        String.join("; ", problems) + ".");
            }
            return new EnvironmentTracker(this);
        }
    }
}
