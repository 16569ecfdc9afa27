#!/usr/bin/python3
"""Independent reader test for a dayopps results file (format_version 3).

Usage:
  /usr/bin/python3 tests/python/check_results.py RESULTS_H5
      [--expect-replications N] [--expect-base-year Y] [--expect-horizon H]
      [--input-root DIR ...] [--verbose]

Opens the file with h5py and, separately, with xarray (h5netcdf engine, one group at a
time) and checks the layout the C++ writer promises, then the numbers: summaries equal
numpy's mean/percentiles of the per-replication arrays, age bands equal age sums, the
population equals the rounded ONS target, the accounting identity holds in every
replication, and provenance hashes match the input files that can be found.

It deliberately shares no code with dayopps or outputs/charts, so a bug in one reader
cannot hide the same bug in the file.

Prints every failure and a final "N passed, M failed, K skipped" line; exits 0 when
nothing failed, 1 otherwise.
"""

import argparse
import datetime as dt
import hashlib
import os
import re
import sys
import tomllib
import traceback
from contextlib import contextmanager

import h5py
import numpy as np

RTOL = 1e-12
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
AGES = list(range(91))
SEXES = ["female", "male"]
AGE_BANDS = [
    "0-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-84", "85+"
]
STATISTICS = ["mean", "p05", "p50", "p95"]

ROOT_STRING_ATTRS = [
    "format_version", "dayopps_version", "git_commit", "scenario_name",
    "scenario_toml", "area_code", "area_name", "started_utc", "finished_utc",
]
# Optional extras the C++ writer adds (docs/results-format.md); strings when present.
ROOT_OPTIONAL_STRING_ATTRS = ["title", "scenario_description", "random_number_scheme"]
# The brief fixed these as int32; outputs/results_builder.cpp writes int64. Both are
# accepted until the two agree (see INT_ATTR below).
ROOT_INT_ATTRS = ["replications", "base_year", "horizon", "threads"]
INT_ATTR = "i4|i8"
PROVENANCE_COLUMNS = ["input", "path", "sha256", "publisher", "table", "licence"]

STOCK = ("replication", "year", "sex", "age")
FLOW = ("replication", "flow_year", "sex", "age")
BAND = ("replication", "year", "sex", "age_band")
FLOWS = ["deaths", "additions", "removals"]

# variable -> (dims, kind) where kind is "i4" per replication or "f8" summaries/target
POPULATION_VARS = {
    "population": (STOCK, "i4"),
    "population_summary": (("statistic",) + STOCK[1:], "f8"),
    "population_by_age_band": (BAND, "i4"),
    "population_by_age_band_summary": (("statistic",) + BAND[1:], "f8"),
    "target_population": (("year", "sex", "age"), "f8"),
}
for _name in FLOWS:
    POPULATION_VARS[_name] = (FLOW, "i4")
    POPULATION_VARS[_name + "_summary"] = (("statistic",) + FLOW[1:], "f8")

POPULATION_COORDS = {
    "replication": "i4", "year": "i4", "flow_year": "i4", "sex": "str",
    "age": "i4", "age_band": "str", "statistic": "str",
}
OBSERVED_COORDS = {"year": "i4", "sex": "str", "age": "i4"}
# int32 in the brief, float64 in the C++ writer (ONS estimates are whole persons either
# way, which check_observed verifies).
OBSERVED_VARS = {"population": (("year", "sex", "age"), "i4|f8")}
PROVENANCE_VARS = {c: (("input",), "str") for c in PROVENANCE_COLUMNS[1:]}
# Optional: the scenario's [[assumption]] entries, on their own dimension.
ASSUMPTION_VARS = {"statement": (("assumption",), "str")}
# Inputs that are dayopps' own files, not published data: no publisher/table/licence.
OWN_INPUTS = {"scenario", "data_sources", "care_need", "day_services"}
# Optional: the care-need parameter table, one row per band of a parameter.
PARAMETER_VARS = {
    **{name: (("parameter_band",), "str") for name in (
        "parameter_name", "parameter_ages", "parameter_sex", "parameter_unit",
        "parameter_source", "parameter_derivation")},
    "parameter_value": (("parameter_band",), "f8"),
    "parameter_assumption": (("parameter_band",), "i4"),
}
# Optional: /care_need, people and deaths by condition.
CONDITIONS = [
    "learning_disability_mild", "learning_disability_moderate_severe", "autism",
    "physical_disability_moderate", "physical_disability_serious", "dementia",
]
CARE_STOCK = ("replication", "year", "condition", "sex", "age_band")
CARE_FLOW = ("replication", "flow_year", "condition", "sex", "age_band")
CARE_VARS = {
    "people": (CARE_STOCK, "i4"),
    "people_summary": (("statistic",) + CARE_STOCK[1:], "f8"),
    "deaths": (CARE_FLOW, "i4"),
    "deaths_summary": (("statistic",) + CARE_FLOW[1:], "f8"),
}
CARE_COORDS = {
    "replication": "i4", "year": "i4", "flow_year": "i4", "condition": "str",
    "sex": "str", "age_band": "str", "statistic": "str",
}


