#!/usr/bin/python3
"""Write a small results.h5 in the dayopps results layout (format_version 2).

Development tool only: it lets the Python readers (outputs/charts/results_reader.py, the
report notebook and tests/python/check_results.py) be exercised without the C++
binary. It mirrors what outputs/hdf5_writer.cpp + results_builder.cpp write (int64
root integers, float64 /observed/population, /provenance with an `assumption`
dimension, group `description` attributes). The numbers are internally consistent
(summaries, age bands, alignment and the accounting identity hold), so
check_results.py must pass on it.

Two data modes:
  default           synthetic Birmingham-shaped numbers; self-contained
  --inputs-dir DIR  the real bundled CSVs (inputs/data): ONS SNPP as the target, the
                    England and Wales life table for deaths, the mid-year estimates as
                    /observed, and provenance rows with the files' real SHA-256

Usage: /usr/bin/python3 tests/python/make_fixture.py OUT_H5 [--replications N]
           [--base-year Y] [--horizon H] [--seed S] [--inputs-dir DIR]
           [--no-assumptions]
"""

import argparse
import csv
import hashlib
import os
import sys
import tomllib

import h5py
import numpy as np

AGES = np.arange(91, dtype=np.int32)  # 90 means 90 and over
SEXES = ["female", "male"]
AGE_BANDS = [
    "0-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-84", "85+"
]
STATISTICS = ["mean", "p05", "p50", "p95"]
LIFE_TABLE_PERIOD = "2016-2018"

STR = h5py.string_dtype("utf-8")  # variable-length UTF-8, as the C++ writer uses

ASSUMPTIONS = [
    ("national_life_table_mortality",
     "Deaths use the England and Wales national life table, not local rates."),
    ("constant_mortality", "Death probabilities are held at their 2016-2018 level."),
    ("alignment_as_migration",
     "Births and net migration are whatever aligns each cell to the SNPP."),
]


# ------------------------------------------------------------------------ numbers


def band_bounds(label):
    """'25-34' -> (25, 34); '85+' -> (85, 90)."""
    if label.endswith("+"):
        return int(label[:-1]), int(AGES[-1])
    lo, hi = label.split("-")
    return int(lo), int(hi)


def largest_remainder_round(x):
    """Round a non-negative array to integers whose total equals round(x.sum()).

    Every cell moves by less than 1, as the C++ integerisation promises.
    """
    flat = x.ravel()
    floor = np.floor(flat)
    short = int(round(flat.sum())) - int(floor.sum())
    order = np.argsort(-(flat - floor), kind="stable")
    floor[order[:short]] += 1
    return floor.reshape(x.shape).astype(np.int32)


def synthetic_target(years, rng):
    """A Birmingham-shaped age structure (~1.15 m people, young) drifting over time."""
    age = AGES.astype(float)
    shape = np.where(age < 30, 1.0, np.exp(-(age - 30) / 28.0))
    shape[-1] = shape[-2] * 2.5  # the open 90+ cell
    shape /= shape.sum()
    target = np.empty((len(years), 2, len(AGES)))
    for i, _ in enumerate(years):
        ageing = 1.0 + 0.012 * i * np.clip((age - 50) / 40, 0, None)  # older ages grow
        for s, share in enumerate([0.505, 0.495]):
            target[i, s] = 1.15e6 * (1 + 0.004 * i) * share * shape * ageing
    target *= rng.uniform(0.995, 1.005, size=target.shape)  # unrounded, like SNPP
    return target


def synthetic_qx():
    qx = np.clip(0.0002 * np.exp(0.09 * AGES.astype(float)), 0, 0.5)  # Gompertz-ish
    qx[0] = 0.004
    return np.stack([qx, qx * 1.2])  # (sex, age): males a little higher


def summarise(per_rep):
    """(replication, ...) -> (statistic, ...) float64, matching numpy's defaults."""
    per_rep = per_rep.astype(np.float64)
    return np.stack(
        [
            per_rep.mean(axis=0),
            np.percentile(per_rep, 5, axis=0),
            np.percentile(per_rep, 50, axis=0),
            np.percentile(per_rep, 95, axis=0),
        ]
    )


