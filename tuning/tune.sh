#!/usr/bin/env bash
# The auto-tuner: measures presets, ring sizes and thread counts on this machine and writes the best as a
# profile the engine loads.   tuning/tune.sh [--rate 100000] [--seconds 3] [--warmup 2] [--out tuned-profile.properties]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "$here/bin/launch.sh" tuning io.streamline.tuning.AutoTuner "$@"
