#!/bin/sh
# e2e_valgrind.sh - valgrind memcheck over the command-line reports and a
# scripted TUI session in tmux: no memory errors, nothing definitely lost.
# What ncurses itself keeps allocated at exit is suppressed by
# tests/valgrind.supp (each entry documented there).
# Skipped (77) without valgrind, and in a sanitizer build (ASan and valgrind
# cannot share a process). The TUI part needs tmux; without it only the
# reports are checked (and a note says so).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind is not installed: install it (apt-get install valgrind) to run this test" >&2
    exit 77
fi
case ${QS_SAN_CFLAGS:-} in
*sanitize=*)
    echo "a sanitizer build (${QS_SAN_CFLAGS}): valgrind does not run ASan binaries" >&2
    exit 77 ;;
esac
if grep -q __asan_init "$QUANTSCOPE" 2>/dev/null; then
    echo "$QUANTSCOPE is built with AddressSanitizer: valgrind cannot run it" >&2
    exit 77
fi

supp="$TESTS_SRCDIR/valgrind.supp"
# Status valgrind exits with when it found an error (memory error or a
# definite leak); the program's own statuses are 0, 1 and 2.
vg_status=3
vg_n=0

# vg EXPECTED-STATUS WHAT ARGS...: runs quantscope under memcheck (stdin
# from /dev/null, stdout to $vg_stdout when set) and checks its status, its
# error summary and that nothing was definitely lost. Sets $out, $err, $rc
# and $vglog like run().
vg_stdout=""
vg() {
    expected=$1
    what=$2
    shift 2
    vg_n=$((vg_n + 1))
    vglog="$tmpdir/vg.$vg_n.log"
    : >"$tmpdir/out"
    valgrind --tool=memcheck --error-exitcode=$vg_status --leak-check=full \
        --errors-for-leak-kinds=definite --show-leak-kinds=definite \
        --suppressions="$supp" --gen-suppressions=all --num-callers=30 \
        --log-file="$vglog" "$QUANTSCOPE" "$@" <"/dev/null" >"${vg_stdout:-$tmpdir/out}" 2>"$tmpdir/err"
    rc=$?
    out=$(cat "$tmpdir/out" 2>/dev/null)
    err=$(cat "$tmpdir/err")
    vg_check "$what" "$expected" "$rc" "$vglog"
}

# vg_check WHAT EXPECTED-STATUS STATUS LOG: the run exited as expected and
# its memcheck log holds no error and no definite leak.
vg_check() {
    if [ "$3" -eq "$2" ]; then
        pass
    elif [ "$3" -eq "$vg_status" ]; then
        fail "$1: valgrind found errors (log follows)"
        sed 's/^/  | /' "$4" >&2
    else
        fail "$1: exit status $3, expected $2"
    fi
    if grep -q 'ERROR SUMMARY: 0 errors' "$4"; then
        pass
    else
        fail "$1: memcheck reports errors: $(grep 'ERROR SUMMARY' "$4")"
    fi
    if grep -q 'definitely lost: [1-9]' "$4"; then
        fail "$1: memory definitely lost: $(grep 'definitely lost' "$4")"
    else
        pass
    fi
}

# --- the command-line reports -------------------------------------------------
echo "command-line reports under valgrind"
vg 0 "default table"
expect_out "default table under valgrind" "FP16"
vg 0 "table" --table -p 70B
vg 0 "all formats" --table --all-formats -p llama-3.1-8b
expect_out "all formats under valgrind" "Q4_K_M"
vg 0 "footprint" -p 7B -b 4
expect_out "footprint under valgrind" "3.26 GiB"
vg 0 "footprint by name" -p llama-3.1-8b -f Q4_K_M
vg 0 "savings" -p 7B --from fp16 --to 4
expect_out "savings under valgrind" "4.00x smaller"
vg 0 "table JSON" --table --all-formats --json
vg 0 "footprint JSON" -p 7B -b 16 --json
vg 0 "savings JSON" -p 7B --from 16 --to 4 --json
vg 0 "help" --help
vg 2 "usage error" -p 7BB
expect_err "usage error under valgrind" "'7BB'"
vg 2 "unknown option" --frobnicate
if [ -w /dev/full ]; then
    vg_stdout=/dev/full
    vg 1 "write error" --table --all-formats
    expect_err "write error under valgrind" "write error"
    vg_stdout=""