def band_sums(pop):
    """Sum the trailing age axis into AGE_BANDS."""
    out = [pop[..., lo : hi + 1].sum(axis=-1) for lo, hi in map(band_bounds, AGE_BANDS)]
    return np.stack(out, axis=-1).astype(np.int32)


def simulate(target_rounded, qx, replications, rng):
    """Per-replication flows that reproduce the aligned population exactly.

    Same bookkeeping as the model: deaths by age at the start of the year, survivors
    age by one (90+ is open), then each cell is topped up or thinned to the target.
    """
    n_years = target_rounded.shape[0]
    shape = (replications, n_years - 1, 2, len(AGES))
    deaths = np.zeros(shape, np.int32)
    additions = np.zeros(shape, np.int32)
    removals = np.zeros(shape, np.int32)
    for r in range(replications):
        for t in range(1, n_years):
            start = target_rounded[t - 1]
            d = rng.binomial(start, qx)
            alive = start - d
            aged = np.zeros_like(alive)
            aged[:, 1:] = alive[:, :-1]
            aged[:, -1] += alive[:, -1]
            gap = target_rounded[t] - aged
            deaths[r, t - 1] = d
            additions[r, t - 1] = np.maximum(gap, 0)
            removals[r, t - 1] = np.maximum(-gap, 0)
    return deaths, additions, removals


# ---------------------------------------------------------------- real input files


def sha256_of(path):
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def read_cells(path):
    """CSV with year, sex, age, population columns -> {year: (sex, age) array}."""
    out = {}
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            year = int(row["year"])
            cells = out.setdefault(year, np.zeros((2, len(AGES))))
            cells[SEXES.index(row["sex"]), int(row["age"])] = float(row["population"])
    return out


def real_qx(path):
    """(sex, age) death probabilities; the open 90+ group as the model derives it."""
    rows = {}
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["period"] == LIFE_TABLE_PERIOD:
                rows[(row["sex"], int(row["age"]))] = row
    qx = np.zeros((2, len(AGES)))
    for s, sex in enumerate(SEXES):
        for a in range(90):
            qx[s, a] = float(rows[(sex, a)]["qx"])
        old = [rows[k] for k in rows if k[0] == sex and k[1] >= 90]
        d = sum(float(r["dx"]) for r in old)
        big_l = sum(float(r["dx"]) / float(r["mx"]) for r in old)
        qx[s, 90] = 1 - np.exp(-d / big_l)
    return qx


def real_inputs(inputs_dir, years):
    """Target, qx, observed and provenance rows from the bundled data files."""
    data = os.path.abspath(inputs_dir)
    snpp = os.path.join(data, "birmingham_snpp2022_population_by_sex_age.csv")
    life = os.path.join(data, "england_wales_national_life_tables_3year.csv")
    myes = [os.path.join(data, f"birmingham_mye_mid{y}_by_sex_age.csv")
            for y in (2011, 2018)]
    manifest = os.path.join(data, "sources.toml")
    scenario = os.path.join(data, "..", "scenarios", "birmingham-baseline.toml")

    by_year = read_cells(snpp)
    target = np.stack([by_year[int(y)] for y in years])
    observed_years, observed = [], []
    for path in myes:
        ((year, cells),) = read_cells(path).items()
        observed_years.append(year)
        observed.append(cells)

    with open(manifest, "rb") as fh:
        meta = {f["name"]: f for f in tomllib.load(fh)["file"]}

    def row(role, path):
        m = meta.get(os.path.basename(path), {})
        return (role, os.path.normpath(path), sha256_of(path), m.get("publisher", ""),
                m.get("table", ""), m.get("licence", ""))

    provenance = [row("scenario", scenario), row("data_sources", manifest),
                  row("population_projection", snpp), row("life_table", life)]
    provenance += [row(f"population_estimate_{y}", p)
                   for y, p in zip(observed_years, myes)]
    return target, real_qx(life), observed_years, np.stack(observed), provenance


