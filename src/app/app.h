/* app.h - the interactive state of the front end and its pure update.
 *
 * Layer 2 (app): no I/O, no curses. The loop feeds every decoded event to
 * app_update(); the view draws from the state (and app_layout()) alone.
 *
 * Keys (focus starts on the slider; see app_help_lines() for the list the
 * help overlay shows):
 *   Left/Right, h/l      fine step of the focused value: 0.25 bit below
 *                        APP_FINE_LIMIT bits, 1 bit from there up (values
 *                        between grid points go to the next grid point)
 *   Shift/Ctrl+Left/Right, PgDn/PgUp, H/L
 *                        previous / next named precision (formats_step)
 *   Home/End             APP_BITS_MIN / APP_BITS_MAX
 *   0-9 .  then Enter    type an exact value (Esc cancels, Backspace edits)
 *   Tab/Shift-Tab, Up/Down  move the focus: model, slider, baseline
 *   m (or Enter on the model)  model picker; b  cycle the baseline
 *   ?  help overlay;  q, Esc, Ctrl-C  quit (Esc closes an overlay or an
 *   entry first);  Ctrl-L  repaint
 * Baseline cycle (b, or Enter on the baseline): FP16 -> FP32 -> the current
 * bits (when they are neither 16 nor 32) -> FP16. With the focus on the
 * baseline, the stepping keys and typed values change the baseline bits.
 * Mouse: press or drag on the track sets the bits (log2 scale, see
 * layout_col_to_bits); motion with button 1 on the track drags even when the
 * press was lost; the wheel steps; a click on the model line opens the
 * picker, on the savings line cycles the baseline; in the picker a click
 * picks a row and a click outside closes it. */
#ifndef QS_APP_H
#define QS_APP_H

#include <stddef.h>

#include "app/input.h"
#include "app/layout.h"
#include "model/devices.h"
#include "model/formats.h"
#include "model/models.h"

/* The slider's range in bits per weight. */
#define APP_BITS_MIN LAYOUT_BITS_MIN
#define APP_BITS_MAX LAYOUT_BITS_MAX
/* Fine steps: APP_FINE_STEP below APP_FINE_LIMIT bits, APP_COARSE_STEP at
 * and above it (a quarter bit matters at 4 bits, not at 16). */
#define APP_FINE_LIMIT 8.0
#define APP_FINE_STEP 0.25
#define APP_COARSE_STEP 1.0
/* Baselines that `b` cycles through. */
#define APP_BASELINE_FP16 16.0
#define APP_BASELINE_FP32 32.0
/* Typed text (bits entry, picker filter) and message sizes, in bytes. */
#define APP_TEXT_MAX 24
#define APP_MSG_MAX 96
/* The host device's default label. */
#define APP_HOST_LABEL "this machine (RAM)"

typedef enum {
    APP_FOCUS_MODEL,
    APP_FOCUS_SLIDER,
    APP_FOCUS_BASELINE,
    APP_FOCUS_COUNT
} app_focus;

typedef enum {
    APP_OVERLAY_NONE,
    APP_OVERLAY_PICKER,
    APP_OVERLAY_HELP
} app_overlay;

/* Where a typed number goes. */
typedef enum {
    APP_ENTRY_NONE,
    APP_ENTRY_BITS,
    APP_ENTRY_BASELINE
} app_entry;

typedef struct {
    double params;             /* parameter count */
    const qs_model *preset;    /* the preset it came from, or NULL (custom) */
    double bits;               /* current bits per weight */
    double baseline_bits;      /* savings baseline */
    double host_ram_gib;       /* this machine's RAM; 0 when unknown */
    const char *host_label;    /* NULL: APP_HOST_LABEL */
    int cols, rows;            /* terminal size */
} app_config;

typedef struct {
    double params;
    const qs_model *preset;    /* NULL for a custom size */
    double bits;               /* APP_BITS_MIN .. APP_BITS_MAX */
    double baseline_bits;      /* APP_BITS_MIN .. APP_BITS_MAX */
    qs_device host;            /* this machine (DEV_KIND_HOST) */
    int cols, rows;            /* terminal size */
    app_focus focus;
    app_overlay overlay;
    app_entry entry;           /* a number being typed, and for what */
    char entry_text[APP_TEXT_MAX];
    char filter[APP_TEXT_MAX]; /* picker filter text */
    size_t pick;               /* picker selection (index into app_pick_*) */
    char msg[APP_MSG_MAX];     /* inline error; "" when none */
    int dragging;              /* 1 while button 1 drags the knob */
    int quit;                  /* 1 when the user asked to quit */
    int repaint;               /* 1 when a full repaint was asked (Ctrl-L) */
} app_state;

/* A row of the model picker: a custom size (preset NULL) or a preset. */
typedef struct {
    const qs_model *preset;
    double params;
} app_pick_row;

/* Initialises the state from cfg: bits and baseline are clamped to the
 * slider's range, focus on the slider, nothing open. */
void app_init(app_state *s, const app_config *cfg);

/* Applies one event. Pure: changes nothing but *s. */
void app_update(app_state *s, const in_event *ev);

/* The next fine step above (dir > 0) or below (dir < 0) `bits` on the grid
 * described above, clamped to the slider's range. */
double app_step_fine(double bits, int dir);

/* The next / previous named precision, or `bits` itself when there is none
 * within the slider's range. */
double app_step_named(double bits, int dir);

/* Clamps to [APP_BITS_MIN, APP_BITS_MAX]; NaN gives APP_BITS_MIN. */
double app_clamp_bits(double bits);

/* The baseline after `b`: see the cycle above. */
double app_next_baseline(double baseline, double bits);

/* Picker rows for the current filter: first a custom size when the filter
 * parses as one (parse_params), then every preset whose id or name
 * contains the filter, ignoring case. */
size_t app_pick_count(const app_state *s);
int app_pick_get(const app_state *s, size_t i, app_pick_row *row);

/* The named precision nearest to the current bits (never NULL). */
const qs_format *app_nearest(const app_state *s);

/* The help overlay's lines (key, what it does); returns how many. */
size_t app_help_count(void);
const char *app_help_key(size_t i);
const char *app_help_text(size_t i);

#endif
