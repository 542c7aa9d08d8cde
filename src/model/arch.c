/* arch.c - architecture descriptions: validation and the per-layer view
 * (which mixer and FFN a layer has, and its attention geometry). The
 * expansion into tensors is in arch_expand.c. */
#include <stddef.h>
#include <string.h>

#include "model/arch.h"

/* Bounds that keep every element count inside int64_t: a tensor dimension
 * is at most 2^20 (the largest real widths are vocabularies of 262144, Gemma
 * 3/4, and DeepSeek-V3's 128 x 256 = 32768 kv_b rows), a layer has at most
 * 2^11 experts (Kimi-K3: 896) and a model at most 2^9 blocks (Llama-3.1-405B:
 * 126). The worst case, three expert tensors of 2^11 x 2^40 in 2^9 layers,
 * is 3 x 2^60 < 2^63. */
#define ARCH_MAX_DIM (INT64_C(1) << 20)
#define ARCH_MAX_EXPERTS (1 << 11)
#define ARCH_MAX_BLOCKS (1 << 9)

/* A causal convolution of kernel k keeps the previous k - 1 inputs as state
 * (llama.cpp n_embd_r: (d_conv - 1) x conv channels). */
#define ARCH_CONV_STATE_LAG 1

static int is_mla(const qs_arch *a)
{
    return a->mla.kv_lora_rank > 0;
}

static int in_range(int64_t v, int64_t lo, int64_t hi)
{
    return v >= lo && v <= hi;
}

static int dim_ok(int64_t v)
{
    return in_range(v, 1, ARCH_MAX_DIM);
}

/* Layer l's mixer, for a description whose global fields are valid. */
static arch_attn_kind mixer_of(const qs_arch *a, int l)
{
    arch_attn_kind full = is_mla(a) ? ARCH_ATTN_MLA : ARCH_ATTN_FULL;

    if (l >= a->layers)
        return full;
    if (a->pattern != NULL) {
        if (a->pattern[l] == ARCH_PAT_MAMBA)
            return ARCH_ATTN_SSM;
        return a->pattern[l] == ARCH_PAT_ATTN ? full : ARCH_ATTN_NONE;
    }
    if (a->full_period > 0 && l % a->full_period == a->full_index)
        return full;
    return a->mixer == ARCH_ATTN_FULL ? full : a->mixer;
}

static arch_ffn_kind ffn_of(const qs_arch *a, int l)
{
    if (a->pattern != NULL && l < a->layers) {
        if (a->pattern[l] == ARCH_PAT_MOE)
            return ARCH_FFN_MOE;
        return a->pattern[l] == ARCH_PAT_MLP ? ARCH_FFN_DENSE : ARCH_FFN_NONE;
    }
    if (a->moe.experts == 0)
        return ARCH_FFN_DENSE;
    if (l >= a->layers)
        return ARCH_FFN_MOE;
    if (l < a->dense_first)
        return ARCH_FFN_DENSE;
    if (a->moe_step > 1 && (l + 1) % a->moe_step != 0)
        return ARCH_FFN_DENSE;
    return ARCH_FFN_MOE;
}

/* The geometry of a layer whose mixer is `kind` (fields assumed valid). */
static arch_layer_attn geometry(const qs_arch *a, arch_attn_kind kind)
{
    arch_layer_attn r;
    int64_t key_dim, value_dim, d_inner;

    memset(&r, 0, sizeof r);
    r.kind = kind;
    switch (kind) {
    case ARCH_ATTN_FULL:
    case ARCH_ATTN_SWA:
    case ARCH_ATTN_CHUNKED:
        r.heads = a->heads;
        r.kv_heads = a->kv_heads;
        if (a->head_dim_k > 0)
            r.head_dim_k = a->head_dim_k;
        else if (a->heads > 0)
            r.head_dim_k = (int)(a->hidden / a->heads);
        r.head_dim_v = a->head_dim_v > 0 ? a->head_dim_v : r.head_dim_k;
        if (kind == ARCH_ATTN_FULL) {
            if (a->full_kv_heads > 0)
                r.kv_heads = a->full_kv_heads;
            if (a->full_head_dim > 0)
                r.head_dim_k = r.head_dim_v = a->full_head_dim;
        } else {
            r.span = a->span;
        }
        break;
    case ARCH_ATTN_MLA:
        r.heads = r.kv_heads = a->heads;
        r.head_dim_k = a->mla.qk_nope_head_dim + a->mla.qk_rope_head_dim;
        r.head_dim_v = a->mla.v_head_dim;
        r.latent = (int64_t)a->mla.kv_lora_rank + a->mla.qk_rope_head_dim;
        break;
    case ARCH_ATTN_LINEAR:
        r.heads = a->linear.v_heads;
        r.kv_heads = a->linear.k_heads;
        r.head_dim_k = a->linear.k_head_dim;
        r.head_dim_v = a->linear.v_head_dim;
        key_dim = (int64_t)a->linear.k_heads * a->linear.k_head_dim;
        value_dim = (int64_t)a->linear.v_heads * a->linear.v_head_dim;
        /* One k_head_dim x v_head_dim matrix per value head. */
        r.state = (int64_t)a->linear.v_heads * a->linear.k_head_dim * a->linear.v_head_dim;
        r.conv_state = (int64_t)(a->linear.conv_kernel - ARCH_CONV_STATE_LAG) *
                       (ARCH_LINEAR_QK * key_dim + value_dim);
        break;
    case ARCH_ATTN_SSM:
        r.heads = a->ssm.heads;
        r.head_dim_k = r.head_dim_v = a->ssm.head_dim;
        d_inner = (int64_t)a->ssm.heads * a->ssm.head_dim;
        r.state = d_inner * a->ssm.state;
        r.conv_state = (int64_t)(a->ssm.conv_kernel - ARCH_CONV_STATE_LAG) *
                       (d_inner + (int64_t)ARCH_SSM_BC * a->ssm.groups * a->ssm.state);
        break;
    case ARCH_ATTN_NONE:
        break;
    }
    return r;
}

