"""Growth of adults with a moderate or severe learning disability, and its drivers.

    /usr/bin/python3 outputs/charts/ld_growth.py RESULTS.h5 OUTPUT_DIR

RESULTS.h5 is a batch of the baseline and two scenarios that each change one driver (scripts/ld_growth.sh): one
whose only lever sets levers.learning_disability_cohort_trend to 0 (no cohort trend) and one whose only lever is
levers.learning_disability_survival (improving survival). They are found by their levers, read from each scenario's
scenario_toml in the file, whatever they are called. Adults are 18 and over. Replication by replication (the scenarios share their random
numbers), the change 2022-2040 splits into: population change with today's survival (the scenario without a
cohort trend), the cohort trend (baseline minus that scenario) and improving survival (the survival scenario
minus the baseline). Writes ld_growth_decomposition.csv and ld_growth_decomposition.png.
"""
import csv
import os
import sys
from dataclasses import dataclass

import tomllib

import h5py
import matplotlib.pyplot as plt
import numpy as np

import chart_style
import results_reader

COHORT_TREND_LEVER = "learning_disability_cohort_trend"  # the no-trend scenario sets it to 0
SURVIVAL_LEVER = "learning_disability_survival"  # the improving-survival scenario's lever
CONDITION = "learning_disability_moderate_severe"
TREND_PARAMETER = "learning_disability_moderate_severe_entry_trend"
EMERSON_HATTON = (1.2, 5.1)  # % a year, adults with learning disabilities needing social care (2008; 2011)

def source_line(f, scenario):
    """The chart's source line: the run's projection and the sources of the learning-disability prevalence, cohort
    trend and excess mortality, each read from the scenario's group, then Emerson & Hatton (the comparison)."""
    run = results_reader.load_results(f.filename, scenario)
    cited = [results_reader.citation(b.source) for suffix in ("prevalence", "entry_trend", "excess_mortality")
             for b in results_reader.parameter_bands(run, f"{CONDITION}_{suffix}") if b.source]
    parts = [run.projection or "population projection not named in the results file"] + list(dict.fromkeys(cited))
    return f"Source: dayopps simulation ({'; '.join(parts)}); Emerson & Hatton (2008, 2011)."


def scenario_levers(f, name):
    """The [levers] table of batch scenario `name`, from its scenario_toml ({} without levers)."""
    text = results_reader.as_text(f[f"/scenarios/{name}"].attrs.get("scenario_toml", ""))
    try:
        return tomllib.loads(text).get("levers", {})
    except tomllib.TOMLDecodeError:
        return {}


def driver_scenarios(f):
    """(no trend, improving survival): the names of the batch's scenarios whose only lever sets the cohort trend to
    0, and whose only lever is the survival lever; None for one the batch does not hold."""
    no_trend = survival = None
    baseline = results_reader.as_text(f.attrs["baseline"])
    for name in f["scenarios"]:
        if name == baseline:
            continue
        levers = scenario_levers(f, name)
        trend = levers.get(COHORT_TREND_LEVER)
        value = trend.get("value") if isinstance(trend, dict) else trend
        if set(levers) == {COHORT_TREND_LEVER} and value == 0 and no_trend is None:
            no_trend = name
        elif set(levers) == {SURVIVAL_LEVER} and survival is None:
            survival = name
    return no_trend, survival


def adults_with_ld(f, scenario=None):
    """(replication, year) adults 18+ with a moderate-severe learning disability, and the years.

    `f` is an open results file; `scenario` names a batch scenario (the baseline when None). In a single-run
    file the run at the root is read and `scenario` is ignored."""
    group = f[results_reader.run_group(f, scenario).rstrip("/") + "/care_need"]
    ds = group["people"]
    dims = results_reader.dim_names(ds)
    people = ds[...]
    conditions = results_reader.strings(group["condition"])
    bands = results_reader.strings(group["age_band"])
    people = np.take(people, conditions.index(CONDITION), axis=dims.index("condition"))
    dims = [d for d in dims if d != "condition"]
    adult = [i for i, b in enumerate(bands) if b != "0-17"]
    people = np.take(people, adult, axis=dims.index("age_band")).sum(axis=dims.index("age_band"))
    dims = [d for d in dims if d != "age_band"]
    people = people.sum(axis=dims.index("sex"))
    return people, group["year"][...]


