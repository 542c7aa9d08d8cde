#!/bin/sh
# e2e_tui_files.sh - the front end on the user's own files (issue 10):
# -i FILE opens it on that model, the footprint as stored in the file; the
# picker lists the models found in the stores first, marked local, each
# with its verdict; / searches local and catalog rows alike; picking a
# local model brings its own weights.
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui_lib.sh"

mkstore=${TESTS_BUILDDIR:-$(dirname "$QUANTSCOPE")/tests}/mkstore
if [ ! -x "$mkstore" ]; then
    echo "tests/mkstore is not built (it needs Check): skipped" >&2
    exit 77
fi
store=$tui_dir/store
"$mkstore" "$store" >/dev/null || { echo "mkstore failed" >&2; exit 99; }
mkdir -p "$tui_dir/home"
gguf=$store/models/Llama-3.1-8B-Instruct-Q4_K_M.gguf
# Only the fixture's stores: an empty home, the fixture's Ollama store.
envs="HOME=$tui_dir/home XDG_CACHE_HOME=$tui_dir/home/.cache OLLAMA_MODELS=$store/ollama"

# shellcheck disable=SC2086 # one word a variable
tui_start 110 32 $envs -- -i "$gguf" --device 24GiB
tui_wait "the file's model" "Llama-3.1-8B  8.03B params  (GGUF v3 file, Q4_K_M)"
tui_wait "the footprint as stored" "4.58 GiB  (4.91 GB)  as stored in the file"
tui_wait "the fit on the device" "fits"
# The picker: the file first, then the Ollama models, all local.
tui_keys m
tui_wait "the picker" "Filter: _"
tui_wait "local rows" "local"
if tui_screen | grep -E "llama3\.1:8b +[0-9.]+B +local +fits" >/dev/null; then pass
else fail "no local row for llama3.1:8b with its verdict"; fi
if tui_screen | grep -E "hf\.co/tiny-org/Tiny-Vision[^ ]* +[0-9.]+K +local" >/dev/null
then pass; else fail "no local row for the hf.co Ollama model"; fi
# The first local rows come before the catalog's first row.
first_local=$(tui_screen | grep -n "local" | head -n 1 | cut -d: -f1)
first_catalog=$(tui_screen | grep -n "Llama-2-7B\|GPT-2" | head -n 1 | cut -d: -f1)
if [ -n "$first_local" ] && { [ -z "$first_catalog" ] || [ "$first_local" -lt "$first_catalog" ]; }
then pass; else fail "local rows (line $first_local) are not first (catalog at $first_catalog)"; fi
# / searches both: "tiny" finds the local hf.co model; "llama3.1" the Ollama one
tui_type "tiny"
tui_wait "the local model found" "hf.co/tiny-org/Tiny-Vision"
tui_keys Enter
tui_wait_gone "picked" "Filter:"
tui_wait "its own weights" "(Ollama blob (GGUF v3) file, Q4_K_M)"
tui_keys q
tui_wait_exit "q" 0
tui_finish
