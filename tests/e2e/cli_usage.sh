# The command line: help a newcomer can read, and a one-line reason with exit 2 for every misuse.
source "$(dirname "$0")/lib.sh"
run_dayopps --help
check "--help exits 0" exit_code_is 0
check "--help explains the exit codes" grep -q "Exit codes" "$WORK/last.out"
check "--help names the run command" grep -q "run" "$WORK/last.out"
run_dayopps run --help
check "run --help lists the limits" grep -q "1 to 10000" "$WORK/last.out"
run_dayopps --version
check "--version exits 0" exit_code_is 0
run_dayopps
check "no command: exit 2" exit_code_is 2
check "no command: one line" stderr_error_lines_are 1
run_dayopps run --bogus
check "unknown option: exit 2" exit_code_is 2
check "unknown option: one line" stderr_error_lines_are 1
run_dayopps run "$BASELINE" --seed -5
check "negative seed: exit 2" exit_code_is 2
check "negative seed: says why" stderr_has "field '--seed': '-5' is not a whole number from 0 to 2^63-1"
run_dayopps run "$BASELINE" --replications 1000000000
check "absurd replications: exit 2" exit_code_is 2
check "absurd replications: says the limit" stderr_has "between 1 and 10000"
finish