def growth_a_year(people, years):
    """(replication,) growth a year, %, from the first to the last year of (replication, year) counts."""
    span = max(1, int(years[-1] - years[0]))
    return 100 * ((people[:, -1] / people[:, 0]) ** (1 / span) - 1)


def band(x):
    return np.mean(x), np.quantile(x, 0.05), np.quantile(x, 0.95)


def missing_scenarios(f):
    """Why `f` cannot be decomposed ("" when it can): it must be a batch holding both scenarios, each with
    care_need."""
    if not results_reader.is_batch(f):
        return "not a batch of scenarios"
    no_trend, survival = driver_scenarios(f)
    if no_trend is None:
        return f"no scenario whose only lever sets levers.{COHORT_TREND_LEVER} to 0"
    if survival is None:
        return f"no scenario whose only lever is levers.{SURVIVAL_LEVER}"
    for name in (results_reader.as_text(f.attrs["baseline"]), no_trend, survival):
        if f"/scenarios/{name}/care_need" not in f:
            return f"scenario {name} has no care_need group"
    return ""


@dataclass
class Decomposition:
    """The growth of adults 18+ with a moderate-severe learning disability from the first to the last year of a
    batch, split by driver, replication by replication. Means and percentiles are unrounded."""

    area_name: str
    first_year: int
    last_year: int
    replications: int
    cohort_trend: float  # the baseline's entry trend, a fraction a year for each later birth cohort
    start: np.ndarray  # (replication,) adults in the first year, baseline
    end: np.ndarray  # (replication,) adults in the last year, baseline
    source: str  # the chart's source line, read from the file (source_line)
    parts: list  # [(chart label, (replication,) adults added)]: population change, cohort trend, survival
    rows: list  # [[component, mean, p05, p95]] adults added, the CSV's first table (labels on one line)
    growth: dict  # "baseline", "no cohort trend", "improving survival" -> (replication,) growth, % a year
    growth_rows: list  # [[run, mean, p05, p95]] growth, % a year, the CSV's second table


def decompose(f):
    """The Decomposition of an open batch file holding the baseline and the two driver scenarios (driver_scenarios;
    scripts/ld_growth.sh).

    Population change with today's survival is the change in the scenario without a cohort trend; the cohort
    trend is the baseline's change minus that; improving survival is the survival scenario's change minus the
    baseline's. The scenarios share their random numbers, so each part is a paired difference."""
    why = missing_scenarios(f)
    if why:
        raise results_reader.ResultsError(f"{f.filename}: {why} (run scripts/ld_growth.sh)")
    baseline = results_reader.as_text(f.attrs["baseline"])
    no_trend_name, survival_name = driver_scenarios(f)
    base, years = adults_with_ld(f, baseline)
    no_trend, _ = adults_with_ld(f, no_trend_name)
    survival, _ = adults_with_ld(f, survival_name)
    area = results_reader.as_text(f[f"/scenarios/{baseline}"].attrs.get("area_name", ""))
    provenance = f[f"/scenarios/{baseline}/provenance"]
    names = results_reader.strings(provenance["parameter_name"])
    trend = float(provenance["parameter_value"][names.index(TREND_PARAMETER)]) if TREND_PARAMETER in names else 0.0
    first, last = 0, len(years) - 1
    parts = [
        ("population change\n(today's survival)", no_trend[:, last] - no_trend[:, first]),
        ("cohort trend", (base[:, last] - base[:, first]) - (no_trend[:, last] - no_trend[:, first])),
        ("improving survival\n(a quarter of the\nexcess by 2040)",
         (survival[:, last] - survival[:, first]) - (base[:, last] - base[:, first])),
    ]
    growth = {
        "baseline": growth_a_year(base, years),
        "no cohort trend": growth_a_year(no_trend, years),
        "improving survival": growth_a_year(survival, years),
    }
    return Decomposition(
        area_name=area, first_year=int(years[first]), last_year=int(years[last]), replications=base.shape[0],
        cohort_trend=trend, start=base[:, first], end=base[:, last], source=source_line(f, baseline), parts=parts,
        rows=[[label.replace("\n", " "), *(float(v) for v in band(change))] for label, change in parts],
        growth=growth, growth_rows=[[label, *(float(v) for v in band(g))] for label, g in growth.items()])


