#!/usr/bin/env bash
# The cost of continuous mode's exactly-once machinery (issue 11), measured as two engine builds alternate under the
# same host load: the latency of stateless and keyed-count at 100k rec/s with 100 ms epochs (LatencyRunner), then the
# recovery time with 0, 1 and 10 logged epochs to replay (RecoveryProbe, a build that has it).
#   bench/exactly-once-ab.sh JAR_BEFORE JAR_AFTER [ROUNDS] [SECONDS]
# A jar is a bench jar (bench/build.sh prints where it put the current one). Prints one line per run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
before="$1"; after="$2"; rounds="${3:-2}"; seconds="${4:-20}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
java_opts=(-Xms1g -Xmx1g -XX:+AlwaysPreTouch)
for round in $(seq 1 "$rounds"); do
  for build in before after; do
    jar="$before"; [ "$build" = after ] && jar="$after"
    for workload in stateless keyed-count; do
      printf '%-6s round %d load %s ' "$build" "$round" "$(cut -d' ' -f1 /proc/loadavg)"
      java "@$root/tuning/jvm/module.flags" "${java_opts[@]}" -cp "$jar" io.streamline.bench.LatencyRunner \
        --mode continuous --workload "$workload" --rate 100000 --seconds "$seconds" --warmup 5 --epoch-ms 100 \
        --json "$dir/$build-$round-$workload.json" | grep -E '^continuous' | tr -s ' '
    done
  done
done
for replay in 0 1 10; do
  for round in $(seq 1 "$rounds"); do
    run="$dir/recovery-$replay-$round"
    java "@$root/tuning/jvm/module.flags" -cp "$after" io.streamline.bench.recovery.RecoveryProbe crash "$run" "$replay" \
      >/dev/null 2>&1 || true # exits 137: halted as by kill -9
    printf 'recovery to-replay %-2d load %s ' "$replay" "$(cut -d' ' -f1 /proc/loadavg)"
    java "@$root/tuning/jvm/module.flags" -cp "$after" io.streamline.bench.recovery.RecoveryProbe restart "$run" 2>/dev/null | grep recovery-ms
  done
done
