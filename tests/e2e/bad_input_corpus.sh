#!/bin/bash
# Bad-input corpus (tests/e2e/bad_inputs/, described in its README.md): every file of cases.tsv is a copy of
# a bundled input with one defect. Each is put in place of its input in a scratch copy of inputs/, and
# `dayopps run` must refuse it with exit code 2, the expected message (file:line:column: field '...': ...),
# exactly one "dayopps: error" line, and nothing written to the output folder. A second section runs the
# formatting the CSV reader accepts (accepted.tsv): exit 0 and a results.h5.
#   DAYOPPS=build/release/cli/dayopps DAYOPPS_SOURCE_DIR=. bash tests/e2e/bad_input_corpus.sh [case-id...]
# With case ids, only those cases run; BAD_INPUT_SHOW=1 prints each case's stderr.
source "$(dirname "$0")/lib.sh"
corpus="$DAYOPPS_SOURCE_DIR/tests/e2e/bad_inputs"
inputs="$DAYOPPS_SOURCE_DIR/inputs"
limit=${BAD_INPUT_TIMEOUT:-30}  # seconds; every input error is reported before any simulation
show=${BAD_INPUT_SHOW:-0}
only=" $* "

# run_dayopps (lib.sh) runs $DAYOPPS: point it at a wrapper so that a hang is cut short (exit 124).
real_dayopps=$DAYOPPS
DAYOPPS="$WORK/dayopps-limited"
printf '#!/bin/bash\nexec timeout -k 5 %q %q "$@"\n' "$limit" "$real_dayopps" >"$DAYOPPS"
chmod +x "$DAYOPPS"

