#!/bin/sh
# e2e_files.sh - the user's own files through the real binary (issue 10): a
# GGUF file, a split set, a vision folder, a sharded safetensors folder, a
# Hugging Face cache entry and an Ollama model, each read from its header
# alone, with exact bytes, its architecture, where each value came from and
# the fit; --scan over a folder and the stores, by fit; and every bad file
# one line on stderr with exit status 2 (in --scan, a line and the scan goes
# on). The files are written by tests/mkstore at the real shapes of real
# models, with sparse data.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

mkstore=${TESTS_BUILDDIR:-$(dirname "$QUANTSCOPE")/tests}/mkstore
if [ ! -x "$mkstore" ]; then
    echo "tests/mkstore is not built (it needs Check): skipped" >&2
    exit 77
fi
command -v jq >/dev/null 2>&1 || { echo "jq is not installed: skipped" >&2; exit 77; }

# No store of the machine running the tests leaks in.
HOME=$tmpdir/home
XDG_CONFIG_HOME=$tmpdir/config
XDG_CACHE_HOME=$tmpdir/cache
mkdir -p "$HOME"
export HOME XDG_CONFIG_HOME XDG_CACHE_HOME
unset HF_HOME HF_HUB_CACHE HUGGINGFACE_HUB_CACHE OLLAMA_MODELS LLAMA_CACHE
"$mkstore" "$tmpdir/good" || { echo "mkstore failed" >&2; exit 99; }
"$mkstore" --bad "$tmpdir/bad" || { echo "mkstore --bad failed" >&2; exit 99; }
models=$tmpdir/good/models
gguf=$models/Llama-3.1-8B-Instruct-Q4_K_M.gguf

# Llama-3.1-8B in Q4_K_M: 193 Q4_K tensors, 33 Q6_K and 65 F32, their data
# bytes from the shapes and ggml's block sizes (Q4_K: 144 bytes a 256
# weights, Q6_K: 210) - tests/check_gguf_read.c works the sum out by hand.
W8B_Q4KM=4912898048
# BF16: two bytes for each of the 8,030,261,248 parameters.
P8B=8030261248
W8B_BF16=$((2 * P8B))

# --- one GGUF file ----------------------------------------------------------------
run "$gguf"
expect_rc "a GGUF file" 0
expect_out "the path" "file: $gguf"
expect_out "container, architecture, type, tensors" "GGUF v3, architecture llama, type Q4_K_M, 291 tensors"
expect_out "the exact bytes" "weights $W8B_Q4KM bytes (4.58 GiB): the sum of the tensors' data"
expect_out "where the layers came from" "layers: llama.block_count"
expect_out "the catalog's prediction" "catalog: Llama-3.1-8B in Q4_K_M predicts $W8B_Q4KM bytes of"
expect_out "the catalog agrees" "file agrees exactly"
expect_out "the KV cache follows the file's architecture" "32 full layers x 4096 tokens x 2 x 8 KV heads x 128"
expect_out "the fit on this machine" "fits: total <="

run "$gguf" --json --device 24GiB
expect_json "JSON: weights_bytes an integer, the sum" ".file.weights_bytes == $W8B_Q4KM and .weights_bytes == $W8B_Q4KM"
expect_json "JSON: tensors, architecture, type" '.file.tensors == 291 and .file.architecture == "llama" and .file.type == "Q4_K_M" and .format == "Q4_K_M"'
expect_json "JSON: where each value came from" '.file.sources.layers == "llama.block_count" and .file.sources.kv_heads == "llama.attention.head_count_kv" and (.file.sources.weights | test("291 tensor"))'
expect_json "JSON: the weights are the file's bytes" "(.weights_gib * 1073741824 - $W8B_Q4KM | fabs) < 0.01 and .file.weights_as_stored"
expect_json "JSON: KV 0.5 GiB at 4096 tokens" '.kv_cache_gib == 0.5'
expect_json "JSON: fits on 24 GiB" '.devices[] | select(.id == "24GiB") | .verdict == "fits"'
expect_json "JSON: the catalog's prediction" ".file.catalog.id == \"llama-3.1-8b\" and .file.catalog.difference_bytes == 0"

