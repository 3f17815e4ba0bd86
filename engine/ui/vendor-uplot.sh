#!/usr/bin/env bash
# Refreshes the chart library the live page bundles (uPlot, MIT licence) from the npm registry, so that the page
# needs no internet access:   engine/ui/vendor-uplot.sh [VERSION]   (default: the version bundled now, 1.6.32)
set -euo pipefail
version="${1:-1.6.32}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
vendor="$here/src/main/resources/io/streamline/ui/web/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "uplot@$version" >/dev/null && tar xzf "uplot-$version.tgz")
cp "$work/package/dist/uPlot.iife.min.js" "$work/package/dist/uPlot.min.css" "$vendor/"
cp "$work/package/LICENSE" "$vendor/uPlot.LICENSE"
echo "uPlot $version -> $vendor"