def synthetic_inputs(out_dir, years, rng):
    target = synthetic_target(years, rng)
    observed = np.stack([np.rint(target[0] * k) for k in (0.935, 0.99)])
    # One provenance row points at a real file so the sha256 check has something to
    # verify; the others point at paths that do not exist here and must be skipped.
    real_input = os.path.join(out_dir, "fixture_input.csv")
    with open(real_input, "w", encoding="utf-8") as fh:
        fh.write("area_code,year,sex,age,population\nE08000025,2022,female,0,7000\n")
    provenance = [
        ("scenario", "inputs/scenarios/fixture.toml", "d" * 64, "", "", ""),
        ("population_projection", real_input, sha256_of(real_input), "ONS",
         "2022-based SNPP, table 2", "OGL v3.0"),
        ("life_table", "inputs/data/nltew1618.csv", "a" * 64, "ONS",
         "National life tables, England and Wales 2016-2018", "OGL v3.0"),
        ("population_estimate_2011", "inputs/data/mye_2011.csv", "b" * 64, "ONS",
         "Mid-year population estimates (pre-2021 census)", "OGL v3.0"),
    ]
    return target, synthetic_qx(), [2011, 2018], observed, provenance


# --------------------------------------------------------------------------- HDF5


def described(obj, long_name, units):
    obj.attrs["long_name"] = long_name
    obj.attrs["units"] = units


def write_scale(group, name, values, dtype, long_name, units):
    ds = group.create_dataset(name, data=np.asarray(values, dtype=dtype))
    ds.make_scale(name)
    described(ds, long_name, units)
    return ds


def write_var(group, name, data, dims, long_name, units="persons", dtype=None):
    ds = group.create_dataset(name, data=data, dtype=dtype)
    for axis, dim in enumerate(dims):
        ds.dims[axis].attach_scale(group[dim])
    described(ds, long_name, units)
    return ds


