#!/bin/sh
# e2e_tui_fit.sh - the hardware fit in the front end (issue 4): this
# machine's RAM as --host reports it, the context control and the KV cache
# type change the KV part to the model layer's value (through --fit
# --json), the device list with the selected device's answers (best
# precision, largest context) as --fit gives them, partial offload, the
# table overlay with the current row marked, all of it at 80x24; the
# current row's reverse-video bar across 200 columns; ASCII under LANG=C.
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui_lib.sh"

if ! command -v jq >/dev/null 2>&1; then
    echo "jq is not installed: install it to run the fit front-end test" >&2
    exit 77
fi

# fitq MODEL PREC CTX KV FILTER [DEVICE]: a jq filter over --fit --json.
fitq() {
    if [ -n "${6:-}" ]; then
        "$QUANTSCOPE" -p "$1" -f "$2" --ctx "$3" --kv-format "$4" --device "$6" --fit --json |
            jq -r "$5"
    else
        "$QUANTSCOPE" -p "$1" -f "$2" --ctx "$3" --kv-format "$4" --fit --json | jq -r "$5"
    fi
}
# fit_line MODEL PREC CTX KV: the Fit line's numbers as the screen rounds them.
fit_line() {
    fitq "$1" "$2" "$3" "$4" '[.total_gib, .weights_gib, .kv_cache_gib, .ctx, .overhead_gib] | @tsv' |
        { read -r t w k c o; printf '%.2f GiB = %.2f weights + %.2f KV (%s tok) + %.2f runtime' \
            "$t" "$w" "$k" "$c" "$o"; }
}

# --- 80x24: Llama-3.1-8B at FP16 --------------------------------------------------
tui_start 80 24 -- -i -p llama-3.1-8b -f fp16
tui_wait "start: the context control" "Context    4096 tokens (max 131072)  KV cache f16"
tui_wait "start: the fit at 4096 tokens" "Fit        $(fit_line llama-3.1-8b fp16 4096 f16)"

# this machine first, with its usable RAM as --host reports it (available
# RAM moves a little between two runs: within 0.5 GiB)
want=$("$QUANTSCOPE" --host --json | jq -r '.usable_gib // 0')
tui_wait "this machine's row" "> this machine (RAM)"
row=$(tui_screen | grep "^> this machine (RAM) " | head -n 1)
have=$(printf '%s\n' "$row" | sed -n 's|.* of *\([0-9][0-9.]*\) GiB.*|\1|p')
case "$want" in
0) case "$row" in *"RAM unknown"*) pass ;; *) fail "RAM unknown, but the row is: $row" ;; esac ;;
*)  if awk -v a="$have" -v b="$want" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a != "" && d <= 0.5) }'
    then pass
    else fail "this machine: the screen says '$have' GiB, --host says $want"
    fi ;;
esac

# 80x24 shows everything: slider, numbers, context, six devices, the
# selected device's answers, the best-precision marker and the keys
for text in "16.00 bpw  FP16" "Footprint" "Savings" "Quality" "Laptop, 8GB RAM" \
    "Laptop, 16GB RAM" "RTX 4090" "H100 SXM 80GB" "H200 141GB" "this machine (RAM):  best " \
    "best on this machine (RAM)" "t table"; do
    tui_wait "80x24 shows '$text'" "$text"
done

