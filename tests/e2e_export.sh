#!/bin/sh
# e2e_export.sh - every table report as Markdown (--markdown) and CSV
# (--csv) through the real binary (issue 12, "Export"): the footprint table
# (the default report and --table), --list-models, --list-devices,
# --list-formats, the fit's devices and --scan. Markdown has a header row
# between pipes, the alignment row under it and the rows of the text table
# with the text's numbers; CSV starts with the header, ends every line with
# CRLF (RFC 4180) and quotes a cell with a comma; the text is the text
# (no pipes, no CR); --markdown with --csv, or either with --json, is
# refused with exit status 2.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

# No user catalog or store of the machine running the tests leaks in.
HOME=$tmpdir/home
XDG_CONFIG_HOME=$tmpdir/config
XDG_CACHE_HOME=$tmpdir/cache
mkdir -p "$HOME"
export HOME XDG_CONFIG_HOME XDG_CACHE_HOME
unset HF_HOME HF_HUB_CACHE HUGGINGFACE_HUB_CACHE OLLAMA_MODELS LLAMA_CACHE

# expect_line WHAT TEXT: stdout has a line equal to TEXT (a CR before the
# newline dropped).
expect_line() {
    if tr -d '\r' <"$tmpdir/out" | grep -qxF "$2"; then
        pass
    else
        fail "$1: no line '$2'"; sed 's/^/  | /' "$tmpdir/out" >&2
    fi
}

# expect_first WHAT TEXT: stdout's first line is TEXT followed by CRLF.
expect_first() {
    first=$(head -n 1 "$tmpdir/out")
    cr=$(printf '\r')
    if [ "$first" = "$2$cr" ]; then pass; else fail "$1: first line '$first', expected '$2' + CRLF"; fi
}

# expect_prefix WHAT TEXT: stdout has a line that starts with TEXT.
expect_prefix() {
    if awk -v p="$2" 'index($0, p) == 1 { found = 1 } END { exit !found }' "$tmpdir/out"; then
        pass
    else
        fail "$1: no line starting '$2'"; sed 's/^/  | /' "$tmpdir/out" >&2
    fi
}

# expect_crlf WHAT: stdout has lines, every one of them ends with CRLF.
expect_crlf() {
    total=$(wc -l <"$tmpdir/out")
    bare=$(awk '!/\r$/' "$tmpdir/out" | wc -l)
    last=$(tail -c 2 "$tmpdir/out" | od -An -c | tr -d ' ')
    if [ "$total" -gt 1 ] && [ "$bare" -eq 0 ] && [ "$last" = '\r\n' ]; then
        pass
    else
        fail "$1: $total lines, $bare without CR, ends with '$last'"
    fi
}

# expect_markdown WHAT HEADER ALIGN: stdout has the header row HEADER and
# the alignment row ALIGN right below it, and no CR.
expect_markdown() {
    if awk -v h="$2" -v a="$3" 'prev == h && $0 == a { found = 1 } { prev = $0 }
                                END { exit !found }' "$tmpdir/out"; then
        pass
    else
        fail "$1: no header '$2' over '$3'"; sed 's/^/  | /' "$tmpdir/out" >&2
    fi
    if grep -q "$(printf '\r')" "$tmpdir/out"; then fail "$1: a CR in Markdown"; else pass; fi
}

# expect_text WHAT: stdout is the text table: no pipe, no CR.
expect_text() {
    if grep -q "$(printf '\r')" "$tmpdir/out" || grep -q '^|' "$tmpdir/out"; then
        fail "$1: the text has a pipe row or a CR"; sed 's/^/  | /' "$tmpdir/out" >&2
    else
        pass
    fi
}

m8="-p llama-3.1-8b"
fp32_note='no loss: full precision, the training reference'

# ---- the footprint table ---------------------------------------------------------
for mode in "--table" ""; do
    what="the footprint table${mode:+ ($mode)}"
    # shellcheck disable=SC2086 # the options are meant to split
    run $m8 $mode
    expect_rc "$what, text" 0
    expect_text "$what, text"
    expect_row "$what, text row" "FP16 16 14.96 16.06 1.00x almost no loss: the recommended default"

    # shellcheck disable=SC2086
    run $m8 $mode --markdown
    expect_rc "$what, --markdown" 0
    expect_markdown "$what, --markdown" "| precision | bits | GiB | GB | vs FP16 | quality |" \
        "| --- | ---: | ---: | ---: | ---: | --- |"
    expect_prefix "$what, --markdown: FP16's row" "| FP16 | 16 | 14.96 |"
    expect_line "$what, --markdown: FP32's row" "| FP32 | 32 | 29.92 | 32.12 | 0.50x | $fp32_note |"
    expect_line "$what, --markdown: the model in bold" \
        "**Llama-3.1-8B (8.03B), 8030261248 parameters**"

    # shellcheck disable=SC2086
    run $m8 $mode --csv
    expect_rc "$what, --csv" 0
    expect_first "$what, --csv: the header" "precision,bits,GiB,GB,vs FP16,quality"
    expect_crlf "$what, --csv"
    expect_line "$what, --csv: INT4's row" "INT4,4,3.74,4.02,4.00x,noticeable but acceptable loss"
    expect_line "$what, --csv: a cell with a comma is quoted" "FP32,32,29.92,32.12,0.50x,\"$fp32_note\""
    lines=$(wc -l <"$tmpdir/out")
    if [ "$lines" -eq 6 ]; then pass; else fail "$what, --csv: $lines lines, expected 6 (the table alone)"; fi
