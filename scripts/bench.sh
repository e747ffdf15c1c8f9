#!/usr/bin/env bash
# Runs the benchmark suite with settings fit for a noisy 2-core machine and writes the results under
# coherence-events-benchmarks/results/ (raw JMH JSON per round, a Markdown summary, cold-start and footprint tables).
#
# Usage: scripts/bench.sh [JMH include regex]        (default: every JMH benchmark in the module)
# Environment:
#   BENCH_ROUNDS    rounds of the whole JMH suite (default 3). Each round runs every benchmark in a fresh fork, so the
#                   forks of one benchmark are spread over the run instead of back to back: load from other processes
#                   then lands on every approach alike. Forks per benchmark = BENCH_ROUNDS x BENCH_FORKS (>= 2).
#   BENCH_FORKS     forks per benchmark per round (default 1)
#   BENCH_JMH_OPTS  JMH timing (default "-wi 5 -w 1s -i 5 -r 1s": 5 s of warm-up, 5 measured seconds per fork)
#                   (-prof gc for B/op and CpuTimeProfiler for CPU ns/op are always on)
#   BENCH_SKIP      space-separated parts to skip: jmh coldstart footprint
#   BENCH_QUIET_LOAD, BENCH_QUIET_WAIT   see scripts/quiet.sh; COLDSTART_* see scripts/coldstart.sh
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
module="$root/coherence-events-benchmarks"
include="${1:-}"
rounds="${BENCH_ROUNDS:-3}"
forks="${BENCH_FORKS:-1}"
jmh_opts="${BENCH_JMH_OPTS:--wi 5 -w 1s -i 5 -r 1s}"
skip=" ${BENCH_SKIP:-} "
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
results="$module/results"
mkdir -p "$results"

echo "Building the benchmarks module (package, tests skipped)..." >&2
(cd "$root" && ./mvnw -B -q -pl coherence-events-benchmarks -am package -DskipTests)
jar="$module/target/benchmarks.jar"

. "$root/scripts/quiet.sh"

summary="$results/bench-$stamp.md"
{
  echo "# Benchmark run $stamp"
  echo
  echo "- machine: $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "- JDK: $(java -version 2>&1 | head -n 2 | tr '\n' ' ')"
  echo "- JMH: $rounds round(s) x $forks fork(s), $jmh_opts, -prof gc, CPU time per op; include '${include:-all}'"
} > "$summary"

if [[ "$skip" != *" jmh "* ]]; then
  wait_for_quiet
  echo "- load average before JMH: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$summary"
  files=()
  for ((r = 1; r <= rounds; r++)); do
    out="$results/jmh-$stamp-round$r.json"
    echo "JMH round $r of $rounds..." >&2
    # shellcheck disable=SC2086
    java -jar "$jar" ${include:+"$include"} -f "$forks" $jmh_opts -prof gc -prof com.withcoherence.events.benchmarks.report.CpuTimeProfiler -rf json -rff "$out" \
      > "$results/jmh-$stamp-round$r.log"
    files+=("$out")
  done
  echo "- load average after JMH: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$summary"
  echo >> "$summary"
  echo "## Throughput (JMH, 1 thread, average time per operation)" >> "$summary"
  echo >> "$summary"
  java -cp "$jar" com.withcoherence.events.benchmarks.report.JmhSummary "${files[@]}" >> "$summary"
fi

if [[ "$skip" != *" coldstart "* ]]; then
  echo >> "$summary"
  "$root/scripts/coldstart.sh" --no-build | sed 's/^## /## /' >> "$summary"
fi

if [[ "$skip" != *" footprint "* ]]; then
  echo >> "$summary"
  "$root/scripts/footprint.sh" --no-build >> "$summary"
fi

echo >&2
cat "$summary"
echo >&2
echo "Summary: ${summary#"$root"/}" >&2
