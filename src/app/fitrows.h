/* fitrows.h - the hardware-fit rows, details and table the front end shows.
 *
 * Layer 2 (app): pure, over the fit API (model/fit.h). The devices are the
 * state's (app_device(): this machine first, then the targets). The need is
 * the fit API's default configuration for the state's model and bits with
 * the state's context (app_ctx()), KV cache type and overhead: weights + KV
 * cache (presets only; a custom size has no architecture, so weights only)
 * + overhead. Partial offload counts this machine's RAM as the spill-over
 * for a GPU (not for this machine itself). */
#ifndef QS_FITROWS_H
#define QS_FITROWS_H

#include <stddef.h>

#include "app/app.h"
#include "model/fit.h"

/* Most rows fitrows_compute() writes. */
#define FITROWS_MAX APP_DEVICES_MAX
/* Header text of a table column: two lines of at most this many bytes. */
#define FITROWS_HEAD_MAX 32

typedef struct {
    const char *name;          /* device display name */
    const qs_device *device;
    int known;                 /* 0 when the capacity is unknown (host RAM) */
    double need_gib;           /* total need */
    double usable_gib;         /* usable capacity */
    double share;              /* need / usable */
    double headroom_gib;       /* usable - need (negative: short by that much) */
    fit_verdict verdict;
    int gpu_layers;            /* partial offload: layers on the GPU; -1 n/a */
    int layers;                /* the model's layers (0 for a custom size) */
} fitrows_row;

/* The details of one device: the inverse answers and the speed ceiling. */
typedef struct {
    fitrows_row row;
    const qs_format *best;     /* highest named precision that fits (not
                                  "no fit"); NULL when none does */
    long max_ctx;              /* largest context at the current bits that
                                  fits; 0 none, -1 unknown (custom size) */
    long model_max_ctx;        /* the model's maximum (0 for a custom size) */
    double tok_s;              /* decode ceiling (upper bound) in tokens/s;
                                  0 when unknown or when it does not fit */
} fitrows_detail;

/* A table cell: a named precision on a device. */
typedef struct {
    double need_gib;           /* total need at the format's bits */
    double share;
    fit_verdict verdict;
    int ok;                    /* 0 when the configuration is invalid */
} fitrows_cell;

/* The fit configuration of the state (at its bits). */
fit_config fitrows_config(const app_state *s);

/* The need of the state's configuration (its parts and total). */
fit_need fitrows_need(const app_state *s);

/* Fills up to max rows (host first); returns how many were written. */
size_t fitrows_compute(const app_state *s, fitrows_row *out, size_t max);

/* The details of device i (app_device()); returns 0, -1 when i is out of
 * range or the configuration invalid. */
int fitrows_detail_of(const app_state *s, size_t i, fitrows_detail *out);

/* The need and verdict of the named precision f on device i. */
fitrows_cell fitrows_table_cell(const app_state *s, const qs_format *f, size_t i);

/* "fits", "tight" or "NO": the table's short verdicts. */
const char *fitrows_short_verdict(fit_verdict v);

/* A device name as a two-line column header of at most `width` columns per
 * line (ASCII names: bytes), broken at spaces: "this machine (RAM)" at 8 ->
 * "this" / "machine"; a word longer than width is cut. line1 and line2 hold
 * FITROWS_HEAD_MAX bytes each. */
void fitrows_header(const char *name, int width, char *line1, char *line2);

#endif
