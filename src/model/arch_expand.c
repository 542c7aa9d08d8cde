/* arch_expand.c - an architecture's tensor list: GGUF names and ggml shapes
 * (ne[0] = the input dimension), as llama.cpp's converter writes them and
 * its loader expects them (src/llama-arch.cpp names; load_arch_tensors in
 * src/models/<arch>.cpp for shapes). One emitter both counts and, given a
 * list, stores, so arch_param_count needs no buffer. */
#include <stdio.h>

#include "model/arch.h"

typedef struct {
    tensor_list *out;      /* NULL: count only */
    size_t count;
    int64_t params;
    int full;              /* a tensor did not fit in `out` */
} emitter;

static void emit(emitter *e, const char *name, tensor_role role, int layer, int n_dims,
                 int64_t ne0, int64_t ne1, int64_t ne2)
{
    e->count++;
    e->params += ne0 * (n_dims > 1 ? ne1 : 1) * (n_dims > 2 ? ne2 : 1);
    if (e->out != NULL && tensors_add(e->out, name, role, layer, n_dims, ne0, ne1, ne2) != 0)
        e->full = 1;
}

/* blk.<layer>.<suffix>, 1-, 2- or 3-D. */
static void blk(emitter *e, int layer, const char *suffix, tensor_role role, int n_dims,
                int64_t ne0, int64_t ne1, int64_t ne2)
{
    char name[TENSORS_NAME_MAX];

    (void)snprintf(name, sizeof name, "blk.%d.%s", layer, suffix);
    emit(e, name, role, layer, n_dims, ne0, ne1, ne2);
}

static void blk1(emitter *e, int layer, const char *suffix, tensor_role role, int64_t ne0)
{
    blk(e, layer, suffix, role, 1, ne0, 1, 1);
}

static void blk2(emitter *e, int layer, const char *suffix, tensor_role role, int64_t ne0,
                 int64_t ne1)
{
    blk(e, layer, suffix, role, 2, ne0, ne1, 1);
}

/* A norm of `n` elements, `base` + ".weight" and, for a LayerNorm with
 * norm_bias, ".bias"; layer -1 for the global ones (output_norm). */
static void emit_norm(emitter *e, const qs_arch *a, int layer, const char *base, int64_t n)
{
    char name[TENSORS_NAME_MAX];

    if (layer >= 0)
        (void)snprintf(name, sizeof name, "blk.%d.%s.weight", layer, base);
    else
        (void)snprintf(name, sizeof name, "%s.weight", base);
    emit(e, name, TENSOR_NORM, layer, 1, n, 1, 1);
    if (!a->norm_bias)
        return;
    if (layer >= 0)
        (void)snprintf(name, sizeof name, "blk.%d.%s.bias", layer, base);
    else
        (void)snprintf(name, sizeof name, "%s.bias", base);
    emit(e, name, TENSOR_BIAS, layer, 1, n, 1, 1);
}

/* Softmax attention: full, sliding window or chunked. Fused (GPT-2,
 * BLOOM, Falcon): one attn_qkv of q, k and v rows; a full layer of Gemma 4
 * (full_k_eq_v) has no attn_v. */
