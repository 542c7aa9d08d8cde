#!/bin/sh
# bench/run.sh - `make bench`: what a quantscope session costs in bytes,
# time, instructions and memory. Not part of `make check`.
# Usage: run.sh QUANTSCOPE PTYBENCH [RUNTIME MKSTORE]
set -eu
qs=$1
pb=$2
rt=${3:-}
mk=${4:-}
runs=${BENCH_RUNS:-7}
# A fixed terminal for repeatable byte counts.
export TERM=xterm-256color LC_ALL=C.UTF-8
unset NO_COLOR || true

printf 'quantscope bench: bytes the program writes to the terminal, TERM=%s, %s\n' "$TERM" "$LC_ALL"
printf '%-7s %8s %12s %12s %12s %8s %8s %8s %8s %7s %9s %9s %10s %7s %7s\n' \
    size startup 'arrow mean' 'drag mean' 'arrow/full' picker model resize full \
    'max a/d' 'frame ms' 'rss KiB' 'cells/step' 'B/cell' 'noop B'
for size in 80x24 200x50; do
    cols=${size%x*}
    rows=${size#*x}
    line=$("$pb" -c "$cols" -r "$rows" -n "$runs" -- "$qs")
    # shellcheck disable=SC2086 # the fields are meant to split
    set -- $line
    ratio=$(awk -v a="$4" -v f="${11}" 'BEGIN { printf "%.1f%%", (f > 0 ? 100 * a / f : 0) }')
    printf '%-7s %8s %12s %12s %12s %8s %8s %8s %8s %7s %9s %9s %10s %7s %7s\n' \
        "$size" "$3" "$4" "$6" "$ratio" "$8" "$9" "${10}" "${11}" "$5/$7" "${12}" "${13}" \
        "${14}" "${15}" "${16}"
done

# cg_per_key LABEL MODE COLS ROWS QUIET_MS: instructions per key under
# callgrind, run inside the pseudo-terminal so that only quantscope is
# counted: the difference between $steps keys and none, per key.
cg_per_key() {
    for n in 0 "$steps"; do
        "$pb" -m "$2" -c "$3" -r "$4" -s "$n" -q "$5" -- valgrind --tool=callgrind -q \
            --callgrind-out-file="$out/child.$2.$3.$n" "$qs" >/dev/null 2>&1 || true
    done
    a=$(sed -n 's/^summary: //p' "$out/child.$2.$3.0" 2>/dev/null || true)
    b=$(sed -n "s/^summary: //p" "$out/child.$2.$3.$steps" 2>/dev/null || true)
    if [ -n "$a" ] && [ -n "$b" ]; then
        printf '%s (callgrind, %sx%s): %s (start+quit: %s)\n' "$1" "$3" "$4" \
            "$(( (b - a) / steps ))" "$a"
    else
        echo "$1: callgrind gave no summary"
    fi
}

if command -v valgrind >/dev/null 2>&1; then
    steps=100
    out=$(mktemp -d "${TMPDIR:-/tmp}/qs-bench.XXXXXX")
    trap 'rm -rf "$out"' EXIT
    cg_per_key 'instructions per arrow key' steps 80 24 600
    # Left with the knob at 1 bit: a key that changes nothing draws nothing
    # (its frame is not drawn at all, noop B above is 0).
    cg_per_key 'instructions per no-op key' noop 80 24 100
    cg_per_key 'instructions per arrow key' steps 200 50 300
else
    echo "instructions per key: valgrind not installed (apt-get install valgrind)"
fi
echo "columns: bytes at start-up; per arrow step over 100 steps across 1..32 bits;"
echo "per mouse drag step; arrow mean / full repaint (Ctrl-L); picker open; model change"
echo "(Enter in the picker); resize (mean of shrink and grow); full repaint; max arrow/drag"
echo "step; median time to the first complete frame over $runs runs; peak resident memory;"
echo "cells of the emulated screen that an arrow step changes (mean), arrow bytes per changed"
echo "cell; bytes sent for 10 keys that change nothing (Left at 1 bit: should be 0)."

# Model files: a 70B-shaped GGUF header (723 tensors, 128,256 tokens) read
# as a whole process, and --scan over 100 8B-shaped files, with peak RSS.
if [ -n "$rt" ] && [ -x "$rt" ] && [ -n "$mk" ] && [ -x "$mk" ]; then
    files=$(mktemp -d "${TMPDIR:-/tmp}/qs-bench-files.XXXXXX")
    "$mk" --bench "$files"
    f70=$files/Llama-3.1-70B-Q4_K_M.gguf
    hdr=$("$qs" "$f70" --json --device 80GiB | sed -n 's/.*"header_bytes":\([0-9]*\).*/\1/p')
    # shellcheck disable=SC2046 # the fields are meant to split
    set -- $("$rt" 21 env HOME="$files" XDG_CACHE_HOME="$files/cache" "$qs" "$f70" --json \
        --device 80GiB)
    printf 'read a 70B GGUF header (%s bytes), whole process: median %s ms, best %s ms, peak RSS %s KiB (exit %s)\n' \
        "$hdr" "$1" "$2" "$3" "$4"
    # shellcheck disable=SC2046 # the fields are meant to split
    set -- $("$rt" 7 env HOME="$files" XDG_CACHE_HOME="$files/cache" "$qs" --scan \
        "$files/scan" --device 80GiB)
    printf -- '--scan over 100 files: median %s ms, best %s ms, peak RSS %s KiB (exit %s)\n' \
        "$1" "$2" "$3" "$4"
    rm -rf "$files"
else
    echo "model files: tests/mkstore is not built (it needs Check); skipped"
fi