def plot_decomposition(d):
    """The decomposition chart: adults added by driver (left) and growth a year against Emerson & Hatton (right)."""
    class Meta:
        area_name = d.area_name
    caption = (f"Adults (18+) with a moderate or severe learning disability, {d.first_year}: {np.mean(d.start):,.0f}. "
               "Left: the people added by each driver to the baseline, mean of the replications with their 90% "
               "interval (5th-95th percentile); the scenarios share their random numbers, so each part is a paired "
               "difference. Right: growth a year; the grey band is Emerson & Hatton's 1.2-5.1% for adults needing "
               f"social care. The cohort trend ({100 * d.cohort_trend:+.2f}% a year for each later birth cohort) is "
               "estimated from SEN2 plans with severe or profound learning difficulty (see care_need.toml for its "
               "standard error); the survival improvement is illustrative.")
    fig, (left, right) = chart_style.new_figure(
        Meta, "what drives the growth of adults with a learning disability", caption, d.source, ncols=2,
        subtitle=f"{d.first_year}-{d.last_year} · {d.replications} replications", width_ratios=[1.6, 1])
    fig.subplots_adjust(left=0.19, bottom=0.31)  # room for the x label above the five-line caption
    labels = [p[0] for p in d.parts]
    means = [r[1] for r in d.rows]
    errors = [[max(0, r[1] - r[2]) for r in d.rows], [max(0, r[3] - r[1]) for r in d.rows]]
    left.barh(labels[::-1], means[::-1], xerr=[errors[0][::-1], errors[1][::-1]], color="#0072B2", capsize=3)
    left.set_xlabel(f"Adults added, {d.first_year}-{d.last_year}")
    chart_style.thousands(left, "x")
    chart_style.tidy(left, "x")
    right.axhspan(*EMERSON_HATTON, color="0.85", label="Emerson & Hatton range")
    names = [r[0] for r in d.growth_rows]
    for k, (_, mean, low, high) in enumerate(d.growth_rows):
        right.errorbar([k], [mean], yerr=[[mean - low], [high - mean]], fmt="o", color="#0072B2", capsize=3)
    right.set_xticks(range(len(names)), [n.replace(" ", "\n", 1) for n in names], fontsize=8)
    right.set_xlim(-0.5, len(names) - 0.5)
    right.set_ylabel("Growth, % a year")
    right.set_ylim(0, max(EMERSON_HATTON[1] + 0.5, max(np.max(g) for g in d.growth.values()) + 0.5))
    right.legend(loc="upper right", fontsize=8, frameon=False)
    chart_style.tidy(right, "y")
    return fig


def load(path):
    """What the report shows of a results file: (the Decomposition, None, None) for a batch holding the two driver
    scenarios; else (None, adults 18+ with a moderate-severe learning disability (replication, year) of the run or
    the batch's baseline, and the years), or (None, None, None) without care need."""
    with h5py.File(path, "r") as f:
        if not missing_scenarios(f):
            return decompose(f), None, None
        if "care_need" not in f[results_reader.run_group(f)]:
            return None, None, None
        people, years = adults_with_ld(f)
        return None, people, years


def main():
    path, out = sys.argv[1], sys.argv[2]
    with h5py.File(path, "r") as f:
        why = missing_scenarios(f)
        if why:
            raise SystemExit(f"{path}: {why} (run scripts/ld_growth.sh)")
        d = decompose(f)
    rows = [[label, round(mean), round(low), round(high)] for label, mean, low, high in d.rows]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "ld_growth_decomposition.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["component", f"adults_added_{d.first_year}_{d.last_year}", "p05", "p95"])
        w.writerows(rows)
        w.writerow([])
        w.writerow(["run", "growth_percent_a_year", "p05", "p95"])
        for label, mean, low, high in d.growth_rows:
            w.writerow([label, f"{mean:.2f}", f"{low:.2f}", f"{high:.2f}"])
        w.writerow(["Emerson & Hatton range", f"{EMERSON_HATTON[0]:.1f}", "", f"{EMERSON_HATTON[1]:.1f}"])
    fig = plot_decomposition(d)
    fig.savefig(os.path.join(out, "ld_growth_decomposition.png"))
    plt.close(fig)
    for r in rows:
        print(f"ld_growth: {r[0]}: {r[1]:+,} ({r[2]:+,} to {r[3]:+,})")
    for label, mean, low, high in d.growth_rows:
        print(f"ld_growth: growth {label}: {mean:.2f}% a year ({low:.2f} to {high:.2f})")


if __name__ == "__main__":
    main()