static int global_ok(const qs_arch *a)
{
    int i;

    if (!in_range(a->layers, 1, ARCH_MAX_BLOCKS) ||
        !in_range(a->nextn_layers, 0, ARCH_MAX_BLOCKS - a->layers) || !dim_ok(a->hidden) ||
        !dim_ok(a->vocab))
        return 0;
    if (!in_range(a->norms, ARCH_NORM_PRE, ARCH_NORM_SINGLE) ||
        !in_range(a->mixer, ARCH_ATTN_FULL, ARCH_ATTN_MLA))
        return 0;
    if (a->mixer == ARCH_ATTN_MLA && !is_mla(a))
        return 0;
    if (a->full_period < 0 || (a->full_period > 0 && !in_range(a->full_index, 0, a->full_period - 1)))
        return 0;
    if (a->dense_first < 0 || a->moe_step < 0 || a->full_kv_heads < 0 || a->full_head_dim < 0 ||
        a->head_dim_k < 0 || a->head_dim_v < 0 || a->vision_params < 0 ||
        !in_range(a->pos_embd, 0, ARCH_MAX_DIM))
        return 0;
    /* The block norms after the mixer and the FFN replace the pre-norms. */
    if (a->norms_after && a->norms != ARCH_NORM_PRE)
        return 0;
    /* rope_freqs is sized from the softmax head (head_dim / 2). */
    if (a->rope_freqs && (!dim_ok(a->heads) || (a->head_dim_k == 0 && a->hidden % a->heads != 0) ||
                          (a->head_dim_k > 0 ? a->head_dim_k : a->hidden / a->heads) < ARCH_ROPE_PAIR))
        return 0;
    if (a->pattern != NULL) {
        /* Nemotron-H's MTP is two sub-blocks of its own pattern: not modelled. */
        if (a->nextn_layers > 0)
            return 0;
        for (i = 0; i < a->layers; i++) {
            char c = a->pattern[i];

            if (c != ARCH_PAT_MAMBA && c != ARCH_PAT_ATTN && c != ARCH_PAT_MOE && c != ARCH_PAT_MLP)
                return 0;   /* also stops at a NUL before `layers` characters */
        }
        if (a->pattern[a->layers] != '\0')
            return 0;
    }
    return 1;
}

static int softmax_ok(const qs_arch *a, const arch_layer_attn *g)
{
    if (!dim_ok(a->heads) || !dim_ok(g->kv_heads))
        return 0;
    if (a->head_dim_k == 0 && a->hidden % a->heads != 0)
        return 0;
    if (!dim_ok(g->head_dim_k) || !dim_ok(g->head_dim_v))
        return 0;
    /* V read from K needs V's width to be K's. */
    if (a->full_k_eq_v && g->kind == ARCH_ATTN_FULL && g->head_dim_v != g->head_dim_k)
        return 0;
    /* q may be twice as wide with an output gate. */
    if (!dim_ok((int64_t)g->heads * g->head_dim_k * (a->q_gate ? ARCH_Q_GATE_WIDTH : 1)) ||
        !dim_ok((int64_t)g->kv_heads * g->head_dim_k) || !dim_ok((int64_t)g->heads * g->head_dim_v))
        return 0;
    /* A fused attn_qkv has the rows of all three. */
    if (a->fused_qkv && !dim_ok((int64_t)g->heads * g->head_dim_k +
                                (int64_t)g->kv_heads * (g->head_dim_k + g->head_dim_v)))
        return 0;
    return g->kind == ARCH_ATTN_FULL || g->span > 0;
}

static int mla_ok(const qs_arch *a)
{
    const arch_mla *m = &a->mla;

    if (!dim_ok(a->heads) || !dim_ok(m->kv_lora_rank) || !dim_ok(m->qk_nope_head_dim) ||
        !dim_ok(m->qk_rope_head_dim) || !dim_ok(m->v_head_dim) ||
        !in_range(m->q_lora_rank, 0, ARCH_MAX_DIM))
        return 0;
    /* The indexer's query comes from the q down-projection. */
    if (m->index_heads != 0 || m->index_head_dim != 0) {
        if (m->q_lora_rank == 0 || !dim_ok(m->index_heads) || !dim_ok(m->index_head_dim) ||
            !dim_ok((int64_t)m->index_heads * m->index_head_dim))
            return 0;
    }
    return dim_ok((int64_t)a->heads * (m->qk_nope_head_dim + m->qk_rope_head_dim)) &&
           dim_ok((int64_t)a->heads * (m->qk_nope_head_dim + m->v_head_dim)) &&
           dim_ok((int64_t)m->kv_lora_rank + m->qk_rope_head_dim);
}

