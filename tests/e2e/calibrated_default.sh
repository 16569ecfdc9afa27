#!/bin/bash
# The default forecast is calibrated (issue: "a forecast that learns from Birmingham's own history"):
# - the baseline names the shipped calibration, and a run uses it (parameter_source "drawn");
# - with base_year_users = "model" the model's own base year holds the observed users within 5%
#   (1,600 in 2019), so the calibrated dynamics and the observed base year agree;
# - the default run (observed base year) has no starting transient: no year to 2027 falls more than 1% below the
#   base year's users (the uncalibrated rates fell 3.3% by 2025 for no demographic reason).
source "$(dirname "$0")/lib.sh"
OBSERVED=1600

run_dayopps run --replications 20 --horizon 2027 --no-charts -q --output "$WORK/default"
check "the default forecast runs" exit_code_is 0

cat >"$WORK/model-base.toml" <<TOML
[scenario]
name = "baseline-model-base-year"
inherits = "$BASELINE"
[run]
base_year_users = "model"
TOML
run_dayopps run "$WORK/model-base.toml" --replications 20 --horizon 2027 --no-charts -q --output "$WORK/model"
check "the model base year runs" exit_code_is 0

check "calibrated base year and dynamics agree" "$PYTHON" - "$WORK/default/results.h5" "$WORK/model/results.h5" \
  "$OBSERVED" <<'PY'
import sys
import h5py
import numpy as np

default, model, observed = h5py.File(sys.argv[1]), h5py.File(sys.argv[2]), float(sys.argv[3])
ok = True
source = default["parameters"].attrs.get("source", default.attrs.get("parameter_source", b""))
for f, name in ((default, "default"), (model, "model")):
    inputs = [r.decode() if isinstance(r, bytes) else r for r in f["provenance/input"][()]]
    if "calibrated_parameters" not in inputs:
        print(f"{name}: no calibrated_parameters among the inputs: {inputs}")
        ok = False
users = model["services/users"][()].sum(axis=(2, 3, 4, 5))  # replication, year
base = users[:, 0].mean()
print(f"model base year: mean users {base:.1f} against {observed:.0f} observed ({100 * (base / observed - 1):+.1f}%)")
ok &= abs(base / observed - 1) < 0.05
path = default["services/users"][()].sum(axis=(2, 3, 4, 5)).mean(axis=0)
print("default forecast, mean users by year:", np.round(path).astype(int).tolist())
ok &= bool(path[0] == observed) and bool(np.all(path[1:] >= 0.99 * path[0]))
sys.exit(0 if ok else 1)
PY
finish
