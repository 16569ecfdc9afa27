#!/bin/bash
# Growth of adults with a moderate or severe learning disability, 2022-2040, split into population change,
# the cohort trend and improving survival: the baseline and two scenarios that each remove or add one driver,
# run as one batch (shared random numbers), with its charts and report (report.html, report.pdf: the Drivers section
# shows the decomposition), then the decomposition table and chart.
#   bash scripts/ld_growth.sh [dayopps run options, e.g. --replications 50]
# Writes runs/birmingham-ld-growth/: results.h5, summary.xlsx, the batch's charts, report.html and report.pdf, and
# ld_growth_decomposition.csv and ld_growth_decomposition.png.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh release >/dev/null
s=inputs/scenarios
out=runs/birmingham-ld-growth
./build/release/cli/dayopps run "$s/birmingham-baseline.toml" "$s/birmingham-ld-no-cohort-trend.toml" \
  "$s/birmingham-ld-survival-improves.toml" --output "$out" "$@"
/usr/bin/python3 outputs/charts/ld_growth.py "$out/results.h5" "$out"
