/* state.h - the interactive state of the front end, and what is derived
 * from it without changing it.
 *
 * Layer 2 (app): no I/O, no curses. The state owns the user's question (a
 * qs_query, model/query.h) and its answer (a qs_plan, model/plan.h): keys
 * and the mouse change the query through actions (app/actions.h, one table
 * of actions and one of bindings per mode), and app_update() recomputes the
 * plan when, and only when, the query changed. The screens draw the state,
 * its plan and app_layout() and compute nothing of the fit.
 *
 * Values: the bits move on a log2 slider from APP_BITS_MIN to APP_BITS_MAX,
 * in fine steps of APP_FINE_STEP below APP_FINE_LIMIT bits and
 * APP_COARSE_STEP from there up, or from named precision to named
 * precision; a named step keeps the format it lands on (query.format),
 * any other change of the bits makes them plain bits. The context halves
 * and doubles between APP_CTX_MIN and the model's maximum (APP_CTX_CAP for
 * a bare size); a model change brings the context within the new model's
 * range. Baseline cycle (b): FP16 -> FP32 -> the current bits -> FP16.
 *
 * Devices: the query's, this machine's first (its RAM, then each GPU), then
 * the targets (the command line's, or APP_DEFAULT_TARGETS); `sel` is the
 * selected one, whose details the main screen shows.
 *
 * Mouse: press or drag on the track sets the bits (layout_col_to_bits); a
 * drag whose press was lost still drags; the wheel steps; a click on the
 * model line opens the picker, on the savings line cycles the baseline, on
 * the context line focuses it, on a device row selects it; in the picker a
 * click picks a row and a click outside closes it; in the table a click
 * selects a row and the wheel moves the selection. */
#ifndef QS_STATE_H
#define QS_STATE_H

#include <stddef.h>

#include "app/input.h"
#include "app/layout.h"
#include "model/theme.h"
#include "model/plan.h"
#include "model/query.h"

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
#define APP_BASELINE_FP16_NAME "fp16"
#define APP_BASELINE_FP32_NAME "fp32"
/* Typed text (a value entry, the picker filter) and message sizes, bytes. */
#define APP_TEXT_MAX 24
#define APP_MSG_MAX 160
/* A device typed into the front end's prompt (a catalog id, a size, a rig
 * spec such as "rtx-pro-6000-blackwell+rtx-pro-6000-blackwell"), bytes
 * with the NUL: it is kept as the target's label (app_state.labels). */
#define APP_DEVICE_TEXT_MAX 64
/* Context: the least the keys go to, and the most for a bare size. */
#define APP_CTX_MIN 256L
#define APP_CTX_CAP 1048576L
/* Rows of the table overlay: every named precision (formats_count()). */
#define APP_TABLE_ROWS_MAX 64

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
    APP_OVERLAY_TABLE,
    APP_OVERLAY_DEVICE,        /* the prompt for a device to add (footer line) */
    APP_OVERLAY_COMMAND,       /* the box with the selected row's command */
    APP_OVERLAY_ROUNDING       /* the rounding panel (d) */
} app_overlay;

/* Where a typed number goes. */
typedef enum {
    APP_ENTRY_NONE,
    APP_ENTRY_BITS,
    APP_ENTRY_BASELINE,
    APP_ENTRY_CTX
} app_entry;

