#!/usr/bin/env bash
# Runs a main class of one module with the project's JVM flags, building the module on first use or when
# any source changed. Used by examples/run.sh and bench/run.sh so every launch gets the same flags.
#   tuning/bin/launch.sh MODULE MAIN_CLASS [ARGS...]
# A GC flag set from tuning/jvm is chosen with STREAMLINE_GC (g1-latency, zgc, parallel-throughput; default:
# the JVM's own defaults), and any other JVM options go in JAVA_OPTS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
module="$1"; main="$2"; shift 2
classpath_file="$root/$module/target/classpath.txt"

stale() {
  [ ! -f "$classpath_file" ] && return 0
  [ -n "$(find "$root" -path '*/src/main/*' -newer "$classpath_file" -print -quit)" ] && return 0
  [ -n "$(find "$root" -name pom.xml -newer "$classpath_file" -print -quit)" ] && return 0
  return 1
}

if stale; then
  echo "Building $module and the modules it uses (first run or sources changed; about a minute on 2 cores)..." >&2
  # One reactor build: sibling modules resolve to their freshly packaged jars, nothing is installed. Only the
  # runtime class path: test jars (JUnit) on it would make Chronicle behave as it does inside a test.
  build_log="$(mktemp)"
  (cd "$root" && mvn -B -pl "$module" -am package dependency:build-classpath -DskipTests \
      -DincludeScope=runtime -Dmdep.outputFile=target/classpath.txt >"$build_log" 2>&1) &
  build=$!
  started=$SECONDS
  while kill -0 "$build" 2>/dev/null; do # a line every 5 s: which module Maven is at
    sleep 1
    if (( (SECONDS - started) % 5 == 0 )) && kill -0 "$build" 2>/dev/null; then
      step="$(grep -o 'Building streamline[^[]*' "$build_log" | tail -1 | sed 's/ *$//' || true)"
      echo "  $((SECONDS - started)) s: ${step:-resolving dependencies}" >&2
    fi
  done
  if ! wait "$build"; then
    cat "$build_log" >&2; rm -f "$build_log"; exit 1
  fi
  rm -f "$build_log"
  echo "  built in $((SECONDS - started)) s" >&2
  touch "$classpath_file" # the plugin leaves an unchanged class path file alone; mark this build as the latest
fi

# The module flags (Chronicle Queue and Agrona on Java 17) live in one argfile: see tuning/jvm/module.flags.
gc_flags=()
if [ -n "${STREAMLINE_GC:-}" ]; then
  gc_file="$root/tuning/jvm/$STREAMLINE_GC.flags"
  [ -f "$gc_file" ] || { echo "STREAMLINE_GC=$STREAMLINE_GC: no $gc_file; choose one of: $(cd "$root/tuning/jvm" && ls *.flags | grep -v module | sed 's/.flags//' | tr '\n' ' ')" >&2; exit 2; }
  gc_flags=("@$gc_file")
fi
exec java @"$root/tuning/jvm/module.flags" "${gc_flags[@]}" ${JAVA_OPTS:-} \
  -cp "$root/$module/target/classes:$(cat "$classpath_file")" "$main" "$@"
