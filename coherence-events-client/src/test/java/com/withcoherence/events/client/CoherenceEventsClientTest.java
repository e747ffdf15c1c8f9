package com.withcoherence.events.client;

import static com.withcoherence.events.client.Fixtures.BUS;
import static com.withcoherence.events.client.Fixtures.BUS_ARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.withcoherence.events.client.CoherenceClientException.Problem;
import com.withcoherence.events.model.CoherenceBus;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The client: its configuration, and everything it does, with the real SDK over HTTP. */
class CoherenceEventsClientTest {

    /** A real SDK client for an endpoint, without SDK retries so that every call is counted once. */
    static EventBridgeClient eventBridge(URI endpoint) {
        return EventBridgeClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @Nested
    class Configuration {

        @Test
        void needsTheEventBridgeClientAndTheBus() {
            CoherenceClientException e = assertThrows(CoherenceClientException.class,
                    () -> CoherenceEventsClient.builder().build());
            assertEquals(List.of("eventBridge", "bus"), e.problems().stream().map(Problem::field).toList());
        }

        @Test
        void neverTheDefaultBusNorANameEventBridgeRejects() {
            assertEquals("bus", assertThrows(CoherenceClientException.class,
                    () -> CoherenceEventsClient.builder().bus("default")).problems().get(0).field());
            assertThrows(CoherenceClientException.class, () -> CoherenceEventsClient.builder().bus("my bus"));
            assertThrows(CoherenceClientException.class,
                    () -> CoherenceEventsClient.builder().bus("arn:aws:sqs:us-east-1:123456789012:q"));
            assertThrows(CoherenceClientException.class, () -> CoherenceEventsClient.builder().bus((String) null));
        }

        @Test
        void takesTheBusByNameArnOrValue() {
            try (EventBridgeClient eventBridge = eventBridge(URI.create("http://127.0.0.1:9"))) {
                assertEquals(BUS, CoherenceEventsClient.builder().eventBridge(eventBridge).bus(BUS_ARN).build()
                        .busName());
                assertEquals(BUS, CoherenceEventsClient.builder().eventBridge(eventBridge)
                        .bus(CoherenceBus.forApp("12309ijsdf-your-app-name")).build().busName());
            }
        }

        @Test
        void worksWithoutTheOptionalLambdaArtifact() throws Exception {
            List<java.net.URL> urls = new java.util.ArrayList<>();
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            for (String entry : classPath.split(java.io.File.pathSeparator)) {
                if (!java.nio.file.Path.of(entry).getFileName().toString().startsWith("lambda-")) {
                    urls.add(java.nio.file.Path.of(entry).toUri().toURL());
                }
            }
            try (FaultProxy counter = new FaultProxy(null);
                    java.net.URLClassLoader noLambda = new java.net.URLClassLoader(urls.toArray(new java.net.URL[0]),
                            ClassLoader.getPlatformClassLoader())) {
                assertThrows(ClassNotFoundException.class,
                        () -> noLambda.loadClass("software.amazon.awssdk.services.lambda.LambdaClient"));
                Object outcome = noLambda.loadClass(NoLambdaProbe.class.getName()).getMethod("run", String.class)
                        .invoke(null, counter.uri().toString());
                assertEquals("CoherenceEventsClient[bus=" + BUS + "] InternalException", outcome);
                // The SDK's default retries resend the 500; the client itself stops after one attempt.
                assertEquals(List.of("DescribeEventBus"), counter.operations().stream().distinct().toList());
            }
        }

        @Test
        void checksTheRetrySettings() {
            assertThrows(CoherenceClientException.class, () -> CoherenceEventsClient.builder().maxAttempts(0));
            assertThrows(CoherenceClientException.class, () -> CoherenceEventsClient.builder().maxAttempts(21));
            assertThrows(CoherenceClientException.class,
                    () -> CoherenceEventsClient.builder().retryDelays(Duration.ZERO, Duration.ofSeconds(1)));
            assertThrows(CoherenceClientException.class,
                    () -> CoherenceEventsClient.builder().retryDelays(Duration.ofSeconds(2), Duration.ofSeconds(1)));
            assertThrows(CoherenceClientException.class, () -> CoherenceEventsClient.builder().sleeper(null));
        }
    }

    /** Bad input fails before any HTTP request: a proxy with nothing behind it counts the requests. */
    @Nested
    class NothingIsSentForBadInput {

        private FaultProxy counter;
        private EventBridgeClient eventBridge;
        private CoherenceEventsClient client;

        @BeforeEach
        void start() throws Exception {
            counter = new FaultProxy(null);
            eventBridge = eventBridge(counter.uri());
            client = CoherenceEventsClient.builder().eventBridge(eventBridge).bus(BUS).sleeper(d -> { }).build();
        }

        @AfterEach
        void stop() {
            eventBridge.close();
            counter.close();
        }

        @Test
        void rejectsNullsAndBadNamesLocally() {
            assertThrows(CoherenceClientException.class, () -> client.subscribe(null));
            assertThrows(CoherenceClientException.class, () -> client.plan(null));
            assertThrows(CoherenceClientException.class, () -> client.permissionsFor(null));
            assertEquals("name", assertThrows(CoherenceClientException.class, () -> client.unsubscribe("bad name"))
                    .problems().get(0).field());
            assertThrows(CoherenceClientException.class, () -> client.publish((List<PublishEntry>) null));
            assertEquals("entries[1]", assertThrows(CoherenceClientException.class, () -> client.publish(
                    java.util.Arrays.asList(PublishEntry.of("s", "t", "{}"), null))).problems().get(0).field());
            assertEquals(List.of(), client.publish(List.of()).outcomes());
            assertEquals(List.of(), counter.operations());
        }

        @Test
        void wrapsAnAwsErrorWithItsCodeAndRequestId() {
            CoherenceClientException e = assertThrows(CoherenceClientException.class, () -> client.subscriptions());
            assertEquals("InternalException", e.awsErrorCode().orElseThrow());
            assertTrue(e.awsRequestId().orElseThrow().startsWith("proxy-"), e.getMessage());
            assertEquals(5, counter.operations().size(), "a server error is retried up to maxAttempts");
        }
    }
}