typedef struct {
    /* The question, and what the front end shows of it. Everything from
     * here to `plan` is compared before and after each event. */
    qs_query query;
    int cols, rows;            /* terminal size */
    size_t sel;                /* selected device (index into query.devices) */
    size_t table_top;          /* first format row shown in the table */
    app_focus focus;
    app_overlay overlay;
    app_entry entry;           /* a number being typed, and for what */
    char entry_text[APP_TEXT_MAX];
    char filter[APP_TEXT_MAX]; /* picker filter text */
    size_t pick;               /* picker selection (index into app_pick_*) */
    int pick_fits;             /* 1: the picker lists only rows that do not
                                  get "no fit" on the selected device */
    char msg[APP_MSG_MAX];     /* inline message; "" when none */
    int dragging;              /* 1 while button 1 drags the knob */
    int quit;                  /* 1 when the user asked to quit */
    int repaint;               /* 1 when a full repaint was asked (Ctrl-L) */
    /* Rigs (app_rigs.c): the device being typed into the prompt (kept
     * after a refusal, so that `a` brings it back to be mended), which
     * device rows show a sub-row per GPU (by index into query.devices),
     * and the text of the targets typed here: query.rigs[i].label and a
     * size's device name point into labels[k] (a buffer is free when no
     * device of the query points at it), so they live as long as the
     * state. A state copied by value keeps pointing at the original's. */
    char device_text[APP_DEVICE_TEXT_MAX];
    unsigned char rig_open[QUERY_DEVICES_MAX];
    char labels[QUERY_TARGETS_MAX][APP_DEVICE_TEXT_MAX];
    /* Issue 12, the lesson (actions_lesson.c): the theme (T), the classic
     * track (c: ticks at FP32, FP16, INT8, INT4, INT2 only), the lesson
     * walk (--lesson; lesson 0: off) at its stop. */
    qs_theme theme;
    int classic;
    int lesson;
    int lesson_stop;
    /* LESSON fields BEGIN (further fields of the lesson go here) */
    /* LESSON fields END */
    /* Issue 12, the views (actions_view.c): the table's sort order (s). */
    int table_sort;
    /* VIEW fields BEGIN (further fields of the views go here) */
    size_t table_sel;          /* the table's selected row: the index of its
                                  format (formats_get); Up/Down move it in
                                  the sort's order, Enter applies it */
    int pinned;                /* 1 while a configuration is pinned (p):
                                  pin_query and pin_plan below hold it */
    /* VIEW fields END */
    /* The answer: recomputed when the query changes. */
    qs_plan plan;
    /* The table overlay's cells, [format][device], while it is open. */
    plan_cell table[APP_TABLE_ROWS_MAX][QUERY_DEVICES_MAX];
    int table_valid;
    /* VIEW snapshot BEGIN (what the views keep that is not compared per
     * event, such as a pinned query and its plan) */
    qs_query pin_query;        /* the pinned question and its answer, as
                                  they were when p was pressed */
    qs_plan pin_plan;
    /* VIEW snapshot END */
} app_state;

/* A row of the model picker: a bare size (model NULL) or a catalog model;
 * local 1 for a model read from the user's files (model->stored). */
typedef struct {
    const qs_model *model;
    double params;
    int local;
} app_pick_row;

/* The layout for the state: its size and its number of devices. */
void app_layout_of(const app_state *s, app_layout *l);

/* ---- values (app_steps.c) ------------------------------------------------ */

/* Clamps to [APP_BITS_MIN, APP_BITS_MAX]; NaN gives APP_BITS_MIN. */
double app_clamp_bits(double bits);

/* The next fine step above (dir > 0) or below (dir < 0) `bits` on the grid
 * described above, clamped to the slider's range. */
double app_step_fine(double bits, int dir);

/* The next / previous named precision within the slider's range, or NULL
 * when there is none. */
const qs_format *app_step_named(const app_state *s, double bits, int dir);

/* The baseline after `b`: see the cycle above. */
double app_next_baseline(double baseline, double bits);

/* The most context the current model takes: its max_ctx, or APP_CTX_CAP
 * for a bare size; and ctx clamped to APP_CTX_MIN .. that maximum. */
long app_ctx_max(const app_state *s);
long app_ctx_clamp(const app_state *s, long ctx);

/* Halves (dir < 0) or doubles (dir > 0) a context, clamped to
 * APP_CTX_MIN .. max. */
long app_ctx_step(long ctx, int dir, long max);

/* The KV cache type after kv_bits in the cycle f16 -> q8_0 -> q4_0 -> f16
 * (KV_BITS_*); any other value (e.g. q5_0 from the command line) gives f16. */
double app_next_kv(double kv_bits);

/* The named precision nearest to the current bits, for the slider's
 * highlight (never NULL). */
const qs_format *app_nearest(const app_state *s);

/* ---- the picker (app_pick.c) --------------------------------------------- */

/* Picker rows for the current filter: first a bare size when the filter
 * parses as one (parse_params), then every catalog model (the local ones
 * first, models_get's order) whose id, name or family contains the filter,
 * ignoring case; with pick_fits set, only the models whose verdict on the
 * selected device is not "no fit" (the bare size stays). */
size_t app_pick_count(const app_state *s);
int app_pick_get(const app_state *s, size_t i, app_pick_row *row);

/* Rows first .. first + max - 1 into rows (fewer past the end) in one walk
 * (with the fits-only filter each model's verdict is computed once: a
 * frame takes this, not a get per row); returns the rows filled, and sets
 * *count to app_pick_count() unless count is NULL. */
size_t app_pick_window(const app_state *s, size_t first, app_pick_row *rows, size_t max,
                       size_t *count);