# -p takes the same; -b makes it a what-if at other bits
run -p "$gguf" --json
expect_json "-p FILE" ".file.weights_bytes == $W8B_Q4KM"
run -p "$gguf" -b 8 --fit --json
expect_json "-p FILE -b 8: not as stored" '.bits == 8 and .weights_bytes == null and .file.weights_as_stored == false'
expect_usage_error "a file and -p both" -p 7B "$gguf"
run "$gguf" --max-header 1MiB
expect_rc "--max-header below the header" 2
expect_err "the bound named" "--max-header"

# --- a split set, a vision folder, a MoE file -------------------------------------
run "$models/split/Llama-3.1-70B-Q4_K_M-00002-of-00003.gguf" --json
expect_json "split: all three read" '.file.files == 3 and .file.tensors == 723 and (.file.container | test("3 split files"))'
run "$models/vision" --json
expect_json "vision: the projector counted" '.file.mmproj.tensors == 5 and .mmproj_bytes == .file.mmproj.bytes and .file.mmproj.bytes > 0'
run "$models/Qwen3-30B-A3B-Q4_K_M.gguf" --json
expect_json "Qwen3-MoE: its parameters and experts" '.file.tensors == 579 and .params == 30532122624 and .active_params < .params'

# --- safetensors, the Hugging Face cache, Ollama ----------------------------------
run "$models/Llama-3.1-8B-st" --json
expect_json "safetensors folder: 4 shards, BF16 bytes" ".file.files == 4 and .file.weights_bytes == $W8B_BF16 and .params == $P8B and .file.type == \"bf16\""
expect_json "safetensors: config.json's fields" '.file.sources.layers == "config.json num_hidden_layers"'
run "$models/Llama-3.1-8B-st/config.json" --json
expect_json "config.json: its folder" ".file.weights_bytes == $W8B_BF16"

HF_HOME=$tmpdir/good/hf run hf:meta-llama/Llama-3.1-8B --json
expect_json "hf:ORG/NAME" ".file.weights_bytes == $W8B_BF16 and .model == \"meta-llama/Llama-3.1-8B\""
HF_HOME=$tmpdir/nowhere run hf:meta-llama/Llama-3.1-8B
expect_rc "hf: no cache" 2
expect_err "hf: where it looked" "nowhere"
OLLAMA_MODELS=$tmpdir/good/ollama run ollama:llama3.1 --json
expect_json "ollama:NAME" ".file.weights_bytes == $W8B_Q4KM and .model == \"llama3.1:latest\" and (.file.container | test(\"Ollama\"))"
OLLAMA_MODELS=$tmpdir/good/ollama run ollama:llama3.1:70b
expect_rc "ollama: no such tag" 2

# a bare size still reads as one
run 7B --table
expect_rc "a bare size" 0
expect_out "a bare size's table" "7.00B parameters"

# --- --scan -----------------------------------------------------------------------
# --ram 0: no offload, so that the verdicts do not follow this machine's RAM.
HF_HOME=$tmpdir/good/hf OLLAMA_MODELS=$tmpdir/good/ollama run --scan "$models" --device 24GiB \
    --ram 0 --json
expect_json "--scan: every model once" '.models | length == 8'
expect_json "--scan: sorted by fit" \
    '[.models[].fit[0].verdict | {"fits": 0, "tight": 1, "no fit": 2}[.]] | . == sort'
expect_json "--scan: the 70B does not fit on 24 GiB" \
    '.models[] | select(.name == "Llama-3.1-70B") | .fit[0].verdict == "no fit"'
expect_json "--scan: the Ollama blob once, the HF snapshot once" \
    '([.models[] | select(.container | test("Ollama"))] | length == 2) and ([.models[] | select(.name == "meta-llama/Llama-3.1-8B")] | length == 1)'
