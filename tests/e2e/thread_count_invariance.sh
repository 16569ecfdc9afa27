# The same scenario and seed give identical arrays with 1 and 2 threads (only timing attributes differ).
source "$(dirname "$0")/lib.sh"
run_dayopps run "$BASELINE" --replications 3 --horizon 2026 --output "$WORK/one" --threads 1 --no-charts
check "1 thread run" exit_code_is 0
run_dayopps run "$BASELINE" --replications 3 --horizon 2026 --output "$WORK/two" --threads 2 --no-charts
check "2 thread run" exit_code_is 0
compare() {
  "$PYTHON" - "$WORK/one/results.h5" "$WORK/two/results.h5" <<'PY'
import sys, h5py, numpy as np
a, b = h5py.File(sys.argv[1]), h5py.File(sys.argv[2])
differences = []
def visit(name, obj):
    if isinstance(obj, h5py.Dataset):
        x, y = obj[()], b[name][()]
        if x.shape != y.shape or not np.array_equal(x, y):
            differences.append(name)
a.visititems(visit)
for key in a.attrs:
    if key not in ("started_utc", "finished_utc", "threads", "scenario_toml") and a.attrs[key] != b.attrs[key]:
        differences.append("attribute " + key)
print("compared", len(list(a["population"].keys())), "population datasets; differences:", differences)
sys.exit(1 if differences else 0)
PY
}
check "identical arrays for 1 and 2 threads" compare
finish
