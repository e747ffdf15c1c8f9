package com.withcoherence.events.testkit;

/**
 * Java code standing for a target: what a Lambda function, queue consumer or other service would do with each
 * delivery to the ARN it is bound to.
 *
 * <pre>{@code
 * bridge.onEvent(logEventsArn, event -> provisioner.handle(event));
 * bridge.onJson(queueArn, json -> received.add(json));
 * }</pre>
 *
 * <p>Returning normally is a successful delivery. Throwing an {@link Exception} is a failed delivery: the bus
 * retries it per the target's {@link RetryPolicy} and then sends it to the dead-letter queue, as EventBridge does
 * with a target that errors ({@link DeliveryFailure} chooses the error code and whether it is retried). An
 * {@link Error}, such as a failed assertion inside the handler, is not a delivery failure: it propagates to the
 * test.
 *
 * <p>A handler may be called from several threads at once when events are put concurrently or an executor is
 * configured; it must be thread-safe in that case.
 *
 * @param <T> what the handler receives: a parsed event or the delivered JSON text
 */
@FunctionalInterface
public interface TargetHandler<T> {

    /**
     * Handles one delivery.
     *
     * @param input the delivery, never {@code null}
     * @throws Exception to fail the delivery
     */
    void handle(T input) throws Exception;
}
