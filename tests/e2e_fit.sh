#!/bin/sh
# e2e_fit.sh - the hardware fit on the command line: --check exit codes, JSON
# that parses and adds up, the catalogs, device names and sizes, --host.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

if ! command -v jq >/dev/null 2>&1; then
    echo "jq is not installed: install it (apt-get install jq) to run this test" >&2
    exit 77
fi

# --- --check: 0 fits, 1 does not, 2 usage error -----------------------------------
# Llama-3.1-8B at FP16: 14.96 GiB weights + 0.5 KV (4096 tokens) + 0.5 overhead.
run -p llama-3.1-8b -f fp16 --check --device rtx-4090
expect_rc "8B FP16 on a 4090 fits" 0
expect_out "verdict word" "fits"
run -p llama-3.1-8b -f fp16 --check --device 8GB
expect_rc "8B FP16 in 8 GB does not fit" 1
expect_out "no fit word" "no fit"
run -p llama-3.1-8b -f q4_k_m --check --device 8GB
expect_rc "8B Q4_K_M in 8 GB fits" 0
run -p llama-3.1-8b -f q4_k_m --ctx 128k --check --device 8GB
expect_rc "a 128k context does not fit in 8 GB" 1
run -p llama-3.1-8b -f q4_k_m --ctx 128k --kv-format q4_0 --check --device 16GiB
expect_rc "q4_0 cache makes 128k fit in 16 GiB" 0
# Only the first device decides. Under llama.cpp the H200's 140.40 GiB hold
# 131.43 GiB of weights (less the 1.96 GiB of embeddings it keeps in RAM),
# 1.25 of KV cache and 0.5 of overhead: 0.93 of it, tight. (Under vLLM, the
# default for a data-centre GPU, only 0.9 x 140.40 = 126.36 GiB are usable:
# no fit.)
run -p llama-3.1-70b -f fp16 --runtime llama.cpp --check --device h200 --device rtx-4090
expect_rc "70B FP16 on an H200 (first device)" 0
run -p llama-3.1-70b -f fp16 --runtime llama.cpp --check --device rtx-4090 --device h200
expect_rc "70B FP16 on a 4090 (first device)" 1
run -p llama-3.1-70b -f fp16 --check --device h200
expect_rc "70B FP16 on an H200 under vLLM (90% of it)" 1
expect_usage_error "--check with an unknown device" --check --device rtx4090
expect_err "suggests the closest name" "did you mean rtx-4090"
expect_usage_error "bad context" --ctx 0
expect_usage_error "bad context suffix" --ctx 4096tok
expect_usage_error "bad KV type" --kv-format q3
expect_usage_error "bad overhead" --overhead 12
expect_usage_error "huge overhead" --overhead 1e290TiB
expect_err "huge overhead names the range" "overhead '1e290TiB' out of range (expected 0 for none, or a size with a unit up to 1TiB"
expect_usage_error "a zero device" --device 0GB
expect_err "a zero device is a size error" "quantscope: invalid device size '0GB' (a size must be above 0, e.g. 24GiB)"
case $err in *"did you mean"*) fail "a zero device gets catalog names: $err" ;; *) pass ;; esac
expect_usage_error "a huge device" --device 100TiB
expect_err "a huge device names the range" "device size '100TiB' out of range (expected a size from 1MiB to 64TiB"
run -p llama-3.1-8b -f fp16 --overhead 0GiB --device 24GiB --json
expect_json "--overhead 0GiB is none" '.overhead_gib == 0'
run --list-devices --apple-share 90% --json
expect_rc "--apple-share with --list-devices" 0
expect_usage_error "--apple-share with --list-models" --list-models --apple-share 90%
expect_usage_error "--ctx twice" --ctx 8k --ctx 16k
expect_err "--ctx twice named" "quantscope: give --ctx once"
expect_usage_error "bad Apple share" --apple-share 1.5
expect_usage_error "bad batch" --batch 0
expect_usage_error "fit with --table" --table --device h100-sxm
expect_usage_error "two lists" --list-models --list-devices

# --- JSON of a fit: every part, exact, and a verdict per device ---------------------
# --ram 0: no offload, so that the 8 GB verdict does not follow this machine's RAM.
run -p llama-3.1-8b -f fp16 --ctx 8192 --device rtx-4090 --device 8GB --ram 0 --json
expect_rc "fit JSON" 0
expect_json "8192 tokens of f16 cache are exactly 1 GiB" '.kv_cache_gib == 1'
expect_json "weights exact" '.weights_gib == 8030261248*16/8/1073741824'
expect_json "total adds up" '.total_gib == .weights_gib + .kv_cache_gib + .overhead_gib'
expect_json "overhead default" '.overhead_gib == 0.5'
expect_json "verdicts" '[.devices[].verdict] == ["fits","no fit"]'
expect_json "8GB is decimal" '.devices[1].capacity_gib == 8e9/1073741824'
expect_json "24GiB is binary" '.devices[0].capacity_gib > 23.9'
run -p llama-3.1-8b -f fp16 --overhead 0 --kv-format q8_0 --ctx 8k --device 24GiB --json
expect_json "q8_0 cache" '.kv_cache_gib == 8.5/16 and .overhead_gib == 0'
expect_json "custom size device" '.devices[0].capacity_gib == 24'
run -p deepseek-v3 -f fp8 --ctx 32768 --device h200 --json
expect_json "MLA cache: 2196 MiB at 32768 tokens" '.kv_cache_gib == 2196/1024'
run -p 13B -b 4 --device rtx-4090 --json
expect_json "a custom size is shaped like the nearest Llama, said to be assumed" \
    '.architecture.assumed == true and (.architecture.from | startswith("llama"))'
