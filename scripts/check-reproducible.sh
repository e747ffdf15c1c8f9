#!/usr/bin/env bash
# Proves the build is reproducible: two clean builds of the committed sources, in two different directories,
# must produce byte-identical jars (project.build.outputTimestamp pins every timestamp in them).
#
#   scripts/check-reproducible.sh            # builds twice, compares every jar it builds
#
# It builds what is released: the modules published to Maven Central (model, client, testkit, bom) and the CLI jar
# attached to each release. Examples and benchmarks are never released, and building them twice only cost time.
#
# Exits 0 when every jar is identical, 1 otherwise (and lists the jars that differ).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for build in a b; do
  mkdir -p "$work/$build"
  # The working tree as git sees it (tracked and new files, nothing ignored): a clean checkout of it, without
  # the build output lying around.
  (cd "$root" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$work/$build"
done
released="coherence-events-model,coherence-events-client,coherence-events-testkit,coherence-events-bom,coherence-events-cli"
# The two builds run side by side: a Maven build mostly uses one core, and CI has two.
pids=""
for build in a b; do
  echo "building copy $build in $work/$build ..." >&2
  (cd "$work/$build" && ./mvnw -B -q -DskipTests -Dmdep.analyze.skip=true package -pl "$released" -am \
      >"$work/$build.log" 2>&1) &
  pids="$pids $!"
done
failed=0
for pid in $pids; do
  wait "$pid" || failed=1
done
if [ "$failed" -ne 0 ]; then
  cat "$work/a.log" "$work/b.log" >&2
  exit 2
fi

status=0
count=0
while IFS= read -r jar; do
  rel="${jar#"$work/a/"}"
  other="$work/b/$rel"
  count=$((count + 1))
  if ! cmp -s "$jar" "$other"; then
    echo "DIFFERS: $rel" >&2
    status=1
  fi
done < <(find "$work/a" -path '*/target/*.jar' -not -path '*/target/*/*' | sort)

if [ "$count" -eq 0 ]; then
  echo "no jars were built" >&2
  exit 2
fi
if [ "$status" -eq 0 ]; then
  echo "reproducible: $count jars byte-identical across two clean builds"
fi
exit "$status"
