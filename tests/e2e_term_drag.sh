#!/bin/sh
# e2e_term_drag.sh - a drag whose release was lost while suspended: press
# on the slider track, Ctrl-Z (the release happens while stopped, and the
# program never sees it), fg, then a motion report with the button held far
# from the track. That motion kept dragging the knob; after a resume the
# drag is over, so it must not move.
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui_lib.sh"

# At 80x24 the track is row 4 (0-based), columns 2 .. 77, on a log2 scale:
# column 32 is 4 bits, column 62 16 bits (see e2e_tui_mouse.sh). Mouse
# reports count from 1.
Y=5
col() { echo $(($1 + 1)); }

TUI_JOBCTL=1 tui_start 80 24 -- -i -p 7B -b 16
tui_wait "start" "16.00 bpw"
tui_raw "\033[<0;$(col 32);${Y}M"
tui_wait "press on the track" "4.00 bpw"
tui_keys C-z
if tui_wait_file stopped; then pass; else fail "Ctrl-Z: quantscope did not stop"; fi
touch "$tui_dir/cont"
tui_wait "fg: screen back" "4.00 bpw"
tui_expect_flag "fg: mouse on again" mouse_button_flag 1
# button 1 held, far below the track, at the 16-bit column
tui_raw "\033[<32;$(col 62);$((Y + 10))M"
tui_keys Right
tui_wait "motion after fg does not drag" "4.25 bpw"
if tui_screen | grep -qF "16.00 bpw"; then fail "the knob followed a lost drag"; else pass; fi
# a new press still drags as before
tui_raw "\033[<0;$(col 47);${Y}M\033[<32;$(col 62);$((Y + 3))M\033[<0;$(col 62);$((Y + 3))m"
tui_wait "a new drag" "16.00 bpw"
tui_keys q
tui_wait_exit "q" 0
tui_expect_stty "stty modes"

tui_finish
