package com.withcoherence.events.model;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * What a Lambda {@code RequestStreamHandler} does on its first event: parse a stream and use the result. Run in a fresh
 * JVM by {@link CoherenceEventsTest} to see which classes the parse path loads.
 */
public final class ColdPathProbe {

    private ColdPathProbe() {
    }

    public static void main(String[] args) throws IOException {
        try (InputStream in = new FileInputStream(args[0])) {
            CoherenceEvent event = CoherenceEvents.parse(in);
            if (event instanceof NewEnvironmentsEvent) {
                System.out.println(((NewEnvironmentsEvent) event).environments().get(0).environmentName());
            }
        }
    }
}