# A mirror of inputs/ in $WORK, so the relative paths of the baseline and of the corpus scenarios
# (../data/..., ../parameters/...) resolve to the scratch copies.
mkdir -p "$WORK"/{data,parameters,scenarios,calibration}
cp "$inputs"/data/*.csv "$inputs/data/sources.toml" "$WORK/data/"
cp "$inputs"/parameters/*.toml "$WORK/parameters/"
cp "$BASELINE" "$corpus"/scenario/*.toml "$corpus/support/with-engagement.toml" "$WORK/scenarios/"
baseline="$WORK/scenarios/$(basename "$BASELINE")"
cd "$WORK" || exit 1

# The bundled file an input role stands for, and where the run reads it.
bundled_of() {
  case $1 in
    projection) echo "$inputs/data/birmingham_snpp2022_population_by_sex_age.csv" ;;
    estimate_2011) echo "$inputs/data/birmingham_mye_mid2011_by_sex_age.csv" ;;
    estimate_2018) echo "$inputs/data/birmingham_mye_mid2018_by_sex_age.csv" ;;
    life_table) echo "$inputs/data/england_wales_national_life_tables_3year.csv" ;;
    usage) echo "$inputs/data/birmingham_day_service_users.csv" ;;
    usage_history) echo "$inputs/data/birmingham_pss_ex1_day_care_users_2009_2014.csv" ;;  # the second usage file
    sources) echo "$inputs/data/sources.toml" ;;
    care_need) echo "$inputs/parameters/care_need.toml" ;;
    day_services) echo "$inputs/parameters/day_services.toml" ;;
    unit_costs) echo "$inputs/data/birmingham_pss_ex1_day_care_dp_unit_costs_2009_2014.csv" ;;
    gdp_deflator) echo "$inputs/data/uk_gdp_deflator_hmt_december2023_update.csv" ;;
    engagement) echo "$corpus/support/birmingham_engagement_preferences.csv" ;;  # no engagement data is bundled
    *) return 1 ;;
  esac
}
target_of() {
  case $1 in
    care_need | day_services) echo "$WORK/parameters/$(basename "$(bundled_of "$1")")" ;;
    *) echo "$WORK/data/$(basename "$(bundled_of "$1")")" ;;
  esac
}

# Puts a case's file in place of its role's input: a *.sed or *.awk file is a recipe applied to the bundled file
# (used for the two large tables), anything else is the whole bad file.
place() {  # place role file target
  if [[ $2 == *.sed ]]; then
    sed -f "$corpus/$2" "$(bundled_of "$1")" >"$3"
  elif [[ $2 == *.awk ]]; then
    awk -f "$corpus/$2" "$(bundled_of "$1")" >"$3"
  else
    cp "$corpus/$2" "$3"
  fi
}

# Sets up one case: fills $scenario and the extra arguments, and puts the bad file in place.
prepare() {  # prepare role file
  scenario=$baseline
  extra=()
  case $1 in
    scenario) scenario="$WORK/scenarios/$(basename "$2")" ;;
    command_line) ;;
    calibrated_parameters)
      cp "$corpus/$2" "$WORK/calibration/"
      extra=(--calibration "$WORK/calibration/$(basename "$2")")
      ;;
    engagement)
      # The shipped calibration was fitted without engagement tallies: it is refused for a run that adds some.
      scenario="$WORK/scenarios/with-engagement.toml"
      extra=(--calibration none)
      cat "$corpus/support/engagement-sources-entry.toml" >>"$WORK/data/sources.toml"
      place "$1" "$2" "$(target_of "$1")"
      ;;
    *)
      bundled_of "$1" >/dev/null || { echo "unknown role '$1'" >&2; return 1; }
      place "$1" "$2" "$(target_of "$1")"
      ;;
  esac
}

restore() {  # restore role: pristine copies again
  case $1 in
    scenario | command_line) ;;
    calibrated_parameters) rm -f "$WORK"/calibration/* ;;
    engagement)
      cp "$inputs/data/sources.toml" "$WORK/data/sources.toml"
      rm -f "$(target_of engagement)"
      ;;
    *) cp "$(bundled_of "$1")" "$(target_of "$1")" ;;
  esac
}

# Runs dayopps on the current inputs with a fresh, empty output folder.
run_case() {  # run_case args...
  rm -rf "$WORK/out"
  mkdir "$WORK/out"
  run_dayopps run "$scenario" --output "$WORK/out" -q "$@"
}
show_last() { [ "$show" != 1 ] || { echo "--- $1: exit $(last_rc)"; cat "$WORK/last.err"; }; }
not_hung() {
  case $(last_rc) in
    124 | 137) echo "hung: killed after ${limit}s" >&2 && false ;;
  esac
}
nothing_written() { [ -z "$(ls -A "$WORK/out")" ] || { echo "written to the output folder: $(ls -A "$WORK/out")" >&2; false; }; }
wanted() { [ "$only" = "  " ] || [[ $only == *" $1 "* ]]; }

# The harness itself: the pristine copies run, and so does the engagement fixture the engagement cases break.
if [ "$only" = "  " ]; then
  scenario=$baseline
  run_case --replications 1 --horizon 2022 --no-charts --threads 1
  check "harness: the pristine copies run" exit_code_is 0
  prepare engagement support/birmingham_engagement_preferences.csv
  run_case --replications 1 --horizon 2022 --no-charts --threads 1 "${extra[@]}"
  check "harness: the engagement fixture runs" exit_code_is 0
  restore engagement
fi

# Section 1: bad inputs, refused with exit code 2 and one error line naming the place.
cases=0
while IFS=$'\t' read -r -u 3 id role file expected args; do
  [[ -z $id || $id == \#* || $id == id ]] && continue
  wanted "$id" || continue
  cases=$((cases + 1))
  failed_before=$failed
  [ "$args" = - ] && args=
  read -r -a case_args <<<"$args"
  # Safety net for a case that is wrongly accepted: one replication on one thread, no charts (a file
  # value is validated before the command line overrides it, so this masks no case).
  safety=(--no-charts)
  [[ " $args " == *" --replications "* || " $args " == *" -r "* ]] || safety+=(--replications 1)
  [[ " $args " == *" --threads "* || " $args " == *" -t "* ]] || safety+=(--threads 1)
  if prepare "$role" "$file"; then
    run_case "${safety[@]}" "${extra[@]}" "${case_args[@]}"
    show_last "$id"
    check "$id: not hung" not_hung
    check "$id: exit code 2" exit_code_is 2
    check "$id: message" stderr_has "$expected"
    check "$id: exactly one error line" stderr_error_lines_are 1
    check "$id: no results.h5" no_file "$WORK/out/results.h5"
    check "$id: no partial files" no_partial_files "$WORK/out"
    check "$id: nothing written" nothing_written
  else
    check "$id: set up" false
  fi
  restore "$role"
  [ "$failed" -eq "$failed_before" ] || echo "FAILED case $id ($role, $file)" >&2
done 3<"$corpus/cases.tsv"

# Section 2: formatting the readers accept (line endings, quoted fields, trailing blank lines, rows of other areas,
# populations rounded to whole people), on the shipped calibration: it checks the values it was fitted on, not
# the files' bytes, so a file re-saved with the same values must still run on it.
accepted=0
while IFS=$'\t' read -r -u 3 id role file; do
  [[ -z $id || $id == \#* || $id == id ]] && continue
  wanted "$id" || continue
  accepted=$((accepted + 1))
  failed_before=$failed
  prepare "$role" "$file"
  run_case --replications 1 --horizon 2022 --no-charts --threads 1
  show_last "$id"
  check "$id: exit code 0" exit_code_is 0
  check "$id: results.h5 written" test -s "$WORK/out/results.h5"
  check "$id: no error line" stderr_error_lines_are 0
  restore "$role"
  [ "$failed" -eq "$failed_before" ] || echo "FAILED accepted case $id ($role, $file)" >&2
done 3<"$corpus/accepted.tsv"

echo "$cases bad-input cases, $accepted accepted cases"
[ "$((cases + accepted))" -gt 0 ] || check "some case ran" false
finish
