#!/usr/bin/env bash
# The JMH micro-benchmarks of the engine's hot path; arguments go to JMH, e.g.
#   bench/jmh.sh -prof gc          # every benchmark, with allocation per operation (gc.alloc.rate.norm, B/op)
#   bench/jmh.sh FusedChain -prof gc
# Forks inherit this JVM's options, so they get the module flags too.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$("$root/bench/build.sh")"
exec java "@$root/tuning/jvm/module.flags" -jar "$jar" "$@"
