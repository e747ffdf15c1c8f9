package com.withcoherence.events.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;

/** An AWS error becomes one readable sentence: the call, AWS's code and message, what to do, and the request id. */
class AwsErrorsTest {

    private static AwsServiceException error(String code, String message) {
        return EventBridgeException.builder().awsErrorDetails(AwsErrorDetails.builder().errorCode(code)
                .errorMessage(message).build()).statusCode(400).requestId("req-1").build();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // AWS's messages mostly end with a period (the loopback endpoint answers them as AWS does): one period only.
        "ResourceNotFoundException | Event bus x does not exist. | DescribeEventBus failed: ResourceNotFoundException: "
                + "Event bus x does not exist. (AWS request id req-1)",
        "ThrottlingException | Rate exceeded | PutRule failed: ThrottlingException: Rate exceeded. EventBridge kept "
                + "throttling after every retry; try again later or raise the client's retries. (AWS request id req-1)",
        "LimitExceededException | The requested resource exceeds the maximum number allowed. | PutRule failed: "
                + "LimitExceededException: The requested resource exceeds the maximum number allowed. An EventBridge "
                + "quota was reached (300 rules per bus, 5 targets per rule); remove unused rules or ask AWS for a "
                + "higher quota. (AWS request id req-1)",
        "InvalidEventPatternException | Event pattern is not valid. Reason: too long. | PutRule failed: "
                + "InvalidEventPatternException: Event pattern is not valid. Reason: too long. EventBridge also checks "
                + "the pattern against the account's 'Event pattern size' quota (2,048 characters by default, "
                + "adjustable up to 4,096 in Service Quotas); shorten the pattern or raise the quota. "
                + "(AWS request id req-1)",
    })
    void saysTheCallTheCodeAndWhatToDoInOneSentence(String code, String message, String expected) {
        String operation = expected.substring(0, expected.indexOf(' '));
        CoherenceClientException e = AwsErrors.wrap(operation, error(code, message));
        assertEquals(expected, e.getMessage());
        assertEquals(code, e.awsErrorCode().orElseThrow());
        assertEquals("req-1", e.awsRequestId().orElseThrow());
    }

    @Test
    void anErrorWithoutDetailsIsNamedByItsStatus() {
        AwsServiceException bare = EventBridgeException.builder().statusCode(503).build();
        assertEquals("HTTP 503", AwsErrors.wrap("PutEvents", bare).awsErrorCode().orElseThrow());
    }

    @Test
    void aClientSideFailureSaysWhatToCheck() {
        SdkClientException cause = SdkClientException.create("Unable to execute HTTP request");
        CoherenceClientException e = AwsErrors.wrap("PutRule", cause);
        assertEquals("PutRule could not reach AWS: Unable to execute HTTP request. Check the Region, endpoint, network "
                + "and credentials of the client you passed.", e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void anUnknownHostIsNamedInsteadOfPointingAtACauseTheReaderCannotSee() {
        // The SDK's own text for this case ends with a period and sends the reader to "the cause".
        SdkClientException cause = SdkClientException.builder().message("Received an UnknownHostException when "
                + "attempting to interact with a service. See cause for the exact endpoint that is failing to resolve. "
                + "If this is happening on an endpoint that previously worked, there may be a network connectivity "
                + "issue or your DNS cache could be storing endpoints for too long.")
                .cause(new UnknownHostException("events.no-such-region.amazonaws.com: Name or service not known"))
                .build();

        CoherenceClientException e = AwsErrors.wrap("DescribeEventBus", cause);

        assertEquals("DescribeEventBus could not reach AWS: the endpoint's host name events.no-such-region.amazonaws.com"
                + " does not resolve (unknown host). Check the Region, endpoint, network and credentials of the client "
                + "you passed.", e.getMessage());
    }

    @Test
    void aClientSideMessageEndingWithAPeriodGetsNoSecondOne() {
        CoherenceClientException e = AwsErrors.wrap("PutRule", SdkClientException.create("Unable to sign."));

        assertEquals("PutRule could not reach AWS: Unable to sign. Check the Region, endpoint, network and credentials "
                + "of the client you passed.", e.getMessage());
    }
}
