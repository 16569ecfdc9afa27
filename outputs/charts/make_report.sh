#!/usr/bin/env bash
# Render the population report for one results file as a self-contained HTML page.
#
#   outputs/charts/make_report.sh RESULTS_H5 OUT_DIR   ->   OUT_DIR/report.html
#
# Executes notebooks-export/population_report.ipynb headless with Debian's Python
# (/usr/bin/python3, which has h5py, xarray, h5netcdf and matplotlib; override with
# DAYOPPS_PYTHON) and hides the code cells. The HTML is written to a temporary name inside OUT_DIR and renamed into
# place, so a failed run never leaves a partial or stale-looking report.html behind.
set -euo pipefail

# dayopps passes DAYOPPS_PYTHON when it runs this after a simulation.
PYTHON=${DAYOPPS_PYTHON:-/usr/bin/python3}

die() { echo "make_report: $*" >&2; exit 1; }

[ $# -eq 2 ] || die "usage: make_report.sh RESULTS_H5 OUT_DIR"
[ -f "$1" ] || die "$1: no such file"

charts_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
notebook="$charts_dir/../../notebooks-export/population_report.ipynb"
[ -f "$notebook" ] || die "$notebook: notebook not found"

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
