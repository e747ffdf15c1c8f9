#!/usr/bin/env bash
# Whole-process cold start: a fresh JVM parses the documented new_environments event and prints the name of its
# first environment, once per approach, each with only its own jars on the class path (as a deployed Lambda
# function has). Reports the median wall time of N runs with its spread, the number of classes the JVM loaded, and
# ratios to the hand-written JsonParser floor and to the ScheduledEvent path.
#
# Usage: scripts/coldstart.sh [-n RUNS] [--no-build]
#   -n RUNS           runs per approach (default 10, or $COLDSTART_RUNS)
#   --no-build        use the jars already in coherence-events-benchmarks/target
# Environment:
#   COLDSTART_JAVA_OPTS  extra JVM options for every run, e.g. "-XX:TieredStopAtLevel=1" (what Lambda's Java
#                        runtimes set) or "-Xshare:off"; the targets are stated for the default JVM (empty)
#   COLDSTART_APPCDS=1   also measure each approach with its own AppCDS archive (-XX:SharedArchiveFile)
#   COLDSTART_HYPERFINE=1  time with hyperfine if it is installed (approach after approach, no CPU column)
#   JAVA                 the java launcher (default: java on PATH)
#
# By default runs are timed with bash's time keyword and interleaved (round r runs every approach once), so that load
# from other processes on a shared machine spreads over all approaches instead of landing on one; nothing beyond a JDK
# and bash is needed.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
module="$root/coherence-events-benchmarks"
runs="${COLDSTART_RUNS:-10}"
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
java_bin="${JAVA:-java}"
java_opts="${COLDSTART_JAVA_OPTS:-}"

if [ "$build" = 1 ]; then
  echo "Building the benchmarks module (package, tests skipped)..." >&2
  (cd "$root" && ./mvnw -B -q -pl coherence-events-benchmarks -am package -DskipTests)
fi
lib="$module/target/coldstart-lib"
mains="$(ls "$module"/target/coherence-events-benchmarks-*-coldstart.jar 2>/dev/null | head -n 1 || true)"
if [ ! -d "$lib" ] || [ -z "$mains" ]; then
  echo "No cold-start jars in $module/target; run without --no-build." >&2
  exit 1
fi
event="$root/coherence-events-testkit/src/main/resources/com/withcoherence/events/testkit/documented/new-environments.json"
expected="another-test-env"

jar() { # the one jar of an artifact in the lib folder
  local found
  found="$(ls "$lib"/"$1"-[0-9]*.jar 2>/dev/null | head -n 1 || true)"
  if [ -z "$found" ]; then echo "missing $1 in $lib" >&2; exit 1; fi
  printf '%s' "$found"
}

