"""Reading results.h5 for the chart scripts: the one module they share for the file's contents.

Every chart script (population_charts.py, service_charts.py, scenario_charts.py, area_charts.py) and the
report notebooks (notebooks-export/population_report.ipynb, areas_report.ipynb) read the file through these
helpers, and none of them imports another chart script; make_charts.py only dispatches to them by the file's
layout. This module imports no chart script either (tests/python/check_chart_imports.py checks it).

Here: decoding HDF5 text and numbers, finding a run's group (the root, or a batch scenario's group), loading
and sanity-checking a run into plain numpy arrays (load_results), the run's /calibration group (the history the
shipped calibration was fitted to and its backcast check, load_calibration; the users of its latest observed year,
latest_observed_users), the /region group of a multi-area file (load_region), the batch /comparison group as a
labelled xarray Dataset (open_comparison), mean and 5th-95th percentile bands across replications, the price
year, and the source and interval captions the charts carry. The figure style is in chart_style.py.
"""

import os
import tomllib
from dataclasses import dataclass, field
from typing import Optional

import h5py
import numpy as np
import xarray as xr

AGE_TOP = 90  # the last single-year age cell means "90 and over"

# The layout, declared once for the writer and every reader: outputs/results_schema.toml.
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "results_schema.toml"), "rb") as _schema:
    SCHEMA = tomllib.load(_schema)
FORMAT_VERSION = SCHEMA["format_version"]

# Axis order of every variable of a run's groups, as the writer produces them (the batch's /comparison and the
# areas' /region are checked where they are read).
EXPECTED_DIMS = {f"{group}/{name}": tuple(variable["dims"])
                 for group, variables in SCHEMA["run"].items() for name, variable in variables.items()}
STOCK = EXPECTED_DIMS["population/population"]
FLOW = EXPECTED_DIMS["population/deaths"]

# Root attributes of a batch file that the comparison charts show (text ones decoded, the others as int).
COMPARISON_ROOT_ATTRS = ("area_name", "dayopps_version", "git_commit", "replications", "random_numbers",
                         "base_year", "horizon")
_TEXT_ROOT_ATTRS = ("area_name", "dayopps_version", "git_commit", "random_numbers")


class ResultsError(Exception):
    """The results file is missing or does not have the expected layout."""


# ------------------------------------------------------------------------ decoding


def as_text(value) -> str:
    """Decode an HDF5 string attribute, whether vlen or fixed-length, scalar or [1]."""
    if isinstance(value, np.ndarray):
        if value.size != 1:
            raise ResultsError(f"expected a scalar attribute, got shape {value.shape}")
        value = value.reshape(()).item()
    if isinstance(value, (bytes, np.bytes_)):
        return value.decode("utf-8")
    return str(value)


def as_int(value) -> int:
    return int(np.asarray(value).reshape(()))


def strings(ds: h5py.Dataset):
    """A dataset of strings (a dimension's labels) as a list of str."""
    return [str(s) for s in ds.asstr()[()]]


def dim_names(ds: h5py.Dataset):
    """Names of the dimension scales attached to each axis (None where unattached).

    Like netCDF/xarray, the name is the scale dataset's own name and the last attached
    scale wins.
    """
    names = []
    for dim in ds.dims:
        names.append(dim[len(dim) - 1].name.split("/")[-1] if len(dim) else None)
    return tuple(names)


def dataset(f: h5py.Group, path: str) -> h5py.Dataset:
    """The dataset at `path` relative to `f` (the file, or a batch scenario's group),
    with its dimensions checked where EXPECTED_DIMS fixes them."""
    obj = f.get(path)
    where = f"{f.file.filename}: {f.name.rstrip('/')}/{path}"
    if not isinstance(obj, h5py.Dataset):
        raise ResultsError(f"{where}: missing dataset")
    expected = EXPECTED_DIMS.get(path)
    if expected is not None:
        names = dim_names(obj)
        if names != expected:
            raise ResultsError(f"{where} has dimensions {names}, expected {expected}")
    return obj


def price_year(attrs) -> str:
    """The price year of the costs ("2022-23"), from the attributes of /services or /comparison; "" if absent."""
    return as_text(attrs.get("price_year", ""))


# ------------------------------------------------------------------------ opening groups


def layout(path: str) -> str:
    """The file's root attribute layout: "single" (also when absent), "batch" or "areas"."""
    with h5py.File(path, "r") as f:
        return as_text(f.attrs["layout"]) if "layout" in f.attrs else "single"


def is_batch(f: h5py.File) -> bool:
    return "layout" in f.attrs and as_text(f.attrs["layout"]) == "batch"


