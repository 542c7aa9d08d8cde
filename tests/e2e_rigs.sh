#!/bin/sh
# e2e_rigs.sh - rigs, machines, runtimes and offload on the command line
# (issue 11): per-GPU answers that add up, the split modes, the smallest
# --n-cpu-moe, --check on a rig, the reproducing command, and every new bad
# input refused with one line.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

if ! command -v jq >/dev/null 2>&1; then
    echo "jq is not installed: install it (apt-get install jq) to run this test" >&2
    exit 77
fi

# Verdicts in order of worsening (fit.h): a rig's is its worst GPU's.
RANK='def rank: {"fits": 0, "tight": 1, "offload": 2, "no fit": 3}[.];'
# Each GPU's total is the sum of its parts, its headroom usable - total.
PARTS='all(.devices[0].split.gpus[]; ((.weights_gib + .kv_gib + .compute_gib + .overhead_gib)
       - .total_gib | fabs) < 1e-9 and ((.usable_gib - .total_gib) - .headroom_gib | fabs) < 1e-9)'
WORST="$RANK"' .devices[0].verdict as $v | ([.devices[0].split.gpus[].verdict | rank] | max)
       == ($v | rank)'

# --- layer split: Llama-3.1-70B Q4_K_M on two RTX 3090s --------------------------------
# 80 blocks (config.json num_hidden_layers), split by layers, nothing lost.
run -p llama-3.1-70b -f q4_k_m --device 2xrtx-3090 --ctx 8k --json
expect_rc "70B on 2x3090" 0
expect_json "one row, a rig of 2 GPUs on 1 machine" \
    '(.devices | length) == 1 and .devices[0].rig == {"gpus": 2, "nodes": 1}'
expect_json "llama.cpp, chosen, by layers" \
    '.devices[0].runtime == "llama.cpp" and .devices[0].runtime_chosen and .devices[0].split.mode == "layer"'
expect_json "two GPUs" '(.devices[0].split.gpus | length) == 2 and
    [.devices[0].split.gpus[].device] == ["rtx-3090", "rtx-3090"]'
expect_json "layers per GPU sum to 80, in order, the output on the last" \
    '.devices[0].split.gpus as $g | ([$g[].layers] | add) == 80 and $g[0].first_layer == 0
     and $g[1].first_layer == $g[0].layers and $g[1].output and ($g[0].output | not)'
expect_json "each GPU's total is its weights + KV + compute + overhead" "$PARTS"
expect_json "the rig's verdict is its worst GPU's" "$WORST"
expect_json "the rig's headroom is the least GPU's" \
    '.devices[0].headroom_gib == ([.devices[0].split.gpus[].headroom_gib] | min)'
expect_json "no byte of the weights lost: GPUs + RAM = the weights" \
    '(([.devices[0].split.gpus[].weights_gib] | add) + .devices[0].split.ram_weights_gib
      - .weights_gib | fabs) < 1e-9'
expect_json "nor of the KV cache" \
    '(([.devices[0].split.gpus[].kv_gib] | add) - .kv_cache_gib | fabs) < 1e-9'
expect_json "the command splits it so" \
    '.devices[0].command | startswith("llama-server -m llama-3.1-70b-Q4_K_M.gguf -c 8192 -ngl 99 --split-mode layer --tensor-split ")'
expect_json "the model's name is said to be a placeholder" '.devices[0].command_model_placeholder'
run -p llama-3.1-70b -f q4_k_m --device 2xrtx-3090 --ctx 8k
expect_out "text: the block names the runtime and the split" "2xrtx-3090: llama.cpp (chosen for"
expect_out "text: a row per GPU" "  0   rtx-3090 0-"
expect_out "text: the command" "  run: llama-server -m llama-3.1-70b-Q4_K_M.gguf -c 8192"
expect_out "text: the placeholder said" "the model's name is a placeholder"
long=$(printf '%s\n' "$out" | awk 'length > 79' | head -1)
if [ -z "$long" ]; then pass; else fail "a line over 79 columns: $long"; fi
# Two kinds in one machine, and --tensor-split given.
run -p llama-3.1-70b -f q4_k_m --device rtx-4090+rtx-3090 --tensor-split 1,1 --json
expect_json "4090 + 3090: the two kinds in order" \
    '[.devices[0].split.gpus[].device] == ["rtx-4090", "rtx-3090"]'

