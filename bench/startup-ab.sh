#!/usr/bin/env bash
# Start-up of two engine builds, alternately, under the same host load: for each run, a new checkpoint and a
# restart on it with build A, then the same with build B, one fresh JVM per start (StartupProbe).
#   bench/startup-ab.sh CLASSPATH_A CLASSPATH_B [RUNS]
# A class path is a bench jar, or for an engine without the probe: a directory holding StartupProbe and
# StartSampler compiled against that engine's bench jar, then the jar (javac -d DIR -cp OLD.jar
# bench/src/main/java/io/streamline/bench/startup/Start{upProbe,Sampler}.java).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
a="$1"; b="$2"; runs="${3:-5}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
for i in $(seq 1 "$runs"); do
  for build in A B; do
    cp="$a"; [ "$build" = B ] && cp="$b"
    for kind in new restart; do
      printf '%s %-8s load %s ' "$build" "$kind" "$(cut -d' ' -f1 /proc/loadavg)"
      java "@$root/tuning/jvm/module.flags" -cp "$cp" io.streamline.bench.startup.StartupProbe "$dir/$build-$i" | grep startup-ms
    done
  done
done
