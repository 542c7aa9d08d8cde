#!/bin/sh
# run.sh - `make fuzz`: builds every libFuzzer target with clang straight
# from the sources (AddressSanitizer + UndefinedBehaviorSanitizer), then runs
# each for FUZZ_SECONDS on a fresh copy of its committed seed corpus.
# Any finding (crash, sanitizer report, broken contract, leak, timeout)
# fails the run and leaves the input that caused it in the build tree.
#
# Usage: run.sh SRCDIR BUILDDIR [TARGET...]
#   SRCDIR    the source tree (holding src/ and tests/fuzz/)
#   BUILDDIR  where binaries, corpus copies and findings go
#             (tests/fuzz of the build tree)
#   TARGET    names to build and run (default: all), e.g. params input
# Environment:
#   FUZZ_SECONDS  seconds per target (default 30); 0 builds only
#   CLANG         the compiler (default clang; needs -fsanitize=fuzzer)
#
# A finding is replayed with: BUILDDIR/fuzz_NAME BUILDDIR/fuzz_work/NAME/crash-...
set -u

if [ $# -lt 2 ]; then
    echo "usage: $0 SRCDIR BUILDDIR [TARGET...]" >&2
    exit 2
fi
srcdir=$1
builddir=$2
shift 2
seconds=${FUZZ_SECONDS:-30}
cc=${CLANG:-clang}

# Sources each target is built from: the real library files, nothing more,
# as groups of a module and the modules it calls (a source in two groups
# is listed once: sources_of drops repeats). A name starting with '@' is a
# file the build generates (tools/gendata), in the build tree (two levels
# above BUILDDIR); `make fuzz` makes them first.
parse="src/model/parse.c"
suggest="src/model/suggest.c"
tsvrow="src/model/tsvrow.c $parse"
arch="src/model/arch.c src/model/arch_expand.c src/model/arch_count.c src/model/tensors.c"
gguf="src/model/gguf_rules.c src/model/gguf_rules_walk.c src/model/ggml.c"
formats="src/model/formats.c @src/model/formats_data.c $parse $suggest"
devices="src/model/devices.c src/model/device_row.c src/model/memory.c @src/model/devices_data.c
    $tsvrow $suggest"
models="src/model/models.c @src/model/models_data.c $arch $suggest"
host_parse="src/platform/host_parse.c"
sources_list() {
    case $1 in
    params) echo "$models $parse" ;;
    precision) echo "$formats" ;;
    ctx) echo "$parse" ;;
    bytes) echo "$devices" ;;
    meminfo | cgroup_limit | proc_cgroup | uint | hex_id | name) echo "$host_parse" ;;
    input) echo "src/app/input.c" ;;
    quote) echo "src/cli/quote.c" ;;
    catalog_row) echo "src/model/catalog_row.c $arch $tsvrow" ;;
    device_row) echo "src/model/device_row.c $tsvrow" ;;
    format_row) echo "src/model/format_row.c $gguf $tsvrow" ;;
    tsvrow) echo "$tsvrow" ;;
    gguf_read) echo "src/files/gguf_read.c src/files/gguf_parse.c src/files/gguf_cursor.c
        src/files/gguf_meta.c src/files/gguf_arch.c src/files/files_model.c
        src/platform/fileread.c src/platform/rootfs.c src/model/stored.c src/model/memory.c
        src/model/exact.c src/model/layouts.c src/model/gguf_header.c
        @src/model/tokenizers_data.c $gguf $formats $models" ;;
    options) echo "src/cli/options.c src/cli/optval.c src/cli/optshape.c src/cli/quote.c
        src/cli/optval_rig.c src/cli/options_help.c src/model/rig.c src/model/runtime.c
        src/cli/options_table.c src/cli/optval_plan.c src/model/theme.c src/model/workload.c
        src/model/split_layer.c src/model/split_tp.c src/model/wlayers.c
        src/cli/fmt.c src/model/query.c src/model/plan.c src/model/fit.c src/model/kvcache.c
        src/model/kvarch.c src/model/exact.c src/model/stored.c src/model/layouts.c
        src/model/gguf_header.c
        @src/model/tokenizers_data.c $gguf $devices $formats $models" ;;
    safetensors) echo "src/files/safetensors.c src/files/st_names.c src/files/st_msg.c
        src/files/files_model.c src/model/arch_count.c $formats $models" ;;
    hfconfig) echo "src/files/hfconfig.c src/files/hfconfig_quant.c src/files/st_msg.c
        src/files/files_model.c src/model/arch_count.c $formats $models" ;;
    ollama_manifest) echo "src/files/ollama_manifest.c" ;;
    *) return 1 ;;
    esac
}
sources_of() {
    list=$(sources_list "$1") || return 1
    # shellcheck disable=SC2086 # one word a source
    printf '%s\n' $list | awk '!seen[$0]++'
}
# Longest input tried: names and numbers are short; files and byte streams
# get room for long lines, overlong sequences and many of them.
max_len_of() {
    case $1 in
    params | precision | bytes | ctx | quote) echo 256 ;;
    *) echo 4096 ;;
    esac
}
known="params precision bytes ctx meminfo cgroup_limit proc_cgroup uint hex_id name input quote options
    catalog_row device_row format_row tsvrow gguf_read
    safetensors hfconfig ollama_manifest"
