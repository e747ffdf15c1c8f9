package com.withcoherence.events.client;

import java.util.List;
import java.util.Optional;

/**
 * Thrown when the client cannot do what was asked, with a message that says what to fix.
 *
 * <p>It is thrown in three situations:
 * <ul>
 *   <li>A {@link Subscription}, {@link SubscriptionTarget} or {@link PublishEntry} is invalid: it is rejected
 *       locally, before any call to AWS, and {@link #problems()} lists every problem with the field that is wrong,
 *       such as {@code targets[2].retryPolicy.maximumEventAgeInSeconds}. The same goes for any value of this
 *       package made with a {@code null} part: the problem names the part.
 *   <li>The state found on AWS stops the operation: the Coherence bus does not exist, a rule is managed by another
 *       AWS service, a rule was not created by coherence-events and would be deleted or taken over.
 *   <li>An AWS call failed after the client's retries: {@link #awsErrorCode()} and {@link #awsRequestId()} keep
 *       what AWS answered (quote the request id to AWS Support), and the cause is the AWS SDK's exception. A failed
 *       {@link CoherenceEventsClient#subscribe(Subscription, SubscribeOption...)} may have made some of its
 *       changes; run it again, it converges.
 * </ul>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class CoherenceClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The problems found by local validation; empty for other failures. */
    private final transient List<Problem> problems;

    /** The error code AWS answered, or {@code null} when the failure did not come from AWS. */
    private final String awsErrorCode;

    /** The id AWS gave the failed request, or {@code null}. */
    private final String awsRequestId;

    /**
     * One problem found by local validation: the field that is wrong and what to do about it.
     *
     * <p>Instances are immutable and thread-safe.
     *
     * @param field the path of the wrong field, such as {@code name} or
     *     {@code targets[2].retryPolicy.maximumEventAgeInSeconds}; never {@code null}
     * @param message what is wrong and how to fix it; never {@code null}
     */
    public record Problem(String field, String message) {

        /**
         * Checks the components.
         *
         * @param field the path of the wrong field; never {@code null}
         * @param message what is wrong and how to fix it; never {@code null}
         * @throws NullPointerException if a component is {@code null} (a bug of this library)
         */
        public Problem {
            java.util.Objects.requireNonNull(field, "field");
            java.util.Objects.requireNonNull(message, "message");
        }

        /**
         * Returns {@code field: message}.
         *
         * @return the problem as one line, never {@code null}
         */
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    /** A failure with a message only. */
    CoherenceClientException(String message) {
        this(message, List.of(), null, null, null);
    }

    /** A failure with a message and a cause. */
    CoherenceClientException(String message, Throwable cause) {
        this(message, List.of(), null, null, cause);
    }

    private CoherenceClientException(String message, List<Problem> problems, String awsErrorCode,
            String awsRequestId, Throwable cause) {
        super(message, cause);
        this.problems = List.copyOf(problems);
        this.awsErrorCode = awsErrorCode;
        this.awsRequestId = awsRequestId;
    }

    /** The failure of local validation: every problem, one per line. */
    static CoherenceClientException invalid(String what, List<Problem> problems) {
        return listing(what, "; nothing was sent to AWS", problems);
    }

    /** A value record made with missing parts: every problem, one per line. */
    static CoherenceClientException invalidValue(String what, List<Problem> problems) {
        return listing(what, "", problems);
    }

    private static CoherenceClientException listing(String what, String consequence, List<Problem> problems) {
        StringBuilder message = new StringBuilder(what).append(" is invalid (").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems").append(')').append(consequence).append(':');
        for (Problem problem : problems) {
            message.append("\n  ").append(problem);
        }
        return new CoherenceClientException(message.toString(), problems, null, null, null);
    }

    /** The failure of an AWS call, keeping AWS's error code and request id. */
    static CoherenceClientException aws(String message, String awsErrorCode, String awsRequestId, Throwable cause) {
        return new CoherenceClientException(message, List.of(), awsErrorCode, awsRequestId, cause);
    }

    /**
     * Returns the problems local validation found.
     *
     * @return every problem with its field, in the order found; empty when the failure is not a validation failure;
     *     never {@code null}
     */
    public List<Problem> problems() {
        return problems == null ? List.of() : problems;
    }

    /**
     * Returns the error code AWS answered, such as {@code AccessDeniedException}, when an AWS call failed.
     *
     * @return the code, or empty when the failure did not come from AWS
     */
    public Optional<String> awsErrorCode() {
        return Optional.ofNullable(awsErrorCode);
    }

    /**
     * Returns the id AWS gave the failed request ({@code x-amzn-RequestId}), when an AWS call failed.
     *
     * @return the request id, or empty when the failure did not come from AWS or AWS sent none
     */
    public Optional<String> awsRequestId() {
        return Optional.ofNullable(awsRequestId);
    }
}