static void emit_softmax(emitter *e, const qs_arch *a, int l, const arch_layer_attn *g)
{
    int64_t h = a->hidden;
    int64_t q = (int64_t)g->heads * g->head_dim_k;
    int64_t q_rows = a->q_gate ? q * ARCH_Q_GATE_WIDTH : q;
    int64_t k = (int64_t)g->kv_heads * g->head_dim_k;
    int64_t v = (int64_t)g->kv_heads * g->head_dim_v;
    int has_v = !(a->full_k_eq_v && g->kind == ARCH_ATTN_FULL);
    int all = a->qk_norm_full;

    if (a->fused_qkv) {
        blk2(e, l, "attn_qkv.weight", TENSOR_ATTN_QKV, h, q_rows + k + v);
    } else {
        blk2(e, l, "attn_q.weight", TENSOR_ATTN_Q, h, q_rows);
        blk2(e, l, "attn_k.weight", TENSOR_ATTN_K, h, k);
        if (has_v)
            blk2(e, l, "attn_v.weight", TENSOR_ATTN_V, h, v);
    }
    blk2(e, l, "attn_output.weight", TENSOR_ATTN_OUTPUT, (int64_t)g->heads * g->head_dim_v, h);
    if (a->qkv_bias && a->fused_qkv) {
        blk1(e, l, "attn_qkv.bias", TENSOR_BIAS, q_rows + k + v);
    } else if (a->qkv_bias) {
        blk1(e, l, "attn_q.bias", TENSOR_BIAS, q_rows);
        blk1(e, l, "attn_k.bias", TENSOR_BIAS, k);
        if (has_v)
            blk1(e, l, "attn_v.bias", TENSOR_BIAS, v);
    }
    if (a->out_bias)
        blk1(e, l, "attn_output.bias", TENSOR_BIAS, h);
    if (a->qk_norm || all) {
        blk1(e, l, "attn_q_norm.weight", TENSOR_NORM, all ? q : g->head_dim_k);
        blk1(e, l, "attn_k_norm.weight", TENSOR_NORM, all ? k : g->head_dim_k);
    }
    if (a->sinks)
        blk1(e, l, "attn_sinks.weight", TENSOR_ATTN_SINKS, g->heads);
}

/* Multi-head latent attention (llama.cpp deepseek2). The split attn_k_b /
 * attn_v_b are per-head 3-D tensors; llama-quant.cpp gives them no category
 * of their own, hence TENSOR_OTHER (the fused attn_kv_b is in the attn_v class). */
static void emit_mla(emitter *e, const qs_arch *a, int l)
{
    const arch_mla *m = &a->mla;
    int64_t h = a->hidden;
    int64_t n = a->heads;
    int64_t qk = (int64_t)m->qk_nope_head_dim + m->qk_rope_head_dim;

    if (m->q_lora_rank > 0) {
        blk2(e, l, "attn_q_a.weight", TENSOR_ATTN_Q_A, h, m->q_lora_rank);
        blk1(e, l, "attn_q_a_norm.weight", TENSOR_NORM, m->q_lora_rank);
        blk2(e, l, "attn_q_b.weight", TENSOR_ATTN_Q_B, m->q_lora_rank, n * qk);
    } else {
        blk2(e, l, "attn_q.weight", TENSOR_ATTN_Q, h, n * qk);
    }
    blk2(e, l, "attn_kv_a_mqa.weight", TENSOR_ATTN_KV_A, h,
         (int64_t)m->kv_lora_rank + m->qk_rope_head_dim);
    blk1(e, l, "attn_kv_a_norm.weight", TENSOR_NORM, m->kv_lora_rank);
    if (m->fused_kv_b) {
        blk2(e, l, "attn_kv_b.weight", TENSOR_ATTN_KV_B, m->kv_lora_rank,
             n * ((int64_t)m->qk_nope_head_dim + m->v_head_dim));
    } else {
        blk(e, l, "attn_k_b.weight", TENSOR_OTHER, 3, m->qk_nope_head_dim, m->kv_lora_rank, n);
        blk(e, l, "attn_v_b.weight", TENSOR_OTHER, 3, m->kv_lora_rank, m->v_head_dim, n);
    }
    blk2(e, l, "attn_output.weight", TENSOR_ATTN_OUTPUT, n * m->v_head_dim, h);
    if (m->index_heads > 0) {
        /* The lightning indexer (DeepSeek-V3.2): its own query from the q
         * latent, one shared key head with a LayerNorm, a weight per head. */
        blk2(e, l, "indexer.attn_q_b.weight", TENSOR_OTHER, m->q_lora_rank,
             (int64_t)m->index_heads * m->index_head_dim);
        blk2(e, l, "indexer.attn_k.weight", TENSOR_OTHER, h, m->index_head_dim);
        blk1(e, l, "indexer.k_norm.weight", TENSOR_NORM, m->index_head_dim);
        blk1(e, l, "indexer.k_norm.bias", TENSOR_BIAS, m->index_head_dim);
        blk2(e, l, "indexer.proj.weight", TENSOR_OTHER, h, m->index_heads);
    }
}

