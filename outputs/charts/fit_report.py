"""Fit report of `dayopps calibrate`: charts and fit_report.md from the CSV tables it writes.

Usage: /usr/bin/python3 outputs/charts/fit_report.py RUN_DIR
Reads fit_observations.csv, fit_parameters.csv, fit_summary.csv (required), backcast_mape.csv,
synthetic_truth.csv and calibrated_parameters.toml (when present). Writes fit_observed_vs_fitted.png,
fit_history.png, fit_residuals.png, fit_parameters.png, backcast_mape.png (with held-back values) and
fit_report.md, each to a temporary name renamed into place.

plot_history (observed counts, the fit and the backcast fit per series) is also imported by
notebooks-export/population_report.ipynb, which draws it from the /calibration group of results.h5; it
returns a Figure and neither saves nor shows it.
"""

import hashlib
import math
import os
import re
import sys
import textwrap
import tomllib
from types import SimpleNamespace

import matplotlib

if __name__ == "__main__":
    # Headless. The report notebook imports plot_history and keeps its own backend.
    matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

import chart_style as style  # noqa: E402

REQUIRED = {
    "fit_observations.csv": ["series", "year", "observed", "fitted", "fitted_sd", "pearson_residual", "role"],
    "fit_parameters.csv": ["parameter", "unit", "free", "initial", "estimate", "standard_error", "ci95_lower",
                           "ci95_upper"],
    "fit_summary.csv": ["key", "value"],
}
MAX_PANELS = 12
MAX_HISTORY_PANELS = 4  # series with more than one year drawn side by side in fit_history.png
SOURCES_TOML = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "inputs", "data", "sources.toml")
# fit_history.png: Okabe-Ito blue for the fit, vermillion for the backcast fit, grey shading for held-back years.
FIT_COLOUR, BACKCAST_COLOUR, HELD_SHADE = "#0072B2", "#D55E00", "0.9"


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


def series_title(label, short=False):
    """A series label of the calibration ("users, all services, learning_disability, 18-64") in words:
    "Users: learning disability, 18-64"; short: without the measure and the parts that are "all" ("users,
    internal_day_centre, all reasons, all ages" -> "Council day centres"). Other labels are returned as they are."""
    parts = [p.strip() for p in str(label).split(",")]
    if len(parts) != 4:
        return str(label)
    measure, service, reason, ages = parts
    words = [("all support reasons" if reason == "all reasons" else reason.replace("_", " ")),
             ("all ages" if ages == "all ages" else ages)]
    if service != "all services":
        words.append(style.SERVICE_LABELS.get(service, service.replace("_", " ")).lower())
    if short:
        kept = [w for w in words if not w.startswith("all ")] or words[:1]
        return kept[0][:1].upper() + ", ".join(kept)[1:]
    return f"{measure.replace('_', ' ').capitalize()}: " + ", ".join(words)


def years_text(years):
    """Years as runs: [2009, 2010, ..., 2014, 2019] -> "2009–2014 and 2019"."""
    years = sorted({int(y) for y in years})
    runs = []
    for y in years:
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    texts = [f"{a}–{b}" if b > a else str(a) for a, b in runs]
    return ", ".join(texts[:-1]) + " and " + texts[-1] if len(texts) > 1 else "".join(texts)