class Checker:
    """Collects named pass/fail/skip results; a check that raises is a failure."""

    def __init__(self, verbose=False):
        self.verbose = verbose
        self.passed = 0
        self.failures = []
        self.skips = []

    def ok(self, name, condition, detail=""):
        if condition:
            self.passed += 1
            if self.verbose:
                print(f"ok    {name}")
        else:
            self.failures.append(f"{name}: {detail}" if detail else name)
            print(f"FAIL  {self.failures[-1]}")
        return bool(condition)

    def skip(self, name, reason):
        self.skips.append(f"{name}: {reason}")
        print(f"SKIP  {name}: {reason}")

    @contextmanager
    def guard(self, name):
        """Turn an unexpected exception inside a block of checks into one failure."""
        try:
            yield
        except Exception as exc:  # noqa: BLE001 - report anything, keep going
            where = traceback.extract_tb(exc.__traceback__)[-1]
            self.ok(name, False, f"{type(exc).__name__}: {exc} (line {where.lineno})")


# ------------------------------------------------------------------------- helpers


def is_kind(dtype, kind):
    """'i4' int32, 'u8' uint64, 'f8' float64 (any byte order); 'str' vlen UTF-8.

    Alternatives are separated by '|', e.g. 'i4|i8'.
    """
    if "|" in kind:
        return any(is_kind(dtype, k) for k in kind.split("|"))
    if kind == "str":
        info = h5py.check_string_dtype(dtype)
        return info is not None and info.encoding == "utf-8" and info.length is None
    return dtype.kind == kind[0] and dtype.itemsize == int(kind[1:])


def attr_text(value):
    if isinstance(value, (bytes, np.bytes_)):
        return value.decode("utf-8")
    return str(value)


def dim_names(ds):
    """Per axis, the name of the (last) attached dimension scale, as netCDF reads it."""
    return tuple(
        dim[len(dim) - 1].name.split("/")[-1] if len(dim) else None for dim in ds.dims
    )


def read_strings(ds):
    return [str(s) for s in ds.asstr()[()]]