# the context: Tab to it, Right doubles, a typed count sets it
tui_keys Tab Tab
tui_wait "context focused: its keys in the footer" "Left/Right halve/double"
tui_keys Right
tui_wait "Right doubles the context" "8192 tokens (max 131072)"
tui_wait "the fit at 8192 tokens (1 GiB of f16 cache)" "Fit        $(fit_line llama-3.1-8b fp16 8192 f16)"
tui_type "32k"
tui_wait "typing a context" "tokens: 32k_"
tui_keys Enter
tui_wait "typed 32k" "32768 tokens (max 131072)"
tui_wait "the fit at 32768 tokens" "Fit        $(fit_line llama-3.1-8b fp16 32768 f16)"
tui_type "50"
tui_keys Enter
tui_wait "typed 50: inline error" "'50' is not a context here"
# k cycles the KV cache type
tui_keys k
tui_wait "k: q8_0" "KV cache q8_0"
tui_wait "the fit with a q8_0 cache" "Fit        $(fit_line llama-3.1-8b fp16 32768 q8_0)"
tui_keys k
tui_wait "k: q4_0" "KV cache q4_0"
tui_wait "the fit with a q4_0 cache" "Fit        $(fit_line llama-3.1-8b fp16 32768 q4_0)"

# the devices: select the RTX 4090; its answers are those of --fit
tui_keys Tab Down Down Down
tui_wait "RTX 4090 selected" "> RTX 4090"
best=$(fitq llama-3.1-8b fp16 32768 q4_0 '.devices[0].best_format' rtx-4090)
mctx=$(fitq llama-3.1-8b fp16 32768 q4_0 '.devices[0].max_ctx' rtx-4090)
tui_wait "RTX 4090: best precision and largest context" "RTX 4090:  best $best  max ctx $mctx"
tui_wait "the marker on the slider" "$best best on RTX 4090"

# the table: every precision, the current one marked
tui_keys t
tui_wait "t opens the table" "Table  Llama-3.1-8B  ctx 32768  KV q4_0"
tui_wait "the table's columns" "format"
tui_wait "the current row is marked" "> FP16 "
tui_expect_reverse_row "80x24: the current row" "> FP16 " 80
tui_wait "the legend" "fits <=85%  tight <=100%"
tui_keys End
tui_wait "End scrolls to the last row" "TERNARY"
tui_keys Escape
tui_wait_gone "Esc closes the table" "format"
tui_wait "back on the main screen" "Context    32768 tokens"
tui_keys q
tui_wait_exit "q" 0

# --- 200x40: wider than any text buffer, the current row's bar still spans it
tui_start 200 40 -- -i -p llama-3.1-8b -f q4_k_m
tui_wait "200x40: start" "Context    4096 tokens"
tui_keys t
tui_wait "200x40: the table" "> Q4_K_M "
tui_expect_reverse_row "200x40: the current row" "> Q4_K_M " 200
tui_keys q
tui_wait_exit "q (200x40)" 0

# --- a 70B model: partial offload on a 24 GB GPU, when this machine has RAM for it
tui_start 80 24 -- -i -p llama-3.1-70b -f q4_k_m
tui_wait "70B" "Llama-3.1-70B"
layers=$("$QUANTSCOPE" -p llama-3.1-70b -f q4_k_m --device rtx-4090 --fit --json |
    jq -r '.devices[0].gpu_layers // "none"')
if [ "$layers" != none ]; then
    tui_wait "partial offload on the RTX 4090" "RTX 4090           $layers/80 layers on GPU"
fi
tui_keys q
tui_wait_exit "q (70B)" 0

# --- LANG=C: ASCII only, the marker too ----------------------------------------------
tui_start 80 24 LC_ALL=C -- -i -p llama-3.1-8b -f q4_k_m
tui_wait "LANG=C: start" "Context    4096 tokens"
tui_wait "LANG=C: the marker is ASCII" "FP16 best on this machine (RAM) ^"
tui_screen | awk 'length($0) > 80 { bad = 1 } END { exit bad }' && pass ||
    fail "LANG=C: a line is wider than 80 columns"
tui_keys t
tui_wait "LANG=C: the table" "> Q4_K_M"
if tmx capture-pane -p -t qs | LC_ALL=C grep -q '[^ -~]'; then
    fail "LANG=C: non-ASCII bytes on the screen"
else
    pass
fi
tui_keys q
tui_wait_exit "q (LANG=C)" 0

tui_finish
