/**
 * Test support for code that reacts to Coherence events: realistic events, an in-memory EventBridge that routes them
 * exactly as the service does, a loopback EventBridge endpoint for the real AWS SDK and CLI, and JUnit 5 support.
 *
 * <ul>
 *   <li>{@link com.withcoherence.events.testkit.CoherenceFixtures}: the two documented events verbatim, and seeded
 *       builders for any event and for the sequence Coherence sends as environments come and go. Plain Java.</li>
 *   <li>{@link com.withcoherence.events.testkit.InMemoryEventBridge}: buses, rules, targets and PutEvents with
 *       EventBridge's API, limits and error messages, matched by AWS's event-ruler, with input transformation,
 *       retries, dead-letter queues, chaos, archives and replay on a clock the test controls. Its
 *       {@link com.withcoherence.events.testkit.DeliveryLog} records and asserts what was delivered.</li>
 *   <li>{@link com.withcoherence.events.testkit.LocalEventBridge}: the bridge behind EventBridge's wire protocol on
 *       127.0.0.1, for the unmodified AWS SDK {@code EventBridgeClient} and the AWS CLI, with a
 *       {@link com.withcoherence.events.testkit.RequestLog} of the calls made and
 *       {@link com.withcoherence.events.testkit.EndpointFaults} (throttling, failures, partial failures, latency).</li>
 *   <li>{@link com.withcoherence.events.testkit.CoherenceEventsExtension}: hands each JUnit 5 test a fresh bridge,
 *       the documented bus and seeded fixtures, and an endpoint serving the bridge when asked;
 *       {@link com.withcoherence.events.testkit.LocalEventBridgeSessionListener}, found by the JUnit Platform on its
 *       own, keeps the endpoint's answers free of the JDK's 40 ms TCP delay whatever the order of test classes.</li>
 * </ul>
 *
 * <pre>{@code
 * InMemoryEventBridge bridge = InMemoryEventBridge.create();
 * String bus = CoherenceFixtures.documentedBus().name();
 * bridge.createEventBus(bus);
 * bridge.putRule(RuleDefinition.of("new", bus, "{\"detail-type\": [\"new_environments\"]}"));
 * bridge.putTargets(bus, "new", List.of(Target.of("provision", provisionerArn)));
 * bridge.onEvent(provisionerArn, provisioner::handle);
 * bridge.putEvents(bus, CoherenceFixtures.documentedNewEnvironments());
 * }</pre>
 *
 * <p>Every public type says its thread safety; no public method returns {@code null}. Errors the real service would
 * answer are thrown as {@link com.withcoherence.events.testkit.EventBridgeServiceException} with AWS's error code
 * and message.
 */
package com.withcoherence.events.testkit;
