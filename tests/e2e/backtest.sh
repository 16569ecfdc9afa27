# dayopps backtest: the pooled trend fitted to the national panel, the held-out scores beside the naive forecast,
# the focus council's forecasts; a bad settings file is refused with exit 2 and leaves earlier files untouched.
source "$(dirname "$0")/lib.sh"
OUT="$WORK/backtest"
run_dayopps backtest -o "$OUT" -q
check "backtest exits 0" exit_code_is 0
for f in pooled_trend.csv held_out_counts.csv backtest_scores.csv focus_forecast.csv backtest.md; do
  check "backtest writes $f" test -s "$OUT/$f"
done
check "the report names the held-out winner" grep -q "On held-out years the trend that continues wins" "$OUT/backtest.md"
check "the report opens the scores on the focus council" grep -q "^### Birmingham (E08000025)" "$OUT/backtest.md"
check "the trend is fitted for three client groups" test "$(wc -l < "$OUT/pooled_trend.csv")" = 4
check "every aggregate of the drift forecasts beats the naive one" "$PYTHON" - "$OUT/backtest_scores.csv" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["origin"] == "all" and r["forecaster"] == "trend continues"]
bad = [(r["scope"], r["client_group"], r["relative_mape"]) for r in rows if float(r["relative_mape"]) >= 1]
sys.exit(f"relative MAPE >= 1: {bad}" if bad else 0)
PY
check "no floating-point noise in people" "$PYTHON" - "$OUT/focus_forecast.csv" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    for k in ("median", "interval_low", "interval_high"):
        assert r[k].isdigit(), (k, r[k])
PY
cp "$OUT/backtest.md" "$WORK/before.md"
sed -e 's/trend_after_last_count = "continues"/trend_after_last_count = "flat"/' \
  -e "s|\"\\.\\./data/|\"$DAYOPPS_SOURCE_DIR/inputs/data/|" \
  "$DAYOPPS_SOURCE_DIR/inputs/parameters/forecast.toml" > "$WORK/bad-forecast.toml"
run_dayopps backtest "$WORK/bad-forecast.toml" -o "$OUT"
check "an unnamed trend choice: exit 2" exit_code_is 2
check "an unnamed trend choice: file, line and field" stderr_has "bad-forecast.toml:14:26: field 'forecast.trend_after_last_count': 'flat' is not one of stops, damped, continues"
check "an unnamed trend choice: earlier files untouched" cmp -s "$OUT/backtest.md" "$WORK/before.md"
check "no partial files" no_partial_files "$OUT"

# In a run: the trend stopped is the baseline exactly; continued, users fall and the interval widens with the years.
cat > "$WORK/stops.toml" <<TOML
[scenario]
name = "trend-stops"
inherits = "$DAYOPPS_SOURCE_DIR/inputs/scenarios/birmingham-baseline.toml"
[inputs]
forecast = "$DAYOPPS_SOURCE_DIR/inputs/parameters/forecast.toml"
[forecast]
trend_after_last_count = "stops"
TOML
run_dayopps run "$BASELINE" -r 3 --no-charts -q -o "$WORK/base"
run_dayopps run "$WORK/stops.toml" -r 3 --no-charts -q -o "$WORK/stops"
check "trend stopped: runs" exit_code_is 0
check "trend stopped: the services equal the baseline's bit for bit" same "$WORK/base/results.h5" "$WORK/stops/results.h5" services services
run_dayopps run "$DAYOPPS_SOURCE_DIR/inputs/scenarios/birmingham-uptake-trend.toml" -r 6 --no-charts -q -o "$WORK/trend"
check "trend continued: runs" exit_code_is 0
check "trend continued: users fall below the baseline and the interval widens" "$PYTHON" - "$WORK/base/results.h5" "$WORK/trend/results.h5" <<'PY'
import sys, h5py, numpy as np
base, trend = (h5py.File(p, "r")["services/users"][()].sum(axis=(2, 3, 4, 5)) for p in sys.argv[1:])
assert trend[:, -1].mean() < 0.7 * base[:, -1].mean(), (trend[:, -1].mean(), base[:, -1].mean())
assert np.ptp(trend[:, -1]) > np.ptp(trend[:, 2]), "the 2040 spread should exceed the 2024 spread"
with h5py.File(sys.argv[2], "r") as f:
    names = [x.decode() for x in f["provenance/assumption"][()]]
    assert "uptake_trend_after_base_year" in names, names
PY
finish
