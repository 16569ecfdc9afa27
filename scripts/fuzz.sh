#!/usr/bin/env bash
# Fuzzes the input loaders with libFuzzer (clang, ASan, UBSan): each target runs for SECONDS (default 60)
# from a seed corpus made of the bundled inputs, after replaying every kept regression input.
#   scripts/fuzz.sh            # 60 s per target (the test command runs a 45 s smoke run)
#   scripts/fuzz.sh 3600       # a longer run: an hour per target; the corpus grows in build/fuzz/corpus
# A finding stops the run, is saved under build/fuzz/artifacts/<target>/ and the script exits 1: fix it, then
# copy the input into fuzz/regressions/<target>/ so it is replayed on every run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
./scripts/setup.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j2

root=build/fuzz
targets=(fuzz_csv_loaders fuzz_toml_loaders fuzz_calibrated_parameters)

# Seeds: the bundled inputs, each prefixed by the digit that selects its loader (see the targets' switch).
seed() {  # seed TARGET NAME SELECTOR FILE [LINES]
  local dir="$root/corpus/$1"
  mkdir -p "$dir"
  { printf '%s' "$3"; if [ -n "${5:-}" ]; then head -n "$5" "$4"; else cat "$4"; fi; } >"$dir/seed-$2"
}
data=inputs/data
seed fuzz_csv_loaders projection 0 "$data/birmingham_snpp2022_population_by_sex_age.csv" 400
seed fuzz_csv_loaders estimate 1 "$data/birmingham_mye_mid2018_by_sex_age.csv"
seed fuzz_csv_loaders life-table 2 "$data/england_wales_national_life_tables_3year.csv" 400
seed fuzz_csv_loaders usage 3 "$data/birmingham_day_service_users.csv"
printf '4source,question,option,group,count\nsurvey,preferred,internal_day_centre,carers,12\n' \
  >"$root/corpus/fuzz_csv_loaders/seed-engagement"
printf '5a,b,c\n1.5,2,"x, y"\n' >"$root/corpus/fuzz_csv_loaders/seed-table"
for s in inputs/scenarios/*.toml; do seed fuzz_toml_loaders "$(basename "$s")" 0 "$s"; done
seed fuzz_toml_loaders care-need 1 inputs/parameters/care_need.toml
seed fuzz_toml_loaders day-services 2 inputs/parameters/day_services.toml
seed fuzz_toml_loaders sources 3 "$data/sources.toml"
seed fuzz_calibrated_parameters calibrated "" fuzz/seeds/calibrated_parameters.toml

status=0
# Replay the kept regression inputs, then fuzz the targets side by side (libFuzzer stops each after SECONDS).
for t in "${targets[@]}"; do
  mkdir -p "$root/artifacts/$t" "fuzz/regressions/$t"
  if compgen -G "fuzz/regressions/$t/*" >/dev/null; then
    echo "fuzz: $t: replaying $(ls "fuzz/regressions/$t" | wc -l) regression inputs"
    "$root/fuzz/$t" fuzz/regressions/"$t"/* >"$root/artifacts/$t/regressions.log" 2>&1 || {
      echo "fuzz: $t: a regression input fails again (see $root/artifacts/$t/regressions.log)"
      status=1
    }
  fi
done
echo "fuzz: ${targets[*]} for ${seconds} s each, side by side"
pids=()
for t in "${targets[@]}"; do
  "$root/fuzz/$t" "$root/corpus/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$root/artifacts/$t/" >"$root/artifacts/$t/fuzz.log" 2>&1 &
  pids+=($!)
done
for k in "${!targets[@]}"; do
  t="${targets[$k]}"
  if ! wait "${pids[$k]}"; then
    echo "fuzz: $t found a problem:"
    grep -E "ERROR|SUMMARY|Test unit written|terminate" "$root/artifacts/$t/fuzz.log" | head -20
    status=1
  fi
  echo "fuzz: $t: $(grep -E 'stat::number_of_executed_units' "$root/artifacts/$t/fuzz.log" | awk '{print $2}') inputs" \
    "run, corpus $(ls "$root/corpus/$t" | wc -l) inputs"
done
exit $status
