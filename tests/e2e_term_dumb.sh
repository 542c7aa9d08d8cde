#!/bin/sh
# e2e_term_dumb.sh - a terminal that cannot show a screen gets nothing from
# the front end: with TERM=dumb (Emacs' M-x shell, no cursor motion) the
# mouse-off sequence and curses' final carriage return came before the
# table; an unknown TERM is checked the same way. Every byte the program
# writes to the pane is captured from the first (tmux pipe-pane): the
# message must be the very first thing, and no ESC may come before the
# table. With -i, nothing but the message at all (status 1).
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui_lib.sh"

esc=$(tui_hex '\033' | tr -d ' ')
# first_hex N: the first N captured bytes as hex; hex TEXT: TEXT the same way
first_hex() { tui_bytes_hex | cut -d' ' -f"1-$1"; }
hex() { tui_hex "$1" | sed 's/ $//'; }

for term in dumb no-such-terminal; do
    if [ "$term" = dumb ] && ! infocmp dumb >/dev/null 2>&1; then
        echo "no terminfo entry for dumb here: not tested" >&2
        continue
    fi
    # without -i: the message, then the table, and no ESC before it
    TUI_CAPTURE=1 tui_start 80 24 TERM=$term --
    tui_wait_exit "TERM=$term: the table" 0
    tui_wait "TERM=$term: the table is shown" "INT4"
    sleep 0.2                          # the capture drains
    msg="quantscope: no interactive screen"
    n=$(printf '%s' "$msg" | wc -c)
    if [ "$(first_hex "$n")" = "$(hex "$msg")" ]; then
        pass
    else
        fail "TERM=$term: the output does not start with the message: $(first_hex 16)"
    fi
    before=$(LC_ALL=C sed -n '1,/INT4/p' "$tui_dir/bytes" | od -An -v -tx1 | tr -s ' \n' '  ')
    case " $before " in
    *" $esc "*) fail "TERM=$term: an ESC before the table: $before" ;;
    *) pass ;;
    esac
    tui_expect_stty "TERM=$term: stty modes"

    # with -i: the terminal failed (status 1), and not one byte but the message
    TUI_CAPTURE=1 tui_start 80 24 TERM=$term -- -i
    tui_wait_exit "TERM=$term -i" 1
    sleep 0.2
    if LC_ALL=C grep -q "$(printf '\033')" "$tui_dir/bytes"; then
        fail "TERM=$term -i: an ESC written: $(tui_bytes_hex)"
    else
        pass
    fi
    first=$(first_hex 11)
    if [ "$first" = "$(hex 'quantscope:')" ]; then
        pass
    else
        fail "TERM=$term -i: the output does not start with the message: $first"
    fi
    tui_expect_stty "TERM=$term -i: stty modes"
done

tui_finish
