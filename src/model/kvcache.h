/* kvcache.h - the key/value cache of a transformer at a given context.
 *
 * Layer 1 (model): bytes = 2 (K and V) x layers x KV heads x head dim x
 * context x bytes per element x batch (shared/reference/notes.md, checked
 * against llama.cpp and ollama). Models with MLA or sliding windows follow
 * their own rule, or are flagged as an upper bound. */
#ifndef QS_KVCACHE_H
#define QS_KVCACHE_H

#include "model/models.h"

/* Bits per KV element of the selectable cache types (llama.cpp
 * --cache-type-k/v; block sizes from ggml-common.h). */
#define KV_BITS_F16 16.0
#define KV_BITS_Q8_0 8.5
#define KV_BITS_Q4_0 4.5

typedef struct {
    double gib;            /* the cache in GiB; MEMORY_ERROR on bad input */
    int upper_bound;       /* 1 when the figure over-counts (window not modelled) */
} kv_size;

/* The KV cache of model m for ctx tokens, kv_bits per element, batch
 * sequences. Invalid arguments give gib = MEMORY_ERROR. Plain
 * attention caches 2 x kv_heads x head_dim elements per token per layer;
 * MLA caches m->kv_latent (no factor 2); layers with a modelled sliding
 * window (m->window_layers of them) hold min(ctx, window) tokens; a window
 * that is not modelled sets upper_bound once ctx exceeds it. */
kv_size kvcache_size(const qs_model *m, long ctx, double kv_bits, int batch);

/* Bits per element for a cache type name ("f16", "q8_0", "q4_0", any case);
 * returns 0 on success, -1 for an unknown name. */
int kvcache_bits_from_name(const char *name, double *bits);

/* The canonical name of a cache type by its bits, or NULL. */
const char *kvcache_name_from_bits(double bits);

/* The selectable cache types, for listings and usage messages: their
 * number, and the i-th canonical name and bits (NULL / 0 out of range). */
size_t kvcache_type_count(void);
const char *kvcache_type_name(size_t i);
double kvcache_type_bits(size_t i);

#endif
