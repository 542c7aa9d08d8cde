# tui_lib.sh - helpers for the end-to-end tests of the interactive front end
# (sourced, not run). The real binary runs in a tmux pane on a private
# socket (tmux -L qs-PID -f /dev/null); keys and raw mouse bytes go in with
# send-keys, the screen comes back with capture-pane. Every wait has a
# timeout and a failure prints the whole screen. Exit 77 (skip) only when
# tmux is not installed. Each test ends with `tui_finish`.

: "${QUANTSCOPE:?QUANTSCOPE must name the quantscope binary}"
if ! command -v tmux >/dev/null 2>&1; then
    echo "tmux is not installed: install it to run the front-end tests" >&2
    exit 77
fi

# One private server per session started (qs-PID-N): a new session never
# races with the previous server's exit.
TUI_SOCKET_BASE="qs-$$"
tui_n=0
TUI_SOCKET="$TUI_SOCKET_BASE-$tui_n"
TUI_TIMEOUT=${TUI_TIMEOUT:-10}          # seconds for any one wait
tui_passed=0
tui_failed=0
tui_dir=$(mktemp -d "${TMPDIR:-/tmp}/qs-tui.XXXXXX") || exit 99

tmx() { tmux -L "$TUI_SOCKET" -f /dev/null "$@"; }
tui_cleanup() {
    i=0
    while [ $i -le $tui_n ]; do
        tmux -L "$TUI_SOCKET_BASE-$i" -f /dev/null kill-server >/dev/null 2>&1
        rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$TUI_SOCKET_BASE-$i"
        i=$((i + 1))
    done
    rm -rf "$tui_dir"
}
trap tui_cleanup EXIT
trap 'exit 1' INT TERM HUP

# A UTF-8 locale for the default runs when there is one (glyphs), else C.
TUI_UTF8=
for l in C.UTF-8 C.utf8 en_US.UTF-8 en_US.utf8; do
    if locale -a 2>/dev/null | grep -qx "$l"; then TUI_UTF8=$l; break; fi
done
TUI_LOCALE=${TUI_UTF8:-C}

pass() { tui_passed=$((tui_passed + 1)); }
fail() {
    tui_failed=$((tui_failed + 1))
    printf 'FAIL: %s\n' "$*" >&2
    tui_dump
}

# tui_dump: the whole screen of the session, for a failure.
tui_dump() {
    echo "---- screen ----" >&2
    tmx capture-pane -p -t qs 2>/dev/null | sed 's/^/  |/' >&2
    echo "----------------" >&2
}

# Single-quotes a word for the shell.
tui_quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

