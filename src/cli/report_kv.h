/* report_kv.h - the KV cache in the reports: its working, layer kind by
 * layer kind (kvarch.h), in text and JSON. */
#ifndef QS_REPORT_KV_H
#define QS_REPORT_KV_H

#include <stdio.h>

#include "cli/json.h"
#include "model/fit.h"

/* The KV cache line(s) of the need: the figure at `label_width`, then the
 * working; a model with layers of several kinds gets one line per kind.
 * Nothing when the cache is unknown. */
void report_kv_text(FILE *fp, const fit_config *c, const fit_need *n, int work_col);

/* "kv_cache_layers": one object per layer kind present (kind, layers,
 * tokens each holds or null for a fixed state, bytes, gib); null when the
 * cache is unknown. */
void report_kv_json(json_writer *w, const fit_config *c, const fit_need *n);

/* The word for a layer kind: "full", "swa", "chunked", "linear", "ssm",
 * "mla", "none". */
const char *report_kv_kind(arch_attn_kind k);

#endif
