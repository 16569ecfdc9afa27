"""Fit report of `dayopps calibrate`: charts and fit_report.md from the CSV tables it writes.

Usage: /usr/bin/python3 outputs/charts/fit_report.py RUN_DIR
Reads fit_observations.csv, fit_parameters.csv, fit_summary.csv (required), backcast_mape.csv and
synthetic_truth.csv (when present). Writes fit_observed_vs_fitted.png, fit_residuals.png, fit_parameters.png,
backcast_mape.png (with a backcast) and fit_report.md, each to a temporary name renamed into place.
"""

import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

REQUIRED = {
    "fit_observations.csv": ["series", "year", "observed", "fitted", "fitted_sd", "pearson_residual", "role"],
    "fit_parameters.csv": ["parameter", "unit", "free", "initial", "estimate", "standard_error", "ci95_lower",
                           "ci95_upper"],
    "fit_summary.csv": ["key", "value"],
}
MAX_PANELS = 12


def fail(message):
    print(f"fit_report.py: error: {message}", file=sys.stderr)
    sys.exit(1)


def read(folder, name, required=True):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        if required:
            fail(f"{path} is missing")
        return None
    table = pd.read_csv(path, keep_default_na=False, na_values=[""])
    for column in REQUIRED.get(name, []):
        if column not in table.columns:
            fail(f"{path} lacks the column {column}")
    return table


def save(fig, folder, name):
    final = os.path.join(folder, name)
    temporary = final + ".tmp.png"
    fig.savefig(temporary, dpi=120, bbox_inches="tight")
    plt.close(fig)
    os.replace(temporary, final)


def observed_vs_fitted(obs, folder):
    series = list(dict.fromkeys(obs["series"]))
    shown = series[:MAX_PANELS]
    columns = min(3, len(shown))
    rows = math.ceil(len(shown) / columns)
    fig, axes = plt.subplots(rows, columns, figsize=(4.2 * columns, 3.0 * rows), squeeze=False)
    for ax in axes.flat[len(shown):]:
        ax.set_visible(False)
    for ax, name in zip(axes.flat, shown):
        s = obs[obs["series"] == name].sort_values("year")
        band = 2 * s["fitted_sd"].fillna(0)
        if len(s) == 1:
            ax.errorbar(s["year"], s["fitted"], yerr=band, fmt="s", color="#4c72b0", label="fitted ±2 MC sd")
            year = int(s["year"].iloc[0])
            ax.set_xlim(year - 1, year + 1)
            ax.set_xticks([year])
        else:
            ax.plot(s["year"], s["fitted"], color="#4c72b0", label="fitted")
            ax.fill_between(s["year"], s["fitted"] - band, s["fitted"] + band, color="#4c72b0", alpha=0.2)
        fit = s[s["role"] == "fit"]
        held = s[s["role"] == "holdout"]
        ax.plot(fit["year"], fit["observed"], "o", color="black", label="observed (fitted)")
        if len(held):
            ax.plot(held["year"], held["observed"], "o", mfc="white", color="#c44e52", label="observed (held out)")
            ax.axvspan(held["year"].min() - 0.5, held["year"].max() + 0.5, color="#c44e52", alpha=0.07)
        ax.set_title(name, fontsize=8)
        ax.tick_params(labelsize=7)
        if len(s) > 1:
            ax.xaxis.get_major_locator().set_params(integer=True)
    axes.flat[0].legend(fontsize=7)
    caption = "Observed counts against the model's expectation at the estimates (mean of the calibration's replications)."
    if len(series) > MAX_PANELS:
        caption += f" First {MAX_PANELS} of {len(series)} series."
    fig.suptitle(caption, fontsize=9)
    save(fig, folder, "fit_observed_vs_fitted.png")


def residuals(obs, folder):
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(obs) + 1.2))
    labels = [f"{r.series} {r.year}" for r in obs.itertuples()]
    colours = ["#4c72b0" if role == "fit" else "#c44e52" for role in obs["role"]]
    ax.barh(range(len(obs)), obs["pearson_residual"], color=colours)
    ax.set_yticks(range(len(obs)), labels, fontsize=6)
    for x in (-2, 2):
        ax.axvline(x, color="grey", linestyle="--", linewidth=0.8)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("Pearson residual (observed − fitted) / √fitted; red: held out")
    ax.invert_yaxis()
    save(fig, folder, "fit_residuals.png")


