#!/usr/bin/env bash
# A single-node Kafka broker (KRaft: broker and controller in one process) for the examples and benchmarks,
# run from Maven artifacts, listening on 127.0.0.1 only.
#   examples/kafka/broker.sh start|stop|status
# KAFKA_PORT (default 9092; the controller takes the next port) and KAFKA_DIR (default examples/kafka/target/broker:
# its configuration, data and log) change where it runs. The first start copies the jars (mvn
# dependency:copy-dependencies) and formats the storage; later starts reuse both, so topics survive a restart.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="${KAFKA_PORT:-9092}"
controller=$((port + 1))
dir="${KAFKA_DIR:-$here/target/broker}"
lib="$here/target/lib"
pid_file="$dir/broker.pid"
log="$dir/broker.log"

running() {
  [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

config() {
  mkdir -p "$dir/data"
  cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
num.partitions=4
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
}

start() {
  if running; then
    echo "Kafka broker already running (pid $(cat "$pid_file")) on 127.0.0.1:$port"
    return 0
  fi
  if [ ! -d "$lib" ]; then
    echo "Copying the broker's jars (first start)..."
    (cd "$here" && mvn -B -q dependency:copy-dependencies -DoutputDirectory="$lib" -DincludeScope=runtime)
  fi
  config
  if [ ! -f "$dir/data/meta.properties" ]; then
    echo "Formatting the broker's storage in $dir/data (first start)..."
    cluster="$(java -cp "$lib/*" kafka.tools.StorageTool random-uuid 2>/dev/null)"
    java -cp "$lib/*" kafka.tools.StorageTool format -t "$cluster" -c "$dir/server.properties" --standalone >"$dir/format.log" 2>&1 \
      || { cat "$dir/format.log" >&2; exit 1; }
  fi
  : >"$log"
  nohup java -Xms512m -Xmx1g -cp "$lib/*" kafka.Kafka "$dir/server.properties" >>"$log" 2>&1 </dev/null &
  echo $! >"$pid_file"
  # 5-25 s on 2 cores.
  for _ in $(seq 1 120); do
    if grep -q "Kafka Server started" "$log"; then
      echo "Kafka broker started (pid $(cat "$pid_file")): bootstrap servers 127.0.0.1:$port, log $log"
      return 0
    fi
    if ! running; then
      echo "The Kafka broker exited while starting; the end of $log:" >&2
      tail -20 "$log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "The Kafka broker did not start within 60 s; the end of $log:" >&2
  tail -20 "$log" >&2
  kill "$(cat "$pid_file")" 2>/dev/null || true
  exit 1
}

stop() {
  if ! running; then
    echo "Kafka broker not running"
    rm -f "$pid_file"
    return 0
  fi
  pid="$(cat "$pid_file")"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pid_file"
      echo "Kafka broker stopped"
      return 0
    fi
    sleep 0.5
  done
  echo "The Kafka broker (pid $pid) did not stop within 30 s of SIGTERM" >&2
  exit 1
}

status() {
  if running; then
    echo "Kafka broker running (pid $(cat "$pid_file")): bootstrap servers 127.0.0.1:$port"
  else
    echo "Kafka broker not running"
    return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
