package com.withcoherence.events.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Answers one HTTP exchange as EventBridge's AWS JSON 1.1 endpoint does: checks the method, signature and
 * {@code X-Amz-Target}, reads the body within the size limit, applies injected faults, calls the operation, and
 * answers {@code 200} with the result or an error as {@code {"__type": …, "message": …}} with
 * {@code x-amzn-RequestId}. Every request is recorded in the {@link RequestLog} before its answer is sent.
 *
 * <p>A client mistake is always a 4xx answer, a body cut short included ({@code IncompleteBody}, as AWS answers it).
 * An exception the endpoint did not expect is answered with HTTP 500 {@code InternalException}, kept for
 * {@link LocalEventBridge#internalErrors()} and logged at {@code WARNING} without the request's content; the endpoint
 * keeps serving.
 */
final class EndpointHandler implements HttpHandler {

    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final System.Logger LOGGER = System.getLogger(LocalEventBridge.class.getName());
    private static final int MAX_KEPT_INTERNAL_ERRORS = 100;

    private final AwsJsonProtocol protocol;
    private final EndpointFaults faults;
    private final RequestLog log;
    private final int maxRequestBytes;
    private final ConcurrentLinkedDeque<Throwable> internalErrors = new ConcurrentLinkedDeque<>();
    private final Object inFlightLock = new Object();
    private int inFlight;

    EndpointHandler(AwsJsonProtocol protocol, EndpointFaults faults, RequestLog log, int maxRequestBytes) {
        this.protocol = protocol;
        this.faults = faults;
        this.log = log;
        this.maxRequestBytes = maxRequestBytes;
    }

    List<Throwable> internalErrors() {
        return List.copyOf(internalErrors);
    }

    /** Waits until no exchange is being answered, or the timeout passes; {@code true} if none is. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (inFlightLock) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                inFlightLock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    @Override
    public void handle(HttpExchange exchange) {
        synchronized (inFlightLock) {
            inFlight++;
        }
        try {
            answerAndSend(exchange);
        } finally {
            synchronized (inFlightLock) {
                if (--inFlight == 0) {
                    inFlightLock.notifyAll();
                }
            }
        }
    }

    private void answerAndSend(HttpExchange exchange) {
        long started = System.nanoTime();
        Instant time = Instant.now();
        String requestId = EventIds.random();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operationName = recordedName(target);
        int status;
        String errorCode = null;
        int failedEntries = 0;
        byte[] body;
        boolean close = false;
        try {
            AwsJsonProtocol.Answer answer = answer(exchange, target);
            status = 200;
            failedEntries = answer.failedEntryCount();
            body = write(answer.body());
        } catch (WireError e) {
            status = e.status();
            errorCode = e.errorCode();
            body = error(e.errorCode(), e.getMessage());
            // Past the size limit the rest of the body is not read, and a body cut short leaves no request boundary:
            // either way the connection cannot be reused.
            close = status == 413 || WireError.INCOMPLETE_BODY.equals(errorCode);
        } catch (EventBridgeServiceException e) {
            status = e.statusCode();
            errorCode = e.errorCode();
            body = error(e.errorCode(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 503;
            errorCode = "ServiceUnavailable";
            body = error(errorCode, "The endpoint is shutting down.");
            close = true;
        } catch (Throwable e) {
            // Not the client's mistake: a handler bound to the bridge threw an Error, or the testkit has a bug.
            keep(e);
            LOGGER.log(System.Logger.Level.WARNING, "request " + requestId + " (" + operationName + ") failed with "
                    + e.getClass().getName() + "; answered 500 InternalException. See "
                    + "LocalEventBridge.internalErrors() for the exception.");
            status = 500;
            errorCode = EventBridgeServiceException.INTERNAL;
            body = error(errorCode, "The testkit's endpoint failed with " + e.getClass().getName() + " while "
                    + "answering " + operationName + " (request " + requestId + "); a handler bound to the bridge may "
                    + "have thrown an Error. LocalEventBridge.internalErrors() holds the exception.");
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        log.add(new RecordedRequest(log.nextSequence(), requestId, operationName, time, duration, status,
                Optional.ofNullable(errorCode), failedEntries));
        int answered = status;
        String code = errorCode;
        LOGGER.log(System.Logger.Level.DEBUG, () -> operationName + " " + answered + (code == null ? "" : " " + code)
                + " in " + duration.toMillis() + " ms (request " + requestId + ")");
        send(exchange, status, requestId, body, close);
    }

    /** The operation's API name when the target names one the endpoint answers, else the target as sent. */
    private static String recordedName(String target) {
        if (target == null) {
            return "";
        }
        if (target.startsWith(EventBridgeOperation.TARGET_PREFIX)) {
            String name = target.substring(EventBridgeOperation.TARGET_PREFIX.length());
            if (EventBridgeOperation.fromAwsName(name).isPresent()) {
                return name;
            }
        }
        return target;
    }

    private AwsJsonProtocol.Answer answer(HttpExchange exchange, String target) throws InterruptedException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw new WireError(WireError.UNKNOWN_OPERATION, 400, exchange.getRequestMethod() + " is not an "
                    + "EventBridge request: this is a loopback EventBridge endpoint speaking AWS JSON 1.1; send POST / "
                    + "with X-Amz-Target: AWSEvents.<Operation>, Content-Type: " + CONTENT_TYPE + " and a SigV4 "
                    + "Authorization header, as the AWS SDKs and CLI do.");
        }
        String signedRegion = checkSignature(exchange.getRequestHeaders());
        EventBridgeOperation operation = operation(target);
        byte[] bytes = readBody(exchange);
        Duration latency = faults.latency(operation);
        if (!latency.isZero()) {
            Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
        }
        Optional<EventBridgeServiceException> failure = faults.nextCallFailure(operation);
        if (failure.isPresent()) {
            throw failure.get();
        }
        JsonMembers members = JsonMembers.parse(bytes);
        refuseCrossRegion(operation, members, signedRegion);
        return protocol.call(operation, members);
    }

    /**
     * Refuses a request that names a bus or rule by an ARN of another Region than the one that signed it, as
     * EventBridge does ({@code ValidationException}, "Cross-region api call is not allowed.", AWS-recorded for PutRule
     * and PutTargets). The endpoint stands in for whichever Region signs, so a name, or an ARN of that Region, is
     * served by the one in-memory bridge.
     */
    private static void refuseCrossRegion(EventBridgeOperation operation, JsonMembers members, String signedRegion) {
        if (signedRegion == null) {
            return;
        }
        String named;
        switch (operation) {
            case DESCRIBE_EVENT_BUS:
                named = members.string("Name");
                break;
            case TAG_RESOURCE:
            case UNTAG_RESOURCE:
            case LIST_TAGS_FOR_RESOURCE:
                named = members.string("ResourceARN");
                break;
            case PUT_EVENTS:
            case TEST_EVENT_PATTERN:
            case CREATE_EVENT_BUS:
            case DELETE_EVENT_BUS:
            case LIST_EVENT_BUSES:
            case LIST_RULE_NAMES_BY_TARGET:
                return;
            default:
                named = members.string("EventBusName");
                break;
        }
        String region = arnRegion(named);
        if (region != null && !region.equals(signedRegion)) {
            throw EventBridgeServiceException.validation("Cross-region api call is not allowed.");
        }
    }

    /** The Region of an {@code arn:<partition>:events:<region>:…} ARN, or {@code null} for anything else. */
    private static String arnRegion(String value) {
        if (value == null || !value.startsWith("arn:")) {
            return null;
        }
        String[] parts = value.split(":", 5);
        return parts.length == 5 && parts[2].equals("events") && !parts[3].isEmpty() ? parts[3] : null;
    }

    /**
     * Any SigV4 signature is accepted; an unsigned request is refused, as the service refuses it. Returns the Region
     * of the signature's credential scope ({@code Credential=<key>/<date>/<region>/events/aws4_request}), or
     * {@code null} when it names none (SigV4a signs for a Region set).
     */
    private static String checkSignature(Headers headers) {
        String authorization = headers.getFirst("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw new WireError(WireError.MISSING_AUTHENTICATION_TOKEN, 400, "Request is missing Authentication "
                    + "Token. Sign requests with SigV4 (any access key and secret will do here): give the SDK "
                    + "static credentials, or the CLI AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.");
        }
        if (!(authorization.startsWith("AWS4-HMAC-SHA256 ") || authorization.startsWith("AWS4-ECDSA-P256-SHA256 "))
                || !authorization.contains("Credential=")) {
            throw new WireError(WireError.INCOMPLETE_SIGNATURE, 400, "The Authorization header is not a SigV4 "
                    + "signature (it must start with AWS4-HMAC-SHA256 and carry Credential=, SignedHeaders= and "
                    + "Signature=); sign requests as the AWS SDKs and CLI do.");
        }
        int start = authorization.indexOf("Credential=") + "Credential=".length();
        int end = authorization.indexOf(',', start);
        String[] scope = authorization.substring(start, end < 0 ? authorization.length() : end).trim().split("/");
        return scope.length == 5 && !scope[2].isEmpty() ? scope[2] : null;
    }

    private static EventBridgeOperation operation(String target) {
        if (target == null || target.isBlank()) {
            throw new WireError(WireError.UNKNOWN_OPERATION, 400, "The request has no X-Amz-Target header; name the "
                    + "operation as X-Amz-Target: AWSEvents.<Operation>, such as AWSEvents.PutRule.");
        }
        if (target.startsWith(EventBridgeOperation.TARGET_PREFIX)) {
            String name = target.substring(EventBridgeOperation.TARGET_PREFIX.length());
            Optional<EventBridgeOperation> operation = EventBridgeOperation.fromAwsName(name);
            if (operation.isPresent()) {
                return operation.get();
            }
        }
        StringBuilder known = new StringBuilder();
        for (EventBridgeOperation operation : EventBridgeOperation.values()) {
            known.append(known.length() == 0 ? "" : ", ").append(operation.awsName());
        }
        throw new WireError(WireError.UNKNOWN_OPERATION, 400, "Operation " + ConstraintViolations.quote(target)
                + " is not one the testkit's EventBridge endpoint answers (X-Amz-Target must be "
                + "AWSEvents.<Operation>). It answers " + known + ".");
    }

    private byte[] readBody(HttpExchange exchange) {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        long length = -1;
        if (declared != null) {
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length > maxRequestBytes) {
                throw tooLarge(length + " bytes");
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(maxRequestBytes + 1);
            if (bytes.length > maxRequestBytes) {
                throw tooLarge("more than " + maxRequestBytes + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            // The client's failure, not ours: its body ended before its Content-Length (or last chunk) arrived, or it
            // reset the connection. Answer as AWS answers a body cut short, if the client still reads.
            throw incompleteBody(length);
        }
    }

    private static WireError incompleteBody(long declaredLength) {
        String expected = declaredLength >= 0 ? "the " + declaredLength + " bytes its Content-Length declares"
                : "its last chunk";
        return new WireError(WireError.INCOMPLETE_BODY, 400, "The request body terminated unexpectedly: the "
                + "connection ended before " + expected + " arrived. Send the whole body, with a Content-Length that "
                + "counts its bytes, as the AWS SDKs and CLI do.");
    }

    private WireError tooLarge(String size) {
        return new WireError(WireError.REQUEST_ENTITY_TOO_LARGE, 413, "The request body of " + size + " is over this "
                + "endpoint's limit of " + maxRequestBytes + " bytes (LocalEventBridge.Builder.maxRequestBytes). "
                + "EventBridge also answers oversized requests with HTTP 413; a PutEvents request's entries may total "
                + "256 KB.");
    }

    private void keep(Throwable e) {
        internalErrors.addLast(e);
        while (internalErrors.size() > MAX_KEPT_INTERNAL_ERRORS) {
            internalErrors.pollFirst();
        }
    }

    private static byte[] write(ObjectNode body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing an answer failed", e);
        }
    }

    private static byte[] error(String errorCode, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("__type", errorCode);
        body.put("message", message);
        return write(body);
    }

    private static void send(HttpExchange exchange, int status, String requestId, byte[] body, boolean close) {
        try {
            Headers headers = exchange.getResponseHeaders();
            headers.set("Content-Type", CONTENT_TYPE);
            headers.set("x-amzn-RequestId", requestId);
            if (close) {
                headers.set("Connection", "close");
            }
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(status, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The client went away (or the server is stopping); there is no one left to answer.
            LOGGER.log(System.Logger.Level.DEBUG, () -> "answering request " + requestId + " failed: " + e);
        } finally {
            exchange.close();
        }
    }
}
