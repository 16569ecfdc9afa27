# SIGINT or SIGTERM during a run: it stops promptly, exit 130, removes its temporary file, and leaves the
# earlier results untouched. Then the same while the charts and the report are drawn: every helper process
# (Python, the notebook kernel, Chromium) stops with dayopps, nothing is written after it exits, no temporary
# chart file is left, exit 130, and results.h5 (written before the charts) is complete.
source "$(dirname "$0")/lib.sh"
mkdir -p "$WORK/out"
echo "earlier results" >"$WORK/out/results.h5"
for signal in INT TERM; do
  "$DAYOPPS" run "$BASELINE" --replications 2000 --output "$WORK/out" --no-charts --threads 2 \
    >"$WORK/last.out" 2>"$WORK/last.err" &
  pid=$!
  sleep 2
  kill -s "$signal" "$pid"
  start=$(date +%s%N)
  wait "$pid"
  echo $? >"$WORK/last.rc"
  elapsed_ms=$((($(date +%s%N) - start) / 1000000))
  check "SIG$signal: exit 130" exit_code_is 130
  check "SIG$signal: says it was interrupted" stderr_has "interrupted; no results written"
  check "SIG$signal: stopped within a second (${elapsed_ms} ms)" test "$elapsed_ms" -lt 1000
  check "SIG$signal: earlier results untouched" grep -qx "earlier results" "$WORK/out/results.h5"
  check "SIG$signal: no temporary files" no_partial_files "$WORK/out"
done

# At the last moment: SIGTERM from the instant the last replication is reported until after the run ends. Before
# the final rename the run must stop with 130, say so and leave the earlier results; after it, the new results
# are complete (exit 0). Either way nothing partial is left, and the two outcomes never mix.
outcomes=""
for delay in 0 0.01 0.03 0.06 0.1 0.2 0.4; do
  echo "earlier results" >"$WORK/out/results.h5"
  "$DAYOPPS" run "$BASELINE" --replications 24 --horizon 2024 --output "$WORK/out" --no-charts --threads 2 \
    >"$WORK/last.out" 2>"$WORK/last.err" &
  pid=$!
  for _ in $(seq 1 3000); do  # until the last replication is reported (at most 30 s)
    grep -q "replication 24/24" "$WORK/last.err" 2>/dev/null && break
    sleep 0.01
  done
  sleep "$delay"
  kill -s TERM "$pid" 2>/dev/null
  wait "$pid"
  echo $? >"$WORK/last.rc"
  case $(last_rc) in
    130)
      outcomes="$outcomes stopped"
      check "last moment +${delay}s, stopped: says it was interrupted" stderr_has "interrupted; no results written"
      check "last moment +${delay}s, stopped: earlier results untouched" grep -qx "earlier results" "$WORK/out/results.h5"
      ;;
    0)
      outcomes="$outcomes finished"
      check "last moment +${delay}s, finished: results.h5 is new and complete" "$PYTHON" -c \
        "import h5py, sys; h5py.File(sys.argv[1])['population']" "$WORK/out/results.h5"
      ;;
    *) check "last moment +${delay}s: exit 130 or 0, not $(last_rc)" false ;;
  esac
  check "last moment +${delay}s: no temporary files" no_partial_files "$WORK/out"
done
echo "last moment: outcomes by delay (0 to 0.4 s):$outcomes"

# No running process has `text` in its command line (the helpers all name the output folder or files in it).
no_process_names() { ! pgrep -af -- "$1"; }

for signal in INT TERM; do
  out="$WORK/charts-$signal"
  "$DAYOPPS" run "$BASELINE" --replications 2 --horizon 2026 --output "$out" --threads 2 \
    >"$WORK/last.out" 2>"$WORK/last.err" &
  pid=$!
  for _ in $(seq 1 300); do  # until the charts have started (at most 30 s)
    grep -q "drawing charts" "$WORK/last.err" 2>/dev/null && break
    sleep 0.1
  done
  sleep 1.5  # the helpers are running: Python importing matplotlib, the notebook kernel starting
  kill -s "$signal" "$pid"
  start=$(date +%s%N)
  wait "$pid"
  echo $? >"$WORK/last.rc"
  elapsed_ms=$((($(date +%s%N) - start) / 1000000))
  check "charts, SIG$signal: exit 130" exit_code_is 130
  check "charts, SIG$signal: says it was interrupted" stderr_has "interrupted while drawing charts"
  check "charts, SIG$signal: stopped within 3 s (${elapsed_ms} ms)" test "$elapsed_ms" -lt 3000
  check "charts, SIG$signal: no helper process left" no_process_names "$out"
  before=$(find "$out" -printf '%p %s %T@\n' | sort)
  sleep 2
  after=$(find "$out" -printf '%p %s %T@\n' | sort)
  check "charts, SIG$signal: nothing written after dayopps exited" test "$before" = "$after"
  check "charts, SIG$signal: no temporary chart files" \
    test -z "$(find "$out" -name '*.tmp.png' -o -name '*.tmp' -o -name '.report.*' -o -name '*.partial-*')"
  check "charts, SIG$signal: results.h5 is complete" "$PYTHON" -c "import h5py, sys; h5py.File(sys.argv[1])['services']" \
    "$out/results.h5"
done
finish
