# Several councils with day services and costs (the West Midlands scenario on its shipped per-borough fits):
# /region adds up users, demand, unmet demand and cost replication by replication, an area's results do not
# depend on the other areas of the run, summary.xlsx has a row per area, and what cannot be one area's is
# refused with exit 2 and nothing written.
source "$(dirname "$0")/lib.sh"
WM="$DAYOPPS_SOURCE_DIR/inputs/scenarios/west-midlands-services.toml"
small=(--replications 3 --horizon 2025 --no-charts -q)

run_dayopps run "$WM" --areas E08000026,E08000030 "${small[@]}" --output "$WORK/two"
check "two councils with services: exit 0" exit_code_is 0
run_dayopps run "$WM" --areas E08000030 "${small[@]}" --output "$WORK/one"
check "one council: exit 0" exit_code_is 0
check "a council's results, services included, do not depend on the other areas of the run" \
  same "$WORK/two/results.h5" "$WORK/one/results.h5" /areas/E08000030 /areas/E08000030

region_services_add_up() {
  "$PYTHON" - "$WORK/two/results.h5" "$WORK/two/summary.xlsx" <<'PY'
import sys, h5py, numpy as np, openpyxl
f = h5py.File(sys.argv[1])
region = f["region"]
codes = [c.decode() for c in region["area"][:]]
assert codes == ["E08000026", "E08000030"], codes
totals = {}
for k, code in enumerate(codes):
    services = f[f"areas/{code}/services"]
    for name in ("users", "demand", "unmet_demand"):
        by_area = services[name][()].sum(axis=(3, 4, 5))  # (replication, year, service)
        assert np.array_equal(region[name][k], by_area), (code, name)
        totals[name] = totals.get(name, 0) + by_area
    assert np.array_equal(region["users_all_services"][k], services["users"][()].sum(axis=(2, 3, 4, 5))), code
    cost = services["cost_total"][()]
    assert np.array_equal(region["cost_total"][k], cost), code
    totals["cost"] = totals.get("cost", 0) + cost
    assert f[f"areas/{code}/parameters"].attrs["source"] in (b"drawn", "drawn"), "each area draws its own fit"
    assert code in f[f"areas/{code}/parameters"].attrs["calibrated_parameters_file"], "its own fit"
for name in ("users", "demand", "unmet_demand"):
    assert np.array_equal(region["total_" + name][()], totals[name]), name
assert np.allclose(region["total_cost"][()], totals["cost"], rtol=1e-12, atol=0), "total cost"
rows = list(openpyxl.load_workbook(sys.argv[2])["Areas"].iter_rows(values_only=True))
assert [r[0] for r in rows[1:]] == codes + ["all"], rows
assert rows[1][1] == "Coventry" and rows[2][1] == "Walsall", rows
print("region adds up, services and cost included; summary.xlsx has a row per area")
PY
}
check "/region adds up services and cost, replication by replication" region_services_add_up
check "the multi-area file has the declared layout" "$PYTHON" "$DAYOPPS_SOURCE_DIR/outputs/tools/results_schema.py" check "$WORK/two/results.h5"

# With charts: the comparison chart and the areas report (the PDF is checked by charts_and_report).
DAYOPPS_REPORT_PDF=0 run_dayopps run "$WM" --areas E08000026,E08000030 --replications 2 --horizon 2024 -q \
  --output "$WORK/report"
check "charts and report: exit 0" exit_code_is 0
check "the report compares the councils, and /region adds up" \
  "$PYTHON" "$DAYOPPS_SOURCE_DIR/tests/python/check_areas_report.py" "$WORK/report/results.h5" "$WORK/report"

# Each council calibrated on its own history, into output_dir/<code>/, with the settings and seed it would have
# alone; a run reads each council's fit through {area_code}.
run_dayopps calibrate "$WM" --areas E08000029,E08000030 -r 1 --no-charts -q -o "$WORK/cal"
check "calibrate two councils: exit 0" exit_code_is 0
check "calibrate two councils: one fit each" test -s "$WORK/cal/E08000029/calibrated_parameters.toml" -a \
  -s "$WORK/cal/E08000030/calibrated_parameters.toml"
