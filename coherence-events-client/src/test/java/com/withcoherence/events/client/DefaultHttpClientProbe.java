package com.withcoherence.events.client;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Uses the client as a user who added only {@code coherence-events-client} would: an {@code EventBridgeClient} built
 * without {@code .httpClient(...)}, so that the SDK loads whatever HTTP client is on the class path. Run by
 * {@link CoherenceEventsClientTest} in a class loader without url-connection-client, the HTTP client the other tests
 * name.
 */
public final class DefaultHttpClientProbe {

    private DefaultHttpClientProbe() {
    }

    /** Publishes the documented event to the endpoint's Coherence bus; returns what happened. */
    public static String run(String endpoint) {
        try (EventBridgeClient eventBridge = EventBridgeClient.builder().endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .build()) {
            CoherenceEventsClient client = CoherenceEventsClient.builder().eventBridge(eventBridge)
                    .bus(Fixtures.BUS).maxAttempts(1).build();
            return "published: " + client.publish(java.util.List.of(PublishEntry.of("test", "probe", "{}")));
        }
    }
}
