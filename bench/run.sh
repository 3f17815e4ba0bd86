#!/usr/bin/env bash
# The end-to-end latency runner, e.g.
#   bench/run.sh --mode continuous --workload all --rate 100000 --seconds 20 --warmup 10 --epoch-ms 100 --json bench/results/run.json
# Run without arguments for the usage. JVM options beyond the module flags come from $BENCH_JAVA_OPTS
# (default: a fixed 1 GiB heap, pre-touched, so heap resizing does not show up as latency); add e.g.
# BENCH_JAVA_OPTS="-Xms1g -Xmx1g -Xlog:gc:file=gc.log" to see collections.
#   bench/run.sh --startup [--runs N] [--profile]   start-up of the main job's pipeline, new and restarted
#   bench/run.sh --kafka [--rates 10000,100000] [--workloads ...]   Kafka to Kafka on examples/kafka/broker.sh's broker
#   bench/run.sh --dstream-window [--windows 10,60,300]   DStream reduceByKeyAndWindow per-batch time, with and without inverse
#   bench/run.sh --dstream-burst [--bursts 500000,2000000]   DStream batches after a burst: no limit, maxRatePerPartition, backpressure
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-}" in
  --help|-h) cat "$root/bench/src/main/resources/io/streamline/bench/usage.txt"; exit 0 ;; # no build needed
esac
main=io.streamline.bench.LatencyRunner
if [ "${1:-}" = "--startup" ]; then
  shift
  main=io.streamline.bench.startup.StartupRunner
elif [ "${1:-}" = "--kafka" ]; then
  shift
  main=io.streamline.bench.kafka.KafkaBench
elif [ "${1:-}" = "--dstream-window" ]; then
  shift
  main=io.streamline.bench.dstream.WindowBench
elif [ "${1:-}" = "--dstream-burst" ]; then
  shift
  main=io.streamline.bench.dstream.BurstBench
fi
jar="$("$root/bench/build.sh")"
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
exec java "@$root/tuning/jvm/module.flags" ${BENCH_JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch} \
  -cp "$jar" "$main" "$@"
