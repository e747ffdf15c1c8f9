/** Summaries of benchmark results for BENCHMARKS.md; JMH-free at run time apart from its statistics helper. */
package com.withcoherence.events.benchmarks.report;
