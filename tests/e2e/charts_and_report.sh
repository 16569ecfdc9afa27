# The full product of a run: results.h5, the PNG charts and the executed notebook as HTML.
source "$(dirname "$0")/lib.sh"
run_dayopps run "$BASELINE" --replications 3 --horizon 2026 --output "$WORK/out"
check "run with charts succeeds" exit_code_is 0
for chart in population_by_age_band population_pyramid older_people components_of_change \
  demand_by_service learning_disability_adults centre_occupancy cost_by_service; do
  check "$chart.png drawn" test -s "$WORK/out/$chart.png"
done
check "report.html written" test -s "$WORK/out/report.html"
check "report shows the provenance" grep -q "sha256" "$WORK/out/report.html"
check "report executed without errors" bash -c "! grep -q 'Traceback' '$WORK/out/report.html'"
check "report has the assumptions section" grep -q "Every assumption the run rests on" "$WORK/out/report.html"
check "report has the anchors table" grep -q "Where the model lands against published anchors" "$WORK/out/report.html"
check "a single run's report skips the scenario comparison" grep -q "there are no scenarios to compare" "$WORK/out/report.html"

# A batch: the baseline's charts, the six scenario charts, and the report's scenario comparison section.
SCENARIOS="$DAYOPPS_SOURCE_DIR/inputs/scenarios"
run_dayopps run "$BASELINE" "$SCENARIOS/birmingham-2018-gradual-shift.toml" "$SCENARIOS/birmingham-prevention.toml" \
  --replications 3 --horizon 2027 --output "$WORK/batch"
check "batch with charts succeeds" exit_code_is 0
for chart in population_by_age_band demand_by_service cost_by_service scenario_demand_by_service \
  scenario_cost_fan scenario_savings savings_waterfall scenario_comparison_table scenario_equality_view; do
  check "batch: $chart.png drawn" test -s "$WORK/batch/$chart.png"
done
check "batch report executed without errors" bash -c "! grep -q 'Traceback' '$WORK/batch/report.html'"
check "batch report has the scenario comparison" grep -q "Scenario comparison" "$WORK/batch/report.html"
check "batch report lists the levers" grep -q "new users choosing a day centre" "$WORK/batch/report.html"
finish
