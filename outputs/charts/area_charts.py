"""Charts of a multi-area results file (root attribute layout = "areas"): the areas side by side.

Called by make_charts.py; reads the file through results_reader.py and draws in the style of chart_style.py.
Reads /region only, so it draws the same two charts for the seven West Midlands boroughs as for every council
of England (the per-area groups hold the detail, in the single-run layout, for notebooks). Intervals are
5th-95th percentiles across replications.
"""

from types import SimpleNamespace

import h5py
import numpy as np

import chart_style as style
import results_reader as rr


def _year_ticks(ax, years, xlabel):
    style.year_axis(ax, xlabel)
    step = 3 if len(years) <= 13 else 6
    ax.set_xticks(np.arange(years[0], years[-1] + 1, step))


AREA_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2")
MAX_LINES = 8  # beyond this, only the areas growing fastest and slowest are drawn
CONDITION_PANELS = (
    ("Learning disability", ("learning_disability_mild", "learning_disability_moderate_severe")),
    ("Autism", ("autism",)),
    ("Dementia", ("dementia",)),
)


def _header(f):
    n = len(f["region/area"])
    return SimpleNamespace(
        area_name=f"{n} areas", scenario_name=rr.as_text(f.attrs["scenario_name"]),
        replications=rr.as_int(f.attrs["replications"]), dayopps_version=rr.as_text(f.attrs["dayopps_version"]),
        git_commit=rr.as_text(f.attrs["git_commit"]))


def _areas_drawn(growth):
    """Indices of the areas to draw: all, or the fastest- and slowest-growing when there are many."""
    order = np.argsort(growth)[::-1]
    if len(order) <= MAX_LINES:
        return list(order), ""
    half = MAX_LINES // 2
    return list(order[:half]) + list(order[-half:]), (
        f" Of {len(order)} areas, the {half} growing fastest and the {half} slowest are drawn.")


def plot_population_growth(path):
    with h5py.File(path, "r") as f:
        head = _header(f)
        years = f["region/year"][()]
        names = [rr.as_text(n) for n in f["region/area_name"][()]]
        population = f["region/population"][()].astype(np.float64)  # (area, replication, year)
    index = 100.0 * population / population[:, :, :1]
    growth = index[:, :, -1].mean(axis=1)
    drawn, note = _areas_drawn(growth)
    fig, ax = style.new_figure(
        head, "population growth by area",
        f"Resident population of each area, {years[0]} = 100, simulated person by person and aligned each year to "
        f"the area's ONS 2022-based projection (so every replication has the same total).{note}",
        rr.source_note(head))
    for colour, k in zip(AREA_COLOURS * 2, drawn):
        mean = index[k].mean(axis=0)
        ax.plot(years, mean, color=colour, linewidth=2)
        ax.annotate(f"{names[k]} {mean[-1]:.0f}", (years[-1], mean[-1]), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=8, color=colour)
    ax.set_ylabel(f"Population ({years[0]} = 100)")
    _year_ticks(ax, years, "Year (mid-year, 30 June)")
    ax.set_xlim(years[0], years[-1] + (years[-1] - years[0]) * 0.22)
    return fig


def plot_care_need_by_area(path):
    with h5py.File(path, "r") as f:
        head = _header(f)
        if "people_with_condition" not in f["region"]:
            return None
        years = f["region/year"][()]
        names = [rr.as_text(n) for n in f["region/area_name"][()]]
        conditions = [rr.as_text(c) for c in f["region/condition"][()]]
        people = f["region/people_with_condition"][()].astype(np.float64)  # (area, replication, year, condition)
        population = f["region/population"][()].astype(np.float64)
    drawn, note = _areas_drawn(population[:, 0, -1] / population[:, 0, 0])
    fig, axes = style.new_figure(
        head, "people with each condition, by area",
        "People with the condition at mid-year (a person with several conditions is counted under each), per "
        "1,000 residents of the area; lines are means, bands the 5th-95th percentiles across replications. "
        "Every area has the same England prevalence and onset rates: the differences come from each area's age "
        f"and sex structure and its projected change.{note}",
        rr.source_note(head, "care-need rates: inputs/parameters/care_need.toml"), ncols=len(CONDITION_PANELS))
    for ax, (title, members) in zip(axes, CONDITION_PANELS):
        columns = [conditions.index(m) for m in members]
        per_thousand = 1000.0 * people[..., columns].sum(axis=-1) / population  # (area, replication, year)
        for colour, k in zip(AREA_COLOURS * 2, drawn):
            mean, low, high = rr.band(per_thousand[k])
            ax.plot(years, mean, color=colour, linewidth=1.8, label=names[k])
            ax.fill_between(years, low, high, color=colour, alpha=style.BAND_ALPHA, linewidth=0)
        ax.set_title(title, fontsize=11, loc="left")
        ax.set_ylabel("per 1,000 residents" if ax is axes[0] else "")
        _year_ticks(ax, years, "Year")
    axes[-1].legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.subplots_adjust(right=0.86)
    return fig


def draw_all(path):
    with h5py.File(path, "r") as f:
        for name in ("region/area", "region/area_name", "region/year", "region/population"):
            if not isinstance(f.get(name), h5py.Dataset):
                raise rr.ResultsError(f"{path}: layout \"areas\" but no dataset /{name}")
    figures = [("region_population_growth.png", plot_population_growth(path))]
    care = plot_care_need_by_area(path)
    if care is not None:
        figures.append(("region_care_need.png", care))
    return figures
