#!/bin/sh
# e2e_catalog.sh - the model catalog end to end: its size, --list-models and
# its filter, the current families by the ids people type with KV caches
# that follow their layers, a bare size's assumed or given shape, and a
# user's own catalog ($XDG_CONFIG_HOME/quantscope/models.tsv, --catalog):
# good rows, and every kind of broken file refused with FILE:LINE.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

# No user catalog of the machine running the tests leaks in.
XDG_CONFIG_HOME=$tmpdir/config
HOME=$tmpdir/home
export XDG_CONFIG_HOME HOME

# --- the catalog and its list ---------------------------------------------------
run --list-models
expect_rc "--list-models" 0
rows=$(printf '%s\n' "$out" | sed -n '2,/^$/p' | grep -c .)
if [ "$rows" -ge 80 ]; then pass; else fail "--list-models: $rows models, expected at least 80"; fi
if [ "$(printf '%s\n' "$out" | wc -l)" -ge 80 ]; then pass; else fail "--list-models | wc -l below 80"; fi
expect_row "--list-models: deepseek-v3" "deepseek-v3 deepseek 671.03B 37.55B 163840 MLA ok"
expect_out "--list-models: the marks explained" "? = UNVERIFIED"

run --list-models --json
expect_json "--list-models --json: 80 models" 'length >= 80'
expect_json "--list-models --json: fields" \
    'all(.[]; has("id") and has("family") and has("params") and has("active_params") and has("max_ctx") and has("attention") and has("layer_kinds") and has("verified") and has("source"))'
expect_json "--list-models --json: exact counts" \
    'all(.[]; .published_params == null or .published_params + .params_diff == .params)'

expect_json "--list-models --json: the keys of before the architectures" \
    'all(.[]; has("kv_latent") and has("sliding_window") and has("window_layers") and has("kv_bytes_per_token_f16"))'
expect_json "--list-models --json: DeepSeek-V3 latent 576, Gemma-2 half its layers windowed" \
    '(.[] | select(.id == "deepseek-v3") | .kv_latent == 576) and (.[] | select(.id == "gemma-2-9b") | .sliding_window == 4096 and .window_layers == 21)'

# A model whose values are not all from a primary source says so.
unv=$(printf '%s' "$out" | jq -r '[.[] | select(.verified == false)][0].id')
run -p "$unv" --device h200
expect_out "unverified model: said in the fit" "architecture: UNVERIFIED"
run -p "$unv" --device h200 --json
expect_json "unverified model: in JSON" '.architecture.verified == false and (.architecture.source | length > 0)'

run --list-models qwen
expect_rc "--list-models qwen" 0
expect_out "--list-models qwen: qwen3-30b-a3b" "qwen3-30b-a3b"
if printf '%s\n' "$out" | sed -n '2,/^$/p' | grep -v '^$' | grep -qvi qwen; then
    fail "--list-models qwen: a row without qwen"
else
    pass
fi
run --list-models GPT-OSS --json
expect_json "--list-models GPT-OSS --json: filter, any case" \
    'length == 2 and all(.[]; .family == "gpt-oss")'
run --list-models no-such-model
expect_rc "--list-models no match" 0
expect_out "--list-models no match: said" "no model matches 'no-such-model'"
expect_usage_error "--list-models two words" --list-models qwen llama

# --- the current families: CLI, exact weights, KV by layer kind -------------------
for id in qwen3-30b-a3b gpt-oss-120b gemma-3-27b deepseek-v3 llama-4-scout; do
    run -p "$id" --json --device h100-sxm --ctx 65536
    expect_rc "-p $id" 0
    expect_json "-p $id: the catalog model" ".preset == \"$id\" and .architecture.assumed == false"
    expect_json "-p $id: KV layers sum to the cache" \
        '([.kv_cache_layers[].gib] | add) - .kv_cache_gib | fabs < 1e-9'
done
run -p gpt-oss-120b --json --device h100-sxm --ctx 65536
expect_json "gpt-oss-120b: 18 full layers hold the context" \
    '.kv_cache_layers[] | select(.kind == "full") | .layers == 18 and .tokens == 65536'
# llama.cpp gives a window layer its window plus one micro-batch (512),
# padded to 256 cells: 128 -> 768 (src/llama-kv-cache-iswa.cpp).
expect_json "gpt-oss-120b: 18 window layers hold 768 cells" \
    '.kv_cache_layers[] | select(.kind == "swa") | .layers == 18 and .tokens == 768'