def run_group(f: h5py.File, scenario: Optional[str] = None) -> str:
    """The group holding one run: the root of a single-run file; in a batch file the
    named scenario's group, by default the baseline's."""
    if not is_batch(f):
        return "/"
    if scenario is None:
        if "baseline" not in f.attrs:
            raise ResultsError(f"{f.filename}: batch file without a baseline attribute")
        scenario = as_text(f.attrs["baseline"])
    group = f"/scenarios/{scenario}"
    if not isinstance(f.get(group), h5py.Group):
        raise ResultsError(f"{f.filename}: missing group {group}")
    return group


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
    # What the charts and reports say about the council and its sources, each read from the file (see "Facts
    # about the run" below); empty when the file does not hold it, so a caption can say so.
    area_code: str = ""
    projection: str = ""  # the projection the population follows, in words (projection_name)
    inputs: dict = field(default_factory=dict)  # /provenance: role -> InputSource
    assumptions: dict = field(default_factory=dict)  # /provenance: assumption name -> statement
    parameters: list = field(default_factory=list)  # /provenance: the care-need parameter bands (ParameterBand)
    parameter_source: str = ""  # /parameters source: "derived", "calibrated" or "drawn"; "" without services
    calibration: Optional["Calibration"] = None  # /calibration, when the run has one

    def sex_index(self, name: str) -> int:
        return self.sexes.index(name)

    def sub(self, name: str) -> str:
        """HDF5 path of one of the run's groups, e.g. "services" or "provenance"."""
        return f"{self.group.rstrip('/')}/{name}"


def _open(path: str) -> h5py.File:
    """The results file opened for reading, or ResultsError with a short reason."""
    if not os.path.exists(path):
        raise ResultsError(f"{path}: no such file")
    try:
        return h5py.File(path, "r")
    except OSError as exc:
        raise ResultsError(f"{path}: not a readable HDF5 file ({exc})") from None