# --- --check on a rig: 0 only when every GPU fits -----------------------------------
run -p llama-3.1-70b -f q4_k_m --device 2xrtx-3090 --ctx 8k --check
expect_rc "--check: every GPU of 2x3090 holds it" 0
# Three quarters of the layers on the first: 60 blocks of about 0.49 GiB
# do not go into 24 GiB; with no RAM there is no offload either.
run -p llama-3.1-70b -f q4_k_m --device 2xrtx-3090 --ctx 8k --tensor-split 3,1 --ram 0 --json
expect_json "--tensor-split 3,1: the first GPU gets 3/4 of the blocks" \
    '.devices[0].split.gpus[0].layers > 2 * .devices[0].split.gpus[1].layers'
expect_json "one GPU no fit, the other fits: the rig is no fit" \
    '.devices[0].verdict == "no fit" and .devices[0].split.gpus[1].verdict != "no fit"'
expect_json "--tensor-split 3,1: the worst GPU's verdict" "$WORST"
run -p llama-3.1-70b -f q4_k_m --device 2xrtx-3090 --ctx 8k --tensor-split 3,1 --ram 0 --check
expect_rc "--check: one GPU of the rig does not fit" 1
run -p llama-3.1-70b -f q4_k_m --device 2xrtx-3090 --ctx 8k --check --device h200
expect_rc "--check: the first device decides" 0

# --- tensor parallel: Llama-3.1-405B FP8 on 8 H100s under vLLM ------------------------
run -p llama-3.1-405b -f fp8 --device 8xh100-sxm --runtime vllm --json
expect_rc "405B on 8xH100" 0
expect_json "vLLM as asked, TP=8, one stage" \
    '.devices[0].runtime == "vllm" and (.devices[0].runtime_chosen | not) and
     .devices[0].split.mode == "tensor" and .devices[0].split.tp == 8 and .devices[0].split.pp == 1'
expect_json "eight GPUs, each a share of every layer" \
    '(.devices[0].split.gpus | length) == 8 and all(.devices[0].split.gpus[]; .count == 1)'
expect_json "TP=8: each GPU's total is its parts" "$PARTS"
expect_json "TP=8: the weights divided, none lost" \
    '(([.devices[0].split.gpus[].weights_gib] | add) - .weights_gib | fabs) < 1e-6'
expect_json "TP=8: the worst GPU's verdict" "$WORST"
expect_json "TP=8: the vllm command" \
    '.devices[0].command | startswith("vllm serve llama-3.1-405b --tensor-parallel-size 8 --max-model-len 4096 --gpu-memory-utilization ")'
run -p llama-3.1-405b -f fp8 --device 8xh100-sxm --runtime vllm
expect_out "text: tensor parallel" "tensor parallel TP=8"
expect_out "text: every layer divided" "all/TP"

# --- pipeline: DeepSeek-V3 FP8 over two 8-GPU machines ----------------------------------
# 61 blocks (config.json num_hidden_layers), one stage per machine.
run -p deepseek-v3 -f fp8 --device 8xh100-sxm --nodes 2 --json
expect_rc "DeepSeek-V3 on 2 x 8xH100" 0
expect_json "a rig of 2 machines of 8" '.devices[0].rig == {"gpus": 8, "nodes": 2}'
expect_json "pipeline 2 x tensor 8" \
    '.devices[0].split.mode == "pipeline" and .devices[0].split.pp == 2 and .devices[0].split.tp == 8'
expect_json "one row per machine, each for its 8 GPUs, the blocks in order" \
    '.devices[0].split.gpus as $g | ($g | length) == 2 and all($g[]; .count == 8) and
     [$g[].node] == [0, 1] and ([$g[].layers] | add) == 61 and $g[1].first_layer == $g[0].layers'
