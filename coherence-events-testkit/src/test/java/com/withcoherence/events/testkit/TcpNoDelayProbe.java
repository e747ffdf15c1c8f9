package com.withcoherence.events.testkit;

import com.sun.net.httpserver.HttpServer;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Run in a fresh JVM by {@link LocalEventBridgeSessionListenerTest}: does what a test run may do before any
 * {@link LocalEventBridge} starts, then starts another JDK HTTP server first, as a test's own stub server would, and
 * prints whether the JDK's HTTP servers in this JVM got TCP_NODELAY ({@code nodelay=true|false}).
 *
 * <p>The JDK keeps that decision in {@code sun.net.httpserver.ServerConfig}, fixed when its first server starts; the
 * parent opens the package to read it ({@code --add-opens jdk.httpserver/sun.net.httpserver=ALL-UNNAMED}).
 */
final class TcpNoDelayProbe {

    private TcpNoDelayProbe() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "junit-session":
                LauncherSession session = LauncherFactory.openSession();
                otherServerFirst();
                session.close();
                break;
            case "extension":
                new CoherenceEventsExtension();
                otherServerFirst();
                break;
            case "nothing":
                otherServerFirst();
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
        // Started after the other server, as in the trap; it must not change what the JDK decided.
        LocalEventBridge endpoint = LocalEventBridge.start();
        endpoint.close();
        Method noDelay = Class.forName("sun.net.httpserver.ServerConfig").getDeclaredMethod("noDelay");
        noDelay.setAccessible(true);
        System.out.println("nodelay=" + noDelay.invoke(null));
    }

    private static void otherServerFirst() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.start();
        other.stop(0);
    }
}
