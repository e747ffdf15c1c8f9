package com.withcoherence.events.testkit;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Prepares a test JVM for {@link LocalEventBridge} when a JUnit Platform session opens, before any test class runs:
 * it sets the JDK property {@code sun.net.httpserver.nodelay} to {@code true} unless the build set it.
 *
 * <p>Why: the JDK's HTTP server reads that property once, when the JVM's first {@code com.sun.net.httpserver} server
 * starts. If another test starts one first (a stub server of its own, a library's embedded server) the property is
 * fixed to off for the whole JVM, and every request to the endpoint waits ~40 ms for a delayed TCP ACK. Setting it
 * when the session opens makes the endpoint fast whatever order the test classes run in.
 *
 * <p>Nothing to register: the testkit's jar lists this class in
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}, so every JUnit Platform launcher
 * (Maven Surefire, Gradle, IDEs; JUnit Platform 1.8 or later) finds it on the test classpath. The property only makes
 * the JDK's HTTP servers in the test JVM answer sooner; to keep the JDK's default, set
 * {@code -Dsun.net.httpserver.nodelay=false}, which is never overridden.
 *
 * <pre>{@code
 * // What it does, for a JVM that runs tests without the JUnit Platform:
 * if (System.getProperty("sun.net.httpserver.nodelay") == null) {
 *     System.setProperty("sun.net.httpserver.nodelay", "true");
 * }
 * }</pre>
 *
 * <p>Instances are stateless and thread-safe.
 */
public final class LocalEventBridgeSessionListener implements LauncherSessionListener {

    /** Creates the listener; the JUnit Platform does this through {@link java.util.ServiceLoader}. */
    public LocalEventBridgeSessionListener() {
    }

    /**
     * Sets {@code sun.net.httpserver.nodelay} to {@code true} unless it is set.
     *
     * @param session the session that opened; never {@code null}
     */
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        LocalEventBridge.preferTcpNoDelay();
    }
}
