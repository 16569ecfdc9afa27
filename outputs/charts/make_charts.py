#!/usr/bin/python3
"""Draw the standard dayopps charts from a results HDF5 file.

Usage: /usr/bin/python3 outputs/charts/make_charts.py RESULTS_H5 OUT_DIR

Reads the file with h5py and numpy only (it does not need the dayopps binary), writes
one PNG per chart into OUT_DIR and prints the path of each. If the file is missing or
does not have the expected layout it prints a one-line reason on stderr and exits 2.

A batch file (root attribute layout = "batch") holds one single-run layout per scenario
under /scenarios/<name>/ plus /comparison: for it the single-run charts are drawn for
the baseline scenario (read under that prefix) and the comparison charts by
scenario_charts.py. A multi-area file (layout = "areas") gets the charts of
area_charts.py, which read its /region group.

The plotting functions are also imported by notebooks-export/population_report.ipynb,
so they return matplotlib Figures and never save or show anything themselves.
"""

import os
import sys
import textwrap
import tomllib
from dataclasses import dataclass
from typing import Callable, Dict, Optional

import matplotlib

if __name__ == "__main__":
    # Headless. When imported (by the notebook) keep the caller's backend.
    matplotlib.use("Agg")

import h5py
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import FuncFormatter, MaxNLocator

FORMAT_VERSION = "1"
AGE_TOP = 90  # the last single-year age cell means "90 and over"

# Axis order of every variable the charts read, as fixed by the C++ writer.
STOCK = ("replication", "year", "sex", "age")
FLOW = ("replication", "flow_year", "sex", "age")
EXPECTED_DIMS = {
    "population/population": STOCK,
    "population/population_by_age_band": ("replication", "year", "sex", "age_band"),
    "population/deaths": FLOW,
    "population/additions": FLOW,
    "population/removals": FLOW,
    "observed/population": ("year", "sex", "age"),
}

FIG_SIZE = (10.0, 6.4)
DPI = 150
BAND_ALPHA = 0.2


class ResultsError(Exception):
    """The results file is missing or does not have the expected layout."""


# --------------------------------------------------------------------------- reading


def _text(value) -> str:
    """Decode an HDF5 string attribute, whether vlen or fixed-length, scalar or [1]."""
    if isinstance(value, np.ndarray):
        if value.size != 1:
            raise ResultsError(f"expected a scalar attribute, got shape {value.shape}")
        value = value.reshape(()).item()
    if isinstance(value, (bytes, np.bytes_)):
        return value.decode("utf-8")
    return str(value)


def _int(value) -> int:
    return int(np.asarray(value).reshape(()))


def _dim_names(ds: h5py.Dataset):
    """Names of the dimension scales attached to each axis (None where unattached).

    Like netCDF/xarray, the name is the scale dataset's own name and the last attached
    scale wins.
    """
    names = []
    for dim in ds.dims:
        names.append(dim[len(dim) - 1].name.split("/")[-1] if len(dim) else None)
    return tuple(names)


def _dataset(f: h5py.Group, path: str) -> h5py.Dataset:
    """The dataset at `path` relative to `f` (the file, or a batch scenario's group)."""
    obj = f.get(path)
    where = f"{f.file.filename}: {f.name.rstrip('/')}/{path}"
    if not isinstance(obj, h5py.Dataset):
        raise ResultsError(f"{where}: missing dataset")
    expected = EXPECTED_DIMS.get(path)
    if expected is not None:
        names = _dim_names(obj)
        if names != expected:
            raise ResultsError(f"{where} has dimensions {names}, expected {expected}")
    return obj


def _strings(f: h5py.Group, path: str):
    return [str(s) for s in _dataset(f, path).asstr()[()]]


