"""Charts of a multi-area results file (root attribute layout = "areas"): the areas side by side.

Called by make_charts.py; reads the file through results_reader.py and draws in the style of chart_style.py.
Reads /region only, so it draws the same charts for the seven West Midlands boroughs as for every council of
England (the per-area groups hold the detail, in the single-run layout, for notebooks): population growth and
care need, and, when the run has services, day-service users per 10,000 adults and their growth
(plot_users_per_adult, also drawn by notebooks-export/areas_report.ipynb). Intervals are 5th-95th percentiles
across replications.
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
        f"the area's population projection (so every replication has the same total).{note}",
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


YEAR_COLOURS = ("#56B4E9", "#0072B2", "#000000")  # the base year, 2030, the horizon (Okabe-Ito, light to dark)
YEAR_MARKERS = ("o", "s", "D")
MAX_ROWS = 16  # beyond this, only the areas with the most and fewest users per adult at the horizon are drawn


def plot_users_per_adult(path):
    """Users of day services per 10,000 adults in the base year, 2030 and the horizon, and the growth in users from
    the base year to the horizon, by area and for all areas, with 90% intervals. None without services."""
    region = rr.load_region(path)
    if not region.has_services:
        return None
    base, horizon = int(region.years[0]), int(region.years[-1])
    years = sorted({y for y in (base, 2030, horizon) if base <= y <= horizon})
    rates = [region.users_per_10k_adults(y) for y in years]  # each (mean, p05, p95), (area + 1,)
    growth = [100.0 * g for g in region.users_growth(base, horizon)]
    labels = list(region.names) + ["All areas"]
    n = len(region.codes)
    last = np.nan_to_num(rates[-1][0][:n], nan=-np.inf)
    order = list(np.argsort(-last, kind="stable"))  # most users per adult at the horizon first
    note = ""
    if n > MAX_ROWS:
        half = MAX_ROWS // 2
        order = order[:half] + order[-half:]
        note = f" Of {n} areas, the {half} with the most and the {half} with the fewest are drawn."
    rows = order + [n]  # the areas, then all areas below a rule
    position = {k: i for i, k in enumerate(order)}
    position[n] = len(order) + 0.6
    ys = np.array([position[k] for k in rows])
    reps = region.replications
    fig, (left, right) = style.new_figure(
        region, "day-service users per 10,000 adults, and their growth",
        f"Left: users of the day-opportunity services at mid-year per 10,000 residents aged 18+ in "
        f"{', '.join(map(str, years))}: mean users over mean adults (adults follow the ONS projection, the same "
        f"in every replication); bars: 90% interval, the 5th and 95th percentiles of users across the {reps} "
        f"replications over mean adults. Right: growth in users, mid-{base} to mid-{horizon}: mean users in "
        f"{horizon} over mean users in {base}, minus 1; bars: the 5th-95th percentile of each replication's growth. "
        f"All areas: the areas added up replication by replication. Ordered by users per adult in {horizon}.{note}",
        rr.source_note(region, "results.h5 /region: users_all_services, total_users_all_services, adults"),
        ncols=2, width_ratios=[1.6, 1.0])
    fig.subplots_adjust(left=0.16)
    offsets = (np.arange(len(years)) - (len(years) - 1) / 2) * (0.62 / max(1, len(years)))
    colours = YEAR_COLOURS[-len(years):] if len(years) < 3 else YEAR_COLOURS
    markers = YEAR_MARKERS[-len(years):] if len(years) < 3 else YEAR_MARKERS
    for (mean, low, high), year, offset, colour, marker in zip(rates, years, offsets, colours, markers):
        m, lo, hi = mean[rows], low[rows], high[rows]
        left.errorbar(m, ys + offset, xerr=[m - lo, hi - m], fmt=marker, color=colour, markersize=4.5,
                      elinewidth=1.2, capsize=2, label=f"mid-{year}")
    left.set_xlabel("Users per 10,000 residents aged 18+")
    left.set_xlim(left=0)
    left.legend(fontsize=8, frameon=False, loc="lower right")
    central, low, high = (g[rows] for g in growth)
    right.errorbar(central, ys, xerr=[central - low, high - central], fmt="o", color=YEAR_COLOURS[-1],
                   markersize=4.5, elinewidth=1.2, capsize=2)
    right.axvline(0, color="0.5", linewidth=0.8)
    for y, c, h in zip(ys, central, high):
        text = "n/a" if np.isnan(c) else f"{c:+.1f}%"
        right.annotate(text, (0 if np.isnan(h) else h, y), xytext=(4, 0), textcoords="offset points", va="center",
                       fontsize=7.5)
    right.set_xlabel(f"Growth in users, {base}–{horizon}, %")
    right.margins(x=0.18)
    for ax in (left, right):
        style.tidy(ax, grid_axis="x")
        ax.set_yticks(ys)
        ax.set_ylim(ys.max() + 0.6, -0.6)
        ax.axhline(len(order) - 0.2, color="0.6", linewidth=0.8)
    left.set_yticklabels([labels[k] for k in rows], fontsize=8)
    left.get_yticklabels()[-1].set_fontweight("bold")
    right.set_yticklabels([])
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
    with h5py.File(path, "r") as f:
        services = "users_all_services" in f["region"]
    if services:  # a run with day services; population-only files keep the two charts above
        figures.append(("areas_users_per_adult.png", plot_users_per_adult(path)))
    return figures