expect_json "--scan: nothing unreadable" '.unreadable == []'
# With 64 GB of RAM the 70B's 41.34 GiB go into 24 GiB of GPU and the RAM: it
# runs with offload, sorted after "tight" and before "no fit".
HF_HOME=$tmpdir/good/hf OLLAMA_MODELS=$tmpdir/good/ollama run --scan "$models" --device 24GiB \
    --ram 64GB --json
expect_json "--scan: the 70B runs with offload with 64 GB of RAM" \
    '.models[] | select(.name == "Llama-3.1-70B") | .fit[0].verdict == "offload"'
expect_json "--scan: offload sorted between tight and no fit" \
    '[.models[].fit[0].verdict | {"fits": 0, "tight": 1, "offload": 2, "no fit": 3}[.]] | . == sort'
HF_HOME=$tmpdir/good/hf OLLAMA_MODELS=$tmpdir/good/ollama run --scan "$models" --device 24GiB
expect_rc "--scan text" 0
expect_out "--scan: a count" "8 models found"
expect_row "--scan: a row" "Llama-3.1-8B 4.58 llama 8.03B Q4_K_M fits 131072 -"
run --scan "$tmpdir/bad" --device 24GiB --json
expect_rc "--scan over bad files goes on" 0
expect_json "--scan: a line for each bad file" '(.unreadable | length) >= 12 and all(.unreadable[]; test("^/"))'
expect_usage_error "--scan of a missing folder" --scan "$tmpdir/nowhere"
mkdir -p "$tmpdir/none"
run --scan "$tmpdir/none"
expect_rc "--scan of a folder with no models" 0
expect_out "--scan: none found, and where it looked" "no models found in the folders named or in the known stores"
run --scan "$tmpdir/none" --json
expect_json "--scan --json: none" '.models == [] and .unreadable == []'

# --- bad files: one line, exit 2, nothing on stdout, no hang -------------------------
for f in fifo.gguf x.gguf truncated.gguf bigendian.gguf manytensors.gguf hugestring.gguf \
    loop/a.gguf empty st-missing st-huge st-notjson st-notjson/model.safetensors; do
    expect_usage_error "bad file $f" "$tmpdir/bad/$f"
    expect_err "bad file $f named" "$tmpdir/bad/$f"
done
run "$tmpdir/bad/bigendian.gguf"
expect_err "big-endian said" "big-endian GGUF is not supported"
run "$tmpdir/bad/hugestring.gguf"
expect_err "a string of 2^63 bytes said" "9223372036854775808 bytes"
run "$tmpdir/bad/manytensors.gguf"
expect_err "2^40 tensors said" "1099511627776 tensors"
run "$tmpdir/bad/st-huge"
expect_err "a 2 GB header: the bound" "over the bound of 67108864 bytes (--max-header raises it)"
run "$tmpdir/bad/st-notjson/model.safetensors"
expect_err "not JSON said" "not a JSON object"
run "$tmpdir/bad/x.gguf"
expect_err "not a model file said" "not a GGUF or safetensors file"
run "$tmpdir/bad/fifo.gguf"
expect_err "a FIFO said" "not a regular file (a FIFO)"
run "$tmpdir/bad/loop/a.gguf"
expect_err "a symlink loop said" "symbolic links"
run "$tmpdir/bad/empty"
expect_err "no weights said" "no weights"
expect_usage_error "a device file" /dev/null
expect_err "a device file said" "not a regular file (a character device)"
for n in missing notjson nolayer baddigest; do
    OLLAMA_MODELS=$tmpdir/bad/ollama expect_usage_error "ollama manifest $n" "ollama:$n"
done
OLLAMA_MODELS=$tmpdir/bad/ollama run ollama:missing
expect_err "a missing blob said" "points at a missing blob"
if [ "$(id -u)" -ne 0 ]; then
    expect_usage_error "no permission" "$tmpdir/bad/noperm.gguf"
    expect_err "no permission said" "Permission denied"
else
    echo "running as root, which reads a mode-000 file: the permission case is skipped" >&2
fi

finish
