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
 * n_swa = the chunk), sized GGML_PAD(min(n_ctx, n_swa + n_ubatch), 256)
 * cells per sequence (src/llama-kv-cache-iswa.cpp), counted so here with
 * llama.cpp's default n_ubatch (kvarch_window_tokens).
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

/* The elements one layer of this mixer caches per token (softmax: K and V
 * rows; MLA: the latent), and its fixed state elements. */
static void kvarch_layer_elems(const arch_layer_attn *g, double *width, double *state)
{
    *width = *state = 0.0;
    switch (g->kind) {
    case ARCH_ATTN_FULL:
    case ARCH_ATTN_SWA:
    case ARCH_ATTN_CHUNKED:
        *width = kvarch_softmax_width(g);
        return;
    case ARCH_ATTN_MLA:
        *width = (double)g->latent;
        return;
    case ARCH_ATTN_LINEAR:
    case ARCH_ATTN_SSM:
        *state = (double)g->state + (double)g->conv_state;
        return;
    case ARCH_ATTN_NONE:
        return;
    }
}

int kvarch_profile_of(const qs_arch *a, kvarch_profile *p)
{
    int l, i;

    memset(p, 0, sizeof *p);
    if (a == NULL || !arch_valid(a))
        return -1;
    for (l = 0; l < a->layers; l++) {
        arch_layer_attn g = arch_layer_attention_valid(a, l);
        long span = g.kind == ARCH_ATTN_SWA || g.kind == ARCH_ATTN_CHUNKED ? g.span : 0;
        double width, state;

        for (i = 0; i < p->n && !(p->g[i].kind == g.kind && p->g[i].span == span); i++)
            ;
        if (i == p->n) {
            if (p->n == KVARCH_GROUPS_MAX) {
                memset(p, 0, sizeof *p);
                return -1;
            }
            p->g[p->n].kind = g.kind;
            p->g[p->n].span = span;
            p->n++;
        }
        kvarch_layer_elems(&g, &width, &state);
        p->g[i].layers++;
        p->g[i].width += width;
        p->g[i].state += state;
    }
    p->ok = 1;
    return 0;
}

double kvarch_profile_size(const kvarch_profile *p, long ctx, double kv_bits, int batch,
                           kvarch_breakdown *out)
{
    kvarch_breakdown b;
    double elem_bytes, total = 0.0;
    int i;

    memset(&b, 0, sizeof b);
    if (out != NULL)
        *out = b;
    if (p == NULL || !p->ok || ctx < 1 || ctx > PARSE_CTX_MAX || batch < 1 ||
        !memory_is_positive(kv_bits) || kv_bits > PARSE_BITS_MAX)
        return MEMORY_ERROR;
    elem_bytes = kv_bits / MEMORY_BITS_PER_BYTE;
    for (i = 0; i < p->n; i++) {
        const kvarch_group *g = &p->g[i];
        /* The state is F32 whatever the cache type; the rest per token. */
        double bytes = (g->width * (double)kvarch_window_tokens(g->span, ctx) * elem_bytes +
                        g->state * KVARCH_STATE_BYTES) * (double)batch;

        b.bytes[g->kind] += bytes;
        b.layers[g->kind] += g->layers;
        total += bytes;
        if (g->kind == ARCH_ATTN_FULL || g->kind == ARCH_ATTN_MLA)
            b.per_token += g->width * elem_bytes * (double)batch;
    }
    b.bounded = b.bytes[ARCH_ATTN_SWA] + b.bytes[ARCH_ATTN_CHUNKED];
    b.fixed = b.bytes[ARCH_ATTN_LINEAR] + b.bytes[ARCH_ATTN_SSM];
    if (out != NULL)
        *out = b;
    return total;
}

double kvarch_size(const qs_arch *a, long ctx, double kv_bits, int batch,
                   kvarch_breakdown *out)
{
    kvarch_profile p;

    if (kvarch_profile_of(a, &p) != 0) {
        if (out != NULL)
            memset(out, 0, sizeof *out);
        return MEMORY_ERROR;
    }
    return kvarch_profile_size(&p, ctx, kv_bits, batch, out);
}
