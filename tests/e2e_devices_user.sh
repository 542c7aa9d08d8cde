#!/bin/sh
# e2e_devices_user.sh - a user's own devices end to end: their devices.tsv
# ($XDG_CONFIG_HOME/quantscope, or ~/.config/quantscope) and device rows in
# --catalog FILE, found by --device (any case, "did you mean" over both),
# listed by --list-devices (marked as yours), replacing a built-in id; a
# file of model and device rows; every kind of broken device row refused
# with FILE:LINE, exit 2 and nothing on stdout; a FIFO refused at once.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

# No user catalog of the machine running the tests leaks in.
XDG_CONFIG_HOME=$tmpdir/config
HOME=$tmpdir/home
export XDG_CONFIG_HOME HOME

tab=$(printf '\t')
row() { printf '%s\n' "$*" | sed "s/ | /$tab/g"; }

# The built-in list, for comparison.
run --list-devices --json
expect_rc "--list-devices, no user catalog" 0
builtin=$(printf '%s' "$out" | jq length)
expect_json "built-in rows are not the user's" 'all(.[]; .user == false)'
# Issue 11: the compute column (dense BF16 TFLOPS; null / "-" unknown) and
# unified memory. By hand: macOS's rule gives 2/3 of 16 GiB = 10.67 on an
# M1 16GB; the M5 Max 128GB's own share 0.84 x 128 = 107.52; the DGX Spark
# 0.9292 x 121.69 (MemTotal 127600748 kB) = 113.07; Strix Halo 96 of 128.
expect_json "tflops: a figure, or null" \
    '(.[] | select(.id == "rtx-5090") | .tflops) == 209.5 and (.[] | select(.id == "m1-16") | .tflops) == null'
run --list-devices
expect_rc "--list-devices, built in" 0
expect_row "an M1 16GB: 2/3" "m1-16 apple 16.00 67% 10.67 68.2 - Apple M1 16GB"
expect_row "an M3 Max 64GB: 3/4" "m3-max-64 apple 64.00 75% 48.00 400 - Apple M3 Max 64GB"
expect_row "an M5 Max 128GB: its own share" "m5-max-128 apple 128.00 84% 107.52 614 - Apple M5 Max 128GB"
expect_row "the DGX Spark: one pool" "dgx-spark gpu 121.69 93% 113.07 273 - DGX Spark (GB10)"
expect_row "Strix Halo: 96 GiB" "ryzen-ai-395-128 gpu 128.00 75% 96.00 256 - Ryzen AI Max+ 128GB"
expect_row "a TFLOPS figure" "rtx-5090 gpu 31.84 100% 31.84 1792 209.5 RTX 5090"
expect_out "the rule said" "Apple GPU: macOS's rule, 67% of unified memory up to 36 GiB, 75% above"
run --list-devices --apple-share 90%
expect_row "--apple-share: Apple's rows" "m1-16 apple 16.00 90% 14.40 68.2 - Apple M1 16GB"
expect_row "--apple-share: not the DGX Spark" "dgx-spark gpu 121.69 93% 113.07 273 - DGX Spark (GB10)"
expect_out "--apple-share said" "Apple GPU: 90% of unified memory (--apple-share)"

# --- devices.tsv --------------------------------------------------------------------
mkdir -p "$XDG_CONFIG_HOME/quantscope"
dev_file=$XDG_CONFIG_HOME/quantscope/devices.tsv
{
    printf '# my devices\n\n'
    row "my-card | My Card | gpu | memory_gib=20 | bandwidth_gbs=500 | tflops=150 | verified=0 | source=my notes"
    # 16384 MiB = 16 GiB: replaces the built-in rtx-4090 (24564 MiB).
    row "rtx-4090 | My 4090 | gpu | memory_mib=16384 | bandwidth_gbs=1008 | verified=1 | source=mine"
} >"$dev_file"

run --list-devices
expect_rc "devices.tsv: --list-devices" 0
expect_row "devices.tsv: listed, marked as yours" \
    "my-card gpu 20.00 100% 20.00 500 150 My Card (yours)"
