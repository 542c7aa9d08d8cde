/* gguf_arch.c - a GGUF file's architecture from its metadata and tensors
 * (gguf_arch.h). Keys: ggml-org/llama.cpp src/llama-arch.cpp LLM_KV_NAMES;
 * the layer patterns llama.cpp sets in src/llama-model.cpp load_hparams. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "files/gguf_arch.h"
#include "model/arch.h"

/* Sliding-window layer patterns llama.cpp hard-codes (llama-model.cpp
 * hparams.set_swa_pattern): Gemma 2 and gpt-oss alternate (period 2, the
 * odd layers full), Gemma 3 has five SWA layers then a full one (period 6)
 * unless the file says otherwise. */
#define GGUF_ARCH_SWA_PERIOD_ALT 2
#define GGUF_ARCH_SWA_PERIOD_GEMMA3 6

/* The structural switches the tensor names show. */
typedef struct {
    int output, q_bias, qkv_bias, out_bias, q_norm, sinks, qkv, post_attn, ffn_norm,
        post_ffw, attn_norm, out_norm_bias, gate, up, up_exps, gate_exps, up_bias,
        rope_freqs, router_bias, expert_bias, score_bias, shexp_gate, embd_norm, kv_b,
        layer_scale, ssm;
    int64_t q_norm_len, shexp_width, pos_embd, vocab_rows;
} gguf_arch_seen;

static int gguf_arch_is(const char *rest, const char *name)
{
    return strcmp(rest, name) == 0;
}

static void gguf_arch_scan(const files_model *m, gguf_arch_seen *s)
{
    size_t i;

    memset(s, 0, sizeof *s);
    for (i = 0; i < m->ntensors; i++) {
        const qs_tensor *t = &m->tensors[i].t;
        const char *r = t->name;

        if (t->layer >= 0) {
            r = strchr(t->name + strlen("blk."), '.');
            r = r != NULL ? r + 1 : t->name;
        }
        s->output |= t->role == TENSOR_OUTPUT;
        if (t->role == TENSOR_TOKEN_EMBD)
            s->vocab_rows = t->ne[1];
        s->q_bias |= gguf_arch_is(r, "attn_q.bias");
        s->qkv_bias |= gguf_arch_is(r, "attn_qkv.bias");
        s->out_bias |= gguf_arch_is(r, "attn_output.bias");
        if (gguf_arch_is(r, "attn_q_norm.weight")) {
            s->q_norm = 1;
            s->q_norm_len = t->ne[0];
        }
        s->sinks |= t->role == TENSOR_ATTN_SINKS;
        s->qkv |= gguf_arch_is(r, "attn_qkv.weight");
        s->post_attn |= gguf_arch_is(r, "post_attention_norm.weight");
        s->ffn_norm |= gguf_arch_is(r, "ffn_norm.weight");
        s->post_ffw |= gguf_arch_is(r, "post_ffw_norm.weight");
        s->attn_norm |= gguf_arch_is(r, "attn_norm.weight");
        s->out_norm_bias |= gguf_arch_is(r, "output_norm.bias");
        s->gate |= t->role == TENSOR_FFN_GATE;
        s->up |= t->role == TENSOR_FFN_UP;
        s->up_exps |= t->role == TENSOR_FFN_UP_EXPS;
        s->gate_exps |= t->role == TENSOR_FFN_GATE_EXPS;
        s->up_bias |= gguf_arch_is(r, "ffn_up.bias");
        s->rope_freqs |= gguf_arch_is(r, "rope_freqs.weight");
        s->router_bias |= gguf_arch_is(r, "ffn_gate_inp.bias");
        s->expert_bias |= gguf_arch_is(r, "ffn_up_exps.bias");
        s->score_bias |= gguf_arch_is(r, "exp_probs_b.bias");
        s->shexp_gate |= gguf_arch_is(r, "ffn_gate_inp_shexp.weight");
        s->embd_norm |= gguf_arch_is(r, "token_embd_norm.weight");
        s->kv_b |= gguf_arch_is(r, "attn_kv_b.weight");
        s->layer_scale |= gguf_arch_is(r, "layer_output_scale.weight");
        s->ssm |= t->role == TENSOR_SSM_IN;
        if (t->role == TENSOR_FFN_UP_SHEXP)
            s->shexp_width = t->ne[1];
        if (gguf_arch_is(r, "position_embd.weight"))
            s->pos_embd = t->ne[1];
    }
}

