#!/usr/bin/python3
"""Independent check of the charts and report of a multi-area run with day services (layout = "areas").

Usage: /usr/bin/python3 tests/python/check_areas_report.py RESULTS_H5 OUT_DIR

OUT_DIR holds what outputs/charts/make_charts.py and outputs/charts/make_report.sh wrote for RESULTS_H5. Checks that
- areas_users_per_adult.png exists and is a PNG;
- report.html exists, names every area (/region/area_name) and has the "All areas" row (id="area-all");
- the summary's tagged figures (data-key users:<code>:<year>:<stat>, per10k:<code>:<year>, cost:<code>:<fy>:<stat>)
  equal the file's, re-derived here with numpy and rounded to whole people and pounds or one decimal;
- /region adds up: total_users_all_services equals users_all_services summed over areas in every replication and
  year (exactly), users_all_services equals users summed over services (exactly), each area's users and cost_total
  are its own /areas/<code>/services figures, and total_cost equals cost_total summed over areas within 1e-6
  relative.
Uses no dayopps code. Prints each failure and exits 1 if any; prints "check_areas_report: N checks ok" otherwise.
"""

import html
import math
import os
import re
import sys

import h5py
import numpy as np

failures = 0
checks = 0


def check(condition, message):
    global failures, checks
    checks += 1
    if not condition:
        failures += 1
        print("check_areas_report: FAILED:", message, file=sys.stderr)


def text(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def whole(x):
    """As the report writes people and pounds: whole units, halves away from zero, thousands separators, no −0."""
    value = math.floor(abs(float(x)) + 0.5)
    return ("−" if x < 0 and value else "") + f"{value:,}"


def stat(per_replication, name):
    """mean, p05 or p95 across replications (numpy's linear percentiles, as the file's summaries)."""
    per_replication = np.asarray(per_replication, dtype=float)
    return {"mean": per_replication.mean(), "p05": np.percentile(per_replication, 5),
            "p95": np.percentile(per_replication, 95)}[name]


def main(argv):
    if len(argv) != 2:
        print("usage: check_areas_report.py RESULTS_H5 OUT_DIR", file=sys.stderr)
        return 2
    results, out_dir = argv
    with h5py.File(results, "r") as f:
        layout = f.attrs.get("layout", b"")
        layout = layout.decode() if isinstance(layout, bytes) else str(layout)
        if layout != "areas" or "users_all_services" not in f["region"]:
            print(f"check_areas_report: {results} is not a multi-area file with services", file=sys.stderr)
            return 2
        g = f["region"]
        codes, names = text(g["area"][()]), text(g["area_name"][()])
        years = [int(y) for y in g["year"][()]]
        fys = text(g["financial_year"][()]) if "financial_year" in g else []
        users = g["users"][()]  # (area, replication, year, service)
        users_all = g["users_all_services"][()]  # (area, replication, year)
        total_users_all = g["total_users_all_services"][()]  # (replication, year)
        adults = g["adults"][()]  # (area, replication, year)
        cost = g["cost_total"][()] if "cost_total" in g else None  # (area, replication, financial_year)
        total_cost = g["total_cost"][()] if "total_cost" in g else None  # (replication, financial_year)

        # Each area's /region figures are its own group's, summed over support reason, sex and age band.
        for k, code in enumerate(codes):
            own = f.get(f"areas/{code}/services")
            check(own is not None, f"/areas/{code}/services exists")
            if own is None:
                continue
            check(np.array_equal(users[k], own["users"][()].sum(axis=(3, 4, 5))),
                  f"/region/users of {code} is its services/users summed over reason, sex and band")
            if cost is not None:
                check(np.array_equal(cost[k], own["cost_total"][()]), f"/region/cost_total of {code} is its "
                                                                      "services/cost_total")

    # /region adds up.
    check(users_all.dtype.kind == "i" and total_users_all.dtype.kind == "i", "users are whole persons (integers)")
    check(total_users_all.shape == users_all.shape[1:] and np.array_equal(total_users_all, users_all.sum(axis=0)),
          "total_users_all_services equals users_all_services summed over areas in every replication and year")
    check(np.array_equal(users_all, users.sum(axis=3)), "users_all_services equals users summed over services")
    check(cost is not None and total_cost is not None, "/region has cost_total and total_cost")
    if cost is not None and total_cost is not None:
        summed = cost.sum(axis=0)
        check(total_cost.shape == summed.shape and bool(np.all(np.abs(total_cost - summed) <= 1e-6 * np.abs(summed))),
              f"total_cost equals cost_total summed over areas within 1e-6 relative (largest relative difference "
              f"{np.max(np.abs(total_cost - summed) / np.maximum(np.abs(summed), 1e-300)):.3g})")

    # The chart.
    chart = os.path.join(out_dir, "areas_users_per_adult.png")
    ok = os.path.isfile(chart) and os.path.getsize(chart) > 0
    check(ok, f"{chart} exists")
    if ok:
        with open(chart, "rb") as handle:
            check(handle.read(8) == b"\x89PNG\r\n\x1a\n", f"{chart} is a PNG")

    # The report.
    report = os.path.join(out_dir, "report.html")
    check(os.path.isfile(report), f"{report} exists")
    if not os.path.isfile(report):
        return finish()
    with open(report, encoding="utf-8") as handle:
        page = handle.read()
    for name in names:
        check(html.escape(name) in page, f"report.html names the area {name}")
    row = re.search(r'<tr id="area-all">(.*?)</tr>', page, re.S)
    check(row is not None and "All areas" in row.group(1), 'report.html has the "All areas" row (id="area-all")')

    # The summary's tagged figures against the file.
    figures = dict(re.findall(r'<span class="fig" data-key="([^"]+)">([^<]*)</span>', page))
    per_area = {code: k for k, code in enumerate(codes)}
    users_with_all = np.concatenate([users_all, total_users_all[None]]).astype(float)
    adults_with_all = np.concatenate([adults, adults.sum(axis=0)[None]]).astype(float)
    cost_with_all = np.concatenate([cost, total_cost[None]]) if cost is not None else None
    seen = {"users": 0, "per10k": 0, "cost": 0}
    for key, shown in figures.items():
        parts = key.split(":")
        if parts[0] not in seen or parts[1] not in per_area and parts[1] != "all":
            continue
        k = per_area.get(parts[1], len(codes))
        if parts[0] == "users" and len(parts) == 4 and int(parts[2]) in years:
            expected = whole(stat(users_with_all[k, :, years.index(int(parts[2]))], parts[3]))
        elif parts[0] == "per10k" and len(parts) == 3 and int(parts[2]) in years:
            y = years.index(int(parts[2]))
            expected = f"{1e4 * users_with_all[k, :, y].mean() / adults_with_all[k, :, y].mean():,.1f}"
        elif parts[0] == "cost" and len(parts) == 4 and parts[2] in fys and cost_with_all is not None:
            expected = "£" + whole(stat(cost_with_all[k, :, fys.index(parts[2])], parts[3]))
        else:
            continue
        seen[parts[0]] += 1
        check(shown == expected, f"report.html {key} shows {shown!r}, the file gives {expected!r}")
    for kind, wanted in (("users", len(codes) + 1), ("per10k", len(codes) + 1), ("cost", len(codes) + 1)):
        check(seen[kind] >= wanted, f"report.html tags {seen[kind]} {kind} figures, expected at least {wanted} "
                                    "(every area and all areas)")
    return finish()


def finish():
    if failures:
        print(f"check_areas_report: {failures} of {checks} checks failed", file=sys.stderr)
        return 1
    print(f"check_areas_report: {checks} checks ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
