/* models.h - the catalog of model presets.
 *
 * Layer 1 (model): a compiled-in table, no I/O. Parameter counts are exact
 * (from each model's configuration), not the rounded name. */
#ifndef QS_MODELS_H
#define QS_MODELS_H

#include <stddef.h>

typedef struct {
    const char *id;        /* short name for the command line, e.g. "llama-3.1-8b" */
    const char *name;      /* display name, e.g. "Llama-3.1-8B" */
    double params;         /* total parameters, exact */
    double active_params;  /* parameters read per token (MoE); = params if dense */
    int layers;            /* transformer blocks */
    int kv_heads;          /* key/value heads (GQA) */
    int head_dim;          /* dimension of one head */
    long max_ctx;          /* maximum context in tokens */
    /* Added for the KV cache (issue 4); see kvcache.h for how they count. */
    int heads;             /* query heads (MHA when kv_heads == heads) */
    int kv_latent;         /* MLA: elements cached per token per layer, K and
                              V together (DeepSeek-V3: 512 + 64); 0 = plain */
    long window;           /* sliding attention window in tokens; 0 = none */
    int window_layers;     /* layers whose cache the figure caps at `window`;
                              0 with a window: not modelled, so the figure
                              is an upper bound beyond `window` tokens */
} qs_model;

/* Number of presets in the catalog. */
size_t models_count(void);

/* The i-th preset in catalog order, or NULL when out of range. */
const qs_model *models_get(size_t i);

/* The preset whose id or display name equals `name`, ignoring case; NULL if none. */
const qs_model *models_find(const char *name);

/* A short word for the attention: "MHA", "GQA", "MQA" or "MLA", with
 * "+SWA" when a sliding window applies (e.g. "GQA+SWA"). */
const char *models_attention(const qs_model *m);

/* Up to `max` presets whose ids are closest to `name` (ids containing it
 * first, then by edit distance, within a small distance); returns the count. */
size_t models_suggest(const char *name, const qs_model **out, size_t max);

#endif