/* The value of ARCH.SUFFIX: a scalar integer, or the largest element of
 * an integer array (per-layer arrays: feed_forward_length,
 * attention.head_count_kv). 0 when absent. */
static int64_t gguf_arch_int(files_model *m, const gguf_meta *meta, const char *suffix,
                             const char *key)
{
    const gguf_meta_kv *kv = gguf_meta_find_arch(meta, m->arch_name, suffix);
    int64_t v = 0;
    uint64_t i;

    if (kv == NULL)
        return 0;
    if (kv->is_int) {
        v = kv->i;
    } else if (kv->type == GGUF_META_ARRAY && kv->arr != NULL) {
        for (i = 0; i < kv->n; i++)
            if (kv->arr[i] > v)
                v = kv->arr[i];
    } else {
        return 0;
    }
    if (key != NULL && v > 0)
        files_model_source(m, key, "%s.%s", m->arch_name, suffix);
    return v;
}

/* An int field, clamped (a value past INT_MAX makes the arch invalid). */
static int gguf_arch_small(int64_t v)
{
    return v < 0 || v > INT32_MAX ? -1 : (int)v;
}

/* The sliding window and which layers use it. */
static void gguf_arch_swa(files_model *m, const gguf_meta *meta, qs_arch *a)
{
    const gguf_meta_kv *pat = gguf_meta_find_arch(meta, m->arch_name,
                                                  "attention.sliding_window_pattern");
    int64_t span = gguf_arch_int(m, meta, "attention.sliding_window", "window");

    if (span <= 0)
        return;
    a->mixer = ARCH_ATTN_SWA;
    a->span = (long)span;
    if (strcmp(m->arch_name, "gemma2") == 0 || strcmp(m->arch_name, "gpt-oss") == 0) {
        a->full_period = GGUF_ARCH_SWA_PERIOD_ALT;
    } else if (strcmp(m->arch_name, "gemma3") == 0) {
        a->full_period = GGUF_ARCH_SWA_PERIOD_GEMMA3;
    }
    if (pat != NULL && pat->is_int && pat->i > 0 && pat->i <= INT32_MAX) {
        a->full_period = (int)pat->i;
    } else if (pat != NULL && pat->arr != NULL && pat->elem_type == GGUF_META_BOOL) {
        /* One bool a layer, true for a sliding-window layer: the period is
         * the distance from the first full layer to the next. */
        uint64_t i, first = pat->n;

        for (i = 0; i < pat->n; i++)
            if (!pat->arr[i]) {
                if (first == pat->n) {
                    first = i;
                } else {
                    break;
                }
            }
        if (first < pat->n)
            a->full_period = (int)(i < pat->n ? i - first : first + 1);
    }
    if (a->full_period > 0)
        a->full_index = a->full_period - 1;
    if (a->full_period == 1)
        a->mixer = ARCH_ATTN_FULL;
}

