#!/usr/bin/env bash
# Peers in one run: the stateless workload (open-loop generator at a fixed rate -> map -> filter -> sink,
# latency from each record's intended send time) on this engine, Apache Flink and Apache Spark, back to back,
# one JVM per run, then one combined table (Markdown) and percentile plot (SVG), e.g.
#   bench/peers/run-peers.sh --rate 100000 --seconds 20 --warmup 10 --out bench/results/peers
# --workload keyed-count runs the keyed running count instead: this engine with 2 source partitions at parallelism
# 1 and 2, Flink with keyBy at parallelism 1 and 2. --workload windowed-count runs sliding 10 s event-time windows
# every 5 s counted over 10,000 keys in update mode: this engine in both modes, Flink at parallelism 1 and 2, Spark
# micro-batch. --workload kafka-passthrough|kafka-keyed-count runs issue 15's Kafka-to-Kafka pipelines on the broker
# of examples/kafka/broker.sh (started if not running, on $KAFKA_PORT, default 19092, and stopped again at the end):
# the floors (bare Java consumer-to-producer loops), this engine continuous (exactly once and at least once) and
# micro-batch, Kafka Streams, Flink and Spark with their Kafka connectors, each through bench/run.sh --kafka (the
# same producer, consumer and latency measurement for all; a peer's pipeline runs in a process of its own) at every
# rate of --rates; a run that fails is listed under the table and the others go on. --repeat N runs every engine N
# times, interleaved (A B C, A B C, ...), and adds per engine and percentile the median, the range and the ratio to
# this engine's median.
# Before each run it waits up to --max-wait seconds for the host's 1-minute load to fall below --max-load, so
# that other work (or the previous run) does not pollute the figures; the load it started at is in the table.
# Every JVM gets the engine runner's heap options: $BENCH_JAVA_OPTS (default: a pre-touched 1 GiB heap).
set -euo pipefail
peers="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$peers/../.." && pwd)"

usage() {
  cat >&2 <<'USAGE'
usage: bench/peers/run-peers.sh --out DIR [--workload stateless|keyed-count|windowed-count|kafka-passthrough|kafka-keyed-count]
                                [--repeat N] [--rate N | --rates N,N,...] [--seconds S] [--warmup S] [--epoch-ms M]
                                [--max-load L] [--max-wait S]
  --workload  stateless (default: this engine, Flink fused and split, Spark) or keyed-count (this engine and
              Flink's keyBy, each at parallelism 1 and 2) or windowed-count (this engine continuous and micro-batch,
              Flink's sliding event-time window at parallelism 1 and 2, Spark micro-batch) or kafka-passthrough or
              kafka-keyed-count (Kafka to Kafka on examples/kafka/broker.sh's broker, $KAFKA_PORT or 19092: the
              floors, this engine continuous and micro-batch, Kafka Streams, Flink and Spark at each of --rates)
  --repeat    rounds of all runs, interleaved, summarised by median, range and ratio (default 1)
  --rate      records per second offered to every engine (default 100000)
  --rates     the Kafka workloads' rates, each run at every one (default 10000,100000); the plot shows the runs
              at 100000 if that is one of them, and combined.md checks issue 15's targets at it
  --seconds   measured window of each run (default 20)
  --warmup    load before the window, excluded (default 10)
  --epoch-ms  this engine's continuous trigger interval (default 1000, like the peers' 1 s checkpoints; the Kafka
              workloads: 100, the peers' commit, checkpoint and trigger interval)
  --max-load  wait before each run until the 1-minute load is below this (default 0.7)
  --max-wait  ... but no longer than this many seconds (default 300)
  --out       where results go: one JSON and .hgrm per run, runs.tsv, combined.{md,json,svg}
USAGE
  exit 2
}

rate=100000 rates=10000,100000 seconds=20 warmup=10 epoch_ms="" max_load=0.7 max_wait=300 out="" workload=stateless repeat=1
while (($#)); do
  [[ $# -ge 2 ]] || usage
  case "$1" in
    --rate) rate=$2 ;; --seconds) seconds=$2 ;; --warmup) warmup=$2 ;; --epoch-ms) epoch_ms=$2 ;;
    --max-load) max_load=$2 ;; --max-wait) max_wait=$2 ;; --out) out=$2 ;;
    --workload) workload=$2 ;; --repeat) repeat=$2 ;; --rates) rates=$2 ;;
    *) echo "error: unknown option '$1'" >&2; usage ;;
  esac
  shift 2
