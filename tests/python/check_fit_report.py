"""Checks a calibration folder: every table and chart exists, the report names every parameter, and the
parameter table agrees with calibrated_parameters.toml. Usage: check_fit_report.py RUN_DIR"""

import csv
import os
import sys
import tomllib

folder = sys.argv[1]
for name in ["calibrated_parameters.toml", "fit_observations.csv", "fit_parameters.csv", "fit_summary.csv",
             "fit_report.md", "fit_observed_vs_fitted.png", "fit_residuals.png", "fit_parameters.png"]:
    assert os.path.getsize(os.path.join(folder, name)) > 0, name
with open(os.path.join(folder, "calibrated_parameters.toml"), "rb") as f:
    calibrated = tomllib.load(f)
report = open(os.path.join(folder, "fit_report.md"), encoding="utf-8").read()
with open(os.path.join(folder, "fit_parameters.csv"), newline="") as f:
    rows = list(csv.DictReader(f))
assert len(rows) == 4, rows
for row in rows:
    assert row["parameter"] in report, row["parameter"]
    toml_row = calibrated["parameter"][row["parameter"]]
    assert abs(float(row["estimate"]) - toml_row["estimate"]) <= 1e-8 * max(1, abs(toml_row["estimate"])), row
    assert (row["free"] == "true") == toml_row["free"], row
    if toml_row["free"]:
        assert float(row["ci95_lower"]) <= float(row["estimate"]) <= float(row["ci95_upper"]), row
with open(os.path.join(folder, "fit_observations.csv"), newline="") as f:
    observations = list(csv.DictReader(f))
assert len(observations) == calibrated["calibration"]["observations"] + sum(o["role"] == "holdout" for o in observations)
print(f"check_fit_report: {folder} ok")
