package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Input, InputPath and InputTransformer as targets receive them, through the bus. The AWS-recorded cases are
 * reproduced with the same detail, variables and templates AWS was called with.
 */
class InputProcessingTest {

    static final String BUS = "test-bus";
    static final String QUEUE = "arn:aws:sqs:us-east-1:123456789012:queue";
    static final String RECORDED_DETAIL =
            "{\"command\": \"update-account\", \"payload\": {\"acc_id\": \"0a787ecb-4015\", \"sf_id\": \"baz\"}}";

    /** Puts one event with {@code detail} through a rule whose only target is {@code target}; returns the payload. */
    static String deliver(Target target, String detailType, String detail) {
        InMemoryEventBridge bridge = InMemoryEventBridge.create();
        bridge.createEventBus(BUS);
        bridge.putRule(RuleDefinition.of("rule", BUS, "{\"source\": [\"core.update-account-command\"]}"));
        bridge.putTargets(BUS, "rule", List.of(target));
        bridge.putEvents(List.of(PutEventsEntry.builder().eventBusName(BUS).source("core.update-account-command")
                .detailType(detailType).detail(detail).build()));
        List<String> payloads = bridge.deliveryLog().payloadsTo(target.arn());
        assertEquals(1, payloads.size());
        return payloads.get(0);
    }

    static String transform(Map<String, String> paths, String template) {
        return deliver(Target.builder("t", QUEUE).inputTransformer(InputTransformer.of(paths, template)).build(),
                "core.update-account-command", RECORDED_DETAIL);
    }

    static Map<String, String> recordedPaths(String commandPath) {
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("detail-type", "$.detail-type");
        paths.put("timestamp", "$.time");
        paths.put("command", commandPath);
        return paths;
    }

    @Test
    void deliversTheWholeEventWithoutTransformation() {
        JsonNode event = Json.parseOrNull(deliver(Target.of("t", QUEUE), "x", RECORDED_DETAIL));
        assertEquals(Json.parseOrNull(RECORDED_DETAIL), event.get("detail"));
        assertEquals("x", event.get("detail-type").textValue());
    }

    @Test
    void deliversConstantInputAsItIs() {
        String input = "{\"constant\": [1, 2, {\"x\": true}]}";
        assertEquals(input, deliver(Target.builder("t", QUEUE).input(input).build(), "x", RECORDED_DETAIL));
    }

    @Test
    void inputPathSelectsPartsOfTheEventAsAwsRecorded() {
        assertEquals(Json.parseOrNull(RECORDED_DETAIL), Json.parseOrNull(
                deliver(Target.builder("t", QUEUE).inputPath("$.detail").build(), "x", RECORDED_DETAIL)));
        assertEquals(Json.parseOrNull("{\"acc_id\": \"0a787ecb-4015\", \"sf_id\": \"baz\"}"), Json.parseOrNull(
                deliver(Target.builder("t", QUEUE).inputPath("$.detail.payload").build(), "x", RECORDED_DETAIL)));
        assertEquals("\"baz\"",
                deliver(Target.builder("t", QUEUE).inputPath("$.detail.payload.sf_id").build(), "x",
                        RECORDED_DETAIL));
    }

    @Test
    void inputPathReachesIntoArraysOfEnvironments() {
        String detail = "{\"valid_environments\": [{\"environment_name\": \"main\"}, {\"environment_name\": \"dev\"}]}";
        assertEquals("\"dev\"", deliver(Target.builder("t", QUEUE)
                .inputPath("$.detail.valid_environments[1].environment_name").build(), "x", detail));
        assertEquals("[\"main\",\"dev\"]", deliver(Target.builder("t", QUEUE)
                .inputPath("$.detail.valid_environments[*].environment_name").build(), "x", detail));
        assertEquals("", deliver(Target.builder("t", QUEUE).inputPath("$.detail.missing").build(), "x", detail));
    }

    @Test
    void stringTemplateInsertsTextAndNothingForAMissingPathAsAwsRecorded() {
        String template = "\"Event of <detail-type> type, at time <timestamp>, info extracted from detail <command>\"";
        assertEquals("\"Event of core.update-account-command type, at time 2023-05-19T13:56:16Z, info extracted "
                + "from detail update-account\"", transform(recordedPaths("$.detail.command"), template));
        assertEquals("\"Event of core.update-account-command type, at time 2023-05-19T13:56:16Z, info extracted "
                + "from detail \"", transform(recordedPaths("$.detail.notinmessage"), template));
        assertEquals("\"{[/Check with special starting characters for event of core.update-account-command type\"",
                transform(recordedPaths("$.detail.command"),
                        "\"{[/Check with special starting characters for event of <detail-type> type\""));
    }

    @Test
    void jsonTemplateQuotesStringsAndGivesEmptyStringForAMissingPathAsAwsRecorded() {
        String template = "{\"detailType\": <detail-type>,  \"time\": <timestamp>, \"command\": <command>}";
        assertEquals("{\"detailType\": \"core.update-account-command\",  \"time\": \"2023-05-19T13:56:16Z\", "
                + "\"command\": \"update-account\"}", transform(recordedPaths("$.detail.command"), template));
        assertEquals(Json.parseOrNull("{\"detailType\": \"core.update-account-command\", \"time\": "
                        + "\"2023-05-19T13:56:16Z\", \"command\": \"\"}"),
                Json.parseOrNull(transform(recordedPaths("$.detail.notinmessage"), template)));
    }

