/**
 * Typed, immutable Coherence EventBridge events and the one entry point to read and write them.
 *
 * <p>Coherence sends two events to the {@code {app-name-and-hash}-coherence-events} bus every time it configures a
 * non-production account: {@link com.withcoherence.events.model.NewEnvironmentsEvent new_environments} (the
 * environments that run created) and {@link com.withcoherence.events.model.ValidEnvironmentsEvent
 * valid_environments} (every environment active now). Parse either, from whatever a JVM handler receives, with
 * {@link com.withcoherence.events.model.CoherenceEvents}:
 *
 * <pre>{@code
 * CoherenceEvent event = CoherenceEvents.parse(inputStream);
 * if (event instanceof NewEnvironmentsEvent created) {
 *     for (Environment env : created.environments()) {
 *         provision(env.applicationName(), env.environmentName(), env.cloudfrontId());
 *     }
 * }
 * }</pre>
 *
 * <p>Every public value in this package is immutable and thread-safe; no public method returns {@code null}. Bad input
 * is reported with {@link com.withcoherence.events.model.CoherenceEventException}, which names the JSON pointer of
 * the offending value.
 */
package com.withcoherence.events.model;
