#!/bin/sh
# e2e_tui_restore.sh - the terminal is always restored: `stty -g` before
# and after are equal, mouse reporting is off and the cursor visible, after
# q, Ctrl-C, SIGHUP, SIGTERM (also in the middle of a drag) and when the
# terminal goes away; Ctrl-Z stops it with the terminal restored and `fg`
# (SIGCONT) brings the screen back.
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui_lib.sh"

restored() {
    tui_expect_stty "$1: stty modes"
    tui_expect_flag "$1: mouse reporting off" mouse_button_flag 0
    tui_expect_flag "$1: SGR mouse off" mouse_sgr_flag 0
    tui_expect_flag "$1: cursor visible" cursor_flag 1
    tui_expect_flag "$1: normal screen" alternate_on 0
}

# q
tui_start 80 24 -- -i
tui_wait "q: start" "Footprint"
tui_keys q
tui_wait_exit "q" 0
restored "q"

# Ctrl-C from the keyboard (SIGINT): a user's quit, status 0
tui_start 80 24 -- -i
tui_wait "Ctrl-C: start" "Footprint"
tui_keys C-c
tui_wait_exit "Ctrl-C" 0
restored "Ctrl-C"

# SIGHUP (an ssh session dropping): status 128 + 1
tui_start 80 24 -- -i
tui_wait "SIGHUP: start" "Footprint"
kill -HUP "$tui_pid"
tui_wait_exit "SIGHUP" 129
restored "SIGHUP"

# SIGTERM in the middle of a drag: status 128 + 15
tui_start 80 24 -- -i
tui_wait "SIGTERM: start" "Footprint"
tui_raw '\033[<0;33;5M\033[<32;40;5M'
tui_wait "SIGTERM: dragging" "bpw"
kill -TERM "$tui_pid"
tui_wait_exit "SIGTERM" 143
restored "SIGTERM during a drag"

# Ctrl-Z: stopped with the terminal restored; fg repaints it all. This run
# has job control, as under an interactive shell (an orphaned process group
# cannot stop).
TUI_JOBCTL=1 tui_start 80 24 -- -i -b 4
tui_wait "Ctrl-Z: start" "4.00 bpw"
tui_keys C-z
if tui_wait_file stopped; then pass; else fail "Ctrl-Z: quantscope did not stop"; fi
tui_expect_flag "Ctrl-Z: mouse off while stopped" mouse_button_flag 0
tui_expect_flag "Ctrl-Z: cursor visible while stopped" cursor_flag 1
tui_expect_flag "Ctrl-Z: normal screen while stopped" alternate_on 0
touch "$tui_dir/cont"
tui_wait "fg: screen back" "4.00 bpw"
tui_wait "fg: footprint back" "Footprint"
tui_expect_flag "fg: mouse on again" mouse_button_flag 1
tui_keys Right
tui_wait "fg: answers keys" "4.25 bpw"
tui_keys q
tui_wait_exit "q after fg" 0
restored "Ctrl-Z and fg"

# the terminal goes away: the program ends instead of spinning
tui_start 80 24 -- -i
tui_wait "lost terminal: start" "Footprint"
pid=$tui_pid
tmx kill-pane -t qs
i=0
while kill -0 "$pid" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -gt $((TUI_TIMEOUT * 20)) ]; then
        fail "lost terminal: quantscope still runs"
        kill -KILL "$pid" 2>/dev/null
        break
    fi
    sleep 0.05
done
[ $i -le $((TUI_TIMEOUT * 20)) ] && pass

tui_finish
