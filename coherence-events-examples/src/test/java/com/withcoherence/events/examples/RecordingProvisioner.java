package com.withcoherence.events.examples;

import com.withcoherence.events.model.Environment;
import com.withcoherence.events.model.EnvironmentChange;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A provisioner that records what it was asked to do, and can be told to fail for one environment. */
final class RecordingProvisioner implements Provisioner {

    final List<String> actions = new CopyOnWriteArrayList<>();
    private final String failFor;

    RecordingProvisioner() {
        this(null);
    }

    RecordingProvisioner(String failFor) {
        this.failFor = failFor;
    }

    @Override
    public void provision(Environment environment) {
        failIfAsked(environment);
        actions.add("provision " + environment.environmentName());
    }

    @Override
    public void update(EnvironmentChange change) {
        failIfAsked(change.after());
        actions.add("repoint " + change.after().environmentName() + " to " + change.after().cloudfrontId());
    }

    @Override
    public void tearDown(Environment environment) {
        failIfAsked(environment);
        actions.add("tear down " + environment.environmentName());
    }

    private void failIfAsked(Environment environment) {
        if (environment.environmentName().equals(failFor)) {
            throw new IllegalStateException("the database for " + failFor + " is not reachable");
        }
    }
}
