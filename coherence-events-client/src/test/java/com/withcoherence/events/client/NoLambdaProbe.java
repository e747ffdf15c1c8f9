package com.withcoherence.events.client;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Uses the client as a user without the optional {@code software.amazon.awssdk:lambda} artifact would. Run by
 * {@link CoherenceEventsClientTest} in a class loader without that jar.
 */
public final class NoLambdaProbe {

    private NoLambdaProbe() {
    }

    /** Builds a client, plans a subscription with a Lambda target against the endpoint; returns what happened. */
    public static String run(String endpoint) {
        try (EventBridgeClient eventBridge = EventBridgeClient.builder().endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .build()) {
            CoherenceEventsClient client = CoherenceEventsClient.builder().eventBridge(eventBridge)
                    .bus(Fixtures.BUS).maxAttempts(1).build();
            Subscription subscription = Fixtures.documentedSetup();
            try {
                SubscriptionPlan plan = client.plan(subscription);
                return client + " planned: " + String.join(", ", plan.changes().stream()
                        .map(c -> c.action().sign() + " " + c.action().verb() + " " + c.subject()).toList());
            } catch (CoherenceClientException e) {
                return client + " " + e.awsErrorCode().orElse("no code");
            }
        }
    }
}
