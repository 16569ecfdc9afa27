"""Charts of the care-need and day-services groups of results.h5 (drawn only when the run has them).

Called by make_charts.py and imported by notebooks-export/population_report.ipynb; reads care_need and services
with h5py (helpers in results_reader.py) and returns one figure per chart, in the style of chart_style.py. Each
plot function takes the group holding the run (the file's root, or in a batch file the scenario's group,
f[res.group]). Bands are 5th-95th percentiles of per-replication totals.
"""

import h5py
import matplotlib.pyplot as plt
import numpy as np

import chart_style as style
import results_reader as rr
from chart_style import SERVICE_COLOURS, SERVICE_HATCHES, SERVICE_LABELS, SERVICE_MARKERS

# Emerson & Hatton (2011 update): growth in adults with learning disabilities needing social care, 2009-2026.
EMERSON_HATTON_RANGE = (1.2, 5.1)
EMERSON_HATTON_MEAN = 3.2


def has_services(path, group="/"):
    with h5py.File(path, "r") as f:
        return "services" in f[group] and "care_need" in f[group]


def plot_demand_by_service(res, f):
    g = f["services"]
    services = rr.strings(g["service"])
    years = g["year"][()]
    users = g["users"][()].sum(axis=(3, 4, 5))  # (rep, year, service)
    demand = g["demand"][()].sum(axis=(3, 4, 5))
    fig, ax = style.new_figure(
        res, f"day-opportunity users by service, {years[0]}–{years[-1]}",
        "Lines: mean across replications of the people using each service at mid-year; shading: 5th–95th "
        "percentile of the per-replication totals; dashed: people who chose the service (users plus those "
        "waiting or in another service meanwhile), drawn where it differs. Services no new user chooses in "
        "this scenario stay at zero and are not drawn.",
        rr.source_note(res, f"latest observed users {rr.observed_users_text(res)}"),
        right=0.72)
    for k, name in enumerate(services):
        mean, lo, hi = rr.band(users[:, :, k])
        if mean.max() <= 0 and demand[:, :, k].max() <= 0:
            continue
        colour = SERVICE_COLOURS.get(name)
        ax.plot(years, mean, color=colour, linewidth=2, label=SERVICE_LABELS.get(name, name),
                marker=SERVICE_MARKERS.get(name), markevery=2, ms=5)
        ax.fill_between(years, lo, hi, color=colour, alpha=0.2, linewidth=0)
        want = demand[:, :, k].astype(np.float64).mean(axis=0)
        if np.any(np.abs(want - mean) > 0.5):
            ax.plot(years, want, color=colour, linewidth=1.5, linestyle="--", label="  chose it (demand)")
    total_mean, total_lo, total_hi = rr.band(users.sum(axis=2))
    ax.plot(years, total_mean, color="0.2", linewidth=2.5, label="All services")
    ax.fill_between(years, total_lo, total_hi, color="0.2", alpha=0.15, linewidth=0)
    ax.set_ylabel("People (mid-year)")
    ax.set_ylim(bottom=0)
    style.thousands(ax)
    style.year_axis(ax)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=9)
    return fig


LD = "learning_disability_moderate_severe"


def _excess_mortality_text(res):
    """'3.99 (ages 0-74) or 3.18 (ages 75-90) times the population rate', from the run's parameter table."""
    bands = rr.parameter_bands(res, f"{LD}_excess_mortality")
    if not bands:
        return "the excess mortality of the run's parameters (not in the results file)"
    seen = list(dict.fromkeys((b.ages, b.value) for b in bands))
    return " or ".join(f"{value:g} (ages {ages})" for ages, value in seen) + " times the population rate"


def _ld_sources(res):
    """The sources of the learning-disability prevalence and excess mortality of the run, shortened, then Emerson &
    Hatton (the published growth range drawn for comparison)."""
    cited = [rr.citation(b.source) for name in (f"{LD}_prevalence", f"{LD}_excess_mortality")
             for b in rr.parameter_bands(res, name) if b.source]
    return "; ".join(list(dict.fromkeys(cited)) + ["Emerson & Hatton (2011)"])


