#!/bin/sh
# e2e_tui_term.sh - terminals as they are: NO_COLOR and TERM=vt100 show no
# colour, LANG=C shows only ASCII, and the screen works with TERM set to
# xterm-256color, screen-256color, tmux-256color, linux and vt100.
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui_lib.sh"

# 1 when the screen (with attributes) has a colour: SGR parameters 30-37,
# 40-47, 90-97, 100-107, or 38/48 (256 and direct colours). 39/49 (the
# default colours) do not count.
has_colour() {
    tmx capture-pane -e -p -t qs | grep -o "$(printf '\033')\[[0-9;:]*m" |
        sed 's/^.\[//; s/m$//' | tr ';:' '\n\n' |
        grep -Eqx '3[0-8]|4[0-8]|9[0-7]|10[0-7]'
}

# 1 when the screen has a byte outside ASCII.
has_non_ascii() {
    n=$(tui_screen | LC_ALL=C tr -d '\000-\177' | wc -c)
    [ "$n" -gt 0 ]
}

# The default run has colours (so that the checks below can fail) ...
tui_start 80 24 -- -i -p 7B -b 4
tui_wait "colour run" "4.00 bpw"
if has_colour; then pass; else fail "no colour on xterm-256color without NO_COLOR"; fi
if [ -n "$TUI_UTF8" ]; then
    if has_non_ascii; then pass; else fail "no UTF-8 glyphs in $TUI_UTF8"; fi
fi
tui_keys q
tui_wait_exit "colour run quits" 0

# ... NO_COLOR=1 has none, and still says every verdict in words
tui_start 80 24 NO_COLOR=1 -- -i -p 7B -b 16
tui_wait "NO_COLOR run" "16.00 bpw  FP16"
tui_wait "NO_COLOR: verdict words" "no fit"
if has_colour; then fail "colour with NO_COLOR=1"; else pass; fi
tui_keys q
tui_wait_exit "NO_COLOR quits" 0

# NO_COLOR set but empty does not count (no-color.org)
tui_start 80 24 NO_COLOR= -- -i -p 7B -b 16
tui_wait "empty NO_COLOR run" "16.00 bpw"
if has_colour; then pass; else fail "no colour with NO_COLOR empty"; fi
tui_keys q
tui_wait_exit "empty NO_COLOR quits" 0

# LANG=C (and nothing overriding it): ASCII only, also in the picker box
tui_start 80 24 LC_ALL= LANG=C -- -i -p 7B -b 16
tui_wait "LANG=C run" "16.00 bpw  FP16"
tui_wait "LANG=C savings" "same size as FP16 (13.04 GiB)"
if has_non_ascii; then fail "non-ASCII bytes with LANG=C"; else pass; fi
tui_keys m
tui_wait "LANG=C picker" "Filter: _"
if has_non_ascii; then fail "non-ASCII bytes in the picker with LANG=C"; else pass; fi
tui_keys Escape
sleep 0.2
tui_keys q
tui_wait_exit "LANG=C quits" 0

# TERM=vt100: no colour (it has none); with LANG=C no non-ASCII either
tui_start 80 24 TERM=vt100 -- -i -p 7B -b 16
tui_wait "vt100 run" "16.00 bpw  FP16"
if has_colour; then fail "colour with TERM=vt100"; else pass; fi
tui_keys Right
tui_wait "vt100 Right" "17.00 bpw"
tui_keys q
tui_wait_exit "vt100 quits" 0
tui_start 80 24 TERM=vt100 LC_ALL=C -- -i -p 7B -b 16
tui_wait "vt100 LANG=C run" "16.00 bpw  FP16"
if has_colour; then fail "colour with TERM=vt100 LC_ALL=C"; else pass; fi
if has_non_ascii; then fail "non-ASCII bytes with TERM=vt100 LC_ALL=C"; else pass; fi
tui_keys q
tui_wait_exit "vt100 LANG=C quits" 0

# every TERM the issue names draws the screen and answers keys
for term in xterm-256color screen-256color tmux-256color linux vt100; do
    if ! infocmp "$term" >/dev/null 2>&1; then
        echo "no terminfo entry for $term here: not tested" >&2
        continue
    fi
    tui_start 80 24 TERM=$term -- -i -p 7B -b 16
    tui_wait "TERM=$term start" "Footprint  $(footprint 7B 16) GiB"
    tui_keys End
    tui_wait "TERM=$term End" "Footprint  $(footprint 7B 32) GiB"
    tui_keys q
    tui_wait_exit "TERM=$term quits" 0
done

# an unknown TERM with -i: a clear message and status 1 (the terminal
# failed; 2 is for usage errors), terminal untouched
tui_start 80 24 TERM=no-such-terminal -- -i
tui_wait_exit "unknown TERM" 1
tui_wait "unknown TERM message" "cannot show a screen on this terminal (TERM=no-such-terminal)"
tui_expect_stty "unknown TERM leaves the modes"

# without -i, a terminal that cannot show a screen gets the table instead
for term in no-such-terminal dumb; do
    tui_start 80 24 TERM=$term --
    tui_wait_exit "TERM=$term without -i" 0
    tui_wait "TERM=$term says why" "no interactive screen on this terminal (TERM=$term)"
    tui_wait "TERM=$term prints the table" "INT4"
    tui_expect_stty "TERM=$term leaves the modes"
done

tui_finish
