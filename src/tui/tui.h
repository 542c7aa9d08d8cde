/* tui.h - the interactive ncurses front end.
 *
 * Layer: tui. main.c builds the query from the command line and this
 * machine's devices, and calls tui_run() when stdin and stdout are
 * terminals. */
#ifndef QS_TUI_H
#define QS_TUI_H

#include <stddef.h>

#include "model/theme.h"
#include "model/query.h"

/* tui_run()'s exit statuses, each a process exit status:
 *   TUI_EXIT_OK (0)       a normal quit: q, F10, the Ctrl-C key, SIGINT. A
 *                         quit is final: a SIGINT, SIGQUIT, SIGTSTP (or
 *                         any signal) after it changes nothing
 *   TUI_EXIT_LOST (1)     the terminal failed while running: end of file or
 *                         an error reading or waiting on stdin (EIO when
 *                         the terminal went away)
 *   TUI_EXIT_SETUP (2)    the terminal cannot show a screen (not a
 *                         terminal, unknown TERM, TERM=dumb or any other
 *                         without cursor motion, modes that cannot be set).
 *                         Nothing printed (the caller says why); for the
 *                         first three not one byte was written to the
 *                         terminal, so a table may follow cleanly
 *   TUI_EXIT_SIGNAL_BASE + n (128 + n)
 *                         SIGTERM (143), SIGHUP (129) or SIGQUIT (131)
 *                         arrived before any quit
 * A huge window (beyond CRT_SIZE_MAX) is no failure: it is drawn clamped. */
#define TUI_EXIT_OK 0
#define TUI_EXIT_LOST 1
#define TUI_EXIT_SETUP 2
#define TUI_EXIT_SIGNAL_BASE 128

/* This machine's devices, found after the first frame is drawn: run adds
 * them to q (query_add_device(q, d, 1), query_set_host_ram) and returns 0,
 * or -1 when it found nothing to add. */
typedef struct {
    int (*run)(qs_query *q, void *ctx);
    void *ctx;
} tui_detect;

/* Runs the front end on a copy of q until the user quits or the terminal
 * goes away; detect (NULL: none) adds this machine's devices once the
 * first frame is on the screen. Restores the terminal on every path
 * (modes, mouse reporting and bracketed paste off, cursor visible, signal
 * mask and actions).
 * bits outside the slider's APP_BITS_MIN .. APP_BITS_MAX are clamped to
 * it. Returns one of the statuses above. */
int tui_run(const qs_query *q, const tui_detect *detect);

/* tui_run(), and with print_command 1 (--print-command), after a normal
 * quit (TUI_EXIT_OK) and once the terminal is restored, the command line
 * that reproduces the selected row's answer (cli/report_command.h) on
 * stdout, one line; nothing on the other exits. A command that cannot be
 * made is said on stderr, the status stays. */
int tui_run_print(const qs_query *q, const tui_detect *detect, int print_command);

/* What the command line asks of the front end (issue 12). */
typedef struct {
    int print_command;         /* --print-command: the runtime's command too */
    int lesson;                /* --lesson: start the lesson walk */
    qs_theme theme;           /* --theme */
} tui_options;

/* tui_run_print(q, detect, opt->print_command) starting in opt's theme
 * and, with opt->lesson, in the lesson walk; after a normal quit, once the
 * terminal is restored, the quantscope command line that reproduces the
 * screen (cli/reproduce.h) on stdout, then with print_command the
 * runtime's. */
int tui_run_opts(const qs_query *q, const tui_detect *detect, const tui_options *opt);

#endif