static void gguf_arch_moe(files_model *m, const gguf_meta *meta, qs_arch *a,
                          const gguf_arch_seen *s)
{
    arch_moe *e = &a->moe;

    e->experts = gguf_arch_small(gguf_arch_int(m, meta, "expert_count", "experts"));
    if (e->experts <= 0) {
        e->experts = 0;
        return;
    }
    e->active = gguf_arch_small(gguf_arch_int(m, meta, "expert_used_count", "experts_used"));
    e->expert_dim = gguf_arch_int(m, meta, "expert_feed_forward_length", "expert_ffn");
    e->shared = gguf_arch_small(gguf_arch_int(m, meta, "expert_shared_count", NULL));
    if (e->shared <= 0 && s->shexp_width > 0)
        e->shared = 1;
    if (e->shared > 0 && s->shexp_width > 0)
        e->shared_dim = s->shexp_width;
    if (e->expert_dim <= 0)
        e->expert_dim = a->ffn_dim;
    a->dense_first = gguf_arch_small(gguf_arch_int(m, meta, "leading_dense_block_count", NULL));
    e->router_bias = s->router_bias;
    e->expert_bias = s->expert_bias;
    e->score_bias = s->score_bias;
    e->shared_gate = s->shexp_gate;
}

static void gguf_arch_mla(files_model *m, const gguf_meta *meta, qs_arch *a,
                          const gguf_arch_seen *s)
{
    arch_mla *l = &a->mla;
    int64_t k, v, rope;

    l->kv_lora_rank = gguf_arch_small(gguf_arch_int(m, meta, "attention.kv_lora_rank", "mla"));
    if (l->kv_lora_rank <= 0) {
        l->kv_lora_rank = 0;
        return;
    }
    l->q_lora_rank = gguf_arch_small(gguf_arch_int(m, meta, "attention.q_lora_rank", NULL));
    k = gguf_arch_int(m, meta, "attention.key_length_mla", NULL);
    v = gguf_arch_int(m, meta, "attention.value_length_mla", NULL);
    if (k <= 0)
        k = gguf_arch_int(m, meta, "attention.key_length", NULL);
    if (v <= 0)
        v = gguf_arch_int(m, meta, "attention.value_length", NULL);
    rope = gguf_arch_int(m, meta, "rope.dimension_count", NULL);
    l->qk_rope_head_dim = gguf_arch_small(rope);
    l->qk_nope_head_dim = gguf_arch_small(k - rope);
    l->v_head_dim = gguf_arch_small(v);
    l->fused_kv_b = s->kv_b;
    a->mixer = ARCH_ATTN_MLA;
    a->kv_heads = a->heads;
    a->head_dim_k = 0;
    a->head_dim_v = 0;
}

static void gguf_arch_ssm(files_model *m, const gguf_meta *meta, qs_arch *a)
{
    arch_ssm *s = &a->ssm;
    int64_t inner = gguf_arch_int(m, meta, "ssm.inner_size", NULL);

    s->heads = gguf_arch_small(gguf_arch_int(m, meta, "ssm.time_step_rank", "ssm"));
    s->state = gguf_arch_small(gguf_arch_int(m, meta, "ssm.state_size", NULL));
    s->groups = gguf_arch_small(gguf_arch_int(m, meta, "ssm.group_count", NULL));
    s->conv_kernel = gguf_arch_small(gguf_arch_int(m, meta, "ssm.conv_kernel", NULL));
    if (s->heads > 0)
        s->head_dim = gguf_arch_small(inner / s->heads);
    a->mixer = ARCH_ATTN_SSM;
}

/* The switches the tensors show. */
static void gguf_arch_flags(qs_arch *a, const gguf_arch_seen *s)
{
    a->tied_embeddings = !s->output;
    a->qkv_bias = s->q_bias || s->qkv_bias;
    a->out_bias = s->out_bias;
    a->fused_qkv = s->qkv && !s->ssm;
    a->sinks = s->sinks;
    a->norm_bias = s->out_norm_bias;
    a->embd_norm = s->embd_norm;
    a->rope_freqs = s->rope_freqs;
    a->layer_scale = s->layer_scale;
    a->pos_embd = s->pos_embd;
    a->ffn_bias = s->up_bias;
    a->ffn_ungated = (s->up || s->up_exps) && !s->gate && !s->gate_exps;
    if (s->q_norm) {
        int64_t hd = a->head_dim_k > 0 ? a->head_dim_k : (a->heads > 0 ? a->hidden / a->heads : 0);

        a->qk_norm = 1;
        a->qk_norm_full = s->q_norm_len != hd;
    }
    if (s->post_ffw && s->ffn_norm)
        a->norms = ARCH_NORM_SANDWICH;
    else if (s->post_ffw && !s->attn_norm)
        a->norms_after = 1;
    else if (s->post_attn && !s->ffn_norm)
        a->norms = ARCH_NORM_PRE_POST;
    else if (s->attn_norm && !s->ffn_norm)
        a->norms = ARCH_NORM_SINGLE;
}

