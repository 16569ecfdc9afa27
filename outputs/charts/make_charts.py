#!/usr/bin/python3
"""Draw the standard dayopps charts from a results HDF5 file.

Usage: /usr/bin/python3 outputs/charts/make_charts.py RESULTS_H5 OUT_DIR

Reads the file with h5py and numpy only (it does not need the dayopps binary), writes
one PNG per chart into OUT_DIR and prints the path of each. If the file is missing or
does not have the expected layout it prints a one-line reason on stderr and exits 2.

This script only dispatches, by the file's root attribute layout, to the chart scripts,
which read the file through results_reader.py, share the figure style of chart_style.py
and never import one another (tests/python/check_chart_imports.py checks it):
- a single-run file: population_charts.py, and service_charts.py when the run has
  the care_need and services groups;
- a batch file (layout = "batch") holds one single-run layout per scenario under
  /scenarios/<name>/ plus /comparison: the single-run charts are drawn for the baseline
  scenario (read under that prefix) and the comparison charts by scenario_charts.py;
- a multi-area file (layout = "areas"): area_charts.py, which reads its /region group (population growth and
  care need by area, and with services areas_users_per_adult.png: users per 10,000 adults and their growth).

The plotting functions are also imported by notebooks-export/population_report.ipynb,
so they return matplotlib Figures and never save or show anything themselves.
"""

import os
import sys

import matplotlib

if __name__ == "__main__":
    # Headless. The chart scripts imported below leave the backend to their caller.
    matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

import area_charts  # noqa: E402
import population_charts  # noqa: E402
import scenario_charts  # noqa: E402
import service_charts  # noqa: E402
from chart_style import DPI  # noqa: E402
from results_reader import ResultsError, layout, load_results  # noqa: E402


def _figures(results_path):
    """Every chart of the file, as (file name, figure) pairs, by its layout."""
    kind = layout(results_path)
    if kind == "areas":  # several areas: side by side (the per-area detail stays in the file)
        return area_charts.draw_all(results_path)
    res = load_results(results_path)  # a batch file: the baseline scenario
    figures = population_charts.draw(res)
    figures += list(service_charts.draw(res, results_path))
    if kind == "batch":
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
