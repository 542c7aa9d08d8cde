/* app.h - the interactive state of the front end and its pure update.
 *
 * Layer 2 (app): no I/O, no curses. The loop feeds every decoded event to
 * app_update(); the view draws from the state (and app_layout()) alone.
 *
 * Keys (focus starts on the slider; see app_help_key()/app_help_text() for
 * the list the help overlay shows):
 *   Left/Right, h/l      fine step of the focused value: APP_FINE_STEP
 *                        below APP_FINE_LIMIT bits, APP_COARSE_STEP from
 *                        there up (values between grid points go to the
 *                        next grid point);
 *                        on the context: halve / double it
 *   Shift/Ctrl+Left/Right, PgDn/PgUp, H/L
 *                        previous / next named precision (formats_step)
 *   Home/End             APP_BITS_MIN / APP_BITS_MAX; on the context its
 *                        least / most; on the devices the first / last
 *   0-9 .  then Enter    type an exact value (Esc cancels, Backspace edits);
 *                        on the context a token count ("8192", "8k")
 *   Tab/Shift-Tab        move the focus: model, slider, baseline, context,
 *                        devices
 *   Up/Down              move the focus too; on the devices they select a
 *                        device (leaving the list past its ends)
 *   m (or Enter on the model)  model picker;  b  cycle the baseline
 *   k  cycle the KV cache type f16 -> q8_0 -> q4_0 (kvcache.h)
 *   t  table overlay: every named precision x the devices (Up/Down, PgUp/
 *      PgDn, Home/End scroll it; t or Esc closes it)
 *   ?  help overlay;  q, Esc, Ctrl-C  quit (Esc cancels an entry first,
 *   then closes an overlay);  Ctrl-L  repaint
 * Baseline cycle (b, or Enter on the baseline): FP16 -> FP32 -> the current
 * bits (when they are neither 16 nor 32) -> FP16. With the focus on the
 * baseline, the stepping keys and typed values change the baseline bits.
 * Context: the tokens of KV cache the fit counts (FIT_DEFAULT_CTX to start,
 * never the model's maximum by default), within APP_CTX_MIN .. the model's
 * max_ctx (APP_CTX_CAP for a custom size); the state keeps the value asked
 * for and app_ctx() clamps it to the current model, so a model with a
 * shorter maximum does not lose it for the next.
 * Devices: this machine first, then the targets (the command line's, or
 * APP_DEFAULT_TARGETS); `sel` is the selected one, whose details (best
 * precision, largest context, headroom, speed ceiling) the view shows.
 * Mouse: press or drag on the track sets the bits (log2 scale, see
 * layout_col_to_bits); motion with button 1 on the track drags even when the
 * press was lost; the wheel steps; a click on the model line opens the
 * picker, on the savings line cycles the baseline, on the context line
 * focuses it, on a device row selects it; in the picker a click picks a row
 * and a click outside closes it; in the table the wheel scrolls. */
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
#define APP_HOST_LABEL DEVICES_HOST_LABEL
/* Context: the least the keys go to, and the most for a custom size (which
 * has no architecture, so no KV cache to size: the value only carries over
 * to the next preset). Presets stop at their max_ctx. */
#define APP_CTX_MIN 256L
#define APP_CTX_CAP 1048576L
/* Devices after this machine: at most APP_TARGETS_MAX (the rows and the
 * table's columns beyond the screen are not shown). */
#define APP_TARGETS_MAX 8
#define APP_DEVICES_MAX (1 + APP_TARGETS_MAX)

typedef enum {
    APP_FOCUS_MODEL,
    APP_FOCUS_SLIDER,
    APP_FOCUS_BASELINE,
    APP_FOCUS_CONTEXT,
    APP_FOCUS_DEVICES,
    APP_FOCUS_COUNT
} app_focus;

typedef enum {
    APP_OVERLAY_NONE,
    APP_OVERLAY_PICKER,
    APP_OVERLAY_HELP,
    APP_OVERLAY_TABLE
} app_overlay;

