#!/bin/sh
# e2e_term_signals.sh - the signal mask is quantscope's own, whatever the
# parent left: under a parent that blocks SIGWINCH (or every signal it
# handles) a resize still re-lays out the screen, Ctrl-C still quits and
# SIGTERM still ends it; the terminal is restored after.
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui_lib.sh"

if ! perl -MPOSIX -MConfig -e 1 2>/dev/null; then
    echo "perl with POSIX is not installed: cannot block signals in a parent" >&2
    exit 77
fi
# block NAME...: a wrapper that blocks the signals (WINCH, INT, ...), then
# runs its arguments (a blocked signal stays blocked across exec).
block() {
    w="$tui_dir/block-$1"
    cat >"$w" <<EOF
#!/usr/bin/perl
use strict;
use Config;
use POSIX ();
my %num;
@num{split ' ', \$Config{sig_name}} = split ' ', \$Config{sig_num};
my \$set = POSIX::SigSet->new();
for my \$name (qw($*)) {
    \$set->addset(\$num{\$name}) or die "no signal \$name";
}
POSIX::sigprocmask(POSIX::SIG_BLOCK(), \$set) or die "sigprocmask: \$!";
exec @ARGV or die "exec: \$!";
EOF
    chmod +x "$w"
    # the wrapper works: the program it runs has signals blocked
    if [ -r /proc/self/status ] && ! "$w" grep -q '^SigBlk:.*[1-9a-f]' /proc/self/status; then
        echo "the blocking wrapper does not block" >&2
        exit 99
    fi
    echo "$w"
}

# SIGWINCH blocked by the parent: resizes are still seen
TUI_WRAP=$(block WINCH) tui_start 80 24 -- -i -p 7B -b 16
tui_wait "SIGWINCH blocked: start" "16.00 bpw"
tmx resize-window -t qs -x 30 -y 10
tui_wait "SIGWINCH blocked: resize below the minimum" "terminal too small"
tmx resize-window -t qs -x 100 -y 30
tui_wait_gone "SIGWINCH blocked: resize back" "terminal too small"
tui_wait "SIGWINCH blocked: the screen at 100x30" "16.00 bpw"
tui_keys Right
tui_wait "SIGWINCH blocked: answers keys" "17.00 bpw"
tui_keys q
tui_wait_exit "SIGWINCH blocked: q quits" 0
tui_expect_stty "SIGWINCH blocked: stty modes"
tui_expect_flag "SIGWINCH blocked: mouse reporting off" mouse_button_flag 0

# everything it handles blocked by the parent: Ctrl-C still quits (status 0),
# SIGTERM still ends it (143)
all=$(block WINCH INT TERM HUP QUIT TSTP)
TUI_WRAP=$all tui_start 80 24 -- -i
tui_wait "all blocked: start" "Footprint"
tui_keys C-c
tui_wait_exit "all blocked: Ctrl-C quits" 0
tui_expect_stty "all blocked: stty modes"
tui_expect_flag "all blocked: mouse reporting off" mouse_button_flag 0
TUI_WRAP=$all tui_start 80 24 -- -i
tui_wait "all blocked, SIGTERM: start" "Footprint"
kill -TERM "$tui_pid"
tui_wait_exit "all blocked: SIGTERM" 143

tui_finish
