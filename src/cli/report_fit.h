/* report_fit.h - text and JSON reports of the hardware fit.
 *
 * Layer: cli. Each function writes one complete report to fp and
 * returns 0, or -1 on a write error (see out_finish) or an invalid
 * configuration (then nothing is written). Text is laid
 * out for 80 columns; JSON numbers are written at full precision. */
#ifndef QS_REPORT_FIT_H
#define QS_REPORT_FIT_H

#include <stddef.h>
#include <stdio.h>

#include "model/devices.h"
#include "model/fit.h"

/* The fit of configuration c (see fit.h): weights, KV cache, overhead and
 * total, then for each of the ndev devices its usable GiB, share, verdict,
 * headroom, partial-offload layers, best precision, largest context and
 * decode ceiling (an upper bound). model_label names the model (NULL: the
 * architecture's name, else "custom model"); apple_share (> 0) overrides
 * the Apple GPU share; ram_gib is host RAM for a partial offload (0: none). */
int report_fit_text(FILE *fp, const fit_config *c, const char *model_label,
                    const qs_device *const *devs, size_t ndev, double apple_share,
                    double ram_gib);
int report_fit_json(FILE *fp, const fit_config *c, const char *model_label,
                    const qs_device *const *devs, size_t ndev, double apple_share,
                    double ram_gib);

#endif
