# MPI build: a batch spread over 2 ranks writes the same results as one process, bit for bit (only the
# timing and process-count attributes differ), and a bad input stops every rank with exit 2.
source "$(dirname "$0")/lib.sh"
: "${DAYOPPS_MPI_BINARY:?the MPI build of dayopps}" "${MPIEXEC:?mpirun}"
mpi() { "$MPIEXEC" --allow-run-as-root --oversubscribe "$@"; }
scenarios="$DAYOPPS_SOURCE_DIR/inputs/scenarios"
batch=("$BASELINE" "$scenarios/birmingham-prevention.toml")
small=(--replications 5 --horizon 2025 --threads 1 --no-charts -q)

DAYOPPS=$DAYOPPS_MPI_BINARY run_dayopps run "${batch[@]}" "${small[@]}" --output "$WORK/one"
check "one process: exit 0" exit_code_is 0
mpi -np 2 "$DAYOPPS_MPI_BINARY" run "${batch[@]}" "${small[@]}" --output "$WORK/two" >"$WORK/two.out" 2>"$WORK/two.err"
check "2 ranks: exit 0" test $? -eq 0
check "2 ranks: one results file" test -f "$WORK/two/results.h5"
# The default (MPI-free) binary gives the same results too.
run_dayopps run "${batch[@]}" "${small[@]}" --output "$WORK/plain"
check "MPI-free build: exit 0" exit_code_is 0

same() {
  "$PYTHON" - "$1" "$2" <<'PY'
import sys, h5py, numpy as np
a, b = h5py.File(sys.argv[1]), h5py.File(sys.argv[2])
differences, datasets = [], 0
def compare_attributes(name, x, y):
    for key in set(x.attrs) | set(y.attrs):
        # Timing, the process count, the output folder inside the resolved scenario text, and HDF5's
        # dimension-scale references (file addresses) may differ; every value may not.
        if key in ("started_utc", "finished_utc", "processes", "threads", "scenario_toml", "DIMENSION_LIST",
                   "REFERENCE_LIST"):
            continue
        if key not in x.attrs or key not in y.attrs or not np.array_equal(x.attrs[key], y.attrs[key]):
            differences.append(f"{name} attribute {key}")
def visit(name, obj):
    global datasets
    if name not in b:
        differences.append(name + " missing")
        return
    compare_attributes(name, obj, b[name])
    if isinstance(obj, h5py.Dataset):
        datasets += 1
        x, y = obj[()], b[name][()]
        if x.shape != y.shape or x.dtype != y.dtype or not np.array_equal(x, y):
            differences.append(name)
compare_attributes("/", a, b)
a.visititems(visit)
b.visititems(lambda name, obj: differences.append(name + " extra") if name not in a else None)
print(f"compared {datasets} datasets; differences: {differences}")
sys.exit(1 if differences or datasets == 0 else 0)
PY
}
check "2 ranks equal 1 process bit for bit" same "$WORK/one/results.h5" "$WORK/two/results.h5"
check "MPI build equals the MPI-free build" same "$WORK/one/results.h5" "$WORK/plain/results.h5"
check "2 ranks recorded" "$PYTHON" -c "import h5py,sys,numpy; sys.exit(int(numpy.ravel(h5py.File('$WORK/two/results.h5').attrs['processes'])[0]) != 2)"

# A bad input: every rank stops with exit 2, the message appears once, nothing is written.
mpi -np 2 "$DAYOPPS_MPI_BINARY" run "$BASELINE" --horizon 2060 --output "$WORK/bad" -q >"$WORK/bad.out" 2>"$WORK/bad.err"
check "2 ranks, bad input: exit 2" test $? -eq 2
check "2 ranks, bad input: said once" test "$(grep -c '2060 is beyond the population projection' "$WORK/bad.err")" -eq 1
check "2 ranks, bad input: nothing written" no_file "$WORK/bad/results.h5"
mpi -np 2 "$DAYOPPS_MPI_BINARY" calibrate -q >"$WORK/cal.out" 2>"$WORK/cal.err"
check "2 ranks, calibrate: refused" grep -q "calibrate runs in one process" "$WORK/cal.err"
finish
