package com.withcoherence.events.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.withcoherence.events.client.CoherenceClientException;
import com.withcoherence.events.client.CoherenceClientException.Problem;
import com.withcoherence.events.model.CoherenceBus;
import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEventException;
import com.withcoherence.events.model.UnknownCoherenceEvent;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private static final Map<String, String> OPTIONS = Map.ofEntries(
            Map.entry("name", "--rule"),
            Map.entry("description", "--description"),
            Map.entry("targets", "--target"),
            Map.entry("arn", "--target"),
            Map.entry("id", "--target"),
            Map.entry("retryPolicy.maximumRetryAttempts", "--max-retries"),
            Map.entry("retryPolicy.maximumEventAgeInSeconds", "--max-age"),
            Map.entry("deadLetterQueueArn", "--dead-letter"),
            Map.entry("messageGroupId", "--message-group"),
            Map.entry("roleArn", "--role"),
            Map.entry("bus", "--bus"));

    private static final Pattern TARGET_FIELD = Pattern.compile("targets\\[(\\d+)\\](?:\\.(.+))?");

    /** Java advice in the client's messages, and what a CLI user does instead. */
    private static final Map<String, String> ADVICE = Map.ofEntries(
            Map.entry("SubscribeOption.ADOPT_EXISTING_RULE", "--adopt"),
            Map.entry("give this one another with withId(...)", "pass each resource once (the CLI names a target "
                    + "after the resource in its ARN)"),
            Map.entry("use SubscriptionTarget.sqsFifo(queueArn, messageGroupId)", "pass --message-group GROUP"),
            Map.entry("add withRoleArn(\"arn:aws:iam::ACCOUNT:role/NAME\") (the statement it needs is in "
                    + "permissionsFor(subscription))", "pass --role arn:aws:iam::ACCOUNT:role/NAME"),
            Map.entry(" (or use the factory of the target's kind)", ""),
            Map.entry("Check the Region, endpoint, network and credentials of the client you passed.",
                    "Check --region, --endpoint-url, the network and your AWS credentials."),
            Map.entry("where the EventBridgeClient looks (its account and Region)",
                    "in the account of your credentials and the Region called (--region)"),
            Map.entry("To name a bus by ARN use CoherenceBus.of(arn).", "To name a bus by ARN, pass the whole ARN "
                    + "to --bus (arn:aws:events:REGION:ACCOUNT:event-bus/NAME)."),
            Map.entry(", or use CoherenceBus.forApp(appNameAndHash).", "."),
            Map.entry("e.g. CoherenceBus.forApp(\"12309ijsdf-your-app-name\").",
                    "e.g. --bus 12309ijsdf-your-app-name-coherence-events."),
            Map.entry("Event pattern is not valid. Reason: The builder's arguments cannot make a valid pattern: ",
                    "The options cannot make a valid event pattern: "),
            Map.entry("leave the prefix out to select every environment",
                    "leave --environment-prefix out to select every environment"),
            Map.entry(", or write the pattern yourself and check it with EventPattern.of(json, quota)", ""),
            Map.entry("To read an SQS message, SNS notification or SQS batch use CoherenceEvents.parseDelivery.",
                    "This reads one EventBridge event; to read an SQS message, SNS notification or SQS batch, use "
                    + "'coherence-events parse --delivery'."));

    /** The pattern builder's arguments, as {@code environmentNamePrefixes: value 2}, and the options that set them. */
    private static final Map<String, String> PATTERN_OPTIONS = Map.of(
            "detailTypes", "--detail-type",
            "environmentNamePrefixes", "--environment-prefix",
            "applicationNames", "--application");

    private static final Pattern JACKSON_SETTING = Pattern.compile(", from `StreamReadConstraints\\.\\w+\\(\\)`");

    private static final Pattern PATTERN_ARGUMENT = Pattern.compile(
            "\\b(detailTypes|environmentNamePrefixes|applicationNames): value (\\d+)");

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

    /** A model error (a bad event, bus or pattern) on one line, with its Java advice as the CLI's. */
    static String of(CoherenceEventException e) {
        return advice(oneLine(e.getMessage()));
    }

    private static String advice(String message) {
        String said = message;
        for (Map.Entry<String, String> advice : ADVICE.entrySet()) {
            said = said.replace(advice.getKey(), advice.getValue());
        }
        // The CLI passes each repeated option to the builder as one array: value N is the option's Nth use.
        Matcher argument = PATTERN_ARGUMENT.matcher(said);
        StringBuilder options = new StringBuilder();
        while (argument.find()) {
            argument.appendReplacement(options, Matcher.quoteReplacement(PATTERN_OPTIONS.get(argument.group(1))
                    + " #" + argument.group(2)));
        }
        argument.appendTail(options);
        // Jackson names the Java setting behind a limit; the user can only change the input.
        return JACKSON_SETTING.matcher(options).replaceAll("");
    }

    /** A message of the model (a schema violation, say) with its Java advice as the CLI's. */
    static String of(String message) {
        return advice(oneLine(message));
    }

    /**
     * The CLI's reader of JSON it only inspects: EventBridge's 1,000 levels of nesting, as the testkit reads, and no
     * input copied into error messages.
     */
    static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1000).build())
            .build());

    /**
     * What a file that is not an event is, when it is an SQS or SNS delivery (a Lambda handler's input, say): parse
     * reads single events, and the model's "missing required fields" would not tell the user why.
     *
     * @return the sentence to say instead, or empty when the input does not look like a delivery
     */
    static Optional<String> deliveryInstead(byte[] input, String name) {
        JsonNode node;
        try {
            node = JSON.readTree(input);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        String kind;
        if (node.path("Records").isArray()) {
            kind = "an SQS or SNS delivery to Lambda (it has Records)";
        } else if (node.path("Type").asText().equals("Notification") && node.has("Message")) {
            kind = "an SNS notification";
        } else if (node.has("messageId") && node.has("body")) {
            kind = "an SQS message";
        } else {
            return Optional.empty();
        }
        return Optional.of(name + " looks like " + kind + ", not an EventBridge event. parse reads single events; "
                + "pass --delivery to read the events a delivery carries.");
    }

    /** The detail-types Coherence sends. */
    static final List<String> KNOWN_DETAIL_TYPES = List.of(CoherenceBus.NEW_ENVIRONMENTS,
            CoherenceBus.VALID_ENVIRONMENTS);

    /**
     * A note for an event whose detail-type is not one Coherence sends but a typo or two from one: it is a valid
     * {@link UnknownCoherenceEvent} (Coherence may add detail-types), so nothing fails, and a misspelt test event
     * would silently never reach the handlers of the real one.
     *
     * @return the one-line note, or empty when the detail-type is known or not near a known one
     */
    static Optional<String> misspeltDetailType(CoherenceEvent event, String name) {
        if (!(event instanceof UnknownCoherenceEvent)) {
            return Optional.empty();
        }
        return Spelling.closest(event.detailType(), KNOWN_DETAIL_TYPES, 2).map(known -> "note: " + name
                + ": the detail-type '" + event.detailType() + "' is not one Coherence sends; did you mean " + known
                + "? (It is read as an event of an unknown detail-type.)");
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
