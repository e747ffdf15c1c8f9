package com.withcoherence.events.testkit;

import java.time.Duration;

/**
 * What EventBridge's at-least-once, unordered delivery may do to a handler, on demand: duplicate deliveries,
 * deliveries delayed (and so reordered), and the deliveries of one PutEvents call shuffled.
 *
 * <pre>{@code
 * bridge.chaos(Chaos.seeded(7).withDuplicates(0.2).withDelaysUpTo(Duration.ofSeconds(30)).withShuffledDeliveries());
 * bridge.putEvents(entries);
 * bridge.advanceClock(Duration.ofSeconds(30));   // delayed deliveries happen as the clock passes them
 * }</pre>
 *
 * <p>Chaos is drawn from a random sequence seeded by {@link #seed()}, so a failing test replays exactly when its
 * events are put from one thread. A duplicate is indistinguishable from the original (same event id, same payload),
 * as a real redelivery is. Delays use the bridge's clock: a delayed delivery happens when
 * {@link InMemoryEventBridge#advanceClock} passes its time, never by real waiting.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param seed the seed of the random choices
 * @param duplicateProbability the probability, 0 to 1, that a delivery is made twice
 * @param maxDelay the longest delay added to a first delivery attempt (each delay is drawn uniformly from zero to
 *     this, in milliseconds); {@link Duration#ZERO} for none
 * @param shuffle whether the deliveries produced by one PutEvents call are made in random order
 */
public record Chaos(long seed, double duplicateProbability, Duration maxDelay, boolean shuffle) {

    /** No chaos: every delivery once, at once, in order. The bridge's default. */
    public static final Chaos NONE = new Chaos(0, 0, Duration.ZERO, false);

    /**
     * Validates the components.
     *
     * @param seed the seed of the random choices
     * @param duplicateProbability the probability, 0 to 1, that a delivery is made twice
     * @param maxDelay the longest delay added to a first delivery attempt (each delay is drawn uniformly from zero to this, in milliseconds); {@link Duration#ZERO} for none
     * @param shuffle whether the deliveries produced by one PutEvents call are made in random order
     * @throws IllegalArgumentException if the probability is not within 0 and 1, or the delay is {@code null} or
     *     negative
     */
    public Chaos {
        if (!(duplicateProbability >= 0 && duplicateProbability <= 1)) {
            throw new IllegalArgumentException("duplicateProbability must be between 0 and 1 but was "
                    + duplicateProbability);
        }
        if (maxDelay == null || maxDelay.isNegative()) {
            throw new IllegalArgumentException("maxDelay must be zero or positive but was " + maxDelay);
        }
    }

    /**
     * Returns no chaos yet, with a seed for the chaos added with the {@code with…} methods.
     *
     * @param seed the seed
     * @return the chaos, never {@code null}
     */
    public static Chaos seeded(long seed) {
        return new Chaos(seed, 0, Duration.ZERO, false);
    }

    /**
     * Returns this chaos with deliveries duplicated with the given probability.
     *
     * @param probability 0 to 1; 1 duplicates every delivery
     * @return a new chaos, never {@code null}
     * @throws IllegalArgumentException if the probability is not within 0 and 1
     */
    public Chaos withDuplicates(double probability) {
        return new Chaos(seed, probability, maxDelay, shuffle);
    }

    /**
     * Returns this chaos with first delivery attempts delayed by up to {@code max}.
     *
     * @param max the longest delay; must not be {@code null} or negative
     * @return a new chaos, never {@code null}
     * @throws IllegalArgumentException if {@code max} is {@code null} or negative
     */
    public Chaos withDelaysUpTo(Duration max) {
        return new Chaos(seed, duplicateProbability, max, shuffle);
    }

    /**
     * Returns this chaos with the deliveries of each PutEvents call shuffled.
     *
     * @return a new chaos, never {@code null}
     */
    public Chaos withShuffledDeliveries() {
        return new Chaos(seed, duplicateProbability, maxDelay, true);
    }

    /**
     * Returns whether this chaos changes nothing.
     *
     * @return {@code true} for no duplicates, no delays and no shuffling
     */
    public boolean isNone() {
        return duplicateProbability == 0 && maxDelay.isZero() && !shuffle;
    }
}
