package com.withcoherence.events.benchmarks.report;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the CPU time the benchmark JVM spent per operation ({@code cpu.time.norm}, ns/op), beside
 * the wall-clock score.
 *
 * <p>On a shared 2-core machine other processes steal the benchmark thread's core: wall time per operation then grows
 * with their load, CPU time does not (a descheduled thread accrues none). Both are reported; the CPU figure is the
 * cross-check that a ratio was not made by someone else's build. It is the whole process's CPU time over the
 * iteration divided by its operations, so it includes this JVM's GC and JIT work, as a real consumer pays them.
 *
 * <p>Use with {@code -prof com.withcoherence.events.benchmarks.report.CpuTimeProfiler}. Not thread-safe; JMH calls it
 * from one thread.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private long startNanos;

    /** Creates the profiler; JMH calls this reflectively. */
    public CpuTimeProfiler() {
    }

    @Override
    public String getDescription() {
        return "CPU time of the benchmark JVM per operation (robust to load from other processes)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        startNanos = processCpuNanos();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        long used = processCpuNanos() - startNanos;
        long ops = result.getMetadata() == null ? 0 : result.getMetadata().getAllOps();
        if (used <= 0 || ops <= 0) {
            return List.of();
        }
        return List.of(new ScalarResult("cpu.time.norm", (double) used / ops, "ns/op", AggregationPolicy.AVG));
    }

    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return -1;
    }
}
