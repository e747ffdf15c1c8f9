package com.withcoherence.events.client;

import java.net.UnknownHostException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns the AWS SDK's exceptions into {@link CoherenceClientException}s that keep AWS's code and request id. */
final class AwsErrors {

    private AwsErrors() {
    }

    static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "HTTP " + e.statusCode()
                : e.awsErrorDetails().errorCode();
    }

    static String message(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? e.getMessage()
                : e.awsErrorDetails().errorMessage();
    }

    static boolean hasCode(SdkException e, String code) {
        return e instanceof AwsServiceException && code.equals(code((AwsServiceException) e));
    }

    static CoherenceClientException wrap(String operation, SdkException e) {
        if (e instanceof AwsServiceException) {
            AwsServiceException aws = (AwsServiceException) e;
            String code = code(aws);
            return CoherenceClientException.aws(operation + " failed: " + code + ": " + sentence(message(aws))
                    + hint(code, operation) + (aws.requestId() == null ? "" : " (AWS request id " + aws.requestId()
                    + ")"), code, aws.requestId(), e);
        }
        return new CoherenceClientException(operation + " could not reach AWS: " + sentence(clientMessage(e))
                + ". Check the Region, endpoint, network and credentials of the client you passed.", e);
    }

    /**
     * The SDK's message, except for an unknown host: the SDK's then says "See cause for the exact endpoint", a cause
     * the reader of the message does not see, so the host is named here.
     */
    private static String clientMessage(SdkException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException && cause.getMessage() != null) {
                String message = cause.getMessage();
                int colon = message.indexOf(':');
                String host = colon < 0 ? message : message.substring(0, colon);
                return "the endpoint's host name " + host + " does not resolve (unknown host)";
            }
        }
        return e.getMessage();
    }

    /** AWS's message without its final period ("Event bus x does not exist."), so that the hint can end it. */
    private static String sentence(String message) {
        String trimmed = message == null ? "" : message.strip();
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static String hint(String code, String operation) {
        String service = operation.startsWith("Lambda ") ? "lambda" : "events";
        String action = operation.startsWith("Lambda ") ? operation.substring("Lambda ".length()) : operation;
        switch (code) {
            case "AccessDeniedException":
            case "AccessDenied":
            case "UnrecognizedClientException":
                return ". Grant the caller " + service + ":" + action + " (the README of coherence-events-client "
                        + "lists every action the client uses).";
            case "LimitExceededException":
                return ". An EventBridge quota was reached (300 rules per bus, 5 targets per rule); remove unused "
                        + "rules or ask AWS for a higher quota.";
            case "InvalidEventPatternException":
                // The client checks patterns as EventBridge does, except against the account's quota, which it
                // cannot see: the pattern size quota is 2,048 characters unless raised.
                return ". EventBridge also checks the pattern against the account's 'Event pattern size' quota "
                        + "(2,048 characters by default, adjustable up to 4,096 in Service Quotas); shorten the "
                        + "pattern or raise the quota.";
            case "ThrottlingException":
                return ". EventBridge kept throttling after every retry; try again later or raise the client's "
                        + "retries.";
            default:
                return ".";
        }
    }
}
