#!/usr/bin/env bash
# Fuzzes the fuzz targets and property tests of the model, the testkit and the client with Jazzer, one after another
# (docs/quality.md). Each target runs in the module whose test sources hold its class.
#
#   scripts/fuzz.sh                      # every target for 300 s each (about 95 minutes)
#   scripts/fuzz.sh 5                    # every target for 5 s each: the CI-friendly short run (6 to 9 minutes)
#   scripts/fuzz.sh 600 EventPatternFuzzTest#of CoherenceEventsFuzzTest#parseBytes   # chosen targets, 600 s each
#
# A finding fails the script; Jazzer writes its input as crash-<sha1> into the target's inputs directory under
# <module>/src/test/resources/com/withcoherence/events/<package>/<Class>Inputs/<method>/, so that every ./mvnw verify
# replays it from then on: fix the bug, keep the file. The corpus Jazzer grows is kept in <module>/.cifuzz-corpus/
# (not committed) and seeds the next run. Each target's JVM has a 1 GiB heap and
# libFuzzer's 3 GiB RSS limit, so memory kept between inputs is a finding too; the per-input time limit is the
# @Timeout of the fuzz test class (FuzzInvariants.SECONDS_PER_INPUT).
#
# Environment: FUZZ_LOG_DIR (default target/fuzz-logs at the top of the repository) keeps each target's log, whose last
# "#N DONE cov: C ft: F" line gives the executions and coverage reached.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-300}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(
    CoherenceEventsFuzzTest#parseBytes
    CoherenceEventsFuzzTest#parseText
    CoherenceEventsFuzzTest#parseTreeAndMap
    CoherenceEventsFuzzTest#parseDelivery
    CoherenceSchemasFuzzTest#validateBytes
    CoherenceSchemasFuzzTest#validateTree
    CoherenceSchemasFuzzTest#validateAgainstEachSchema
    EventPatternFuzzTest#of
    EventPatternFuzzTest#builder
    TrackerStateFuzzTest#fromJson
    EnvironmentTrackerFuzzTest#apply
    CoherenceEventsPropertyTest#parseOfToJsonIsTheEvent
    CoherenceEventsPropertyTest#parseDeliveryUnwrapsEveryWrapping
    EnvironmentTrackerPropertyTest#anyOrderAndRepetitionGivesTheStateOfTheOrderedRun
    EventPatternPropertyTest#builtPatternsAreValidAndSelectWhatTheySay
    EndpointHandlerFuzzTest#anyRequest
    EndpointHandlerFuzzTest#anySequenceKeepsTheBusConsistent
  )
fi
logs="${FUZZ_LOG_DIR:-$root/target/fuzz-logs}"
mkdir -p "$logs"

# The module whose test sources hold the target's class.
module_of() {
  local class="${1%%#*}" module
  for module in coherence-events-model coherence-events-testkit coherence-events-client; do
    if [ -n "$(find "$root/$module/src/test/java" -name "$class.java" -print -quit)" ]; then
      echo "$module"
      return
    fi
  done
  echo "no module has a test class $class" >&2
  return 1
}

cd "$root"
modules=()
for target in "${targets[@]}"; do
  module="$(module_of "$target")"
  case " ${modules[*]} " in *" $module "*) ;; *) modules+=("$module") ;; esac
done
# Compile once. Each target then runs in its module's test phase, with its siblings from the same reactor (the
# testkit uses the model's test jar, which the reactor finds only in a lifecycle build); their own tests do not match.
./mvnw -B -q test-compile -pl "$(IFS=,; echo "${modules[*]}")" -am

status=0
for target in "${targets[@]}"; do
  log="$logs/${target/\#/.}.log"
  echo "fuzzing $target for ${seconds}s (log: $log)" >&2
  # jazzer.instrument: coverage feedback from our code and from the libraries it drives with the input. JUnit's own
  # timeout would end the whole run (one JUnit invocation); libFuzzer applies @Timeout per input instead.
  module="$(module_of "$target")"
  if JAZZER_FUZZ=1 ./mvnw -B -o test -pl "$module" -am \
      -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.max_duration="${seconds}s" -Djunit.jupiter.execution.timeout.mode=disabled \
      -Djazzer.instrument='com.withcoherence.**,com.fasterxml.jackson.core.**,software.amazon.event.ruler.**,com.networknt.schema.**' \
      -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-rss_limit_mb=3072 \
      -DargLine="-Xmx1g -XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath=$logs" \
      -DredirectTestOutputToFile=false >"$log" 2>&1; then
    grep -aE '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 >&2 || true
  else
    echo "FINDING or failure in $target: see $log" >&2
    grep -E 'Exception|Error|crash-' "$log" | head -20 >&2 || true
    status=1
  fi
done
exit $status
