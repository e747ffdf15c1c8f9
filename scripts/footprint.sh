#!/usr/bin/env bash
# Footprint: what each approach adds to a deployment, as the runtime dependency closure in bytes and classes, from
# the jars Maven resolved for the benchmarks module. Classes count each class once (multi-release variants under
# META-INF/versions and module-info are left out).
#
# Usage: scripts/footprint.sh [--no-build]
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
module="$root/coherence-events-benchmarks"
if [ "${1:-}" != "--no-build" ]; then
  echo "Building the benchmarks module (package, tests skipped)..." >&2
  (cd "$root" && ./mvnw -B -q -pl coherence-events-benchmarks -am package -DskipTests)
fi
lib="$module/target/coldstart-lib"
[ -d "$lib" ] || { echo "No jars in $lib; run without --no-build." >&2; exit 1; }

jar() {
  local found
  found="$(ls "$lib"/"$1"-[0-9]*.jar 2>/dev/null | head -n 1 || true)"
  [ -n "$found" ] || { echo "missing $1 in $lib" >&2; exit 1; }
  printf '%s' "$found"
}

entries() { # the entry names of a jar
  if command -v unzip >/dev/null 2>&1; then unzip -Z1 "$1"; else command jar tf "$1"; fi
}

row() { # row LABEL ARTIFACT...
  local label="$1"; shift
  local bytes=0 classes=0 names="" a j
  for a in "$@"; do
    j="$(jar "$a")"
    bytes=$((bytes + $(stat -c %s "$j")))
    classes=$((classes + $(entries "$j" | grep '\.class$' | grep -v -e '^META-INF/' -e 'module-info\.class$' -c || true)))
    names="$names${names:+, }$(basename "$j" .jar)"
  done
  printf '| %s | %s | %d | %.2f | %d |\n' "$label" "$names" "$bytes" "$(awk -v b="$bytes" 'BEGIN { print b / 1048576 }')" "$classes"
}

echo "## Footprint (runtime dependency closure)"
echo
echo "| closure | jars | bytes | MiB | classes |"
echo "| --- | --- | ---: | ---: | ---: |"
row "coherence-events-model (what a user's function ships)" coherence-events-model jackson-core jackson-databind jackson-annotations
row "coherence-events parse path (what parse(byte[]/InputStream) can load)" coherence-events-model jackson-core
row "aws-lambda-java-events (what a user's function ships)" aws-lambda-java-events joda-time
row "aws-lambda-java-events + aws-lambda-java-serialization (what deserializes a ScheduledEvent; the runtime brings the latter)" aws-lambda-java-events joda-time aws-lambda-java-serialization
row "jackson-databind + JavaTimeModule (peer 2)" jackson-core jackson-databind jackson-annotations jackson-datatype-jsr310
row "jackson-core alone (the floor)" jackson-core
