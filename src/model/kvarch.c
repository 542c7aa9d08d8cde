/* kvarch.c - the KV cache and recurrent state of an architecture, layer by
 * layer.
 *
 * Sources. Per-token width: ollama llm/memory.go (n_embd_head_k +
 * n_embd_head_v) x n_head_kv, llama.cpp llama-hparams.cpp n_embd_k_gqa /
 * n_embd_v_gqa (../shared/reference/notes.md "KV cache formula"). MLA:
 * kv_lora_rank + qk_rope_head_dim per token per layer, ik_llama.cpp PR #235
 * ("KV self size = 2196.00 MiB" for DeepSeek-V3 at 32768 tokens). Windowed
 * and chunked layers: llama.cpp puts both in the SWA half of
 * llama_kv_cache_iswa (Llama 4 sets swa_type LLAMA_SWA_TYPE_CHUNKED with
 * n_swa = the chunk), sized min(n_ctx, GGML_PAD(n_swa x n_seq + n_ubatch,
 * n_pad)) (src/llama-kv-cache-iswa.cpp). We count min(ctx, span) tokens:
 * what the attention needs; the n_ubatch slack and padding are runtime
 * settings left out (at most n_ubatch tokens per windowed layer more).
 * Recurrent state: llama.cpp n_embd_r (conv) and n_embd_s (state), in F32;
 * the element counts come from arch_layer_attention(). */
#include <stddef.h>
#include <string.h>

#include "model/kvarch.h"
#include "model/memory.h"
#include "model/parse.h"

/* Elements cached per token by one softmax layer: K and V rows of
 * kv_heads x head_dim each. */
static double kvarch_softmax_width(const arch_layer_attn *g)
{
    return (double)g->kv_heads * ((double)g->head_dim_k + (double)g->head_dim_v);
}

long kvarch_window_tokens(long span, long ctx)
{
    long cells;

    if (span <= 0 || span >= ctx)
        return ctx;
    cells = (span + KVARCH_UBATCH + KVARCH_SWA_PAD - 1) / KVARCH_SWA_PAD * KVARCH_SWA_PAD;
    return cells < ctx ? cells : ctx;
}

/* Bytes one layer holds for one sequence. */
static double kvarch_layer_bytes(const arch_layer_attn *g, long ctx, double elem_bytes)
{
    switch (g->kind) {
    case ARCH_ATTN_FULL:
        return kvarch_softmax_width(g) * (double)ctx * elem_bytes;
    case ARCH_ATTN_SWA:
    case ARCH_ATTN_CHUNKED:
        return kvarch_softmax_width(g) * (double)kvarch_window_tokens(g->span, ctx) * elem_bytes;
    case ARCH_ATTN_MLA:
        return (double)g->latent * (double)ctx * elem_bytes;
    case ARCH_ATTN_LINEAR:
    case ARCH_ATTN_SSM:
        return ((double)g->state + (double)g->conv_state) * KVARCH_STATE_BYTES;
    case ARCH_ATTN_NONE:
        break;
    }
    return 0.0;
}

double kvarch_size(const qs_arch *a, long ctx, double kv_bits, int batch,
                   kvarch_breakdown *out)
{
    kvarch_breakdown b;
    double elem_bytes, total = 0.0;
    int l;

    memset(&b, 0, sizeof b);
    if (out != NULL)
        *out = b;
    if (a == NULL || !arch_valid(a) || ctx < 1 || ctx > PARSE_CTX_MAX || batch < 1 ||
        !memory_is_positive(kv_bits) || kv_bits > PARSE_BITS_MAX)
        return MEMORY_ERROR;

    elem_bytes = kv_bits / MEMORY_BITS_PER_BYTE;
    for (l = 0; l < a->layers; l++) {
        arch_layer_attn g = arch_layer_attention(a, l);
        double bytes = kvarch_layer_bytes(&g, ctx, elem_bytes) * (double)batch;

        b.bytes[g.kind] += bytes;
        b.layers[g.kind]++;
        total += bytes;
        if (g.kind == ARCH_ATTN_FULL)
            b.per_token += kvarch_softmax_width(&g) * elem_bytes * (double)batch;
        else if (g.kind == ARCH_ATTN_MLA)
            b.per_token += (double)g.latent * elem_bytes * (double)batch;
    }
    b.bounded = b.bytes[ARCH_ATTN_SWA] + b.bytes[ARCH_ATTN_CHUNKED];
    b.fixed = b.bytes[ARCH_ATTN_LINEAR] + b.bytes[ARCH_ATTN_SSM];
    if (out != NULL)
        *out = b;
    return total;
}
