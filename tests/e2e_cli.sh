#!/bin/sh
# e2e_cli.sh - the command-line face end to end: reports, JSON, exit codes,
# refusals of bad input, output failures.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

if ! command -v jq >/dev/null 2>&1; then
    echo "jq is not installed: install it (apt-get install jq) to run this test" >&2
    exit 77
fi

# --- the default table -------------------------------------------------------
run
expect_rc "no options, no terminal" 0
expect_out "default table heading" "7.00B parameters"
expect_row "default FP16 row" "FP16 16 13.04 14.00 1.00x almost no loss: the recommended default"
expect_row "default INT4 row" "INT4 4 3.26 3.50 4.00x noticeable but acceptable loss"
for name in FP32 FP16 INT8 INT4 INT2; do expect_out "default row $name" "$name "; done
rows=$(printf '%s\n' "$out" | grep -c '^\(FP\|INT\|BF\|Q\|IQ\)[0-9]')
[ "$rows" -eq 5 ] && pass || fail "default table has $rows rows, expected 5"

run --table -p 70B
expect_out "70B FP16" "130.39    140.00"
run --table --all-formats -p llama-3.1-8b
expect_rc "all formats" 0
for name in BF16 FP8 Q8_0 Q6_K Q5_K_M Q4_K_M Q4_0 Q3_K_M Q2_K IQ4_XS IQ2_XXS IQ1_S TERNARY; do
    expect_out "all formats $name" "$name "
done
expect_row "Q4_K_M on Llama-3.1-8B is the published 4.58 GiB" \
    "Q4_K_M 4.8944 4.58 4.91 3.27x noticeable but acceptable: the popular 4-bit choice"

# --- one footprint, savings ----------------------------------------------------
run -p 7B -b 4
expect_out "7B at 4 bits" "3.26 GiB (3.50 GB)"
run -p 7B -b q4_k_m
expect_out "-b takes a name too" "7.00B parameters at Q4_K_M, 4.8944 bits per weight: 3.99 GiB"
run -p 7B -f 4.5
expect_out "-f takes bits too" "7.00B parameters at 4.5 bits per weight: 3.67 GiB"
run -p llama-3.1-8b -f Q4_K_M
expect_out "preset + format" "Llama-3.1-8B (8.03B) at Q4_K_M"
expect_out "perplexity shown" "+0.1754"
run -p 7B --from fp16 --to 4
expect_out "savings before" "before: 13.04 GiB"
expect_out "savings after" "after:  3.26 GiB"
expect_out "savings ratio" "ratio:  4.00x smaller"
run -p 7b --from 4 --to fp32
expect_out "a larger target" "8.00x larger"

# --- sizes and names as typed -----------------------------------------------------
for size in 7B 7b 8.03B 350M 124m 1.5T 7e9 7000000000 llama-3.1-8b LLAMA-3.1-8B; do
    run -p "$size" -b 16
    expect_rc "size $size" 0
done
for prec in 4 4.5 q4_k_m FP16 int8 Q8_0 bf16; do
    run -p 7B --from "$prec" --to 2
    expect_rc "precision $prec" 0
done

# --- JSON ---------------------------------------------------------------------------
run -p 7B --from 16 --to 4 --json
expect_json "savings keys are exactly three" 'keys == ["after_gb","before_gb","ratio"]'
expect_json "savings exact" '.ratio == 4 and .before_gb == 7e9*16/8/1073741824 and .after_gb == 7e9*4/8/1073741824'
run -p 7B --from 32 --to 4 --json
expect_json "32 -> 4 is exactly 8" '.ratio == 8'
run -p 7B -b 16 --json
expect_json "footprint keys" 'has("params") and has("bits") and has("footprint_gib")'
expect_json "footprint exact" '.params == 7e9 and .bits == 16 and .footprint_gib == 13.0385160446167'
run -p 8030261248 -b 4.8944 --json
expect_json "footprint round-trips" '.footprint_gib == 8030261248*4.8944/8/1073741824'
run --table --json
expect_json "table rows" '.rows | length == 5'
expect_json "table FP16 row" '.rows[1].format == "FP16" and .rows[1].footprint_gib == 14e9/1073741824'
run --table --all-formats --json -p 1.5T
expect_json "all rows" '.rows | length > 18'
run --json
expect_json "--json alone is the table" '.rows | length == 5'

# --- help and version --------------------------------------------------------------
run --help
expect_rc "--help" 0
expect_out "--help usage" "Usage: quantscope"
run --version
expect_rc "--version" 0
expect_out "--version" "quantscope "

# --- refusals: one line, exit 2, nothing on stdout ----------------------------------
for bad in "" abc 7BB -7B 0 nan inf 1e400 7Bx "7 B" 0x10; do
    expect_usage_error "size '$bad'" -p "$bad"
    expect_err "size '$bad' named" "'$bad'"
    expect_err "size '$bad' hint" "e.g. 7B, 350M, 1.5T"
