/**
 * The {@code coherence-events} command line. Run {@code ./coherence-events --help} at the repository root.
 */
package com.withcoherence.events.cli;