expect_json "a custom size: its assumed cache counts" \
    '.kv_cache_gib > 0 and .total_gib == .weights_gib + .kv_cache_gib + .overhead_gib'
run -p m3-max-64 -b 4 --device m3-max-64 --json
expect_rc "a device name is not a model" 2

run -p llama-3.1-8b -f fp16 --batch 128 --device h200 --json
expect_json "--batch 128: 128 caches of 0.5 GiB" '.batch == 128 and .kv_cache_gib == 64'
run -p llama-3.1-8b -f fp16 --batch 4096 --device h200 --json
expect_rc "--batch 4096 is accepted" 0
expect_usage_error "--batch 4097" --batch 4097
expect_usage_error "--batch 1.5" --batch 1.5
for bad in 1e2 8k -1 +2 0x10 " 2" ""; do
    expect_usage_error "--batch '$bad'" --batch "$bad"
done
expect_err "--batch names the range" "from 1 to 4096"

# --- Apple unified memory -----------------------------------------------------------
run -p llama-3.1-8b -f fp16 --device m3-max-64 --json
expect_json "Apple GPU gets 75% by default" '.devices[0].usable_gib == 48'
run -p llama-3.1-8b -f fp16 --device m3-max-64 --apple-share 90% --json
expect_json "--apple-share 90%" '.devices[0].usable_gib == 64*0.9'
run -p llama-3.1-8b -f fp16 --device m3-max-64 --apple-share 100% --json
expect_json "--apple-share 100%" '.devices[0].usable_gib == 64'
run -p llama-3.1-8b -f fp16 --device m3-max-64 --apple-share 0.5 --json
expect_json "--apple-share 0.5" '.devices[0].usable_gib == 32'
expect_usage_error "--apple-share 101%" --apple-share 101%
expect_usage_error "--apple-share 0%" --apple-share 0%
run -p llama-3.1-8b -f fp16 --device m3-max-64 --apple-share 65% --json
expect_json "--apple-share 65% (above 64)" '.devices[0].usable_gib == 64*0.65'
for bad in 0 1.01 -0.5 90 nan 90%% 1e400%; do
    expect_usage_error "--apple-share '$bad'" --apple-share "$bad"
done

# --- partial offload ------------------------------------------------------------------
# 39.59 GiB of weights and 1.25 of KV cache: about half of the 80 blocks go into
# the 4090's 23.99 GiB, the rest (some 18 GiB) into this machine's RAM.
run -p llama-3.1-70b -f q4_k_m --device rtx-4090 --json
expect_json "70B Q4_K_M on a 4090: runs with offload, some layers on the GPU" \
    '.devices[0].verdict == "offload" and (.devices[0].gpu_layers | type == "number" and . > 0 and . < 80)'

# --ram: the RAM a GPU spills into, instead of this machine's
run -p llama-3.1-70b -f q4_k_m --device rtx-4090 --ram 64GB --json
expect_json "--ram 64GB is the RAM used" \
    '.ram_gib == 64000000000 / 1073741824 and .devices[0].gpu_layers > 0'
run -p llama-3.1-70b -f q4_k_m --device rtx-4090 --ram 0 --json
expect_json "--ram 0: no offload" '.ram_gib == 0 and .devices[0].gpu_layers == null'
run -p llama-3.1-70b -f q4_k_m --device rtx-4090 --ram 8GB --json
expect_json "--ram 8GB: too little for an offload" '.devices[0].gpu_layers == null'
expect_usage_error "bad --ram" --ram 12
expect_usage_error "huge --ram" --ram 100TiB
expect_err "--ram names its range" "RAM '100TiB' out of range (expected 0 for none, or a size with a unit up to 64TiB"

# --- catalogs -----------------------------------------------------------------------------
run --list-models
expect_rc "--list-models" 0
for id in gpt2 llama-3.1-8b llama-3.1-405b mixtral-8x7b deepseek-v3 gemma-2-9b bloom-176b; do
    expect_out "model $id listed" "$id"
done
run --list-models --json
expect_json "24 models or more" 'length >= 24 or (.models | length >= 24)'
run --list-devices
expect_rc "--list-devices" 0
for id in rtx-4090 h100-sxm h200 m3-max-64 laptop-8gb; do expect_out "device $id listed" "$id"; done
run --list-devices --json
expect_json "devices parse" 'type == "object" or type == "array"'
run --list-formats --json
expect_json "formats parse" 'type == "object" or type == "array"'

# --- this machine ---------------------------------------------------------------------------
run --host
expect_rc "--host" 0
expect_out "--host says where RAM came from" "/proc/meminfo"
run --host --json
expect_json "--host JSON" '.ram.total_bytes > 0'
run -p 1B -b 4 --check
expect_rc "a 1B model at 4 bits fits this machine" 0

finish
