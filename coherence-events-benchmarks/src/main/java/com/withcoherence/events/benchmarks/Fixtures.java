package com.withcoherence.events.benchmarks;

import com.withcoherence.events.testkit.CoherenceFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The documented sample events as bytes, byte for byte as Coherence publishes them: read from the testkit's
 * resources ({@link CoherenceFixtures#DOCUMENTED_NEW_ENVIRONMENTS_RESOURCE} and
 * {@link CoherenceFixtures#DOCUMENTED_VALID_ENVIRONMENTS_RESOURCE}), the one copy of the samples in the repository's
 * test and benchmark code.
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
        String resource;
        if (detailType.equals("new_environments")) {
            resource = CoherenceFixtures.DOCUMENTED_NEW_ENVIRONMENTS_RESOURCE;
        } else if (detailType.equals("valid_environments")) {
            resource = CoherenceFixtures.DOCUMENTED_VALID_ENVIRONMENTS_RESOURCE;
        } else {
            throw new IllegalArgumentException("no documented event for detail-type " + detailType);
        }
        try (InputStream in = CoherenceFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the testkit resource " + resource + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
