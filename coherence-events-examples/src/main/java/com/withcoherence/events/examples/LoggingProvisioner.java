package com.withcoherence.events.examples;

import com.withcoherence.events.model.Environment;
import com.withcoherence.events.model.EnvironmentChange;
import java.util.function.Consumer;

/**
 * A {@link Provisioner} that only says what it would do: the default of the example handlers until you plug in
 * yours.
 *
 * <p>Thread-safe when its sink is.
 */
public final class LoggingProvisioner implements Provisioner {

    private final Consumer<String> sink;

    /**
     * Creates a provisioner writing one line per action to {@code sink}.
     *
     * @param sink where the lines go; never {@code null}
     */
    public LoggingProvisioner(Consumer<String> sink) {
        if (sink == null) {
            throw new IllegalArgumentException("sink must not be null");
        }
        this.sink = sink;
    }

    @Override
    public void provision(Environment environment) {
        sink.accept("provision " + environment.applicationName() + "/" + environment.environmentName()
                + " (CloudFront " + environment.cloudfrontId() + ")");
    }

    @Override
    public void update(EnvironmentChange change) {
        sink.accept("repoint " + change.key().applicationName() + "/" + change.key().environmentName()
                + " from CloudFront " + change.before().cloudfrontId() + " to " + change.after().cloudfrontId());
    }

    @Override
    public void tearDown(Environment environment) {
        sink.accept("tear down " + environment.applicationName() + "/" + environment.environmentName());
    }
}
