/* tui.h - the interactive ncurses front end.
 *
 * Layer: tui. main.c fills tui_options from the command line and the
 * host detection, and calls tui_run() when stdin and stdout are terminals. */
#ifndef QS_TUI_H
#define QS_TUI_H

#include <stddef.h>

#include "model/devices.h"
#include "model/models.h"

typedef struct {
    double params;            /* parameter count to start with */
    const qs_model *preset;   /* the preset it came from, or NULL for a custom size */
    double bits;              /* bits per weight to start with */
    double baseline_bits;     /* savings baseline (16 = FP16; 0 also means FP16) */
    double host_ram_gib;      /* this machine's usable RAM in GiB; 0 when unknown */
    const char *host_label;   /* e.g. "this machine (RAM)"; NULL for the default */
    /* The fit (issue 4); 0 or NULL means the default. */
    long ctx;                 /* context tokens (--ctx); 0: FIT_DEFAULT_CTX. The screen
                                 clamps it to APP_CTX_MIN .. the model's maximum */
    double kv_bits;           /* KV cache bits per element (--kv-bits/--kv-format,
                                 KV_BITS_*); 0: f16. The `k` key cycles the types */
    double overhead_gib;      /* runtime overhead (--overhead); 0: FIT_DEFAULT_OVERHEAD_GIB;
                                 negative: none (--overhead 0) */
    double apple_share;       /* Apple GPU share of unified memory in (0, 1];
                                 0: DEVICES_APPLE_GPU_SHARE */
    const qs_device *devices; /* --device targets, in order; they replace the five
                                 default targets (this machine stays first). Copied
                                 at start, the name strings kept by pointer: they
                                 must outlive tui_run(). At most APP_TARGETS_MAX
                                 are shown */
    size_t ndevices;          /* number of devices; 0: the defaults */
} tui_options;

/* tui_run()'s status when the terminal cannot show a screen. */
#define TUI_EXIT_SETUP 2

/* Runs the front end until the user quits or the terminal goes away.
 * Restores the terminal on every path (modes, mouse reporting off, cursor
 * visible). bits outside the slider's APP_BITS_MIN .. APP_BITS_MAX are
 * clamped to it. Returns the process exit status: 0 after a normal quit
 * (q, Esc, Ctrl-C or SIGINT), 1 when the terminal failed (end of file,
 * EIO), TUI_EXIT_SETUP when the terminal could not be set up (nothing
 * printed: the caller says why), 128 + the signal number after SIGTERM,
 * SIGHUP or SIGQUIT. */
int tui_run(const tui_options *opt);

#endif
