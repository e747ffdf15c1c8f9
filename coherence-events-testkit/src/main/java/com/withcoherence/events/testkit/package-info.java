/**
 * The coherence-events testkit module; see the project README for what it offers.
 */
package com.withcoherence.events.testkit;