def plot_history(table, validate_to_year, title_of, title, subtitle, source):
    """Observed counts against the fit and the backcast fit, one panel per series counted in more than one
    year (up to MAX_HISTORY_PANELS), and one panel for the series counted in a single year.

    table: a DataFrame with columns series, year, observed, fitted, backcast (NaN without a backcast check),
    predicted (True where the backcast value predicts a year held back from the backcast fit) and held_out (True
    where the count was held out of the fit itself). validate_to_year: the last year the backcast fit saw (0 or
    None: no backcast check). title_of: an object with area_name (chart_style.new_figure).
    """
    order = list(dict.fromkeys(table["series"]))
    table = table.sort_values(["series", "year"], kind="stable")
    counts = table.groupby("series")["year"].nunique()
    multi = [s for s in order if counts[s] > 1]
    single = [s for s in order if counts[s] == 1]
    shown = multi[:MAX_HISTORY_PANELS]
    backcast = bool(validate_to_year) and bool(table["backcast"].notna().any())
    held_out = bool(table["held_out"].any())

    caption = ("Dots: observed counts. Solid line: the model at the calibrated estimates (the mean of the "
               "calibration's replications), fitted to every count shown"
               + (" except the open circles, which were held out of the fit (shaded) and which the line forecasts"
                  if held_out else "") + ". ")
    if backcast:
        caption += (f"Dashed line: the backcast fit, made on the counts up to {validate_to_year} only; diamonds: its "
                    f"predictions for the years after {validate_to_year}, held back from it (shaded), whose error is "
                    "the backcast error. ")
    caption += "No band is drawn: every line is an expected count, not an interval."
    if single:
        caption += (f" Right: series counted in one year only ({years_text(table[table['series'].isin(single)]['year'])}), "
                    "the fitted value as a bar" + (" and the backcast prediction as a diamond." if backcast else "."))
    if len(multi) > len(shown):
        caption += f" First {len(shown)} of {len(multi)} series with more than one year."

    panels = len(shown) + (1 if single else 0)
    ratios = [1.0] * len(shown) + ([0.45 + 0.2 * len(single)] if single else [])
    fig, axes = style.new_figure(title_of, title, caption, "\n".join(textwrap.wrap(source, 190)), ncols=panels,
                                 subtitle=subtitle, width_ratios=ratios if panels > 1 else None)
    axes = np.atleast_1d(axes)
    fig.subplots_adjust(left=0.07, top=0.76, wspace=0.3)

    def shade(ax, first, last, label):
        ax.axvspan(first, last, color=HELD_SHADE, linewidth=0, zorder=0, label=label)

    for ax, name in zip(axes, shown):
        s = table[table["series"] == name]
        years = s["year"].to_numpy()
        if backcast and s["predicted"].any():
            shade(ax, s[s["predicted"]]["year"].min() - 0.5, years.max() + 0.5,
                  f"held back from the backcast fit (after {validate_to_year})")
        if held_out and s["held_out"].any():
            shade(ax, s[s["held_out"]]["year"].min() - 0.5, years.max() + 0.5, "held out of the fit")
        ax.plot(years, s["fitted"], color=FIT_COLOUR, linewidth=2, label="fitted: the model at the estimates")
        if backcast:
            ax.plot(years, s["backcast"], color=BACKCAST_COLOUR, linewidth=1.6, linestyle="--",
                    label=f"backcast fit (counts to {validate_to_year} only)")
            p = s[s["predicted"]]
            ax.plot(p["year"], p["backcast"], "D", color=BACKCAST_COLOUR, mfc="white", mew=1.5, ms=6,
                    label="its prediction of a held-back year")
        seen = s[~s["held_out"]]
        ax.plot(seen["year"], seen["observed"], "o", color="black", ms=5, label="observed")
        if held_out:
            h = s[s["held_out"]]
            ax.plot(h["year"], h["observed"], "o", color="black", mfc="white", ms=5, label="observed, held out")
        ax.set_title(textwrap.fill(series_title(name), 36), fontsize=9, loc="left")
        ax.set_xlim(years.min() - 0.5, years.max() + 0.5)
        ax.set_ylim(0, 1.1 * float(np.nanmax(s[["observed", "fitted", "backcast"]].to_numpy())))
        style.thousands(ax)
        style.year_axis(ax, "Year (mid-year)")
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
        ax.tick_params(labelsize=8)
    if shown:
        axes[0].set_ylabel("People (persons counted)")

    if single:
        ax = axes[-1]
        s = table[table["series"].isin(single)].set_index("series").loc[single]
        x = np.arange(len(single))
        if backcast and s["predicted"].all():
            shade(ax, -0.5, len(single) - 0.5, None)
        ax.plot(x, s["fitted"], "_", color=FIT_COLOUR, ms=22, mew=2.5)
        if backcast:
            ax.plot(x, s["backcast"], "D", color=BACKCAST_COLOUR, mfc="white", mew=1.5, ms=6)
        ax.plot(x, s["observed"], "o", color="black", ms=5)
        ax.set_xticks(x, [textwrap.fill(series_title(n, short=True), 14) for n in single], fontsize=7)
        ax.set_xlim(-0.5, len(single) - 0.5)
        ax.set_ylim(0, 1.1 * float(np.nanmax(s[["observed", "fitted", "backcast"]].to_numpy())))
        years = sorted({int(y) for y in s["year"]})
        measures = sorted({series_title(n).split(":")[0] for n in single})
        ax.set_title(f"{', '.join(measures)} in {years_text(years)}", fontsize=9, loc="left")
        style.thousands(ax)
        style.tidy(ax, "y")
        ax.tick_params(axis="y", labelsize=8)
        if not shown:
            ax.set_ylabel("People (persons counted)")

    handles, labels = [], []
    for ax in axes:
        for h, lab in zip(*ax.get_legend_handles_labels()):
            if lab not in labels:
                handles.append(h)
                labels.append(lab)
    fig.legend(handles, labels, loc="upper left", bbox_to_anchor=(0.02, 0.885), ncol=3, fontsize=8, frameon=False)
    return fig


