#!/usr/bin/env bash
# Runs a main class of one peer module (built by run-peers.sh) in a JVM of its own:
#   bench/peers/peer-java.sh MODULE MAIN [ARGS...]
# with the module's argfile of JVM flags (jvm/MODULE.flags), $BENCH_JAVA_OPTS (default: the engine runner's
# pre-touched 1 GiB heap) and the module's jar and runtime classpath. The JVM replaces this shell (exec), so that
# bench/run.sh --kafka --external can stop a peer's pipeline with SIGTERM.
set -euo pipefail
peers="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[[ $# -ge 2 ]] || { echo "usage: bench/peers/peer-java.sh MODULE MAIN [ARGS...]" >&2; exit 2; }
module=$1 main=$2
shift 2
jar="$peers/$module/target/streamline-bench-peers-$module.jar"
[[ -f "$jar" ]] || { echo "error: $jar is missing: build it with run-peers.sh (or mvn -Ppeers -pl bench/peers/$module -am package)" >&2; exit 1; }
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
exec java "@$peers/jvm/$module.flags" ${BENCH_JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch} \
  -cp "$jar:$(cat "$peers/$module/target/classpath.txt")" "$main" "$@"
