#!/bin/sh
# e2e_options.sh - the option syntax end to end: prefixes, clusters,
# --name=value, "--"; refusals that name the word typed and the mode; and
# --help (made from the option table) against the man page's OPTIONS.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

if ! command -v jq >/dev/null 2>&1; then
    echo "jq is not installed: install it (apt-get install jq) to run this test" >&2
    exit 77
fi
man=${TESTS_SRCDIR:-$(dirname "$0")}/../man/quantscope.1

# --- syntax -------------------------------------------------------------------------
run -tj -p7B
expect_json "-tj: the table in JSON" '.rows | length == 5'
run --tab --js --par=70B
expect_json "unique prefixes and --name=value" '.model.params == 70e9'
run -p 7B -jb4
expect_json "-jb4: a flag then a value in one word" '.bits == 4'
run -p llama-3.1-8b -f fp16 --ctx=8k --dev=24GiB --json
expect_json "--ctx=8k --dev=24GiB" '.kv_cache_gib == 1 and .devices[0].capacity_gib == 24'
expect_usage_error "-- ends the options" -p 7B -- --table
expect_err "-- ends the options: the word" "quantscope: unexpected argument '--table'"

# --- refusals name the word typed, never argv[0] or the previous word ------------------
expect_usage_error "unknown option after a value" -p 7B --frob
expect_err "the word" "quantscope: unknown option '--frob' (see quantscope --help)"
expect_usage_error "unknown letter in a cluster" -tq
expect_err "the letter and the word" "quantscope: unknown option '-q' in '-tq'"
expect_usage_error "missing value" --ctx
expect_err "missing value named" "quantscope: option '--ctx' needs a value: --ctx N"
expect_usage_error "--f is ambiguous" --f 4
expect_err "--f candidates" "quantscope: option '--f' is ambiguous: --family, --format, --from, --fit"
case $err in *"$QUANTSCOPE"*) fail "a message names argv[0]: $err" ;; *) pass ;; esac

# --- modes: what does not apply is refused, whichever order ------------------------------
expect_usage_error "-i --check" -i --check
expect_err "-i --check named" "quantscope: --check does not apply to the interactive front end (-i)"
expect_usage_error "--table -i" --table -i
expect_err "--table -i named" "quantscope: --table does not apply to the interactive front end (-i)"
expect_usage_error "--list-models -i" --list-models -i
expect_err "--list-models -i named" "quantscope: -i does not apply to the model list (--list-models)"
expect_usage_error "--table with a fit option" --table --ctx 8k
expect_err "the fit named" "quantscope: --table does not apply to the fit (--ctx)"
expect_usage_error "-b twice" -b 4 -b 8
expect_err "-b twice named" "quantscope: give -b once"

# --- --help and the man page list the same options ---------------------------------------
run --help
expect_rc "--help" 0
help_opts=$(printf '%s\n' "$out" | grep -E '^  (-[a-zA-Z], |    )--' |
    grep -o -- '--[a-z][a-z-]*' | sort -u)
man_opts=$(sed -n '/^\.SH OPTIONS/,/^\.SH /p' "$man" | grep -E '^\.BR? \\-' |
    sed 's/\\-/-/g' | grep -o -- '--[a-z][a-z-]*' | sort -u)
if [ -n "$help_opts" ] && [ "$help_opts" = "$man_opts" ]; then
    pass
else
    fail "--help and the man page differ: $(printf '%s\n' "$help_opts" >"$tmpdir/h";
        printf '%s\n' "$man_opts" >"$tmpdir/m"; diff "$tmpdir/h" "$tmpdir/m" | tr '\n' ' ')"
fi
width=$(printf '%s\n' "$out" | awk '{ if (length > m) m = length } END { print m + 0 }')
[ "$width" -le 79 ] && pass || fail "--help has a line of $width columns"

finish
