# The charts and report of a council other than Birmingham state that council's facts, read from its results file,
# and no Birmingham fact: Coventry (E08000026) alone, a single run of the West Midlands scenario (area_code replaces
# its areas), with Coventry's own day-care history (PSS EX1 2009-2014) as its only usage file. The run needs a fit
# on exactly those inputs, so a quick one is made first (one replication per evaluation). Then the report, and the
# service charts drawn again from the file, must name Coventry, its 2014 users and their publisher, the area whose
# unit costs price it, and never Birmingham, E08000025 or 1,600 (tests/python/check_council_report.py).
source "$(dirname "$0")/lib.sh"
cat >"$WORK/coventry.toml" <<TOML
[scenario]
name = "coventry-services"
inherits = "$DAYOPPS_SOURCE_DIR/inputs/scenarios/west-midlands-services.toml"
area_code = "E08000026"
description = "Coventry alone, from its own day-care history"
[inputs]
usage = ["$DAYOPPS_SOURCE_DIR/inputs/data/west_midlands_met_pss_ex1_day_care_users_2009_2014.csv"]
calibrated_parameters = "$WORK/fit/calibrated_parameters.toml"
TOML
run_dayopps calibrate "$WORK/coventry.toml" -r 1 --no-charts -q -o "$WORK/fit"
check "Coventry's fit: exit 0" exit_code_is 0
DAYOPPS_REPORT_PDF=0 run_dayopps run "$WORK/coventry.toml" --replications 2 --horizon 2025 -q --output "$WORK/run"
check "Coventry's run with charts and report: exit 0" exit_code_is 0
check "Coventry's report written" test -s "$WORK/run/report.html"
check "no centre chart without council centres listed" no_file "$WORK/run/centre_occupancy.png"
check "the report and the charts state Coventry's facts and no Birmingham fact" \
  "$PYTHON" "$DAYOPPS_SOURCE_DIR/tests/python/check_council_report.py" "$WORK/run/results.h5" "$WORK/run" \
  Birmingham E08000025 1,600
finish
