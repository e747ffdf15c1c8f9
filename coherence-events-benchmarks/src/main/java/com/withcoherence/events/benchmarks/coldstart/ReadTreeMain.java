package com.withcoherence.events.benchmarks.coldstart;

import com.withcoherence.events.benchmarks.peers.ReadTreePeer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Cold start, jackson-databind readTree and walk: parses the event file named by the first argument and prints its first environment's name. */
public final class ReadTreeMain {

    private ReadTreeMain() {
    }

    /**
     * Runs once in a fresh JVM.
     *
     * @param args the path of the event file
     * @throws IOException if the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        try (InputStream in = new FileInputStream(args[0])) {
            System.out.println(ReadTreePeer.parse(in).environments().get(0).environmentName());
        }
    }
}
