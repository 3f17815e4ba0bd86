#!/usr/bin/env bash
# Runs an example by its class name: examples/run.sh RateLatency [--seconds 30] [--rate 100000]
# With no argument, lists the examples and what each shows.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -eq 0 ]; then
  exec "$here/../tuning/bin/launch.sh" examples io.streamline.examples.Examples
fi
name="$1"; shift
exec "$here/../tuning/bin/launch.sh" examples "io.streamline.examples.$name" "$@"
