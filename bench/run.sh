#!/bin/sh
# bench/run.sh - `make bench`: what a quantscope session costs in bytes,
# time, instructions and memory. Not part of `make check`.
# Usage: run.sh QUANTSCOPE PTYBENCH
set -eu
qs=$1
pb=$2
runs=${BENCH_RUNS:-7}
# A fixed terminal for repeatable byte counts.
export TERM=xterm-256color LC_ALL=C.UTF-8
unset NO_COLOR || true

printf 'quantscope bench: bytes the program writes to the terminal, TERM=%s, %s\n' "$TERM" "$LC_ALL"
printf '%-7s %8s %12s %12s %12s %8s %8s %8s %8s %7s %9s %9s\n' \
    size startup 'arrow mean' 'drag mean' 'arrow/full' picker model resize full \
    'max a/d' 'frame ms' 'rss KiB'
for size in 80x24 200x50; do
    cols=${size%x*}
    rows=${size#*x}
    line=$("$pb" -c "$cols" -r "$rows" -n "$runs" -- "$qs")
    # shellcheck disable=SC2086 # the fields are meant to split
    set -- $line
    ratio=$(awk -v a="$4" -v f="${11}" 'BEGIN { printf "%.1f%%", (f > 0 ? 100 * a / f : 0) }')
    printf '%-7s %8s %12s %12s %12s %8s %8s %8s %8s %7s %9s %9s\n' \
        "$size" "$3" "$4" "$6" "$ratio" "$8" "$9" "${10}" "${11}" "$5/$7" "${12}" "${13}"
done

if command -v valgrind >/dev/null 2>&1; then
    steps=100
    out=$(mktemp -d "${TMPDIR:-/tmp}/qs-bench.XXXXXX")
    trap 'rm -rf "$out"' EXIT
    # The harness runs valgrind inside the pseudo-terminal, so only
    # quantscope is counted; the difference between N steps and none is
    # the cost of N steps.
    for n in 0 "$steps"; do
        "$pb" -m steps -s "$n" -q 600 -- valgrind --tool=callgrind -q \
            --callgrind-out-file="$out/child.$n" "$qs" >/dev/null 2>&1 || true
    done
    a=$(sed -n 's/^summary: //p' "$out/child.0" 2>/dev/null || true)
    b=$(sed -n "s/^summary: //p" "$out/child.$steps" 2>/dev/null || true)
    if [ -n "$a" ] && [ -n "$b" ]; then
        printf 'instructions per arrow key (callgrind, 80x24): %s (start+quit: %s)\n' \
            "$(( (b - a) / steps ))" "$a"
    else
        echo "instructions per arrow key: callgrind gave no summary"
    fi
else
    echo "instructions per arrow key: valgrind not installed (apt-get install valgrind)"
fi
echo "columns: bytes at start-up; per arrow step over 100 steps across 1..32 bits;"
echo "per mouse drag step; arrow mean / full repaint (Ctrl-L); picker open; model change"
echo "(Enter in the picker); resize (mean of shrink and grow); full repaint; max arrow/drag"
echo "step; median time to the first complete frame over $runs runs; peak resident memory."
