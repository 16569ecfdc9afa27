#!/usr/bin/python3
"""Independent check of a scenario batch: results.h5 (h5py, numpy) and summary.xlsx (openpyxl).

Re-derives every comparison table from the per-scenario groups and checks the workbook against the HDF5
file, figure by figure. Uses no dayopps code. Exit 0 when every check passes.
usage: check_batch.py results.h5 summary.xlsx --identical NAME [--identical NAME ...]
"""
import argparse
import sys

import h5py
import numpy as np
import openpyxl

failures = 0
checks = 0


def check(condition, message):
    global failures, checks
    checks += 1
    if not condition:
        failures += 1
        print("FAILED:", message, file=sys.stderr)


def text(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def summary(per_replication, axis):
    """mean, p05, p50, p95 over `axis` (numpy's linear percentiles), stacked on that axis."""
    stats = [per_replication.mean(axis=axis)] + [np.percentile(per_replication, q, axis=axis) for q in (5, 50, 95)]
    return np.stack(stats, axis=axis)


def close(a, b, tol=1e-6):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-9, atol=tol)


def pounds(values):
    """Whole pounds as dayopps writes them: rounded half away from zero, and never -0."""
    x = np.asarray(values, dtype=float)
    return np.sign(x) * np.floor(np.abs(x) + 0.5) + 0.0


