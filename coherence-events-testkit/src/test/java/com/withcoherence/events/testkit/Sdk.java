package com.withcoherence.events.testkit;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The real AWS SDK for Java v2 EventBridge client, configured as a user would point it at the loopback endpoint:
 * url-connection HTTP client, static (fake) credentials, a Region and {@code endpointOverride}.
 */
final class Sdk {

    private Sdk() {
    }

    /** The SDK's standard retries (3 attempts), without waiting between them, so tests stay fast. */
    static EventBridgeClient client(URI endpoint) {
        return client(endpoint, AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .backoffStrategy(BackoffStrategy.retryImmediately())
                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                .circuitBreakerEnabled(false)
                .build());
    }

    /** Every call made once: what the endpoint answers is what the test sees. */
    static EventBridgeClient withoutRetries(URI endpoint) {
        return client(endpoint, AwsRetryStrategy.doNotRetry());
    }

    static EventBridgeClient client(URI endpoint, RetryStrategy retries) {
        return EventBridgeClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTKIT",
                        "not-a-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(retries))
                .build();
    }
}