expect_json "gpt-oss-120b: the cache, by hand" \
    '.kv_cache_gib == (2 * 8 * 64 * (18 * 65536 + 18 * 768) * 2 / 1073741824)'
# Gemma-4-26B-A4B's cache as Ollama's fixed estimate reports it (ollama PR
# #16958; shared/reference/measurements.md row 14), in GB to two decimals:
# 5 full layers hold the context, 25 window layers their 1024 + 512 cells.
for pair in 4096:0.40 8192:0.48 32768:0.99 131072:3.00; do
    run -p gemma-4-26b-a4b --json --ctx "${pair%%:*}" --device 1TiB
    expect_json "gemma-4-26b-a4b KV at ${pair%%:*} tokens: ${pair#*:} GB as Ollama" \
        "(.kv_cache_gib * 1.073741824 * 100 | round) == (${pair#*:} * 100 | round)"
done
run -p deepseek-v3 --json --ctx 32768
expect_json "deepseek-v3: MLA keeps its 576-wide latent" \
    '.kv_cache_layers == [{"kind":"mla","layers":61,"tokens":32768,"bytes":(61*576*2*32768),"gib":(61*576*2*32768/1073741824)}]'
run -p llama-4-scout --json --ctx 65536
expect_json "llama-4-scout: chunked layers stop at a chunk (8192 + 512)" \
    '.kv_cache_layers[] | select(.kind == "chunked") | .tokens == 8704'
run -p gemma-3-27b --json --ctx 65536
expect_json "gemma-3-27b: window layers stop at their span" \
    '.kv_cache_layers[] | select(.kind == "swa") | .tokens < 65536'
run -p qwen3-next-80b-a3b --json --ctx 4096
k1=$(printf '%s' "$out" | jq '.kv_cache_layers[] | select(.kind == "linear") | .bytes')
run -p qwen3-next-80b-a3b --json --ctx 65536
k2=$(printf '%s' "$out" | jq '.kv_cache_layers[] | select(.kind == "linear") | .bytes')
if [ -n "$k1" ] && [ "$k1" = "$k2" ]; then pass; else fail "linear layers: a fixed state ($k1 vs $k2)"; fi
run -p gpt-oss-120b --ctx 32768
expect_out "gpt-oss-120b text: by layer kind" "by layer kind:"
expect_out "gpt-oss-120b text: the window line" "18 sliding-window layers x 768 tokens"

# --- named formats on a catalog model: exact sizes, the GGUF file, quality ---------
run -p llama-3.1-8b -f q4_k_m --json --tensors
expect_json "Q4_K_M: the weights are the file's tensor data" \
    '.footprint_gib * 1073741824 == .gguf_file.tensor_bytes'
expect_json "Q4_K_M: the groups add up to the tensor data" \
    '([.gguf_file.groups[].bytes] | add) == .gguf_file.tensor_bytes'
expect_json "Q4_K_M: output and half the attn_v at Q6_K" \
    '(.gguf_file.groups[] | select(.tensors == "output.weight") | .type == "Q6_K") and
     ([.gguf_file.groups[] | select(.tensors == "blk.*.attn_v.weight" and .type == "Q6_K") | .count] == [16])'
expect_json "Q4_K_M: a header of a few MB" '.gguf_file.header_bytes > 1e6 and .gguf_file.header_bytes < 2e7'
# bartowski/Meta-Llama-3.1-8B-Instruct-GGUF Q4_K_M: 4920739232 bytes (Hugging
# Face file listing; tests/fixtures/gguf_published.tsv); the file also holds
# rope_freqs (256 bytes), which a checkpoint does not.
expect_json "Q4_K_M: the file within 0.1% of the published one" \
    '(.gguf_file.bytes - 4920739232 | fabs) / 4920739232 < 0.001'
expect_json "Q4_K_M: the quality line names its measurement" \
    '.quality_line | test("measured by llama.cpp on Llama-3-8B")'
expect_json "Q4_K_M on Llama-3.1-8B: not the model measured" '.ppl_on_this_model == false'
run -p llama-3-8b -f q4_k_m --json
expect_json "Q4_K_M on Llama-3-8B: the model measured" '.ppl_on_this_model == true'
# Published weights of GGUF files (shared/reference/measurements.md), each
# computed tensor by tensor here: GiB to two decimals.
for m in "llama-3.1-70b q4_0 37.22 ollama PR #6279" \
         "devstral-small-24b q4_k_m 13.34 llama.cpp PR #19378" \
         "gemma-3-27b q4_k_m 15.40 llmfit PR #812" \
         "qwen3-30b-a3b-2507 q4_k_m 17.28 llmfit PR #812 (17.3)"; do
    set -- $m
    run -p "$1" -f "$2" --json
    expect_json "$1 $2: $3 GiB as published ($4 $5 $6)" "(.footprint_gib * 100 | round) == ($3 * 100 | round)"
