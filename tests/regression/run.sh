#!/usr/bin/env bash
# The regression tier: small fixed runs whose summary tables are compared with stored references.
#
#   tests/regression/run.sh [--accept] [--dayopps PATH] [RUN ...]
#
# RUN is one of the names below (default: all). Each run writes results.h5 in a temporary folder; its summary
# tables (tests/regression/summary_tables.py: every *_summary dataset, /comparison and /region, at ten
# significant digits) are compared with tests/regression/reference/RUN/. Exit 1 names every table that moved.
#
# --accept replaces the references with the new tables instead of comparing. Use it only when a change is
# meant to move numbers, and say why in the commit: `git diff tests/regression/reference` shows what moved.
# scripts/accept_references.sh is the documented way to call it.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
PYTHON=${PYTHON:-/usr/bin/python3}
DAYOPPS=${DAYOPPS:-$root/build/release/cli/dayopps}
accept=0
runs=()
while [ $# -gt 0 ]; do
  case $1 in
    --accept) accept=1 ;;
    --dayopps) DAYOPPS=$2; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) runs+=("$1") ;;
  esac
  shift
done
[ -x "$DAYOPPS" ] || { echo "regression: $DAYOPPS is not built (bash scripts/build.sh release)" >&2; exit 2; }

scenarios=$root/inputs/scenarios
# name | arguments of `dayopps run` (fixed seeds come from the scenario files; threads do not change results)
declare -A RUN_ARGS=(
  [population]="$here/scenarios/population-only.toml --replications 4 --horizon 2030"
  [baseline]="$scenarios/birmingham-baseline.toml --replications 4 --horizon 2030"
  [batch]="$scenarios/birmingham-baseline.toml $scenarios/birmingham-2024-consolidation.toml --replications 4 --horizon 2031"
  [two_areas]="$scenarios/west-midlands-care-need.toml --areas E08000026,E08000031 --replications 3 --horizon 2030"
)
ORDER=(population baseline batch two_areas)
[ ${#runs[@]} -gt 0 ] || runs=("${ORDER[@]}")

work=$(mktemp -d "${TMPDIR:-/tmp}/dayopps-regression.XXXXXX")
trap 'rm -rf "$work"' EXIT
failed=0
passed=0
for run in "${runs[@]}"; do
  [ -n "${RUN_ARGS[$run]:-}" ] || { echo "regression: unknown run '$run' (one of ${ORDER[*]})" >&2; exit 2; }
  # shellcheck disable=SC2086
  if ! "$DAYOPPS" run ${RUN_ARGS[$run]} --no-charts --quiet --output "$work/$run" >"$work/$run.log" 2>&1; then
    echo "regression: $run: dayopps failed:" >&2
    cat "$work/$run.log" >&2
    failed=$((failed + 1))
    continue
  fi
  "$PYTHON" "$here/summary_tables.py" extract "$work/$run/results.h5" "$work/tables/$run" >/dev/null
  reference=$here/reference/$run
  if [ $accept -eq 1 ]; then
    rm -rf "$reference"
    mkdir -p "$(dirname "$reference")"
    cp -r "$work/tables/$run" "$reference"
    echo "regression: $run: references accepted ($(find "$reference" -name '*.csv' | wc -l) tables)"
    passed=$((passed + 1))
  elif [ ! -d "$reference" ]; then
    echo "regression: $run: no references in $reference (accept them with scripts/accept_references.sh)" >&2
    failed=$((failed + 1))
  else
    echo "regression: $run"
    if "$PYTHON" "$here/summary_tables.py" compare "$reference" "$work/tables/$run"; then
      passed=$((passed + 1))
    else
      echo "regression: $run: results moved from the references. If the change is intended, accept it with" >&2
      echo "  bash scripts/accept_references.sh $run   and say why in the commit." >&2
      failed=$((failed + 1))
    fi
  fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
