package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The TCP_NODELAY trap, each case in a fresh JVM (the JDK fixes the setting once per JVM): another JDK HTTP server
 * started before any {@link LocalEventBridge} leaves TCP_NODELAY off, and every SDK call to the endpoint ~40 ms slower,
 * unless the testkit set the property first.
 */
class LocalEventBridgeSessionListenerTest {

    @Test
    void aJunitSessionGetsTcpNoDelayEvenWhenAnotherServerStartsFirst() throws Exception {
        assertEquals("nodelay=true", probe("junit-session"));
    }

    @Test
    void loadingTheExtensionSetsItBeforeTheTestClassStartsAServer() throws Exception {
        assertEquals("nodelay=true", probe("extension"));
    }

    /** The trap itself, which the two cases above avoid: the test would pass without the testkit's help otherwise. */
    @Test
    void withoutEitherAnotherServerStartedFirstLeavesItOff() throws Exception {
        assertEquals("nodelay=false", probe("nothing"));
    }

    @Test
    void neverOverridesTheBuildsOwnChoice() throws Exception {
        assertEquals("nodelay=false", probe("junit-session", "-Dsun.net.httpserver.nodelay=false"));
    }

    @Test
    void isRegisteredForTheJunitPlatformLauncher() throws IOException {
        try (var services = getClass().getResourceAsStream(
                "/META-INF/services/org.junit.platform.launcher.LauncherSessionListener")) {
            assertTrue(services != null, "the service file is on the classpath");
            assertEquals(LocalEventBridgeSessionListener.class.getName(),
                    new String(services.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }

    /** Runs {@link TcpNoDelayProbe} in a new JVM with this JVM's classpath and returns its last line. */
    static String probe(String scenario, String... jvmOptions) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "jdk.httpserver/sun.net.httpserver=ALL-UNNAMED",
                "-Xshare:auto", "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TcpNoDelayProbe.class.getName(),
                scenario));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe ended");
        assertEquals(0, process.exitValue(), output);
        String[] lines = output.strip().split("\\R");
        return lines[lines.length - 1];
    }
}