def compare(a, b):
    """Short description of the worst mismatch between two float arrays."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        return f"shape {a.shape} vs {b.shape}"
    diff = np.abs(a - b)
    i = np.unravel_index(np.argmax(diff), diff.shape)
    where = tuple(int(k) for k in i)
    return f"max |diff| {diff[i]:.3g} at index {where}: {a[i]!r} vs {b[i]!r}"


def band_bounds(label):
    if label.endswith("+"):
        return int(label[:-1]), AGES[-1]
    lo, hi = label.split("-")
    return int(lo), int(hi)


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ---------------------------------------------------------------------- h5py checks


def check_root(c, f, args):
    attrs = f.attrs
    for name in ROOT_STRING_ATTRS:
        if c.ok(f"root attr {name} present", name in attrs):
            aid = attrs.get_id(name)
            c.ok(f"root attr {name} is a scalar vlen UTF-8 string",
                 is_kind(aid.dtype, "str") and aid.shape == (),
                 f"dtype {aid.dtype}, shape {aid.shape}")
            c.ok(f"root attr {name} non-empty", attr_text(attrs[name]) != "")
    for name in ROOT_OPTIONAL_STRING_ATTRS:
        if name in attrs:
            aid = attrs.get_id(name)
            c.ok(f"root attr {name} is a scalar vlen UTF-8 string",
                 is_kind(aid.dtype, "str") and aid.shape == (),
                 f"dtype {aid.dtype}, shape {aid.shape}")
    int_attrs = [(n, INT_ATTR) for n in ROOT_INT_ATTRS] + [("master_seed", "u8")]
    for name, kind in int_attrs:
        if c.ok(f"root attr {name} present", name in attrs):
            aid = attrs.get_id(name)
            c.ok(f"root attr {name} is a scalar {kind}",
                 is_kind(aid.dtype, kind) and aid.shape == (),
                 f"dtype {aid.dtype}, shape {aid.shape}")

    with c.guard("root attr values"):
        c.ok("format_version == '4'", attr_text(attrs["format_version"]) == "4",
             repr(attr_text(attrs["format_version"])))
        times = {}
        for name in ("started_utc", "finished_utc"):
            text = attr_text(attrs[name])
            try:
                times[name] = dt.datetime.fromisoformat(text)
                c.ok(f"{name} is ISO 8601", True)
            except ValueError:
                c.ok(f"{name} is ISO 8601", False, repr(text))
        if len(times) == 2:
            c.ok("finished_utc >= started_utc",
                 times["finished_utc"] >= times["started_utc"],
                 f"{times['started_utc']} .. {times['finished_utc']}")
        try:
            tomllib.loads(attr_text(attrs["scenario_toml"]))
            c.ok("scenario_toml parses as TOML", True)
        except tomllib.TOMLDecodeError as exc:
            c.ok("scenario_toml parses as TOML", False, str(exc))
        c.ok("replications >= 1", int(attrs["replications"]) >= 1)
        c.ok("threads >= 1", int(attrs["threads"]) >= 1)
        c.ok("base_year < horizon", int(attrs["base_year"]) < int(attrs["horizon"]))
        for flag, name in [("expect_replications", "replications"),
                           ("expect_base_year", "base_year"),
                           ("expect_horizon", "horizon")]:
            want = getattr(args, flag)
            if want is not None:
                c.ok(f"{name} == {want} (expected)", int(attrs[name]) == want,
                     f"got {int(attrs[name])}")


def check_coords(c, g, coords, expected_values):
    """Coordinate datasets: dimension scales, 1-D, right dtype, right values."""
    for name, kind in coords.items():
        with c.guard(f"/{g.name.strip('/')}/{name} coordinate"):
            label = f"{g.name}/{name}"
            if not c.ok(f"{label} exists", isinstance(g.get(name), h5py.Dataset)):
                continue
            ds = g[name]
            c.ok(f"{label} is a dimension scale", h5py.h5ds.is_scale(ds.id))
            c.ok(f"{label} is 1-D", ds.ndim == 1, f"shape {ds.shape}")
            c.ok(f"{label} dtype {kind}", is_kind(ds.dtype, kind), str(ds.dtype))
            values = read_strings(ds) if kind == "str" else ds[()].tolist()
            want = expected_values.get(name)
            if want is not None:
                c.ok(f"{label} values", values == list(want),
                     f"got {values[:5]}... (len {len(values)}), "
                     f"expected {list(want)[:5]}... (len {len(want)})")


def check_variables(c, g, variables, sizes):
    """Variables: attached scales name the right dims, shapes, dtypes, attributes."""
    for name, (dims, kind) in variables.items():
        label = f"{g.name}/{name}"
        with c.guard(f"{label} variable"):
            if not c.ok(f"{label} exists", isinstance(g.get(name), h5py.Dataset)):
                continue
            ds = g[name]
            got = dim_names(ds)
            c.ok(f"{label} dims {dims}", got == dims, f"attached scales {got}")
            for axis, dim in enumerate(ds.dims):
                if len(dim):
                    scale_path = dim[len(dim) - 1].name
                    c.ok(f"{label} axis {axis} scale is in the same group",
                         scale_path == f"{g.name}/{got[axis]}", scale_path)
            shape = tuple(sizes.get(d, -1) for d in dims)
            c.ok(f"{label} shape {shape}", ds.shape == shape, f"got {ds.shape}")
            c.ok(f"{label} dtype {kind}", is_kind(ds.dtype, kind), str(ds.dtype))
            for attr in ("units", "long_name"):
                c.ok(f"{label} has {attr}",
                     attr in ds.attrs and attr_text(ds.attrs[attr]) != "")


def check_provenance(c, f, args, results_path):
    g = f.get("provenance")
    if not c.ok("/provenance group exists", isinstance(g, h5py.Group)):
        return
    cols = None
    with c.guard("/provenance layout"):
        n = g["input"].shape[0]
        check_coords(c, g, {"input": "str"}, {})
        check_variables(c, g, PROVENANCE_VARS, {"input": n})
        if "assumption" in g:
            check_coords(c, g, {"assumption": "str"}, {})
            check_variables(c, g, ASSUMPTION_VARS, {"assumption": g["assumption"].size})
            names = read_strings(g["assumption"])
            c.ok("provenance assumption names unique", len(set(names)) == len(names),
                 str(names))
            empty = [a for a, v in zip(names, read_strings(g["statement"])) if not v]
            c.ok("provenance assumption statements non-empty", not empty, str(empty))
        if "parameter_band" in g:
            rows = g["parameter_band"].size
            check_coords(c, g, {"parameter_band": "i4"}, {"parameter_band": range(rows)})
            check_variables(c, g, PARAMETER_VARS, {"parameter_band": rows})
            flags = g["parameter_assumption"][()]
            c.ok("parameter_assumption is 0 or 1", set(flags.tolist()) <= {0, 1})
            derivations = read_strings(g["parameter_derivation"])
            missing = [i for i, (a, d) in enumerate(zip(flags, derivations)) if a and not d]
            c.ok("every assumed parameter has a derivation", not missing, str(missing))
            sources = read_strings(g["parameter_source"])
            c.ok("every parameter band has a source", all(sources), "")
        cols = {name: read_strings(g[name]) for name in PROVENANCE_COLUMNS}
        c.ok("provenance has at least one input", n >= 1)
        c.ok("provenance input names unique", len(set(cols["input"])) == n,
             str(cols["input"]))
        for name in ("path", "publisher", "table", "licence"):
            empty = [
                i for i, v in zip(cols["input"], cols[name])
                if not v.strip() and (name == "path" or i not in OWN_INPUTS)
            ]
            c.ok(f"provenance {name} non-empty", not empty, f"empty for {empty}")

    if cols is None:
        return
    with c.guard("/provenance sha256"):
        # Relative paths may be relative to where dayopps ran, to the scenario file
        # (the scenario's own row says where that is) or to the source tree.
        roots = [os.getcwd(), os.path.dirname(os.path.abspath(results_path))]
        roots += args.input_root or []
        if "scenario" in cols["input"]:
            scenario = cols["path"][cols["input"].index("scenario")]
            roots.append(os.path.dirname(os.path.abspath(scenario)))
        roots.append(REPO_ROOT)
        roots = list(dict.fromkeys(roots))  # de-duplicate, keep order
        for name, path, digest in zip(cols["input"], cols["path"], cols["sha256"]):
            if not c.ok(f"provenance {name} sha256 is 64 hex chars",
                        re.fullmatch(r"[0-9a-fA-F]{64}", digest), repr(digest)):
                continue
            candidates = [path] if os.path.isabs(path) else [
                os.path.join(r, path) for r in roots
            ]
            found = next((p for p in candidates if os.path.isfile(p)), None)
            if found is None:
                c.skip(f"provenance {name} sha256 matches file",
                       f"{path} not found (looked in {', '.join(roots)})")
                continue
            actual = sha256_of(found)
            c.ok(f"provenance {name} sha256 matches {found}",
                 actual == digest.lower(), f"file {actual}, recorded {digest}")


def check_population(c, f):
    g = f.get("population")
    if not c.ok("/population group exists", isinstance(g, h5py.Group)):
        return None
    attrs = f.attrs
    R, base, horizon = (int(attrs[k]) for k in ("replications", "base_year", "horizon"))
    years = list(range(base, horizon + 1))
    expected = {
        "replication": range(R), "year": years, "flow_year": years[1:], "sex": SEXES,
        "age": AGES, "age_band": AGE_BANDS, "statistic": STATISTICS,
    }
    check_coords(c, g, POPULATION_COORDS, expected)
    sizes = {k: len(v) for k, v in expected.items()}
    check_variables(c, g, POPULATION_VARS, sizes)
    return g


def check_numbers(c, g):
    """Relations between the variables (sums in int64/float64 so nothing overflows)."""
    data = {}
    with c.guard("read /population variables"):
        for name in POPULATION_VARS:
            data[name] = g[name][()]
    if len(data) != len(POPULATION_VARS):
        return
    stats = read_strings(g["statistic"])

    with c.guard("summaries"):
        for name in ["population", "population_by_age_band"] + FLOWS:
            per_rep = data[name].astype(np.float64)
            summary = data[name + "_summary"]
            want = {
                "mean": per_rep.mean(axis=0),
                "p05": np.percentile(per_rep, 5, axis=0),
                "p50": np.percentile(per_rep, 50, axis=0),
                "p95": np.percentile(per_rep, 95, axis=0),
            }
            for stat, expected in want.items():
                got = summary[stats.index(stat)]
                c.ok(f"{name}_summary[{stat}] == numpy (rtol {RTOL:g})",
                     np.allclose(got, expected, rtol=RTOL, atol=0.0),
                     compare(got, expected))

    pop = data["population"].astype(np.int64)
    with c.guard("age bands"):
        bands = read_strings(g["age_band"])
        for b, label in enumerate(bands):
            lo, hi = band_bounds(label)
            want = pop[..., lo : hi + 1].sum(axis=-1)
            got = data["population_by_age_band"][..., b]
            c.ok(f"population_by_age_band[{label}] == sum of ages {lo}..{hi}",
                 np.array_equal(got, want), compare(got, want))

    with c.guard("alignment to target_population"):
        target = data["target_population"]
        c.ok("target_population finite and >= 0",
             np.all(np.isfinite(target)) and np.all(target >= 0))
        rounded = np.broadcast_to(np.rint(target), pop.shape)
        c.ok("population within ±1 of rounded target_population in every cell",
             np.all(np.abs(pop - rounded) <= 1), compare(pop, rounded))
        totals = pop.sum(axis=(2, 3))  # (rep, year)
        want = np.rint(target.sum(axis=(1, 2)))[None]
        c.ok("population total within ±1 of rounded target total, every year and rep",
             np.all(np.abs(totals - want) <= 1),
             compare(totals, np.broadcast_to(want, totals.shape)))

    with c.guard("accounting identity"):
        for name in ["population"] + FLOWS:
            c.ok(f"{name} >= 0", np.all(data[name] >= 0),
                 f"min {data[name].min()}")
        deaths, adds, rems = (data[n].astype(np.int64) for n in FLOWS)
        for label, axes in [("total", (2, 3)), ("per sex", (3,))]:
            stock = pop.sum(axis=axes)
            flows = (-deaths + adds - rems).sum(axis=axes)
            got = stock[:, 1:]
            want = stock[:, :-1] + flows
            c.ok(f"population[y] == population[y-1] - deaths + additions - removals "
                 f"({label}, every replication)", np.array_equal(got, want),
                 compare(got, want))


def check_summaries(c, g, names, label):
    """Each `<name>_summary` equals numpy's mean and 5th/50th/95th percentiles of `<name>`."""
    stats = read_strings(g["statistic"])
    for name in names:
        per_rep = g[name][()].astype(np.float64)
        summary = g[name + "_summary"][()]
        for stat, want in (("mean", per_rep.mean(axis=0)), ("p05", np.percentile(per_rep, 5, axis=0)),
                           ("p50", np.percentile(per_rep, 50, axis=0)), ("p95", np.percentile(per_rep, 95, axis=0))):
            got = summary[stats.index(stat)]
            c.ok(f"{label}/{name}_summary[{stat}] == numpy", np.allclose(got, want, rtol=RTOL, atol=0.0),
                 compare(got, want))


