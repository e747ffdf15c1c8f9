package com.withcoherence.events.examples;

import java.util.Optional;

/**
 * Where a handler keeps the environment tracker's state between invocations, as JSON text.
 *
 * <p>In production use a durable store with conditional writes (S3 with {@code If-Match}, DynamoDB with a condition
 * expression) so that two concurrent invocations cannot overwrite each other; {@link FileStateStore} is for local
 * runs and tests.
 */
public interface StateStore {

    /**
     * Reads the state saved last.
     *
     * @return the JSON text, or empty when nothing was saved yet
     */
    Optional<String> load();

    /**
     * Saves the state.
     *
     * @param json the state's JSON text; never {@code null}
     */
    void save(String json);
}
