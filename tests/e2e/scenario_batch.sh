# A batch of scenarios: one results.h5 with a group per scenario and /comparison, summary.xlsx checked
# against it by openpyxl, exact zero savings for a scenario identical to the baseline, and bad levers refused.
source "$(dirname "$0")/lib.sh"
SCENARIOS="$DAYOPPS_SOURCE_DIR/inputs/scenarios"
run_dayopps run "$BASELINE" "$SCENARIOS/birmingham-identical-to-baseline.toml" \
  "$SCENARIOS/birmingham-2024-consolidation.toml" --replications 4 --horizon 2030 --output "$WORK/batch" \
  --no-charts --threads 2
check "batch run succeeds" exit_code_is 0
check "results.h5 written" test -s "$WORK/batch/results.h5"
check "summary.xlsx written" test -s "$WORK/batch/summary.xlsx"
check "no temporary files left" no_partial_files "$WORK/batch"
check "independent reader accepts the batch and the workbook" "$PYTHON" \
  "$DAYOPPS_SOURCE_DIR/tests/python/check_batch.py" "$WORK/batch/results.h5" "$WORK/batch/summary.xlsx" \
  --identical birmingham-identical-to-baseline
check "the batch file has the declared layout" "$PYTHON" "$DAYOPPS_SOURCE_DIR/outputs/tools/results_schema.py" check "$WORK/batch/results.h5"

# Charts of a skewed saving: one replication in 30 loses much and the others nothing, so the mean lies below
# its 5-95% interval (this made the savings chart fail on the shipped batch with 100 replications).
run_dayopps run "$BASELINE" "$SCENARIOS/birmingham-2024-consolidation.toml" --replications 30 --horizon 2025 \
  --output "$WORK/skewed" --no-charts
check "30-replication batch succeeds" exit_code_is 0
"$PYTHON" -c "
import h5py
with h5py.File('$WORK/skewed/results.h5', 'r+') as f:
    savings = f['comparison/savings']
    values = savings[()]
    values[1] = 0.0
    values[1, 0] = -1e8
    savings[...] = values
"
check "charts draw a saving whose mean is outside its interval" "$PYTHON" \
  "$DAYOPPS_SOURCE_DIR/outputs/charts/make_charts.py" "$WORK/skewed/results.h5" "$WORK/skewed"

# Independent streams: the identical scenario no longer differs by exactly 0 (what pairing removes).
run_dayopps run "$BASELINE" "$SCENARIOS/birmingham-identical-to-baseline.toml" --replications 3 --horizon 2026 \
  --output "$WORK/independent" --no-charts --independent-streams
check "independent-streams batch succeeds" exit_code_is 0
check "independent streams are recorded and give non-zero differences" "$PYTHON" -c "
import h5py, numpy as np, sys
f = h5py.File('$WORK/independent/results.h5', 'r')
ok = f.attrs['random_numbers'] == 'independent' and np.any(f['comparison/savings'][1] != 0)
sys.exit(0 if ok else 1)"

# A lever naming a centre that does not exist: exit 2, the file and key named, nothing written.
cat >"$WORK/bad.toml" <<TOML
[scenario]
name = "bad-centre"
inherits = "$BASELINE"

[levers.consolidation]
year = 2025
close = ["Nowhere House"]
TOML
run_dayopps run "$BASELINE" "$WORK/bad.toml" --replications 2 --horizon 2026 --output "$WORK/bad" --no-charts
check "unknown centre: exit 2" exit_code_is 2
check "unknown centre: the file and key are named" stderr_has "bad.toml:7"
check "unknown centre: the centre is named" stderr_has "Nowhere House"
check "unknown centre: nothing written" no_file "$WORK/bad/results.h5"

# Two scenarios with the same name cannot share a file.
run_dayopps run "$BASELINE" "$BASELINE" --replications 2 --horizon 2026 --output "$WORK/dup" --no-charts
check "duplicate names: exit 2" exit_code_is 2
check "duplicate names: explained" stderr_has "is already used by"
finish