static int linear_ok(const qs_arch *a)
{
    const arch_linear *n = &a->linear;
    int64_t key_dim = (int64_t)n->k_heads * n->k_head_dim;
    int64_t value_dim = (int64_t)n->v_heads * n->v_head_dim;

    if (!dim_ok(n->k_heads) || !dim_ok(n->v_heads) || !dim_ok(n->k_head_dim) ||
        !dim_ok(n->v_head_dim) || !dim_ok(n->conv_kernel))
        return 0;
    /* The widest projection is the fused q, k, v and z: 2 key + 2 value widths. */
    return dim_ok(ARCH_LINEAR_QK * (key_dim + value_dim));
}

static int ssm_ok(const qs_arch *a)
{
    const arch_ssm *s = &a->ssm;
    int64_t d_inner = (int64_t)s->heads * s->head_dim;

    if (!dim_ok(s->heads) || !dim_ok(s->head_dim) || !dim_ok(s->groups) || !dim_ok(s->state) ||
        !dim_ok(s->conv_kernel) || d_inner % s->groups != 0)
        return 0;
    /* ssm_in's rows: z and x (d_inner each), B and C, one dt per head. */
    return dim_ok(ARCH_SSM_ZX * d_inner + (int64_t)ARCH_SSM_BC * s->groups * s->state + s->heads);
}

static int ffn_ok(const qs_arch *a, arch_ffn_kind f)
{
    const arch_moe *m = &a->moe;

    if (f == ARCH_FFN_DENSE)
        return dim_ok(a->ffn_dim);
    if (f == ARCH_FFN_NONE)
        return 1;
    if (!in_range(m->experts, 1, ARCH_MAX_EXPERTS) || !in_range(m->active, 1, m->experts) ||
        !dim_ok(m->expert_dim) || !in_range(m->shared, 0, ARCH_MAX_EXPERTS) ||
        !in_range(m->shared_dim, 0, ARCH_MAX_DIM) || !in_range(m->latent, 0, ARCH_MAX_DIM))
        return 0;
    /* The dense MLP beside the experts needs its width. */
    if (m->dense_parallel && !dim_ok(a->ffn_dim))
        return 0;
    return m->shared == 0 || m->shared_dim > 0 || dim_ok(m->shared * m->expert_dim);
}

int arch_valid(const qs_arch *a)
{
    int l, n;

    if (a == NULL || !global_ok(a))
        return 0;
    n = a->layers + a->nextn_layers;
    for (l = 0; l < n; l++) {
        arch_attn_kind kind = mixer_of(a, l);
        arch_layer_attn g;
        int ok = 1;

        /* geometry() multiplies fields, so only softmax layers (which it
         * merely selects for) see it before their fields are checked. */
        switch (kind) {
        case ARCH_ATTN_FULL:
        case ARCH_ATTN_SWA:
        case ARCH_ATTN_CHUNKED:
            g = geometry(a, kind);
            ok = softmax_ok(a, &g);
            break;
        case ARCH_ATTN_MLA:
            ok = mla_ok(a);
            break;
        case ARCH_ATTN_LINEAR:
            ok = linear_ok(a);
            break;
        case ARCH_ATTN_SSM:
            ok = ssm_ok(a);
            break;
        case ARCH_ATTN_NONE:
            break;
        }
        if (!ok || !ffn_ok(a, ffn_of(a, l)))
            return 0;
    }
    return 1;
}

int arch_block_count(const qs_arch *a)
{
    return arch_valid(a) ? a->layers + a->nextn_layers : 0;
}

arch_layer_attn arch_layer_attention_valid(const qs_arch *a, int layer)
{
    if (layer < 0 || layer >= a->layers + a->nextn_layers)
        return geometry(a, ARCH_ATTN_NONE);
    return geometry(a, mixer_of(a, layer));
}

arch_ffn_kind arch_layer_ffn_valid(const qs_arch *a, int layer)
{
    if (layer < 0 || layer >= a->layers + a->nextn_layers)
        return ARCH_FFN_NONE;
    return ffn_of(a, layer);
}

arch_layer_attn arch_layer_attention(const qs_arch *a, int layer)
{
    if (layer < 0 || layer >= arch_block_count(a))
        return geometry(a, ARCH_ATTN_NONE);
    return geometry(a, mixer_of(a, layer));
}

arch_ffn_kind arch_layer_ffn(const qs_arch *a, int layer)
{
    if (layer < 0 || layer >= arch_block_count(a))
        return ARCH_FFN_NONE;
    return ffn_of(a, layer);
}