done
# A size that reads but is out of range names the range, not a format hint.
expect_usage_error "size 0" -p 0
expect_err "size 0 range" "model size '0' out of range (expected 1 to 1000T parameters"
expect_usage_error "size 1e300" -p 1e300
expect_err "size 1e300 range" "model size '1e300' out of range (expected 1 to 1000T parameters"
for bad in 0 65 -1 abc 4bit nan; do
    expect_usage_error "bits '$bad'" -p 7B -b "$bad"
    expect_err "bits '$bad' named" "'$bad'"
done
expect_usage_error "unknown format" -f q9_z
expect_err "unknown format named" "'q9_z'"
expect_usage_error "bad --from" --from int9 --to 4
expect_usage_error "bad --to" --from 16 --to 0
expect_usage_error "--from alone" --from 16
expect_usage_error "unknown option" --frobnicate
expect_err "unknown option named" "'--frobnicate'"
expect_usage_error "missing value" -p
expect_err "missing value named" "quantscope: option '-p' needs a value: -p SIZE"
expect_usage_error "a flag with a value" --table=5
expect_err "a flag with a value named" "quantscope: option '--table' takes no value (got '--table=5')"
expect_usage_error "an ambiguous prefix" --a
expect_err "an ambiguous prefix named" "quantscope: option '--a' is ambiguous: --all-formats, --apple-share"
expect_usage_error "bits 1e-300" -b 1e-300
expect_err "bits 1e-300 range" "bits '1e-300' out of range (expected 0.01 to 64 bits per weight"
expect_usage_error "--json with -i" -i --json
expect_err "--json with -i named" "quantscope: --json does not apply to the interactive front end (-i)"
expect_usage_error "--all-formats alone" --all-formats
expect_err "--all-formats alone named" "quantscope: --all-formats goes with --table"
expect_usage_error "a second bare argument" 7B 8B
expect_err "the second one named" "quantscope: unexpected argument '8B' (one model a command"
expect_usage_error "a bare argument beside -p" -p 7B 8B
expect_usage_error "two reports" --table -b 4
expect_usage_error "-b and -f" -b 4 -f fp16
expect_usage_error "-i without a terminal" -i

# A long value or one with control bytes: the message stays one line, the
# value is cut (with "...") or its control bytes shown as '?', and the hint
# in parentheses is still there.
long=$(printf '%0500d' 0 | tr 0 x)
expect_usage_error "500-character model size" -p "$long"
expect_err "500-character value is cut" "xxx...'"
expect_err "500-character value keeps the hint" "(expected e.g. 7B"
expect_usage_error "500-character device" --device "$long"
expect_err "500-character device keeps the hint" "a size such as 24GiB or 16GB)"
nl='7
B'
expect_usage_error "a newline in the value" -p "$nl"
expect_err "the newline shown as ?" "'7?B'"
expect_err "newline value keeps the hint" "(expected e.g. 7B"
expect_usage_error "a newline in a stray argument" "$nl"
expect_usage_error "a tab in the KV type" --kv-format "$(printf 'q8\t0')"
expect_err "the tab shown as ?" "'q8?0'"
expect_err "every KV type named" "iq4_nl)"

# --- output failures ------------------------------------------------------------------
if [ -w /dev/full ]; then
    "$QUANTSCOPE" --table --all-formats >/dev/full 2>"$tmpdir/err"
    rc=$?
    [ "$rc" -eq 1 ] && pass || fail "/dev/full: exit $rc, expected 1"
    grep -q 'quantscope: write error' "$tmpdir/err" && pass || fail "/dev/full: no write error message"
fi
"$QUANTSCOPE" --table >&- 2>"$tmpdir/err"
rc=$?
[ "$rc" -eq 1 ] && pass || fail "closed stdout: exit $rc, expected 1"

# A reader that went away: quiet, non-zero (SIGPIPE, or exit 1 where SIGPIPE
# is ignored), no message, no crash.
( sleep 0.3; "$QUANTSCOPE" --table --all-formats 2>"$tmpdir/err"; echo $? >"$tmpdir/rc" ) | true
rc=$(cat "$tmpdir/rc")
case $rc in
141 | 1) pass ;;
*) fail "broken pipe: exit status $rc, expected 141 (SIGPIPE) or 1" ;;
esac
[ -s "$tmpdir/err" ] && fail "broken pipe: a message on stderr: $(cat "$tmpdir/err")" || pass
# ... and where SIGPIPE is ignored, the same quiet exit 1.
( sleep 0.3; trap '' PIPE; "$QUANTSCOPE" --table --all-formats 2>"$tmpdir/err"; echo $? >"$tmpdir/rc" ) | true
rc=$(cat "$tmpdir/rc")
[ "$rc" -eq 1 ] && pass || fail "broken pipe, SIGPIPE ignored: exit status $rc, expected 1"
[ -s "$tmpdir/err" ] && fail "broken pipe, SIGPIPE ignored: message $(cat "$tmpdir/err")" || pass

finish