/* The row's verdict on the selected device (query.devices[sel]) if it were
 * picked: a local model at its stored bytes, a catalog model or a bare
 * size at the current weights (a named format at its own bits, not its
 * exact size for that model: exact_fill per row is too costly; the
 * current model's row is the plan's own configuration), at the current
 * context (within the model's range), batch, KV cache type and overhead.
 * Returns 0 and sets *v, or -1 when there is no device or the row's
 * configuration cannot be evaluated. */
int app_pick_verdict(const app_state *s, const app_pick_row *row, fit_verdict *v);

/* The row index of model m (NULL: the bare size) for the current filter,
 * or -1 when it is not listed. */
long app_pick_index_of(const app_state *s, const qs_model *m);

/* The selected device's name, for the picker's title; NULL when none. */
const char *app_pick_device_name(const app_state *s);

/* ---- rigs, runtimes and devices (app_rigs.c) ----------------------------- */

/* A row of the device list: device `dev`'s own row (slot -1), or slot
 * `slot` of its split (a GPU, or a machine of a pipeline) when it is
 * open. */
typedef struct {
    size_t dev;
    int slot;
} app_row;

/* 1 when device i's row opens into sub-rows: a rig (plan.devices[i].rig)
 * or a split of more than one slot. */
int app_rig_expandable(const app_state *s, size_t i);

/* The rows of the device list in order, into out (at most max; out may be
 * NULL); returns how many there are in all. */
size_t app_rows(const app_state *s, app_row *out, size_t max);

/* Row k of the list into *out; 0, or -1 past the end. */
int app_row_get(const app_state *s, size_t k, app_row *out);

/* The first row shown when `visible` rows fit: the selected device's row in
 * view, and its sub-rows too where they fit. */
size_t app_rows_top(const app_state *s, int visible);

/* Opens or closes the selected device's sub-rows (a message when it has
 * none). */
void app_rig_toggle(app_state *s);

/* The query's runtime after `r` in the cycle auto -> each of runtime.h's
 * table in order -> auto. */
runtime_id app_runtime_next(runtime_id r);

/* Adds the target `spec` names, as --device takes it: a rig spec
 * (rig_is_spec: "2xrtx-3090", "rtx-4090+rtx-3090"), else a catalogued id
 * or a size ("24GiB"); its text is kept in a label buffer. Returns 0 and
 * selects it, or -1 with the reason in s->msg and the query unchanged
 * (unknown device, with the nearest ids; no GPU in a rig; QUERY_TARGETS_MAX
 * targets already). */
int app_device_add(app_state *s, const char *spec);

/* Removes the selected target (not one of this machine's rows). Returns 0,
 * or -1 with a message. */
int app_device_remove(app_state *s);

/* ---- the table overlay --------------------------------------------------- */

/* The number of named precisions the table lists, and the largest
 * table_top that still fills the visible rows. */
size_t app_table_rows(void);
size_t app_table_top_max(const app_state *s);

/* The table's orders (table_sort, s cycles them): the formats' own order
 * (descending bits), the need on the selected device ascending (the
 * cells of plan_table_cell; a row without a need goes last), the name
 * (ignoring case); ties keep the formats' order. */
typedef enum {
    APP_TABLE_SORT_BITS,
    APP_TABLE_SORT_NEED,
    APP_TABLE_SORT_NAME,
    APP_TABLE_SORT_COUNT
} app_table_sort_id;

/* ---- the table's order and selection (app_table.c) ----------------------- */

/* The sort in use (table_sort brought into range). */
app_table_sort_id app_table_sort_of(const app_state *s);

/* The device the need order reads: the selected one (sel), or the first. */
size_t app_table_sort_device(const app_state *s);

/* The sort's name for the screen ("by bits", "by need on RTX 4090", "by
 * name") into buf; returns buf. */
const char *app_table_sort_name(const app_state *s, char *buf, size_t size);

/* The format indices (formats_get) in the order shown, into order (at
 * least APP_TABLE_ROWS_MAX entries); returns app_table_rows(). The needs
 * are the open table's cells, or plan_table_cell's when it is closed. */
size_t app_table_order(const app_state *s, size_t *order);

/* The selected row's place in that order (0 when table_sel is not a row). */
size_t app_table_pos(const app_state *s);

/* The first place shown: table_top within 0 .. app_table_top_max(), moved
 * as little as it takes to keep the selected row in view. */
size_t app_table_first(const app_state *s);

#endif
