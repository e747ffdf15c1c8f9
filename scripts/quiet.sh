# Sourced by the benchmark scripts. Other builds on a shared 2-core machine distort every timing: before measuring,
# wait (up to BENCH_QUIET_WAIT seconds, default 600) until the 1-minute load average drops below BENCH_QUIET_LOAD
# (default 0.5), and say so in the output if it never does. BENCH_QUIET_WAIT=0 skips the wait.
wait_for_quiet() {
  local limit="${BENCH_QUIET_LOAD:-0.5}" wait="${BENCH_QUIET_WAIT:-600}" waited=0 load
  while :; do
    load="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)"
    if awk -v l="$load" -v m="$limit" 'BEGIN { exit !(l < m) }'; then
      return 0
    fi
    if [ "$waited" -ge "$wait" ]; then
      echo "warning: load average is still $load after ${waited}s (wanted < $limit); measuring anyway, expect" \
        "wide error bars." >&2
      return 0
    fi
    [ "$waited" = 0 ] && echo "Waiting for a quiet machine (load average $load, wanted < $limit)..." >&2
    sleep 10
    waited=$((waited + 10))
  done
}
