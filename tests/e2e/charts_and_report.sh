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
finish
