"""Charts comparing the scenarios of a batch results file (its /comparison group).

Called by make_charts.py when the file's root attribute layout is "batch", and imported by
notebooks-export/population_report.ipynb; reads the file through results_reader.py and draws in the style of
chart_style.py. Every plot function takes the results path or the comparison Dataset from open_comparison() and
returns a matplotlib Figure; draw_all() returns them all as (file name, figure) pairs. Intervals are 5th-95th
percentiles across replications of per-replication values (linear interpolation, like the summaries in the
file); savings = baseline cost - scenario cost.
"""

import os
import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import xarray as xr
from matplotlib.ticker import FuncFormatter, MaxNLocator

import chart_style as style
import results_reader as rr
from chart_style import SERVICE_COLOURS, SERVICE_LABELS
from results_reader import interval_note, open_comparison

BASELINE_COLOUR = "0.2"
# Okabe-Ito: distinct with colour-blindness; dark and light alternate so neighbours differ in greyscale.
SCENARIO_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
REASON_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9")
SEX_COLOURS = {"male": "#0072B2", "female": "#E69F00"}  # as in the population pyramid
MEASURE_LABELS = {
    "moved_by_choice": "Moved service by choice",
    "shifted_on_joining": "Shifted to an alternative on joining",
    "lost_centre_place": "Lost a day-centre place (closure)",
    "started_waiting": "Started waiting for a service",
}
WIDTH = style.FIG_SIZE[0]


# ------------------------------------------------------------------- scenario names


def _names(ds):
    return [str(s) for s in ds.scenario.values]


def _labels(ds):
    """Scenario names without the prefix they all share (e.g. "<council>-"), for legends and headers."""
    names = _names(ds)
    prefix = os.path.commonprefix(names) if len(names) > 1 else ""
    prefix = prefix[: prefix.rfind("-") + 1]
    return {n: n[len(prefix):] or n for n in names}


def _baseline_label(ds):
    label = _labels(ds)[_names(ds)[0]]
    return label if "baseline" in label else f"{label} (baseline)"


def _colours(ds):
    names = _names(ds)
    colours = {names[0]: BASELINE_COLOUR}
    colours.update({n: SCENARIO_COLOURS[i % len(SCENARIO_COLOURS)] for i, n in enumerate(names[1:])})
    return colours


# ------------------------------------------------------------------------ decoration


def _frame(ds, title, caption, height=style.FIG_SIZE[1], bottom_room=0.75):
    """A figure with the chart_style title block and caption/source footer, sized in inches so taller figures
    keep the same spacing. Returns (figure, top, bottom): the fractions free for the axes."""
    fig = plt.figure(figsize=(WIDTH, height), dpi=style.DPI)
    meta = rr.comparison_meta(ds)
    fig.text(0.02, 1 - 0.22 / height, f"{meta.get('area_name', '')}: {title}".lstrip(": "), fontsize=14,
             fontweight="bold", va="top")
    baseline = _names(ds)[0]
    fig.text(0.02, 1 - 0.58 / height,
             f"{ds.sizes['scenario'] - 1} scenario{'s' if ds.sizes['scenario'] != 2 else ''} against the baseline "
             f"({baseline}) · "
             f"{meta.get('replications', ds.sizes['replication'])} replications each", fontsize=10, color="0.3",
             va="top")
    lines = style.caption_lines(caption)
    fig.text(0.02, 0.6 / height, "\n".join(lines), fontsize=8, color="0.2", va="bottom")
    fig.text(0.02, 0.13 / height, rr.comparison_source(ds), fontsize=7, color="0.4", va="bottom")
    bottom = (0.6 + 0.135 * len(lines) + bottom_room) / height
    return fig, 1 - 1.05 / height, bottom


def _fy_axis(ax, fys, every=2):
    x = np.arange(len(fys))
    ax.set_xticks(x[::every])
    ax.set_xticklabels(fys[::every], fontsize=8, rotation=45, ha="right")
    ax.set_xlabel("Financial year (April–March)")
    ax.set_xlim(-0.6, len(fys) - 0.4)


