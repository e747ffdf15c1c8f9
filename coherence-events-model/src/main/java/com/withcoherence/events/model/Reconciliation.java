package com.withcoherence.events.model;

import java.util.List;

/**
 * What an {@link EnvironmentTracker} did with one event: the {@link Outcome}, the new state to keep, and the
 * environments the event created, removed, changed and left unchanged.
 *
 * <pre>{@code
 * Reconciliation result = tracker.apply(state, event);
 * result.created().forEach(env -> provision(env));
 * result.removed().forEach(env -> tearDown(env));
 * log.info(result.explanation());
 * store(result.state().toJson());
 * }</pre>
 *
 * <p>The four lists are empty unless the outcome is {@link Outcome#APPLIED}, so code that acts on them never acts on
 * a held, stale or duplicate event. In a {@linkplain #dryRun() dry run} they say what the event would have done, and
 * {@link #state()} is the state that was given. For {@code new_environments} the lists cover the environments the
 * event lists (it never removes); for {@code valid_environments} they cover every environment of the applications
 * the snapshot applied to. Every list is in {@link EnvironmentKey} order.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param event the event, or for {@link EnvironmentTracker#confirmHeld} and {@link EnvironmentTracker#discardHeld}
 *     the held snapshot; never {@code null}
 * @param outcome what was decided; never {@code null}
 * @param dryRun whether the tracker was a dry run, which left the state unchanged
 * @param state the state to keep after this event; never {@code null}
 * @param created the environments that are tracked now and were not before; copied into an unmodifiable list
 * @param removed the environments that were tracked before and are not now; copied into an unmodifiable list
 * @param changed the environments tracked before and after with a new CloudFront id; copied into an unmodifiable list
 * @param unchanged the environments the event concerns that stay exactly as they were; copied into an unmodifiable
 *     list
 * @param explanation one line for logs and alerts that says what happened and why; never {@code null}
 */
public record Reconciliation(
        CoherenceEvent event,
        Outcome outcome,
        boolean dryRun,
        TrackerState state,
        List<Environment> created,
        List<Environment> removed,
        List<EnvironmentChange> changed,
        List<Environment> unchanged,
        String explanation) {

    /**
     * Validates and copies the components.
     *
     * @param event the event, or for {@link EnvironmentTracker#confirmHeld} and {@link EnvironmentTracker#discardHeld} the held snapshot; never {@code null}
     * @param outcome what was decided; never {@code null}
     * @param dryRun whether the tracker was a dry run, which left the state unchanged
     * @param state the state to keep after this event; never {@code null}
     * @param created the environments that are tracked now and were not before; copied into an unmodifiable list
     * @param removed the environments that were tracked before and are not now; copied into an unmodifiable list
     * @param changed the environments tracked before and after with a new CloudFront id; copied into an unmodifiable list
     * @param unchanged the environments the event concerns that stay exactly as they were; copied into an unmodifiable list
     * @param explanation one line for logs and alerts that says what happened and why; never {@code null}
     * @throws CoherenceEventException if a component is {@code null}, a list holds {@code null}, or a list is not empty
     *     while the outcome is not {@link Outcome#APPLIED}
     */
    public Reconciliation {
        Checks.argument(event, "event");
        Checks.argument(outcome, "outcome");
        Checks.argument(state, "state");
        created = list(created, "created");
        removed = list(removed, "removed");
        changed = list(changed, "changed");
        unchanged = list(unchanged, "unchanged");
        Checks.argument(explanation, "explanation");
        if (outcome != Outcome.APPLIED
                && !(created.isEmpty() && removed.isEmpty() && changed.isEmpty() && unchanged.isEmpty())) {
            throw CoherenceEventException.about("Invalid argument", "", "a reconciliation with outcome " + outcome + " changes no "
                    + "environment, so its lists must be empty; only APPLIED reports changes.");
        }
    }

    private static <T> List<T> list(List<T> values, String name) {
        Checks.argument(values, name);
        for (T value : values) {
            Checks.argument(value, "an element of " + name);
        }
        return List.copyOf(values);
    }

    /**
     * Returns whether the event created, removed or changed an environment.
     *
     * @return {@code true} if {@link #created()}, {@link #removed()} or {@link #changed()} is not empty
     */
    public boolean hasChanges() {
        return !created.isEmpty() || !removed.isEmpty() || !changed.isEmpty();
    }

    /** What the tracker decided to do with an event. */
    public enum Outcome {

        /** The event was applied: the lists say what it changed. */
        APPLIED,

        /**
         * A {@code valid_environments} snapshot would remove more environments than the tracker allows; the state
         * holds it until {@link EnvironmentTracker#confirmHeld} or {@link EnvironmentTracker#discardHeld}.
         */
        HELD,

        /** A held snapshot was dropped by {@link EnvironmentTracker#discardHeld}; nothing was removed. */
        DISCARDED,

        /**
         * The event is older than a snapshot already applied for its applications (or than a held one), which
         * already says what it would; the state only remembers its id.
         */
        STALE,

        /** An event with the same id was processed before; the state is unchanged. */
        DUPLICATE,

        /** The event's detail-type is not one the tracker knows; the state is unchanged. */
        IGNORED
    }
}