# tui_start COLS ROWS [VAR=VALUE ...] -- [ARGS ...]: starts quantscope in
# a COLS x ROWS pane with the given environment and arguments. Around the
# run, the pane's shell saves `stty -g` before and after, the program's
# pid and its exit status in $tui_dir (files stty.before, stty.after, pid,
# status), then waits so that the screen can still be read.
# Set for one call (VAR=... tui_start ...):
#   TUI_JOBCTL=1   run it with job control (see below)
#   TUI_PRE=CMDS   shell commands the pane runs just before quantscope
#                  (e.g. "stty cols 40000")
#   TUI_WRAP=PATH  a program that quantscope runs under (PATH ARGV...)
#   TUI_CAPTURE=1  every byte the program writes to the pane, from the
#                  first, goes to $tui_dir/bytes (tmux pipe-pane -O)
tui_start() {
    cols=$1 rows=$2
    shift 2
    rm -f "$tui_dir/stty.before" "$tui_dir/stty.after" "$tui_dir/pid" "$tui_dir/status" \
        "$tui_dir/stopped" "$tui_dir/cont" "$tui_dir/go" "$tui_dir/bytes"
    hold=
    [ -n "${TUI_CAPTURE:-}" ] &&
        hold="while [ ! -e $(tui_quote "$tui_dir/go") ]; do sleep 0.02; done"
    wrap=
    [ -n "${TUI_WRAP:-}" ] && wrap=$(tui_quote "$TUI_WRAP")
    envs="TERM=xterm-256color LC_ALL=$TUI_LOCALE"
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
        envs="$envs $(tui_quote "$1")"
        shift
    done
    [ $# -gt 0 ] && shift
    args=
    for a in "$@"; do args="$args $(tui_quote "$a")"; done
    if [ -n "${TUI_JOBCTL:-}" ]; then
        # With job control, as from an interactive shell: the program gets a
        # process group of its own, so Ctrl-Z really stops it; the runner
        # writes "stopped" and resumes it with fg once "cont" appears.
        cat >"$tui_dir/run.sh" <<EOF
set -m
# A Ctrl-C or Ctrl-\ that reaches this shell (after the program ended) must
# not end it; a trap, not an ignore, so that the program gets the default.
trap : INT QUIT
stty -g > "$tui_dir/stty.before"
$hold
${TUI_PRE:-}
$wrap env -u NO_COLOR $envs $(tui_quote "$QUANTSCOPE")$args &
echo \$! > "$tui_dir/pid"
fg >/dev/null
st=\$?
while [ "\$(kill -l \$st 2>/dev/null)" = TSTP ]; do
    echo \$st > "$tui_dir/stopped"
    while [ ! -e "$tui_dir/cont" ]; do sleep 0.05; done
    rm -f "$tui_dir/cont" "$tui_dir/stopped"
    fg >/dev/null
    st=\$?
done
echo \$st > "$tui_dir/status"
# A Ctrl-C, Ctrl-\ or Ctrl-Z typed after the program ended comes here:
# ignored from now on, so that it neither kills nor stops stty or the sleep
# that keeps the pane open.
trap '' INT QUIT TSTP
stty -g > "$tui_dir/stty.after"
exec sleep 600
EOF
    else
        cat >"$tui_dir/run.sh" <<EOF
stty -g > "$tui_dir/stty.before"
trap : INT
$hold
${TUI_PRE:-}
sh -c 'echo \$\$ > "$tui_dir/pid"; exec "\$@"' sh $wrap env -u NO_COLOR $envs $(tui_quote "$QUANTSCOPE")$args
echo \$? > "$tui_dir/status"
stty -g > "$tui_dir/stty.after"
exec sleep 600
EOF
    fi
    tmx kill-server >/dev/null 2>&1
    tui_n=$((tui_n + 1))
    TUI_SOCKET="$TUI_SOCKET_BASE-$tui_n"
    tmx new-session -d -s qs -x "$cols" -y "$rows" "sh $(tui_quote "$tui_dir/run.sh")" ||
        { echo "tmux could not start a session" >&2; exit 99; }
    if [ -n "${TUI_CAPTURE:-}" ]; then
        : >"$tui_dir/bytes"
        tmx pipe-pane -O -t qs "cat >> $(tui_quote "$tui_dir/bytes")" ||
            { echo "tmux could not capture the pane" >&2; exit 99; }
        touch "$tui_dir/go"
    fi
    tui_wait_file pid || { fail "quantscope did not start"; return 1; }
    tui_pid=$(cat "$tui_dir/pid")
}

# tui_screen: the screen as text (trailing spaces kept off by tmux).
tui_screen() { tmx capture-pane -p -t qs; }

# tui_pane_tty: the pane's terminal device (for stty -F).
tui_pane_tty() { tmx display-message -p -t qs '#{pane_tty}'; }

# tui_alive WHAT: quantscope still runs (not exited, not killed).
tui_alive() {
    if [ ! -s "$tui_dir/status" ] && kill -0 "$tui_pid" 2>/dev/null; then
        pass
    else
        fail "$1: quantscope is gone (status $(cat "$tui_dir/status" 2>/dev/null))"
        return 1
    fi
}

# tui_bytes_hex: the captured bytes (TUI_CAPTURE) as one line of hex pairs,
# each followed by a space, so that grep and awk can find sequences.
tui_bytes_hex() { od -An -v -tx1 "$tui_dir/bytes" | tr -s ' \n' '  ' | sed 's/^ //'; }

# tui_hex TEXT: TEXT (a printf format) in the form of tui_bytes_hex.
tui_hex() { printf "$1" | od -An -v -tx1 | tr -s ' \n' '  ' | sed 's/^ //'; }

# tui_wait_file NAME: waits until $tui_dir/NAME exists and is not empty.
tui_wait_file() {
    i=0
    while [ ! -s "$tui_dir/$1" ]; do
        i=$((i + 1))
        [ $i -gt $((TUI_TIMEOUT * 20)) ] && return 1
        sleep 0.05
    done
    return 0
}

# tui_wait WHAT TEXT: waits until the screen shows TEXT (a fixed string).
tui_wait() {
    i=0
    while :; do
        if tui_screen | grep -qF -- "$2"; then pass; return 0; fi
        i=$((i + 1))
        if [ $i -gt $((TUI_TIMEOUT * 20)) ]; then
            fail "$1: the screen never showed '$2'"
            return 1
        fi
        sleep 0.05
    done
}

# tui_wait_gone WHAT TEXT: waits until TEXT is no longer on the screen.
tui_wait_gone() {
    i=0
    while tui_screen | grep -qF -- "$2"; do
        i=$((i + 1))
        if [ $i -gt $((TUI_TIMEOUT * 20)) ]; then
            fail "$1: the screen still shows '$2'"
            return 1
        fi
        sleep 0.05
    done
    pass
}

# tui_keys KEY...: tmux key names (Right, PageUp, Escape, C-c, q, ...).
tui_keys() { tmx send-keys -t qs "$@"; }

# tui_type TEXT: literal text.
tui_type() { tmx send-keys -t qs -l -- "$1"; }

# tui_raw BYTES: raw bytes given as a printf format (e.g. '\033[<0;33;5M').
tui_raw() {
    hex=$(printf "$1" | od -An -tx1 | tr -s ' \n' '  ')
    # shellcheck disable=SC2086
    tmx send-keys -t qs -H $hex
}

# tui_flag NAME: a pane flag from tmux (mouse_button_flag, cursor_flag, ...).
tui_flag() { tmx display-message -p -t qs "#{$1}"; }

# tui_expect_flag WHAT NAME VALUE: waits until the pane flag has VALUE.
tui_expect_flag() {
    i=0
    while [ "$(tui_flag "$2")" != "$3" ]; do
        i=$((i + 1))
        if [ $i -gt $((TUI_TIMEOUT * 20)) ]; then
            fail "$1: #{$2} is $(tui_flag "$2"), expected $3"
            return 1
        fi
        sleep 0.05
    done
    pass
}

# tui_wait_exit WHAT STATUS: waits for the program to end with STATUS.
tui_wait_exit() {
    if ! tui_wait_file status; then
        fail "$1: quantscope did not exit"
        return 1
    fi
    st=$(cat "$tui_dir/status")
    if [ "$st" = "$2" ]; then pass; else fail "$1: exit status $st, expected $2"; fi
}

# tui_expect_stty WHAT: the terminal modes after the run equal those before.
tui_expect_stty() {
    tui_wait_file stty.after || { fail "$1: no stty after the run"; return 1; }
    if cmp -s "$tui_dir/stty.before" "$tui_dir/stty.after"; then
        pass
    else
        fail "$1: stty -g before $(cat "$tui_dir/stty.before") after $(cat "$tui_dir/stty.after")"
    fi
}

# tui_reverse_cols TEXT: how many columns of the first screen line that
# shows TEXT are in reverse video (that line again from capture-pane -e -N:
# attributes as SGR sequences, trailing blanks kept). ASCII lines only.
tui_reverse_cols() {
    ln=$(tui_screen | grep -n -F -- "$1" | head -n 1 | cut -d: -f1)
    [ -n "$ln" ] || { echo 0; return; }
    tmx capture-pane -e -N -p -t qs | sed -n "${ln}p" |
        LC_ALL=C awk '{
            n = 0; rev = 0; s = $0
            while (length(s) > 0) {
                if (match(s, /^\033\[[0-9;]*m/)) {
                    k = split(substr(s, 3, RLENGTH - 3), p, ";")
                    if (k == 0) rev = 0
                    for (i = 1; i <= k; i++) {
                        if (p[i] == "" || p[i] == 0 || p[i] == 27) rev = 0
                        else if (p[i] == 7) rev = 1
                        else if ((p[i] == 38 || p[i] == 48 || p[i] == 58) && p[i + 1] == 5) i += 2
                        else if ((p[i] == 38 || p[i] == 48 || p[i] == 58) && p[i + 1] == 2) i += 4
                    }
                    s = substr(s, RLENGTH + 1)
                } else if (match(s, /^\033[^a-zA-Z]*[a-zA-Z]/)) {
                    s = substr(s, RLENGTH + 1)       # another sequence: no column
                } else {
                    if (rev) n++
                    s = substr(s, 2)
                }
            }
            print n
        }'
}

# tui_expect_reverse_row WHAT TEXT COLS: the line with TEXT is in reverse
# video across all COLS columns.
tui_expect_reverse_row() {
    got=$(tui_reverse_cols "$2")
    if [ "$got" = "$3" ]; then
        pass
    else
        fail "$1: ${got:-0} of $3 columns of the '$2' row in reverse video"
    fi
}

# footprint SIZE BITS: the footprint in GiB with two decimals, as the model
# layer gives it (through the command-line report).
footprint() {
    "$QUANTSCOPE" -p "$1" -b "$2" </dev/null | sed -n 's/.*: \([0-9][0-9.]*\) GiB.*/\1/p'
}

tui_finish() {
    printf '%d passed, %d failed\n' "$tui_passed" "$tui_failed"
    [ "$tui_failed" -eq 0 ]
    exit $?
}