done
run -p qwen3-30b-a3b -f q4_k_m
expect_out "text: the GGUF file" "GGUF file: "
expect_out "text: not measured on this model, said" "not on Qwen3-30B-A3B"
run -p qwen3-30b-a3b -f q4_k_m --tensors
expect_out "--tensors: the expert groups" "blk.*.ffn_down_exps.weight"
run -p llama-3.1-8b --table --all-formats --json
expect_json "the table: named formats at their exact size" \
    '(.rows[] | select(.format == "FP16") | .bits) == 16 and (.rows[] | select(.format == "Q4_K_M") | .bits) != 4.8944'
run -p llama-3.1-8b -f exl2-4.65 --json
expect_json "EXL2 at any rate: more than the rate (16-bit embeddings, 6-bit head)" '.bits > 4.65 and .format == "EXL2"'
run -p llama-3.1-8b -f gptq --json
expect_json "GPTQ: scales, zeros and 16-bit embeddings above 4 bits" '.bits > 4.1 and .gguf_file == null'
run -p llama-3.1-8b -f mxfp4
expect_out "MXFP4 on a dense model: the layout quantizes nothing of it, said" "quantizes only some tensors"
expect_usage_error "-f q4km: did you mean" -p llama-3.1-8b -f q4km
expect_err "-f q4km: the suggestion" "did you mean Q4_K_M"
expect_usage_error "--tensors without -f" -p llama-3.1-8b --tensors

# --- a bare size: exact weights, an assumed shape, or the user's -----------------
run -p 7B --from fp16 --to 16 --json
expect_json "7B at 16 bits stays the lesson's number" '.before_gb == 7e9 * 16 / 8 / 1073741824'
run -p 7B --json --device 24GiB
expect_json "7B: the shape is assumed and named" \
    '.architecture.assumed == true and (.architecture.from | startswith("llama") or startswith("mistral"))'
expect_json "7B: a KV cache, counted" '.kv_cache_gib > 0'
run -p 7B --device 24GiB
expect_out "7B text: the assumption said" "architecture: assumed, shaped like"
run -p 30B --family qwen3moe --json --device 24GiB
expect_json "--family qwen3moe: an MoE shape, fewer weights read" \
    '.architecture.from | startswith("qwen3")'
expect_json "--family qwen3moe: active below total" '.active_params < .params'
run -p 7B --experts 8/2 --json --device 24GiB
expect_json "--experts 8/2: the user's shape, 2 of 8 experts read, whole parameters" \
    '.architecture.custom == true and .active_params < .params and .active_params == (.active_params | floor)'
run -p 7B --layers 32 --kv-heads 8 --head-dim 128 --json --device 24GiB --ctx 8192
expect_json "shape options: the user's shape" '.architecture.custom == true and .architecture.assumed == false'
expect_json "shape options: KV = 2 x 32 x 8 x 128 x 2 B x 8192" \
    '.kv_cache_gib == (2 * 32 * 8 * 128 * 2 * 8192 / 1073741824)'
expect_json "shape options: weights stay 7B" '.weights_gib == 7e9 * 16 / 8 / 1073741824'
expect_usage_error "--family unknown" -p 7B --family nosuch
expect_usage_error "--layers 0" -p 7B --layers 0
expect_usage_error "--experts 1" -p 7B --experts 1
expect_usage_error "shape options with a catalog model" -p llama-3.1-8b --layers 4

