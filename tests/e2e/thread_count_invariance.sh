# The same scenario and seed give identical results with 1 and 2 threads (only timing attributes differ).
source "$(dirname "$0")/lib.sh"
run_dayopps run "$BASELINE" --replications 3 --horizon 2026 --output "$WORK/one" --threads 1 --no-charts
check "1 thread run" exit_code_is 0
run_dayopps run "$BASELINE" --replications 3 --horizon 2026 --output "$WORK/two" --threads 2 --no-charts
check "2 thread run" exit_code_is 0
check "identical results for 1 and 2 threads" same "$WORK/one/results.h5" "$WORK/two/results.h5"
finish
