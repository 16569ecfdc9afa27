#!/bin/bash
# The growth of adults with a learning disability splits into population change, the cohort trend and improving
# survival (scripts/ld_growth.sh): a short batch of the three scenarios, then outputs/charts/ld_growth.py.
# Checks that the parts add up replication by replication (baseline change = population change + cohort trend),
# that the cohort trend adds people, and that the table and chart are written.
source "$(dirname "$0")/lib.sh"
S="$DAYOPPS_SOURCE_DIR/inputs/scenarios"
run_dayopps run "$S/birmingham-baseline.toml" "$S/birmingham-ld-no-cohort-trend.toml" \
  "$S/birmingham-ld-survival-improves.toml" --replications 4 --horizon 2030 --no-charts -q --output "$WORK/ld"
check "the decomposition batch runs" exit_code_is 0
check "the decomposition is drawn" "$PYTHON" "$DAYOPPS_SOURCE_DIR/outputs/charts/ld_growth.py" "$WORK/ld/results.h5" \
  "$WORK/ld"
check "table and chart written" test -s "$WORK/ld/ld_growth_decomposition.csv" -a -s "$WORK/ld/ld_growth_decomposition.png"
check "the parts add up" "$PYTHON" - "$WORK/ld/results.h5" "$WORK/ld/ld_growth_decomposition.csv" <<'PY'
import csv, sys
import h5py
import numpy as np
sys.path.insert(0, __import__("os").environ["DAYOPPS_SOURCE_DIR"] + "/outputs/charts")
import ld_growth
with h5py.File(sys.argv[1]) as f:
    no_trend, survival = ld_growth.driver_scenarios(f)  # found by their levers
    assert (no_trend, survival) == ("birmingham-ld-no-cohort-trend", "birmingham-ld-survival-improves"), \
        (no_trend, survival)
    base, _ = ld_growth.adults_with_ld(f, "birmingham-baseline")
    flat, _ = ld_growth.adults_with_ld(f, no_trend)
    better, _ = ld_growth.adults_with_ld(f, survival)
rows = {r[0]: r for r in csv.reader(open(sys.argv[2])) if r}
population = float(rows["population change (today's survival)"][1])
cohort = float(rows["cohort trend"][1])
total = np.mean(base[:, -1] - base[:, 0])
assert abs(population + cohort - total) <= 1.0, (population, cohort, total)  # rounded to whole people
assert cohort > 0, cohort
# The trend puts more of the same all-age prevalence into younger cohorts, who reach adulthood: faster growth.
assert ((base[:, -1] - base[:, 0]) > (flat[:, -1] - flat[:, 0])).all(), (base, flat)
assert np.mean(better[:, -1]) > np.mean(base[:, -1]), "fewer deaths leave more adults with a learning disability"
print("ld_growth_decomposition: parts add up", population, cohort, total)
PY
finish
