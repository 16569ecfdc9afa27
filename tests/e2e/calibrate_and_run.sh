#!/bin/bash
# dayopps calibrate on the bundled Birmingham inputs writes the calibrated-parameters file and the fit
# report; run --calibration --parameter-uncertainty uses it and records the draws; a tampered or foreign
# calibration is refused with exit code 2 and nothing written.
set -euo pipefail
: "${DAYOPPS:?}" "${DAYOPPS_SOURCE_DIR:?}" "${PYTHON:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

"$DAYOPPS" calibrate -q -r 2 -o "$work/cal"
for f in calibrated_parameters.toml fit_observations.csv fit_parameters.csv fit_summary.csv fit_report.md \
         fit_observed_vs_fitted.png fit_residuals.png fit_parameters.png; do
  test -s "$work/cal/$f" || { echo "missing $f"; exit 1; }
done
"$PYTHON" "$DAYOPPS_SOURCE_DIR/tests/python/check_fit_report.py" "$work/cal"
grep -q 'engagement_prior = .flat' "$work/cal/calibrated_parameters.toml"

"$DAYOPPS" run -q --no-charts -r 3 --horizon 2026 -o "$work/run" \
  --calibration "$work/cal/calibrated_parameters.toml" --parameter-uncertainty
"$PYTHON" - "$work/run/results.h5" "$work/cal/calibrated_parameters.toml" <<'PY'
import sys, tomllib, h5py
with open(sys.argv[2], "rb") as f:
    cal = tomllib.load(f)
with h5py.File(sys.argv[1]) as h5:
    g = h5["parameters"]
    assert g.attrs["source"] == "drawn", g.attrs["source"]
    names = [n.decode() for n in g["parameter"][:]]
    values = g["value"][:]
    assert values.shape == (3, 6), values.shape
    scale = values[:, names.index("start_scale")]
    est = cal["parameter"]["start_scale"]["estimate"]
    se = cal["parameter"]["start_scale"]["standard_error"]
    assert len(set(scale)) == 3, "each replication draws its own value"
    assert all(abs(v - est) < 6 * se for v in scale), (scale, est, se)
    fixed = values[:, names.index("continuation")]
    assert (fixed == cal["parameter"]["continuation"]["estimate"]).all(), "a fixed parameter is not drawn"
PY

# A calibration made on other inputs is refused, and nothing is written.
sed 's/^area_code = .*/area_code = "E08000026"/' "$work/cal/calibrated_parameters.toml" > "$work/other.toml"
set +e
"$DAYOPPS" run -q --no-charts -r 2 -o "$work/refused" --calibration "$work/other.toml" 2> "$work/err"
status=$?
set -e
test "$status" -eq 2 || { echo "expected exit 2, got $status"; exit 1; }
grep -q "calibrated for area E08000026" "$work/err" || { cat "$work/err"; exit 1; }
test ! -e "$work/refused/results.h5"
echo "calibrate_and_run: ok"