done
run -p 7B --table --all-formats --csv
expect_rc "--all-formats --csv" 0
expect_crlf "--all-formats --csv"
expect_line "--all-formats --csv: Q4_K_M's row on a bare size" \
    "Q4_K_M,4.8944,3.99,4.28,3.27x,noticeable but acceptable: the popular 4-bit choice"
lines=$(wc -l <"$tmpdir/out")
# The rows of the text table: from its header to the note under it.
rows=$(run -p 7B --table --all-formats
       awk '/^precision /{ on = 1; next } /^Weights only/{ on = 0 } on' "$tmpdir/out" | wc -l)
if [ "$rows" -gt 5 ] && [ "$lines" -eq $((rows + 1)) ]; then
    pass
else
    fail "--all-formats --csv: $lines lines for the text's $rows rows"
fi

# ---- --list-models ---------------------------------------------------------------
run --list-models --markdown
expect_rc "--list-models --markdown" 0
expect_markdown "--list-models --markdown" \
    "| id | family | params | active | max ctx | attention | src |" \
    "| --- | --- | ---: | ---: | ---: | --- | --- |"
expect_line "--list-models --markdown: Llama-3.1-8B" \
    "| llama-3.1-8b | llama | 8.03B | 8.03B | 131072 | GQA | ok |"
run --list-models --csv
expect_rc "--list-models --csv" 0
expect_first "--list-models --csv: the header" "id,family,params,active,max ctx,attention,src"
expect_crlf "--list-models --csv"
expect_line "--list-models --csv: Llama-3.1-8B" "llama-3.1-8b,llama,8.03B,8.03B,131072,GQA,ok"
run --list-models nothing-matches-this --csv
expect_rc "--list-models with no match, --csv" 0
expect_first "--list-models with no match, --csv: the header alone" \
    "id,family,params,active,max ctx,attention,src"
lines=$(wc -l <"$tmpdir/out")
if [ "$lines" -eq 1 ]; then pass; else fail "--list-models with no match, --csv: $lines lines"; fi
run --list-models
expect_text "--list-models text"
expect_row "--list-models text row" "llama-3.1-8b llama 8.03B 8.03B 131072 GQA ok"

# ---- --list-devices --------------------------------------------------------------
run --list-devices --markdown
expect_rc "--list-devices --markdown" 0
expect_markdown "--list-devices --markdown" \
    "| id | kind | memory GiB | use% | usable GiB | GB/s | TFLOPS | name |" \
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"
expect_line "--list-devices --markdown: the RTX 3090" \
    "| rtx-3090 | gpu | 24.00 | 100% | 24.00 | 936 | - | RTX 3090 |"
run --list-devices --csv
expect_rc "--list-devices --csv" 0
expect_first "--list-devices --csv: the header" "id,kind,memory GiB,use%,usable GiB,GB/s,TFLOPS,name"
expect_crlf "--list-devices --csv"
expect_line "--list-devices --csv: the RTX 3090" "rtx-3090,gpu,24.00,100%,24.00,936,-,RTX 3090"
run --list-devices
expect_text "--list-devices text"

# ---- --list-formats --------------------------------------------------------------
run --list-formats --markdown
expect_rc "--list-formats --markdown" 0
expect_markdown "--list-formats --markdown" \
    "| name | bits | nominal | family | ppl + | quality |" \
    "| --- | ---: | ---: | --- | ---: | --- |"
expect_line "--list-formats --markdown: FP16" \
    "| FP16 | 16.0000 | 16.0000 | float | +0.0020 | almost no loss: the recommended default |"
run --list-formats --csv
expect_rc "--list-formats --csv" 0
expect_first "--list-formats --csv: the header" "name,bits,nominal,family,ppl +,quality"
expect_crlf "--list-formats --csv"
expect_line "--list-formats --csv: a cell with a comma is quoted" \
    "FP32,32.0000,32.0000,float,-,\"$fp32_note\""