@dataclass
class Results:
    """The parts of results.h5 the charts use, as plain numpy arrays."""

    path: str
    group: str  # HDF5 group holding the run: "/" or "/scenarios/<name>" in a batch
    area_name: str
    scenario_name: str
    dayopps_version: str
    git_commit: str
    replications: int
    base_year: int
    horizon: int
    years: np.ndarray  # (year,)
    flow_years: np.ndarray  # (flow_year,)
    sexes: list
    ages: np.ndarray  # (age,)
    age_bands: list
    population: np.ndarray  # (replication, year, sex, age)
    population_by_age_band: np.ndarray  # (replication, year, sex, age_band)
    deaths: np.ndarray  # (replication, flow_year, sex, age)
    additions: np.ndarray
    removals: np.ndarray
    life_table_period: str = "2016-2018"  # from the scenario's [inputs]
    observed_years: Optional[np.ndarray] = None  # (year,)
    observed_population: Optional[np.ndarray] = None  # (year, sex, age)

    def sex_index(self, name: str) -> int:
        return self.sexes.index(name)

    def sub(self, name: str) -> str:
        """HDF5 path of one of the run's groups, e.g. "services" or "provenance"."""
        return f"{self.group.rstrip('/')}/{name}"


def is_batch(f: h5py.File) -> bool:
    return "layout" in f.attrs and _text(f.attrs["layout"]) == "batch"


def run_group(f: h5py.File, scenario: Optional[str] = None) -> str:
    """The group holding one run: the root of a single-run file; in a batch file the
    named scenario's group, by default the baseline's."""
    if not is_batch(f):
        return "/"
    if scenario is None:
        if "baseline" not in f.attrs:
            raise ResultsError(f"{f.filename}: batch file without a baseline attribute")
        scenario = _text(f.attrs["baseline"])
    group = f"/scenarios/{scenario}"
    if not isinstance(f.get(group), h5py.Group):
        raise ResultsError(f"{f.filename}: missing group {group}")
    return group


def load_results(path: str, scenario: Optional[str] = None) -> Results:
    """Read and sanity-check a results file; raise ResultsError with a short reason.

    For a batch file this reads one scenario's run (the baseline unless named).
    """
    if not os.path.exists(path):
        raise ResultsError(f"{path}: no such file")
    try:
        f = h5py.File(path, "r")
    except OSError as exc:
        raise ResultsError(f"{path}: not a readable HDF5 file ({exc})") from None
    with f:
        try:
            return _read(f[run_group(f, scenario)], path)
        except ResultsError:
            raise
        except (KeyError, ValueError, TypeError, OSError) as exc:
            raise ResultsError(f"{path}: malformed results file ({exc})") from None


def _read(f: h5py.Group, path: str) -> Results:
    """Read one run from `f`: the file's root, or a batch scenario's group."""
    attrs = f.attrs
    for key in ("format_version", "area_name", "scenario_name", "dayopps_version",
                "git_commit", "replications", "base_year", "horizon"):
        if key not in attrs:
            raise ResultsError(f"{path}: missing root attribute {key}")
    version = _text(attrs["format_version"])
    if version != FORMAT_VERSION:
        raise ResultsError(
            f"{path}: format_version {version!r}, this script reads {FORMAT_VERSION!r}"
        )

    years = _dataset(f, "population/year")[()]
    flow_years = _dataset(f, "population/flow_year")[()]
    ages = _dataset(f, "population/age")[()]
    sexes = _strings(f, "population/sex")
    age_bands = _strings(f, "population/age_band")

    res = Results(
        path=path,
        group=f.name,
        area_name=_text(attrs["area_name"]),
        scenario_name=_text(attrs["scenario_name"]),
        dayopps_version=_text(attrs["dayopps_version"]),
        git_commit=_text(attrs["git_commit"]),
        replications=_int(attrs["replications"]),
        base_year=_int(attrs["base_year"]),
        horizon=_int(attrs["horizon"]),
        years=years,
        flow_years=flow_years,
        sexes=sexes,
        ages=ages,
        age_bands=age_bands,
        population=_dataset(f, "population/population")[()],
        population_by_age_band=_dataset(f, "population/population_by_age_band")[()],
        deaths=_dataset(f, "population/deaths")[()],
        additions=_dataset(f, "population/additions")[()],
        removals=_dataset(f, "population/removals")[()],
    )
    if "scenario_toml" in attrs:
        try:
            scenario = tomllib.loads(_text(attrs["scenario_toml"]))
            res.life_table_period = str(
                scenario.get("inputs", {}).get("life_table_period", res.life_table_period)
            )
        except tomllib.TOMLDecodeError:
            pass  # only used for a caption; the default period is the bundled one
    if "observed" in f:
        res.observed_years = _dataset(f, "observed/year")[()]
        res.observed_population = _dataset(f, "observed/population")[()]
        if _strings(f, "observed/sex") != sexes or not np.array_equal(
            _dataset(f, "observed/age")[()], ages
        ):
            raise ResultsError(f"{path}: /observed sex/age differ from /population")

    _check_shapes(res)
    return res


