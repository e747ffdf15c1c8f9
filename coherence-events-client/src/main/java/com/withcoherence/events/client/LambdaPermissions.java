package com.withcoherence.events.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AddPermissionRequest;
import software.amazon.awssdk.services.lambda.model.GetPolicyRequest;
import software.amazon.awssdk.services.lambda.model.GetPolicyResponse;
import software.amazon.awssdk.services.lambda.model.RemovePermissionRequest;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Adds and removes the Lambda permission EventBridge needs to invoke a function. The only class that touches the
 * optional {@code software.amazon.awssdk:lambda} dependency: it is loaded only when the user gave a LambdaClient.
 */
final class LambdaPermissions {

    private static final Logger LOG = LoggerFactory.getLogger(CoherenceEventsClient.class);

    private final LambdaClient lambda;
    private final Backoff backoff;

    LambdaPermissions(Object lambda, Backoff backoff) {
        this.lambda = (LambdaClient) lambda;
        this.backoff = backoff;
    }

    /** The ids of the statements in a function's policy; empty when it has no policy (or does not exist yet). */
    Set<String> statementIds(String functionArn) {
        GetPolicyResponse response;
        try {
            response = backoff.call("Lambda GetPolicy", () -> lambda.getPolicy(qualified(GetPolicyRequest.builder(),
                    functionArn)));
        } catch (CoherenceClientException e) {
            if (e.getCause() instanceof ResourceNotFoundException) {
                return Set.of();
            }
            throw e;
        }
        Set<String> ids = new LinkedHashSet<>();
        if (response.policy() == null) {
            return ids;
        }
        try {
            for (JsonNode statement : Validation.JSON.readTree(response.policy()).path("Statement")) {
                if (statement.path("Sid").isTextual()) {
                    ids.add(statement.path("Sid").asText());
                }
            }
        } catch (JsonProcessingException e) {
            throw new CoherenceClientException("Lambda GetPolicy answered a policy for " + functionArn + " that is not "
                    + "JSON; check the endpoint the LambdaClient talks to.", e);
        }
        return ids;
    }

    /** Lets EventBridge invoke the function for the rule; a statement already present with this id is fine. */
    boolean add(String functionArn, String statementId, String ruleArn) {
        boolean[] present = {false};
        backoff.call("Lambda AddPermission", () -> {
            try {
                return lambda.addPermission(qualified(AddPermissionRequest.builder(), functionArn)
                        .statementId(statementId).action("lambda:InvokeFunction")
                        .principal(Permissions.EVENTS_PRINCIPAL).sourceArn(ruleArn).build());
            } catch (ResourceConflictException e) {
                if (isDuplicate(e)) {
                    present[0] = true;
                    return null;
                }
                throw e;
            }
            // The other conflict, "An update is in progress for resource", passes a moment later: retry it.
        }, e -> e instanceof ResourceConflictException);
        if (present[0]) {
            LOG.debug("Lambda permission {} on {} is already present", statementId, functionArn);
            return false;
        }
        LOG.info("Added Lambda permission {} on {} for rule {}", statementId, functionArn, ruleArn);
        return true;
    }

    /** Removes the statement; one that is gone already is fine. */
    boolean remove(String functionArn, String statementId) {
        try {
            backoff.call("Lambda RemovePermission", () -> lambda.removePermission(qualified(
                    RemovePermissionRequest.builder(), functionArn).statementId(statementId).build()));
        } catch (CoherenceClientException e) {
            if (e.getCause() instanceof ResourceNotFoundException) {
                LOG.debug("Lambda permission {} on {} was already removed", statementId, functionArn);
                return false;
            }
            throw e;
        }
        LOG.info("Removed Lambda permission {} from {}", statementId, functionArn);
        return true;
    }

    private static boolean isDuplicate(ResourceConflictException e) {
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return message != null && message.contains("already exists");
    }

    /** A function ARN with a version or alias is sent as the unqualified ARN plus Qualifier. */
    private static GetPolicyRequest qualified(GetPolicyRequest.Builder b, String functionArn) {
        String[] parts = functionArn.split(":");
        return parts.length == 8 ? b.functionName(unqualified(parts)).qualifier(parts[7]).build()
                : b.functionName(functionArn).build();
    }

    private static AddPermissionRequest.Builder qualified(AddPermissionRequest.Builder b, String functionArn) {
        String[] parts = functionArn.split(":");
        return parts.length == 8 ? b.functionName(unqualified(parts)).qualifier(parts[7]) : b.functionName(functionArn);
    }

    private static RemovePermissionRequest.Builder qualified(RemovePermissionRequest.Builder b, String functionArn) {
        String[] parts = functionArn.split(":");
        return parts.length == 8 ? b.functionName(unqualified(parts)).qualifier(parts[7]) : b.functionName(functionArn);
    }

    private static String unqualified(String[] parts) {
        return String.join(":", java.util.Arrays.copyOf(parts, 7));
    }
}
