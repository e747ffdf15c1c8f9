/**
 * The coherence-events client module; see the project README for what it offers.
 */
package com.withcoherence.events.client;
