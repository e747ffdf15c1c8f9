package com.withcoherence.events.testkit;

import java.util.Map;

/**
 * A target's {@code InputTransformer}: variables read from the event by JSONPath, and a template they fill.
 *
 * <pre>{@code
 * InputTransformer.of(
 *         Map.of("names", "$.detail.new_environments[*].environment_name", "account", "$.account"),
 *         "{\"created\": <names>, \"account\": <account>, \"rule\": <aws.events.rule-name>}");
 * }</pre>
 *
 * <p>The template may also use the predefined variables {@code <aws.events.rule-arn>},
 * {@code <aws.events.rule-name>}, {@code <aws.events.event.ingestion-time>}, {@code <aws.events.event>} and
 * {@code <aws.events.event.json>}. How values are inserted is described on {@link InMemoryEventBridge}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param inputPathsMap variable name to JSONPath ({@code InputPathsMap}); {@code null} is taken as none. Copied,
 *     order kept
 * @param inputTemplate the template ({@code InputTemplate}), 1 to 8,192 characters
 */
public record InputTransformer(Map<String, String> inputPathsMap, String inputTemplate) {

    /**
     * Copies the map and checks the template is present.
     *
     * @param inputPathsMap variable name to JSONPath ({@code InputPathsMap}); {@code null} is taken as none. Copied, order kept
     * @param inputTemplate the template ({@code InputTemplate}), 1 to 8,192 characters
     * @throws EventBridgeServiceException ({@code ValidationException}) if {@code inputTemplate} is {@code null} or
     *     the map holds a {@code null} key or value
     */
    public InputTransformer {
        inputPathsMap = Values.map(inputPathsMap, "inputPathsMap");
        Values.required(inputTemplate, "inputTemplate");
    }

    /**
     * Returns a transformer with variables and a template.
     *
     * @param inputPathsMap variable name to JSONPath; {@code null} is taken as none
     * @param inputTemplate the template; must not be {@code null}
     * @return the transformer, never {@code null}
     * @throws EventBridgeServiceException ({@code ValidationException}) if {@code inputTemplate} is {@code null}
     */
    public static InputTransformer of(Map<String, String> inputPathsMap, String inputTemplate) {
        return new InputTransformer(inputPathsMap, inputTemplate);
    }

    /**
     * Returns a transformer that uses only the predefined variables.
     *
     * @param inputTemplate the template; must not be {@code null}
     * @return the transformer, never {@code null}
     * @throws EventBridgeServiceException ({@code ValidationException}) if {@code inputTemplate} is {@code null}
     */
    public static InputTransformer of(String inputTemplate) {
        return new InputTransformer(Map.of(), inputTemplate);
    }
}
