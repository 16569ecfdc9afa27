"""Checks a calibration folder: every table and chart exists, the report names every parameter, the
parameter table agrees with calibrated_parameters.toml, and the report's backcast error table (section "History
and backcast") equals backcast_mape.csv when there is one. Usage: check_fit_report.py RUN_DIR"""

import csv
import os
import sys
import tomllib

folder = sys.argv[1]
for name in ["calibrated_parameters.toml", "fit_observations.csv", "fit_parameters.csv", "fit_summary.csv",
             "fit_report.md", "fit_observed_vs_fitted.png", "fit_history.png", "fit_residuals.png",
             "fit_parameters.png"]:
    assert os.path.getsize(os.path.join(folder, name)) > 0, name
with open(os.path.join(folder, "calibrated_parameters.toml"), "rb") as f:
    calibrated = tomllib.load(f)
report = open(os.path.join(folder, "fit_report.md"), encoding="utf-8").read()
with open(os.path.join(folder, "fit_parameters.csv"), newline="") as f:
    rows = list(csv.DictReader(f))
assert len(rows) == 6, rows
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
assert "\n## History and backcast\n" in report, "fit_report.md lacks the section History and backcast"
history = report.split("\n## History and backcast\n", 1)[1].split("\n## ", 1)[0]
assert "](fit_history.png)" in history, "History and backcast does not show fit_history.png"
shown = [tuple(cell.strip() for cell in line.strip().strip("|").split("|")) for line in history.splitlines()
         if line.startswith("| ") and not line.startswith("| series ")]
mape_path = os.path.join(folder, "backcast_mape.csv")
if os.path.exists(mape_path):
    with open(mape_path, newline="") as f:
        mape = [(r["series"], r["held_out_years"], f"{float(r['mape_percent']):.1f}") for r in csv.DictReader(f)]
    assert mape and shown == mape, f"the report's backcast error table {shown} differs from backcast_mape.csv {mape}"
else:
    assert not shown, f"a backcast error table {shown} without backcast_mape.csv"
print(f"check_fit_report: {folder} ok")
