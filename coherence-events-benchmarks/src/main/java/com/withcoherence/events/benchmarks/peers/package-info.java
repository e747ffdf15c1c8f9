/**
 * The approaches a user would otherwise pick, each written as a competent engineer would: honest opponents, checked by
 * tests to read the documented events as coherence-events does and to reject what a careful user rejects.
 */
package com.withcoherence.events.benchmarks.peers;
