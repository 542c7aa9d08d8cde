#!/bin/sh
# e2e_faces.sh - the text report, the JSON report and the front end show
# the same figures for the same options: the need (weights, KV cache,
# total), the verdict on each named device and the format's name, for
# queries that once drifted apart (--batch, --kv-bits, AWQ, --overhead 0).
# JSON is the reference; each face rounds as it shows.
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui_lib.sh"

if ! command -v jq >/dev/null 2>&1; then
    echo "jq is not installed: install it to run the faces test" >&2
    exit 77
fi

# faces WANT_FORMAT ARGS...: one query through all three faces.
faces() {
    want_format=$1
    shift
    json=$("$QUANTSCOPE" "$@" --fit --json) || { fail "--fit --json $*"; return; }
    text=$("$QUANTSCOPE" "$@" --fit) || { fail "--fit $*"; return; }
    total=$(printf '%s' "$json" | jq -r '.total_gib * 100 | round / 100' | xargs printf '%.2f')
    weights=$(printf '%s' "$json" | jq -r '.weights_gib' | xargs printf '%.2f')
    kv=$(printf '%s' "$json" | jq -r '.kv_cache_gib // empty')
    [ -n "$kv" ] && kv=$(printf '%.2f' "$kv")
    format=$(printf '%s' "$json" | jq -r '.format // empty')
    if [ "$format" = "$want_format" ]; then pass; else
        fail "$*: JSON format '$format', expected '$want_format'"; fi

    # the text report: the same total, KV cache and format
    if printf '%s\n' "$text" | grep -Eq "^  total +$total GiB"; then pass; else
        fail "$*: the text report's total is not $total GiB"; printf '%s\n' "$text" >&2; fi
    if [ -n "$kv" ]; then
        if printf '%s\n' "$text" | grep -Eq "^  KV cache +$kv GiB"; then pass; else
            fail "$*: the text report's KV cache is not $kv GiB"; fi
    fi
    if [ -n "$want_format" ]; then
        case $text in *" at $want_format, "*) pass ;;
        *) fail "$*: the text report does not name $want_format" ;; esac
    fi

    # the front end: the Fit line and each named device's verdict
    tui_start 100 30 -- -i "$@"
    if [ -n "$kv" ]; then
        tui_wait "$*: the Fit line" "Fit        $total GiB = $weights weights + $kv KV"
    else
        tui_wait "$*: the Fit line" "Fit        $total GiB = $weights weights + "
    fi
    [ -n "$want_format" ] && tui_wait "$*: the knob names $want_format" " bpw  $want_format"
    n=$(printf '%s' "$json" | jq '.devices | length')
    i=0
    while [ "$i" -lt "$n" ]; do
        name=$(printf '%s' "$json" | jq -r ".devices[$i].name")
        id=$(printf '%s' "$json" | jq -r ".devices[$i].id")
        verdict=$(printf '%s' "$json" | jq -r ".devices[$i].verdict")
        row=$(tui_screen | grep -F "  $name " | head -n 1)
        case $row in *"$verdict") pass ;;
        *) fail "$*: $name's row '$row' does not end in '$verdict'" ;; esac
        case $text in *"$id "*"$verdict"*) pass ;;
        *) fail "$*: the text report lacks $id's verdict '$verdict'" ;; esac
        i=$((i + 1))
    done
    tui_keys q
    tui_wait_exit "$*: quits" 0
}

faces Q4_K_M -p llama-3.1-8b -f q4_k_m --ctx 8k --batch 8 --device rtx-4090 --device rtx-4060
faces AWQ -p llama-3.1-8b -f awq --device rtx-4060
faces GPTQ -p llama-3.1-8b -f gptq --device rtx-4060
faces FP16 -p llama-3.1-8b --kv-bits 8 --ctx 32k --device rtx-4090
faces "" -p 70B -b 4 --overhead 0 --device h100-sxm --device rtx-4090
faces FP8 -p mixtral-8x7b -f fp8 --ctx 16k --kv-format q8_0 --device h100-sxm --device m3-max-64
faces INT4 -p qwen2.5-32b -f int4 --device rtx-4090

# --kv-bits 8 is shown by its bits, not as "KV cache ?"
tui_start 100 30 -- -i -p llama-3.1-8b --kv-bits 8 --device rtx-4090
tui_wait "--kv-bits 8 on screen" "KV cache 8-bit"
tui_keys q
tui_wait_exit "quits" 0

tui_finish
