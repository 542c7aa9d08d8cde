#!/bin/sh
# e2e_tui_rigs.sh - rigs in the front end (issue 11): a rig's row opens
# into a row per GPU with the layers and the memory --fit --json gives
# each; the offload verdict in its word, with what stays in RAM and the
# speed; the runtime line and its cycle; the command box with the command
# --print-command gives; a device added by the prompt (a typo refused
# first) and removed; the command printed on exit with --print-command;
# and the words under NO_COLOR=1 TERM=vt100 LANG=C, the offload word
# underlined there. Every run quits with q and leaves the terminal as it was.
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui_lib.sh"

if ! command -v jq >/dev/null 2>&1; then
    echo "jq is not installed: install it to run the rigs front-end test" >&2
    exit 77
fi

# fitj DEVICE FILTER [OPTION...]: a jq filter over the 70B's --fit --json on DEVICE.
fitj() {
    d=$1 f=$2
    shift 2
    "$QUANTSCOPE" -p llama-3.1-70b -f q4_k_m --device "$d" "$@" --fit --json --print-command |
        jq -r "$f"
}
# gpu_row DEVICE I: GPU I's sub-row as the screen writes it, from --fit --json
# (its layers, "+out" on the one with the output layer, total and usable GiB).
gpu_row() {
    fitj "$1" ".devices[0].split.gpus[$2] | [.device, .first_layer, .layers, .output,
        .total_gib, .usable_gib, .verdict] | @tsv" --ctx 8k |
        { IFS=$(printf '\t') read -r dev first n out total usable verdict
          o=; [ "$out" = true ] && o=" +out"
          printf 'GPU %s %s   layers %s-%s%s|%.2f GiB of %6.2f GiB  %s' "$2" "$dev" "$first" \
              $((first + n - 1)) "$o" "$total" "$usable" "$verdict"; }
}

# --- 80x24: Llama-3.1-70B Q4_K_M on two RTX 3090 at 8k ----------------------------
tui_start 80 24 -- -i -p llama-3.1-70b -f q4_k_m --device 2xrtx-3090 --ctx 8k
verdict=$(fitj 2xrtx-3090 '.devices[0].verdict' --ctx 8k)
tui_wait "the rig's one row" "2xrtx-3090       + "
tui_wait "the rig's verdict" "of  48.00 GiB  $verdict"
tui_keys Tab Tab Tab End
tui_wait "the rig selected" "> 2xrtx-3090"
tui_wait "its runtime, chosen, and its split" \
    "runtime  llama.cpp (chosen)  layer split over 2 GPUs"
tui_keys e
tui_wait "e opens the rig" "> 2xrtx-3090       - "
for i in 0 1; do
    row=$(gpu_row 2xrtx-3090 $i)
    tui_wait "GPU $i: its layers" "    ${row%%|*}"
    tui_wait "GPU $i: its memory and verdict" "${row#*|}"
done
tui_keys e
tui_wait_gone "e closes it" "GPU 0 rtx-3090"

# the command box: what --print-command gives for this row
cmd=$(fitj 2xrtx-3090 '.devices[0].command' --ctx 8k)
tui_keys C
tui_wait "C opens the command box" "Command: 2xrtx-3090, llama.cpp"
tui_wait "the box runs llama-server" "llama-server -m llama-3.1-70b-Q4_K_M.gguf -c 8192"
case "$cmd" in
*"--tensor-split 41,40"*) tui_wait "the split in the box" "--tensor-split 41,40" ;;
*) tui_wait "the box's command" "${cmd#* -c 8192 }" ;;
esac
tui_keys Escape
tui_wait_gone "Esc closes the box" "Command: 2xrtx-3090"

# r: llama.cpp set, ollama, vLLM (tensor parallel over the two), ... auto
tui_keys r
tui_wait "r: llama.cpp, set" "runtime  llama.cpp (set)"
tui_keys r r
tui_wait "r r: vllm" "runtime  vllm (set)  tensor parallel TP=2"
tui_keys C
tui_wait "vllm's command" "vllm serve llama-3.1-70b --tensor-parallel-size 2"
tui_keys C
tui_keys r r r r
tui_wait "back to auto" "runtime  llama.cpp (chosen)"

