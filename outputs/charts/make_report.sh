#!/usr/bin/env bash
# Render the report for one results file as a self-contained HTML page, and print it to PDF.
#
#   outputs/charts/make_report.sh RESULTS_H5 OUT_DIR   ->   OUT_DIR/report.html, OUT_DIR/report.pdf
#
# Executes the report notebook headless with Debian's Python
# (/usr/bin/python3, which has h5py, xarray, h5netcdf and matplotlib; override with
# DAYOPPS_PYTHON) and hides the code cells. The notebook follows the file's root attribute layout:
# notebooks-export/areas_report.ipynb for a multi-area file ("areas": the areas compared),
# notebooks-export/population_report.ipynb otherwise (a single run or a batch). The page template
# (notebooks-export/report.html.j2) loads nothing from the network. Then headless Chromium (Debian's chromium, installed by scripts/setup.sh;
# override with DAYOPPS_CHROMIUM) prints the page to report.pdf, A4, each section on a new page (the
# template's print style). Without Chromium the HTML is still written and a message says the PDF was
# skipped; DAYOPPS_REPORT_PDF=0 skips it on purpose.
# Both files are written to temporary names inside OUT_DIR and renamed into place, so a failed run never
# leaves a partial or stale-looking report behind.
set -euo pipefail

# dayopps passes DAYOPPS_PYTHON when it runs this after a simulation.
PYTHON=${DAYOPPS_PYTHON:-/usr/bin/python3}

die() { echo "make_report: $*" >&2; exit 1; }

[ $# -eq 2 ] || die "usage: make_report.sh RESULTS_H5 OUT_DIR"
[ -f "$1" ] || die "$1: no such file"

charts_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# The file's layout, read by the charts' own reader (results_reader.layout: "single" when the attribute is absent).
layout=$(DAYOPPS_CHARTS_DIR="$charts_dir" "$PYTHON" -c '
import os, sys
sys.path.insert(0, os.environ["DAYOPPS_CHARTS_DIR"])
import results_reader
try:
    print(results_reader.layout(sys.argv[1]))
except (OSError, results_reader.ResultsError) as exc:
    sys.exit(f"make_report: {sys.argv[1]}: {exc}")
' "$1") || die "$1: cannot read the root attribute layout (not a dayopps results.h5?)"
if [ "$layout" = "areas" ]; then
  notebook="$charts_dir/../../notebooks-export/areas_report.ipynb"
else
  notebook="$charts_dir/../../notebooks-export/population_report.ipynb"
fi
template="$charts_dir/../../notebooks-export/report.html.j2"
[ -f "$notebook" ] || die "$notebook: notebook not found"
[ -f "$template" ] || die "$template: report template not found"
template=$(realpath "$template")

# The kernel runs with the notebook's directory as cwd, so pass absolute paths.
results=$(realpath "$1")
mkdir -p "$2"
out_dir=$(realpath "$2")

work=$(mktemp -d "$out_dir/.report.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Pin the kernel to Debian's Python with a private kernelspec: the stock "python3"
# spec can be shadowed by one in ~/.local/share/jupyter that points at another
# interpreter (e.g. pyenv) without these packages. Runtime/IPython state also goes to
# the temp dir so a read-only or shared $HOME does not matter. -Xfrozen_modules=off
# silences debugpy's "frozen modules" warning that Python 3.11 kernels print.
mkdir -p "$work/jupyter/kernels/dayopps-python3"
cat >"$work/jupyter/kernels/dayopps-python3/kernel.json" <<EOF
{
  "argv": ["$PYTHON", "-Xfrozen_modules=off", "-m", "ipykernel_launcher",
           "-f", "{connection_file}"],
  "display_name": "dayopps (Debian python3)",
  "language": "python"
}
EOF

# "python -m nbconvert" rather than "python -m jupyter nbconvert": the latter looks
# up a jupyter-nbconvert script on PATH, which may belong to another interpreter.
# MPLBACKEND is set explicitly because an inherited MPLBACKEND=Agg (common in CI)
# would make the kernel draw the charts without ever displaying them.
if ! DAYOPPS_RESULTS="$results" \
    DAYOPPS_CHARTS_DIR="$charts_dir" \
    JUPYTER_PATH="$work/jupyter" \
    JUPYTER_RUNTIME_DIR="$work/runtime" \
    IPYTHONDIR="$work/ipython" \
    MPLBACKEND=module://matplotlib_inline.backend_inline \
    "$PYTHON" -m nbconvert \
    --to html \
    --execute \
    --no-input \
    --template-file "$template" \
    --ExecutePreprocessor.kernel_name=dayopps-python3 \
    --ExecutePreprocessor.timeout=600 \
    --output-dir "$work" \
    --output report \
    --log-level WARN \
    "$notebook"; then
  die "notebook execution failed for $results (see the cell error above)"
fi

mv -f "$work/report.html" "$out_dir/report.html"
echo "$out_dir/report.html"

# report.pdf: the same page printed by headless Chromium. A fresh profile in the temp dir, no network
# services, no header or footer (the page states what it is). The report is already written, so a
# missing or failing Chromium costs the PDF only: say so and succeed.
chromium=${DAYOPPS_CHROMIUM:-/usr/bin/chromium}
if [ "${DAYOPPS_REPORT_PDF:-1}" = "0" ]; then
  echo "make_report: report.pdf skipped (DAYOPPS_REPORT_PDF=0)" >&2
  exit 0
fi
if [ ! -x "$chromium" ]; then
  echo "make_report: report.pdf skipped: chromium not installed (scripts/setup.sh installs it)" >&2
  exit 0
fi
rm -f "$out_dir/report.pdf"  # never leave a PDF of an earlier report beside this one
if timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/chromium" --no-pdf-header-footer \
    --print-to-pdf="$work/report.pdf" "file://$out_dir/report.html" >"$work/chromium.log" 2>&1 \
    && [ -s "$work/report.pdf" ]; then
  mv -f "$work/report.pdf" "$out_dir/report.pdf"
  echo "$out_dir/report.pdf"
else
  echo "make_report: report.pdf skipped: chromium failed to print $out_dir/report.html:" >&2
  tail -n 5 "$work/chromium.log" >&2
fi
