#!/usr/bin/env bash
# Prints the path of the bench uber-jar, building it first (reactor build of journal, engine and bench;
# nothing is installed) when it is missing or older than any source or pom it is made from.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/bench/target/streamline-bench.jar"
if [[ ! -f "$jar" ]] || [[ -n "$(find "$root" \( -path "$root/bench/peers" -o -name target -o -name .git \) -prune \
        -o \( -name pom.xml -o -path '*/src/main/*' \) -newer "$jar" -print -quit 2>/dev/null)" ]]; then
  (cd "$root" && mvn -q -pl bench -am package -DskipTests) >&2
fi
echo "$jar"
