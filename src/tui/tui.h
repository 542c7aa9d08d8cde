/* tui.h - the interactive ncurses front end.
 *
 * Layer: tui. main.c builds the query from the command line and this
 * machine's devices, and calls tui_run() when stdin and stdout are
 * terminals. */
#ifndef QS_TUI_H
#define QS_TUI_H

#include <stddef.h>

#include "model/query.h"

/* tui_run()'s status when the terminal cannot show a screen. */
#define TUI_EXIT_SETUP 2

/* Runs the front end on a copy of q until the user quits or the terminal
 * goes away.
 * Restores the terminal on every path (modes, mouse reporting off, cursor
 * visible). bits outside the slider's APP_BITS_MIN .. APP_BITS_MAX are
 * clamped to it. Returns the process exit status: 0 after a normal quit
 * (q, F10, Ctrl-C or SIGINT), 1 when the terminal failed (end of file,
 * EIO), TUI_EXIT_SETUP when the terminal could not be set up (nothing
 * printed: the caller says why), 128 + the signal number after SIGTERM,
 * SIGHUP or SIGQUIT. */
int tui_run(const qs_query *q);

#endif