def _check_shapes(res: Results) -> None:
    """Catch a truncated or inconsistent file before it turns into a confusing plot."""
    R, Y, F = res.replications, len(res.years), len(res.flow_years)
    S, A, B = len(res.sexes), len(res.ages), len(res.age_bands)
    problems = []
    if R < 1:
        problems.append(f"replications={R}")
    if list(res.years) != list(range(res.base_year, res.horizon + 1)):
        problems.append("year is not base_year..horizon")
    if list(res.flow_years) != list(res.years[1:]):
        problems.append("flow_year is not base_year+1..horizon")
    if sorted(res.sexes) != ["female", "male"]:
        problems.append(f"sex values {res.sexes}")
    if list(res.ages) != list(range(AGE_TOP + 1)):
        problems.append(f"age is not 0..{AGE_TOP}")
    wanted = {
        "population": (R, Y, S, A),
        "population_by_age_band": (R, Y, S, B),
        "deaths": (R, F, S, A),
        "additions": (R, F, S, A),
        "removals": (R, F, S, A),
    }
    for name, shape in wanted.items():
        got = getattr(res, name).shape
        if got != shape:
            problems.append(f"{name} shape {got}, expected {shape}")
    if res.observed_population is not None:
        shape = (len(res.observed_years), S, A)
        if res.observed_population.shape != shape:
            problems.append(
                f"observed population shape {res.observed_population.shape}, "
                f"expected {shape}"
            )
    if problems:
        raise ResultsError(f"{res.path}: malformed: " + "; ".join(problems))


# ------------------------------------------------------------------------ statistics


def band(per_rep: np.ndarray):
    """Mean, p05 and p95 across the leading replication axis.

    Percentiles are taken of per-replication totals (never summed percentiles), using
    numpy's default linear interpolation like the summaries in the file.
    """
    per_rep = np.asarray(per_rep, dtype=np.float64)
    return (
        per_rep.mean(axis=0),
        np.percentile(per_rep, 5, axis=0),
        np.percentile(per_rep, 95, axis=0),
    )


def sum_ages(arr: np.ndarray, lowest: int, highest: int = AGE_TOP) -> np.ndarray:
    """Sum sexes and single-year ages lowest..highest; keeps the leading axes."""
    return arr[..., lowest : highest + 1].sum(axis=(-1, -2))


# ------------------------------------------------------------------------ decoration


def source_note(res: Results, extra: str = "") -> str:
    short = res.git_commit[:7] if res.git_commit else "unknown"
    note = f"Source: dayopps {res.dayopps_version} ({short}), ONS 2022-based SNPP"
    return note + (f"; {extra}" if extra else "")


def _thousands(ax, axis="y"):
    fmt = FuncFormatter(lambda v, _: f"{abs(v):,.0f}")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def _new_figure(res: Results, title: str, caption: str, source: str, ncols: int = 1,
                right: float = 0.97):
    """A figure with a left-aligned title block and a caption + source footer.

    Margins are fixed (not constrained_layout) so the footer text can never collide
    with the axes' tick labels; captions are wrapped to the figure width.
    """
    fig, axes = plt.subplots(1, ncols, figsize=FIG_SIZE, dpi=DPI)
    fig.subplots_adjust(left=0.1, right=right, top=0.84, bottom=0.25, wspace=0.28)
    fig.text(0.02, 0.965, f"{res.area_name}: {title}", fontsize=14,
             fontweight="bold", va="top")
    fig.text(
        0.02, 0.91,
        f"Scenario: {res.scenario_name} · {res.replications} "
        f"replication{'s' if res.replications != 1 else ''}",
        fontsize=10, color="0.3", va="top",
    )
    wrapped = "\n".join(textwrap.wrap(caption, width=150))
    fig.text(0.02, 0.095, wrapped, fontsize=8, color="0.2", va="bottom")
    fig.text(0.02, 0.02, source, fontsize=7, color="0.4", va="bottom")
    return fig, axes


