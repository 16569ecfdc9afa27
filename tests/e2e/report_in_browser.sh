# The report as a reader gets it (issue 22): a small run's report.html opened in headless Chromium (no
# console errors, opens on the summary, the summary's figures equal results.h5, alt text on every chart, the
# learning-disability growth in Drivers equal to outputs/charts/ld_growth.py's, split by driver for the batch),
# report.pdf with every section from a new page, and the HTML still written when Chromium is missing.
# Keeps a PNG of the first screen in build/test-artefacts/ (report_first_screen*.png).
source "$(dirname "$0")/lib.sh"
ARTEFACTS="$DAYOPPS_SOURCE_DIR/build/test-artefacts"
mkdir -p "$ARTEFACTS"
if [ ! -x /usr/bin/chromium ] || ! "$PYTHON" -c "import websocket" 2>/dev/null || ! command -v pdftotext >/dev/null; then
  echo "FAILED: the browser test needs chromium, python3-websocket and poppler-utils (bash scripts/setup.sh)" >&2
  exit 1
fi
browser() { "$PYTHON" "$DAYOPPS_SOURCE_DIR/tests/e2e/report_in_browser.py" "$@"; }

# A single run to 2040, so the summary has the base year, 2030 and 2040.
run_dayopps run "$BASELINE" --replications 3 --horizon 2040 --output "$WORK/single"
check "single run succeeds" exit_code_is 0
check "single run: report.html written" test -s "$WORK/single/report.html"
check "single run: report.pdf written beside it" test -s "$WORK/single/report.pdf"
check "single run: the report in the browser" \
  browser "$WORK/single/report.html" "$WORK/single/results.h5" "$ARTEFACTS/report_first_screen.png" --pdf "$WORK/single/report.pdf"

# A batch: the summary adds each scenario's saving to 2029-30 and NPV. With the two scenarios of scripts/ld_growth.sh
# it is also that batch, so Drivers splits the growth of adults with a learning disability (checked against ld_growth.py).
SCENARIOS="$DAYOPPS_SOURCE_DIR/inputs/scenarios"
run_dayopps run "$BASELINE" "$SCENARIOS/birmingham-2018-gradual-shift.toml" "$SCENARIOS/birmingham-ld-no-cohort-trend.toml" \
  "$SCENARIOS/birmingham-ld-survival-improves.toml" --replications 3 --horizon 2031 --output "$WORK/batch"
check "batch succeeds" exit_code_is 0
check "batch: the report in the browser" \
  browser "$WORK/batch/report.html" "$WORK/batch/results.h5" "$ARTEFACTS/report_first_screen_batch.png" --pdf "$WORK/batch/report.pdf"

# Without Chromium the HTML is still written, no PDF, and the message says why.
DAYOPPS_CHROMIUM=/nonexistent/chromium bash "$DAYOPPS_SOURCE_DIR/outputs/charts/make_report.sh" \
  "$WORK/single/results.h5" "$WORK/nochromium" >"$WORK/nochromium.out" 2>"$WORK/nochromium.err"
check "no chromium: make_report still succeeds" test $? -eq 0
check "no chromium: report.html written" test -s "$WORK/nochromium/report.html"
check "no chromium: no report.pdf" no_file "$WORK/nochromium/report.pdf"
check "no chromium: says the PDF was skipped" grep -qF "report.pdf skipped: chromium not installed (scripts/setup.sh installs it)" "$WORK/nochromium.err"

echo "first screen: $ARTEFACTS/report_first_screen.png (batch: $ARTEFACTS/report_first_screen_batch.png)"
finish