def plot_learning_disability_adults(res, f):
    g = f["care_need"]
    conditions = rr.strings(g["condition"])
    bands = rr.strings(g["age_band"])
    years = g["year"][()]
    k = conditions.index("learning_disability_moderate_severe")
    people = g["people"][()][:, :, k].sum(axis=2)  # (rep, year, band)
    adult = [i for i, b in enumerate(bands) if b != "0-17"]
    fig, ax = style.new_figure(
        res, "adults with a moderate or severe learning disability, by age band",
        "Lines: mean across replications; the grey band is the 5th–95th percentile of all adults (18+). People "
        "join with the prevalence of their age (the all-age share, spread by age with the published excess "
        f"mortality), die at {_excess_mortality_text(res)}, and are counted at mid-year.",
        rr.source_note(res, _ld_sources(res)), right=0.68)
    colours = plt.get_cmap("viridis")(np.linspace(0.05, 0.9, len(adult)))
    for colour, i in zip(colours, adult):
        mean, _, _ = rr.band(people[:, :, i])
        ax.plot(years, mean, color=colour, linewidth=2, label=bands[i])
    total = people[:, :, adult].sum(axis=2)
    mean, lo, hi = rr.band(total)
    ax2 = ax.twinx()
    ax2.plot(years, mean, color="0.2", linewidth=2.5, label="All adults 18+\n(right axis)")
    ax2.fill_between(years, lo, hi, color="0.2", alpha=0.15, linewidth=0)
    ax2.set_ylabel("All adults 18+")
    ax2.set_ylim(0, hi.max() * 1.15)
    style.thousands(ax2)
    growth = 100 * ((total[:, -1] / total[:, 0]) ** (1 / max(1, len(years) - 1)) - 1)
    g_mean, g_lo, g_hi = growth.mean(), np.percentile(growth, 5), np.percentile(growth, 95)
    ax.text(0.02, 0.97,
            f"Adults 18+: {g_mean:+.2f}% a year {years[0]}–{years[-1]} (90% {g_lo:+.2f} to {g_hi:+.2f})\n"
            f"Emerson & Hatton: +{EMERSON_HATTON_RANGE[0]} to +{EMERSON_HATTON_RANGE[1]}% a year "
            f"(mean {EMERSON_HATTON_MEAN}%) in adults needing social care",
            transform=ax.transAxes, va="top", fontsize=9,
            bbox=dict(boxstyle="round", facecolor="white", edgecolor="0.7"))
    ax.set_ylabel("People by age band (mid-year)")
    ax.set_ylim(0, people[:, :, adult].mean(axis=0).max() * 1.45)
    style.thousands(ax)
    style.year_axis(ax)
    handles, labels = ax.get_legend_handles_labels()
    h2, l2 = ax2.get_legend_handles_labels()
    ax.legend(handles + h2, labels + l2, loc="center left", bbox_to_anchor=(1.13, 0.5), frameon=False, fontsize=9)
    return fig