expect_row "devices.tsv: the replacing row" "rtx-4090 gpu 16.00 100% 16.00 1008 - My 4090 (yours)"
expect_out "devices.tsv: the mark explained" "(yours): from your catalog (2 here)"
if printf '%s\n' "$out" | grep -q "23.99"; then
    fail "devices.tsv: the built-in rtx-4090 (23.99 GiB) is still listed"
else
    pass
fi
first=$(printf '%s\n' "$out" | sed -n 3p | cut -d' ' -f1)
if [ "$first" = "my-card" ]; then pass; else fail "devices.tsv: the user's rows first, got $first"; fi

run --list-devices --json
expect_json "devices.tsv --json: one more row, one replaced" "length == $builtin + 1"
expect_json "devices.tsv --json: yours" \
    '[.[] | select(.user)] | map(.id) == ["my-card", "rtx-4090"]'
expect_json "devices.tsv --json: its values" \
    '.[0] == {"id":"my-card","name":"My Card","kind":"gpu","capacity_gib":20,"gpu_share":1,"usable_gib":20,"bandwidth_gbps":500,"tflops":150,"is_gpu":true,"verified":false,"user":true,"source":"my notes"}'
expect_json "devices.tsv --json: one rtx-4090, 16 GiB" \
    '[.[] | select(.id == "rtx-4090")] | length == 1 and .[0].capacity_gib == 16'
expect_json "devices.tsv --json: the replacing row whole, no tflops" \
    '[.[] | select(.id == "rtx-4090")] | .[0].tflops == null'

# The fit: found by --device in any case; the replaced id is the user's.
run -p llama-3.1-8b -f q4_k_m --device MY-Card --device rtx-4090 --device h100-sxm --json
expect_rc "--device my-card" 0
expect_json "--device my-card: the user's device" \
    '.devices[0].id == "my-card" and .devices[0].capacity_gib == 20'
expect_json "--device rtx-4090: the user's row replaces the built-in" \
    '.devices[1].name == "My 4090" and .devices[1].capacity_gib == 16'
expect_json "--device h100-sxm: built-in still found" '.devices[2].id == "h100-sxm"'
run -p llama-3.1-8b -f q4_k_m --device my-card --check
expect_rc "--check on a user's device" 0

# Did you mean: over the user's devices and the built-in ones.
expect_usage_error "--device typo of a user's id" --device my-crad
expect_err "did you mean the user's id" "did you mean my-card"
expect_usage_error "--device typo of a built-in id" --device rtx4090
expect_err "did you mean a built-in id" "did you mean rtx-4090"
# Without the user's file the name is unknown again.
XDG_CONFIG_HOME=$tmpdir/none
expect_usage_error "no devices.tsv: my-card unknown" --device my-card
expect_err "no devices.tsv: said" "unknown device 'my-card'"
XDG_CONFIG_HOME=$tmpdir/config

# --- --catalog FILE with both kinds of rows -------------------------------------------
mixed=$tmpdir/mixed.tsv
{
    printf '# models and devices\n'
    row "toy-1l | Toy 1L | llama | layers=1 | hidden=64 | heads=1 | ffn=64 | vocab=10 | ctx=2048 | verified=0 | source=x"
    row "lab-box | Lab box | datacenter | memory_gib=96 | verified=0 | source=the lab"
    row "rtx-3090 | Lab 3090 | gpu | memory_gib=22 | verified=0 | source=the lab"
} >"$mixed"
run --list-devices --catalog "$mixed" --json
expect_rc "--catalog with --list-devices" 0
expect_json "--catalog: its devices first, then devices.tsv's" \
    '[.[] | select(.user)] | map(.id) == ["lab-box", "rtx-3090", "my-card", "rtx-4090"]'
expect_json "--catalog: it replaces a built-in id" \
    '[.[] | select(.id == "rtx-3090")] | length == 1 and .[0].capacity_gib == 22'