all=$known
[ $# -gt 0 ] && all=$*
# Targets that link jansson (the JSON readers of src/files/).
json_targets=" safetensors hfconfig ollama_manifest"
json_libs=$(pkg-config --libs jansson 2>/dev/null || echo -ljansson)
json_cflags=$(pkg-config --cflags jansson 2>/dev/null || true)

case $seconds in
'' | *[!0-9]*) echo "run.sh: FUZZ_SECONDS must be a whole number of seconds, got '$seconds'" >&2; exit 2 ;;
esac
if ! command -v "$cc" >/dev/null 2>&1; then
    echo "run.sh: $cc not found; make fuzz needs clang with libFuzzer (CLANG=clang-14 make fuzz)" >&2
    exit 1
fi

cflags="-std=c11 -g -O1 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined
 -fno-sanitize-recover=all -fno-omit-frame-pointer
 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Werror"
mkdir -p "$builddir/fuzz_work" || exit 1
failed=""

for name in $all; do
    srcs=$(sources_of "$name") || { echo "run.sh: no fuzz target '$name' (known: $known)" >&2; exit 2; }
    bin="$builddir/fuzz_$name"
    paths=""
    for s in $srcs; do
        case $s in
        @*) paths="$paths $builddir/../../${s#@}" ;;
        *) paths="$paths $srcdir/$s" ;;
        esac
    done
    printf 'fuzz_%s: build\n' "$name"
    libs="-lm"
    incs=""
    case " $json_targets " in *" $name "*) libs="$json_libs -lm"; incs=$json_cflags ;; esac
    # shellcheck disable=SC2086 # flag and file lists are meant to split
    if ! "$cc" $cflags -I"$srcdir/src" -I"$srcdir/tests/fuzz" -I"$builddir/../.." $incs \
            "$srcdir/tests/fuzz/fuzz_$name.c" $paths $libs -o "$bin"; then
        echo "fuzz_$name: BUILD FAILED" >&2
        failed="$failed $name"
        continue
    fi
    [ "$seconds" -eq 0 ] && continue

    work="$builddir/fuzz_work/$name"
    rm -rf "$work"
    mkdir -p "$work/corpus" || exit 1
    cp "$srcdir/tests/fuzz/corpus/$name"/* "$work/corpus/" || exit 1
    dict=""
    [ -f "$srcdir/tests/fuzz/$name.dict" ] && dict="-dict=$srcdir/tests/fuzz/$name.dict"
    log="$work/fuzz.log"
    # shellcheck disable=SC2086 # $dict is empty or one word
    "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len="$(max_len_of "$name")" -print_final_stats=1 \
        -artifact_prefix="$work/" $dict "$work/corpus" >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
    if [ "$rc" -ne 0 ]; then
        echo "fuzz_$name: FINDING (exit status $rc) after ${runs:-?} runs; log: $log" >&2
        tail -n 40 "$log" >&2
        for a in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
            [ -f "$a" ] && echo "fuzz_$name: input kept in $a (replay: $bin $a)" >&2
        done
        failed="$failed $name"
    else
        printf 'fuzz_%s: ok, %s runs in %ss, %s, corpus %s files\n' "$name" "${runs:-?}" \
            "$seconds" "${cov:-cov: ?}" "$(ls "$work/corpus" | wc -l)"
    fi
done

if [ -n "$failed" ]; then
    echo "make fuzz: FAILED:$failed" >&2
    exit 1
fi
echo "make fuzz: all targets passed"