pkg=com.withcoherence.events.benchmarks.coldstart
# name | class path | main class. Each class path is the approach's runtime closure, nothing more: ours is what a
# user's function gets from depending on coherence-events-model (databind included, though the parse path never
# loads it); ScheduledEvent's adds aws-lambda-java-serialization, which the Lambda runtime brings.
approaches=(
  "coherence-events|$mains:$(jar coherence-events-model):$(jar jackson-core):$(jar jackson-databind):$(jar jackson-annotations)|$pkg.CoherenceEventsMain"
  "ScheduledEvent (aws-lambda-java-events + serialization)|$mains:$(jar aws-lambda-java-events):$(jar joda-time):$(jar aws-lambda-java-serialization)|$pkg.ScheduledEventMain"
  "databind into records + JavaTimeModule|$mains:$(jar jackson-core):$(jar jackson-databind):$(jar jackson-annotations):$(jar jackson-datatype-jsr310)|$pkg.DatabindMain"
  "databind readTree and walk|$mains:$(jar jackson-core):$(jar jackson-databind):$(jar jackson-annotations)|$pkg.ReadTreeMain"
  "hand-written JsonParser loop (floor)|$mains:$(jar jackson-core)|$pkg.JsonParserMain"
  "empty main (JVM floor)|$mains|$pkg.EmptyMain"
)
count=${#approaches[@]}

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
results="$module/results"
mkdir -p "$results" "$module/target/cds"
raw="$results/coldstart-$stamp.csv"
echo "approach,variant,run,wall_ms,cpu_ms" > "$raw"

field() { printf '%s' "$1" | cut -d'|' -f"$2"; }

# run_once INDEX [EXTRA_JVM_OPTS...]: one fresh JVM; checks what it printed.
run_once() {
  local a="${approaches[$1]}"; shift
  local cp main out
  cp="$(field "$a" 2)"; main="$(field "$a" 3)"
  # shellcheck disable=SC2086
  # JVM warnings (e.g. CDS dumping) also go to stdout as "[...]" lines: the main's answer is the last other line.
  out="$("$java_bin" $java_opts "$@" -cp "$cp" "$main" "$event" | awk '!/^\[/ { last = $0 } END { print last }')"
  if [ "$main" != "$pkg.EmptyMain" ] && [ "$out" != "$expected" ]; then
    echo "$(field "$a" 1) printed '$out', expected '$expected'" >&2
    exit 1
  fi
}

# measure VARIANT [EXTRA_JVM_OPTS_FN]: fills times_<i> with N wall times in ms.
measure() {
  local variant="$1" optsfn="${2:-}"
  local i r extra
  for ((i = 0; i < count; i++)); do
    extra=""; [ -n "$optsfn" ] && extra="$($optsfn "$i")"
    # shellcheck disable=SC2086
    run_once "$i" $extra   # untimed: warms the page cache, checks the output
    eval "times_$i=()"
    eval "cpu_$i=()"
  done
  if [ "${COLDSTART_HYPERFINE:-0}" = 1 ] && command -v hyperfine >/dev/null 2>&1; then
    for ((i = 0; i < count; i++)); do
      local a="${approaches[$i]}" json="$module/target/cds/hyperfine-$i.json"
      extra=""; [ -n "$optsfn" ] && extra="$($optsfn "$i")"
      hyperfine -N --style none --runs "$runs" --export-json "$json" \
        "$java_bin $java_opts $extra -cp $(field "$a" 2) $(field "$a" 3) $event" >/dev/null
      # shellcheck disable=SC2207
      local values=($(tr -d ' \n' < "$json" | sed 's/.*"times":\[\([^]]*\)\].*/\1/' | tr ',' '\n' \
        | awk '{ printf "%.1f\n", $1 * 1000 }'))
      eval "times_$i=(\"\${values[@]}\")"
      for ((r = 0; r < ${#values[@]}; r++)); do echo "$(field "$a" 1),$variant,$((r + 1)),${values[$r]}," >> "$raw"; done
    done
    return
  fi
  local TIMEFORMAT='%3R %3U %3S' t
  for ((r = 1; r <= runs; r++)); do
    for ((i = 0; i < count; i++)); do
      extra=""; [ -n "$optsfn" ] && extra="$($optsfn "$i")"
      # bash's time keyword: wall, user and system seconds of the whole JVM process, without forking a timer.
      # shellcheck disable=SC2086
      t=$( { time run_once "$i" $extra >/dev/null; } 2>&1 )
      local ms cpu
      ms=$(printf '%s' "$t" | awk '{ printf "%.1f", $1 * 1000 }')
      cpu=$(printf '%s' "$t" | awk '{ printf "%.1f", ($2 + $3) * 1000 }')
      eval "times_$i+=(\"$ms\")"
      eval "cpu_$i+=(\"$cpu\")"
      echo "$(field "${approaches[$i]}" 1),$variant,$r,$ms,$cpu" >> "$raw"
    done
  done
}

# stats VALUES...: "median p25 p75 min max" (nearest-rank quartiles).
stats() {
  printf '%s\n' "$@" | sort -g | awk '
    { v[NR] = $1 }
    END {
      n = NR
      median = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
      q1 = v[int((n + 3) / 4)]; q3 = v[n + 1 - int((n + 3) / 4)]
      printf "%.1f %.1f %.1f %.1f %.1f\n", median, q1, q3, v[1], v[n]
    }'
}

# classes INDEX [EXTRA...]: "total fromCds fromAppClassPath" classes loaded by one run.
classes() {
  local i="$1"; shift
  local log="$module/target/cds/classload-$i.log"
  rm -f "$log"
  run_once "$i" "$@" "-Xlog:class+load=info:file=$log" >/dev/null
  awk '
    { total++ }
    /shared objects file/ { cds++ }
    /source: file:/ { app++ }
    END { printf "%d %d %d\n", total, cds, app }' "$log"
}

report() { # report VARIANT TITLE [EXTRA_JVM_OPTS_FN]
  local variant="$1" title="$2" optsfn="${3:-}"
  local i extra
  declare -a med q1 q3 lo hi tot cds app cpu
  for ((i = 0; i < count; i++)); do
    eval "local values=(\"\${times_$i[@]}\")"
    # shellcheck disable=SC2207
    local s=($(stats "${values[@]}"))
    med[$i]=${s[0]}; q1[$i]=${s[1]}; q3[$i]=${s[2]}; lo[$i]=${s[3]}; hi[$i]=${s[4]}
    eval "local cpus=(\"\${cpu_$i[@]}\")"
    cpu[$i]="–"
    if [ "${#cpus[@]}" -gt 0 ]; then
      # shellcheck disable=SC2207
      local cs=($(stats "${cpus[@]}"))
      cpu[$i]=${cs[0]}
    fi
    extra=""; [ -n "$optsfn" ] && extra="$($optsfn "$i")"
    # shellcheck disable=SC2086,SC2207
    local c=($(classes "$i" $extra))
    tot[$i]=${c[0]}; cds[$i]=${c[1]}; app[$i]=${c[2]}
  done
  local ours=0 scheduled=1 floor=4
  echo
  echo "### $title${java_opts:+ ($java_opts)}"
  echo
  echo "N=$runs runs per approach, interleaved; $("$java_bin" -version 2>&1 | head -n 1); JVM options: '${java_opts}' $( [ -n "$optsfn" ] && echo '+ per-approach AppCDS archive')"
  echo
  echo "| approach | median ms | IQR ms | min–max ms | ÷ floor (IQR) | ScheduledEvent ÷ it | CPU ms (median) | classes loaded (CDS / app jars) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for ((i = 0; i < count; i++)); do
    local ratio vs
    ratio=$(awk -v m="${med[$i]}" -v a="${q1[$i]}" -v b="${q3[$i]}" -v fm="${med[$floor]}" -v fa="${q1[$floor]}" \
      -v fb="${q3[$floor]}" 'BEGIN { printf "%.2f× (%.2f–%.2f)", m / fm, a / fb, b / fa }')
    vs=$(awk -v s="${med[$scheduled]}" -v m="${med[$i]}" 'BEGIN { printf "%.2f×", s / m }')
    echo "| $(field "${approaches[$i]}" 1) | ${med[$i]} | ${q1[$i]}–${q3[$i]} | ${lo[$i]}–${hi[$i]} | $ratio | $vs | ${cpu[$i]} | ${tot[$i]} (${cds[$i]} / ${app[$i]}) |"
  done
  echo
  local r1 r2
  r1=$(awk -v m="${med[$ours]}" -v f="${med[$floor]}" 'BEGIN { printf "%.2f", m / f }')
  r2=$(awk -v m="${med[$ours]}" -v s="${med[$scheduled]}" 'BEGIN { printf "%.2f", s / m }')
  local label="Targets (default JVM)"
  if [ -n "$optsfn" ] || [ -n "$java_opts" ]; then
    label="Same ratios with these JVM options (information; the targets are for the default JVM)"
  fi
  echo "$label: coherence-events ≤ 1.3× the floor: ${r1}× — $(awk -v r="$r1" 'BEGIN { print (r <= 1.3) ? "met" : "NOT met" }');" \
    "≥ 3× faster than ScheduledEvent: ${r2}× — $(awk -v r="$r2" 'BEGIN { print (r >= 3) ? "met" : "NOT met" }')."
}

cds_opts() { printf '%s' "-XX:SharedArchiveFile=$module/target/cds/app-$1.jsa -Xshare:auto"; }

. "$root/scripts/quiet.sh"
wait_for_quiet

{
  echo "## Cold start ($stamp, $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  measure default
  report default "Default JVM"
  if [ "${COLDSTART_APPCDS:-0}" = 1 ]; then
    for ((i = 0; i < count; i++)); do   # one training run per approach writes its archive
      rm -f "$module/target/cds/app-$i.jsa"
      run_once "$i" "-XX:ArchiveClassesAtExit=$module/target/cds/app-$i.jsa" >/dev/null 2>&1
    done
    measure appcds cds_opts
    report appcds "With an AppCDS archive per approach (-XX:SharedArchiveFile)" cds_opts
  fi
  echo
  echo "Raw times: ${raw#"$root"/}"
} | tee "$results/coldstart-$stamp.md"
