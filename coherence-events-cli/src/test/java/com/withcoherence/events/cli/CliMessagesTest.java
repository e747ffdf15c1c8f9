package com.withcoherence.events.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.withcoherence.events.client.CoherenceClientException;
import com.withcoherence.events.client.CoherenceEventsClient;
import com.withcoherence.events.client.PublishEntry;
import com.withcoherence.events.client.Subscription;
import com.withcoherence.events.client.SubscriptionTarget;
import com.withcoherence.events.model.EventPattern;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The client's errors, as the CLI says them: one line, CLI options instead of Java fields and methods. */
class CliMessagesTest {

    private static final String FIFO = "arn:aws:sqs:us-east-1:123456789012:environments.fifo";
    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:provision";

    private static CoherenceClientException invalid(Subscription.Builder subscription) {
        return assertThrows(CoherenceClientException.class, subscription::build);
    }

    @Test
    void namesTheOptionsAndGivesTheCliAdviceOnOneLine() {
        CoherenceClientException e = invalid(Subscription.builder().name("bad name!")
                .pattern(EventPattern.builder().newEnvironments().build())
                .target(SubscriptionTarget.arn(FIFO).withRetryPolicy(500, 3600))
                .target(SubscriptionTarget.arn(FIFO).withRetryPolicy(500, 3600))
                .target(SubscriptionTarget.arn(MACHINE)));

        String said = CliMessages.of(e);

        assertFalse(said.contains("\n"), said);
        assertTrue(said.startsWith("Subscription 'bad name!' is invalid ("), said);
        assertTrue(said.contains("--rule: the rule name 'bad name!' has the character ' '"), said);
        assertEquals(1, said.split("--max-retries: is 500; EventBridge accepts 0 to 185.", -1).length - 1,
                "said once for both targets: " + said);
        assertTrue(said.contains("--message-group: a FIFO queue target needs a message group; pass "
                + "--message-group GROUP"), said);
        assertTrue(said.contains("--target #2: the id 'environments.fifo' is used by an earlier target; ids "
                + "name targets within a rule, so pass each resource once (the CLI names a target after the resource "
                + "in its ARN)."), said);
        assertTrue(said.contains("--role: a Step Functions state machine target needs an IAM role that "
                + "EventBridge assumes to deliver; pass --role arn:aws:iam::ACCOUNT:role/NAME."), said);
        for (String java : List.of("withId", "SubscriptionTarget", "withRoleArn", "permissionsFor", "targets[")) {
            assertFalse(said.contains(java), java + " in " + said);
        }
    }

    @Test
    void saysWhatToDoWithoutCredentialsInsteadOfListingTheProviderChain() {
        try (EventBridgeClient eventBridge = EventBridgeClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(() -> {
                    throw SdkClientException.create("Unable to load credentials from any of the providers in the "
                            + "chain AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider()"
                            + ", EnvironmentVariableCredentialsProvider(), ProfileCredentialsProvider()]) : [...]");
                })
                .build()) {
            CoherenceEventsClient client = CoherenceEventsClient.builder().eventBridge(eventBridge)
                    .bus("b-coherence-events").maxAttempts(1).build();
            CoherenceClientException e = assertThrows(CoherenceClientException.class,
                    () -> client.publish(List.of(PublishEntry.of("s", "t", "{}"))));

            assertEquals(CliMessages.NO_CREDENTIALS, CliMessages.of(e));
        }
    }

    @Test
    void putsAnyMessageOnOneLine() {
        assertEquals("a: b c", CliMessages.oneLine("a:\n  b\n  c\n"));
        assertEquals("", CliMessages.oneLine(null));
    }

    @Test
    void quotesAtMostEightyCharactersOfTheUsersInput() {
        String token = "x".repeat(300);

        assertEquals("Unrecognized token '" + "x".repeat(80) + "…': was expecting JSON",
                CliMessages.quoteAtMost("Unrecognized token '" + token + "': was expecting JSON"));
        assertEquals("short 'kept' as is", CliMessages.quoteAtMost("short 'kept' as is"));
    }

    @Test
    void cutsEveryJsonSourceExcerptOfAPatternErrorToEightyCharacters() {
        String pattern = "{\"source\": [\"" + "y".repeat(600);
        String aws = "Event pattern is not valid. Reason: Unexpected close marker ']': expected '}' (for Object "
                + "starting at [Source: (String)\"" + pattern + "\"[truncated 2500 chars]; line: 1, column: 1])\n at "
                + "[Source: (String)\"" + pattern + "\"[truncated 2500 chars]; line: 1, column: 3016]";

        String said = CliMessages.shortenJsonExcerpts(aws);

        String kept = "[Source: (String)\"" + pattern.substring(0, 80) + "…\"";
        assertEquals("Event pattern is not valid. Reason: Unexpected close marker ']': expected '}' (for Object "
                + "starting at " + kept + "; line: 1, column: 1])\n at " + kept + "; line: 1, column: 3016]", said);
    }
}