def money_cells(cells, expected):
    """Workbook money cells: whole numbers equal to the expected values rounded to whole pounds."""
    cells = [float(v) for v in cells]
    return (all(v.is_integer() for v in cells) and len(cells) == np.size(expected)
            and np.array_equal(np.asarray(cells), pounds(expected).ravel()))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("results")
    parser.add_argument("summary")
    parser.add_argument("--identical", action="append", default=[],
                        help="a scenario identical to the baseline: its savings must be exactly 0")
    args = parser.parse_args()

    f = h5py.File(args.results, "r")
    check(f.attrs["layout"] in ("batch", b"batch"), "root attribute layout = batch")
    c = f["comparison"]
    scenarios = text(c["scenario"][:])
    baseline = scenarios[0]
    check(text([f.attrs["baseline"]])[0] == baseline, "the first scenario is the baseline")
    check(sorted(f["scenarios"].keys()) == sorted(scenarios), "one group per scenario under /scenarios")
    for name in scenarios:
        for group in ("population", "care_need", "services", "observed", "provenance"):
            check(group in f["scenarios"][name], f"/scenarios/{name}/{group} exists")

    reps = len(c["replication"])
    financial_years = text(c["financial_year"][:])
    cost = c["cost_total"][:]  # (scenario, replication, financial_year)
    for k, name in enumerate(scenarios):
        own = f["scenarios"][name]["services"]["cost_total"][:]
        check(close(cost[k], own), f"{name}: comparison cost_total equals the scenario's own services/cost_total")
        users = f["scenarios"][name]["services"]["users"][:].sum(axis=(3, 4, 5))  # (rep, year, service)
        check(close(c["users"][k], users), f"{name}: comparison users = services/users summed over reason/sex/band")
        affected = f["scenarios"][name]["services"]["people_affected"][:].sum(axis=1)  # over flow years
        check(close(c["people_affected"][k], affected), f"{name}: people_affected = sum over flow years")
        base_affected = f["scenarios"][baseline]["services"]["people_affected"][:].sum(axis=1)
        check(close(c["people_affected_difference"][k], affected - base_affected), f"{name}: affected difference")

    savings = c["savings"][:]
    check(np.array_equal(savings, cost[0][None, :, :] - cost), "savings = baseline cost - scenario cost, exactly")
    check(np.all(savings[0] == 0.0), "the baseline's own savings are 0")
    for name in args.identical:
        k = scenarios.index(name)
        check(np.all(savings[k] == 0.0), f"{name}: identical to the baseline, savings exactly 0 in every replication")
        check(np.all(c["people_affected_difference"][k] == 0), f"{name}: nobody affected differently")
    check(close(c["cumulative_savings"][:], np.cumsum(savings, axis=2)), "cumulative savings = running sum")
    check(close(c["savings_to_horizon"][:], savings.sum(axis=2)), "savings to the horizon = sum over years")
    rates = c["discount_rate"][:]
    for k, name in enumerate(scenarios):
        factors = (1.0 + rates[k]) ** -np.arange(len(financial_years))
        check(close(c["net_present_value"][k], (savings[k] * factors).sum(axis=1)), f"{name}: NPV at {rates[k]}")
        cutoff = text(c["cutoff_financial_year"][:])[k]
        n = financial_years.index(cutoff) + 1
        check(close(c["savings_to_cutoff"][k], savings[k, :, :n].sum(axis=1)), f"{name}: savings to {cutoff}")
    for var in ("cost_total", "savings", "cumulative_savings", "savings_to_cutoff", "savings_to_horizon",
                "net_present_value", "users", "people_affected", "people_affected_difference"):
        check(close(c[var + "_summary"][:], summary(c[var][:].astype(float), axis=1), tol=1e-4),
              f"{var}_summary re-derived from the replications")
        check(c[var].shape[1] == reps, f"{var} has one row per replication")

    # The workbook, against the HDF5 file.
    book = openpyxl.load_workbook(args.summary, read_only=True, data_only=True)
    expected_sheets = ["About", "Budget", "Unit costs", "Demand", "Cost", "Savings", "Savings summary",
                       "People affected", "Assumptions"]
    check(book.sheetnames == expected_sheets, f"sheets {book.sheetnames}")

    def rows(sheet):
        data = list(book[sheet].iter_rows(values_only=True))
        return data[0], data[1:]

    header, body = rows("Cost")
    check(len(body) == len(scenarios) * len(financial_years), "Cost: a row per scenario and financial year")
    cost_summary = c["cost_total_summary"][:]
    for row in body:
        k, y = scenarios.index(row[0]), financial_years.index(row[1])
        check(money_cells(row[2:6], cost_summary[k, :, y]), f"Cost {row[0]} {row[1]}")
    header, body = rows("Savings")
    check(len(body) == (len(scenarios) - 1) * len(financial_years), "Savings: a row per scenario and year")
    in_year, running = c["savings_summary"][:], c["cumulative_savings_summary"][:]
    for row in body:
        k, y = scenarios.index(row[0]), financial_years.index(row[1])
        check(money_cells(row[2:6], in_year[k, :, y]) and money_cells(row[6:10], running[k, :, y]),
              f"Savings {row[0]} {row[1]}")
    header, body = rows("Savings summary")
    check(len(body) == 3 * (len(scenarios) - 1), "Savings summary: three rows per scenario")
    for row in body:
        k = scenarios.index(row[0])
        var = ("net_present_value" if row[1].startswith("net present value")
               else "savings_to_cutoff" if row[2] == text(c["cutoff_financial_year"][:])[k] and
               row[2] != financial_years[-1] else "savings_to_horizon")
        check(money_cells(row[4:8], c[var + "_summary"][k]), f"Savings summary {row[0]} {row[1]} {row[2]}")
    for name in args.identical:
        for row in body:
            if row[0] == name:
                check(all(v == 0 and str(v) != "-0.0" for v in row[4:8]), f"{name}: an exact 0 in the workbook")

    # Budget: financial years as columns and a total, in whole pounds (a medium-term financial plan's layout).
    header, body = rows("Budget")
    check(list(header[2:-1]) == financial_years and header[-1] == "total", "Budget: financial years, then total")
    lines = {(row[0], row[1]): row[2:] for row in body if row[0] and row[1]}
    mean_cost = cost_summary[0, 0]
    cash_cost = c["cost_total_cash_summary"][0, 0]
    base_line = next(v for (name, stat), v in lines.items() if name.startswith("Baseline cost, real"))
    check(money_cells(base_line[:-1], mean_cost) and base_line[-1] == pounds(mean_cost.sum()),
          "Budget: baseline cost, real")
    pressure = next(v for (name, stat), v in lines.items() if name.startswith("Demand pressure"))
    check(pressure[0] is None and money_cells(pressure[1:-1], np.diff(mean_cost)), "Budget: demand pressure")
    inflation = next(v for (name, stat), v in lines.items() if name.startswith("Price inflation"))
    check(money_cells(inflation[:-1], cash_cost - mean_cost), "Budget: price inflation = cash - real")
    horizon = c["savings_to_horizon_summary"][:]
    for k, name in enumerate(scenarios[1:], start=1):
        for stat, label in ((0, "mean"), (1, "p05"), (3, "p95")):
            line = lines.get((f"Saving: {name} (real; negative = a cost)", label))
            check(line is not None and money_cells(line[:-1], in_year[k, stat]) and line[-1] == pounds(horizon[k, stat]),
                  f"Budget: saving {name} {label}")
    for sheet in ("Budget", "Cost", "Savings", "Savings summary", "Unit costs"):
        numbers = [v for row in rows(sheet)[1] for v in row if isinstance(v, (int, float)) and not isinstance(v, bool)]
        numbers = [v for v in numbers if not (sheet == "Savings summary" and 0 < v < 1)]  # the discount rate
        check(all(float(v).is_integer() for v in numbers), f"{sheet}: every money cell is a whole number of pounds")
    header, body = rows("Demand")
    years = list(c["year"][:])
    services = text(c["service"][:])
    users = c["users_summary"][:]
    check(len(body) == len(scenarios) * len(years) * len(services), "Demand: a row per scenario, year, service")
    for row in body[:: max(1, len(body) // 60)]:
        k, y, s = scenarios.index(row[0]), years.index(int(row[1])), services.index(row[2])
        check(close(row[3:7], users[k, :, y, s], tol=1e-3), f"Demand {row[0]} {row[1]} {row[2]}")
    header, body = rows("People affected")
    dims = [text(c[d][:]) for d in ("measure", "support_reason", "sex", "age_band")]
    check(len(body) == len(scenarios) * np.prod([len(d) for d in dims]), "People affected: every cell")
    values, difference = c["people_affected_summary"][:], c["people_affected_difference_summary"][:]
    for row in body[:: max(1, len(body) // 80)]:
        k = scenarios.index(row[0])
        m, r, s, b = (d.index(v) for d, v in zip(dims, row[1:5]))
        check(close(row[5:8], values[k, [0, 1, 3], m, r, s, b], tol=1e-3) and
              close(row[8:11], difference[k, [0, 1, 3], m, r, s, b], tol=1e-3), f"People affected {row[:5]}")
    header, body = rows("Assumptions")
    for name in scenarios:
        prov = f["scenarios"][name]["provenance"]
        n = len(prov["assumption"]) + (len(prov["lever"]) if "lever" in prov else 0)
        check(sum(1 for row in body if row[0] == name) == n, f"Assumptions: every assumption and lever of {name}")

    print(f"check_batch: {checks - failures} of {checks} checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
