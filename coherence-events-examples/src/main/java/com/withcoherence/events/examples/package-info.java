/**
 * AWS Lambda handlers that react to Coherence events, written the way we recommend: copy and adapt them.
 *
 * <ul>
 *   <li>{@link com.withcoherence.events.examples.EnvironmentLambda}: a rule's Lambda target. Parses the event,
 *       dispatches by type and runs the environment tracker, so that removed environments are torn down.</li>
 *   <li>{@link com.withcoherence.events.examples.SqsBatchLambda}: a Lambda reading an SQS queue that is the rule's
 *       target. Reports partial batch failures so that only the failed messages are retried.</li>
 * </ul>
 *
 * <p>Both delegate the work to a {@link com.withcoherence.events.examples.Provisioner} (what to build, repoint and
 * tear down per environment) and keep the tracker's state in a {@link com.withcoherence.events.examples.StateStore}.
 */
package com.withcoherence.events.examples;
