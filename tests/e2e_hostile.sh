#!/bin/sh
# e2e_hostile.sh - hostile terminal input: thousands of random bytes into
# the running front end (cut-off escape sequences, CSI junk, SGR and legacy
# mouse reports far outside the window, high bytes, control bytes) at random
# sizes with resizes in between. The program must not crash, must still
# answer afterwards, and must restore the terminal when it quits. Also
# SIGINT in the middle of a drag. The byte streams are seeded, so a failure
# can be replayed: QS_HOSTILE_SEED=N.
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui_lib.sh"

seed=${QS_HOSTILE_SEED:-20261122}
rounds=${QS_HOSTILE_ROUNDS:-8}
chunk=${QS_HOSTILE_CHUNK:-600}

# hostile MODE SEED COUNT: COUNT random bytes as hex words for send-keys -H.
# MODE "wild" sends anything but the bytes that quit, suspend or freeze a
# terminal (q, Ctrl-C, Ctrl-Z, Ctrl-\, Ctrl-S, Ctrl-Q, a lone ESC);
# "tame" also leaves out what opens an overlay or an entry (m, t, ?, digits,
# '.', Enter) and keeps mouse reports outside the window, so that `q` quits
# at the end. ESC only ever starts a CSI or SS3 sequence, which may be cut off.
hostile() {
    awk -v mode="$1" -v seed="$2" -v count="$3" '
    function out(b) { printf "%02x ", b; n++ }
    function str(s,   i) { for (i = 1; i <= length(s); i++) out(ord[substr(s, i, 1)]) }
    function rnd(lo, hi) { return lo + int(rand() * (hi - lo + 1)) }
    function banned(b) {
        if (b == 3 || b == 26 || b == 28 || b == 17 || b == 19 || b == 27 || b == 113) return 1
        if (mode == "tame" && (b == 109 || b == 116 || b == 63 || b == 46 || b == 13 ||
            b == 10 || (b >= 48 && b <= 57))) return 1
        return 0
    }
    function coord() {
        if (mode == "tame") return rnd(0, 1) ? rnd(300, 99999) : 0
        return rnd(0, 3) ? rnd(0, 260) : rnd(1000, 9999999)
    }
    BEGIN {
        srand(seed)
        for (i = 32; i < 127; i++) ord[sprintf("%c", i)] = i
        while (n < count) {
            k = rnd(0, 9)
            if (k <= 2) {                          # printable ASCII
                b = rnd(32, 126); if (!banned(b)) out(b)
            } else if (k == 3) {                   # control bytes
                b = rnd(0, 31); if (!banned(b)) out(b)
            } else if (k == 4) {                   # high bytes
                out(rnd(128, 255))
            } else if (k == 5) {                   # CSI junk, maybe cut off
                out(27); str("[")
                m = rnd(0, 12)
                for (j = 0; j < m; j++) str(substr("0123456789;<=>?:", rnd(1, 16), 1))
                if (rnd(0, 2)) out(rnd(64, 126))
            } else if (k == 6 || k == 7) {         # SGR mouse, any button, any place
                out(27); str("[<" rnd(0, 3) * 32 + rnd(0, 3) + (rnd(0, 3) ? 0 : 64) ";" coord() ";" coord())
                if (rnd(0, 5)) str(rnd(0, 1) ? "M" : "m")
            } else if (k == 8 && mode == "wild") { # legacy X10 mouse, raw coordinate bytes
                out(27); str("[M"); out(rnd(32, 255)); out(rnd(32, 255)); if (rnd(0, 3)) out(rnd(32, 255))
            } else {                               # SS3, maybe cut off
                out(27); str("O"); if (rnd(0, 2)) { b = rnd(32, 126); if (!banned(b)) out(b) }
            }
        }
    }'
}

# soak MODE: random sizes, random bytes, resizes in between; the program
# lives through it and still draws at 80x24.
soak() {
    i=0
    while [ $i -lt "$rounds" ]; do
        w=$(awk -v s="$seed$i" 'BEGIN { srand(s); print 1 + int(rand() * 200) }')
        h=$(awk -v s="$seed$i" 'BEGIN { srand(s); rand(); print 1 + int(rand() * 60) }')
        tmx resize-window -t qs -x "$w" -y "$h" 2>/dev/null
        # shellcheck disable=SC2046 # one word per byte
        tmx send-keys -t qs -H $(hostile "$1" "$seed$i" "$chunk")
        i=$((i + 1))
    done
    sleep 0.3
    if kill -0 "$tui_pid" 2>/dev/null; then pass; else fail "$1: quantscope died under hostile input"; fi
    [ -s "$tui_dir/status" ] && fail "$1: quantscope exited ($(cat "$tui_dir/status")) under hostile input"
    tmx resize-window -t qs -x 80 -y 24
}

# Tame: afterwards it answers a key (a repaint at 80x24 with the main view)
# and q quits with the terminal restored.
tui_start 80 24 -- -i -p llama-3.1-8b
tui_wait "tame: start" "Footprint"
soak tame
tui_keys C-l
tui_wait "tame: still answers after $((rounds * chunk)) bytes" "Footprint"
# an overlay or an entry may be open: Esc closes one thing at a time
tui_keys Escape
sleep 0.1
tui_keys Escape
sleep 0.1
tui_keys q
tui_wait_exit "tame: q quits" 0
tui_expect_stty "tame: stty modes restored"
tui_expect_flag "tame: mouse reporting off" mouse_button_flag 0
tui_expect_flag "tame: cursor visible" cursor_flag 1

# Wild: overlays and entries may be open at the end; Esc closes one thing at
# a time and never quits; F10 quits from anywhere.
tui_start 80 24 -- -i
tui_wait "wild: start" "Footprint"
soak wild
tui_keys C-l
sleep 0.2
lines=$(tui_screen | grep -c '[^ ]')
if [ "$lines" -ge 5 ]; then pass; else fail "wild: only $lines lines drawn after the soak"; tui_dump; fi
k=0
while [ $k -lt 4 ]; do
    tui_keys Escape
    sleep 0.1
    k=$((k + 1))
done
if [ -s "$tui_dir/status" ]; then fail "wild: Esc quit the front end"; else pass; fi
tui_keys F10
tui_wait_exit "wild: F10 quits" 0
tui_expect_stty "wild: stty modes restored"
tui_expect_flag "wild: mouse reporting off" mouse_button_flag 0
tui_expect_flag "wild: SGR mouse off" mouse_sgr_flag 0
tui_expect_flag "wild: cursor visible" cursor_flag 1

# SIGINT in the middle of a drag: a user's quit, the terminal restored.
tui_start 80 24 -- -i
tui_wait "SIGINT: start" "Footprint"
tui_raw '\033[<0;33;5M\033[<32;45;5M'
tui_wait "SIGINT: dragging" "bpw"
kill -INT "$tui_pid"
tui_wait_exit "SIGINT during a drag" 0
tui_expect_stty "SIGINT: stty modes restored"
tui_expect_flag "SIGINT: mouse reporting off" mouse_button_flag 0

tui_finish
