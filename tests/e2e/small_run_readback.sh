# A small Birmingham run read back by an independent reader (h5py and xarray, no dayopps code).
source "$(dirname "$0")/lib.sh"
run_dayopps run "$BASELINE" --replications 4 --horizon 2027 --output "$WORK/out" --no-charts --threads 2
check "run succeeds" exit_code_is 0
check "results.h5 written" test -s "$WORK/out/results.h5"
check "no temporary files left" no_partial_files "$WORK/out"
check "independent reader accepts the file" "$PYTHON" "$DAYOPPS_SOURCE_DIR/tests/python/check_results.py" \
  "$WORK/out/results.h5" --expect-replications 4 --expect-base-year 2022 --expect-horizon 2027
check "the file has the declared layout (outputs/results_schema.toml)" "$PYTHON" "$DAYOPPS_SOURCE_DIR/outputs/tools/results_schema.py" check "$WORK/out/results.h5"
finish
