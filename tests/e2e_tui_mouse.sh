#!/bin/sh
# e2e_tui_mouse.sh - the mouse end to end: mouse reporting on while running
# and off after, press-drag-release on the track (SGR and legacy X10
# encodings) moves the knob to the bits of the column on the log2 scale, a
# motion whose press was lost still drags, the wheel steps, a click on the
# model line opens the picker.
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui_lib.sh"

# At 80x24 the track is row 4 (0-based), columns 2 .. 77: 15 columns per
# doubling, so columns 2, 17, 32, 47, 62, 77 are 1, 2, 4, 8, 16, 32 bits.
# Mouse reports count from 1.
Y=5
col() { echo $(($1 + 1)); }
# bits of a column (0-based): 2^(5 (x - 2) / 75) rounded to hundredths
bits_at() { awk -v x="$1" 'BEGIN { printf "%.2f", exp(log(2) * 5 * (x - 2) / 75) }'; }

tui_start 80 24 -- -i -p 7B -b 16
tui_wait "start" "16.00 bpw  FP16"
tui_expect_flag "button-motion reporting on" mouse_button_flag 1
tui_expect_flag "SGR mouse on" mouse_sgr_flag 1

# SGR: press at 4 bits, drag to 8, then to a column between, release at 16
tui_raw "\033[<0;$(col 32);${Y}M"
tui_wait "press" "4.00 bpw"
tui_wait "press: footprint" "Footprint  $(footprint 7B 4) GiB"
tui_raw "\033[<32;$(col 47);${Y}M"
tui_wait "drag" "8.00 bpw"
b=$(bits_at 40)
tui_raw "\033[<32;$(col 40);$((Y + 3))M"
tui_wait "drag off the row keeps dragging" "$b bpw"
tui_wait "drag: footprint" "Footprint  $(footprint 7B "$b") GiB"
tui_raw "\033[<0;$(col 62);${Y}m"
tui_wait "release" "16.00 bpw"
# after the release, motion off the track does nothing
tui_raw "\033[<32;$(col 20);12M"
sleep 0.2
tui_wait "no drag after release" "16.00 bpw"
# drag past the end: clamped to 32
tui_raw "\033[<0;$(col 70);${Y}M\033[<32;80;${Y}M\033[<0;80;${Y}m"
tui_wait "drag past the end" "32.00 bpw  FP32"

# a lost press: motion with button 1 held on the track drags
tui_raw "\033[<32;$(col 17);${Y}M"
tui_wait "lost press drags" "2.00 bpw"
tui_raw "\033[<0;$(col 17);${Y}m"

# legacy X10 encoding: ESC [ M then button, column, row, each + 32
x10() { printf '\\033[M\\%03o\\%03o\\%03o' $(($1 + 32)) $(($2 + 32)) $(($3 + 32)); }
tui_raw "$(x10 0 "$(col 32)" $Y)"
tui_wait "legacy press" "4.00 bpw"
tui_raw "$(x10 32 "$(col 62)" $Y)"
tui_wait "legacy drag" "16.00 bpw"
tui_raw "$(x10 3 "$(col 47)" $Y)"
tui_wait "legacy release" "8.00 bpw"
tui_wait "legacy: footprint" "Footprint  $(footprint 7B 8) GiB"

# the wheel steps (1 bit from 8 bits up, a quarter below)
tui_raw "\033[<64;10;10M"
tui_wait "wheel up" "9.00 bpw"
tui_raw "\033[<65;10;10M\033[<65;10;10M"
tui_wait "wheel down" "7.75 bpw"

# a click on the model line opens the picker; a click outside closes it
tui_raw "\033[<0;15;2M\033[<0;15;2m"
tui_wait "click on the model" "Filter: _"
tui_raw "\033[<0;1;24M\033[<0;1;24m"
tui_wait_gone "click outside the picker" "Filter:"

# mouse reports with coordinates out of range do not crash it
tui_raw "\033[<0;0;0M\033[<32;9999;9999M\033[<0;9999;9999m\033[M   "
tui_keys Right
tui_wait "still answers after bad reports" "bpw"

tui_keys q
tui_wait_exit "q" 0
tui_expect_flag "button-motion reporting off after q" mouse_button_flag 0
tui_expect_flag "SGR mouse off after q" mouse_sgr_flag 0
tui_expect_flag "cursor visible after q" cursor_flag 1

tui_finish
