# Bad input: exit code 2, one line naming file, line, column and field, and no results file written;
# earlier results in the output folder stay untouched.
source "$(dirname "$0")/lib.sh"
data="$DAYOPPS_SOURCE_DIR/inputs/data"
mkdir -p "$WORK/data" "$WORK/out"
cp "$data"/*.csv "$data/sources.toml" "$WORK/data/"
sed -e "s#\.\./data/#$WORK/data/#g" -e "s#\.\./parameters/#$DAYOPPS_SOURCE_DIR/inputs/parameters/#g" \
  "$BASELINE" >"$WORK/scenario.toml"
echo "earlier results" >"$WORK/out/results.h5"

# A negative population on line 2 of the projection.
sed -i '2s/,7493\.000/,-7493/' "$WORK/data/birmingham_snpp2022_population_by_sex_age.csv"
run_dayopps run "$WORK/scenario.toml" --output "$WORK/out"
check "negative population: exit 2" exit_code_is 2
check "negative population: names file, line, column, field" \
  stderr_has "birmingham_snpp2022_population_by_sex_age.csv:2:7: field 'population': -7493 is below the minimum 0"
check "negative population: one error line" stderr_error_lines_are 1
check "earlier results untouched" grep -qx "earlier results" "$WORK/out/results.h5"
check "no temporary files" no_partial_files "$WORK/out"
cp "$data/birmingham_snpp2022_population_by_sex_age.csv" "$WORK/data/"

# A typo in the scenario.
sed 's/^replications = /replicatons = /' "$WORK/scenario.toml" >"$WORK/typo.toml"
run_dayopps run "$WORK/typo.toml" --output "$WORK/out"
check "scenario typo: exit 2" exit_code_is 2
typo_line=$(grep -n '^replicatons' "$WORK/typo.toml" | cut -d: -f1)
check "scenario typo: names the key" stderr_has "typo.toml:$typo_line:1: field 'run.replicatons': unknown key"

# A horizon beyond the projection, and a missing scenario file.
run_dayopps run "$WORK/scenario.toml" --output "$WORK/out" --horizon 2060
check "horizon beyond projection: exit 2" exit_code_is 2
check "horizon beyond projection: says why" stderr_has "2060 is beyond the last year of the population projection of E08000025 Birmingham (2047)"
run_dayopps run "$WORK/nope.toml"
check "missing scenario: exit 2" exit_code_is 2
check "missing scenario: names it" stderr_has "nope.toml: the scenario file does not exist"

# More replications than memory can hold are refused before simulating (DAYOPPS_MEMORY stands in for a small
# machine), and a malformed DAYOPPS_MEMORY is named.
DAYOPPS_MEMORY=64M run_dayopps run "$WORK/scenario.toml" --output "$WORK/out" --replications 100
check "results beyond memory: exit 2" exit_code_is 2
check "results beyond memory: says how much" stderr_has "--replications 100 would hold about"
check "results beyond memory: before simulating" bash -c "! grep -q replication/ '$WORK/last.err'"
DAYOPPS_MEMORY=lots run_dayopps run "$WORK/scenario.toml" --output "$WORK/out"
check "malformed DAYOPPS_MEMORY: exit 2" exit_code_is 2
check "malformed DAYOPPS_MEMORY: names it" stderr_has "environment variable DAYOPPS_MEMORY: \"lots\" is not a memory size"

# An output folder that cannot be created is reported before any simulation.
echo "a file" >"$WORK/blocker"
run_dayopps run "$WORK/scenario.toml" --output "$WORK/blocker/out"
check "unwritable output: exit 2" exit_code_is 2
check "unwritable output: says so" stderr_has "cannot create output folder"
check "unwritable output: before simulating" bash -c "! grep -q replication '$WORK/last.err'"

# A folder where a results file goes (results.h5, summary.xlsx, report.html, report.pdf) is reported before
# simulating, not found when renaming into place afterwards.
mkdir -p "$WORK/blocked/results.h5"
run_dayopps run "$WORK/scenario.toml" --output "$WORK/blocked"
check "results.h5 is a folder: exit 2" exit_code_is 2
check "results.h5 is a folder: says so" stderr_has "results.h5: is a folder"
check "results.h5 is a folder: before simulating" bash -c "! grep -q replication '$WORK/last.err'"

check "earlier results still untouched" grep -qx "earlier results" "$WORK/out/results.h5"
finish