# --- a user's own catalog -----------------------------------------------------------
mkdir -p "$XDG_CONFIG_HOME/quantscope"
cat_file=$XDG_CONFIG_HOME/quantscope/models.tsv
tab=$(printf '\t')
row() { printf '%s\n' "$*" | sed "s/ | /$tab/g"; }
{
    printf '# my models\n\n'
    row "toy-2l | Toy 2L | llama | layers=2 | hidden=512 | heads=8 | kv_heads=2 | ffn=1024 | vocab=32000 | ctx=4096 | verified=0 | source=my notes"
} >"$cat_file"
run --list-models toy
expect_rc "user catalog: listed" 0
expect_out "user catalog: marked as yours" " you"
# 2 x (q 512x512, k and v 512x128, o 512x512, gate/up/down 3 x 512x1024,
# two norms 512) + embeddings and output 2 x 32000x512 + final norm 512.
toy=$(( 2 * (512*512*2 + 512*128*2 + 3*512*1024 + 2*512) + 2*32000*512 + 512 ))
run -p toy-2l --json --ctx 1000 --device 8GiB
expect_json "user catalog: exact count of its tensors" ".params == $toy"
expect_json "user catalog: KV of its 2 layers" '.kv_cache_gib == (2 * 2 * 2 * 64 * 2 * 1000 / 1073741824)'
run -p toy-2l --catalog "$tmpdir/nosuch.tsv"
expect_rc "--catalog missing file" 2
expect_err "--catalog missing file: named" "nosuch.tsv"

# --catalog: its rows first, replacing a built-in id.
row "llama-3.1-8b | Mine | llama | layers=1 | hidden=64 | heads=1 | vocab=10 | ffn=64 | ctx=2048 | verified=0 | source=x" >"$tmpdir/mine.tsv"
run -p llama-3.1-8b --catalog "$tmpdir/mine.tsv" --json --device 8GiB
expect_json "--catalog replaces a built-in id" '.model == "Mine"'

# Broken catalogs: FILE:LINE: what is wrong, exit 2, nothing on stdout.
broken() {
    what=$1
    shift
    printf '%s\n' "$@" >"$cat_file"
}
broken "unknown key" "# c" "" "$(row "a | A | llama | layers=2 | hiden=64 | heads=1 | vocab=10 | ctx=1 | verified=0 | source=x")"
expect_usage_error "broken: unknown key" --list-models
expect_err "broken: FILE:LINE" "models.tsv:3: unknown key 'hiden'"
broken "bad number" "$(row "a | A | llama | layers=x | hidden=64 | heads=1 | vocab=10 | ctx=1 | verified=0 | source=x")"
expect_usage_error "broken: a bad number" -p 7B
expect_err "broken: the range said" "models.tsv:1: layers: expected a whole number from 1 to 1024, got 'x'"
broken "missing" "$(row "a | A | llama | layers=2 | heads=1 | vocab=10 | ctx=1 | verified=0 | source=x")"
expect_usage_error "broken: a missing field" -p 7B
broken "dup" "$(row "a | A | llama | layers=2 | hidden=64 | heads=1 | ffn=64 | vocab=10 | ctx=1 | verified=0 | source=x")" \
    "$(row "a | A | llama | layers=2 | hidden=64 | heads=1 | ffn=64 | vocab=10 | ctx=1 | verified=0 | source=x")"
expect_usage_error "broken: a duplicate id" -p 7B
expect_err "broken: the second line named" "models.tsv:2: duplicate id 'a'"
broken "bad arch" "$(row "a | A | llama | layers=2 | hidden=64 | heads=3 | ffn=64 | vocab=10 | ctx=1 | verified=0 | source=x")"
expect_usage_error "broken: an architecture that does not expand" -p 7B
printf 'a\001\tb\n' >"$cat_file"
expect_usage_error "broken: control bytes" -p 7B
head -c 5000000 /dev/zero | tr '\0' '#' >"$cat_file"
expect_usage_error "broken: a file too large" -p 7B
rm -f "$cat_file"
mkdir "$cat_file"
expect_usage_error "broken: a folder" -p 7B
rmdir "$cat_file"
if command -v mkfifo >/dev/null 2>&1 && mkfifo "$cat_file"; then
    if command -v timeout >/dev/null 2>&1; then
        timeout 10 "$QUANTSCOPE" -p 7B </dev/null >"$tmpdir/out" 2>"$tmpdir/err"
        rc=$?
        if [ "$rc" -eq 2 ]; then pass; else fail "a FIFO as catalog: exit $rc (124: it hung)"; fi
    fi
    rm -f "$cat_file"
fi
# A relative XDG_CONFIG_HOME is ignored (XDG spec): HOME's is used.
mkdir -p "$HOME/.config/quantscope"
row "home-1l | Home 1L | llama | layers=1 | hidden=64 | heads=1 | ffn=64 | vocab=10 | ctx=2048 | verified=0 | source=x" \
    >"$HOME/.config/quantscope/models.tsv"
XDG_CONFIG_HOME=relative
run -p home-1l
expect_rc "relative XDG_CONFIG_HOME: ~/.config used" 0
XDG_CONFIG_HOME=$tmpdir/config

finish
