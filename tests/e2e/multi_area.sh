# Several areas in one run: each area's group is what the area gives on its own (whatever other areas run
# with it, and when its resolved scenario is run alone), /region adds the areas up, and bad area lists stop
# the run with exit 2 and nothing written.
source "$(dirname "$0")/lib.sh"
WM="$DAYOPPS_SOURCE_DIR/inputs/scenarios/west-midlands-care-need.toml"
small=(--replications 3 --horizon 2025 --no-charts -q)

run_dayopps run "$WM" --areas E08000025,E08000029 "${small[@]}" --output "$WORK/two"
check "two areas: exit 0" exit_code_is 0
run_dayopps run "$WM" --areas E08000029 "${small[@]}" --output "$WORK/one"
check "one area: exit 0" exit_code_is 0
check "an area's results do not depend on the other areas of the run" \
  same "$WORK/two/results.h5" "$WORK/one/results.h5" /areas/E08000029 /areas/E08000029

# The area's group records a single-area scenario with its derived seed: run alone, it gives the same results.
"$PYTHON" -c "import h5py,sys; sys.stdout.write(h5py.File(sys.argv[1])['areas/E08000029'].attrs['scenario_toml'])" \
  "$WORK/two/results.h5" >"$DAYOPPS_SOURCE_DIR/inputs/scenarios/.e2e-solihull-$$.toml"
run_dayopps run "$DAYOPPS_SOURCE_DIR/inputs/scenarios/.e2e-solihull-$$.toml" --no-charts -q --output "$WORK/alone"
rm -f "$DAYOPPS_SOURCE_DIR/inputs/scenarios/.e2e-solihull-$$.toml"
check "the area's resolved scenario runs alone: exit 0" exit_code_is 0
# (Its provenance names another scenario file, so the simulated groups are compared.)
for group in population care_need; do
  check "run alone, the area's scenario reproduces its /$group" same "$WORK/two/results.h5" "$WORK/alone/results.h5" \
    /areas/E08000029/$group /$group
done

region_adds_up() {
  "$PYTHON" - "$WORK/two/results.h5" <<'PY'
import sys, h5py, numpy as np
f = h5py.File(sys.argv[1])
region = f["region"]
codes = [c.decode() for c in region["area"][:]]
assert codes == ["E08000025", "E08000029"], codes
assert f.attrs["layout"] == "areas"
total = 0
for k, code in enumerate(codes):
    by_age = f[f"areas/{code}/population/population"][()]  # (replication, year, sex, age)
    assert np.array_equal(region["population"][k], by_age.sum(axis=(2, 3))), code
    with_condition = f[f"areas/{code}/care_need/people"][()]  # (replication, year, condition, sex, age_band)
    assert np.array_equal(region["people_with_condition"][k], with_condition.sum(axis=(3, 4))), code
    total = total + with_condition
    assert f[f"areas/{code}"].attrs["master_seed"] != f.attrs["master_seed"], "each area has its own seed"
assert np.array_equal(region["total_people_with_condition"][()], total)
assert np.array_equal(region["total_population"][()].sum(axis=(2, 3)), region["population"][()].sum(axis=0))
# Solihull's 2022 population is ONS's base (105,858 males + 111,926 females), whole people.
assert region["population"][1, 0, 0] == 105858 + 111926, region["population"][1, 0, 0]
print("region adds up")
PY
}
check "/region is the areas side by side and their sum" region_adds_up
check "the population-only multi-area file has the declared layout" "$PYTHON" "$DAYOPPS_SOURCE_DIR/outputs/tools/results_schema.py" check "$WORK/two/results.h5"

# With charts: the areas side by side (and no notebook report, which is written for one area).
run_dayopps run "$WM" --areas E08000026,E08000031 --replications 2 --horizon 2024 -q --output "$WORK/charts"
check "charts: exit 0" exit_code_is 0
check "charts: population growth by area" test -s "$WORK/charts/region_population_growth.png"
check "charts: care need by area" test -s "$WORK/charts/region_care_need.png"
check "charts: no report for several areas" no_file "$WORK/charts/report.html"

# Bad area lists: exit 2, a clear message, nothing written.
run_dayopps run "$WM" --areas E08000099 "${small[@]}" --output "$WORK/bad1"
check "unknown area: exit 2" exit_code_is 2
check "unknown area: says which and what the file holds" stderr_has "field '--areas': no rows for area 'E08000099' in $DAYOPPS_SOURCE_DIR/inputs/data/west_midlands_met_snpp2022_population_by_sex_age.csv (it holds E08000025 Birmingham, E08000026 Coventry, E08000027 Dudley, E08000028 Sandwell, E08000029 Solihull, E08000030 Walsall, E08000031 Wolverhampton)"
check "unknown area: nothing written" no_file "$WORK/bad1/results.h5"
run_dayopps run "$WM" --areas E08000029,E08000029 "${small[@]}" --output "$WORK/bad2"
check "repeated area: exit 2" exit_code_is 2
check "repeated area: named" stderr_has "field '--areas': 'E08000029' is listed twice"
run_dayopps run "$BASELINE" "$BASELINE" --areas E08000025 "${small[@]}" --output "$WORK/bad4"
check "--areas with a batch: exit 2" exit_code_is 2
check "--areas with a batch: says why" stderr_has "command line: field '--areas': a batch compares scenarios of one area"
check "--areas with a batch: nothing written" no_file "$WORK/bad4/results.h5"
finish
