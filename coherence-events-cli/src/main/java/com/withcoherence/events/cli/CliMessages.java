package com.withcoherence.events.cli;

import com.withcoherence.events.client.CoherenceClientException;
import com.withcoherence.events.client.CoherenceClientException.Problem;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says the client's errors to people at a command line, on one line. The client's messages advise Java callers
 * (which method to call, which option to pass, which field of a {@code Subscription} is wrong); here each field
 * becomes the CLI option that sets it and each piece of Java advice the CLI's equivalent.
 */
final class CliMessages {

    /** A subscription's fields, as {@code targets[2].retryPolicy.maximumRetryAttempts}, and the options that set them. */
    private static final Map<String, String> OPTIONS = Map.of(
            "name", "--rule",
            "description", "--description",
            "targets", "--target",
            "arn", "--target",
            "id", "--target",
            "retryPolicy.maximumRetryAttempts", "--max-retries",
            "retryPolicy.maximumEventAgeInSeconds", "--max-age",
            "deadLetterQueueArn", "--dead-letter",
            "messageGroupId", "--message-group",
            "roleArn", "--role");

    private static final Pattern TARGET_FIELD = Pattern.compile("targets\\[(\\d+)\\](?:\\.(.+))?");

    /** Java advice in the client's messages, and what a CLI user does instead. */
    private static final Map<String, String> ADVICE = Map.of(
            "SubscribeOption.ADOPT_EXISTING_RULE", "--adopt",
            "give this one another with withId(...)", "pass each resource once (the CLI names a target after the "
                    + "resource in its ARN)",
            "use SubscriptionTarget.sqsFifo(queueArn, messageGroupId)", "pass --message-group GROUP",
            "add withRoleArn(\"arn:aws:iam::ACCOUNT:role/NAME\") (the statement it needs is in "
                    + "permissionsFor(subscription))", "pass --role arn:aws:iam::ACCOUNT:role/NAME",
            " (or use the factory of the target's kind)", "",
            "Check the Region, endpoint, network and credentials of the client you passed.",
                    "Check --region, --endpoint-url, the network and your AWS credentials.",
            "where the EventBridgeClient looks (its account and Region)",
                    "in the account of your credentials and the Region called (--region)");

    /** What to do when the SDK's credential chain found nothing, instead of the chain's list of providers. */
    static final String NO_CREDENTIALS = "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or "
            + "AWS_PROFILE, or run 'aws configure' (a loopback --endpoint-url needs none).";

    private CliMessages() {
    }

    /** The client's message, on one line, with its fields as CLI options and its Java advice as the CLI's. */
    static String of(CoherenceClientException e) {
        if (isMissingCredentials(e)) {
            return NO_CREDENTIALS;
        }
        if (e.problems().isEmpty()) {
            return advice(oneLine(e.getMessage()));
        }
        String message = e.getMessage();
        int end = message.indexOf('\n');
        String heading = end < 0 ? message : message.substring(0, end);
        return heading + " " + problems(e.problems());
    }

    /**
     * The problems of a failed validation, one sentence each, on one line. An option the CLI applies to every target
     * (--max-retries, say) is named once however many targets share the problem.
     */
    static String problems(List<Problem> problems) {
        Set<String> said = new LinkedHashSet<>();
        for (Problem problem : problems) {
            said.add(field(problem.field()) + ": " + advice(problem.message()));
        }
        return String.join(" ", said);
    }

    /** Any message on one line: the client lists problems one per line, indented. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\n\\s*", " ");
    }

    private static String field(String field) {
        Matcher target = TARGET_FIELD.matcher(field);
        if (target.matches()) {
            String option = target.group(2) == null ? "--target" : OPTIONS.getOrDefault(target.group(2), "--target");
            // --target is given once per target: say which. The other options apply to every target alike.
            return option.equals("--target") ? "--target #" + (Integer.parseInt(target.group(1)) + 1) : option;
        }
        return OPTIONS.getOrDefault(field, field);
    }

    private static String advice(String message) {
        String said = message;
        for (Map.Entry<String, String> advice : ADVICE.entrySet()) {
            said = said.replace(advice.getKey(), advice.getValue());
        }
        return said;
    }

    /** The most characters of the user's input an error quotes: enough to recognise it, never a whole file. */
    static final int MAX_QUOTED = 80;

    private static final Pattern QUOTED = Pattern.compile("'([^']{" + (MAX_QUOTED + 1) + ",})'");

    private static final Pattern SOURCE_EXCERPT = Pattern.compile(
            "(?s)\\[Source: \\(String\\)\"(.*?)\"(?:\\[truncated \\d+ chars\\])?; line: (\\d+), column: (\\d+)\\]");

    /** A message with every single-quoted part (a JSON parser's token, say) cut to {@value #MAX_QUOTED} characters. */
    static String quoteAtMost(String message) {
        if (message == null) {
            return "";
        }
        Matcher quoted = QUOTED.matcher(message);
        StringBuilder said = new StringBuilder();
        while (quoted.find()) {
            quoted.appendReplacement(said, Matcher.quoteReplacement("'" + cut(quoted.group(1)) + "…'"));
        }
        quoted.appendTail(said);
        return said.toString();
    }

    /** The first {@value #MAX_QUOTED} characters, without splitting a surrogate pair. */
    private static String cut(String text) {
        int end = Character.isHighSurrogate(text.charAt(MAX_QUOTED - 1)) ? MAX_QUOTED - 1 : MAX_QUOTED;
        return text.substring(0, end);
    }

    /**
     * EventBridge's pattern errors quote the pattern as Jackson does ({@code at [Source: (String)"…"; line: 1,
     * column: 2]}), up to 500 characters of it, binary included: the CLI keeps {@value #MAX_QUOTED}.
     */
    static String shortenJsonExcerpts(String message) {
        Matcher source = SOURCE_EXCERPT.matcher(message == null ? "" : message);
        StringBuilder said = new StringBuilder();
        while (source.find()) {
            String excerpt = source.group(1);
            String kept = excerpt.length() <= MAX_QUOTED ? excerpt : cut(excerpt) + "…";
            source.appendReplacement(said, Matcher.quoteReplacement("[Source: (String)\"" + kept + "\"; line: "
                    + source.group(2) + ", column: " + source.group(3) + "]"));
        }
        source.appendTail(said);
        return quoteAtMost(said.toString());
    }

    /** The SDK's credential chain found nothing: its message lists every provider it tried, too much for a CLI. */
    static boolean isMissingCredentials(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof software.amazon.awssdk.core.exception.SdkClientException
                    && String.valueOf(cause.getMessage()).startsWith("Unable to load credentials")) {
                return true;
            }
        }
        return false;
    }
}
