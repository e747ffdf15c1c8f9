package com.withcoherence.events.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The documented sample events, byte for byte as Coherence publishes them (copies of
 * {@code new-environments.json} and {@code valid-environments.json} from the Coherence EventBridge how-to).
 */
public final class Fixtures {

    private Fixtures() {
    }

    /**
     * Returns the bytes of a documented event.
     *
     * @param detailType {@code new_environments} or {@code valid_environments}
     * @return the event's UTF-8 bytes, a new array on each call
     */
    public static byte[] documented(String detailType) {
        String resource = "/events/" + detailType.replace('_', '-') + ".json";
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no documented event for detail-type " + detailType);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
