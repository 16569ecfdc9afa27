#!/usr/bin/python3
"""The charts and report of a run for one council state that council's facts and no other council's.

Usage: /usr/bin/python3 tests/python/check_council_report.py RESULTS_H5 OUT_DIR FORBIDDEN...

RESULTS_H5 is a single run (not a batch) with day services and a /calibration group; OUT_DIR holds its report.html
(outputs/charts/make_report.sh). FORBIDDEN are the facts of another council that must not appear, e.g. its name,
code and observed users ("Birmingham" "E08000025" "1,600"). Checks that
- every text of every chart (population_charts and service_charts, drawn here from the file; titles, captions,
  source lines, labels and legends) and the report's text name the run's council (root attribute area_name) and
  none of FORBIDDEN (case-insensitive);
- the charts' and the report's text carry the run's own facts, each read here from the file with h5py alone: its
  area code, its latest observed users and their year (the /calibration counts of the latest year up to the base
  year), the publisher of its usage counts (/provenance), and, when its services are priced at another area's unit
  costs (assumption unit_costs_of_<code>), that area's code.
Text the report quotes from the file itself (paths, publishers, tables, the statements of assumptions, the
parameters' sources and derivations, the scenario as run) is removed before looking for FORBIDDEN: it is data the
run read, which may name another council (a file named after the council that published it, a figure borrowed from
another council and said so); the check is that no chart or report code states another council's fact.
Prints each failure and exits 1 if any; prints "check_council_report: N checks ok" otherwise.
"""

import html
import os
import re
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.text  # noqa: E402

failures = 0
checks = 0


def check(ok, what):
    global failures, checks
    checks += 1
    if not ok:
        failures += 1
        print(f"check_council_report: FAILED: {what}", file=sys.stderr)


def text_of(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def file_strings(f):
    """Every string the run's file holds (attributes and string datasets, recursively), longest first."""
    found = set()

    def visit(_, obj):
        for value in obj.attrs.values():
            if isinstance(value, (str, bytes)):
                found.add(text_of(value))
        if isinstance(obj, h5py.Dataset) and obj.dtype.kind == "O":
            found.update(text_of(v) for v in obj[()].ravel())

    for value in f.attrs.values():
        if isinstance(value, (str, bytes)):
            found.add(text_of(value))
    f.visititems(visit)
    # The scenario as run is shown line by line; paths may be shown by their file name.
    extra = set()
    for s in found:
        extra.update(line.strip() for line in s.splitlines() if line.strip())
        if "/" in s and "\n" not in s:
            extra.add(os.path.basename(s))
    return sorted((s for s in found | extra if len(s) >= 4), key=len, reverse=True)


def report_text(path):
    t = open(path, encoding="utf-8").read()
    t = re.sub(r"<img[^>]*>", " ", t)
    t = re.sub(r"<(style|script)\b.*?</\1>", " ", t, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", t))


def normalise(t):
    return re.sub(r"\s+", " ", t)


def chart_texts(results, charts_dir):
    sys.path.insert(0, charts_dir)
    import population_charts
    import results_reader
    import service_charts

    res = results_reader.load_results(results)
    figures = population_charts.draw(res) + list(service_charts.draw(res, results))
    texts = {}
    for name, fig in figures:
        texts[name] = " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))
    return texts


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    results, out_dir, forbidden = argv[0], argv[1], argv[2:]
    charts_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "outputs", "charts")
    with h5py.File(results, "r") as f:
        check(text_of(f.attrs.get("layout", "single")) == "single", "a single-run file")
        area, code = text_of(f.attrs["area_name"]), text_of(f.attrs["area_code"])
        base = int(f.attrs["base_year"])
        data = file_strings(f)
        cal = f["calibration"]
        series = [text_of(s) for s in cal["series"][()]]
        years = [int(y) for y in cal["year"][()]]
        observed = [float(o) for o in cal["observed"][()]]
        users = [(s, y, o) for s, y, o in zip(series, years, observed) if s.startswith("users,")]
        latest = max(y for _, y, _ in users if y <= base)
        seen = sum(o for _, y, o in users if y == latest)  # the client groups' (or services') counts of that year
        prov = f["provenance"]
        roles = [text_of(r) for r in prov["input"][()]]
        publishers = [text_of(p) for p in prov["publisher"][()]]
        usage_publishers = {p for r, p in zip(roles, publishers) if r.startswith("usage") and p}
        fallback = [text_of(a)[len("unit_costs_of_"):] for a in prov["assumption"][()]
                    if text_of(a).startswith("unit_costs_of_")]

    charts = chart_texts(results, charts_dir)
    check({"demand_by_service.png", "learning_disability_adults.png", "cost_by_service.png"} <= set(charts),
          f"the service charts are drawn (got {sorted(charts)})")
    report = normalise(report_text(os.path.join(out_dir, "report.html")))
    own = {"report.html": report, **{name: normalise(t) for name, t in charts.items()}}

    # Another council's facts: none in any chart, none in the report once the file's own text is taken out.
    stripped = report
    for s in data:
        stripped = stripped.replace(normalise(s), " ")
    for word in forbidden:
        for name, t in list(charts.items()) + [("report.html (outside the text it quotes from the file)", stripped)]:
            hits = [m.start() for m in re.finditer(re.escape(word), t, flags=re.I)]
            check(not hits, f"{name} states {word!r}: "
                  + " | ".join(normalise(t[max(0, k - 80):k + 80]) for k in hits[:3]))

    # The council's own facts.
    for name, t in own.items():
        check(area in t, f"{name} names {area}")
    count = f"{seen:,.0f}"
    demand = own.get("demand_by_service.png", "")
    check(f"{count} in {latest}" in demand, f"demand_by_service.png states the observed users {count} in {latest}")
    check(f"{count} in {latest}" in report, f"report.html states the observed users {count} in {latest}")
    check(code in report, f"report.html names {code}")
    for publisher in usage_publishers:
        short = publisher[publisher.rindex("(") + 1:-1] if publisher.endswith(")") else publisher
        check(short in demand, f"demand_by_service.png cites the usage counts' publisher {short!r}")
        check(short in stripped, f"report.html cites the usage counts' publisher {short!r} in its own words")
    for other in fallback:
        check(other in own.get("cost_by_service.png", ""), f"cost_by_service.png names the unit costs of {other}")
        check(f"unit costs of {other}" in stripped, f"report.html says the services are priced at {other}'s")
    if failures:
        print(f"check_council_report: {failures} of {checks} checks failed", file=sys.stderr)
        return 1
    print(f"check_council_report: {checks} checks ok ({area}, {code}: {count} users observed in {latest})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