def run_years(f):
    """Replications and the list of mid-years of the run, from the root attributes."""
    R, base, horizon = (int(f.attrs[k]) for k in ("replications", "base_year", "horizon"))
    return R, list(range(base, horizon + 1))


def check_care_need(c, f):
    """/care_need, when present: layout, summaries, and counts that cannot exceed the population."""
    g = f.get("care_need")
    if g is None:
        return
    R, years = run_years(f)
    expected = {
        "replication": range(R), "year": years, "flow_year": years[1:], "condition": CONDITIONS,
        "sex": SEXES, "age_band": AGE_BANDS, "statistic": STATISTICS,
    }
    check_coords(c, g, CARE_COORDS, expected)
    check_variables(c, g, CARE_VARS, {k: len(v) for k, v in expected.items()})
    check_summaries(c, g, ("people", "deaths"), "care_need")
    people = g["people"][()].astype(np.int64)           # (r, year, condition, sex, band)
    population = f["population"]["population_by_age_band"][()].astype(np.int64)  # (r, year, sex, band)
    c.ok("care_need/people >= 0", bool((people >= 0).all()))
    c.ok("care_need/people <= population in every cell",
         bool((people <= population[:, :, None, :, :]).all()))
    deaths = g["deaths"][()].astype(np.int64)
    all_deaths = f["population"]["deaths"][()].astype(np.int64).sum(axis=-1)  # (r, flow, sex)
    c.ok("care_need/deaths <= all deaths", bool((deaths.sum(axis=-1) <= all_deaths[:, :, None, :]).all()))


