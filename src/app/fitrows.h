/* fitrows.h - the hardware-fit rows the front end shows.
 *
 * Layer 2 (app): pure, over the fit API (model/fit.h). This machine first
 * (the DEV_KIND_HOST device in the state), then the catalogued targets
 * laptop-8gb, laptop-16gb, rtx-4090, h100-sxm and h200. The need is the fit
 * API's default configuration for the state's model and bits: weights + KV
 * cache at FIT_DEFAULT_CTX tokens of f16 cache (presets only; a custom size
 * has no architecture, so weights only) + FIT_DEFAULT_OVERHEAD_GIB. */
#ifndef QS_FITROWS_H
#define QS_FITROWS_H

#include <stddef.h>

#include "app/app.h"
#include "model/fit.h"

/* Most rows fitrows_compute() writes. */
#define FITROWS_MAX 6

typedef struct {
    const char *name;          /* device display name */
    int known;                 /* 0 when the capacity is unknown (host RAM) */
    double need_gib;           /* total need */
    double usable_gib;         /* usable capacity */
    double share;              /* need / usable */
    fit_verdict verdict;
} fitrows_row;

/* The need of the state's configuration (its parts and total). */
fit_need fitrows_need(const app_state *s);

/* Fills up to max rows (host first); returns how many were written. */
size_t fitrows_compute(const app_state *s, fitrows_row *out, size_t max);

#endif