def plot_centre_occupancy(res, f):
    g = f["services"]
    centres = rr.strings(g["centre"])
    years = g["year"][()]
    users = g["centre_users"][()]  # (rep, year, centre)
    places = g["centre_places"][()]  # (year, centre)
    n = len(centres)
    if n == 0:
        return None  # no council centre is listed for the area: no places to draw (has_centres)
    cols = min(5, n)
    rows = int(np.ceil(n / cols))
    fig = plt.figure(figsize=style.FIG_SIZE, dpi=style.DPI)
    fig.text(0.02, 0.965, f"{res.area_name}: council day centres, people attending against places", fontsize=14,
             fontweight="bold", va="top")
    fig.text(0.02, 0.91, f"Scenario: {res.scenario_name} · {res.replications} replications", fontsize=10,
             color="0.3", va="top")
    grid = fig.add_gridspec(rows, cols, left=0.06, right=0.98, top=0.84, bottom=0.25, hspace=0.55, wspace=0.3)
    top = max(places.max(), users.max()) * 1.15
    for k, name in enumerate(centres):
        ax = fig.add_subplot(grid[k // cols, k % cols])
        mean, lo, hi = rr.band(users[:, :, k])
        ax.step(years, places[:, k], where="mid", color="#c44e52", linewidth=1.5, label="places")
        ax.plot(years, mean, color="#4c72b0", linewidth=2, label="attending (mean)")
        ax.fill_between(years, lo, hi, color="#4c72b0", alpha=0.2, linewidth=0)
        ax.set_title(name, fontsize=10)
        ax.set_ylim(0, top)
        ax.tick_params(labelsize=7)
        ax.grid(True, color="0.9", linewidth=0.8)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        if k == 0:
            ax.legend(fontsize=7, frameon=False, loc="lower left")
    open_now = places[0] > 0
    caption = ("Blue: mean people attending each council-run centre at mid-year, with the 5th–95th percentile band; "
               f"red: its places (0 once closed): {int(places[0].sum()):,} places at {int(open_now.sum())} centres in "
               f"{int(years[0])}"
               + (" (how they were set: assumption day_services.capacity, stated in the report)"
                  if "day_services.capacity" in res.assumptions else "")
               + ". New users take a place at the open centre with most room; no travel or geography is modelled.")
    style.footer(fig, caption, rr.source_note(res))
    return fig


def plot_cost_by_service(res, f):
    g = f["services"]
    services = rr.strings(g["service"])
    fys = rr.strings(g["financial_year"])
    price_year = rr.price_year(g.attrs)
    cost = g["cost"][()] / 1e6  # (rep, fy, service)
    total = g["cost_total"][()] / 1e6
    fig, ax = style.new_figure(
        res, f"cost of day-opportunity services by financial year, {fys[0]} to {fys[-1]}",
        "Stacked areas: mean cost of each service across replications, counted person-week by person-week and split "
        "into April–March financial years; black line and grey band: total and its 5th–95th percentile. Each user "
        f"is priced per user-week of their service, support reason and age group at {rr.unit_cost_text(res)}, in "
        f"real terms at {price_year or 'the price base'} prices; council "
        "centres include their running cost (assumptions listed in the report).",
        rr.source_note(res, "; ".join(t for t in (rr.input_title(res, "unit_costs") or "unit costs: source not in "
                                                  "the results file", rr.input_title(res, "gdp_deflator")) if t)),
        right=0.72)
    x = np.arange(len(fys))
    bottom = np.zeros(len(fys))
    for k, name in enumerate(services):
        mean = cost[:, :, k].mean(axis=0)
        if mean.max() <= 0:
            continue
        ax.fill_between(x, bottom, bottom + mean, facecolor=SERVICE_COLOURS.get(name), alpha=0.7, linewidth=0,
                        hatch=SERVICE_HATCHES.get(name), edgecolor="0.25", label=SERVICE_LABELS.get(name, name))
        bottom = bottom + mean
    mean, lo, hi = rr.band(total)
    ax.plot(x, mean, color="0.1", linewidth=2, label="Total (mean)")
    ax.fill_between(x, lo, hi, color="0.3", alpha=0.25, linewidth=0, label="Total, 5th–95th percentile")
    step = max(1, len(fys) // 9)
    ax.set_xticks(x[::step])
    ax.set_xticklabels(fys[::step], fontsize=9)
    ax.set_xlabel("Financial year (April–March)")
    ax.set_ylabel(f"£ million, {price_year} prices")
    ax.set_ylim(bottom=0)
    ax.grid(True, color="0.9", linewidth=0.8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=9)
    return fig


CHARTS = {
    "demand_by_service.png": plot_demand_by_service,
    "learning_disability_adults.png": plot_learning_disability_adults,
    "centre_occupancy.png": plot_centre_occupancy,
    "cost_by_service.png": plot_cost_by_service,
}


def draw(res, path):
    """Yields (file name, figure) for each chart the file has the data for."""
    with h5py.File(path, "r") as f:
        run = f[res.group]
        if "services" not in run or "care_need" not in run:
            return
        for name, plot in CHARTS.items():
            fig = plot(res, run)
            if fig is not None:  # centre_occupancy.png only for an area with council centres listed
                yield name, fig


def draw_one(res, path, name):
    """One chart of CHARTS by its file name, drawn from the file at `path` (the report draws each where it shows it,
    so no figure is left open); None when the run has no data for it (no services, or no council centres)."""
    with h5py.File(path, "r") as f:
        run = f[res.group]
        if "services" not in run or "care_need" not in run:
            return None
        return CHARTS[name](res, run)
