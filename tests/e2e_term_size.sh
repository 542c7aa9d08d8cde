#!/bin/sh
# e2e_term_size.sh - window sizes ncurses cannot take: a width or height of
# 32768 or more (TIOCGWINSZ's fields are unsigned short, ncurses' short)
# crashed inside resizeterm() and left the terminal raw, on the alternate
# screen, with mouse reporting on; at start-up it was blamed on TERM. The
# size is clamped: the program keeps running, answers keys, and comes back
# to normal when the size does.
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui_lib.sh"

restored() {
    tui_expect_stty "$1: stty modes"
    tui_expect_flag "$1: mouse reporting off" mouse_button_flag 0
    tui_expect_flag "$1: cursor visible" cursor_flag 1
    tui_expect_flag "$1: normal screen" alternate_on 0
}

# huge_at_run DIM: the size grows to 40000 in DIM (cols or rows) while it runs.
huge_at_run() {
    tui_start 80 24 -- -i -p 7B -b 16
    tui_wait "$1 40000: start" "16.00 bpw"
    tty=$(tui_pane_tty)
    stty -F "$tty" "$1" 40000 || { fail "$1 40000: stty -F $tty failed"; return; }
    sleep 0.3
    tui_alive "$1 40000 while running"
    # back to the pane's size: the screen comes back and answers keys
    stty -F "$tty" cols 80 rows 24
    tui_keys C-l Right
    tui_wait "$1 40000 then 80x24: answers keys" "17.00 bpw"
    tui_keys q
    tui_wait_exit "$1 40000: q quits" 0
    restored "$1 40000"
}
huge_at_run cols
huge_at_run rows

# 40000 x 40000: clamped in both, without crashing or eating the memory
tui_start 80 24 -- -i -p 7B -b 16
tui_wait "40000x40000: start" "16.00 bpw"
tty=$(tui_pane_tty)
stty -F "$tty" cols 40000 rows 40000
sleep 0.6
tui_alive "40000x40000 while running"
stty -F "$tty" cols 80 rows 24
tui_keys C-l Right
tui_wait "40000x40000 then 80x24: answers keys" "17.00 bpw"
tui_keys q
tui_wait_exit "40000x40000: q quits" 0

# huge at start-up: the screen starts (clamped), it is not blamed on TERM
for dim in cols rows; do
    TUI_PRE="stty $dim 40000" tui_start 80 24 -- -i -p 7B -b 16
    sleep 0.3
    tui_alive "$dim 40000 at start-up"
    if tui_screen | grep -qF "cannot show a screen"; then
        fail "$dim 40000 at start-up: blamed on the terminal"
    else
        pass
    fi
    stty -F "$(tui_pane_tty)" cols 80 rows 24
    tui_keys C-l Right
    tui_wait "$dim 40000 at start-up, then 80x24: answers keys" "17.00 bpw"
    tui_keys q
    tui_wait_exit "$dim 40000 at start-up: q quits" 0
    restored "$dim 40000 at start-up"
done

tui_finish
