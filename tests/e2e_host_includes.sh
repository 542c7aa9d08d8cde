#!/bin/sh
# e2e_host_includes.sh - the platform headers include each other without a
# cycle, and host.h and nvml.h stay independent: nvml.h does not pull in
# host.h (directly or through another header), host.h does not pull in
# nvml.h, and the opaque `struct nvml_api` that host_options points to is
# declared in a third header both may include.
LC_ALL=C
export LC_ALL
src=${TESTS_SRCDIR:-$(dirname "$0")}/../src
dir=$src/platform
failed=0
passed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*" >&2; }

[ -f "$dir/host.h" ] || { echo "no $dir/host.h" >&2; exit 99; }

# direct HEADER: the platform headers HEADER includes, one a line (base names).
direct() {
    sed -n 's|^[[:space:]]*#[[:space:]]*include[[:space:]]*"platform/\([^"]*\)".*|\1|p' "$dir/$1"
}

# closure HEADER: every platform header reachable from HEADER (not itself,
# unless through a cycle), one a line.
closure() {
    seen=" "
    todo=$(direct "$1")
    while [ -n "$todo" ]; do
        next=""
        for h in $todo; do
            case $seen in *" $h "*) continue ;; esac
            seen="$seen$h "
            [ -f "$dir/$h" ] && next="$next $(direct "$h")"
        done
        todo=$next
    done
    printf '%s\n' $seen
}

reaches() { closure "$1" | grep -qx "$2"; }

for path in "$dir"/*.h; do
    h=$(basename "$path")
    if reaches "$h" "$h"; then fail "$h includes itself through: $(closure "$h" | tr '\n' ' ')"; else pass; fi
done

if reaches nvml.h host.h; then fail "nvml.h pulls in host.h"; else pass; fi
if reaches host.h nvml.h; then fail "host.h pulls in nvml.h"; else pass; fi

# The forward declaration of struct nvml_api lives outside host.h and nvml.h,
# in a header host.h includes.
if grep -q '^[[:space:]]*struct nvml_api[[:space:]]*;' "$dir/host.h"; then
    fail "host.h declares struct nvml_api itself"
else
    pass
fi
decl=""
for path in "$dir"/*.h; do
    h=$(basename "$path")
    [ "$h" = host.h ] || [ "$h" = nvml.h ] && continue
    grep -q '^[[:space:]]*struct nvml_api[[:space:]]*;' "$path" && decl=$h
done
if [ -z "$decl" ]; then
    fail "no third header declares the opaque struct nvml_api"
elif reaches host.h "$decl"; then
    pass
else
    fail "host.h does not include $decl, which declares struct nvml_api"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