def write_fixture(path, replications=5, base_year=2022, horizon=2047, seed=20220630,
                  inputs_dir=None, assumptions=True):
    rng = np.random.default_rng(seed)
    years = np.arange(base_year, horizon + 1, dtype=np.int32)
    out_dir = os.path.dirname(os.path.abspath(path))
    os.makedirs(out_dir, exist_ok=True)
    if inputs_dir:
        target, qx, obs_years, observed, provenance = real_inputs(inputs_dir, years)
    else:
        target, qx, obs_years, observed, provenance = synthetic_inputs(out_dir, years, rng)

    # Round each year independently so cells move < 1 and the total is exact.
    target_rounded = np.stack([largest_remainder_round(t) for t in target])
    population = np.ascontiguousarray(
        np.broadcast_to(target_rounded, (replications,) + target_rounded.shape)
    )
    deaths, additions, removals = simulate(target_rounded, qx, replications, rng)
    toml = (
        '[scenario]\nname = "fixture"\narea_code = "E08000025"\n'
        f"base_year = {base_year}\nhorizon = {horizon}\n\n"
        f"[run]\nreplications = {replications}\nmaster_seed = {seed}\n\n"
        f'[inputs]\nlife_table_period = "{LIFE_TABLE_PERIOD}"\n'
    )

    with h5py.File(path, "w") as f:
        for key, value in {
            "format_version": "4",
            "title": "dayopps population projection: Birmingham (E08000025)",
            "dayopps_version": "0.0.0-fixture",
            "git_commit": "0123456789abcdef0123456789abcdef01234567",
            "scenario_name": "fixture",
            "scenario_description": "A synthetic results file for developing readers",
            "scenario_toml": toml,
            "area_code": "E08000025",
            "area_name": "Birmingham",
            "random_number_scheme": "none: numpy default_rng",
            "started_utc": "2025-01-01T12:00:00Z",
            "finished_utc": "2025-01-01T12:00:07Z",
        }.items():
            f.attrs[key] = value
        f.attrs["master_seed"] = np.uint64(seed)
        for key, value in [("replications", replications), ("base_year", base_year),
                           ("horizon", horizon), ("threads", 4)]:
            f.attrs[key] = np.int64(value)  # the C++ writer's attribute integers

        prov = f.create_group("provenance")
        prov.attrs["description"] = "Every file the run read, and stated assumptions"
        columns = ["input", "path", "sha256", "publisher", "table", "licence"]
        write_scale(prov, "input", [r[0] for r in provenance], STR,
                    "role of the input file in the run", "1")
        chosen = ASSUMPTIONS if assumptions else []
        write_scale(prov, "assumption", [a[0] for a in chosen], STR,
                    "named assumption stated in the scenario", "1")
        for c, name in enumerate(columns[1:], start=1):
            write_var(prov, name, [r[c] for r in provenance], ("input",),
                      f"{name} of the input file", "1", dtype=STR)
        write_var(prov, "statement", np.array([a[1] for a in chosen], dtype=object),
                  ("assumption",), "what is assumed and why", "1", dtype=STR)

        pop = f.create_group("population")
        pop.attrs["description"] = "Resident population by sex and single year of age"
        write_scale(pop, "replication", np.arange(replications), np.int32,
                    "Monte Carlo replication", "1")
        write_scale(pop, "year", years, np.int32, "mid-year (30 June)", "year")
        write_scale(pop, "flow_year", years[1:], np.int32,
                    "year ending at mid-year flow_year", "year")
        write_scale(pop, "sex", SEXES, STR, "sex", "1")
        write_scale(pop, "age", AGES, np.int32, "age in completed years (90 = 90+)",
                    "years")
        write_scale(pop, "age_band", AGE_BANDS, STR, "age band", "years")
        write_scale(pop, "statistic", STATISTICS, STR, "summary across replications",
                    "1")

        def with_summary(name, data, dims, long_name):
            write_var(pop, name, data, dims, long_name)
            write_var(pop, name + "_summary", summarise(data), ("statistic",) + dims[1:],
                      long_name + ": mean and 5th/50th/95th percentiles")

        with_summary("population", population, ("replication", "year", "sex", "age"),
                     "people resident at mid-year")
        with_summary("population_by_age_band", band_sums(population),
                     ("replication", "year", "sex", "age_band"),
                     "people resident at mid-year")
        flow = ("replication", "flow_year", "sex", "age")
        with_summary("deaths", deaths, flow, "deaths in the year, by age at start")
        with_summary("additions", additions, flow, "people added to meet the projection")
        with_summary("removals", removals, flow, "people removed to meet the projection")
        target_ds = write_var(pop, "target_population", target, ("year", "sex", "age"),
                              "ONS projected population (unrounded)")
        target_ds.attrs["projection_variant"] = "2022-based SNPP (fixture)"

        obs = f.create_group("observed")
        obs.attrs["description"] = "ONS mid-year estimates, as first published"
        write_scale(obs, "year", obs_years, np.int32, "mid-year (30 June)", "year")
        write_scale(obs, "sex", SEXES, STR, "sex", "1")
        write_scale(obs, "age", AGES, np.int32, "age in completed years (90 = 90+)",
                    "years")
        write_var(obs, "population", observed.astype(np.float64),
                  ("year", "sex", "age"), "ONS mid-year population estimate")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out_h5")
    p.add_argument("--replications", type=int, default=5)
    p.add_argument("--base-year", type=int, default=2022)
    p.add_argument("--horizon", type=int, default=2047)
    p.add_argument("--seed", type=int, default=20220630)
    p.add_argument("--inputs-dir", help="use the real CSVs in this folder (inputs/data)")
    p.add_argument("--no-assumptions", action="store_true",
                   help="write an empty assumption dimension (a scenario without any)")
    a = p.parse_args(argv)
    write_fixture(a.out_h5, a.replications, a.base_year, a.horizon, a.seed,
                  a.inputs_dir, not a.no_assumptions)
    print(a.out_h5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
