/**
 * Benchmarks of coherence-events against the approaches a user would otherwise pick (not published). JMH benchmarks
 * live in one package per family ({@code parse}, later the bus and the endpoint), peers in {@code peers}, whole-process
 * mains in {@code coldstart}, result summaries in {@code report}; the scripts that run them are in {@code scripts/}.
 */
package com.withcoherence.events.benchmarks;