/* Where a typed number goes. */
typedef enum {
    APP_ENTRY_NONE,
    APP_ENTRY_BITS,
    APP_ENTRY_BASELINE,
    APP_ENTRY_CTX
} app_entry;

typedef struct {
    double params;             /* parameter count */
    const qs_model *preset;    /* the preset it came from, or NULL (custom) */
    double bits;               /* current bits per weight */
    double baseline_bits;      /* savings baseline */
    double host_ram_gib;       /* this machine's RAM; 0 when unknown */
    const char *host_label;    /* NULL: APP_HOST_LABEL */
    int cols, rows;            /* terminal size */
    long ctx;                  /* context tokens; 0: FIT_DEFAULT_CTX */
    double kv_bits;            /* KV element bits (KV_BITS_*); 0: f16 */
    double overhead_gib;       /* runtime overhead; 0: FIT_DEFAULT_OVERHEAD_GIB;
                                  negative: none */
    double apple_share;        /* Apple GPU share of unified memory; 0: the
                                  device's own (DEVICES_APPLE_GPU_SHARE) */
    const qs_device *devices;  /* targets after this machine (copied, names
                                  kept by pointer); NULL or 0: the defaults */
    size_t ndevices;
} app_config;

typedef struct {
    double params;
    const qs_model *preset;    /* NULL for a custom size */
    double bits;               /* APP_BITS_MIN .. APP_BITS_MAX */
    double baseline_bits;      /* APP_BITS_MIN .. APP_BITS_MAX */
    qs_device host;            /* this machine (DEV_KIND_HOST) */
    int cols, rows;            /* terminal size */
    long ctx;                  /* context asked for; app_ctx() is what counts */
    double kv_bits;            /* KV element bits, one of kvcache_type_bits() */
    double overhead_gib;
    double apple_share;        /* 0: each Apple device's own share */
    qs_device targets[APP_TARGETS_MAX];
    size_t ntargets;
    size_t sel;                /* selected device: 0 this machine, i > 0 targets[i-1] */
    size_t table_top;          /* first format row shown in the table */
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

/* The program was stopped and resumed (Ctrl-Z, fg) or lost its input for
 * a while: a drag whose release went to someone else ends here, so that a
 * later motion report does not move the knob. */
void app_resumed(app_state *s);

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

/* The context that counts: s->ctx clamped to APP_CTX_MIN .. app_ctx_max(). */
long app_ctx(const app_state *s);

/* The most context the current model takes: its max_ctx, or APP_CTX_CAP
 * for a custom size. */
long app_ctx_max(const app_state *s);

/* Halves (dir < 0) or doubles (dir > 0) a context, clamped to
 * APP_CTX_MIN .. max. */
long app_ctx_step(long ctx, int dir, long max);

/* The KV cache type after kv_bits in the cycle f16 -> q8_0 -> q4_0 -> f16
 * (KV_BITS_*); any other value (e.g. q5_0 from the command line) gives f16. */
double app_next_kv(double kv_bits);

/* Devices: this machine (i == 0) then the targets; their number, and the
 * i-th (NULL when out of range). */
size_t app_device_count(const app_state *s);
const qs_device *app_device(const app_state *s, size_t i);

/* The number of named precisions the table lists (formats_count()), and
 * the largest table_top that still fills the visible rows. */
size_t app_table_rows(void);
size_t app_table_top_max(const app_state *s);

/* The layout for the state: its size and its number of devices. */
void app_layout_of(const app_state *s, app_layout *l);

/* The help overlay's lines: how many; line i's key (NULL past the end);
 * and what it does, written to buf (size bytes, APP_HELP_TEXT_MAX holds
 * every line; longer text is cut) with the numbers taken from the
 * constants above. Returns buf, or NULL past the end or without room. */
#define APP_HELP_TEXT_MAX 80
size_t app_help_count(void);
const char *app_help_key(size_t i);
const char *app_help_text(size_t i, char *buf, size_t size);

#endif
