#!/usr/bin/env bash
# The scenario job: install, build, and run the shipped Birmingham scenario set as one batch against the
# baseline: runs/birmingham-scenarios/ gets results.h5 (a group per scenario and /comparison), summary.xlsx,
# the charts and report.html. Extra arguments go to `dayopps run`, e.g. scripts/scenarios.sh --replications 100.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh release
s=inputs/scenarios
exec ./build/release/cli/dayopps run "$s/birmingham-baseline.toml" "$s/birmingham-2018-gradual-shift.toml" \
  "$s/birmingham-2024-consolidation.toml" "$s/birmingham-prevention.toml" --output runs/birmingham-scenarios "$@"
