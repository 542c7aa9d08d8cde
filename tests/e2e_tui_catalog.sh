#!/bin/sh
# e2e_tui_catalog.sh - the current families in the front end: each picked by
# the id people type, with the KV row naming its layer kinds and the same
# cache the CLI reports; a bare size shows the shape it is assumed to have;
# a user's own model from their catalog is in the picker.
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui_lib.sh"

cfg=$tui_dir/config
mkdir -p "$cfg/quantscope"
printf 'toy-2l\tToy 2L\tllama\tlayers=2\thidden=512\theads=8\tkv_heads=2\tffn=1024\tvocab=32000\tctx=4096\tverified=0\tsource=test\n' \
    >"$cfg/quantscope/models.tsv"

# kv_of ID: the KV cache in GiB at 4096 tokens, two decimals, as the CLI says.
kv_of() {
    XDG_CONFIG_HOME=$cfg "$QUANTSCOPE" -p "$1" --json --device 24GiB </dev/null |
        jq -r '.kv_cache_gib * 100 | round / 100 | tostring | if test("\\.") then . else . + ".00" end | if test("\\.[0-9]$") then . + "0" else . end'
}

tui_start 120 40 "XDG_CONFIG_HOME=$cfg" -- -i -p 7B
tui_wait "bare size: the shape assumed" "shaped like"
tui_wait "bare size: said to be assumed" "(assumed)"
tui_wait "bare size: its cache counted" "KV cache"

pick() {
    tui_keys m
    tui_wait "$1: picker opens" "Filter: _"
    tui_type "$1"
    tui_keys Enter
}

pick gpt-oss-120b
tui_wait "gpt-oss-120b: picked" "gpt-oss-120b  116.83B params"
tui_wait "gpt-oss-120b: KV layer kinds" "18 full + 18 swa 128 layers"
tui_wait "gpt-oss-120b: KV as the CLI" "+ $(kv_of gpt-oss-120b) KV (4096 tok)"

pick qwen3-30b-a3b
tui_wait "qwen3-30b-a3b: picked" "Qwen3-30B-A3B  30.53B params"
tui_wait "qwen3-30b-a3b: KV layers" "48 full layers"
tui_wait "qwen3-30b-a3b: KV as the CLI" "+ $(kv_of qwen3-30b-a3b) KV (4096 tok)"

pick deepseek-v3
tui_wait "deepseek-v3: picked" "DeepSeek-V3  671.03B params"
tui_wait "deepseek-v3: MLA layers" "61 mla layers"

pick llama-4-scout
tui_wait "llama-4-scout: chunked layers" "chunked 8192"

pick gemma-3-27b
tui_wait "gemma-3-27b: window layers" "swa"
tui_wait "gemma-3-27b: KV as the CLI" "+ $(kv_of gemma-3-27b) KV (4096 tok)"

pick glm-4.6
tui_wait "an unverified model says so" "GLM-4.6  358.34B params  (UNVERIFIED)"

pick toy-2l
tui_wait "a user's model in the picker" "Toy 2L"
tui_wait "a user's model: its 2 layers" "2 full layers"

tui_keys q
tui_wait_exit "q" 0

# The quality line says what its number is: measured by llama.cpp on
# Llama-3-8B, and not on the model shown.
tui_start 80 24 "XDG_CONFIG_HOME=$cfg" -- -i -p gpt-oss-120b -f q4_k_m
tui_wait "quality: the measurement's model" "ppl +0.1754 on Llama-3-8B, not this model"
tui_wait "quality: the hint" "noticeable but acceptable"
# the knob sits at the exact size of Q4_K_M for this model
bits=$(XDG_CONFIG_HOME=$cfg "$QUANTSCOPE" -p gpt-oss-120b -f q4_k_m --json </dev/null | jq .bits)
tui_wait "Q4_K_M at its exact size" "$(printf '%.2f' "$bits") bpw  Q4_K_M"
tui_keys m
tui_type "llama-3-8b"
tui_keys Enter
tui_wait "on the model measured" "Llama-3-8B  8.03B params"
tui_wait "quality: on this model" "ppl +0.1754 (+2.8%) on Llama-3-8B"
if tui_screen | grep -q "not this model"; then fail "quality: said not this model on the model measured"; else pass; fi
tui_keys q
tui_wait_exit "q" 0
tui_finish
