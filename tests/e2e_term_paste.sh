#!/bin/sh
# e2e_term_paste.sh - bracketed paste (mode 2004): switched on with the
# mouse after curses has set the screen up, off on every exit path and
# while suspended; pasted text is never a command (tmux paste-buffer -p
# wraps it in the markers only when the program asked for them, so
# without the mode a pasted "q" quit).
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui_lib.sh"

on=$(tui_hex '\033[?2004h')
off=$(tui_hex '\033[?2004l')
smcup=$(tui_hex '\033[?1049h')
# pasting: "on" or "off", whichever mode-2004 sequence came last; "none"
# when neither did
pasting() {
    tui_bytes_hex | awk -v on="$on" -v off="$off" '{
        a = 0; b = 0; s = $0 " "
        while ((i = index(s, on)) > 0) { a += i; s = substr(s, i + 1) }
        s = $0 " "
        while ((i = index(s, off)) > 0) { b += i; s = substr(s, i + 1) }
        print a == 0 && b == 0 ? "none" : (a > b ? "on" : "off")
    }'
}
# offset HEX: where the first HEX sequence starts in the capture (0: nowhere)
offset() { tui_bytes_hex | awk -v h="$1" '{ print index($0 " ", h) }'; }

# expect_paste WHAT on|off: the last mode-2004 sequence written
expect_paste() {
    sleep 0.1
    got=$(pasting)
    if [ "$got" = "$2" ]; then pass; else fail "$1: bracketed paste $got, expected $2"; fi
}

TUI_CAPTURE=1 tui_start 80 24 -- -i -p 7B -b 16
tui_wait "start" "16.00 bpw"
expect_paste "start" on
a=$(offset "$smcup")
b=$(offset "$on")
if [ "$a" -gt 0 ] && [ "$b" -gt "$a" ]; then
    pass
else
    fail "paste mode on before the screen was set up (alternate screen at $a, 2004h at $b)"
fi

# a paste of q, Enter and PgUp does nothing of that: no quit, no step
tmx set-buffer -b qspaste "$(printf 'q\n\033[5~q\n')"
tmx paste-buffer -p -b qspaste -t qs
tui_keys Right
tui_wait "after the paste: still running, Right steps" "17.00 bpw"
tui_alive "after a pasted q"

# Ctrl-Z: off while stopped, on again after fg
tui_keys q
tui_wait_exit "q" 0
expect_paste "after q" off
tui_expect_stty "after q: stty modes"

TUI_JOBCTL=1 TUI_CAPTURE=1 tui_start 80 24 -- -i -b 4
tui_wait "Ctrl-Z: start" "4.00 bpw"
tui_keys C-z
if tui_wait_file stopped; then pass; else fail "Ctrl-Z: quantscope did not stop"; fi
expect_paste "stopped" off
touch "$tui_dir/cont"
tui_wait "fg: screen back" "4.00 bpw"
tui_expect_flag "fg: mouse on again" mouse_button_flag 1
expect_paste "fg" on
# SIGTERM: off on that path too
kill -TERM "$tui_pid"
tui_wait_exit "SIGTERM" 143
expect_paste "after SIGTERM" off

tui_finish