/* Gated DeltaNet (llama.cpp qwen3next). */
static void emit_linear(emitter *e, const qs_arch *a, int l)
{
    const arch_linear *n = &a->linear;
    int64_t h = a->hidden;
    int64_t key_dim = (int64_t)n->k_heads * n->k_head_dim;
    int64_t value_dim = (int64_t)n->v_heads * n->v_head_dim;
    int64_t conv = ARCH_LINEAR_QK * key_dim + value_dim;

    if (n->split_qkv) {
        blk2(e, l, "attn_qkv.weight", TENSOR_ATTN_QKV, h, conv);
        blk2(e, l, "attn_gate.weight", TENSOR_OTHER, h, value_dim);
    } else {
        blk2(e, l, "ssm_in.weight", TENSOR_SSM_IN, h, conv + value_dim);
    }
    blk2(e, l, "ssm_conv1d.weight", TENSOR_SSM_CONV1D, n->conv_kernel, conv);
    blk1(e, l, "ssm_dt.bias", TENSOR_SSM_OTHER, n->v_heads);
    blk1(e, l, "ssm_a", TENSOR_SSM_OTHER, n->v_heads);
    blk2(e, l, "ssm_beta_alpha.weight", TENSOR_SSM_OTHER, h, (int64_t)ARCH_LINEAR_BA * n->v_heads);
    blk1(e, l, "ssm_norm.weight", TENSOR_NORM, n->v_head_dim);
    blk2(e, l, "ssm_out.weight", TENSOR_SSM_OUT, value_dim, h);
}

/* Mamba2 (llama.cpp nemotron_h). */
static void emit_ssm(emitter *e, const qs_arch *a, int l)
{
    const arch_ssm *s = &a->ssm;
    int64_t h = a->hidden;
    int64_t d_inner = (int64_t)s->heads * s->head_dim;
    int64_t bc = (int64_t)ARCH_SSM_BC * s->groups * s->state;
    int64_t conv = d_inner + bc;

    blk2(e, l, "ssm_in.weight", TENSOR_SSM_IN, h, ARCH_SSM_ZX * d_inner + bc + s->heads);
    blk2(e, l, "ssm_conv1d.weight", TENSOR_SSM_CONV1D, s->conv_kernel, conv);
    if (s->conv_bias)
        blk1(e, l, "ssm_conv1d.bias", TENSOR_BIAS, conv);
    blk1(e, l, "ssm_dt.bias", TENSOR_SSM_OTHER, s->heads);
    blk2(e, l, "ssm_a", TENSOR_SSM_OTHER, 1, s->heads);
    blk2(e, l, "ssm_d", TENSOR_SSM_OTHER, 1, s->heads);
    blk2(e, l, "ssm_norm.weight", TENSOR_NORM, d_inner / s->groups, s->groups);
    blk2(e, l, "ssm_out.weight", TENSOR_SSM_OUT, d_inner, h);
}

static void emit_dense(emitter *e, const qs_arch *a, int l)
{
    if (!a->ffn_ungated)
        blk2(e, l, "ffn_gate.weight", TENSOR_FFN_GATE, a->hidden, a->ffn_dim);
    blk2(e, l, "ffn_up.weight", TENSOR_FFN_UP, a->hidden, a->ffn_dim);
    blk2(e, l, "ffn_down.weight", TENSOR_FFN_DOWN, a->ffn_dim, a->hidden);
    if (!a->ffn_bias)
        return;
    if (!a->ffn_ungated)
        blk1(e, l, "ffn_gate.bias", TENSOR_BIAS, a->ffn_dim);
    blk1(e, l, "ffn_up.bias", TENSOR_BIAS, a->ffn_dim);
    blk1(e, l, "ffn_down.bias", TENSOR_BIAS, a->hidden);
}

/* Gemma 4's MoE block: the dense MLP beside the experts, its extra norms
 * and the router's and experts' scales (llama.cpp gemma4 load_arch_tensors). */