def parameters(par, truth, folder):
    free = par[par["free"].astype(str).str.lower() == "true"].reset_index(drop=True)
    fig, axes = plt.subplots(len(free), 1, figsize=(6, 1.3 * max(1, len(free)) + 0.6), squeeze=False)
    for ax, row in zip(axes.flat, free.itertuples()):
        if not pd.isna(row.ci95_lower):
            ax.errorbar([row.estimate], [0], xerr=[[row.estimate - row.ci95_lower], [row.ci95_upper - row.estimate]],
                        fmt="o", color="#4c72b0", capsize=4, label="estimate, 95% CI")
        else:
            ax.plot([row.estimate], [0], "o", color="#4c72b0", label="estimate (not identified)")
        ax.plot([row.initial], [0], "|", color="grey", markersize=14, label="derived (initial)")
        if truth is not None and row.parameter in set(truth["parameter"]):
            true_value = float(truth[truth["parameter"] == row.parameter]["true_value"].iloc[0])
            ax.plot([true_value], [0], "x", color="#c44e52", markersize=9, label="truth")
        ax.set_yticks([])
        ax.set_title(f"{row.parameter} ({row.unit})", fontsize=8)
    axes.flat[0].legend(fontsize=7, loc="best")
    fig.tight_layout()
    save(fig, folder, "fit_parameters.png")


def mape_chart(mape, folder):
    fig, ax = plt.subplots(figsize=(7, 0.4 * len(mape) + 1.2))
    ax.barh(range(len(mape)), mape["mape_percent"], color="#dd8452")
    ax.set_yticks(range(len(mape)), mape["series"], fontsize=7)
    ax.set_xlabel("mean absolute percentage error on the held-out years (%)")
    ax.invert_yaxis()
    save(fig, folder, "backcast_mape.png")


def fmt(value, digits=4):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{float(value):.{digits}g}"


def report(folder, summary, obs, par, mape, truth):
    lines = ["# Calibration fit report", "", "| | |", "|---|---|"]
    lines += [f"| {r.key} | {r.value} |" for r in summary.itertuples()]
    lines += ["", "## Parameters", "", "| parameter | unit | derived | estimate | SE | 95% CI |", "|---|---|---|---|---|---|"]
    for r in par.itertuples():
        if str(r.free).lower() == "true":
            ci = f"{fmt(r.ci95_lower)} – {fmt(r.ci95_upper)}" if not pd.isna(r.ci95_lower) else "not identified"
            lines.append(f"| {r.parameter} | {r.unit} | {fmt(r.initial)} | {fmt(r.estimate)} | {fmt(r.standard_error)} | {ci} |")
        else:
            lines.append(f"| {r.parameter} | {r.unit} | {fmt(r.initial)} | {fmt(r.estimate)} (fixed) | | |")
    lines += ["", "## Observations", "", "| series | year | observed | fitted | residual | role |", "|---|---|---|---|---|---|"]
    for r in obs.itertuples():
        lines.append(f"| {r.series} | {r.year} | {r.observed:.0f} | {r.fitted:.1f} | {r.pearson_residual:.2f} | {r.role} |")
    lines += ["", "## Backcast", ""]
    if mape is None:
        lines.append("No held-out years: the observed series are too short for a backcast.")
    else:
        lines += ["| series | held-out values | MAPE % |", "|---|---|---|"]
        lines += [f"| {r.series} | {r.held_out_years} | {r.mape_percent:.2f} |" for r in mape.itertuples()]
    if truth is not None:
        lines += ["", "## Synthetic truth", "", "| parameter | truth | estimate | SE | z |", "|---|---|---|---|---|"]
        lines += [f"| {r.parameter} | {fmt(r.true_value)} | {fmt(r.estimate)} | {fmt(r.standard_error)} | {fmt(r.z, 3)} |"
                  for r in truth.itertuples()]
    lines += ["", "## Charts", "",
              "- `fit_observed_vs_fitted.png`: observed counts against the fitted expectation, per series.",
              "- `fit_residuals.png`: Pearson residuals; beyond ±2 is a poor fit.",
              "- `fit_parameters.png`: estimates with 95% intervals against the derived values"
              + (" and the truth." if truth is not None else ".")]
    if mape is not None:
        lines.append("- `backcast_mape.png`: error of the forecast on the held-out years.")
    final = os.path.join(folder, "fit_report.md")
    with open(final + ".tmp", "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    os.replace(final + ".tmp", final)


def main():
    if len(sys.argv) != 2:
        fail("usage: fit_report.py RUN_DIR")
    folder = sys.argv[1]
    obs = read(folder, "fit_observations.csv")
    par = read(folder, "fit_parameters.csv")
    summary = read(folder, "fit_summary.csv")
    mape = read(folder, "backcast_mape.csv", required=False)
    truth = read(folder, "synthetic_truth.csv", required=False)
    observed_vs_fitted(obs, folder)
    residuals(obs, folder)
    parameters(par, truth, folder)
    if mape is not None:
        mape_chart(mape, folder)
    report(folder, summary, obs, par, mape, truth)


if __name__ == "__main__":
    main()
