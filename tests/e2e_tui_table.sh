#!/bin/sh
# e2e_tui_table.sh - the table view and the rounding panel (issue 12) in
# tmux: t opens the table on the current precision's row (reverse video and
# '>'), s cycles the sort (its name on the legend line: by bits, by need on
# the selected device, by name, by bits again) and the rows follow it;
# Down moves the selection and Enter sets its precision on the main screen,
# as a named step does, the table closed; Esc closes it and sets nothing.
# The rounding panel (d): 3.14159 at FP32 .. INT2 and the block's RMS error
# and SNR at the slider's bits, the figures --demo-rounding --json gives;
# d and Esc close it; the slider's keys inside it, and a step on the main
# screen, change its bits. Every run quits with q and leaves the terminal
# as it was.
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui_lib.sh"

if ! command -v jq >/dev/null 2>&1; then
    echo "jq is not installed: install it to run the table front-end test" >&2
    exit 77
fi

# absmax_row BITS: the absmax method's RMS error and SNR at BITS as the
# panel writes them ("%8.2e %6.2f"), from --demo-rounding --json.
absmax_row() {
    "$QUANTSCOPE" --demo-rounding -b "$1" --json |
        jq -r '.methods[] | select(.method == "absmax") | [.all.rms, .all.snr_db] | @tsv' |
        { IFS=$(printf '\t') read -r rms snr; printf '%8.2e %6.2f' "$rms" "$snr"; }
}

# --- the table: the selection, the sort, Enter ---------------------------------------
tui_start 80 24 -- -i -p llama-3.1-8b -f fp16
tui_wait "start" "Context    4096 tokens"
tui_wait "FP16 on the main screen" "16.00 bpw  FP16"
tui_keys t
tui_wait "t opens the table" "Table  Llama-3.1-8B"
tui_wait "the current row selected" "> FP16 "
tui_expect_reverse_row "the selected row's bar" "> FP16 " 80
tui_wait "the default sort on the legend" "sorted by bits  "
tui_wait "the keys line" "> FP16 2/22  *FP16 now  Up/Down move  Enter use  s sort"
tui_keys s
tui_wait "s: by need on the selected device" "sorted by need on this machine (RAM)"
tui_wait "the selection kept: FP16, 20th of 22" "> FP16 20/22"
tui_keys End
tui_wait "End: the largest need last" "> FP32 22/22"
tui_keys Home
tui_wait "Home: the smallest need first" "> TERNARY 1/22"
first=$(tui_screen | sed -n 4p | awk '{ print $2 }')
[ "$first" = TERNARY ] && pass || fail "by need: the first row is '$first', expected TERNARY"
tui_wait "then INT2" "  INT2     2.00"
# closed and opened again: the sort is kept, the query's row selected
tui_keys t
tui_wait_gone "t closes the table" "sorted by need"
tui_keys t
tui_wait "the sort kept" "sorted by need on this machine (RAM)"
tui_wait "on FP16 again" "> FP16 20/22"
tui_keys s
tui_wait "s: by name" "sorted by name  "
tui_wait "FP16 third by name" "> FP16 3/22"
tui_keys s
tui_wait "s: back to the bits" "sorted by bits  "
tui_wait "FP16 second by bits" "> FP16 2/22"
# Down to INT8: BF16, Q8_0, FP8, INT8
tui_keys Down
tui_wait "Down selects the next row" "> BF16 3/22"
tui_wait "the query's row keeps a '*'" "* FP16 "
tui_expect_reverse_row "the new selection's bar" "> BF16 " 80
tui_keys Down Down Down
tui_wait "down to INT8" "> INT8 6/22"
tui_keys Enter
tui_wait_gone "Enter closes the table" "sorted by bits"
tui_wait "the main screen at INT8" "8.00 bpw  INT8"
tui_wait "said so" "INT8 from the table"
# Esc: closes and sets nothing
tui_keys t
tui_wait "the table again, on INT8" "> INT8 6/22  *INT8 now"
tui_keys Up Escape
tui_wait_gone "Esc closes the table" "sorted by bits"
tui_wait "the precision unchanged" "8.00 bpw  INT8"
# a click on a row selects it (SGR mouse: column 10, the table's 5th line)
tui_keys t
tui_wait "the table once more" "> INT8 6/22"
tui_keys Home
tui_wait "Home: the first row" "> FP32 1/22"
tui_raw '\033[<0;10;6M\033[<0;10;6m'
tui_wait "a click on the third row selects it" "> BF16 3/22"
tui_keys End Enter
tui_wait "End and Enter: the last row's precision" "TERNARY"
tui_wait "on the main screen" "TERNARY from the table"
tui_keys q
tui_wait_exit "q (table)" 0
tui_expect_stty "table: the terminal as it was"

# --- the rounding panel ---------------------------------------------------------------
r8=$(absmax_row 8)
r775=$(absmax_row 7.75)
r725=$(absmax_row 7.25)
[ -n "$r8" ] && [ "$r8" != "$r775" ] && pass ||
    fail "--demo-rounding --json: absmax at 8 bits '$r8', at 7.75 '$r775'"
tui_start 80 30 -- -i -p llama-3.1-8b -f int8
tui_wait "start at INT8" "8.00 bpw  INT8"
tui_keys d
tui_wait "d opens the panel" "Rounding at 8 bits"
tui_wait "3.14159" "3.14159 stored (the integers in a block of absmax 4):"
tui_wait "FP32 and FP16" "FP32 3.14159012 +1.2e-07   FP16 3.140625 -9.6e-04"
tui_wait "INT8, INT4, INT2" "INT8 3.149606 +8.0e-03   INT4 2.857143 -2.8e-01   INT2 4 +8.6e-01"
tui_wait "the block at the slider's bits" "at 8 bits: 8-bit codes, 255 levels"
tui_wait "the methods' columns" "RMS err SNR dB"
tui_wait "absmax: RMS and SNR at 8 bits" "$r8"
tui_wait "its footer" "Left/Right bits  Esc close"
tui_keys d
tui_wait_gone "d closes it" "Rounding at"
tui_wait "the main screen" "8.00 bpw  INT8"
tui_keys d
tui_wait "d again" "Rounding at 8 bits"
tui_keys Escape
tui_wait_gone "Esc closes it" "Rounding at"
# the slider's keys inside it: the panel follows
tui_keys d Left
tui_wait "Left in the panel: 7.75 bits" "Rounding at 7.75 bits"
tui_wait "the block at 7.75" "at 7.75 bits: 7-bit codes"
tui_wait "absmax at 7.75 bits" "$r775"
tui_keys Escape
tui_wait "the main screen at 7.75" "7.75 bpw"
# a step on the main screen, then the panel: at the new bits
tui_keys Left Left d
tui_wait "the panel at 7.25" "Rounding at 7.25 bits"
tui_wait "absmax at 7.25 bits" "$r725"
tui_keys q
tui_wait_exit "q (rounding)" 0
tui_expect_stty "rounding: the terminal as it was"

tui_finish
