package com.withcoherence.events.benchmarks.coldstart;

/** Cold start, the JVM floor: a main that does nothing. */
public final class EmptyMain {

    private EmptyMain() {
    }

    /**
     * Does nothing.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        // The cost of a fresh JVM alone.
    }
}
