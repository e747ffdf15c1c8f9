package com.withcoherence.events.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a target receives instead of the whole event, built from the event (EventBridge's {@code InputTransformer}):
 * variables read from the event with JSONPath, and a template that uses them as {@code <name>}.
 *
 * <pre>{@code
 * new TargetInputTransformer(
 *         Map.of("env", "$.detail.new_environments[0].environment_name"),
 *         "\"Coherence created <env>\"");
 * }</pre>
 *
 * <p>EventBridge also offers the variables {@code <aws.events.rule-arn>}, {@code <aws.events.rule-name>},
 * {@code <aws.events.event.ingestion-time>} and {@code <aws.events.event.json>} without declaring them. The limits
 * (at most 100 variables, names of {@code A-Z a-z 0-9 _ -} not starting with {@code AWS.}, paths of at most 256
 * characters, a template of 1 to 8,192 characters) are checked when the {@link Subscription} is built.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param inputPathsMap variable name to JSONPath, in the order given; copied into an unmodifiable map
 * @param inputTemplate the template
 */
public record TargetInputTransformer(Map<String, String> inputPathsMap, String inputTemplate) {

    /**
     * Checks for {@code null} and copies the map.
     *
     * @param inputPathsMap variable name to JSONPath; must not be {@code null} nor hold {@code null}
     * @param inputTemplate the template; must not be {@code null}
     * @throws CoherenceClientException if an argument is {@code null} or the map holds {@code null}
     */
    public TargetInputTransformer {
        if (inputPathsMap == null || inputTemplate == null
                || inputPathsMap.entrySet().stream().anyMatch(e -> e.getKey() == null || e.getValue() == null)) {
            String field = inputTemplate == null ? "inputTransformer.inputTemplate" : "inputTransformer.inputPathsMap";
            throw CoherenceClientException.invalid("TargetInputTransformer", List.of(new CoherenceClientException
                    .Problem(field, "must not be null nor hold null; pass an empty map when the template uses no "
                            + "variables.")));
        }
        inputPathsMap = Collections.unmodifiableMap(new LinkedHashMap<>(inputPathsMap));
    }
}
