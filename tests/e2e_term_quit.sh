#!/bin/sh
# e2e_term_quit.sh - a quit is final: q followed at once by Ctrl-C, Ctrl-\
# or Ctrl-Z (which the tty turns into SIGINT, SIGQUIT, SIGTSTP) ended with
# the signal's status, was killed by it when the handlers went, or stopped.
# Storms of them, in one send-keys call (one write to the terminal) or in
# two quick ones, with job control as under an interactive shell; each run
# must end with status 0, not stopped, and the terminal restored. The
# storms are seeded: QS_QUIT_SEED=N replays one, QS_QUIT_RUNS sets how many.
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui_lib.sh"

seed=${QS_QUIT_SEED:-20261201}
runs=${QS_QUIT_RUNS:-30}
TUI_TIMEOUT=${TUI_TIMEOUT:-5}

# one line per run: the key after q, and 1 (one call) or 2 (two calls)
plan=$(awk -v seed="$seed" -v n="$runs" 'BEGIN {
    srand(seed)
    split("C-c C-\\ C-z", keys, " ")
    for (i = 0; i < n; i++) print keys[1 + int(rand() * 3)], 1 + int(rand() * 2)
}')

k=0
bad=0
echo "$plan" | {
    while read -r key calls; do
        k=$((k + 1))
        TUI_JOBCTL=1 tui_start 80 24 -- -i
        tui_wait "run $k: start" "Footprint" >/dev/null || { bad=$((bad + 1)); continue; }
        if [ "$calls" = 1 ]; then
            tui_keys q "$key"
        else
            tui_keys q
            tui_keys "$key"
        fi
        i=0
        while [ ! -s "$tui_dir/status" ] && [ ! -s "$tui_dir/stopped" ] && [ $i -lt $((TUI_TIMEOUT * 20)) ]; do
            sleep 0.05
            i=$((i + 1))
        done
        if [ -s "$tui_dir/stopped" ]; then
            fail "run $k (q $key, $calls call(s)): stopped"
            bad=$((bad + 1))
            continue
        fi
        st=$(cat "$tui_dir/status" 2>/dev/null)
        if [ "$st" != 0 ]; then
            fail "run $k (q $key, $calls call(s)): exit status ${st:-none}, expected 0"
            bad=$((bad + 1))
            continue
        fi
        pass
        tui_expect_stty "run $k (q $key): stty modes" >/dev/null
        tui_expect_flag "run $k (q $key): mouse reporting off" mouse_button_flag 0 >/dev/null
    done
    echo "$bad of $k runs went wrong"
    printf '%d passed, %d failed\n' "$tui_passed" "$tui_failed"
    [ "$tui_failed" -eq 0 ]
}
exit $?