# a device by the prompt: a typo refused (nothing added), then mended; x removes it
tui_keys a
tui_wait "a opens the prompt" "add device: _"
tui_type "rtx-409"
tui_keys Enter
tui_wait "a typo refused" "no device 'rtx-409'; did you mean rtx-4090"
tui_keys a
tui_wait "the text kept to mend" "add device: rtx-409_"
tui_type "0"
tui_keys Enter
tui_wait "added and selected" "> RTX 4090           "
tui_wait "its detail line" "RTX 4090:  "
tui_keys x
tui_wait "x removes it" "removed RTX 4090 (a adds a device)"
tui_wait_gone "its row is gone" "RTX 4090           "
tui_wait "the rig selected again" "> 2xrtx-3090"
tui_keys q
tui_wait_exit "q" 0
tui_expect_stty "q: the terminal as it was"

# --- one RTX 3090: offload, its word and what stays in RAM -----------------------
tui_start 80 24 -- -i -p llama-3.1-70b -f q4_k_m --device rtx-3090
verdict=$(fitj rtx-3090 '.devices[0].verdict')
tui_wait "one 3090: its verdict word" "of  24.00 GiB  $verdict"
tui_keys Tab Tab Tab End
tui_wait "the 3090 selected" "> RTX 3090"
if [ "$verdict" = offload ]; then
    gl=$(fitj rtx-3090 '.devices[0].split.gpu_layers')
    tok=$(fitj rtx-3090 '.devices[0].decode_tokens_per_s_upper_bound')
    tok=$(awk -v t="$tok" 'BEGIN { printf (t < 10 ? "%.1f" : "%.0f"), t }')
    tui_wait "offload: the layers on the GPU" "RTX 3090           $gl/80 layers on GPU"
    tui_wait "offload: what is in RAM and the speed" \
        "RTX 3090:  $gl of 80 blocks on the GPU  up to $tok tok/s"
fi
tui_keys q
tui_wait_exit "q (offload)" 0

# --- --print-command: the selected row's command on exit, the terminal sane --------
# (wide enough for the command on one line)
tui_start 160 24 -- -i --print-command -p llama-3.1-70b -f q4_k_m --device 2xrtx-3090 --ctx 8k
tui_wait "print-command: start" "2xrtx-3090       + "
tui_keys Tab Tab Tab End
tui_wait "print-command: the rig selected" "> 2xrtx-3090"
tui_keys q
tui_wait_exit "print-command: q" 0
tui_wait "print-command: printed on exit" "$cmd"
tui_expect_stty "print-command: the terminal as it was"

# --- NO_COLOR=1 TERM=vt100 LANG=C: the words, ASCII, offload underlined -----------
tui_start 80 24 NO_COLOR=1 TERM=vt100 LC_ALL=C LANG=C -- \
    -i -p llama-3.1-70b -f q4_k_m --device rtx-3090 --device 2xrtx-3090
v1=$(fitj rtx-3090 '.devices[0].verdict')
v2=$(fitj 2xrtx-3090 '.devices[0].verdict')
tui_wait "vt100: the 3090's word" "RTX 3090"
tui_wait "vt100: the 3090's verdict" "of  24.00 GiB  $v1"
tui_wait "vt100: the rig's verdict" "of  48.00 GiB  $v2"
tui_keys Tab Tab Tab End e
tui_wait "vt100: the rig's GPU rows" "GPU 1 rtx-3090   layers"
if tmx capture-pane -p -t qs | LC_ALL=C grep -q '[^ -~]'; then
    fail "vt100: non-ASCII bytes on the screen"
else
    pass
fi
if [ "$v1" = offload ]; then
    esc=$(printf '\033')
    if tmx capture-pane -e -p -t qs | LC_ALL=C grep -qE "$esc\[([0-9]*;)*4(;[0-9]*)*m[^$esc]*offload"; then
        pass
    else
        fail "vt100: 'offload' is not underlined without colours"
    fi
fi
tui_keys q
tui_wait_exit "q (vt100)" 0
tui_expect_stty "vt100: the terminal as it was"

tui_finish
