package com.withcoherence.events.testkit;

import java.util.List;
import java.util.Optional;

/**
 * One page of a List operation ({@code ListRules}, {@code ListTargetsByRule}, {@code ListEventBuses},
 * {@code ListRuleNamesByTarget}) and the token for the next.
 *
 * <pre>{@code
 * String token = null;
 * do {
 *     Page<Rule> page = bridge.listRules(bus, "", token, 100);
 *     page.items().forEach(rule -> System.out.println(rule.name()));
 *     token = page.nextToken().orElse(null);
 * } while (token != null);
 * }</pre>
 *
 * <p>A token fetches the next page of the call it came from: the same operation with the same other arguments
 * ({@code Limit} may change). Any other token is answered as EventBridge answers it, with {@code ValidationException}
 * "Parameter NextToken is not valid.". Tokens do not expire; a page after an item removed since carries on where the
 * item was.
 *
 * <p>Instances are immutable, and thread-safe when their items are.
 *
 * @param items the items of this page, in the operation's order; copied into an unmodifiable list
 * @param nextToken the token that fetches the next page, empty on the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, Optional<String> nextToken) {

    /**
     * Copies the items and normalises the token.
     *
     * @param items the items of this page, in the operation's order; copied into an unmodifiable list
     * @param nextToken the token that fetches the next page, empty on the last page
     * @throws EventBridgeServiceException ({@code ValidationException}) if {@code items} is {@code null}
     */
    public Page {
        items = List.copyOf(Values.requiredValue(items, "items"));
        nextToken = Values.optional(nextToken);
    }
}
