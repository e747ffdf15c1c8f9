package com.withcoherence.events.examples;

import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEventHandler;
import com.withcoherence.events.model.EnvironmentTracker;
import com.withcoherence.events.model.NewEnvironmentsEvent;
import com.withcoherence.events.model.Reconciliation;
import com.withcoherence.events.model.TrackerState;
import com.withcoherence.events.model.UnknownCoherenceEvent;
import com.withcoherence.events.model.ValidEnvironmentsEvent;
import java.util.function.Consumer;

/**
 * The work both example handlers share: apply one event to the tracker's state, act on what changed, save the state.
 *
 * <p>Acts before it saves, so that a failure in between makes EventBridge (or SQS) deliver the event again and the
 * same changes are reported again; the {@link Provisioner} is idempotent, so acting twice is harmless. Not
 * thread-safe against a concurrent invocation on the same store: give the function a reserved concurrency of one, or
 * use a store with conditional writes.
 */
public final class EnvironmentReconciler {

    private final EnvironmentTracker tracker;
    private final StateStore store;
    private final Provisioner provisioner;
    private final Consumer<String> log;

    /**
     * Creates a reconciler.
     *
     * @param tracker the tracker's rules (guard rails, dry run); never {@code null}
     * @param store where the state lives; never {@code null}
     * @param provisioner what to do per environment; never {@code null}
     * @param log where to write one line per decision (a Lambda logger); never {@code null}
     */
    public EnvironmentReconciler(EnvironmentTracker tracker, StateStore store, Provisioner provisioner,
            Consumer<String> log) {
        if (tracker == null || store == null || provisioner == null || log == null) {
            throw new IllegalArgumentException("tracker, store, provisioner and log must not be null");
        }
        this.tracker = tracker;
        this.store = store;
        this.provisioner = provisioner;
        this.log = log;
    }

    /**
     * Applies one event: provisions, updates and tears down as the tracker decides, then saves the new state.
     *
     * @param event the event; never {@code null}
     * @return what the tracker decided; never {@code null}
     */
    public Reconciliation reconcile(CoherenceEvent event) {
        // Dispatch by type: the tracker treats both known types, and says what an unknown one means.
        event.dispatch(new CoherenceEventHandler() {
            @Override
            public void onNewEnvironments(NewEnvironmentsEvent created) {
                log.accept("new_environments " + created.id() + ": " + created.environments().size()
                        + " environment(s) announced");
            }

            @Override
            public void onValidEnvironments(ValidEnvironmentsEvent valid) {
                log.accept("valid_environments " + valid.id() + ": " + valid.environments().size()
                        + " environment(s) active");
            }

            @Override
            public void onUnknown(UnknownCoherenceEvent unknown) {
                log.accept("ignoring " + unknown.detailType() + " " + unknown.id() + ": not known to this handler");
            }
        });
        TrackerState state = store.load().map(TrackerState::fromJson).orElseGet(TrackerState::empty);
        Reconciliation result = tracker.apply(state, event);
        result.created().forEach(provisioner::provision);
        result.changed().forEach(provisioner::update);
        result.removed().forEach(provisioner::tearDown);
        log.accept(result.outcome() + ": " + result.explanation());
        if (!result.dryRun() && !result.state().equals(state)) {
            store.save(result.state().toJson());
        }
        return result;
    }
}