SERVICES = ["internal_day_centre", "external_day_centre", "community", "direct_payment", "supported_employment"]
REASONS = ["learning_disability", "autism", "physical_disability", "dementia"]
SVC_STOCK = ("replication", "year", "service", "support_reason", "sex", "age_band")
SVC_FLOW = ("replication", "flow_year", "service", "support_reason")
SVC_VARS = {}
for _name in ("users", "demand", "unmet_demand", "waiting"):
    SVC_VARS[_name] = (SVC_STOCK, "i4")
    SVC_VARS[_name + "_summary"] = (("statistic",) + SVC_STOCK[1:], "f8")
for _name in ("starters", "leavers", "user_deaths", "user_moves"):
    SVC_VARS[_name] = (SVC_FLOW, "i4")
    SVC_VARS[_name + "_summary"] = (("statistic",) + SVC_FLOW[1:], "f8")
SVC_VARS["centre_users"] = (("replication", "year", "centre"), "i4")
SVC_VARS["centre_users_summary"] = (("statistic", "year", "centre"), "f8")
SVC_VARS["centre_places"] = (("year", "centre"), "i4")
SVC_AFFECTED = ("replication", "flow_year", "measure", "support_reason", "sex", "age_band")
SVC_VARS["people_affected"] = (SVC_AFFECTED, "i4")
SVC_VARS["people_affected_summary"] = (("statistic",) + SVC_AFFECTED[1:], "f8")
SVC_COORDS = {
    "replication": "i4", "year": "i4", "flow_year": "i4", "service": "str", "support_reason": "str",
    "sex": "str", "age_band": "str", "centre": "str", "financial_year": "str", "age_group": "str",
    "measure": "str", "statistic": "str",
}