static void emit_moe_dense_parallel(emitter *e, const qs_arch *a, int l)
{
    int64_t h = a->hidden;

    emit_dense(e, a, l);
    emit_norm(e, a, l, "pre_ffw_norm_2", h);
    emit_norm(e, a, l, "post_ffw_norm_1", h);
    emit_norm(e, a, l, "post_ffw_norm_2", h);
    blk1(e, l, "ffn_gate_inp.scale", TENSOR_OTHER, h);
    blk1(e, l, "ffn_down_exps.scale", TENSOR_OTHER, a->moe.experts);
}

static void emit_moe(emitter *e, const qs_arch *a, int l)
{
    const arch_moe *m = &a->moe;
    int64_t h = a->hidden;
    int64_t f = m->expert_dim;
    int64_t n = m->experts;
    int64_t fs = m->shared_dim > 0 ? m->shared_dim : m->shared * f;
    /* The width the routed experts read and write (LatentMoE: the latent). */
    int64_t x = m->latent > 0 ? m->latent : h;

    if (m->dense_parallel)
        emit_moe_dense_parallel(e, a, l);
    blk2(e, l, "ffn_gate_inp.weight", TENSOR_FFN_GATE_INP, h, n);
    if (m->router_bias)
        blk1(e, l, "ffn_gate_inp.bias", TENSOR_BIAS, n);
    if (m->score_bias)
        blk1(e, l, "exp_probs_b.bias", TENSOR_BIAS, n);
    if (m->latent > 0) {
        blk2(e, l, "ffn_latent_down.weight", TENSOR_OTHER, h, x);
        blk2(e, l, "ffn_latent_up.weight", TENSOR_OTHER, x, h);
    }
    if (!a->ffn_ungated)
        blk(e, l, "ffn_gate_exps.weight", TENSOR_FFN_GATE_EXPS, 3, x, f, n);
    blk(e, l, "ffn_up_exps.weight", TENSOR_FFN_UP_EXPS, 3, x, f, n);
    blk(e, l, "ffn_down_exps.weight", TENSOR_FFN_DOWN_EXPS, 3, f, x, n);
    if (m->expert_bias) {
        if (!a->ffn_ungated)
            blk2(e, l, "ffn_gate_exps.bias", TENSOR_BIAS, f, n);
        blk2(e, l, "ffn_up_exps.bias", TENSOR_BIAS, f, n);
        blk2(e, l, "ffn_down_exps.bias", TENSOR_BIAS, x, n);
    }
    if (m->shared == 0)
        return;
    if (m->shared_gate)
        blk1(e, l, "ffn_gate_inp_shexp.weight", TENSOR_OTHER, h);
    if (!a->ffn_ungated)
        blk2(e, l, "ffn_gate_shexp.weight", TENSOR_FFN_GATE_SHEXP, h, fs);
    blk2(e, l, "ffn_up_shexp.weight", TENSOR_FFN_UP_SHEXP, h, fs);
    blk2(e, l, "ffn_down_shexp.weight", TENSOR_FFN_DOWN_SHEXP, fs, h);
}

/* The extra tensors of an MTP block (llama.cpp LLM_TENSOR_NEXTN_*). The
 * embed and head copies are not token_embd/output for the quantizer (it
 * matches those by exact name), hence TENSOR_OTHER. */
static void emit_nextn(emitter *e, const qs_arch *a, int l)
{
    int64_t h = a->hidden;

    blk2(e, l, "nextn.eh_proj.weight", TENSOR_OTHER, ARCH_NEXTN_EH_IN * h, h);
    blk1(e, l, "nextn.enorm.weight", TENSOR_NORM, h);
    blk1(e, l, "nextn.hnorm.weight", TENSOR_NORM, h);
    blk1(e, l, "nextn.shared_head_norm.weight", TENSOR_NORM, h);
    if (a->nextn_own_head) {
        blk2(e, l, "nextn.embed_tokens.weight", TENSOR_OTHER, h, a->vocab);
        blk2(e, l, "nextn.shared_head_head.weight", TENSOR_OTHER, h, a->vocab);
    }
}