def usage_publishers(folder):
    """Publishers of the usage files the calibration was fitted to: calibrated_parameters.toml's sha256 of each
    (keys usage_1, usage_2, ...) matched against the bundled files that inputs/data/sources.toml describes.
    Empty when there is no match (other files, a synthetic truth)."""
    try:
        with open(os.path.join(folder, "calibrated_parameters.toml"), "rb") as f:
            inputs = tomllib.load(f).get("inputs", {})
        if "synthetic_truth" in inputs:  # counts simulated by the calibration itself
            return []
        digests = {v for k, v in inputs.items() if k.startswith("usage")}
        with open(SOURCES_TOML, "rb") as f:
            files = tomllib.load(f).get("file", [])
    except (OSError, tomllib.TOMLDecodeError):
        return []
    publishers = []
    for entry in files:
        path = os.path.join(os.path.dirname(SOURCES_TOML), entry.get("name", ""))
        if not digests or not os.path.isfile(path):
            continue
        with open(path, "rb") as f:
            if hashlib.sha256(f.read()).hexdigest() in digests and entry.get("publisher"):
                publishers.append(entry["publisher"])
    return list(dict.fromkeys(publishers))


def history_chart(obs, summary, folder):
    table = history_table(obs)
    settings = dict(zip(summary["key"], summary["value"].astype(str)))
    validate = backcast_year(settings, obs)
    publishers = usage_publishers(folder)
    data = settings.get("data", "observed counts")
    source = (f"Source: {data}" + (f" from {'; '.join(publishers)}" if publishers else "")
              + f", {years_text(table['year'])}; fitted" + (" and backcast" if validate else "")
              + f" values: dayopps calibrate ({settings.get('scenario', '?')}, {settings.get('replications', '?')} "
              "replications per evaluation).")
    fig = plot_history(table, validate, SimpleNamespace(area_name=settings.get("area_name") or settings.get("area_code", "")),
                       "observed counts, the fit and the backcast fit" if validate else "observed counts and the fit",
                       f"Calibration of {settings.get('scenario', '?')}"
                       + (f" · simulated from {settings['history_from']}" if "history_from" in settings else ""),
                       source)
    save(fig, folder, "fit_history.png")


def history_table(obs):
    """fit_observations.csv as plot_history's table."""
    table = obs[["series", "year", "observed", "fitted"]].copy()
    table["backcast"] = pd.to_numeric(obs["backcast"], errors="coerce") if "backcast" in obs else np.nan
    role = obs["backcast_role"].fillna("").astype(str) if "backcast_role" in obs else pd.Series("", index=obs.index)
    table["predicted"] = (role == "predicted").to_numpy()
    table["held_out"] = (obs["role"] == "holdout").to_numpy()
    return table


def backcast_year(settings, obs):
    """validate_to_year: from fit_summary.csv's backcast entry ("a second fit on the observations up to 2012 ..."),
    else the last year the backcast fit saw in fit_observations.csv; None without a backcast check."""
    found = re.search(r"up to (\d{4})", settings.get("backcast", ""))
    if found:
        return int(found.group(1))
    seen = obs[obs["backcast_role"] == "fitted"]["year"] if "backcast_role" in obs else []
    return int(max(seen)) if len(seen) else None


