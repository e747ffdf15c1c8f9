package com.withcoherence.events.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Sends entries with PutEvents: in requests of at most 10 entries and below 256 KB together, resending only the
 * entries that failed with a retryable error (the SDK never resends failed entries of a successful response), and
 * accounting for every entry.
 */
final class Publisher {

    private static final Logger LOG = LoggerFactory.getLogger(CoherenceEventsClient.class);

    /** PutEvents takes 1 to 10 entries. */
    static final int MAX_ENTRIES_PER_REQUEST = 10;

    /** Entry error codes worth resending (EventBridge's PutEvents documentation). */
    private static final List<String> RETRYABLE_ENTRY_CODES = List.of("ThrottlingException", "InternalFailure");

    private Publisher() {
    }

    /**
     * Groups entries (given by index) into requests in order: a request holds at most 10 entries whose sizes add up
     * to less than 256 KB.
     */
    static List<List<Integer>> batches(List<PublishEntry> entries, List<Integer> indices) {
        List<List<Integer>> batches = new ArrayList<>();
        List<Integer> batch = new ArrayList<>();
        long size = 0;
        for (int index : indices) {
            int entrySize = entries.get(index).size();
            if (!batch.isEmpty() && (batch.size() == MAX_ENTRIES_PER_REQUEST
                    || size + entrySize >= PublishEntry.MAX_SIZE)) {
                batches.add(batch);
                batch = new ArrayList<>();
                size = 0;
            }
            batch.add(index);
            size += entrySize;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    static PublishResult publish(EventBridgeClient eventBridge, String busId, Backoff backoff,
            List<PublishEntry> entries) {
        int n = entries.size();
        PublishOutcome[] outcomes = new PublishOutcome[n];
        int[] attempts = new int[n];
        String[][] lastError = new String[n][];
        List<Integer> pending = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pending.add(i);
        }
        int requests = 0;
        for (int round = 1; !pending.isEmpty(); round++) {
            List<Integer> retry = new ArrayList<>();
            for (List<Integer> batch : batches(entries, pending)) {
                requests++;
                send(eventBridge, busId, entries, batch, attempts, outcomes, lastError, retry);
            }
            if (retry.isEmpty()) {
                break;
            }
            if (round >= backoff.maxAttempts) {
                for (int index : retry) {
                    outcomes[index] = new PublishOutcome.Failed(index, lastError[index][0], lastError[index][1],
                            attempts[index], true);
                }
                break;
            }
            LOG.debug("PutEvents: {} entries failed with a retryable error; resending (round {} of {})",
                    retry.size(), round + 1, backoff.maxAttempts);
            backoff.pause(round);
            pending = retry;
        }
        PublishResult result = new PublishResult(List.of(outcomes));
        if (result.allAccepted()) {
            LOG.debug("Published {} events to bus {} in {} PutEvents requests", n, busId, requests);
        } else {
            Map<String, Integer> codes = new TreeMap<>();
            result.failed().forEach(f -> codes.merge(f.errorCode(), 1, Integer::sum));
            LOG.warn("Published {} events to bus {}: {} failed {}", n, busId, result.failed().size(), codes);
        }
        return result;
    }

    private static void send(EventBridgeClient eventBridge, String busId, List<PublishEntry> entries,
            List<Integer> batch, int[] attempts, PublishOutcome[] outcomes, String[][] lastError,
            List<Integer> retry) {
        List<PutEventsRequestEntry> request = new ArrayList<>(batch.size());
        for (int index : batch) {
            request.add(toSdk(entries.get(index), busId));
            attempts[index]++;
        }
        PutEventsResponse response;
        try {
            response = eventBridge.putEvents(PutEventsRequest.builder().entries(request).build());
        } catch (AwsServiceException e) {
            boolean retryable = Backoff.isRetryable(e);
            for (int index : batch) {
                if (retryable) {
                    lastError[index] = new String[] {AwsErrors.code(e), AwsErrors.message(e)};
                    retry.add(index);
                } else {
                    outcomes[index] = new PublishOutcome.Failed(index, AwsErrors.code(e), AwsErrors.message(e),
                            attempts[index], false);
                }
            }
            return;
        } catch (SdkException e) {
            // The request may or may not have reached EventBridge (the SDK has retried already): resending could
            // publish twice, so the entries are reported failed and retryable, for the caller to decide.
            for (int index : batch) {
                outcomes[index] = new PublishOutcome.Failed(index, "SdkClientException", String.valueOf(
                        e.getMessage()), attempts[index], true);
            }
            return;
        }
        List<PutEventsResultEntry> results = response.hasEntries() ? response.entries() : List.of();
        for (int k = 0; k < batch.size(); k++) {
            int index = batch.get(k);
            PutEventsResultEntry result = k < results.size() ? results.get(k) : null;
            if (result == null) {
                outcomes[index] = new PublishOutcome.Failed(index, "MissingResult", "EventBridge's response has no "
                        + "result for this entry; it may or may not have been published.", attempts[index], false);
            } else if (result.errorCode() == null && result.eventId() != null) {
                outcomes[index] = new PublishOutcome.Accepted(index, result.eventId(), attempts[index]);
            } else {
                String code = result.errorCode() == null ? "MissingEventId" : result.errorCode();
                String message = result.errorMessage() == null ? "" : result.errorMessage();
                if (RETRYABLE_ENTRY_CODES.contains(code)) {
                    lastError[index] = new String[] {code, message};
                    retry.add(index);
                } else {
                    outcomes[index] = new PublishOutcome.Failed(index, code, message, attempts[index], false);
                }
            }
        }
    }

    static PutEventsRequestEntry toSdk(PublishEntry entry, String busId) {
        PutEventsRequestEntry.Builder b = PutEventsRequestEntry.builder().eventBusName(busId).source(entry.source())
                .detailType(entry.detailType()).detail(entry.detail());
        if (!entry.resources().isEmpty()) {
            b.resources(entry.resources());
        }
        entry.time().ifPresent(b::time);
        return b.build();
    }
}