static void emit_layer(emitter *e, const qs_arch *a, int l)
{
    arch_layer_attn g = arch_layer_attention_valid(a, l);
    arch_ffn_kind f = arch_layer_ffn_valid(a, l);
    int64_t h = a->hidden;

    if (!a->norms_after)
        emit_norm(e, a, l, "attn_norm", h);
    if (a->attn_norm_2)
        emit_norm(e, a, l, "attn_norm_2", h);
    switch (g.kind) {
    case ARCH_ATTN_FULL:
    case ARCH_ATTN_SWA:
    case ARCH_ATTN_CHUNKED:
        emit_softmax(e, a, l, &g);
        break;
    case ARCH_ATTN_MLA:
        emit_mla(e, a, l);
        break;
    case ARCH_ATTN_LINEAR:
        emit_linear(e, a, l);
        break;
    case ARCH_ATTN_SSM:
        emit_ssm(e, a, l);
        break;
    case ARCH_ATTN_NONE:
        break;
    }
    if (a->norms == ARCH_NORM_SANDWICH || a->norms_after)
        emit_norm(e, a, l, "post_attention_norm", h);
    if (f != ARCH_FFN_NONE) {
        if ((a->norms == ARCH_NORM_PRE && !a->norms_after) || a->norms == ARCH_NORM_SANDWICH)
            emit_norm(e, a, l, "ffn_norm", h);
        else if (a->norms == ARCH_NORM_PRE_POST)
            emit_norm(e, a, l, "post_attention_norm", h);
        if (f == ARCH_FFN_MOE)
            emit_moe(e, a, l);
        else
            emit_dense(e, a, l);
        if (a->norms == ARCH_NORM_SANDWICH || a->norms_after)
            emit_norm(e, a, l, "post_ffw_norm", h);
    }
    if (a->layer_scale)
        blk1(e, l, "layer_output_scale.weight", TENSOR_OTHER, 1);
    if (l >= a->layers)
        emit_nextn(e, a, l);
}

/* Every tensor, in the order: embeddings, output, blocks. */
/* The tensors of `a`, which the caller has checked with arch_valid. */
static void emit_all(emitter *e, const qs_arch *a)
{
    int64_t h = a->hidden;
    int l, n = a->layers + a->nextn_layers;

    emit(e, "token_embd.weight", TENSOR_TOKEN_EMBD, -1, 2, h, a->vocab, 1);
    if (a->pos_embd > 0)
        emit(e, "position_embd.weight", TENSOR_OTHER, -1, 2, h, a->pos_embd, 1);
    if (a->embd_norm)
        emit_norm(e, a, -1, "token_embd_norm", h);
    emit_norm(e, a, -1, "output_norm", h);
    if (!a->tied_embeddings)
        emit(e, "output.weight", TENSOR_OUTPUT, -1, 2, h, a->vocab, 1);
    if (a->rope_freqs) {
        int64_t hd = a->head_dim_k > 0 ? a->head_dim_k : h / a->heads;

        emit(e, "rope_freqs.weight", TENSOR_OTHER, -1, 1, hd / ARCH_ROPE_PAIR, 1, 1);
    }
    for (l = 0; l < n; l++)
        emit_layer(e, a, l);
}

int arch_expand(const qs_arch *a, tensor_list *out)
{
    emitter e = { out, 0, 0, 0 };

    if (out == NULL || !arch_valid(a))
        return -1;
    emit_all(&e, a);
    return e.full ? -1 : 0;
}

size_t arch_tensor_count(const qs_arch *a)
{
    emitter e = { NULL, 0, 0, 0 };

    if (!arch_valid(a))
        return 0;
    emit_all(&e, a);
    return e.count;
}

int64_t arch_param_count(const qs_arch *a)
{
    emitter e = { NULL, 0, 0, 0 };

    if (!arch_valid(a))
        return -1;
    emit_all(&e, a);
    return e.params;
}