expect_json "pipeline: each row's total is its parts" "$PARTS"
expect_json "pipeline: the weights over 16 GPUs, none lost" \
    '(([.devices[0].split.gpus[] | .weights_gib * .count] | add) - .weights_gib | fabs) < 1e-6'
expect_json "pipeline: the vllm command" \
    '.devices[0].command | test("--tensor-parallel-size 8 --pipeline-parallel-size 2 ")'
run -p deepseek-v3 -f fp8 --device 8xh100-sxm --nodes 2
expect_out "text: machines and the interconnect assumed" "2 machines x 8 GPUs: pipeline 2 x tensor 8"
expect_out "text: the interconnect" "InfiniBand/RoCE"

# --- MoE expert offload: gpt-oss-120b on one RTX 4090 with 64 GB of RAM ---------------
run -p gpt-oss-120b -f mxfp4_moe --device rtx-4090 --ram 64GB --json
expect_rc "gpt-oss-120b on a 4090" 0
n=$(printf '%s' "$out" | jq '.devices[0].split.n_cpu_moe')
expect_json "runs with offload, experts of some blocks in RAM" \
    '.devices[0].verdict == "offload" and .devices[0].split.n_cpu_moe > 0 and
     .devices[0].split.ram_weights_gib > 0 and .devices[0].split.offload_fits'
expect_json "a speed from both bandwidths" \
    '.devices[0].split.tok_s > 0 and .devices[0].split.ram_bytes_per_token > 0 and
     .devices[0].decode_tokens_per_s_upper_bound == .devices[0].split.tok_s'
expect_json "the llama.cpp arguments" \
    ".devices[0].command == \"llama-server -m gpt-oss-120b-MXFP4_MOE.gguf -c 4096 -ngl 99 --n-cpu-moe $n\""
expect_json "with N blocks in RAM the GPU keeps its margin" \
    '.devices[0].split.gpus[0] as $g | $g.total_gib + .devices[0].split.margin_gib <= $g.usable_gib'
case $n in
'' | *[!0-9]*) fail "no --n-cpu-moe answered: '$n'" ;;
*)
    run -p gpt-oss-120b -f mxfp4_moe --device rtx-4090 --ram 64GB --n-cpu-moe $((n - 1)) --json
    expect_json "the smallest: with N-1 the GPU does not keep it" \
        ".devices[0].split.n_cpu_moe == $((n - 1)) and (.devices[0].split.gpus[0] as \$g |
         \$g.total_gib + .devices[0].split.margin_gib > \$g.usable_gib)"
    run -p gpt-oss-120b -f mxfp4_moe --device rtx-4090 --ram 64GB --n-cpu-moe "$n" --json
    expect_json "--n-cpu-moe N is the same answer" ".devices[0].split.n_cpu_moe == $n"
    ;;
esac
run -p gpt-oss-120b -f mxfp4_moe --device rtx-4090 --ram 64GB
expect_out "text: the offload verdict in the table" " offload "
expect_out "text: the legend" "offload: runs with part of the model in RAM (see below)."
expect_out "text: runs with offload" "one GPU: runs with offload"
expect_out "text: the experts in RAM" "in RAM: experts of $n blocks (--n-cpu-moe $n)"
expect_out "text: RAM bandwidth assumed" "at 89.6 GB/s, assumed"
run -p gpt-oss-120b -f mxfp4_moe --device rtx-4090 --ram 64GB --ram-bandwidth 60
expect_out "--ram-bandwidth: the RAM's" "at 60.0 GB/s)"
run -p gpt-oss-120b -f mxfp4_moe --device rtx-4090 --ram 64GB --check
expect_rc "--check: runs only with offload" 1

# --- runtimes, margins, memory, --print-command --------------------------------------
run -p llama-3.1-8b -f q4_k_m --device rtx-4090 --print-command
expect_out "--print-command on a lone GPU" "  run: llama-server -m llama-3.1-8b-Q4_K_M.gguf -c 4096 -ngl 99"
run -p llama-3.1-8b -f q4_k_m --device rtx-4090
case $out in *"run:"*) fail "a lone GPU that fits prints its command unasked" ;; *) pass ;; esac
run -p llama-3.1-8b -f q4_k_m --device rtx-4090 --runtime ollama --ctx 8k --json
expect_json "ollama's command" \
    '.devices[0].runtime == "ollama" and .devices[0].command == "OLLAMA_CONTEXT_LENGTH=8192 ollama serve & ollama run llama-3.1-8b:q4_k_m"'
