#!/usr/bin/env bash
# Refit the baseline's free parameters to the observed usage and install the result as the shipped calibration
# (inputs/parameters/birmingham_calibrated_parameters.toml, which the baseline scenario names). Run it after
# changing any input the calibration depends on (projection, life table, care-need or day-services parameters,
# usage counts): `dayopps run` refuses a calibration fitted on other inputs. Extra arguments go to
# `dayopps calibrate` (e.g. --replications 20). Then commit the new file, saying why it moved.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh release >/dev/null
out=runs/birmingham-calibration
./build/release/cli/dayopps calibrate inputs/scenarios/birmingham-baseline.toml -o "$out" "$@"
cp "$out/calibrated_parameters.toml" inputs/parameters/birmingham_calibrated_parameters.toml
echo "calibrate: installed inputs/parameters/birmingham_calibrated_parameters.toml (fit report: $out/fit_report.md)"