run --list-models toy --catalog "$mixed"
expect_rc "--catalog: its model rows" 0
expect_out "--catalog: the model listed" "toy-1l"
run -p toy-1l --catalog "$mixed" --device lab-box --json
expect_rc "--catalog: a model and a device of one file" 0
expect_json "--catalog: the fit on its device" \
    '.devices[0].id == "lab-box" and .devices[0].capacity_gib == 96 and .devices[0].kind == "datacenter"'
run -p 7B --device lab-box
expect_rc "--catalog's device without --catalog" 2
# A user's Macs follow macOS's rule as the built-in ones do, unless they
# give a share: 2/3 x 16 GiB = 10.67 (x 3 = 32), 3/4 x 48 = 36, share 0.9 x
# 16 = 14.4; --apple-share 50% makes each 8, 24 and 8.
macs=$tmpdir/macs.tsv
{
    row "my-mac | My Mac | apple | memory_gib=16 | verified=0 | source=mine"
    row "big-mac | Big Mac | apple | memory_gib=48 | verified=0 | source=mine"
    row "wired-mac | Wired Mac | apple | memory_gib=16 | share=0.9 | verified=0 | source=iogpu.wired_limit_mb"
} >"$macs"
run -p llama-3.1-8b -f q4_k_m --catalog "$macs" --device my-mac --device big-mac --device wired-mac --device m1-16 --json
expect_rc "--catalog: a user's Macs" 0
expect_json "a user's Macs: the rule, or their share" \
    '.devices[0].usable_gib * 3 == 32 and .devices[1].usable_gib == 36 and .devices[2].usable_gib == 14.4 and .devices[3].usable_gib * 3 == 32'
run -p llama-3.1-8b -f q4_k_m --catalog "$macs" --device my-mac --device big-mac --device wired-mac --apple-share 50% --json
expect_json "a user's Macs: --apple-share replaces both" \
    '.devices[0].usable_gib == 8 and .devices[1].usable_gib == 24 and .devices[2].usable_gib == 8'

# An id in --catalog and in devices.tsv: the second is refused.
row "my-card | Again | gpu | memory_gib=8 | verified=0 | source=x" >"$tmpdir/again.tsv"
expect_usage_error "an id twice across files" --list-devices --catalog "$tmpdir/again.tsv"
expect_err "the second file named" "devices.tsv:3: duplicate id 'my-card'"
expect_usage_error "--catalog missing" --list-devices --catalog "$tmpdir/nosuch.tsv"
expect_err "--catalog missing: what it holds" "model or device rows"

# --- broken device rows: FILE:LINE: what is wrong, exit 2, nothing on stdout -------
bad=$tmpdir/bad.tsv
# broken_row WHAT EXPECTED ROW: the row as line 2 of --catalog FILE, then of
# devices.tsv (line 3); both refused naming the line.
broken_row() {
    what=$1
    want=$2
    shift 2
    { printf '# bad\n'; row "$*"; } >"$bad"
    expect_usage_error "--catalog: $what" --list-devices --catalog "$bad"
    expect_err "--catalog: $what: FILE:LINE" "bad.tsv:2: $want"
    { printf '# bad\n\n'; row "$*"; } >"$dev_file"
    expect_usage_error "devices.tsv: $what" -p 7B --device 24GiB
    expect_err "devices.tsv: $what: FILE:LINE" "devices.tsv:3: $want"
}
broken_row "unknown key" "unknown key 'bandwith'" \
    "d | D | gpu | memory_gib=8 | bandwith=1 | verified=0 | source=x"
broken_row "a bad number" "memory_gib: expected a number" \
    "d | D | gpu | memory_gib=x | verified=0 | source=x"
broken_row "a capacity of 0" "memory_gib: expected a number" \
    "d | D | gpu | memory_gib=0 | verified=0 | source=x"
broken_row "two capacities" "memory_mib:" \
    "d | D | gpu | memory_gib=8 | memory_mib=8192 | verified=0 | source=x"
broken_row "no capacity" "missing field 'memory_gib'" "d | D | board | verified=0 | source=x"
broken_row "no source" "missing field 'source'" "d | D | gpu | memory_gib=8 | verified=0"
broken_row "a duplicate key" "duplicate key 'share'" \
    "d | D | gpu | memory_gib=8 | share=1 | share=1 | verified=0 | source=x"