def load_results(path: str, scenario: Optional[str] = None) -> Results:
    """Read and sanity-check a results file; raise ResultsError with a short reason.

    For a batch file this reads one scenario's run (the baseline unless named).
    """
    with _open(path) as f:
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
    version = as_text(attrs["format_version"])
    if version != FORMAT_VERSION:
        raise ResultsError(
            f"{path}: format_version {version!r}, this script reads {FORMAT_VERSION!r}"
        )

    years = dataset(f, "population/year")[()]
    flow_years = dataset(f, "population/flow_year")[()]
    ages = dataset(f, "population/age")[()]
    sexes = strings(dataset(f, "population/sex"))
    age_bands = strings(dataset(f, "population/age_band"))

    res = Results(
        path=path,
        group=f.name,
        area_name=as_text(attrs["area_name"]),
        scenario_name=as_text(attrs["scenario_name"]),
        dayopps_version=as_text(attrs["dayopps_version"]),
        git_commit=as_text(attrs["git_commit"]),
        replications=as_int(attrs["replications"]),
        base_year=as_int(attrs["base_year"]),
        horizon=as_int(attrs["horizon"]),
        years=years,
        flow_years=flow_years,
        sexes=sexes,
        ages=ages,
        age_bands=age_bands,
        population=dataset(f, "population/population")[()],
        population_by_age_band=dataset(f, "population/population_by_age_band")[()],
        deaths=dataset(f, "population/deaths")[()],
        additions=dataset(f, "population/additions")[()],
        removals=dataset(f, "population/removals")[()],
    )
    if "scenario_toml" in attrs:
        try:
            scenario = tomllib.loads(as_text(attrs["scenario_toml"]))
            res.life_table_period = str(
                scenario.get("inputs", {}).get("life_table_period", res.life_table_period)
            )
        except tomllib.TOMLDecodeError:
            pass  # only used for a caption; the default period is the bundled one
    res.area_code = as_text(attrs.get("area_code", ""))
    _read_facts(f, path, res)
    if "observed" in f:
        res.observed_years = dataset(f, "observed/year")[()]
        res.observed_population = dataset(f, "observed/population")[()]
        if strings(dataset(f, "observed/sex")) != sexes or not np.array_equal(
            dataset(f, "observed/age")[()], ages
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


# ------------------------------------------------------------------------ the calibration's history


@dataclass
class Calibration:
    """The /calibration group of a run: the observed counts the shipped calibration was fitted to, the model at
    the estimates, and the backcast check (a second fit on the years up to validate_to_year predicting the rest)."""

    path: str
    group: str  # HDF5 path of the group: "/calibration" or "/scenarios/<name>/calibration"
    calibrated_parameters_file: str
    history_from: int  # first year the fit simulated (0: the base year)
    validate_to_year: int  # last year the backcast fit saw (0: no backcast check)
    dispersion: str  # deviance over degrees of freedom, as text ("34.92"); the covariance is scaled by it
    meaning: str
    series: list  # (observation,) what was counted, e.g. "users, all services, learning_disability, 18-64"
    year: np.ndarray  # (observation,) int
    observed: np.ndarray  # (observation,) persons
    fitted: np.ndarray  # (observation,) persons, at the estimates
    backcast: np.ndarray  # (observation,) persons, by the backcast fit; NaN without a backcast check
    backcast_predicted: np.ndarray  # (observation,) bool: the backcast value predicts a year held back from it
    backcast_series: list  # (backcast_series,) the series of the backcast error, last "all"; empty without one
    held_out_years: np.ndarray  # (backcast_series,) held-back observations in the series
    mape_percent: np.ndarray  # (backcast_series,) mean absolute percentage error of the predictions

    @property
    def has_backcast(self) -> bool:
        return self.validate_to_year > 0 and bool(np.isfinite(self.backcast).any())


def load_calibration(path: str, scenario: Optional[str] = None, area: Optional[str] = None) -> Optional[Calibration]:
    """The run's /calibration group (in a batch file the named scenario's, by default the baseline's; in a
    multi-area file the named area's, /areas/<area>/calibration), or None when the file has none (a run without a
    calibrated-parameters file; a multi-area file without `area`). Raises ResultsError when the group is there but
    malformed."""
    if not os.path.exists(path):
        raise ResultsError(f"{path}: no such file")
    with h5py.File(path, "r") as f:
        if "layout" in f.attrs and as_text(f.attrs["layout"]) == "areas":
            if area is None:
                return None
            where = f"/areas/{area}/calibration"
        else:
            where = f"{run_group(f, scenario).rstrip('/')}/calibration"
        g = f.get(where)
        if not isinstance(g, h5py.Group):
            return None
        return _read_calibration(g, path, where)


def _read_calibration(g: h5py.Group, path: str, where: str) -> Calibration:
    """The Calibration of the open group `g` (at `where` in the file `path`); ResultsError when malformed."""
    try:
        n = len(dataset(g, "observation"))
        cal = Calibration(
            path=path,
            group=where,
            calibrated_parameters_file=as_text(g.attrs.get("calibrated_parameters_file", "")),
            history_from=as_int(g.attrs.get("history_from", 0)),
            validate_to_year=as_int(g.attrs.get("validate_to_year", 0)),
            dispersion=as_text(g.attrs.get("dispersion", "")),
            meaning=as_text(g.attrs.get("meaning", "")),
            series=strings(dataset(g, "series")),
            year=dataset(g, "year")[()].astype(int),
            observed=dataset(g, "observed")[()].astype(np.float64),
            fitted=dataset(g, "fitted")[()].astype(np.float64),
            backcast=dataset(g, "backcast")[()].astype(np.float64),
            backcast_predicted=dataset(g, "backcast_predicted")[()].astype(bool),
            backcast_series=strings(dataset(g, "backcast_series")) if "backcast_series" in g else [],
            held_out_years=dataset(g, "held_out_years")[()].astype(int) if "backcast_series" in g
            else np.zeros(0, dtype=int),
            mape_percent=dataset(g, "mape_percent")[()].astype(np.float64) if "backcast_series" in g
            else np.zeros(0),
        )
    except (KeyError, ValueError, TypeError, OSError) as exc:
        raise ResultsError(f"{path}: {where}: malformed ({exc})") from None
    problems = [f"{name} has {len(getattr(cal, name))} values, observation {n}"
                for name in ("series", "year", "observed", "fitted", "backcast", "backcast_predicted")
                if len(getattr(cal, name)) != n]
    problems += [f"{name} has {len(getattr(cal, name))} values, backcast_series {len(cal.backcast_series)}"
                 for name in ("held_out_years", "mape_percent") if len(getattr(cal, name)) != len(cal.backcast_series)]
    if problems:
        raise ResultsError(f"{path}: {where}: malformed: " + "; ".join(problems))
    return cal


@dataclass
class ObservedUsers:
    """The users of one observed year, summed as the model sums an area's own users for its anchor."""

    year: int
    users: float  # persons
    basis: str  # "total", "by service" or "client groups": which counts were summed
    series: list  # the series summed


def latest_observed_users(cal: Calibration, up_to_year: int) -> Optional[ObservedUsers]:
    """The users observed in the latest year of the calibration's history up to `up_to_year` (the base year; the
    latest year of all when none is that early), summed the way the model derives an area's users from its own
    counts (assembly/run_inputs.cpp, anchor_from_usage): the count of all services, reasons and ages if there is
    one, else the counts by service, else the sum of the client-group counts (by support reason and age group).
    Only "users" series count. None when the history has no users count."""
    users = [(s, int(y), float(o)) for s, y, o in zip(cal.series, cal.year, cal.observed)
             if len(s.split(",")) == 4 and s.split(",")[0].strip() == "users"]
    if not users:
        return None
    years = {y for _, y, _ in users}
    early = [y for y in years if y <= up_to_year]
    year = max(early) if early else max(years)
    total, by_service, pieces = [], [], []
    for series, y, observed in users:
        if y != year:
            continue
        _, service, reason, ages = (part.strip() for part in series.split(","))
        everyone = reason == "all reasons" and ages == "all ages"
        (total if service == "all services" and everyone else
         by_service if service != "all services" and everyone else pieces).append((series, observed))
    used, basis = ((total, "total") if total else (by_service, "by service") if by_service
                   else (pieces, "client groups"))
    return ObservedUsers(year=year, users=sum(o for _, o in used), basis=basis, series=[s for s, _ in used])


# ------------------------------------------------------------------------ facts about the run


@dataclass
class InputSource:
    """One file the run read, as /provenance lists it."""

    role: str  # e.g. "population_projection", "unit_costs", "usage_1"
    path: str
    publisher: str  # "" for the scenario and the parameter files
    table: str


@dataclass
class ParameterBand:
    """One band of one care-need parameter, as /provenance lists it."""

    name: str
    ages: str  # "0-74"
    sex: str  # "all", "female", "male"
    value: float
    unit: str
    source: str


def _read_facts(f: h5py.Group, path: str, res: "Results") -> None:
    """Fill the facts of `res` that charts and reports state about the council (its projection, inputs, assumptions,
    parameters and calibration) from the run's group `f`. Whatever the group lacks stays empty."""
    target = f.get("population/target_population")
    variant = as_text(target.attrs.get("projection_variant", "")) if isinstance(target, h5py.Dataset) else ""
    prov = f.get("provenance")
    if isinstance(prov, h5py.Group):
        if "input" in prov:
            roles = strings(prov["input"])
            columns = {name: strings(prov[name]) if name in prov else [""] * len(roles)
                       for name in ("path", "publisher", "table")}
            res.inputs = {role: InputSource(role, columns["path"][k], columns["publisher"][k], columns["table"][k])
                          for k, role in enumerate(roles)}
        if "assumption" in prov and "statement" in prov:
            res.assumptions = dict(zip(strings(prov["assumption"]), strings(prov["statement"])))
        if "parameter_name" in prov:
            columns = {name: prov[name][()] if prov[name].dtype.kind in "fiu" else strings(prov[name])
                       for name in ("parameter_name", "parameter_ages", "parameter_sex", "parameter_value",
                                    "parameter_unit", "parameter_source") if name in prov}
            n = len(columns["parameter_name"])
            res.parameters = [ParameterBand(*(columns[c][k] if c in columns else "" for c in
                                              ("parameter_name", "parameter_ages", "parameter_sex")),
                                            float(columns["parameter_value"][k]) if "parameter_value" in columns
                                            else float("nan"),
                                            *(columns[c][k] if c in columns else "" for c in
                                              ("parameter_unit", "parameter_source")))
                              for k in range(n)]
    res.projection = projection_name(variant, res.inputs.get("population_projection"))
    parameters = f.get("parameters")
    if isinstance(parameters, h5py.Group):
        res.parameter_source = as_text(parameters.attrs.get("source", ""))
    cal = f.get("calibration")
    if isinstance(cal, h5py.Group):
        res.calibration = _read_calibration(cal, path, cal.name)


def short_publisher(publisher: str) -> str:
    """A publisher's short name for a source line: the abbreviation it ends with in brackets, if any ("NHS
    Information Centre / Health and Social Care Information Centre (HSCIC)" -> "HSCIC"), else the name."""
    publisher = publisher.strip()
    if publisher.endswith(")") and "(" in publisher:
        inner = publisher[publisher.rindex("(") + 1:-1].strip()
        if inner and " " not in inner:
            return inner
    return publisher


def projection_name(variant: str, source: Optional[InputSource] = None) -> str:
    """The population projection in words, from /population/target_population's projection_variant and its
    publisher in /provenance (e.g. "2022-based SNPP migration category variant, Office for National Statistics");
    "" when the file names neither."""
    publisher = short_publisher(source.publisher) if source is not None else ""
    return ", ".join(part for part in (variant, publisher) if part)


def usage_sources(res) -> list:
    """Short names of the publishers of the observed day-service counts the run read ([inputs] usage), in the
    order read, each once; empty when the run read none."""
    names = [short_publisher(i.publisher) for role, i in res.inputs.items() if role.startswith("usage") and i.publisher]
    return list(dict.fromkeys(names))


def observed_users(res) -> Optional[ObservedUsers]:
    """The latest observed users up to the base year (latest_observed_users) of the run's calibration, or None when
    the file has no /calibration or it holds no users count."""
    return latest_observed_users(res.calibration, res.base_year) if res.calibration is not None else None


def observed_users_text(res) -> str:
    """The run's latest observed users in words, with the publishers of the counts the run read: "<users> in <year>
    (<basis>; <publishers>)"; or what the file lacks."""
    seen = observed_users(res)
    if seen is None:
        return ("observed users: not in the results file (no /calibration group)" if res.calibration is None else
                "observed users: no users count in the calibration's history")
    sources = usage_sources(res)
    return (f"{seen.users:,.0f} in {seen.year} ({seen.basis}"
            + (f"; {', '.join(sources)}" if sources else "") + ")")


NOT_IN_FILE = "not in the results file"
UNIT_COST_FALLBACK_PREFIX = "unit_costs_of_"  # the assumption a run states when priced at another area's unit costs


def unit_cost_area(res) -> str:
    """The ONS code of the area whose published unit costs price the run's services: the run's own area, or the
    fallback area named by the assumption unit_costs_of_<code> (assembly/run_inputs.cpp, derive_costs); "" when
    the run read no unit costs."""
    if "unit_costs" not in res.inputs:
        return ""
    for name in res.assumptions:
        if name.startswith(UNIT_COST_FALLBACK_PREFIX):
            return name[len(UNIT_COST_FALLBACK_PREFIX):]
    return res.area_code


def unit_cost_text(res) -> str:
    """Whose unit costs price the services, in words, for captions: "<area>'s (<code>) own unit costs", or "the unit
    costs of <fallback code>, as <area> has none of its own in the unit-cost file (assumption
    unit_costs_of_<fallback code>)"."""
    code = unit_cost_area(res)
    if not code:
        return f"unit costs {NOT_IN_FILE}"
    if code == res.area_code:
        return f"{res.area_name}'s ({res.area_code}) own unit costs"
    return (f"the unit costs of {code}, as {res.area_name} has none of its own in the unit-cost file (assumption "
            f"{UNIT_COST_FALLBACK_PREFIX}{code})")


def input_title(res, role: str) -> str:
    """'publisher, table' of one input, shortened for a source line: the short publisher and the table up to its
    first colon (e.g. "HSCIC, Personal Social Services Expenditure and Unit Costs, England, 2008-09 to 2013-14");
    "" when the file does not list the input or names no publisher."""
    source = res.inputs.get(role)
    if source is None or not source.publisher:
        return ""
    return f"{short_publisher(source.publisher)}, {source.table.split(':')[0].strip()}"


def citation(source: str, parts: int = 2) -> str:
    """A source text shortened for a caption: up to its first colon, and of that its first `parts` comma-separated
    parts outside brackets ("NHS Digital, Quality and Outcomes Framework 2019-20, learning disability register ...:
    8,083 ..." -> "NHS Digital, Quality and Outcomes Framework 2019-20")."""
    head, depth, pieces, start = source.split(":")[0], 0, [], 0
    for k, ch in enumerate(head):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            pieces.append(head[start:k].strip())
            start = k + 1
    pieces.append(head[start:].strip())
    return ", ".join(p for p in pieces[:parts] if p)


def parameter_bands(res, name: str) -> list:
    """The bands of one care-need parameter (ParameterBand), in the file's order; empty when absent."""
    return [b for b in res.parameters if b.name == name]


def attributes(path: str, group: str = "/") -> dict:
    """Every attribute of one group of the file (the root by default), decoded: text as str, numbers as int or
    float."""
    with _open(path) as f:
        g = f[group]
        return {key: as_text(value) if isinstance(value, (str, bytes, np.bytes_)) or (
            isinstance(value, np.ndarray) and value.dtype.kind in "OSU") else np.asarray(value).reshape(()).item()
            for key, value in g.attrs.items()}


def members(path: str, group: str = "/") -> list:
    """The names of the groups and datasets directly under `group`, in the file's order; [] when it is absent."""
    with _open(path) as f:
        g = f.get(group)
        return list(g) if isinstance(g, h5py.Group) else []


def assumptions(path: str, group: str) -> dict:
    """The assumptions of one run's /provenance (`group` is the run's group, e.g. "/areas/<code>"): name ->
    statement; {} when it states none."""
    with _open(path) as f:
        prov = f.get(f"{group.rstrip('/')}/provenance")
        if not isinstance(prov, h5py.Group) or "assumption" not in prov or "statement" not in prov:
            return {}
        return dict(zip(strings(prov["assumption"]), strings(prov["statement"])))


def scenario_names(path: str) -> list:
    """The scenarios of a batch file (/scenarios/<name>), in the file's order; [] in another file."""
    return members(path, "/scenarios")


def open_group(res, name: str, scenario: Optional[str] = None):
    """One group of the run as a labelled xarray Dataset, loaded into memory: `name` is "population",
    "provenance", "services", ... of `res` (a Results: its group), or of a batch scenario when `scenario` is given.
    """
    group = f"/scenarios/{scenario}/{name}" if scenario else res.sub(name)
    with xr.open_dataset(res.path, engine="h5netcdf", group=group) as ds:
        return ds.load()


@dataclass
class ServiceTotals:
    """The /services group summed to what the report's summary and sections use, as numpy arrays."""

    services: list  # (service,)
    years: list  # (year,) int
    financial_years: list  # (financial_year,)
    users: np.ndarray  # (replication, year, service): summed over reason, sex and age band
    demand: np.ndarray  # (replication, year, service)
    unmet: np.ndarray  # (replication, year): every service
    waiting: np.ndarray  # (replication, year)
    cost_total: Optional[np.ndarray]  # (replication, financial_year) GBP, real terms; None without costs
    price_year: str  # the price base, e.g. "2022-23"; "" without costs


def load_service_totals(res) -> Optional[ServiceTotals]:
    """The run's services summed by replication, year and service (ServiceTotals), or None when the run has no
    services group."""
    with _open(res.path) as f:
        g = f.get(res.sub("services"))
        if not isinstance(g, h5py.Group):
            return None
        users = dataset(g, "users")[()]  # (replication, year, service, support_reason, sex, age_band)
        has_cost = "cost_total" in g
        return ServiceTotals(
            services=strings(g["service"]), years=[int(y) for y in g["year"][()]],
            financial_years=strings(g["financial_year"]) if "financial_year" in g else [],
            users=users.sum(axis=(3, 4, 5)), demand=dataset(g, "demand")[()].sum(axis=(3, 4, 5)),
            unmet=dataset(g, "unmet_demand")[()].sum(axis=(2, 3, 4, 5)),
            waiting=dataset(g, "waiting")[()].sum(axis=(2, 3, 4, 5)),
            cost_total=g["cost_total"][()] if has_cost else None,
            price_year=as_text(g["cost_total"].attrs.get("price_year", g.attrs.get("price_year", "")))
            if has_cost else "")


# ------------------------------------------------------------------------ multi-area files (/region)


@dataclass
class Region:
    """The /region group of a multi-area file (layout = "areas") as plain numpy arrays: the areas side by side
    and their sum. The services variables are None in a file without services (population and care need only)."""

    path: str
    scenario_name: str
    dayopps_version: str
    git_commit: str
    replications: int
    base_year: int
    horizon: int
    codes: list  # (area,) ONS codes
    names: list  # (area,) names
    years: np.ndarray  # (year,)
    population: np.ndarray  # (area, replication, year)
    services: list  # (service,); empty without services
    financial_years: list  # (financial_year,); empty without costs
    users: Optional[np.ndarray] = None  # (area, replication, year, service) persons
    total_users: Optional[np.ndarray] = None  # (replication, year, service)
    users_all_services: Optional[np.ndarray] = None  # (area, replication, year)
    total_users_all_services: Optional[np.ndarray] = None  # (replication, year)
    adults: Optional[np.ndarray] = None  # (area, replication, year) residents 18+
    cost_total: Optional[np.ndarray] = None  # (area, replication, financial_year) GBP, real terms
    total_cost: Optional[np.ndarray] = None  # (replication, financial_year)
    price_year: str = ""  # the price base of the costs, e.g. "2022-23"
    money: str = ""  # what the money is, in words (the group's attribute)

    @property
    def area_name(self) -> str:
        """What the charts' title block names (chart_style.new_figure): the number of areas."""
        return f"{len(self.codes)} areas"

    @property
    def has_services(self) -> bool:
        return self.users_all_services is not None

    def year_index(self, year: int) -> int:
        return int(np.flatnonzero(self.years == year)[0])

    def users_with_total(self) -> np.ndarray:
        """(area + 1, replication, year): users of every service, each area then the sum of the areas."""
        return np.concatenate([self.users_all_services, self.total_users_all_services[None]]).astype(np.float64)

    def adults_with_total(self) -> np.ndarray:
        """(area + 1, replication, year): residents 18+, each area then the sum of the areas."""
        return np.concatenate([self.adults, self.adults.sum(axis=0)[None]]).astype(np.float64)

    def cost_with_total(self) -> np.ndarray:
        """(area + 1, replication, financial_year): cost of every service, each area then the sum of the areas."""
        return np.concatenate([self.cost_total, self.total_cost[None]]).astype(np.float64)

    def users_per_10k_adults(self, year: int):
        """Users per 10,000 adults in `year`, each area then all areas, as (mean, p05, p95) arrays (area + 1,):
        mean users over mean adults; the 5th and 95th percentiles of users across replications over mean adults."""
        k = self.year_index(year)
        users = self.users_with_total()[:, :, k]
        adults = self.adults_with_total()[:, :, k].mean(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            return tuple(1e4 * stat / adults for stat in band(users.T))

    def users_growth(self, from_year: int, to_year: int):
        """Growth in users from `from_year` to `to_year`, each area then all areas, as (central, p05, p95) arrays
        (area + 1,) of fractions: central = mean users at to_year over mean users at from_year, minus 1; the
        percentiles are those of the growth computed in each replication, users[r, to]/users[r, from] − 1. NaN
        where an area has no users in from_year."""
        users = self.users_with_total()
        start, end = users[:, :, self.year_index(from_year)], users[:, :, self.year_index(to_year)]
        with np.errstate(divide="ignore", invalid="ignore"):
            per_rep = end / start - 1.0  # (area + 1, replication)
            central = end.mean(axis=1) / start.mean(axis=1) - 1.0
        ok = (start > 0).all(axis=1)
        low, high = np.full(len(start), np.nan), np.full(len(start), np.nan)
        if ok.any():
            low[ok] = np.percentile(per_rep[ok], 5, axis=1)
            high[ok] = np.percentile(per_rep[ok], 95, axis=1)
        return np.where(ok, central, np.nan), low, high


# Axis order of the /region variables (outputs/results_schema.toml).
REGION_DIMS = {name: tuple(variable["dims"]) for name, variable in SCHEMA["areas"]["region"].items()}


def _region_variable(g: h5py.Group, name: str) -> np.ndarray:
    ds = dataset(g, name)
    names = dim_names(ds)
    if names != REGION_DIMS[name]:
        raise ResultsError(f"{g.file.filename}: /region/{name} has dimensions {names}, expected {REGION_DIMS[name]}")
    return ds[()]


def load_region(path: str) -> Region:
    """Read and sanity-check the /region group of a multi-area file; raise ResultsError with a short reason."""
    with _open(path) as f:
        if "layout" not in f.attrs or as_text(f.attrs["layout"]) != "areas":
            raise ResultsError(f"{path}: not a multi-area file (root attribute layout is not \"areas\")")
        g = f.get("region")
        if not isinstance(g, h5py.Group):
            raise ResultsError(f"{path}: layout \"areas\" but no group /region")
        try:
            region = Region(
                path=path,
                scenario_name=as_text(f.attrs["scenario_name"]),
                dayopps_version=as_text(f.attrs["dayopps_version"]),
                git_commit=as_text(f.attrs["git_commit"]),
                replications=as_int(f.attrs["replications"]),
                base_year=as_int(f.attrs["base_year"]),
                horizon=as_int(f.attrs["horizon"]),
                codes=strings(dataset(g, "area")),
                names=strings(dataset(g, "area_name")),
                years=dataset(g, "year")[()].astype(int),
                population=_region_variable(g, "population"),
                services=strings(dataset(g, "service")) if "service" in g else [],
                financial_years=strings(dataset(g, "financial_year")) if "financial_year" in g else [],
                price_year=price_year(g.attrs),
                money=as_text(g.attrs.get("money", "")),
            )
            if "users_all_services" in g:
                for name in ("users", "total_users", "users_all_services", "total_users_all_services", "adults"):
                    setattr(region, name, _region_variable(g, name))
                if "cost_total" in g:
                    region.cost_total = _region_variable(g, "cost_total")
                    region.total_cost = _region_variable(g, "total_cost")
        except ResultsError:
            raise
        except (KeyError, ValueError, TypeError, OSError) as exc:
            raise ResultsError(f"{path}: /region: malformed ({exc})") from None
    A, R, Y = len(region.codes), region.replications, len(region.years)
    S, F = len(region.services), len(region.financial_years)
    wanted = {"names": (A,), "population": (A, R, Y)}
    if region.has_services:
        wanted.update(users=(A, R, Y, S), total_users=(R, Y, S), users_all_services=(A, R, Y),
                      total_users_all_services=(R, Y), adults=(A, R, Y))
    if region.cost_total is not None:
        wanted.update(cost_total=(A, R, F), total_cost=(R, F))
    problems = [f"{name} shape {np.shape(getattr(region, name))}, expected {shape}"
                for name, shape in wanted.items() if np.shape(getattr(region, name)) != shape]
    if list(region.years) != list(range(region.base_year, region.horizon + 1)):
        problems.append("year is not base_year..horizon")
    if problems:
        raise ResultsError(f"{path}: /region malformed: " + "; ".join(problems))
    return region


# ------------------------------------------------------------------------ labelled arrays (batch comparison)


def open_comparison(path):
    """The /comparison group of a batch file, loaded into memory as an xarray Dataset, with the file's root
    attributes in attrs["file"]."""
    with xr.open_dataset(path, engine="h5netcdf", group="comparison") as ds:
        ds = ds.load()
    ds.attrs["file"] = root_attrs(path)
    return ds


def root_attrs(path):
    """The root attributes of a batch file that the comparison charts show, decoded."""
    with h5py.File(path, "r") as f:
        return {k: (as_text(f.attrs[k]) if k in _TEXT_ROOT_ATTRS else as_int(f.attrs[k]))
                for k in COMPARISON_ROOT_ATTRS if k in f.attrs}


def comparison(source):
    """Accept a path or a Dataset; a Dataset opened directly gets its root attributes from its source file."""
    if isinstance(source, xr.Dataset):
        if "file" not in source.attrs and source.encoding.get("source"):
            source.attrs["file"] = root_attrs(source.encoding["source"])
        return source
    return open_comparison(os.fspath(source))


def scenario_service_costs(path, names):
    """Each scenario's cost by service and its council centres' running cost, from /scenarios/<name>/services:
    an xarray Dataset with cost (scenario, replication, financial_year, service) and centre_running_cost
    (scenario, financial_year), GBP in real terms at the price base (cost includes the running cost)."""
    costs, running = [], []
    for name in names:
        with xr.open_dataset(path, engine="h5netcdf", group=f"/scenarios/{name}/services") as g:
            if "cost" not in g:
                raise ResultsError(f"{path}: /scenarios/{name}/services has no cost")
            costs.append(g["cost"].transpose("replication", "financial_year", "service").load())
            running.append(g["centre_running_cost"].load() if "centre_running_cost" in g
                           else xr.zeros_like(g["financial_year"], dtype=float))
    scenario = xr.DataArray(list(names), dims="scenario")
    return xr.Dataset({"cost": xr.concat(costs, dim=scenario, join="exact"),
                       "centre_running_cost": xr.concat(running, dim=scenario, join="exact")})


def comparison_meta(ds):
    """The file's root attributes stored with a comparison Dataset by open_comparison()."""
    return ds.attrs.get("file", {})


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


def labelled_band(da, dim="replication"):
    """Mean, p05, p95 of an xarray DataArray across replications, as numpy arrays (linear interpolation)."""
    return (da.mean(dim).values, da.quantile(0.05, dim=dim).values, da.quantile(0.95, dim=dim).values)


def sum_ages(arr: np.ndarray, lowest: int, highest: int = AGE_TOP) -> np.ndarray:
    """Sum sexes and single-year ages lowest..highest; keeps the leading axes."""
    return arr[..., lowest : highest + 1].sum(axis=(-1, -2))


# ------------------------------------------------------------------------ captions


def source_note(res, extra: str = "") -> str:
    """The source line of a single-run chart. `res` needs dayopps_version and git_commit (a Results or any
    object with those attributes) and may have projection (the population projection in words, from the file)."""
    short = res.git_commit[:7] if res.git_commit else "unknown"
    projection = getattr(res, "projection", "") or "population projection not named in the results file"
    note = f"Source: dayopps {res.dayopps_version} ({short}), {projection}"
    return note + (f"; {extra}" if extra else "")


def comparison_source(ds) -> str:
    """The source line of a batch comparison chart."""
    meta = comparison_meta(ds)
    commit = meta.get("git_commit", "")[:7] or "unknown"
    return f"Source: dayopps {meta.get('dayopps_version', '?')} ({commit}), batch comparison against the baseline"


def interval_note(ds) -> str:
    """The footnote every comparison chart carries: what the intervals are and whether they are paired."""
    meta = comparison_meta(ds)
    reps = meta.get("replications", ds.sizes.get("replication", 0))
    note = f"Intervals: 5th–95th percentiles across the {reps} replications. "
    scheme = meta.get("random_numbers", "")
    if scheme == "common":
        return note + ("Every scenario runs with common random numbers (replication r of each scenario draws the "
                       "same random numbers), so differences from the baseline are paired replication by "
                       "replication and their intervals show the effect of the scenario, not chance.")
    return note + (f"Scenarios use {scheme or 'unstated'} random numbers, so differences from the baseline are not "
                   "paired and their intervals include chance variation.")