fi

# Reports of later issues, checked when this build has them (--help names them).
help=$("$QUANTSCOPE" --help 2>/dev/null)
has_option() {
    case $help in *"$1"*) return 0 ;; esac
    return 1
}
if has_option --device; then
    vg 0 "fit on a device" -p llama-3.1-8b -b 4 --device rtx-4090
    vg 0 "fit on a size, JSON" -p 70B -f q4_k_m --device 24GiB --json
    vg 2 "unknown device" -p 7B --device rtx-9999
fi
has_option --list-models && vg 0 "list models" --list-models
has_option --list-devices && vg 0 "list devices" --list-devices
has_option --list-formats && vg 0 "list formats" --list-formats
has_option --host && vg 0 "host" --host

# --- a scripted TUI session in tmux ----------------------------------------------
if ! command -v tmux >/dev/null 2>&1; then
    echo "note: tmux is not installed; the TUI session under valgrind was not run" >&2
    finish
fi

sock="qs-vg-$$"
tm() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$tmpdir"' EXIT
tuilog="$tmpdir/vg.tui.log"
tuirc="$tmpdir/tui.rc"
esc=$(printf '\033')

# wait_for SECONDS COMMAND...: polls COMMAND every 0.2 s until it succeeds.
wait_for() {
    limit=$(($1 * 5))
    shift
    i=0
    while [ "$i" -lt "$limit" ]; do
        "$@" && return 0
        sleep 0.2
        i=$((i + 1))
    done
    return 1
}
pane_has() { tm capture-pane -p -t vg 2>/dev/null | grep -qF "$1"; }
# key KEYS...: one tmux key name or literal each, with a pause for valgrind.
key() {
    for k in "$@"; do
        tm send-keys -t vg "$k"
        sleep 0.3
    done
}
raw() { tm send-keys -t vg -l "$1"; sleep 0.3; }

echo "TUI session under valgrind in tmux (socket $sock)"
tm new-session -d -s vg -x 100 -y 30 \
    "TERM=xterm-256color valgrind --tool=memcheck --error-exitcode=$vg_status \
--leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \
--suppressions='$supp' --gen-suppressions=all --num-callers=30 --log-file='$tuilog' \
'$QUANTSCOPE' -i -p 7B; echo \$? >'$tuirc'; sleep 30"
if wait_for 60 pane_has "FP16"; then
    pass
else
    fail "TUI under valgrind: no first frame within 60 s"
    tm capture-pane -p -t vg 2>/dev/null | sed 's/^/  | /' >&2
fi
# Slider steps, help, the model picker, typed bits, the baseline; every
# overlay is closed again before q.
key Right Right Right Left S-Right S-Left PageUp PageDown Home End
key '?' Escape
key m Down Down Enter
key Tab BTab 4 . 5 Enter b
# A mouse drag along the slider (SGR 1006 reports; row 5 is the slider at
# 100x30), a drag far outside the window, and a cut-off report.
raw "${esc}[<0;20;5M"
raw "${esc}[<32;40;5M"
raw "${esc}[<32;999;999M"
raw "${esc}[<0;40;5m"
raw "${esc}[<0;5"
sleep 1
tm resize-window -t vg -x 80 -y 24 >/dev/null 2>&1 && sleep 1
key q
if wait_for 60 test -s "$tuirc"; then
    vg_check "TUI session" 0 "$(cat "$tuirc")" "$tuilog"
else
    fail "TUI under valgrind: did not quit within 60 s of q"
    tm capture-pane -p -t vg 2>/dev/null | sed 's/^/  | /' >&2
fi
tm kill-server >/dev/null 2>&1

finish
