package com.withcoherence.events.benchmarks.coldstart;

import com.withcoherence.events.benchmarks.peers.DatabindPeer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Cold start, jackson-databind into records with JavaTimeModule: parses the event file named by the first argument and prints its first environment's name. */
public final class DatabindMain {

    private DatabindMain() {
    }

    /**
     * Runs once in a fresh JVM.
     *
     * @param args the path of the event file
     * @throws IOException if the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        try (InputStream in = new FileInputStream(args[0])) {
            System.out.println(DatabindPeer.parse(in).environments().get(0).environmentName());
        }
    }
}