run_dayopps calibrate "$WM" --areas E08000030 -r 1 --no-charts -q -o "$WORK/cal-alone"
check "calibrate one council: exit 0" exit_code_is 0
check "a council's fit does not depend on the councils calibrated with it" \
  cmp <(grep -v created_utc "$WORK/cal/E08000030/calibrated_parameters.toml") \
  <(grep -v created_utc "$WORK/cal-alone/E08000030/calibrated_parameters.toml")
run_dayopps run "$WM" --areas E08000029,E08000030 --calibration "$WORK/cal/{area_code}/calibrated_parameters.toml" \
  "${small[@]}" --output "$WORK/on-new-fits"
check "a run on the new fits: exit 0" exit_code_is 0

# Bad input: exit 2, the file, line and field named, nothing written.
cat >"$WORK/no-history.toml" <<TOML
[scenario]
name = "no-history"
inherits = "$WM"
[inputs]
usage = ["$DAYOPPS_SOURCE_DIR/inputs/data/birmingham_day_service_users.csv"]
TOML
run_dayopps run "$WORK/no-history.toml" --areas E08000026 --calibration none "${small[@]}" --output "$WORK/bad1"
check "a council with no day-care history: exit 2" exit_code_is 2
check "a council with no day-care history: named at the usage key" \
  stderr_has "$WORK/no-history.toml:5:9: field 'inputs.usage': no day-care users of E08000026 Coventry in any of the usage files"
check "a council with no day-care history: nothing written" no_file "$WORK/bad1/results.h5"

mkdir -p "$WORK/fits"
cp "$DAYOPPS_SOURCE_DIR/inputs/parameters/west_midlands/E08000026_calibrated_parameters.toml" "$WORK/fits/E08000026.toml"
run_dayopps run "$WM" --areas E08000026,E08000030 --calibration "$WORK/fits/{area_code}.toml" "${small[@]}" \
  --output "$WORK/bad2"
check "a council missing from the calibrations: exit 2" exit_code_is 2
check "a council missing from the calibrations: named" \
  stderr_has "command line: field '--calibration': no calibrated parameters for E08000030 Walsall ($WORK/fits/E08000030.toml)"
check "a council missing from the calibrations: nothing written" no_file "$WORK/bad2/results.h5"

sed 's/^base_year = 2022$/base_year = 2023/' \
  "$DAYOPPS_SOURCE_DIR/inputs/parameters/west_midlands/E08000030_calibrated_parameters.toml" >"$WORK/fits/E08000030.toml"
run_dayopps run "$WM" --areas E08000026,E08000030 --calibration "$WORK/fits/{area_code}.toml" "${small[@]}" \
  --output "$WORK/bad3"
check "a council fitted from another base year: exit 2" exit_code_is 2
check "a council fitted from another base year: named" stderr_has "field 'calibration.base_year': calibrated from base year 2023, not 2022"
check "a council fitted from another base year: nothing written" no_file "$WORK/bad3/results.h5"

run_dayopps run "$BASELINE" --areas all "${small[@]}" --output "$WORK/bad4"
check "one council's fit for several areas: exit 2" exit_code_is 2
check "one council's fit for several areas: says why" \
  stderr_has "the scenario's inputs.calibrated_parameters names one file, but each area has its own fit"
check "one council's fit for several areas: nothing written" no_file "$WORK/bad4/results.h5"

cat >"$WORK/one-area-file.toml" <<TOML
[scenario]
name = "one-area-file"
inherits = "$WM"
[inputs]
population_projection = "$DAYOPPS_SOURCE_DIR/inputs/data/birmingham_snpp2022_population_by_sex_age.csv"
TOML
run_dayopps run "$WORK/one-area-file.toml" --areas E08000025,E08000026 --calibration none "${small[@]}" \
  --output "$WORK/bad5"
check "a council in the usage file but not the projection: exit 2" exit_code_is 2
check "a council in the usage file but not the projection: named" stderr_has "no rows for area 'E08000026'"
check "a council in the usage file but not the projection: nothing written" no_file "$WORK/bad5/results.h5"
finish
