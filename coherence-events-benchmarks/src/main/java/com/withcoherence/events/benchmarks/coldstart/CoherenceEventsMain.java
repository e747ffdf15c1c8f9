package com.withcoherence.events.benchmarks.coldstart;

import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEvents;
import com.withcoherence.events.model.NewEnvironmentsEvent;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Cold start, coherence-events (CoherenceEvents.parse(InputStream)): parses the event file named by the first argument and prints its first environment's name. */
public final class CoherenceEventsMain {

    private CoherenceEventsMain() {
    }

    /**
     * Runs once in a fresh JVM.
     *
     * @param args the path of the event file
     * @throws IOException if the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        try (InputStream in = new FileInputStream(args[0])) {
            CoherenceEvent event = CoherenceEvents.parse(in);
            if (event instanceof NewEnvironmentsEvent) {
                System.out.println(((NewEnvironmentsEvent) event).environments().get(0).environmentName());
            }
        }
    }
}
