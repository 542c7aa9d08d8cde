/* kvarch.h - the KV cache (and recurrent state) that follows an
 * architecture's layers.
 *
 * Layer 1 (model): pure arithmetic over a qs_arch (arch.h), no I/O. Each
 * layer's mixer, from arch_layer_attention(), decides what it keeps:
 *   - full attention: kv_heads x (head_dim_k + head_dim_v) elements per
 *     token of the whole context (K and V may differ in width);
 *   - sliding window / chunked: the same per token, for the cells
 *     llama.cpp gives such a layer: the window plus one micro-batch,
 *     padded to 256 cells, at most the context (kvarch_window_tokens);
 *   - MLA: the latent, kv_lora_rank + qk_rope_head_dim elements per token
 *     (one tensor, no factor 2), for the whole context;
 *   - linear attention (Gated DeltaNet) and Mamba2 SSM: a fixed recurrent
 *     state plus a convolution state per sequence, in F32, independent of
 *     the context and of the cache type;
 *   - no mixer: nothing.
 * The older per-model estimate for the catalog is kvcache.h. */
#ifndef QS_KVARCH_H
#define QS_KVARCH_H

#include "model/arch.h"

/* Bytes per element of a recurrent (linear-attention / SSM) state: llama.cpp
 * keeps r_l and s_l in GGML_TYPE_F32 whatever --cache-type-k/v says
 * (src/llama-model.cpp create_memory: recurrent_type_k / recurrent_type_v
 * = GGML_TYPE_F32). */
#define KVARCH_STATE_BYTES 4.0

/* llama.cpp sizes the cache of its window and chunked layers as
 * GGML_PAD(min(n_ctx, n_swa + n_ubatch), 256) cells (src/llama-kv-cache-
 * iswa.cpp: "the SWA cache is always padded to 256"), n_ubatch defaulting to
 * 512 (common/common.h n_ubatch). Ollama's corrected Gemma-4-26B-A4B figures
 * (ollama PR #16958: 0.40 GB at 4k ... 3.00 GB at 128k) match it. */
#define KVARCH_UBATCH 512L
#define KVARCH_SWA_PAD 256L

/* One slot per arch_attn_kind (ARCH_ATTN_FULL .. ARCH_ATTN_NONE). */
#define KVARCH_KINDS (ARCH_ATTN_NONE + 1)

typedef struct {
    double bytes[KVARCH_KINDS];  /* bytes held by the layers of each kind */
    int layers[KVARCH_KINDS];    /* how many layers are of each kind */
    double per_token;            /* bytes each further token adds: the full
                                    and MLA layers, times batch */
    double bounded;              /* SWA + chunked bytes (at most span tokens) */
    double fixed;                /* linear + SSM state bytes (no ctx term) */
} kvarch_breakdown;

/* The tokens a window or chunk layer of `span` holds per sequence at ctx:
 * min(ctx, span + KVARCH_UBATCH padded up to KVARCH_SWA_PAD); ctx when span
 * is 0 or not below it. */
long kvarch_window_tokens(long span, long ctx);

/* An architecture's cache reduced to its groups of layers, so that the
 * size at any context costs a few multiplications (a plan asks for it at
 * many contexts and precisions): the layers of one kind and span, their
 * elements per token summed (softmax: kv_heads x (head_dim_k + head_dim_v);
 * MLA: the latent) and their fixed state elements (linear, SSM). */
#define KVARCH_GROUPS_MAX 8

typedef struct {
    arch_attn_kind kind;
    long span;                   /* window / chunk; 0: the whole context */
    int layers;
    double width;                /* elements per token, all its layers */
    double state;                /* fixed elements, all its layers */
} kvarch_group;

typedef struct {
    int ok;                      /* 0: the arch is not valid */
    int n;
    kvarch_group g[KVARCH_GROUPS_MAX];
} kvarch_profile;

/* The profile of `a` (the trunk's layers; MTP blocks not counted). Returns
 * 0, or -1 (and p->ok 0) when the arch is not valid or has layers of more
 * kinds and spans than KVARCH_GROUPS_MAX. */
int kvarch_profile_of(const qs_arch *a, kvarch_profile *p);

/* The cache of a profile for ctx tokens, kv_bits bits per cached
 * K/V/latent element (KV_BITS_F16 and the others in kvcache.h), for batch
 * sequences. Returns the total in bytes and, when out is not NULL, fills
 * the breakdown (sum of bytes[] == the total). Returns MEMORY_ERROR (and a
 * zeroed breakdown) when the profile is not ok, ctx is outside
 * 1..PARSE_CTX_MAX, batch < 1, or kv_bits is not in (0, PARSE_BITS_MAX]. */
double kvarch_profile_size(const kvarch_profile *p, long ctx, double kv_bits, int batch,
                           kvarch_breakdown *out);

/* kvarch_profile_size of kvarch_profile_of(a): MEMORY_ERROR as above, or
 * when the arch is not valid (arch_valid). */
double kvarch_size(const qs_arch *a, long ctx, double kv_bits, int batch,
                   kvarch_breakdown *out);

#endif
