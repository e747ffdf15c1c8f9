package com.withcoherence.events.client;

/**
 * An option of {@link CoherenceEventsClient#plan(Subscription, SubscribeOption...)} and
 * {@link CoherenceEventsClient#subscribe(Subscription, SubscribeOption...)}: something they do only when asked to.
 *
 * <pre>{@code
 * // Take over the rule "log-new-environments" that was clicked together in the console.
 * client.plan(subscription, SubscribeOption.ADOPT_EXISTING_RULE).lines().forEach(System.out::println);
 * client.subscribe(subscription, SubscribeOption.ADOPT_EXISTING_RULE);
 * }</pre>
 *
 * <p>Options are permissions for one call, not part of the desired state: they are passed to the call, not stored in
 * the {@link Subscription}. Pass the same options to {@code plan} and {@code subscribe} so that the plan shows what
 * {@code subscribe} will do.
 */
public enum SubscribeOption {

    /**
     * Lets {@code subscribe} take over a rule of the subscription's name that coherence-events did not create (it has
     * no {@code managed-by=coherence-events} tag), such as a rule made in the console: it tags the rule, sets its
     * pattern, description and state, and replaces its targets with the subscription's. Without this option
     * {@code plan} and {@code subscribe} refuse such a rule, name its targets, and change nothing. A rule it has
     * adopted once carries the tag and needs the option no more.
     */
    ADOPT_EXISTING_RULE
}