done
[[ -n "$out" ]] || usage
case "$workload" in
  stateless|keyed-count|windowed-count) kafka="" ;;
  kafka-passthrough|kafka-keyed-count) kafka=yes ;;
  *) echo "error: --workload: expected stateless, keyed-count, windowed-count, kafka-passthrough or kafka-keyed-count," \
       "got '$workload'" >&2; usage ;;
esac
[[ "$rates" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] \
  || { echo "error: --rates: expected positive numbers separated by commas, got '$rates'" >&2; usage; }
IFS=, read -r -a rate_list <<< "$rates"
[[ -n "$epoch_ms" ]] || epoch_ms=$([[ -n "$kafka" ]] && echo 100 || echo 1000)
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || { echo "error: --repeat: expected a positive number, got '$repeat'" >&2; usage; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"
export BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch}"
# Spark in local mode would otherwise pick the first non-loopback interface for its driver.
export SPARK_LOCAL_IP=127.0.0.1

# Builds the peer modules (not the default build's: they sit behind the 'peers' profile) when a jar is missing
# or older than a source or pom. The first build downloads Flink and Spark.
build() {
  local module stale=""
  local modules=(harness flink spark)
  [[ "$workload" == keyed-count ]] && modules=(harness flink) # Spark has no keyed peer here
  [[ -n "$kafka" ]] && modules=(harness kafka-streams flink spark)
  for module in "${modules[@]}"; do
    local jar="$peers/$module/target/streamline-bench-peers-$module.jar"
    if [[ ! -f "$jar" ]] || [[ -n "$(find "$root/pom.xml" "$peers/pom.xml" "$peers/$module/pom.xml" \
        "$peers/$module/src/main" -newer "$jar" -print -quit)" ]]; then
      stale=yes
    fi
  done
  if [[ -n "$stale" ]]; then
    echo "building bench/peers ..."
    local list
    list="$(printf 'bench/peers/%s,' "${modules[@]}")"
    (cd "$root" && mvn -q -Ppeers -pl "${list%,}" -am package -DskipTests)
  fi
}

# java for one peer module: its argfile of module flags, the shared heap options, its own classpath.
peer_java() {
  "$peers/peer-java.sh" "$@"
}

load1() { cut -d' ' -f1 /proc/loadavg; }

wait_for_quiet() {
  local waited=0
  while awk -v load="$(load1)" -v max="$max_load" 'BEGIN { exit !(load >= max) }'; do
    if ((waited >= max_wait)); then
      echo "   1-minute load still $(load1) after ${max_wait} s; running anyway (the table shows it)"
      return
    fi
    ((waited == 0)) && echo "   waiting for the 1-minute load ($(load1)) to fall below $max_load ..."
    sleep 5
    waited=$((waited + 5))
  done
}

# run NAME LABEL COMMAND...: one measured run writing $out/NAME.json; stdout is shown and kept in NAME.log,
# stderr (the engines' logs) goes to NAME.stderr.log. LABEL may be empty: the result then names itself.
run() {
  local name=$1 label=$2
  shift 2
  wait_for_quiet
  local load
  load="$(load1)"
  echo "-- $name (1-minute load $load)"
  if ! "$@" > >(tee "$out/$name.log") 2> "$out/$name.stderr.log"; then
    echo "error: run '$name' failed; the end of $out/$name.stderr.log:" >&2
    tail -30 "$out/$name.stderr.log" >&2
    # A Kafka invocation runs many engines for long: one that fails is reported under the table, the rest go on.
    [[ -n "$kafka" ]] || exit 1
    printf '%s\t%s\n' "$name" "$label" >> "$out/failed.tsv"
    return 0
  fi
  printf '%s\t%s\t%s\n' "$label" "$load" "$name.json" >> "$out/runs.tsv"
}

# run_spark NAME MAIN ARGS...: a Spark peer's main class; Spark needs a fresh checkpoint directory per query.
run_spark() {
  local name=$1 main=$2
  shift 2
  local checkpoint="$out/spark-checkpoints/$name"
  rm -rf "$checkpoint"
  run "$name" "" peer_java spark "io.streamline.bench.peers.spark.$main" "${common[@]}" \
    --json "$out/$name.json" --checkpoint-dir "$checkpoint" "$@"
  rm -rf "$checkpoint"
  rmdir --ignore-fail-on-non-empty "$out/spark-checkpoints"
}

# The Kafka workloads' broker: started here when it is not running, and then stopped at the end.
kafka_port="${KAFKA_PORT:-19092}"
bootstrap="127.0.0.1:$kafka_port"
broker() {
  KAFKA_PORT="$kafka_port" "$root/examples/kafka/broker.sh" "$@"
}
if [[ -n "$kafka" ]] && ! broker status > /dev/null; then
  broker start
  trap 'broker stop' EXIT
fi

build
# Built now rather than by bench/run.sh, so that no build runs between a load check and its measurement; it
# also keeps bench/target/streamline-bench-*.jar, whose plot the harness draws with, up to date.
"$root/bench/build.sh" > /dev/null
if [[ -n "$kafka" ]]; then
  echo "$(date -u '+%F %T') UTC: $workload at $rates rec/s on $bootstrap, $warmup s warm-up, $seconds s measured per run -> $out"
else
  echo "$(date -u '+%F %T') UTC: $rate rec/s, $warmup s warm-up, $seconds s measured per run -> $out"
fi
: > "$out/runs.tsv"
rm -f "$out/failed.tsv"
common=(--rate "$rate" --seconds "$seconds" --warmup "$warmup")

# One round of the workload's runs; $1 tells repeated runs' files apart ("" without --repeat).
stateless_round() {
  local r=$1
  run "streamline$r" "streamline $(git -C "$root" rev-parse --short HEAD), continuous trigger, $epoch_ms ms epochs" \
    "$root/bench/run.sh" --mode continuous --workload stateless "${common[@]}" --epoch-ms "$epoch_ms" \
    --json "$out/streamline$r.json"
  run "flink-fused$r" "" peer_java flink io.streamline.bench.peers.flink.FlinkPeer "${common[@]}" \
    --json "$out/flink-fused$r.json" --chaining fused --buffer-timeout-ms 100
  run "flink-split-0ms$r" "" peer_java flink io.streamline.bench.peers.flink.FlinkPeer "${common[@]}" \
    --json "$out/flink-split-0ms$r.json" --chaining split --buffer-timeout-ms 0
  run "flink-split-100ms$r" "" peer_java flink io.streamline.bench.peers.flink.FlinkPeer "${common[@]}" \
    --json "$out/flink-split-100ms$r.json" --chaining split --buffer-timeout-ms 100
  run_spark "spark-continuous$r" SparkPeer --trigger continuous
  run_spark "spark-micro-batch$r" SparkPeer --trigger micro-batch
}

keyed_count_round() {
  local r=$1 commit
  commit="$(git -C "$root" rev-parse --short HEAD)"
  run "streamline-p1$r" "streamline $commit, keyed-count, 2 source partitions, parallelism 1, $epoch_ms ms epochs" \
    "$root/bench/run.sh" --mode continuous --workload keyed-count-2p "${common[@]}" --epoch-ms "$epoch_ms" \
    --json "$out/streamline-p1$r.json"
  run "streamline-p2$r" "streamline $commit, keyed-count, 2 source partitions, parallelism 2, $epoch_ms ms epochs" \
    "$root/bench/run.sh" --mode continuous --workload keyed-count-2p-x2 "${common[@]}" --epoch-ms "$epoch_ms" \
    --json "$out/streamline-p2$r.json"
  run "flink-keyby-p1$r" "" peer_java flink io.streamline.bench.peers.flink.FlinkKeyedCountPeer "${common[@]}" \
    --json "$out/flink-keyby-p1$r.json" --parallelism 1
  run "flink-keyby-p2$r" "" peer_java flink io.streamline.bench.peers.flink.FlinkKeyedCountPeer "${common[@]}" \
    --json "$out/flink-keyby-p2$r.json" --parallelism 2
}

windowed_count_round() {
  local r=$1 commit
  commit="$(git -C "$root" rev-parse --short HEAD)"
  run "streamline-continuous$r" "streamline $commit, windowed-count, continuous trigger, $epoch_ms ms epochs" \
    "$root/bench/run.sh" --mode continuous --workload windowed-count "${common[@]}" --epoch-ms "$epoch_ms" \
    --json "$out/streamline-continuous$r.json"
  run "streamline-micro-batch$r" "streamline $commit, windowed-count, micro-batch, 100 ms trigger" \
    "$root/bench/run.sh" --mode microbatch --workload windowed-count "${common[@]}" --trigger-ms 100 \
    --json "$out/streamline-micro-batch$r.json"
  run "flink-window-p1$r" "" peer_java flink io.streamline.bench.peers.flink.FlinkWindowedCountPeer "${common[@]}" \
    --json "$out/flink-window-p1$r.json" --parallelism 1
  run "flink-window-p2$r" "" peer_java flink io.streamline.bench.peers.flink.FlinkWindowedCountPeer "${common[@]}" \
    --json "$out/flink-window-p2$r.json" --parallelism 2
  run_spark "spark-micro-batch$r" SparkWindowedCountPeer
}

# kafka_run NAME LABEL RATE WORKLOAD ARGS...: one bench/run.sh --kafka run of WORKLOAD at RATE, writing $out/NAME.json.
kafka_run() {
  local name=$1 label=$2 rate=$3 bench_workload=$4
  shift 4
  run "$name" "$label" "$root/bench/run.sh" --kafka --bootstrap "$bootstrap" --workloads "$bench_workload" \
    --rates "$rate" --seconds "$seconds" --warmup "$warmup" --epoch-ms "$epoch_ms" --json "$out/$name.json" "$@"
}

# kafka_peer NAME LABEL RATE MODULE MAIN ARGS...: a peer's pipeline (bench/peers/MODULE's MAIN ARGS, run until
# SIGTERM) between the bench's topics.
kafka_peer() {
  local name=$1 label=$2 rate=$3 module=$4 main=$5
  shift 5
  kafka_run "$name" "$label" "$rate" "$workload" --external "$peers/peer-java.sh $module $main $*" --label "$label"
}

# A version from a pom's <NAME>VALUE</NAME>, for the labels.
pom_version() {
  sed -n "s|.*<$1>\\(.*\\)</$1>.*|\\1|p" "$2" | head -1
}

# The floors, this engine and the peers at each rate; the peers' intervals (commit, checkpoint, trigger) are 100 ms.
kafka_round() {
  local r=$1 rate commit kstreams flink spark
  commit="$(git -C "$root" rev-parse --short HEAD)"
  kstreams="Kafka Streams $(pom_version kafka.version "$root/pom.xml")"
  flink="Flink $(pom_version flink.version "$peers/pom.xml"), Kafka connector $(pom_version flink-kafka.version "$peers/pom.xml")"
  spark="Spark $(pom_version spark.version "$peers/pom.xml")"
  for rate in "${rate_list[@]}"; do
    kafka_run "floor-$rate$r" "floor: Java loop, poll(0) and send on one thread" "$rate" kafka-floor
    kafka_run "floor-handoff-$rate$r" "floor: Java loop, a fetch thread hands polls to the sending thread" "$rate" \
      kafka-floor-handoff
    kafka_run "streamline-continuous-$rate$r" "streamline $commit, continuous, exactly once, $epoch_ms ms epochs" "$rate" \
      "$workload" --modes continuous
    kafka_run "streamline-continuous-alo-$rate$r" "streamline $commit, continuous, at least once, $epoch_ms ms epochs" \
      "$rate" "$workload" --modes continuous-at-least-once
    kafka_run "streamline-micro-batch-$rate$r" "streamline $commit, micro-batch, exactly once, $epoch_ms ms trigger" \
      "$rate" "$workload" --modes micro-batch
    kafka_peer "kafka-streams-alo-$rate$r" "$kstreams, at_least_once, commit 100 ms" "$rate" \
      kafka-streams io.streamline.bench.peers.kstreams.KafkaStreamsPeer --guarantee at_least_once
    kafka_peer "kafka-streams-eos-$rate$r" "$kstreams, exactly_once_v2, commit 100 ms" "$rate" \
      kafka-streams io.streamline.bench.peers.kstreams.KafkaStreamsPeer --guarantee exactly_once_v2
    kafka_peer "flink-alo-$rate$r" "$flink, AT_LEAST_ONCE, checkpoints 100 ms" "$rate" \
      flink io.streamline.bench.peers.flink.FlinkKafkaPeer --guarantee AT_LEAST_ONCE
    kafka_peer "flink-eos-$rate$r" "$flink, EXACTLY_ONCE, checkpoints 100 ms" "$rate" \
      flink io.streamline.bench.peers.flink.FlinkKafkaPeer --guarantee EXACTLY_ONCE
    if [[ "$workload" == kafka-passthrough ]]; then # Spark's continuous mode cannot aggregate
      kafka_peer "spark-continuous-$rate$r" "$spark, continuous trigger, 100 ms epochs" "$rate" \
        spark io.streamline.bench.peers.spark.SparkKafkaPeer --trigger continuous
    fi
    kafka_peer "spark-micro-batch-$rate$r" "$spark, micro-batch, processingTime 100 ms" "$rate" \
      spark io.streamline.bench.peers.spark.SparkKafkaPeer --trigger micro-batch
  done
}

for ((round = 1; round <= repeat; round++)); do
  suffix=""
  if ((repeat > 1)); then
    suffix="-r$round"
    echo "== round $round of $repeat"
  fi
  case "$workload" in
    keyed-count) keyed_count_round "$suffix" ;;
    windowed-count) windowed_count_round "$suffix" ;;
    kafka-*) kafka_round "$suffix" ;;
    *) stateless_round "$suffix" ;;
  esac
