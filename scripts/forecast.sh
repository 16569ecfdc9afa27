#!/usr/bin/env bash
# The main job: install, build, and run the default Birmingham forecast (results.h5, charts, report.html).
# Extra arguments go to `dayopps run`, e.g. scripts/forecast.sh --replications 100.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh release
exec ./build/release/cli/dayopps run "$@"
