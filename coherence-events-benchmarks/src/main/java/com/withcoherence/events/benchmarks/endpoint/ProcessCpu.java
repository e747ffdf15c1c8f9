package com.withcoherence.events.benchmarks.endpoint;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time used by a process: this JVM through its management bean, another through Linux's {@code /proc}. */
final class ProcessCpu {

    /** Linux's clock ticks per second for {@code /proc/PID/stat} (USER_HZ, 100 on every mainstream kernel). */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** This JVM's CPU time so far (all its threads, GC and JIT included), or -1. */
    static long ofThisJvm() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return -1;
    }

    /**
     * CPU time so far of this JVM's threads that serve {@code LocalEventBridge} requests: the JDK HTTP server's
     * dispatcher and the endpoint's workers (named {@code HTTP-Dispatcher} and {@code local-eventbridge-…}), or -1.
     */
    static long ofEndpointThreads() {
        return ofThreads("HTTP-Dispatcher", "local-eventbridge-");
    }

    /** CPU time so far of the canned-answer server's threads, or -1. */
    static long ofCannedThreads() {
        return ofThreads("HTTP-Dispatcher", "canned-server");
    }

    private static long ofThreads(String dispatcher, String workers) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            return -1;
        }
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            if (name.startsWith(dispatcher) || name.startsWith(workers)) {
                long used = threads.getThreadCpuTime(thread.getId());
                total += Math.max(0, used);
            }
        }
        return total;
    }

    /** Another process's user + system CPU time so far, from {@code /proc/PID/stat}, or -1 where it cannot be read. */
    static long ofPid(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
            return ticks * 1_000_000_000L / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