done

echo
report=(--title "$workload workload at $rate rec/s, $warmup s warm-up, $seconds s measured ($(date -u +%F))")
if [[ -n "$kafka" ]]; then
  # The plot and the targets at 100k rec/s (issue 15's), else at the highest rate run.
  focus="${rate_list[-1]}"
  [[ ",$rates," == *,100000,* ]] && focus=100000
  report=(--title "$workload at $focus rec/s, $warmup s warm-up, $seconds s measured ($(date -u +%F), rates $rates in combined.md)"
          --focus-rate "$focus")
fi
java -cp "$peers/harness/target/streamline-bench-peers-harness.jar:$(cat "$peers/harness/target/classpath.txt")" \
  io.streamline.bench.peers.CombinedReport --manifest "$out/runs.tsv" --out "$out" "${report[@]}"
if [[ -s "$out/failed.tsv" ]]; then
  {
    printf '\nRuns that failed (their logs: NAME.stderr.log and NAME.pipeline.log in %s):\n\n' "$out"
    while IFS=$'\t' read -r name label; do
      printf -- '- %s (%s): %s\n' "$label" "$name" \
        "$(grep -m1 -E 'Exception|Error|error' "$out/$name.stderr.log" | cut -c1-300 || echo 'see its log')"
    done < "$out/failed.tsv"
  } | tee -a "$out/combined.md"
fi
echo "combined: $out/combined.md, $out/combined.json, $out/combined.svg"