def _year_axis(ax, label="Year (mid-year, 30 June)"):
    ax.set_xlabel(label)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(True, color="0.9", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


ZERO_WIDTH = (
    "Every replication is aligned to the ONS 2022-based SNPP, so the population is "
    "identical across replications and the 5th–95th percentile band is zero-width "
    "(not visible)."
)


# ---------------------------------------------------------------------------- charts


def plot_population_by_age_band(res: Results):
    fig, ax = _new_figure(
        res,
        f"population by age band, {res.base_year}–{res.horizon}",
        "Lines: mean across replications of the mid-year population (females and "
        "males combined); shading: 5th–95th percentile across replications. "
        + ZERO_WIDTH,
        source_note(res),
        right=0.83,
    )
    per_rep = res.population_by_age_band.sum(axis=2)  # (rep, year, band)
    mean, lo, hi = band(per_rep)
    # Okabe-Ito colours (colour-blind safe) and three line styles, so nine bands stay apart in greyscale.
    colours = ("#000000", "#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#999999", "#F0E442")
    styles = ("-", "--", ":")
    for b, label in enumerate(res.age_bands):
        c = colours[b % len(colours)]
        ax.fill_between(res.years, lo[:, b], hi[:, b], color=c, alpha=BAND_ALPHA, lw=0)
        ax.plot(res.years, mean[:, b], color=c, lw=2, linestyle=styles[b % len(styles)], label=label)
    ax.set_ylabel("People (mid-year population)")
    ax.set_ylim(bottom=0)
    ax.set_xlim(res.base_year, res.horizon)
    _thousands(ax)
    _year_axis(ax)
    ax.legend(title="Age band", loc="center left", bbox_to_anchor=(1.01, 0.5),
              frameon=False)
    return fig


def _five_year_groups(pop_by_age: np.ndarray):
    """(..., age) single years -> (..., group): 0-4, 5-9, ..., 85-89, 90+."""
    starts = list(range(0, AGE_TOP + 1, 5))  # 0, 5, ..., 85, 90
    ends = starts[1:] + [AGE_TOP + 1]
    sums = [pop_by_age[..., lo:hi].sum(axis=-1) for lo, hi in zip(starts, ends)]
    labels = [f"{lo}-{hi - 1}" for lo, hi in zip(starts[:-1], ends[:-1])]
    return np.stack(sums, axis=-1), labels + [f"{AGE_TOP}+"]


def plot_population_pyramid(res: Results):
    fig, ax = _new_figure(
        res,
        f"population pyramid, mid-{res.base_year} and mid-{res.horizon}",
        f"Mean across replications of the mid-year population in five-year age "
        f"groups; the top group is everyone aged {AGE_TOP} and over. Bars: "
        f"mid-{res.base_year}; black outline: mid-{res.horizon}. Every replication is "
        "aligned to the ONS 2022-based SNPP, so the population is identical across "
        "replications and no uncertainty band is drawn.",
        source_note(res),
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
    _thousands(ax, axis="x")
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


def plot_older_people(res: Results):
    has_obs = res.observed_population is not None and len(res.observed_years) > 0
    fig, axes = _new_figure(
        res,
        f"people aged 65+ and 85+, {res.base_year}–{res.horizon}",
        "Lines: mean across replications of the mid-year population (females and "
        "males combined); shading: 5th–95th percentile of the per-replication "
        "totals. "
        + ZERO_WIDTH
        + (" Dots: ONS mid-year estimates as published before the 2021 census "
           "(unrevised)." if has_obs else ""),
        source_note(res, "ONS mid-year estimates" if has_obs else ""),
        ncols=2,
    )
    first_year = res.base_year
    if has_obs:
        first_year = min(first_year, int(res.observed_years.min()))
    for ax, lowest, colour in zip(axes, (65, 85), ("#0072B2", "#D55E00")):
        mean, lo, hi = band(sum_ages(res.population, lowest))
        ax.fill_between(res.years, lo, hi, color=colour, alpha=BAND_ALPHA, lw=0,
                        label="5th–95th percentile")
        ax.plot(res.years, mean, color=colour, lw=2, label="Projection (mean)")
        if has_obs:
            obs = sum_ages(res.observed_population, lowest)
            ax.plot(res.observed_years, obs, "o", color="black", ms=6,
                    label="ONS mid-year estimate")
            for yr, v in zip(res.observed_years, obs):
                ax.annotate(f"{v:,.0f}", (yr, v), textcoords="offset points",
                            xytext=(0, 8), ha="center", fontsize=7)
        ax.set_title(f"Aged {lowest} and over", loc="left", fontsize=11)
        ax.set_ylabel("People (mid-year population)")
        ax.set_xlim(first_year - 2.5, res.horizon + 1)  # room for the value labels
        ax.set_ylim(bottom=0, top=max(mean.max(), hi.max()) * 1.15)
        _thousands(ax)
        _year_axis(ax, "Year (mid-year)")
    axes[0].legend(loc="lower right", frameon=False, fontsize=8)
    return fig


def plot_components_of_change(res: Results):
    births = res.additions[..., 0].sum(axis=-1)  # (rep, flow_year), age 0 only
    other_additions = res.additions[..., 1:].sum(axis=(-1, -2))
    components = [
        ("Births (additions at age 0)", births, "#009E73"),
        ("Other additions (ages 1+)", other_additions, "#0072B2"),
        ("Deaths (life table)", res.deaths.sum(axis=(-1, -2)), "#D55E00"),
        ("Removals", res.removals.sum(axis=(-1, -2)), "#000000"),
    ]
    fig, ax = _new_figure(
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
        source_note(res),
        right=0.76,
    )
    for label, per_rep, colour in components:
        mean, lo, hi = band(per_rep)
        ax.fill_between(res.flow_years, lo, hi, color=colour, alpha=BAND_ALPHA, lw=0)
        # Markers: these are annual totals, and a one-year run would otherwise be blank.
        ax.plot(res.flow_years, mean, color=colour, lw=1.6, marker="o", ms=3,
                label=label)
    ax.set_ylabel("People per year")
    ax.set_ylim(bottom=0)
    ax.set_xlim(res.flow_years[0] - 0.5, res.flow_years[-1] + 0.5)
    _thousands(ax)
    _year_axis(ax, "Year ending mid-year (30 June)")
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False,
              fontsize=9)
    return fig


CHARTS: Dict[str, Callable[[Results], "plt.Figure"]] = {
    "population_by_age_band.png": plot_population_by_age_band,
    "population_pyramid.png": plot_population_pyramid,
    "older_people.png": plot_older_people,
    "components_of_change.png": plot_components_of_change,
}


def _figures(results_path):
    """Every chart of the file, as (file name, figure) pairs, by its layout."""
    # Here, not at the top: they import this module.
    import area_charts
    import scenario_charts
    import service_charts

    with h5py.File(results_path, "r") as f:
        layout = _text(f.attrs["layout"]) if "layout" in f.attrs else "single"
    if layout == "areas":  # several areas: side by side (the per-area detail stays in the file)
        return area_charts.draw_all(results_path)
    res = load_results(results_path)  # a batch file: the baseline scenario
    figures = [(name, plot(res)) for name, plot in CHARTS.items()]
    figures += list(service_charts.draw(res, results_path))
    if layout == "batch":
        figures += scenario_charts.draw_all(results_path)
    return figures


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2 or argv[0] in ("-h", "--help"):
        print("usage: make_charts.py RESULTS_H5 OUT_DIR", file=sys.stderr)
        return 2
    results_path, out_dir = argv
    try:
        figures = _figures(results_path)
    except ResultsError as exc:
        print(f"make_charts: {exc}", file=sys.stderr)
        return 2
    except (KeyError, ValueError, TypeError, OSError) as exc:
        print(f"make_charts: {results_path}: cannot draw the charts "
              f"({type(exc).__name__}: {exc})", file=sys.stderr)
        return 2
    os.makedirs(out_dir, exist_ok=True)
    for name, fig in figures:
        out = os.path.join(out_dir, name)
        tmp = out + ".tmp.png"  # write then rename, so a half-written PNG never lands
        fig.savefig(tmp, dpi=DPI)
        plt.close(fig)
        os.replace(tmp, out)
        print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
