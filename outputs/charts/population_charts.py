"""Charts of the population group of results.h5: age bands, pyramid, people aged 65+ and 85+, components of change.

Drawn by make_charts.py for every single-run file and for the baseline of a batch file, and imported by
notebooks-export/population_report.ipynb, so the plot functions return matplotlib Figures and never save or
show anything themselves. Each takes a results_reader.Results (results_reader.load_results()). Bands are
5th-95th percentiles of per-replication totals.
"""

from typing import Callable, Dict

import matplotlib.pyplot as plt
import numpy as np

import chart_style as style
import results_reader as rr


def zero_width(res):
    """Why the population's band is invisible, naming the projection the run was aligned to (from the file)."""
    projection = getattr(res, "projection", "") or "its population projection"
    return (f"Every replication is aligned to {projection}, so the population is identical across replications and "
            "the 5th–95th percentile band is zero-width (not visible).")


# ---------------------------------------------------------------------------- charts


def plot_population_by_age_band(res: rr.Results):
    fig, ax = style.new_figure(
        res,
        f"population by age band, {res.base_year}–{res.horizon}",
        "Lines: mean across replications of the mid-year population (females and "
        "males combined); shading: 5th–95th percentile across replications. "
        + zero_width(res),
        rr.source_note(res),
        right=0.83,
    )
    per_rep = res.population_by_age_band.sum(axis=2)  # (rep, year, band)
    mean, lo, hi = rr.band(per_rep)
    # Okabe-Ito colours (colour-blind safe) and three line styles, so nine bands stay apart in greyscale.
    colours = ("#000000", "#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#999999", "#F0E442")
    styles = ("-", "--", ":")
    for b, label in enumerate(res.age_bands):
        c = colours[b % len(colours)]
        ax.fill_between(res.years, lo[:, b], hi[:, b], color=c, alpha=style.BAND_ALPHA, lw=0)
        ax.plot(res.years, mean[:, b], color=c, lw=2, linestyle=styles[b % len(styles)], label=label)
    ax.set_ylabel("People (mid-year population)")
    ax.set_ylim(bottom=0)
    ax.set_xlim(res.base_year, res.horizon)
    style.thousands(ax)
    style.year_axis(ax)
    ax.legend(title="Age band", loc="center left", bbox_to_anchor=(1.01, 0.5),
              frameon=False)
    return fig


def _five_year_groups(pop_by_age: np.ndarray):
    """(..., age) single years -> (..., group): 0-4, 5-9, ..., 85-89, 90+."""
    starts = list(range(0, rr.AGE_TOP + 1, 5))  # 0, 5, ..., 85, 90
    ends = starts[1:] + [rr.AGE_TOP + 1]
    sums = [pop_by_age[..., lo:hi].sum(axis=-1) for lo, hi in zip(starts, ends)]
    labels = [f"{lo}-{hi - 1}" for lo, hi in zip(starts[:-1], ends[:-1])]
    return np.stack(sums, axis=-1), labels + [f"{rr.AGE_TOP}+"]


def plot_population_pyramid(res: rr.Results):
    fig, ax = style.new_figure(
        res,
        f"population pyramid, mid-{res.base_year} and mid-{res.horizon}",
        f"Mean across replications of the mid-year population in five-year age "
        f"groups; the top group is everyone aged {rr.AGE_TOP} and over. Bars: "
        f"mid-{res.base_year}; black outline: mid-{res.horizon}. Every replication is "
        f"aligned to {getattr(res, 'projection', '') or 'its population projection'}, so the population is "
        "identical across replications and no uncertainty band is drawn.",
        rr.source_note(res),
    )
    mean = res.population.astype(np.float64).mean(axis=0)  # (year, sex, age)
    groups, labels = _five_year_groups(mean)  # (year, sex, group)
    y = np.arange(len(labels))
    first, last = 0, len(res.years) - 1
    side = {"male": -1.0, "female": 1.0}  # males left, females right
    colour = {"male": "#0072B2", "female": "#E69F00"}  # Okabe-Ito: dark and light in greyscale
    for sex in ("male", "female"):
        s = res.sex_index(sex)
        sign = side[sex]
        ax.barh(y, sign * groups[first, s], height=0.9, color=colour[sex], alpha=0.55,
                label=f"{sex.capitalize()}s, mid-{res.base_year}")
        # Step outline for the horizon so the base-year bars stay readable underneath.
        ax.step(sign * np.repeat(groups[last, s], 2),
                np.ravel(np.column_stack([y - 0.45, y + 0.45])),
                where="post", color="black", lw=1.2,
                label=f"mid-{res.horizon}" if sex == "male" else None)
    lim = groups[[first, last]].max() * 1.08
    ax.set_xlim(-lim, lim)
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=8)
    ax.set_ylim(-0.7, len(labels) - 0.3)
    ax.set_ylabel("Age (years, five-year groups)")
    ax.set_xlabel("People (mid-year population)")
    style.thousands(ax, axis="x")
    ax.axvline(0, color="0.3", lw=0.8)
    ax.text(0.25, 1.01, "Males", transform=ax.transAxes, ha="center", va="bottom",
            fontsize=11, fontweight="bold", color=colour["male"])
    ax.text(0.75, 1.01, "Females", transform=ax.transAxes, ha="center", va="bottom",
            fontsize=11, fontweight="bold", color=colour["female"])
    ax.grid(True, axis="x", color="0.9")
    ax.set_axisbelow(True)
    for s in ("top", "right"):
        ax.spines[s].set_visible(False)
    ax.legend(loc="upper right", frameon=False, fontsize=8)
    return fig