broken_row "an unknown kind" "kind: expected gpu, datacenter" \
    "d | D | tpu | memory_gib=8 | verified=0 | source=x"
broken_row "a share above 1" "share: expected" \
    "d | D | gpu | memory_gib=8 | share=2 | verified=0 | source=x"
broken_row "an id that is no id" "id: expected" \
    "My-Card | D | gpu | memory_gib=8 | verified=0 | source=x"

# A duplicate id within one file names the second line.
{ row "d | D | gpu | memory_gib=8 | verified=0 | source=x"
  row "d | D2 | gpu | memory_gib=8 | verified=0 | source=x"; } >"$bad"
expect_usage_error "--catalog: an id twice" --list-devices --catalog "$bad"
expect_err "--catalog: an id twice: the second line" "bad.tsv:2: duplicate id 'd'"
{ row "d | D | gpu | memory_gib=8 | verified=0 | source=x"
  row "d | D2 | gpu | memory_gib=8 | verified=0 | source=x"; } >"$dev_file"
expect_usage_error "devices.tsv: an id twice" --list-devices
expect_err "devices.tsv: the second line" "devices.tsv:2: duplicate id 'd'"
# In devices.tsv every row is a device row: a model row is refused.
row "toy-1l | Toy 1L | llama | layers=1 | hidden=64 | heads=1 | ffn=64 | vocab=10 | ctx=2048 | verified=0 | source=x" >"$dev_file"
expect_usage_error "devices.tsv: a model row" --list-devices
expect_err "devices.tsv: a model row: its kind" "devices.tsv:1: kind: expected"
printf 'd\001\tD\tgpu\tmemory_gib=8\tverified=0\tsource=x\n' >"$dev_file"
expect_usage_error "devices.tsv: control bytes" --list-devices
head -c 5000000 /dev/zero | tr '\0' '#' >"$dev_file"
expect_usage_error "devices.tsv: a file too large" --list-devices
expect_err "devices.tsv: too large, said" "devices.tsv"
rm -f "$dev_file"
mkdir "$dev_file"
expect_usage_error "devices.tsv: a folder" --list-devices
rmdir "$dev_file"
# --help and --version read no catalog.
printf 'broken\n' >"$dev_file"
run --version
expect_rc "--version with a broken devices.tsv" 0
rm -f "$dev_file"

# A FIFO, as devices.tsv and as --catalog: refused at once, not waited on.
if command -v mkfifo >/dev/null 2>&1 && command -v timeout >/dev/null 2>&1; then
    for fifo in "$dev_file" "$tmpdir/fifo.tsv"; do
        mkfifo "$fifo" || continue
        if [ "$fifo" = "$dev_file" ]; then
            timeout 10 "$QUANTSCOPE" --list-devices </dev/null >"$tmpdir/out" 2>"$tmpdir/err"
        else
            timeout 10 "$QUANTSCOPE" --list-devices --catalog "$fifo" </dev/null \
                >"$tmpdir/out" 2>"$tmpdir/err"
        fi
        rc=$?
        if [ "$rc" -eq 2 ]; then pass; else fail "a FIFO $fifo: exit $rc (124: it hung)"; fi
        if [ -s "$tmpdir/out" ]; then fail "a FIFO $fifo: stdout not empty"; else pass; fi
        rm -f "$fifo"
    done
fi

# A relative XDG_CONFIG_HOME is ignored (XDG spec): HOME's devices.tsv is used.
mkdir -p "$HOME/.config/quantscope"
row "home-dev | Home dev | laptop | memory_gib=12 | verified=0 | source=x" \
    >"$HOME/.config/quantscope/devices.tsv"
XDG_CONFIG_HOME=relative
run -p 1B --device home-dev --json
expect_rc "relative XDG_CONFIG_HOME: ~/.config used" 0
expect_json "~/.config/quantscope/devices.tsv: its device" \
    '.devices[0].id == "home-dev" and .devices[0].capacity_gib == 12'
XDG_CONFIG_HOME=$tmpdir/config

finish