expect_line "--list-formats --csv: Q8_0" \
    "Q8_0,8.5008,8.5000,gguf,+0.0026,minimal loss: GGUF 8-bit with a scale per 32 weights"
# The longest note (67 bytes) whole: no cell is cut.
expect_line "--list-formats --csv: a long note whole" \
    "TERNARY,1.5800,1.5800,ternary,-,\"only for ternary-trained models (BitNet b1.58), not a conversion\""
run --list-formats
expect_text "--list-formats text"

# ---- the fit's devices -----------------------------------------------------------
fit="$m8 --fit --device rtx-4090 --device m3-max-64"
# shellcheck disable=SC2086
run $fit --markdown
expect_rc "--fit --markdown" 0
expect_markdown "--fit --markdown: the need" "| part | GiB |" "| --- | ---: |"
expect_line "--fit --markdown: the weights" "| weights | 14.96 |"
expect_line "--fit --markdown: the total" "| total | 15.96 |"
expect_markdown "--fit --markdown: the devices" \
    "| device | usable GiB | share | fit | headroom GiB | offload layers | best format | max ctx tokens | tok/s* |" \
    "| --- | ---: | ---: | --- | ---: | ---: | --- | ---: | ---: |"
expect_prefix "--fit --markdown: the RTX 4090" "| rtx-4090 | 23.99 | 62.4% | fits | 9.01 | - | FP16 |"
# shellcheck disable=SC2086
run $fit --csv
expect_rc "--fit --csv" 0
expect_first "--fit --csv: the header" \
    "device,usable GiB,share,fit,headroom GiB,offload layers,best format,max ctx tokens,tok/s*"
expect_crlf "--fit --csv"
expect_prefix "--fit --csv: the RTX 4090" "rtx-4090,23.99,62.4%,fits,9.01,-,FP16,"
expect_prefix "--fit --csv: the M3 Max" "m3-max-64,48.00,33.2%,fits,32.04,-,FP32,131072,"
lines=$(wc -l <"$tmpdir/out")
if [ "$lines" -eq 3 ]; then pass; else fail "--fit --csv: $lines lines, expected 3 (the table alone)"; fi
# shellcheck disable=SC2086
run $fit
expect_text "--fit text"
expect_out "--fit text: the breakdown" "  weights     14.96 GiB  = 8030261248 x 16 bits / 8"

# ---- --scan ----------------------------------------------------------------------
mkstore=${TESTS_BUILDDIR:-$(dirname "$QUANTSCOPE")/tests}/mkstore
if [ -x "$mkstore" ] && "$mkstore" "$tmpdir/good" >/dev/null 2>&1; then
    models=$tmpdir/good/models
    gguf=$models/Llama-3.1-8B-Instruct-Q4_K_M.gguf
    run --scan "$models" --device 24GiB --csv
    expect_rc "--scan --csv" 0
    expect_first "--scan --csv: the header" "model,GiB,arch,params,type,24GiB,max ctx,tok/s*,path"
    expect_crlf "--scan --csv"
    expect_line "--scan --csv: Llama-3.1-8B with its whole path" \
        "Llama-3.1-8B,4.58,llama,8.03B,Q4_K_M,fits,131072,-,$gguf"
    run --scan "$models" --device 24GiB --markdown
    expect_rc "--scan --markdown" 0
    expect_markdown "--scan --markdown" \
        "| model | GiB | arch | params | type | 24GiB | max ctx | tok/s* | path |" \
        "| --- | ---: | --- | ---: | --- | --- | ---: | ---: | --- |"
    expect_prefix "--scan --markdown: Llama-3.1-8B" \
        "| Llama-3.1-8B | 4.58 | llama | 8.03B | Q4_K_M | fits | 131072 |"
    run --scan "$models" --device 24GiB
    expect_text "--scan text"
    expect_row "--scan text row" "Llama-3.1-8B 4.58 llama 8.03B Q4_K_M fits 131072 -"
else
    echo "tests/mkstore is not built (it needs Check): --scan not checked" >&2
fi

# ---- one style at a time ---------------------------------------------------------
# shellcheck disable=SC2086
expect_usage_error "--markdown with --csv" $m8 --table --markdown --csv
expect_err "--markdown with --csv: the message" "not both"
# shellcheck disable=SC2086
expect_usage_error "--json with --csv" $m8 --table --json --csv
# shellcheck disable=SC2086
expect_usage_error "--json with --markdown" $m8 --table --json --markdown
expect_usage_error "--list-models --csv --markdown" --list-models --csv --markdown
expect_usage_error "--list-formats --json --csv" --list-formats --json --csv
# shellcheck disable=SC2086
expect_usage_error "--fit --markdown --csv" $fit --markdown --csv

finish
