# The full product of a run: results.h5, the PNG charts and the executed notebook as HTML.
source "$(dirname "$0")/lib.sh"
run_dayopps run "$BASELINE" --replications 3 --horizon 2026 --output "$WORK/out"
check "run with charts succeeds" exit_code_is 0
for chart in population_by_age_band population_pyramid older_people components_of_change; do
  check "$chart.png drawn" test -s "$WORK/out/$chart.png"
done
check "report.html written" test -s "$WORK/out/report.html"
check "report shows the provenance" grep -q "sha256" "$WORK/out/report.html"
check "report executed without errors" bash -c "! grep -q 'Traceback' '$WORK/out/report.html'"
finish
