#!/bin/sh
# e2e_tui_picker.sh - the model picker's verdicts (issue 10): each row says
# in words whether that model fits on the selected device, the same word
# --fit gives for it at the same weights; the title names the device; the
# fits-only filter (Ctrl+F, F2) is shown on the filter line and in the
# picker's footer and leaves out the rows that get no fit. Models read from
# the user's files are not relied on here (check_app_picker.c has them).
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui_lib.sh"

if ! command -v jq >/dev/null 2>&1; then
    echo "jq is not installed: install it to run the picker front-end test" >&2
    exit 77
fi

# verdict_of ID: --fit's verdict word for ID at plain 4.5 bits on an RTX 4090
# with no RAM to offload into (--ram 0: else a 70B "runs with offload").
verdict_of() {
    "$QUANTSCOPE" -p "$1" -b 4.5 --device rtx-4090 --ram 0 --fit --json </dev/null |
        jq -r '[.devices[] | select(.id == "rtx-4090") | .verdict][0]'
}

# row_has NAME WORD: the picker row of model NAME ends with verdict WORD.
row_has() {
    if tui_screen | grep -E "[│|] *>? *$1 +[0-9.]+[KMBT]? +(local +)?$2 *[│|]" >/dev/null
    then pass
    else fail "the row of $1 does not end with '$2'"
    fi
}
# row_gone NAME: no picker row of model NAME.
row_gone() {
    if tui_screen | grep -E "[│|] *>? *$1 +[0-9.]+" >/dev/null
    then fail "the row of $1 is still listed"
    else pass
    fi
}

v8=$(verdict_of llama-3.1-8b)
v70=$(verdict_of llama-3.1-70b)
v405=$(verdict_of llama-3.1-405b)
# the test's premise: 8B fits on 24 GB at 4.5 bits, 70B and 405B do not
[ "$v8" = fits ] && [ "$v70" = "no fit" ] && [ "$v405" = "no fit" ] && pass ||
    fail "--fit says 8B '$v8', 70B '$v70', 405B '$v405' on an RTX 4090 at 4.5 bits"

tui_start 100 30 -- -i -p 7B -b 4.5 --device rtx-4090 --ram 0
tui_wait "start" "bpw"
# the devices: Tab from the slider to them, End selects the last (RTX 4090)
tui_keys Tab Tab Tab End
tui_wait "RTX 4090 selected" "> RTX 4090"
tui_keys m
tui_wait "the picker names the device" "Model: verdicts on RTX 4090"
tui_wait "the picker opens" "Filter: _"
tui_type "llama-3.1-"
tui_wait "filtered" "Filter: llama-3.1-_"
tui_wait "a verdict word on a row" "no fit"
row_has "Llama-3.1-8B" "$v8"
row_has "Llama-3.1-70B" "$v70"
row_has "Llama-3.1-405B" "$v405"

# Ctrl+F: fits only, said on the filter line; the no-fit rows go
tui_keys C-f
tui_wait "fits only on" "Filter: llama-3.1-_  [fits only]"
tui_wait_gone "no-fit rows left out" "no fit"
row_has "Llama-3.1-8B" "$v8"
row_gone "Llama-3.1-70B"
row_gone "Llama-3.1-405B"
# F2: off again, all three back
tui_keys F2
tui_wait_gone "fits only off" "[fits only]"
tui_wait "the rows back" "no fit"
row_has "Llama-3.1-70B" "$v70"
# on, and the picker's footer says so
tui_keys C-f
tui_wait "fits only on again" "[fits only]"
tui_wait "the footer names the key" "Ctrl+F fits only"
# Esc closes it; opened again, the filter is still on
tui_keys Escape
tui_wait_gone "picker closed" "Filter:"
tui_keys m
tui_wait "the filter stays on" "Filter: _  [fits only]"
tui_keys Escape
tui_wait_gone "picker closed again" "Filter:"
tui_keys q
tui_wait_exit "q" 0
tui_finish