    @Test
    void jsonTemplateInsertsObjectsAsJsonOutsideStringsAndWithoutQuotesInsideThem() {
        Map<String, String> paths = Map.of("payload", "$.detail.payload", "id", "$.detail.payload.acc_id");
        assertEquals("{\"p\": {\"acc_id\":\"0a787ecb-4015\",\"sf_id\":\"baz\"}, "
                        + "\"text\": \"payload {acc_id:0a787ecb-4015,sf_id:baz} of 0a787ecb-4015\"}",
                transform(paths, "{\"p\": <payload>, \"text\": \"payload <payload> of <id>\"}"));
        assertEquals("[\"0a787ecb-4015\", 3, true]", transform(paths, "[<id>, 3, true]"));
    }

    @Test
    void templateKeepsEscapedQuotesAndLiteralAngleBrackets() {
        Map<String, String> paths = Map.of("command", "$.detail.command");
        assertEquals("{\"msg\": \"say \\\"<command>\\\" if a < b\"}".replace("<command>", "update-account"),
                transform(paths, "{\"msg\": \"say \\\"<command>\\\" if a < b\"}"));
    }

    @Test
    void predefinedVariablesAsAwsRecorded() {
        String string = transform(Map.of(), "\"Message containing all pre defined variables <aws.events.rule-arn> "
                + "<aws.events.rule-name> <aws.events.event.ingestion-time>\"");
        assertEquals("\"Message containing all pre defined variables arn:aws:events:us-east-1:123456789012:rule/"
                + BUS + "/rule rule 2023-05-19T13:56:16Z\"", string);

        JsonNode json = Json.parseOrNull(transform(Map.of(),
                "{\"originalEvent\": <aws.events.event>, \"originalEventJson\": <aws.events.event.json>}"));
        JsonNode original = json.get("originalEvent");
        List<String> names = new java.util.ArrayList<>();
        original.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("id", "account", "detailType", "time", "source", "region", "resources", "version"),
                names);
        assertEquals("core.update-account-command", original.get("detailType").textValue());
        JsonNode full = json.get("originalEventJson");
        assertEquals(Json.parseOrNull(RECORDED_DETAIL), full.get("detail"));
        assertEquals(full.get("id"), original.get("id"));
    }

    @Test
    void putTargetsRejectsWhatAwsRejects() {
        InMemoryEventBridge bridge = InMemoryEventBridge.create();
        bridge.putRule(RuleDefinition.of("rule", null, "{\"source\": [\"x\"]}"));
        EventBridgeServiceException both = assertThrows(EventBridgeServiceException.class,
                () -> bridge.putTargets(null, "rule", List.of(Target.builder("tid", QUEUE).inputPath("$.detail")
                        .inputTransformer(InputTransformer.of("\"x\"")).build())));
        assertEquals("Only one of Input, InputPath, or InputTransformer must be provided for target tid.",
                both.getMessage());
        EventBridgeServiceException placeholder = assertThrows(EventBridgeServiceException.class,
                () -> bridge.putTargets(null, "rule", List.of(Target.builder("tid", QUEUE).inputTransformer(
                        InputTransformer.of(recordedPaths("$.detail.command"),
                                "\"Event of <detail-type> type, with not defined key <notdefinedkey>\"")).build())));
        assertEquals("InputTemplate for target tid contains invalid placeholder notdefinedkey.",
                placeholder.getMessage());
        String secret = "x".repeat(300) + " SECRET-PAYLOAD-MARKER " + "y".repeat(7000);
        EventBridgeServiceException longPlaceholder = assertThrows(EventBridgeServiceException.class,
                () -> bridge.putTargets(null, "rule", List.of(Target.builder("tid", QUEUE).inputTransformer(
                        InputTransformer.of(recordedPaths("$.detail.command"), "{\"a\": <" + secret + ">}"))
                        .build())));
        assertEquals("InputTemplate for target tid contains invalid placeholder " + "x".repeat(256) + "... ("
                + secret.length() + " characters).", longPlaceholder.getMessage(), "a template is quoted only in part");
        EventBridgeServiceException input = assertThrows(EventBridgeServiceException.class,
                () -> bridge.putTargets(null, "rule", List.of(Target.builder("tid", QUEUE).input("{nope").build())));
        assertEquals("ValidationException", input.errorCode());
        assertTrue(input.getMessage().startsWith("Input for target tid is not valid JSON"), input.getMessage());
        EventBridgeServiceException path = assertThrows(EventBridgeServiceException.class,
                () -> bridge.putTargets(null, "rule", List.of(Target.builder("tid", QUEUE).inputPath("detail")
                        .build())));
        assertEquals("ValidationException", path.errorCode());
        assertTrue(bridge.listTargetsByRule(null, "rule").isEmpty());
    }
}
