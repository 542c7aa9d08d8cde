#!/bin/sh
# e2e_includes.sh - the source tree's shape (shared/design.md): no two
# modules include each other, directly or through others (a module is a
# .c and its .h: src/app/ops.c and src/app/ops.h are app/ops), and each
# layer includes only those below it:
#   model     model
#   platform  platform
#   files     model, platform, files
#   app       model, app
#   cli       model, platform, files, cli
#   tui       model, app, cli, tui
#   main.c    anything
# Only the tui layer includes curses.
LC_ALL=C
export LC_ALL
src=${TESTS_SRCDIR:-$(dirname "$0")}/../src
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*" >&2; }

[ -d "$src/model" ] || { echo "no $src/model" >&2; exit 99; }

# The edges "module included-module", one a line, over every source file.
edges=$(cd "$src" && for f in */*.c */*.h; do
    m=${f%.*}
    sed -n 's|^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([a-z]*/[^"]*\)\.h".*|\1|p' "$f" |
        while read -r to; do [ "$to" != "$m" ] && printf '%s %s\n' "$m" "$to"; done
done | sort -u)

# Layers.
allowed() {
    case $1 in
    model) echo "model" ;;
    platform) echo "platform" ;;
    files) echo "model platform files" ;;
    app) echo "model app" ;;
    cli) echo "model platform files cli" ;;
    tui) echo "model app cli tui" ;;
    *) echo "" ;;
    esac
}
bad=$(printf '%s\n' "$edges" | while read -r from to; do
    [ -n "$from" ] || continue
    lf=${from%%/*} lt=${to%%/*}
    case " $(allowed "$lf") " in *" $lt "*) ;; *) echo "$from -> $to" ;; esac
done)
if [ -z "$bad" ]; then pass; else fail "includes against the layers: $(echo $bad)"; fi

# Cycles: a depth-first search over the module graph.
cycles=$(printf '%s\n' "$edges" | awk '
    { out[$1] = out[$1] " " $2; nodes[$1] = 1; nodes[$2] = 1 }
    function visit(n, path,    k, i, parts) {
        if (state[n] == 1) { print path " -> " n; found = 1; return }
        if (state[n] == 2) return
        state[n] = 1
        k = split(out[n], parts, " ")
        for (i = 1; i <= k; i++) visit(parts[i], path " -> " n)
        state[n] = 2
    }
    END { for (n in nodes) if (!state[n]) visit(n, "") }')
if [ -z "$cycles" ]; then pass; else fail "include cycles:$(printf '%s' "$cycles" | tr '\n' ';')"; fi

# curses only in the terminal layer.
curses=$(cd "$src" && grep -l '#[[:space:]]*include[[:space:]]*<n\{0,1\}curses' */*.c */*.h 2>/dev/null |
    grep -v '^tui/')
if [ -z "$curses" ]; then pass; else fail "curses outside src/tui: $(echo $curses)"; fi

# no file over 600 lines, in src/ and tests/
long=$(cd "$src/.." && wc -l src/*.c src/*/*.[ch] tests/*.c tests/*.sh 2>/dev/null |
    awk '$2 != "total" && $1 > 600 { print $2 " (" $1 ")" }')
if [ -z "$long" ]; then pass; else fail "files over 600 lines: $(echo $long)"; fi

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