def check_services(c, f):
    """/services, when present: layout, summaries, and the identities between its arrays."""
    g = f.get("services")
    if g is None:
        return
    R, years = run_years(f)
    expected = {
        "replication": range(R), "year": years, "flow_year": years[1:], "service": SERVICES,
        "support_reason": REASONS, "sex": SEXES, "age_band": AGE_BANDS, "statistic": STATISTICS,
        "financial_year": [f"{y}-{(y + 1) % 100:02d}" for y in years[1:]], "age_group": ["18-64", "65+"],
        "measure": ["moved_by_choice", "shifted_on_joining", "lost_centre_place", "started_waiting"],
    }
    check_coords(c, g, {k: v for k, v in SVC_COORDS.items() if k != "centre"}, expected)
    sizes = {k: len(v) for k, v in expected.items()}
    sizes["centre"] = g["centre"].size
    variables = dict(SVC_VARS)
    if "cost" in g:
        variables["cost"] = (("replication", "financial_year", "service"), "f8")
        variables["cost_summary"] = (("statistic", "financial_year", "service"), "f8")
        variables["cost_total"] = (("replication", "financial_year"), "f8")
        variables["cost_total_summary"] = (("statistic", "financial_year"), "f8")
    check_variables(c, g, variables, sizes)
    check_summaries(c, g, [v for v in variables if v + "_summary" in variables], "services")
    users, demand = g["users"][()].astype(np.int64), g["demand"][()].astype(np.int64)
    unmet, waiting = g["unmet_demand"][()].astype(np.int64), g["waiting"][()].astype(np.int64)
    c.ok("services: waiting <= unmet_demand <= demand", bool((waiting <= unmet).all() and (unmet <= demand).all()))
    population = f["population"]["population_by_age_band"][()].astype(np.int64)  # (r, year, sex, band)
    c.ok("services: users of all services <= population in every cell",
         bool((users.sum(axis=(2, 3)) <= population).all()))
    internal = users[:, :, SERVICES.index("internal_day_centre")].sum(axis=(2, 3, 4))
    centre_users = g["centre_users"][()].astype(np.int64)
    c.ok("services: council-centre users == people at the centres", bool((internal == centre_users.sum(axis=2)).all()),
         compare(internal, centre_users.sum(axis=2)))
    places = g["centre_places"][()].astype(np.int64)
    c.ok("services: nobody above a centre's places", bool((centre_users <= places[None, :, :]).all()))
    if "cost" in g:
        cost, total = g["cost"][()], g["cost_total"][()]
        c.ok("services: cost >= 0", bool((cost >= 0).all()))
        c.ok("services: cost_total == sum of cost over services", np.allclose(cost.sum(axis=2), total, rtol=RTOL, atol=0.0),
             compare(cost.sum(axis=2), total))


