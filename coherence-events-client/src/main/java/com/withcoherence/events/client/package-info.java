/**
 * Subscriptions to Coherence's events on EventBridge, maintained in code, and publishing to the Coherence bus.
 *
 * <p>{@link com.withcoherence.events.client.CoherenceEventsClient} is the entry point. A
 * {@link com.withcoherence.events.client.Subscription} describes a rule on the Coherence bus and its
 * {@link com.withcoherence.events.client.SubscriptionTarget}s; {@code subscribe} makes the bus match it, writing only
 * what differs, and {@code plan} says what that would be:
 *
 * <pre>{@code
 * CoherenceEventsClient client = CoherenceEventsClient.builder()
 *         .eventBridge(EventBridgeClient.create())
 *         .bus(CoherenceBus.forApp("12309ijsdf-your-app-name"))
 *         .build();
 * client.subscribe(Subscription.builder()
 *         .name("log-new-environments")
 *         .pattern(EventPattern.builder().newEnvironments().build())
 *         .target(SubscriptionTarget.lambda("arn:aws:lambda:us-east-1:123456789012:function:log-events"))
 *         .build());
 * }</pre>
 *
 * <p>Every public type of this package is immutable and thread-safe unless its documentation says otherwise (the
 * builders); no public method returns {@code null}. Failures are reported with
 * {@link com.withcoherence.events.client.CoherenceClientException}.
 */
package com.withcoherence.events.client;
