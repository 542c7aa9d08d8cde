/* wlayers.h - a model's weights and KV cache, layer by layer.
 *
 * Layer 1 (model): pure. Splitting a model over GPUs (split.h) and putting
 * experts in RAM need to know what each block holds: its weights apart
 * from the routed experts, the routed experts, and its share of the KV
 * cache; and what lies outside the blocks (the token embeddings, the
 * output layer and its norm). The figures come from the architecture's
 * tensor list (arch_expand) with the format's per-tensor bytes (llama.cpp's
 * rules for a GGUF type, the layout's for the others, the bits alone where
 * a format has no layout), then scaled so that they sum to exactly the
 * query's weight bytes (params x bits / 8: the lesson's formula, a file's
 * exact bytes when it is stored), so a split never adds or loses a byte.
 * ALLOCATES the tensor list for the time of wlayers_of. */
#ifndef QS_WLAYERS_H
#define QS_WLAYERS_H

#include "model/formats.h"
#include "model/kvarch.h"
#include "model/models.h"

/* Blocks the table holds: --layers' 1024 and the MTP blocks. */
#define WLAYERS_MAX 1040

typedef struct {
    int ok;                      /* 0: no architecture, or it could not be expanded */
    int blocks;                  /* blk.N count (trunk + MTP layers) */
    int trunk;                   /* trunk layers (the model's `layers`) */
    double embd_bytes;           /* token_embd (and position embeddings) */
    double output_bytes;         /* output.weight, output_norm and whatever else
                                    lies outside the blocks (rope_freqs) */
    double layer_bytes[WLAYERS_MAX];   /* block i without its routed experts
                                          (attention, norms, router, shared
                                          experts, dense MLP) */
    double expert_bytes[WLAYERS_MAX];  /* block i's routed experts (ffn_*_exps) */
    double expert_tensor_max;    /* the largest one routed-expert tensor (bytes) */
    int experts, experts_active; /* routed experts and experts per token; 0: dense */
    /* The KV cache of each block at the query's context, KV type and
     * batch, in bytes (MTP blocks: 0); sums to the need's KV cache. */
    double kv_bytes[WLAYERS_MAX];
    /* The model's shape as splitting needs it (arch.h). */
    int heads, kv_heads;
    int latent_kv;               /* 1: MLA, one latent per token shared by every
                                    head (tensor parallel cannot divide it); set
                                    by the caller from the arch (plan.c) */
    int64_t hidden, vocab, ffn_width;   /* ffn_width: the widest FFN a token
                                           runs through (dense ffn_dim, or
                                           active x expert_dim + shared) */
} wlayers;

/* The table for `shape` (the query's shape: a catalog model or the one a
 * size is shaped like; its arch is used) at format f (NULL: plain bits,
 * every tensor at `bits`), scaled to `total_bytes` of weights; the KV
 * cache per block from `kv` (the shape's profile) at ctx tokens, kv_bits
 * and batch, scaled to `kv_total_bytes`. Returns 0, or -1 (out->ok 0) when
 * shape is NULL, its arch cannot be expanded, it has more than WLAYERS_MAX
 * blocks, or a size is not positive and finite.
 *
 * The per-tensor figures before scaling follow f's layout as exact_bytes
 * does (layouts_weight_bytes_ctx): a GGUF layout by llama.cpp's types
 * (gguf_rules_apply with gguf_header_rules_ctx of the shape) and ggml
 * bytes, each tensor padded to GGUF_RULES_ALIGNMENT in its own block, so
 * at total_bytes = exact_bytes the scale is 1; a layout by
 * layouts_tensor_bytes (FP16/BF16/FP32 are the dense layout although their
 * rows name a GGUF type: every tensor at 16/32 bits); no layout, or f
 * NULL, elements x bits / 8. For EXL2/EXL3 `bits` is the rate (a rate out
 * of the row's range, or a shape a layout or the rules refuse, falls back
 * to the elements). Routed experts are the ffn_*_exps tensors with their
 * biases and scales (gpt-oss, Gemma 4); the router, shared experts and
 * everything else of a block are in layer_bytes; outside the blocks,
 * token_embd and position_embd are embd_bytes, the rest (token_embd_norm
 * included) output_bytes. The KV per trunk layer is its group's
 * (kvarch_profile_size of that group alone) over the group's layers; MTP
 * blocks and layers without a mixer hold 0, and every entry is 0 when kv
 * is NULL or not ok, kv_total_bytes is 0, or the profile cannot be sized
 * at ctx, kv_bits and batch. expert_tensor_max is after scaling;
 * ffn_width is the widest over the blocks (Gemma 4's MoE block adds the
 * dense MLP that runs beside its experts). */
int wlayers_of(const qs_model *shape, const qs_format *f, double bits, double total_bytes,
               const kvarch_profile *kv, long ctx, double kv_bits, int batch,
               double kv_total_bytes, wlayers *out);

/* Sums over blocks [first, first + n) of the three per-block arrays,
 * clamped to [0, blocks); 0 for a NULL or not ok table, or n <= 0. */
double wlayers_sum_layers(const wlayers *w, int first, int n);
double wlayers_sum_experts(const wlayers *w, int first, int n);
double wlayers_sum_kv(const wlayers *w, int first, int n);

#endif
