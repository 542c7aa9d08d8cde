/* report_list.h - the catalogs as text and JSON: model presets, devices
 * and named precisions (--list-models, --list-devices, --list-formats).
 *
 * Layer: cli. Each function writes one complete report to fp and
 * returns 0, or -1 when fp is NULL or a write failed (see out_finish).
 * Text is laid out for 80 columns; JSON numbers at full precision. */
#ifndef QS_REPORT_LIST_H
#define QS_REPORT_LIST_H

#include <stdio.h>

/* The model presets: id, name, parameters, active parameters, layers, KV
 * heads, head dimension, maximum context, f16 KV cache per token, attention. */
int report_list_models_text(FILE *fp);
int report_list_models_json(FILE *fp);

/* The device catalog: id, kind, capacity, GPU share, usable GiB, bandwidth,
 * name. apple_share (> 0) overrides the Apple GPU share, as in the fit. */
int report_list_devices_text(FILE *fp, double apple_share);
int report_list_devices_json(FILE *fp, double apple_share);

/* The named precisions: name, bits, nominal bits, family, perplexity
 * increase, quality note. */
int report_list_formats_text(FILE *fp);
int report_list_formats_json(FILE *fp);

#endif
