#!/bin/sh
# e2e_tui_lesson.sh - the lesson on a projector (issue 12): --lesson opens
# at a 70B model's FP32 stop with its footprint in GiB and decimal GB (the
# figures the command line gives), Space goes on to FP16 and Left back, Esc
# leaves for the main screen; the projector theme sends no dim attribute
# (SGR 2) where the default theme does, T cycles the theme with its name on
# the screen; c puts the classic stops on the track and p pins the
# configuration beside the next. Every run quits with q and leaves the
# terminal as it was.
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui_lib.sh"

esc=$(printf '\033')
# has_dim: the screen, with its attributes, holds an SGR with parameter 2.
has_dim() {
    tmx capture-pane -e -p -t qs | LC_ALL=C grep -qE "$esc\[([0-9]*;)*2(;[0-9]*)*m"
}
# gb SIZE BITS: the decimal GB the command line gives.
gb() {
    "$QUANTSCOPE" -p "$1" -b "$2" </dev/null | sed -n 's/.*GiB (\([0-9][0-9.]*\) GB).*/\1/p'
}

fp32=$(footprint 70B 32)
fp16=$(footprint 70B 16)
int2=$(footprint 7B 2)
[ "$fp32" = 260.77 ] && [ "$(gb 70B 32)" = 280.00 ] && [ "$(gb 70B 4)" = 35.00 ] && pass ||
    fail "the command line's 70B figures: $fp32 GiB, $(gb 70B 32) GB at FP32, $(gb 70B 4) GB at INT4"

# --- the walk --------------------------------------------------------------------
tui_start 80 24 -- --lesson
tui_wait "the first stop" "A 70B model at FP32: 32 bits, 4 bytes per weight"
tui_wait "its footprint in GiB" "$fp32 GiB"
tui_wait "and in decimal GB" "= 280.00 GB"
tui_wait "its quality note" "no loss: full precision"
tui_wait "what fits" "Fits     on "
tui_wait "its caption" "Full precision: every weight is a 32-bit float"
tui_wait "stop 1" "stop 1 of 10"
tui_keys Space
tui_wait "Space: FP16" "A 70B model at FP16: 16 bits, 2 bytes per weight"
tui_wait "FP16's footprint" "$fp16 GiB"
tui_wait "FP16's GB" "= 140.00 GB"
tui_wait "FP16's quality" "almost no loss"
tui_keys Left Left
tui_wait "Left, clamped: FP32 again" "stop 1 of 10"
tui_keys Right Right Right Right Right Right Right Right Right Right Right
tui_wait "the last stop: 7B INT2" "A 7B model at INT2"
tui_wait "its footprint" "$int2 GiB"
tui_wait "clamped at 10" "stop 10 of 10"
tui_keys Escape
tui_wait "Esc: the main screen" "quantscope  LLM memory at any precision"
tui_wait "on the last stop's query" "Footprint  $int2 GiB"
tui_keys q
tui_wait_exit "q after the lesson" 0
tui_expect_stty "lesson: the terminal as it was"

# --- themes: dim in the default, none in the projector's --------------------------
tui_start 80 24 -- --lesson
tui_wait "default theme" "theme default"
if has_dim; then pass; else fail "the default theme shows no dim text: the test below proves nothing"; fi
tui_keys T
tui_wait "T: the projector theme" "theme projector"
if has_dim; then fail "the projector theme sends SGR 2 (dim)"; else pass; fi
tui_keys q
tui_wait_exit "q (theme)" 0
tui_wait "on exit, the command of the screen" "quantscope --params 70000000000 -f FP32 --ctx 4096"
tui_wait "with its theme" "--theme projector"

tui_start 80 24 -- --theme projector -p llama-3.1-8b
tui_wait "--theme projector: named on the screen" "theme projector"
tui_wait "the main screen" "Footprint"
if has_dim; then fail "--theme projector: SGR 2 on the main screen"; else pass; fi
if tmx capture-pane -e -p -t qs | LC_ALL=C grep -qE "$esc\[([0-9]*;)*3[36](;[0-9]*)*m"; then
    fail "--theme projector: yellow or cyan on the screen"
else
    pass
fi
tui_keys t
tui_wait "the table" "Table"
if has_dim; then fail "--theme projector: SGR 2 in the table"; else pass; fi
tui_keys t
# c: the classic track's names only
tui_keys c
tui_wait "c: classic" "classic track: FP32, FP16, INT8, INT4, INT2"
tui_wait "the classic names" "INT2           INT4           INT8           FP16"
tui_wait_gone "no Q4_K_M tick" "Q4_K_M"
tui_keys Left
tui_wait "Left: INT8" "8.00 bpw  INT8"
tui_keys c
tui_wait "c again: every name" "Q4_K_M"
# p: pin, then compare
tui_keys p
tui_wait "p pins" "pinned: change the model"
tui_keys PageDown
tui_wait "the pinned row" "Pinned     Llama-3.1-8B INT8"
tui_wait "the current row" "Now        Llama-3.1-8B"
tui_wait "the ratio" "x smaller"
tui_keys p
tui_wait "p unpins" "unpinned"
tui_wait_gone "the pin's rows go" "Pinned     Llama-3.1-8B"
tui_keys q
tui_wait_exit "q (projector)" 0

# --- NO_COLOR wins: no colour in any theme --------------------------------------
tui_start 80 24 NO_COLOR=1 -- --theme light
tui_wait "NO_COLOR, light" "theme light"
if tmx capture-pane -e -p -t qs | LC_ALL=C grep -qE "$esc\[([0-9]*;)*(3[0-7]|4[0-7]|38|48)(;[0-9]*)*m"; then
    fail "NO_COLOR: colour on the screen"
else
    pass
fi
tui_keys q
tui_wait_exit "q (NO_COLOR)" 0

# Without a terminal --lesson says so, naming itself, and exits 2.
lesson_err=$("$QUANTSCOPE" --lesson </dev/null 2>&1 >/dev/null)
lesson_rc=$?
if [ "$lesson_rc" -eq 2 ] && [ "$lesson_err" = "quantscope: --lesson needs a terminal on stdin and stdout" ]; then
    pass
else
    fail "--lesson without a terminal: exit $lesson_rc, '$lesson_err'"
fi

tui_finish
