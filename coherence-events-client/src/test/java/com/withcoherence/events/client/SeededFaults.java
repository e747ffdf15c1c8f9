package com.withcoherence.events.client;

import com.withcoherence.events.testkit.EndpointFaults;
import com.withcoherence.events.testkit.EntryFailure;
import com.withcoherence.events.testkit.EventBridgeOperation;
import com.withcoherence.events.testkit.PutEventsEntry;
import com.withcoherence.events.testkit.Target;
import java.util.Random;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Decides, request by request and from a seeded random sequence, which faults a {@link
 * com.withcoherence.events.testkit.LocalEventBridge} injects: a share of all calls throttled (HTTP 400
 * ThrottlingException) and a share of the entries of each PutEvents and PutTargets failed ({@code InternalFailure} or
 * {@code ThrottlingException}, drawn per call, in an HTTP 200 answer). The endpoint answers the faults exactly as it
 * answers them for any fault a test installs; this interceptor, on the SDK client the code under test uses, only
 * installs them just before each request leaves, so that the probabilities apply to every call. With one thread
 * sending, the same seed gives the same faults on every run.
 */
final class SeededFaults implements ExecutionInterceptor {

    private final EndpointFaults faults;
    private final double throttledCalls;
    private final double failedEntries;
    private final Random random;

    /**
     * @param faults the endpoint's faults
     * @param throttledCalls the share of calls throttled, 0 to 1
     * @param failedEntries the share of PutEvents and PutTargets entries failed, 0 to 1
     * @param seed the seed of the random sequence
     */
    SeededFaults(EndpointFaults faults, double throttledCalls, double failedEntries, long seed) {
        this.faults = faults;
        this.throttledCalls = throttledCalls;
        this.failedEntries = failedEntries;
        this.random = new Random(seed);
    }

    @Override
    public synchronized void beforeTransmission(Context.BeforeTransmission context,
            ExecutionAttributes executionAttributes) {
        EventBridgeOperation operation = EventBridgeOperation.fromAwsName(
                executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)).orElseThrow();
        if (random.nextDouble() < throttledCalls) {
            faults.throttle(operation, 1);
        }
        String code = random.nextBoolean() ? EntryFailure.INTERNAL_FAILURE : EntryFailure.THROTTLING;
        long seed = random.nextLong();
        if (failedEntries > 0 && operation == EventBridgeOperation.PUT_EVENTS) {
            faults.failPutEventsEntries(EntryFailure.<PutEventsEntry>withProbability(failedEntries, seed)
                    .withErrorCode(code).times(1));
        } else if (failedEntries > 0 && operation == EventBridgeOperation.PUT_TARGETS) {
            faults.failPutTargetsEntries(EntryFailure.<Target>withProbability(failedEntries, seed)
                    .withErrorCode(code).times(1));
        }
    }
}
