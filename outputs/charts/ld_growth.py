"""Growth of adults with a moderate or severe learning disability, and its drivers.

    /usr/bin/python3 outputs/charts/ld_growth.py RESULTS.h5 OUTPUT_DIR

RESULTS.h5 is a batch of the baseline, birmingham-ld-no-cohort-trend and birmingham-ld-survival-improves
(scripts/ld_growth.sh). Adults are 18 and over. Replication by replication (the scenarios share their random
numbers), the change 2022-2040 splits into: population change with today's survival (the scenario without a
cohort trend), the cohort trend (baseline minus that scenario) and improving survival (the survival scenario
minus the baseline). Writes ld_growth_decomposition.csv and ld_growth_decomposition.png.
"""
import csv
import os
import sys

import h5py
import matplotlib.pyplot as plt
import numpy as np

import chart_style
import results_reader

NO_TREND = "birmingham-ld-no-cohort-trend"
SURVIVAL = "birmingham-ld-survival-improves"
CONDITION = "learning_disability_moderate_severe"
EMERSON_HATTON = (1.2, 5.1)  # % a year, adults with learning disabilities needing social care (2008; 2011)


def adults_with_ld(f, scenario):
    """(replication, year) adults 18+ with a moderate-severe learning disability, and the years."""
    group = f[f"/scenarios/{scenario}/care_need"]
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


def band(x):
    return np.mean(x), np.quantile(x, 0.05), np.quantile(x, 0.95)


def main():
    path, out = sys.argv[1], sys.argv[2]
    with h5py.File(path, "r") as f:
        if not results_reader.is_batch(f):
            raise SystemExit(f"{path}: not a batch of scenarios (run scripts/ld_growth.sh)")
        baseline = results_reader.as_text(f.attrs["baseline"])
        for name in (NO_TREND, SURVIVAL):
            if f"/scenarios/{name}" not in f:
                raise SystemExit(f"{path}: no scenario {name} (run scripts/ld_growth.sh)")
        base, years = adults_with_ld(f, baseline)
        no_trend, _ = adults_with_ld(f, NO_TREND)
        survival, _ = adults_with_ld(f, SURVIVAL)
        area = results_reader.as_text(f[f"/scenarios/{baseline}"].attrs.get("area_name", ""))
        replications = base.shape[0]
        provenance = f[f"/scenarios/{baseline}/provenance"]
        names = results_reader.strings(provenance["parameter_name"])
        trend = float(provenance["parameter_value"][names.index("learning_disability_moderate_severe_entry_trend")])
    first, last = 0, len(years) - 1
    span = int(years[last] - years[first])
    parts = [
        ("population change\n(today's survival)", no_trend[:, last] - no_trend[:, first]),
        ("cohort trend", (base[:, last] - base[:, first]) - (no_trend[:, last] - no_trend[:, first])),
        ("improving survival\n(a quarter of the\nexcess by 2040)",
         (survival[:, last] - survival[:, first]) - (base[:, last] - base[:, first])),
    ]
    rows = []
    start = base[:, first]
    for label, change in parts:
        mean, low, high = band(change)
        rows.append([label.replace("\n", " "), round(mean), round(low), round(high)])
    growth = {
        "baseline": 100 * ((base[:, last] / base[:, first]) ** (1 / span) - 1),
        "no cohort trend": 100 * ((no_trend[:, last] / no_trend[:, first]) ** (1 / span) - 1),
        "improving survival": 100 * ((survival[:, last] / survival[:, first]) ** (1 / span) - 1),
    }
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "ld_growth_decomposition.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["component", f"adults_added_{years[first]}_{years[last]}", "p05", "p95"])
        w.writerows(rows)
        w.writerow([])
        w.writerow(["run", "growth_percent_a_year", "p05", "p95"])
        for label, g in growth.items():
            mean, low, high = band(g)
            w.writerow([label, f"{mean:.2f}", f"{low:.2f}", f"{high:.2f}"])
        w.writerow(["Emerson & Hatton range", f"{EMERSON_HATTON[0]:.1f}", "", f"{EMERSON_HATTON[1]:.1f}"])

    class Meta:
        area_name = area
    caption = (f"Adults (18+) with a moderate or severe learning disability, {years[first]}: {np.mean(start):,.0f}. "
               "Left: the people added by each driver to the baseline, mean of the replications with their 90% "
               "interval (5th-95th percentile); the scenarios share their random numbers, so each part is a paired "
               "difference. Right: growth a year; the grey band is Emerson & Hatton's 1.2-5.1% for adults needing "
               f"social care. The cohort trend ({100 * trend:+.2f}% a year for each later birth cohort) is estimated "
               "from SEN2 plans with severe or profound learning difficulty (see care_need.toml for its standard "
               "error); the survival improvement is illustrative.")
    source = ("Source: dayopps simulation (ONS 2022-based SNPP; QOF 2019-20 GP registers; DfE SEN2 2025; "
              "NHS Digital LD mortality); Emerson & Hatton (2008, 2011).")
    fig, (left, right) = chart_style.new_figure(
        Meta, "what drives the growth of adults with a learning disability", caption, source, ncols=2,
        subtitle=f"{years[first]}-{years[last]} · {replications} replications", width_ratios=[1.6, 1])
    fig.subplots_adjust(left=0.19)
    labels = [p[0] for p in parts]
    means = [r[1] for r in rows]
    errors = [[max(0, r[1] - r[2]) for r in rows], [max(0, r[3] - r[1]) for r in rows]]
    left.barh(labels[::-1], means[::-1], xerr=[errors[0][::-1], errors[1][::-1]], color="#0072B2", capsize=3)
    left.set_xlabel(f"Adults added, {years[first]}-{years[last]}")
    chart_style.thousands(left, "x")
    chart_style.tidy(left, "x")
    right.axhspan(*EMERSON_HATTON, color="0.85", label="Emerson & Hatton range")
    names = list(growth)
    for k, name in enumerate(names):
        mean, low, high = band(growth[name])
        right.errorbar([k], [mean], yerr=[[mean - low], [high - mean]], fmt="o", color="#0072B2", capsize=3)
    right.set_xticks(range(len(names)), [n.replace(" ", "\n", 1) for n in names], fontsize=8)
    right.set_xlim(-0.5, len(names) - 0.5)
    right.set_ylabel("Growth, % a year")
    right.set_ylim(0, max(EMERSON_HATTON[1] + 0.5, max(np.max(g) for g in growth.values()) + 0.5))
    right.legend(loc="upper right", fontsize=8, frameon=False)
    chart_style.tidy(right, "y")
    fig.savefig(os.path.join(out, "ld_growth_decomposition.png"))
    plt.close(fig)
    for r in rows:
        print(f"ld_growth: {r[0]}: {r[1]:+,} ({r[2]:+,} to {r[3]:+,})")
    for label, g in growth.items():
        mean, low, high = band(g)
        print(f"ld_growth: growth {label}: {mean:.2f}% a year ({low:.2f} to {high:.2f})")


if __name__ == "__main__":
    main()
