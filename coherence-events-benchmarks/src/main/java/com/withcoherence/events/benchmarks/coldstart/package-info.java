/**
 * One tiny main per approach for whole-process cold-start runs ({@code scripts/coldstart.sh}): a fresh JVM parses the
 * documented {@code new_environments} file and prints its first environment's name. Each runs with only its
 * approach's jars on the class path.
 */
package com.withcoherence.events.benchmarks.coldstart;
