#!/usr/bin/env bash
# Runs an example by its class name: examples/run.sh RateLatency [--seconds 30] [--rate 100000]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
name="${1:-RateLatency}"; [ $# -gt 0 ] && shift
exec "$here/../tuning/bin/launch.sh" examples "io.streamline.examples.$name" "$@"
