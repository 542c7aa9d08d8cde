/* prices.h - what a GPU-hour costs when the user gives no --gpu-price.
 *
 * Layer 1 (model): a compiled-in table (prices.c), one on-demand price per
 * device of the device table (by its id), each with its provider, the
 * date the source recorded it and the source itself
 * (shared/reference/devices-serving-2026.md section 2). Prices move: the
 * serving plan shows the row's provider and date beside every cost, and a
 * row whose date or figure is not first-hand is marked verified 0. */
#ifndef QS_PRICES_H
#define QS_PRICES_H

#include <stddef.h>

typedef struct {
    const char *device;        /* the device table's id: "h100-sxm" */
    double usd_per_hour;       /* on demand, per GPU */
    const char *provider;      /* "RunPod Secure Cloud" */
    const char *date;          /* when the source recorded it: "2026-09-25";
                                  "undated" where the source gives none */
    int verified;              /* 0: UNVERIFIED (undated, or a secondary source) */
    const char *source;
} price_row;

/* The price of the device whose id is `device` (exact, case-insensitive);
 * NULL when the table has none. */
const price_row *prices_find(const char *device);

/* The rows, for the listings and the tests. */
size_t prices_count(void);
const price_row *prices_get(size_t i);

#endif