def _cutoff(ds):
    """Index of each scenario's cut-off financial year (they normally agree), and its label."""
    fys = [str(f) for f in ds.financial_year.values]
    cut = sorted({str(c) for c in ds.cutoff_financial_year.values if str(c) in fys})
    return [fys.index(c) for c in cut], cut


def _mark_cutoff(ax, ds, top=False):
    """Dotted line after the cut-off financial year, labelled at the bottom (or top) of the axes."""
    for i, label in zip(*_cutoff(ds)):
        ax.axvline(i + 0.5, color="0.5", linestyle=":", linewidth=1)
        ax.text(i + 0.6, 0.98 if top else 0.02, f"cut-off\n{label}", transform=ax.get_xaxis_transform(),
                fontsize=7, color="0.4", va="top" if top else "bottom")


def _millions(ax, signed=False):
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:+,.1f}" if signed and v else f"{v:,.1f}"))


# ---------------------------------------------------------------------------- charts


def plot_demand_by_service(source):
    """a. Users of each service (mean across replications), stacked, one panel per scenario, shared y-axis."""
    ds = rr.comparison(source)
    names, labels = _names(ds), _labels(ds)
    years = ds.year.values
    users = ds.users.mean("replication")  # (scenario, year, service)
    services = [s for s in map(str, ds.service.values) if float(users.sel(service=s).max()) > 0]
    cols = 2 if len(names) <= 4 else 3
    rows = int(np.ceil(len(names) / cols))
    height = 2.6 + 2.3 * rows
    fig, top, bottom = _frame(
        ds, f"day-opportunity users by service and scenario, {years[0]}–{years[-1]}",
        "Stacked areas: mean across replications of the people using each service at mid-year; the top of the stack "
        "is all users. Every panel has the same y-axis. Services nobody uses in any scenario are left out. "
        + interval_note(ds), height=height, bottom_room=0.55)
    grid = fig.add_gridspec(rows, cols, left=0.08, right=0.72, top=top, bottom=bottom, hspace=0.45, wspace=0.12)
    ymax = float(users.sum("service").max()) * 1.08
    axes = []
    for k, name in enumerate(names):
        ax = fig.add_subplot(grid[k // cols, k % cols], sharey=axes[0] if axes else None)
        axes.append(ax)
        ax.stackplot(years, [users.sel(scenario=name, service=s).values for s in services],
                     colors=[SERVICE_COLOURS.get(s) for s in services], alpha=0.8, linewidth=0,
                     labels=[SERVICE_LABELS.get(s, s) for s in services])
        ax.set_title(_baseline_label(ds) if k == 0 else labels[name], loc="left", fontsize=10)
        ax.set_ylim(0, ymax)
        ax.set_xlim(years[0], years[-1])
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
        ax.tick_params(labelsize=8)
        style.thousands(ax)
        style.tidy(ax)
        if k % cols == 0:
            ax.set_ylabel("People (mid-year)", fontsize=9)
        else:
            ax.tick_params(labelleft=False)
    handles, legend_labels = axes[0].get_legend_handles_labels()
    fig.legend(handles[::-1], legend_labels[::-1], loc="center left", bbox_to_anchor=(0.74, (top + bottom) / 2),
               frameon=False, fontsize=9, title="Service")
    return fig


def plot_cost_fan(source):
    """b. Total cost per financial year: mean line and 5th-95th percentile fan for each scenario."""
    ds = rr.comparison(source)
    names, labels, colours = _names(ds), _labels(ds), _colours(ds)
    fys = [str(f) for f in ds.financial_year.values]
    price_year = rr.price_year(ds.attrs)
    fig, top, bottom = _frame(
        ds, f"total cost of day-opportunity services by scenario, {fys[0]} to {fys[-1]}",
        f"Lines: mean across replications of the cost of all day-opportunity services in each April–March financial "
        f"year, £ million at {price_year} prices; shading: 5th–95th percentile. The baseline is dashed and drawn on "
        "top, so a scenario that does not change costs is hidden under it; the y-axis does not start at zero. "
        + interval_note(ds))
    ax = fig.add_axes([0.08, bottom, 0.66, top - bottom])
    x = np.arange(len(fys))
    for name in names[1:] + names[:1]:  # baseline last, on top
        mean, lo, hi = rr.labelled_band(ds.cost_total.sel(scenario=name) / 1e6)
        baseline = name == names[0]
        ax.fill_between(x, lo, hi, color=colours[name], alpha=0.12 if baseline else style.BAND_ALPHA, linewidth=0)
        ax.plot(x, mean, color=colours[name], linewidth=1.8 if baseline else 2.2, linestyle="--" if baseline else "-",
                label=_baseline_label(ds) if baseline else labels[name])
    _mark_cutoff(ax, ds)
    _fy_axis(ax, fys)
    ax.set_ylabel(f"£ million a year, {price_year} prices")  # not from zero: the gaps are what matter
    _millions(ax)
    style.tidy(ax)
    handles, legend_labels = ax.get_legend_handles_labels()
    ax.legend(handles[-1:] + handles[:-1], legend_labels[-1:] + legend_labels[:-1], loc="center left",
              bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=9, title="Scenario")
    return fig


def plot_savings(source):
    """c. Savings against the baseline per financial year (mean, 90% interval) and cumulative, per scenario."""
    ds = rr.comparison(source)
    names, labels, colours = _names(ds), _labels(ds), _colours(ds)
    others = names[1:]
    fys = [str(f) for f in ds.financial_year.values]
    price_year = rr.price_year(ds.attrs)
    fig, top, bottom = _frame(
        ds, "savings against the baseline by financial year",
        "Savings = baseline cost − scenario cost, replication by replication, so a positive value is a saving and a "
        f"negative one a cost; £ million at {price_year} prices. Left: points are the mean saving in each financial "
        "year, bars the 90% interval (5th–95th percentile). Right: the saving accumulated from the first financial "
        "year, mean and 90% band; dotted line: the cut-off year of the headline savings. " + interval_note(ds),
        bottom_room=0.9)
    left = fig.add_axes([0.08, bottom, 0.38, top - bottom])
    right = fig.add_axes([0.56, bottom, 0.38, top - bottom], sharey=None)
    x = np.arange(len(fys))
    width = 0.7 / max(1, len(others))
    for k, name in enumerate(others):
        offset = (k - (len(others) - 1) / 2) * width
        mean, lo, hi = rr.labelled_band(ds.savings.sel(scenario=name) / 1e6)
        # The interval is drawn as a line, not as error bars: with a skewed saving (most replications at 0,
        # a few far off) the mean can lie outside its own 5-95% interval, which error bars cannot show.
        left.vlines(x + offset, lo, hi, color=colours[name], linewidth=1.2)
        left.plot(x + offset, mean, "o", ms=3.5, color=colours[name], label=labels[name])
        mean, lo, hi = rr.labelled_band(ds.cumulative_savings.sel(scenario=name) / 1e6)
        right.fill_between(x, lo, hi, color=colours[name], alpha=style.BAND_ALPHA, linewidth=0)
        right.plot(x, mean, color=colours[name], linewidth=2, label=labels[name])
    for ax, title in ((left, "Saving in the year"), (right, "Cumulative saving")):
        ax.axhline(0, color="0.2", linewidth=1)
        ax.set_title(title, loc="left", fontsize=11)
        _fy_axis(ax, fys, every=3)
        ax.set_ylabel(f"£ million, {price_year} prices")
        _millions(ax, signed=True)
        style.tidy(ax)
    _mark_cutoff(right, ds, top=True)
    left.legend(loc="upper left", frameon=False, fontsize=8, title="Scenario", title_fontsize=8)
    return fig


# ------------------------------------------------------------------ savings by service (the waterfall)

RUNNING_COST = "centre_running_cost"
PART_LABELS = {**SERVICE_LABELS, "internal_day_centre": "Council day centres\n(without running cost)",
               RUNNING_COST: "Council centres' running cost"}
SAVING_COLOUR, COST_COLOUR, TOTAL_COLOUR = "#0072B2", "#D55E00", "0.3"  # Okabe-Ito blue / vermillion, grey


def savings_by_service(source):
    """Each scenario's saving to its cut-off financial year, split by where it arises, replication by replication.

    A DataArray (scenario, replication, part) in GBP, real terms at the price base: for each service, baseline cost
    of the service - scenario cost of the service, summed over the financial years up to the scenario's
    cutoff_financial_year; the council centres' running cost (centre_running_cost, included in the council-centre
    cost in the file) is taken out of "internal_day_centre" and is its own part, "centre_running_cost". The parts
    add up to savings_to_cutoff in every replication; this is checked, and an AssertionError raised if not.
    """
    ds = rr.comparison(source)
    path = ds.encoding.get("source")
    if not path:
        raise rr.ResultsError("savings by service need the batch results file (open it with open_comparison)")
    names = _names(ds)
    costs = rr.scenario_service_costs(path, names)
    fys = [str(f) for f in costs.financial_year.values]
    if fys != [str(f) for f in ds.financial_year.values]:
        raise rr.ResultsError(f"{path}: the scenarios' financial years differ from /comparison's")
    services = [str(s) for s in costs.service.values]
    cost = costs.cost.transpose("scenario", "replication", "financial_year", "service").values.astype(np.float64)
    running = costs.centre_running_cost.transpose("scenario", "financial_year").values.astype(np.float64)
    if "internal_day_centre" in services:
        cost[..., services.index("internal_day_centre")] -= running[:, None, :]
    parts = np.concatenate([cost, np.broadcast_to(running[:, None, :, None], cost.shape[:3] + (1,))], axis=-1)
    saving = parts[:1] - parts  # (scenario, replication, financial_year, part)
    cutoff = [str(c) for c in ds.cutoff_financial_year.values]
    to_cutoff = np.stack([saving[k, :, : fys.index(c) + 1 if c in fys else 0].sum(axis=1)
                          for k, c in enumerate(cutoff)])  # (scenario, replication, part)
    total = ds.savings_to_cutoff.transpose("scenario", "replication").values
    scale = max(1.0, float(np.abs(parts).max()))
    gap = float(np.abs(to_cutoff.sum(axis=-1) - total).max())
    if gap > 1e-9 * scale * max(1, len(fys)):  # float rounding only: the parts must add up to the file's total
        raise AssertionError(f"{path}: savings by service do not add up to savings_to_cutoff (off by £{gap:.6g})")
    return xr.DataArray(to_cutoff, dims=("scenario", "replication", "part"),
                        coords={"scenario": names, "part": services + [RUNNING_COST]})


def money_unit(values):
    """(divisor, prefix letter, axis name): £ million when any value reaches £1m, else £ thousand."""
    big = max((abs(float(v)) for v in values), default=0) >= 1e6
    return (1e6, "m", "£ million") if big else (1e3, "k", "£ thousand")


def signed_money(value, unit):
    """'+£1.2m' (a saving) or '−£3.4m' (a cost); 'no change' for exactly zero; never '+£0.0m' or '−£0.0m'."""
    div, letter, _ = unit
    digits = 1 if letter == "m" else 0
    if value == 0:
        return "no change"
    text = f"£{abs(value) / div:,.{digits}f}{letter}"
    if float(text[1:-1].replace(",", "")) == 0:
        return ("under +" if value > 0 else "under −") + f"£{10 ** -digits:g}{letter}"
    return ("+" if value > 0 else "−") + text


def plot_savings_waterfall(source):
    """f. Each scenario's saving to the cut-off year as a waterfall by service: one panel per scenario."""
    ds = rr.comparison(source)
    names, labels = _names(ds), _labels(ds)
    others = names[1:]
    split = savings_by_service(ds)
    mean = split.mean("replication")
    # The same bars in every panel: the services whose cost any scenario changes, then the running cost if any.
    parts = [str(p) for p in split.part.values
             if float(abs(split.sel(scenario=others, part=p)).max()) > 0] if others else []
    total = ds.savings_to_cutoff
    t_mean, t_lo, t_hi = rr.labelled_band(total)
    price_year = rr.price_year(ds.attrs)
    fys = [str(f) for f in ds.financial_year.values]
    cutoffs = sorted({str(c) for c in ds.cutoff_financial_year.values})
    period = f"{fys[0]} to {' / '.join(cutoffs)}" if fys else ""
    unit = money_unit(list(mean.sel(scenario=others, part=parts).values.ravel()) + list(t_lo) + list(t_hi))
    div, _, unit_name = unit
    k_of = {n: k for k, n in enumerate(names)}
    totals_text = "; ".join(
        f"{labels[n]} {signed_money(float(t_mean[k_of[n]]), unit)} ({signed_money(float(t_lo[k_of[n]]), unit)} to "
        f"{signed_money(float(t_hi[k_of[n]]), unit)})" for n in others)
    running_note = ("The council centres' running cost is its own bar (it is counted while a centre is open, so a "
                    "closure saves it). " if RUNNING_COST in parts else
                    "No scenario changes the council centres' running cost (0 in this file), so it has no bar. ")
    cols = min(3, max(1, len(others)))
    rows = int(np.ceil(max(1, len(others)) / cols))
    n_bars = len(parts) + 1
    height = 3.3 + rows * (0.42 * n_bars + 1.0)
    fig, top, bottom = _frame(
        ds, f"where each scenario's saving to {' / '.join(cutoffs)} arises, by service",
        f"Bars: mean across replications of the saving on each service (baseline cost − scenario cost of that "
        f"service, replication by replication), summed over the financial years {period}, {unit_name} at "
        f"{price_year} prices; right (blue) = a saving, left (vermillion, hatched) = an extra cost. Each bar starts "
        "where the one above ends; the last bar is the total, equal to the headline saving to the cut-off year. "
        "Split by service, not by lever: a scenario's levers act together in one run (a person moved out of a "
        "council centre is a saving there and a cost where they go), so one run cannot tell which lever saved what, "
        "only where the money moved. " + running_note
        + f"Total, mean with its 90% interval (line): {totals_text}. " + interval_note(ds),
        height=height, bottom_room=0.8)
    grid = fig.add_gridspec(rows, cols, left=0.22, right=0.97, top=top - 0.25 / height, bottom=bottom,
                            hspace=0.55, wspace=0.12)
    bar_labels = [PART_LABELS.get(p, p.replace("_", " ")) for p in parts] + [f"Total saving to {' / '.join(cutoffs)}"]
    y = np.arange(n_bars)
    axes = []
    for k, name in enumerate(others):
        ax = fig.add_subplot(grid[k // cols, k % cols], sharex=axes[0] if axes else None)
        axes.append(ax)
        values = [float(mean.sel(scenario=name, part=p)) for p in parts]
        i = k_of[name]
        start = 0.0
        for j, v in enumerate(values):
            left, width = start / div, v / div
            ax.barh(j, width, left=left, height=0.62, color=SAVING_COLOUR if v >= 0 else COST_COLOUR,
                    hatch="" if v >= 0 else "//", edgecolor="white", linewidth=0.5)
            if j + 1 < n_bars:  # connector to the next bar
                ax.plot([(start + v) / div] * 2, [j + 0.31, j + 0.69], color="0.5", linewidth=0.8, linestyle=":")
            _bar_label(ax, j, start / div, (start + v) / div, signed_money(v, unit))
            start += v
        tm, tl, th = float(t_mean[i]), float(t_lo[i]), float(t_hi[i])
        ax.barh(n_bars - 1, tm / div, height=0.62, color=TOTAL_COLOUR, edgecolor="white", linewidth=0.5)
        ax.plot([tl / div, th / div], [n_bars - 1] * 2, color="black", linewidth=1.6, solid_capstyle="butt")
        ax.plot([tl / div] * 2, [n_bars - 1.18, n_bars - 0.82], color="black", linewidth=1.2)
        ax.plot([th / div] * 2, [n_bars - 1.18, n_bars - 0.82], color="black", linewidth=1.2)
        _bar_label(ax, n_bars - 1, min(0.0, tl / div), max(0.0, th / div), signed_money(tm, unit), bold=True, sign=tm)
        ax.axvline(0, color="0.2", linewidth=1)
        ax.set_yticks(y)
        ax.set_yticklabels(bar_labels if k % cols == 0 else [], fontsize=8.5)
        ax.set_ylim(n_bars - 0.45, -0.55)
        ax.set_title(labels[name], loc="left", fontsize=10.5, fontweight="bold")
        ax.set_xlabel(f"{unit_name}, {price_year} prices\n← extra cost  |  saving →", fontsize=8)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:+,.0f}" if v else "0"))
        ax.tick_params(axis="x", labelsize=8)
        ax.tick_params(axis="y", length=0)
        style.tidy(ax, grid_axis="x")
    if axes:
        lo, hi = axes[0].get_xlim()
        pad = 0.26 * (hi - lo)  # room for the labels outside the bars
        axes[0].set_xlim(min(lo, 0) - pad, max(hi, 0) + pad)
    return fig


def _bar_label(ax, j, a, b, text, bold=False, sign=None):
    """The bar's value just outside its end in the direction of the change (right for a saving, left for a cost)."""
    positive = (b >= a) if sign is None else sign >= 0
    ax.text(max(a, b) if positive else min(a, b), j, f" {text} " if text else "", va="center",
            ha="left" if positive else "right", fontsize=8, fontweight="bold" if bold else "normal", color="0.15")


def _money(values):
    """'mean (p05 to p95)' in £ million; rounding never shows '-0.00'."""
    mean, lo, hi = (round(float(v), 2) + 0.0 for v in values)
    return f"{mean:,.2f} ({lo:,.2f} to {hi:,.2f})"


def _count(values):
    mean, lo, hi = (float(v) for v in values)
    return f"{mean:,.0f} ({lo:,.0f} to {hi:,.0f})"


def comparison_table(source):
    """The headline figures of each scenario as text, one column per scenario: mean (5th to 95th percentile)."""
    ds = rr.comparison(source)
    names, labels = _names(ds), _labels(ds)
    fys = [str(f) for f in ds.financial_year.values]
    years = [int(y) for y in ds.year.values]
    users = ds.users.sum("service")
    cutoffs = {n: str(ds.cutoff_financial_year.sel(scenario=n).values) for n in names}
    rates = {n: float(ds.discount_rate.sel(scenario=n)) for n in names}
    one_cutoff = len(set(cutoffs.values())) == 1
    one_rate = len(set(rates.values())) == 1

    def when(n, text):  # name the scenario's own cut-off or rate in the cell when they differ
        return text if (one_cutoff and one_rate) else f"{text} [{cutoffs[n]}, {100 * rates[n]:.1f}%]"

    rows = {}
    for y in sorted({y for y in (2030, years[-1]) if y in years}):
        rows[f"Users, mid-{y}"] = {n: _count(rr.labelled_band(users.sel(scenario=n, year=y))) for n in names}
    cut = next(iter(cutoffs.values())) if one_cutoff else "cut-off year"
    rate = f"{100 * next(iter(rates.values())):.1f}%" if one_rate else "the scenario's rate"
    rows[f"Cost in {cut}, £m"] = {
        n: _money(rr.labelled_band(ds.cost_total.sel(scenario=n, financial_year=cutoffs[n]) / 1e6))
        if cutoffs[n] in fys else "–" for n in names}
    rows[f"Cost in {fys[-1]}, £m"] = {
        n: _money(rr.labelled_band(ds.cost_total.sel(scenario=n, financial_year=fys[-1]) / 1e6)) for n in names}
    for variable, label in (("savings_to_cutoff", f"Savings {fys[0]} to {cut}, £m"),
                            ("savings_to_horizon", f"Savings {fys[0]} to {fys[-1]}, £m"),
                            ("net_present_value", f"NPV of savings at {rate}, £m")):
        rows[label] = {n: when(n, _money(rr.labelled_band(ds[variable].sel(scenario=n) / 1e6))) for n in names[1:]}
        rows[label][names[0]] = "– (baseline)"
    table = pd.DataFrame(rows).T[names]
    table.columns = [labels[n] for n in names]
    return table


def plot_comparison_table(source):
    """d. The comparison table as a figure."""
    ds = rr.comparison(source)
    table = comparison_table(ds)
    price_year = rr.price_year(ds.attrs)
    fig, top, bottom = _frame(
        ds, "scenario comparison: headline figures",
        "Each cell: mean across replications, with the 5th to 95th percentile in brackets (a 90% interval). Users: "
        f"people using any day-opportunity service at mid-year. Costs and savings: £ million at {price_year} prices, "
        "per April–March financial year or summed over the years shown; savings = baseline cost − scenario cost "
        "(positive = saving). NPV: the savings discounted to the first financial year at each scenario's discount "
        "rate (HM Treasury Green Book 3.5% unless the scenario states otherwise). " + interval_note(ds),
        height=5.2, bottom_room=0.1)
    ax = fig.add_axes([0.01, bottom, 0.98, top - bottom])
    ax.axis("off")
    # The row labels are an ordinary first column, so they are laid out inside the axes and never clipped.
    columns = [""] + ["\n".join(textwrap.wrap(c, 18)) for c in table.columns]
    cells = [[label] + ["\n".join(textwrap.wrap(v, 22)) for v in row] for label, row in zip(table.index, table.values)]
    n = len(table.columns)
    label_width = 0.24
    tab = ax.table(cellText=cells, colLabels=columns, cellLoc="center", bbox=[0, 0, 1, 1],
                   colWidths=[label_width] + [(1 - label_width) / n] * n)
    tab.auto_set_font_size(False)
    tab.set_fontsize(8.5)
    for (r, c), cell in tab.get_celld().items():
        cell.set_edgecolor("0.8")
        if r == 0:
            cell.set_text_props(fontweight="bold")
            cell.set_facecolor("0.93")
        if c == 0:
            cell.set_text_props(fontweight="bold", ha="left")
            cell.PAD = 0.03
        if r > 0 and r % 2 == 0:
            cell.set_facecolor("0.97")
    return fig


def plot_equality_view(source):
    """e. People affected, scenario minus baseline (mean): by measure and support reason, by age band and sex."""
    ds = rr.comparison(source)
    names, labels = _names(ds), _labels(ds)
    others = names[1:]
    diff = ds.people_affected_difference.mean("replication")  # (scenario, measure, reason, sex, band)
    measures = [str(m) for m in ds.measure.values]
    reasons = [str(r) for r in ds.support_reason.values]
    bands = [str(b) for b in ds.age_band.values]
    sexes = [s for s in ("male", "female") if s in ds.sex.values]
    height = 2.4 + 2.5 * len(others)
    fig, top, bottom = _frame(
        ds, "who is affected: difference from the baseline",
        "Bars: mean across replications of the people affected in each scenario minus in the baseline. Counts are "
        "events summed over the whole run (a person affected twice counts twice), by age band at the time. Left: by "
        "what happened to them (measure) and their primary support reason. Right: all four measures together, by age "
        "band and sex. " + interval_note(ds), height=height, bottom_room=0.55)
    grid_top = top - 0.6 / height  # room for the two legends
    grid = fig.add_gridspec(len(others), 2, left=0.24, right=0.97, top=grid_top, bottom=bottom,
                            hspace=0.55, wspace=0.35, width_ratios=[1.1, 1])
    legend_at = grid_top + 0.28 / height
    for k, name in enumerate(others):
        d = diff.sel(scenario=name)
        by_reason = d.sum(["sex", "age_band"])  # (measure, reason)
        by_band = d.sum(["measure", "support_reason"])  # (sex, band)
        ax = fig.add_subplot(grid[k, 0])
        y = np.arange(len(measures))
        h = 0.8 / len(reasons)
        for j, r in enumerate(reasons):
            ax.barh(y - 0.4 + (j + 0.5) * h, by_reason.sel(support_reason=r).values, height=h,
                    color=REASON_COLOURS[j % len(REASON_COLOURS)], label=r.replace("_", " ").capitalize())
        ax.set_yticks(y)
        ax.set_yticklabels([MEASURE_LABELS.get(m, m.replace("_", " ")) for m in measures], fontsize=8)
        ax.invert_yaxis()
        ax.set_title(f"{labels[name]}: by measure and support reason", loc="left", fontsize=10)
        _decorate_difference(ax, by_reason)
        if k == 0:
            fig.legend(*ax.get_legend_handles_labels(), loc="lower left", bbox_to_anchor=(0.24, legend_at),
                       ncol=2, frameon=False, fontsize=8, title="Support reason", title_fontsize=8,
                       alignment="left")
        ax = fig.add_subplot(grid[k, 1])
        y = np.arange(len(bands))
        h = 0.8 / len(sexes)
        for j, s in enumerate(sexes):
            ax.barh(y - 0.4 + (j + 0.5) * h, by_band.sel(sex=s).values, height=h, color=SEX_COLOURS[s],
                    label=s.capitalize() + "s")
        ax.set_yticks(y)
        ax.set_yticklabels(bands, fontsize=8)
        ax.invert_yaxis()
        ax.set_title("by age band and sex, all measures", loc="left", fontsize=10)
        _decorate_difference(ax, by_band)
        if k == 0:
            fig.legend(*ax.get_legend_handles_labels(), loc="lower left", bbox_to_anchor=(0.63, legend_at),
                       ncol=len(sexes), frameon=False, fontsize=8, title="Sex", title_fontsize=8,
                       alignment="left")
    return fig


def _decorate_difference(ax, values):
    ax.axvline(0, color="0.2", linewidth=0.8)
    ax.set_xlabel("People affected, scenario − baseline (events over the run)", fontsize=8)
    ax.tick_params(labelsize=8)
    # At least one event either side of zero, so a fraction of an event does not fill the panel.
    lo, hi = ax.get_xlim()
    ax.set_xlim(min(lo, -1), max(hi, 1))
    decimals = 0 if max(abs(lo), abs(hi)) >= 5 else 2
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:+,.{decimals}f}" if v else "0"))
    style.tidy(ax, grid_axis="x")
    if float(abs(values).max()) == 0:
        ax.text(0.5, 0.5, "no difference from the baseline", transform=ax.transAxes, ha="center", va="center",
                fontsize=9, color="0.4", bbox=dict(facecolor="white", edgecolor="none"))


CHARTS = {
    "scenario_demand_by_service.png": plot_demand_by_service,
    "scenario_cost_fan.png": plot_cost_fan,
    "scenario_savings.png": plot_savings,
    "savings_waterfall.png": plot_savings_waterfall,
    "scenario_comparison_table.png": plot_comparison_table,
    "scenario_equality_view.png": plot_equality_view,
}


def draw_all(results_path):
    """(file name, figure) for every comparison chart of a batch results file."""
    ds = open_comparison(results_path)
    return [(name, plot(ds)) for name, plot in CHARTS.items()]
