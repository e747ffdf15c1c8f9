package com.withcoherence.events.client;

import static com.withcoherence.events.client.Fixtures.BUS;
import static com.withcoherence.events.client.Fixtures.LOG_EVENTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The Lambda permission is added and removed with the real AWS SDK LambdaClient over HTTP, against
 * {@link LambdaPolicyServer} (Lambda's REST-JSON API for AddPermission, GetPolicy and RemovePermission).
 */
class LambdaPermissionsTest {

    private static final String RULE_ARN = "arn:aws:events:us-east-1:123456789012:rule/" + BUS
            + "/log-new-environments";
    private static final String SID = Permissions.statementId(BUS, "log-new-environments");

    private LambdaPolicyServer server;
    private LambdaClient lambda;
    private final List<Duration> slept = new ArrayList<>();
    private LambdaPermissions permissions;

    @BeforeEach
    void start() throws Exception {
        server = new LambdaPolicyServer();
        lambda = server.client();
        permissions = new LambdaPermissions(lambda, new Backoff(3, Duration.ofMillis(10), Duration.ofMillis(100),
                slept::add, () -> 0.5));
    }

    @AfterEach
    void stop() {
        lambda.close();
        server.close();
    }

    @Test
    void addsTheStatementEventBridgeNeedsAndFindsItAfterwards() {
        assertEquals(Set.of(), permissions.statementIds(LOG_EVENTS), "no policy yet");
        assertTrue(permissions.add(LOG_EVENTS, SID, RULE_ARN));

        ObjectNode statement = server.policy(LOG_EVENTS).get(SID);
        assertEquals("lambda:InvokeFunction", statement.path("Action").asText());
        assertEquals("events.amazonaws.com", statement.path("Principal").path("Service").asText());
        assertEquals(RULE_ARN, statement.path("Condition").path("ArnLike").path("AWS:SourceArn").asText());
        assertEquals(Set.of(SID), permissions.statementIds(LOG_EVENTS));
    }

    @Test
    void aStatementAlreadyPresentIsFine() {
        assertTrue(permissions.add(LOG_EVENTS, SID, RULE_ARN));
        assertFalse(permissions.add(LOG_EVENTS, SID, RULE_ARN));
        assertEquals(1, server.policy(LOG_EVENTS).size());
        assertTrue(slept.isEmpty(), "a duplicate is not retried");
    }

    @Test
    void removesTheStatementAndAStatementAlreadyGoneIsFine() {
        permissions.add(LOG_EVENTS, SID, RULE_ARN);
        assertTrue(permissions.remove(LOG_EVENTS, SID));
        assertFalse(permissions.remove(LOG_EVENTS, SID));
        assertEquals(Set.of(), permissions.statementIds(LOG_EVENTS));
    }

    @Test
    void sendsAVersionOrAliasAsTheQualifier() {
        permissions.add(LOG_EVENTS + ":live", SID, RULE_ARN);
        assertEquals("POST /2015-03-31/functions/" + LOG_EVENTS + "/policy?Qualifier=live", server.requests().get(0));
        assertEquals(Set.of(SID), server.policy(LOG_EVENTS + ":live").keySet());
        assertEquals(Set.of(SID), permissions.statementIds(LOG_EVENTS + ":live"));
        assertEquals(Set.of(), permissions.statementIds(LOG_EVENTS));
    }

    @Test
    void retriesAnUpdateInProgressAndThrottling() {
        server.failNext(409, "ResourceConflictException", "The operation cannot be performed at this time. An update "
                + "is in progress for resource: " + LOG_EVENTS);
        server.failNext(429, "TooManyRequestsException", "Rate exceeded");
        assertTrue(permissions.add(LOG_EVENTS, SID, RULE_ARN));
        assertEquals(3, server.requests().size());
        assertEquals(2, slept.size());
    }

    @Test
    void reportsAMissingPermissionWithTheActionToGrant() {
        server.failNext(403, "AccessDeniedException", "User is not authorized to perform: lambda:AddPermission");
        CoherenceClientException e = assertThrows(CoherenceClientException.class,
                () -> permissions.add(LOG_EVENTS, SID, RULE_ARN));
        assertEquals("AccessDeniedException", e.awsErrorCode().orElseThrow());
        assertTrue(e.getMessage().contains("Grant the caller lambda:AddPermission"), e.getMessage());
        assertTrue(e.awsRequestId().orElseThrow().startsWith("lambda-req-"));
    }
}
