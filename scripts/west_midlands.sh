#!/bin/bash
# The seven West Midlands metropolitan boroughs with day services and costs, 2022-2040, each on its own
# calibration (inputs/parameters/west_midlands/), with the comparison chart and report.
#   bash scripts/west_midlands.sh              run on the shipped calibrations (about half a minute after the build)
#   bash scripts/west_midlands.sh --calibrate  refit every borough to its day-care history first (about 5 minutes
#                                              on two cores), install the fits, then run
# Other arguments go to `dayopps run` (e.g. --replications 50). Writes runs/west-midlands-services/: results.h5
# (/areas/<code>/ and /region), summary.xlsx (one row per borough), areas_users_per_adult.png, report.html and
# report.pdf; with --calibrate also runs/west-midlands-calibration/<code>/ (each borough's fit report).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh release >/dev/null
scenario=inputs/scenarios/west-midlands-services.toml
if [ "${1:-}" = "--calibrate" ]; then
  shift
  fits=runs/west-midlands-calibration
  ./build/release/cli/dayopps calibrate "$scenario" -o "$fits"
  for folder in "$fits"/E*; do
    cp "$folder/calibrated_parameters.toml" "inputs/parameters/west_midlands/$(basename "$folder")_calibrated_parameters.toml"
  done
  echo "west_midlands: installed the fits in inputs/parameters/west_midlands/ (fit reports: $fits/<code>/fit_report.md)"
fi
exec ./build/release/cli/dayopps run "$scenario" "$@"