/* The check against the tensors. */
static void gguf_arch_check(files_model *m)
{
    int64_t p;

    m->arch_ok = arch_valid(&m->arch);
    if (!m->arch_ok) {
        files_model_source(m, "architecture",
                           "metadata (%s): not a shape this program can expand; sizes only",
                           m->arch_name[0] != '\0' ? m->arch_name : "none");
        return;
    }
    p = arch_param_count(&m->arch);
    if (p == m->elements)
        files_model_source(m, "architecture", "metadata, matches all %zu tensors", m->ntensors);
    else
        files_model_source(m, "architecture",
                           "metadata; the tensor list differs by %" PRId64 " parameters",
                           m->elements - p);
}

void gguf_arch_fill(files_model *m, const gguf_meta *meta)
{
    qs_arch *a = &m->arch;
    gguf_arch_seen s;
    const gguf_meta_kv *tokens = gguf_meta_find(meta, "tokenizer.ggml.tokens");
    int64_t nextn;

    memset(a, 0, sizeof *a);
    a->name = m->name;
    gguf_arch_scan(m, &s);
    m->ctx = (long)gguf_arch_int(m, meta, "context_length", "ctx");
    a->layers = gguf_arch_small(gguf_arch_int(m, meta, "block_count", "layers"));
    nextn = gguf_arch_int(m, meta, "nextn_predict_layers", NULL);
    if (nextn > 0 && nextn < a->layers) {
        a->nextn_layers = (int)nextn;
        a->layers -= (int)nextn;
    }
    a->hidden = gguf_arch_int(m, meta, "embedding_length", "hidden");
    a->ffn_dim = gguf_arch_int(m, meta, "feed_forward_length", "ffn");
    a->heads = gguf_arch_small(gguf_arch_int(m, meta, "attention.head_count", "heads"));
    a->kv_heads = gguf_arch_small(gguf_arch_int(m, meta, "attention.head_count_kv", "kv_heads"));
    if (a->kv_heads <= 0)
        a->kv_heads = a->heads;
    a->head_dim_k = gguf_arch_small(gguf_arch_int(m, meta, "attention.key_length", "head_dim"));
    a->head_dim_v = gguf_arch_small(gguf_arch_int(m, meta, "attention.value_length", NULL));
    a->vocab = gguf_arch_int(m, meta, "vocab_size", "vocab");
    if (a->vocab <= 0 && tokens != NULL && tokens->type == GGUF_META_ARRAY) {
        a->vocab = (int64_t)tokens->n;
        files_model_source(m, "vocab", "the length of tokenizer.ggml.tokens");
    }
    if (a->vocab <= 0 && s.vocab_rows > 0) {
        a->vocab = s.vocab_rows;
        files_model_source(m, "vocab", "the rows of token_embd.weight");
    }
    gguf_arch_flags(a, &s);
    gguf_arch_swa(m, meta, a);
    gguf_arch_moe(m, meta, a, &s);
    gguf_arch_mla(m, meta, a, &s);
    if (s.ssm && gguf_meta_find_arch(meta, m->arch_name, "ssm.state_size") != NULL)
        gguf_arch_ssm(m, meta, a);
    gguf_arch_check(m);
}
