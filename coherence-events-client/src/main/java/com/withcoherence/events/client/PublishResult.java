package com.withcoherence.events.client;

import java.util.List;

/**
 * The result of {@link CoherenceEventsClient#publish(List)}: one {@link PublishOutcome} per entry, in the order of
 * the entries. No entry is left out: each was either accepted or failed.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param outcomes the outcome of each entry, at the entry's index; copied into an unmodifiable list
 */
public record PublishResult(List<PublishOutcome> outcomes) {

    /**
     * Copies the outcomes.
     *
     * @param outcomes the outcome of each entry; must not be {@code null} nor hold {@code null}
     * @throws CoherenceClientException if {@code outcomes} is {@code null} or holds {@code null}
     */
    public PublishResult {
        Components.of("PublishResult").list("outcomes", outcomes).check();
        outcomes = List.copyOf(outcomes);
    }

    /**
     * Returns whether EventBridge accepted every entry.
     *
     * @return {@code true} when no entry failed (also for an empty publish)
     */
    public boolean allAccepted() {
        return outcomes.stream().allMatch(PublishOutcome.Accepted.class::isInstance);
    }

    /**
     * Returns the accepted entries.
     *
     * @return the outcomes of the accepted entries, in order; possibly empty, never {@code null}
     */
    public List<PublishOutcome.Accepted> accepted() {
        return outcomes.stream().filter(PublishOutcome.Accepted.class::isInstance)
                .map(PublishOutcome.Accepted.class::cast).toList();
    }

    /**
     * Returns the failed entries.
     *
     * @return the outcomes of the failed entries, in order; possibly empty, never {@code null}
     */
    public List<PublishOutcome.Failed> failed() {
        return outcomes.stream().filter(PublishOutcome.Failed.class::isInstance)
                .map(PublishOutcome.Failed.class::cast).toList();
    }

    /**
     * Returns e.g. {@code 9 accepted, 1 failed}.
     *
     * @return a summary, never {@code null}
     */
    @Override
    public String toString() {
        return accepted().size() + " accepted, " + failed().size() + " failed";
    }
}