def plot_older_people(res: rr.Results):
    has_obs = res.observed_population is not None and len(res.observed_years) > 0
    fig, axes = style.new_figure(
        res,
        f"people aged 65+ and 85+, {res.base_year}–{res.horizon}",
        "Lines: mean across replications of the mid-year population (females and "
        "males combined); shading: 5th–95th percentile of the per-replication "
        "totals. "
        + zero_width(res)
        + (" Dots: ONS mid-year estimates as published before the 2021 census "
           "(unrevised)." if has_obs else ""),
        rr.source_note(res, "ONS mid-year estimates" if has_obs else ""),
        ncols=2,
    )
    first_year = res.base_year
    if has_obs:
        first_year = min(first_year, int(res.observed_years.min()))
    for ax, lowest, colour in zip(axes, (65, 85), ("#0072B2", "#D55E00")):
        mean, lo, hi = rr.band(rr.sum_ages(res.population, lowest))
        ax.fill_between(res.years, lo, hi, color=colour, alpha=style.BAND_ALPHA, lw=0,
                        label="5th–95th percentile")
        ax.plot(res.years, mean, color=colour, lw=2, label="Projection (mean)")
        if has_obs:
            obs = rr.sum_ages(res.observed_population, lowest)
            ax.plot(res.observed_years, obs, "o", color="black", ms=6,
                    label="ONS mid-year estimate")
            for yr, v in zip(res.observed_years, obs):
                ax.annotate(f"{v:,.0f}", (yr, v), textcoords="offset points",
                            xytext=(0, 8), ha="center", fontsize=7)
        ax.set_title(f"Aged {lowest} and over", loc="left", fontsize=11)
        ax.set_ylabel("People (mid-year population)")
        ax.set_xlim(first_year - 2.5, res.horizon + 1)  # room for the value labels
        ax.set_ylim(bottom=0, top=max(mean.max(), hi.max()) * 1.15)
        style.thousands(ax)
        style.year_axis(ax, "Year (mid-year)")
    axes[0].legend(loc="lower right", frameon=False, fontsize=8)
    return fig


def plot_components_of_change(res: rr.Results):
    births = res.additions[..., 0].sum(axis=-1)  # (rep, flow_year), age 0 only
    other_additions = res.additions[..., 1:].sum(axis=(-1, -2))
    components = [
        ("Births (additions at age 0)", births, "#009E73"),
        ("Other additions (ages 1+)", other_additions, "#0072B2"),
        ("Deaths (life table)", res.deaths.sum(axis=(-1, -2)), "#D55E00"),
        ("Removals", res.removals.sum(axis=(-1, -2)), "#000000"),
    ]
    fig, ax = style.new_figure(
        res,
        f"components of change, mid-{res.flow_years[0] - 1} to "
        f"mid-{res.flow_years[-1]}",
        "Each point is the total over the year ending 30 June. Deaths come from the "
        f"England and Wales {res.life_table_period} life table; additions and removals "
        "are the people "
        "added or removed so that every age×sex cell matches the ONS projection: at "
        "age 0 additions are births, at other ages they are net migration plus the gap "
        "between life-table and ONS mortality. Lines: mean across replications; "
        "shading: 5th–95th percentile of the per-replication totals.",
        rr.source_note(res),
        right=0.76,
    )
    for label, per_rep, colour in components:
        mean, lo, hi = rr.band(per_rep)
        ax.fill_between(res.flow_years, lo, hi, color=colour, alpha=style.BAND_ALPHA, lw=0)
        # Markers: these are annual totals, and a one-year run would otherwise be blank.
        ax.plot(res.flow_years, mean, color=colour, lw=1.6, marker="o", ms=3,
                label=label)
    ax.set_ylabel("People per year")
    ax.set_ylim(bottom=0)
    ax.set_xlim(res.flow_years[0] - 0.5, res.flow_years[-1] + 0.5)
    style.thousands(ax)
    style.year_axis(ax, "Year ending mid-year (30 June)")
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False,
              fontsize=9)
    return fig


CHARTS: Dict[str, Callable[[rr.Results], "plt.Figure"]] = {
    "population_by_age_band.png": plot_population_by_age_band,
    "population_pyramid.png": plot_population_pyramid,
    "older_people.png": plot_older_people,
    "components_of_change.png": plot_components_of_change,
}


def draw(res: rr.Results):
    """(file name, figure) for each population chart."""
    return [(name, plot(res)) for name, plot in CHARTS.items()]
