/* tui.h - the interactive ncurses front end.
 *
 * Layer 3 (faces). main.c fills tui_options from the command line and the
 * host detection, and calls tui_run() when stdin and stdout are terminals. */
#ifndef QS_TUI_H
#define QS_TUI_H

#include "model/models.h"

typedef struct {
    double params;            /* parameter count to start with */
    const qs_model *preset;   /* the preset it came from, or NULL for a custom size */
    double bits;              /* bits per weight to start with */
    double baseline_bits;     /* savings baseline (16 = FP16; 0 also means FP16) */
    double host_ram_gib;      /* this machine's usable RAM in GiB; 0 when unknown */
    const char *host_label;   /* e.g. "this machine (RAM)"; NULL for the default */
} tui_options;

/* Runs the front end until the user quits or the terminal goes away.
 * Restores the terminal on every path (modes, mouse reporting off, cursor
 * visible). bits outside the slider's 1 .. 32 are clamped to it. Returns the
 * process exit status: 0 after a normal quit (q, Esc, Ctrl-C or SIGINT),
 * 1 when the terminal failed (end of file, EIO), 2 when the terminal could
 * not be set up (message on stderr), 128 + the signal number after SIGTERM,
 * SIGHUP or SIGQUIT. */
int tui_run(const tui_options *opt);

#endif