def check_observed(c, f):
    g = f.get("observed")
    if not c.ok("/observed group exists", isinstance(g, h5py.Group)):
        return
    with c.guard("/observed"):
        years = g["year"][()].tolist()
        check_coords(c, g, OBSERVED_COORDS, {"sex": SEXES, "age": AGES})
        c.ok("/observed/year strictly increasing and plausible",
             years == sorted(set(years)) and all(1900 < y < 2100 for y in years),
             str(years))
        sizes = {"year": len(years), "sex": len(SEXES), "age": len(AGES)}
        check_variables(c, g, OBSERVED_VARS, sizes)
        values = g["population"][()]
        c.ok("/observed/population >= 0", np.all(values >= 0))
        c.ok("/observed/population whole persons",
             np.all(np.isfinite(values)) and np.all(values == np.rint(values)))


# -------------------------------------------------------------------- xarray checks


def check_xarray(c, f, path):
    """Each group opens with labelled axes and h5py's values, and no phony dims."""
    import xarray as xr  # imported here so a missing xarray is one clear failure

    provenance_vars, provenance_coords = dict(PROVENANCE_VARS), {"input": "str"}
    if "assumption" in f["provenance"]:
        provenance_vars.update(ASSUMPTION_VARS)
        provenance_coords["assumption"] = "str"
    if "parameter_band" in f["provenance"]:
        provenance_vars.update(PARAMETER_VARS)
        provenance_coords["parameter_band"] = "i4"
    if "lever" in f["provenance"]:  # a scenario with levers
        provenance_vars.update({"lever_name": (("lever",), "str"), "lever_description": (("lever",), "str")})
        provenance_coords["lever"] = "i4"
    groups = {
        "population": (POPULATION_VARS, POPULATION_COORDS),
        "provenance": (provenance_vars, provenance_coords),
        "observed": (OBSERVED_VARS, OBSERVED_COORDS),
    }
    if "care_need" in f:
        groups["care_need"] = (CARE_VARS, CARE_COORDS)
    if "services" in f:
        svc_vars = dict(SVC_VARS)
        optional = {
            "cost": (("replication", "financial_year", "service"), "f8"),
            "cost_summary": (("statistic", "financial_year", "service"), "f8"),
            "cost_total": (("replication", "financial_year"), "f8"),
            "cost_total_summary": (("statistic", "financial_year"), "f8"),
            "calibration_people": (("support_reason", "age_group"), "f8"),
            "calibration_target_users": (("support_reason", "age_group"), "f8"),
            "calibration_start_probability": (("support_reason", "age_group"), "f8"),
        }
        svc_vars.update({k: v for k, v in optional.items() if k in f["services"]})
        groups["services"] = (svc_vars, SVC_COORDS)
    for group, (variables, coords) in groups.items():
        with c.guard(f"xarray open group={group}"):
            with xr.open_dataset(path, engine="h5netcdf", group=group) as ds:
                c.ok(f"xarray {group}: opens", True)
                c.ok(f"xarray {group}: dims are exactly the coordinates",
                     set(ds.dims) == set(coords), f"dims {sorted(ds.dims)}")
                for name in coords:
                    if not c.ok(f"xarray {group}/{name} is an indexed coordinate",
                                name in ds.indexes, f"coords {list(ds.coords)}"):
                        continue
                    values = ds[name].values.tolist()
                    h5 = f[group][name]
                    want = (read_strings(h5) if coords[name] == "str"
                            else h5[()].tolist())
                    c.ok(f"xarray {group}/{name} values match h5py", values == want,
                         f"{values[:5]} vs {want[:5]}")
                    if coords[name] == "str":
                        c.ok(f"xarray {group}/{name} decodes to str",
                             all(isinstance(v, str) for v in values),
                             str({type(v).__name__ for v in values}))
                for name, (dims, _) in variables.items():
                    if not c.ok(f"xarray {group}/{name} present", name in ds):
                        continue
                    var = ds[name]
                    c.ok(f"xarray {group}/{name} dims {dims}", var.dims == dims,
                         str(var.dims))
                    h5 = f[group][name]
                    got = var.values
                    want = read_strings(h5) if h5.dtype.kind == "O" else h5[()]
                    c.ok(f"xarray {group}/{name} values match h5py",
                         np.array_equal(np.asarray(got), np.asarray(want)))
                    c.ok(f"xarray {group}/{name} has units and long_name",
                         "units" in var.attrs and "long_name" in var.attrs)

    with c.guard("xarray root attributes"):
        with xr.open_dataset(path, engine="h5netcdf") as ds:
            for name in ROOT_STRING_ATTRS:
                c.ok(f"xarray root attr {name} matches h5py",
                     str(ds.attrs.get(name)) == attr_text(f.attrs[name]))
            for name in ROOT_INT_ATTRS + ["master_seed"]:
                c.ok(f"xarray root attr {name} matches h5py",
                     int(ds.attrs.get(name)) == int(f.attrs[name]))