def dispersion_text(value):
    """fit_summary.csv's dispersion in words: what it is and what it does to the standard errors."""
    found = re.match(r"\s*([0-9.eE+-]+)", str(value))
    if not found:
        return f"Dispersion: {value}."
    phi = float(found.group(1))
    if phi <= 1.0:
        return (f"Dispersion {phi:.2f}: the deviance over its degrees of freedom is at most 1, so the counts scatter "
                "no more than Poisson counts around the fit and the standard errors are the Poisson ones.")
    return (f"Dispersion {phi:.1f}: the deviance over its degrees of freedom. The counts scatter about {phi:.0f} times "
            "more (in variance) than Poisson counts would around the fit: they move in ways the model does not follow. "
            "The covariance of the estimates is multiplied by it, so every standard error is "
            f"√{phi:.1f} = {math.sqrt(phi):.1f} times the Poisson one (quasi-Poisson).")


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


def sentence(text):
    """A summary value as a sentence: capital first letter, full stop ("" stays "")."""
    text = str(text).strip().rstrip(".")
    return text[:1].upper() + text[1:] + "." if text else ""


def history_section(summary, obs, mape):
    """fit_report.md's "History and backcast": the chart, the backcast error per series (backcast_mape.csv, to one
    decimal), the dispersion and how the population before the base year was built."""
    settings = dict(zip(summary["key"], summary["value"].astype(str)))
    validate = backcast_year(settings, obs)
    lines = ["", "## History and backcast", "",
             "![Observed counts per series as dots, the fit as a solid line"
             + (" and the backcast fit as a dashed line, its predictions of the held-back years as diamonds"
                if validate else "") + "](fit_history.png)", ""]
    multi = obs.groupby("series")["year"].nunique()
    lines.append(f"Observed counts of {years_text(obs['year'])}: {sum(multi > 1)} series counted in more than one "
                 f"year and {sum(multi == 1)} in one year only. The solid line is the model at the estimates, fitted "
                 "to every count" + (" except those held out" if (obs["role"] == "holdout").any() else "") + ".")
    if validate:
        lines[-1] += (f" The dashed line is the backcast fit: the same fit made on the counts up to {validate} only, "
                      f"which then predicts the later counts (diamonds); its error on them is the backcast error "
                      "below. " + sentence(settings.get("backcast_note", "")))
    lines.append("")
    if mape is None:
        lines.append("No backcast error: no year was held back (set `[calibration] validate_to_year` for a backcast "
                     "check).")
    else:
        what = ("predictions of the backcast fit for the years after " + str(validate) if validate else
                "forecasts of the fit for the held-out observations")
        lines += [f"Backcast error: mean absolute percentage error (MAPE) of the {what}, per series; `all` pools "
                  "every held-back value.", "",
                  "| series | held-back values | MAPE % |", "|---|---|---|"]
        lines += [f"| {r.series} | {r.held_out_years} | {r.mape_percent:.1f} |" for r in mape.itertuples()]
    lines += ["", dispersion_text(settings.get("dispersion", "not stated"))]
    if "history_population" in settings:
        lines += ["", f"History: the fit simulates from {settings.get('history_from', 'the base year')}. "
                  + settings["history_population"]]
    return lines


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
    lines += history_section(summary, obs, mape)
    if truth is not None:
        lines += ["", "## Synthetic truth", "", "| parameter | truth | estimate | SE | z |", "|---|---|---|---|---|"]
        lines += [f"| {r.parameter} | {fmt(r.true_value)} | {fmt(r.estimate)} | {fmt(r.standard_error)} | {fmt(r.z, 3)} |"
                  for r in truth.itertuples()]
    lines += ["", "## Charts", "",
              "- `fit_observed_vs_fitted.png`: observed counts against the fitted expectation, per series.",
              "- `fit_history.png`: observed counts, the fit and the backcast fit over the years, per series.",
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
    history_chart(obs, summary, folder)
    residuals(obs, folder)
    parameters(par, truth, folder)
    if mape is not None:
        mape_chart(mape, folder)
    report(folder, summary, obs, par, mape, truth)


if __name__ == "__main__":
    main()
