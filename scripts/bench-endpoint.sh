#!/usr/bin/env bash
# PutEvents through the real AWS SDK for Java v2 client (url-connection HTTP client, 10 entries per call) against the
# testkit's LocalEventBridge and, in the same run, against moto_server when it is on the PATH (started on a free
# loopback port and stopped afterwards; skipped with a note when absent). Reports calls/s with a 99.9% interval, p50
# and p99 latency, CPU per call, and ratios to moto; the Markdown table lands in coherence-events-benchmarks/results/.
#
# Usage: scripts/bench-endpoint.sh [--no-build] [harness options]
#   harness options: --threads 1,4  --warmup SECONDS (10)  --seconds SECONDS (10)  --rounds N (3)  --no-moto
#                    --targets (each rule delivers to an SQS queue; moto then spends ~0.1 s per delivery)
# Environment: BENCH_QUIET_LOAD, BENCH_QUIET_WAIT (see scripts/quiet.sh); JAVA (default: java on PATH)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
module="$root/coherence-events-benchmarks"
build=1
if [ "${1:-}" = "--no-build" ]; then
  build=0
  shift
fi
if [ "$build" = 1 ]; then
  echo "Building the benchmarks module (package, tests skipped)..." >&2
  (cd "$root" && ./mvnw -B -q -pl coherence-events-benchmarks -am package -DskipTests)
fi
jar="$module/target/benchmarks.jar"
[ -f "$jar" ] || { echo "No $jar; run without --no-build." >&2; exit 1; }

. "$root/scripts/quiet.sh"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
results="$module/results"
mkdir -p "$results"
summary="$results/endpoint-$stamp.md"
wait_for_quiet
{
  echo "# Endpoint run $stamp"
  echo
  echo "- machine: $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)"
  echo "- JDK: $("${JAVA:-java}" -version 2>&1 | head -n 2 | tr '\n' ' ')"
  if command -v moto_server >/dev/null 2>&1; then
    echo "- moto: $(python3 -c 'import moto; print(moto.__version__)' 2>/dev/null || echo unknown version)"
  else
    echo "- moto_server: not installed (loopback endpoint only)"
  fi
  echo "- options: ${*:-defaults}"
  echo "- load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} > "$summary"
"${JAVA:-java}" -Xms512m -Xmx512m -cp "$jar" com.withcoherence.events.benchmarks.endpoint.EndpointBenchmark "$@" \
  >> "$summary" 2> "$results/endpoint-$stamp.log"
echo "- load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$summary"
cat "$summary"
echo "Summary: ${summary#"$root"/}" >&2