run -p llama-3.1-8b -f q4_k_m --device rtx-4090 --margin 0 --json
expect_json "--margin 0" '.devices[0].split.margin_gib == 0'
run -p llama-3.1-8b -f q4_k_m --device rtx-4090 --gpu-memory 10GiB --json
expect_json "--gpu-memory: each GPU's usable memory" '.devices[0].split.gpus[0].usable_gib == 10'

# A device that is no GPU is answered whole: no rig, no split, a CPU command.
run -p llama-3.1-8b -f q4_k_m --device laptop-8gb --json
expect_json "a laptop: no rig, no split, every layer on the CPU" \
    '.devices[0].rig == null and .devices[0].split == null and (.devices[0].command | endswith(" -ngl 0"))'

# --- bad inputs: exit 2, one line on stderr, nothing on stdout -------------------------
expect_usage_error "a rig term that is no device" --device 2xrtx-309
expect_err "the whole value, the term, the names" \
    "quantscope: --device '2xrtx-309': 'rtx-309' is not a device of the catalog or a size (24GiB); did you mean rtx-3090"
expect_usage_error "an empty rig term" --device rtx-4090+
expect_usage_error "a zero count" --device 0xrtx-3090
expect_usage_error "17 GPUs in a machine" --device 17xh100-sxm
expect_usage_error "a laptop in a rig" --device 2xlaptop-8gb
expect_usage_error "--nodes without --device" --nodes 2
expect_err "--nodes needs a device" "quantscope: --nodes needs --device"
expect_usage_error "--nodes 0" --nodes 0 --device h100-sxm
expect_usage_error "--nodes 17" --nodes 17 --device h100-sxm
expect_usage_error "--nodes on a laptop" --nodes 2 --device laptop-8gb
expect_usage_error "--nodes twice" --nodes 2 --nodes 2 --device h100-sxm
expect_usage_error "--tensor-split without --device" --tensor-split 1,1
expect_usage_error "--tensor-split that matches no rig" --tensor-split 1,1,1 --device 2xrtx-3090
expect_usage_error "--tensor-split all 0" --tensor-split 0,0 --device 2xrtx-3090
expect_usage_error "--tensor-split not numbers" --tensor-split a,b --device 2xrtx-3090
expect_usage_error "--runtime unknown" --runtime vllm2
expect_err "--runtime lists the runtimes" "expected one of llama.cpp, ollama, vllm, sglang, mlx, transformers"
expect_usage_error "--gpu-memory 0" --gpu-memory 0
expect_usage_error "--gpu-memory without a unit" --gpu-memory 24
expect_usage_error "--margin without a unit" --margin 1
expect_usage_error "--n-cpu-moe 1025" --n-cpu-moe 1025
expect_usage_error "--n-cpu-moe -1" --n-cpu-moe -1
expect_usage_error "--ram-bandwidth 0" --ram-bandwidth 0
expect_usage_error "--ram-bandwidth with a unit" --ram-bandwidth 60GB/s
expect_usage_error "--print-command with --scan" --scan --print-command
expect_usage_error "--runtime with --table" --table --runtime vllm

# --- a runtime named for a format it does not load says so ---------------------------
run -p llama-3.1-8b -f q4_k_m --device rtx-4090 --runtime vllm
expect_rc "vllm at Q4_K_M" 0
expect_out "vllm does not load Q4_K_M" "note: vllm does not load Q4_K_M; this is its memory"
run -p llama-3.1-8b -f q4_k_m --device rtx-4090 --runtime vllm --json
expect_json "runtime_loads_format false" '.devices[0].runtime_loads_format == false'
run -p llama-3.1-8b -f awq --device rtx-4090 --runtime vllm --json
expect_json "vllm loads AWQ" '.devices[0].runtime_loads_format == true'

finish
