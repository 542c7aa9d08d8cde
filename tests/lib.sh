# lib.sh - helpers shared by the end-to-end shell tests (sourced, not run).
# The environment from Makefile.am gives QUANTSCOPE (the built binary) and
# TESTS_SRCDIR. Each test counts its checks and ends with `finish`, which
# prints "N passed, N failed" and sets the exit status (77 = skipped).

: "${QUANTSCOPE:?QUANTSCOPE must name the quantscope binary}"
LC_ALL=C
export LC_ALL
passed=0
failed=0
tmpdir=$(mktemp -d "${TMPDIR:-/tmp}/qs-test.XXXXXX") || exit 99
trap 'rm -rf "$tmpdir"' EXIT

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*" >&2; }

# run ARGS...: runs quantscope with stdin from /dev/null; sets $out, $err, $rc.
run() {
    "$QUANTSCOPE" "$@" <"/dev/null" >"$tmpdir/out" 2>"$tmpdir/err"
    rc=$?
    out=$(cat "$tmpdir/out")
    err=$(cat "$tmpdir/err")
}

# expect_rc WHAT N: the last run exited with status N.
expect_rc() {
    if [ "$rc" -eq "$2" ]; then pass; else fail "$1: exit status $rc, expected $2 (stderr: $err)"; fi
}

# expect_out WHAT TEXT: the last run's stdout contains TEXT (fixed string).
expect_out() {
    case $out in
    *"$2"*) pass ;;
    *) fail "$1: stdout lacks '$2'"; printf '%s\n' "$out" | sed 's/^/  | /' >&2 ;;
    esac
}

# expect_row WHAT TEXT: stdout has a line that equals TEXT once runs of
# spaces are squeezed to one (column widths are not part of the contract).
expect_row() {
    if printf '%s\n' "$out" | tr -s ' ' | grep -qxF "$2"; then
        pass
    else
        fail "$1: no row '$2'"; printf '%s\n' "$out" | sed 's/^/  | /' >&2
    fi
}

# expect_err WHAT TEXT: the last run's stderr contains TEXT.
expect_err() {
    case $err in
    *"$2"*) pass ;;
    *) fail "$1: stderr lacks '$2' (stderr: $err)" ;;
    esac
}

# expect_usage_error WHAT ARGS...: exit 2, nothing on stdout, one line on
# stderr that starts with "quantscope: " and quotes the bad value (the last
# argument, unless BAD is set).
expect_usage_error() {
    what=$1
    shift
    run "$@"
    expect_rc "$what" 2
    if [ -z "$out" ]; then pass; else fail "$what: stdout not empty: $out"; fi
    lines=$(printf '%s\n' "$err" | wc -l)
    if [ "$lines" -eq 1 ]; then pass; else fail "$what: $lines lines on stderr: $err"; fi
    case $err in
    "quantscope: "*) pass ;;
    *) fail "$what: stderr does not start with 'quantscope: ': $err" ;;
    esac
}

# expect_json WHAT JQ-FILTER: the last run's stdout is JSON and the filter
# holds (jq -e).
expect_json() {
    # jq -e exits 0 on empty input: an empty stdout is a failure here.
    if [ -z "$out" ]; then
        fail "$1: no JSON on stdout (exit status $rc, stderr: $err)"
        return
    fi
    if printf '%s' "$out" | jq -e "$2" >/dev/null 2>"$tmpdir/jq"; then
        pass
    else
        fail "$1: jq '$2' does not hold: $(cat "$tmpdir/jq") on: $out"
    fi
}

finish() {
    printf '%d passed, %d failed\n' "$passed" "$failed"
    [ "$failed" -eq 0 ]
    exit $?
}
