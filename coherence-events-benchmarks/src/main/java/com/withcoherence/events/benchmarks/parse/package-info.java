/**
 * Parse throughput: coherence-events beside the four approaches a user would otherwise pick. Later benchmark families
 * (in-memory bus routing, valid_environments scale, the loopback endpoint) get packages of their own beside this one.
 */
package com.withcoherence.events.benchmarks.parse;