# --------------------------------------------------------------------------- main


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("results_h5")
    p.add_argument("--expect-replications", type=int)
    p.add_argument("--expect-base-year", type=int)
    p.add_argument("--expect-horizon", type=int)
    p.add_argument("--input-root", action="append", metavar="DIR",
                   help="extra directory to resolve relative provenance paths against "
                        "(the current directory and the results file's directory are "
                        "always tried)")
    p.add_argument("-v", "--verbose", action="store_true", help="print passes too")
    args = p.parse_args(argv)

    c = Checker(args.verbose)
    try:
        f = h5py.File(args.results_h5, "r")
    except OSError as exc:
        c.ok("results file opens with h5py", False, str(exc))
    else:
        with f:
            with c.guard("root"):
                check_root(c, f, args)
            check_provenance(c, f, args, args.results_h5)
            with c.guard("/population"):
                g = check_population(c, f)
                if g is not None:
                    check_numbers(c, g)
            check_observed(c, f)
            with c.guard("/care_need"):
                check_care_need(c, f)
            with c.guard("/services"):
                check_services(c, f)
            check_xarray(c, f, args.results_h5)

    summary = f"{c.passed} passed, {len(c.failures)} failed"
    if c.skips:
        summary += f", {len(c.skips)} skipped"
    print(summary)
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main())
