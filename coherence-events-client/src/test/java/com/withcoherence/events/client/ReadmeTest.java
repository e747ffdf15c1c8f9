package com.withcoherence.events.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client README's Java example compiles exactly as printed, so it cannot rot. */
class ReadmeTest {

    static final Path README = Path.of("README.md");

    @Test
    void theSubscribeExampleCompiles(@TempDir Path dir) throws Exception {
        compile(dir);
    }

    /** Compiles the README's example into {@code dir} and returns the class's name. */
    static String compile(Path dir) throws Exception {
        String source = javaBlockAfter("## Subscribe from code");
        Path file = dir.resolve("SubscribeLogEvents.java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        int status = javac.run(null, diagnostics, diagnostics, "-d", dir.toString(), "-cp", classPath,
                "-Xlint:all", "-Werror", file.toString());
        assertEquals(0, status, diagnostics.toString(StandardCharsets.UTF_8));
        return "SubscribeLogEvents";
    }

    static String javaBlockAfter(String heading) throws Exception {
        List<String> lines = Files.readAllLines(README);
        int at = lines.indexOf(heading);
        assertTrue(at >= 0, "README has the section " + heading);
        int start = at + 1;
        while (!lines.get(start).equals("```java")) {
            start++;
        }
        int end = start + 1;
        while (!lines.get(end).equals("```")) {
            end++;
        }
        return String.join("\n", lines.subList(start + 1, end)) + "\n";
    }

    /** The actions of the README's IAM policy. */
    static java.util.Set<String> policyActions() throws Exception {
        List<String> lines = Files.readAllLines(README);
        int start = lines.indexOf("## IAM policy");
        while (!lines.get(start).equals("```json")) {
            start++;
        }
        int end = start + 1;
        while (!lines.get(end).equals("```")) {
            end++;
        }
        com.fasterxml.jackson.databind.JsonNode policy = Validation.JSON.readTree(String.join("\n",
                lines.subList(start + 1, end)));
        java.util.Set<String> actions = new java.util.TreeSet<>();
        for (com.fasterxml.jackson.databind.JsonNode statement : policy.path("Statement")) {
            com.fasterxml.jackson.databind.JsonNode action = statement.path("Action");
            if (action.isArray()) {
                action.forEach(a -> actions.add(a.asText()));
            } else {
                actions.add(action.asText());
            }
        }
        return actions;
    }

    @Test
    void theIamPolicyListsTheActionsTheClientCalls() throws Exception {
        assertEquals(new java.util.TreeSet<>(List.of("events:DescribeEventBus", "events:PutEvents",
                "events:DescribeRule", "events:PutRule", "events:DeleteRule", "events:ListTargetsByRule",
                "events:PutTargets", "events:RemoveTargets", "events:TagResource", "events:ListTagsForResource",
                "events:ListRules", "iam:PassRole", "lambda:GetPolicy", "lambda:AddPermission",
                "lambda:RemovePermission")), policyActions());
    }
}
