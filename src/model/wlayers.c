/* wlayers.c - a model's weights and KV cache, layer by layer (wlayers.h).
 *
 * One call: one expansion of the shape's architecture (arch_expand), one
 * pass of the format over its tensors (llama.cpp's rules for a GGUF type,
 * the layout's bytes for the others, the bits alone where there is no
 * layout), each figure put in its block, and everything scaled by one
 * factor so that the table sums to the caller's total. The KV cache comes
 * from the shape's profile (kvarch.h), group by group, shared evenly among
 * a group's layers and scaled likewise. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/ggml.h"
#include "model/gguf_header.h"
#include "model/gguf_rules.h"
#include "model/layouts.h"
#include "model/memory.h"
#include "model/wlayers.h"

/* Learned absolute positions, kept with the token embeddings: arch_expand.c
 * emits them as position_embd.weight (llama.cpp LLM_TENSOR_POS_EMBD,
 * src/llama-arch.cpp "position_embd"). */
#define WLAYERS_POS_EMBD_NAME "position_embd.weight"

/* The routed experts' own tensors beside the three ffn_*_exps.weight:
 * gpt-oss's ffn_gate_exps.bias, ffn_up_exps.bias, ffn_down_exps.bias and
 * Gemma 4's ffn_down_exps.scale (arch_expand.c emit_moe and
 * emit_moe_dense_parallel; llama.cpp LLM_TENSOR_FFN_*_EXPS names). The
 * shared expert's tensors are *_shexp.*, the router's ffn_gate_inp.*. */
#define WLAYERS_EXPS_MARK "_exps."

/* The bits of an element where the caller's are not a positive finite
 * number: one byte (only the proportions matter, the figures are scaled
 * to the total). */
#define WLAYERS_FALLBACK_BITS MEMORY_BITS_PER_BYTE

/* The scratch of one call: the tensor list and each tensor's bytes in the
 * format before scaling. */
typedef struct {
    tensor_list l;
    double *bytes;
} wlayers_scratch;

static int wlayers_fail(wlayers *out)
{
    memset(out, 0, sizeof *out);
    return -1;
}

static void wlayers_free(wlayers_scratch *s)
{
    free(s->l.t);
    free(s->bytes);
    s->l.t = NULL;
    s->bytes = NULL;
}

/* The tensors of `a` (valid) into new storage; -1 when they cannot be
 * made (then nothing is held). */
static int wlayers_expand(const qs_arch *a, wlayers_scratch *s)
{
    size_t n = arch_tensor_count(a);

    memset(s, 0, sizeof *s);
    if (n == 0)
        return -1;
    s->l.t = calloc(n, sizeof *s->l.t);
    s->bytes = calloc(n, sizeof *s->bytes);
    s->l.cap = n;
    if (s->l.t == NULL || s->bytes == NULL || arch_expand(a, &s->l) != 0) {
        wlayers_free(s);
        return -1;
    }
    return 0;
}

/* Every tensor at `bits` (elements x bits / 8): a format without a
 * layout, or no format, or a fallback. */
static void wlayers_elements(wlayers_scratch *s, double bits)
{
    double per = (memory_is_positive(bits) ? bits : WLAYERS_FALLBACK_BITS) / MEMORY_BITS_PER_BYTE;
    size_t i;

    for (i = 0; i < s->l.n; i++)
        s->bytes[i] = (double)tensors_elements(&s->l.t[i]) * per;
}

/* llama.cpp's per-tensor types for GGUF file type `ft`, with the rules
 * context exact.c builds for a catalog model (gguf_header_rules_ctx), and
 * each tensor's ggml bytes padded to the GGUF alignment as
 * gguf_rules_data_bytes pads them: the figures sum to exact_bytes. -1 when
 * the rules refuse the list. */
static int wlayers_gguf(wlayers_scratch *s, const qs_model *m, gguf_ftype ft)
{
    int *types = malloc(s->l.n * sizeof *types);
    unsigned char *names = malloc(s->l.n);
    gguf_rules_ctx c;
    int rc = -1;
    size_t i;

    if (types != NULL && names != NULL) {
        gguf_header_rules_ctx(&c, &m->arch, m->family);
        gguf_rules_names(&c, &s->l, names);
        rc = gguf_rules_apply(ft, &s->l, &c, types);
    }
    for (i = 0; rc == 0 && i < s->l.n; i++) {
        int64_t b = ggml_tensor_bytes(types[i], &s->l.t[i]);

        if (b < 0)
            rc = -1;
        else
            s->bytes[i] = (double)((b + GGUF_RULES_ALIGNMENT - 1) / GGUF_RULES_ALIGNMENT *
                                   GGUF_RULES_ALIGNMENT);
    }
    free(types);
    free(names);
    return rc;
}

/* The layout's bytes of each tensor (layouts_tensor_bytes, `bits` as an
 * EXL2/EXL3 rate); -1 when one of them is refused. */
static int wlayers_layout(wlayers_scratch *s, const qs_format *f, double bits)
{
    size_t i;

    for (i = 0; i < s->l.n; i++) {
        int64_t b = layouts_tensor_bytes(f, &s->l.t[i], bits);

        if (b < 0)
            return -1;
        s->bytes[i] = (double)b;
    }
    return 0;
}

/* Each tensor's bytes in the format, before scaling. The format's layout
 * decides, as layouts_weight_bytes_ctx (and so exact_bytes) does: a GGUF
 * layout by the rules, another layout by its own bytes, none (or f NULL)
 * by the bits. Where the rules or the layout refuse the model, every
 * tensor falls back to its elements. */
static void wlayers_figures(wlayers_scratch *s, const qs_model *m, const qs_format *f,
                            double bits)
{
    int rc = -1;

    if (f != NULL && f->layout == FMT_LAYOUT_GGUF && f->gguf >= 0 &&
        f->gguf < GGUF_FTYPE_COUNT)
        rc = wlayers_gguf(s, m, (gguf_ftype)f->gguf);
    else if (f != NULL && f->layout != FMT_LAYOUT_NONE && f->layout != FMT_LAYOUT_GGUF)
        rc = wlayers_layout(s, f, bits);
    if (rc != 0)
        wlayers_elements(s, bits);
}

static int wlayers_is_expert(const qs_tensor *t)
{
    return t->role == TENSOR_FFN_GATE_EXPS || t->role == TENSOR_FFN_UP_EXPS ||
           t->role == TENSOR_FFN_DOWN_EXPS ||
           (t->layer >= 0 && strstr(t->name, WLAYERS_EXPS_MARK) != NULL);
}

static int wlayers_is_embd(const qs_tensor *t)
{
    return t->role == TENSOR_TOKEN_EMBD || strcmp(t->name, WLAYERS_POS_EMBD_NAME) == 0;
}

/* The figures into their blocks (raw), then every entry times `scale`. */
static void wlayers_place(wlayers *out, const wlayers_scratch *s, double scale)
{
    double max = 0.0;
    size_t i;
    int b;

    for (i = 0; i < s->l.n; i++) {
        const qs_tensor *t = &s->l.t[i];
        double x = s->bytes[i];

        if (t->layer < 0 || t->layer >= out->blocks) {
            if (wlayers_is_embd(t))
                out->embd_bytes += x;
            else
                out->output_bytes += x;
        } else if (wlayers_is_expert(t)) {
            out->expert_bytes[t->layer] += x;
            if (x > max)
                max = x;
        } else {
            out->layer_bytes[t->layer] += x;
        }
    }
    out->embd_bytes *= scale;
    out->output_bytes *= scale;
    out->expert_tensor_max = max * scale;
    for (b = 0; b < out->blocks; b++) {
        out->layer_bytes[b] *= scale;
        out->expert_bytes[b] *= scale;
    }
}

/* The group of kv holding layers of this mixer (kind and span, as
 * kvarch_profile_of groups them); -1 when none does. */
static int wlayers_group_of(const kvarch_profile *kv, const arch_layer_attn *g)
{
    long span = g->kind == ARCH_ATTN_SWA || g->kind == ARCH_ATTN_CHUNKED ? g->span : 0;
    int i;

    for (i = 0; i < kv->n; i++)
        if (kv->g[i].kind == g->kind && kv->g[i].span == span)
            return i;
    return -1;
}

/* The KV cache of each trunk layer: its group's bytes (kvarch_profile_size
 * of that group alone) over the group's layers, scaled to kv_total. Left
 * at 0 when there is no profile, no total, or the profile cannot be sized
 * at ctx / kv_bits / batch. */
static void wlayers_kv(wlayers *out, const qs_arch *a, const kvarch_profile *kv, long ctx,
                       double kv_bits, int batch, double kv_total)
{
    double per_layer[KVARCH_GROUPS_MAX], sum = 0.0, scale;
    int i, l;

    if (kv == NULL || !kv->ok || !memory_is_positive(kv_total) || kv->n < 0 ||
        kv->n > KVARCH_GROUPS_MAX)
        return;
    for (i = 0; i < kv->n; i++) {
        kvarch_profile one;
        double bytes;

        memset(&one, 0, sizeof one);
        one.ok = 1;
        one.n = 1;
        one.g[0] = kv->g[i];
        bytes = kvarch_profile_size(&one, ctx, kv_bits, batch, NULL);
        if (bytes < 0.0 || !isfinite(bytes))
            return;
        per_layer[i] = kv->g[i].layers > 0 ? bytes / kv->g[i].layers : 0.0;
    }
    for (l = 0; l < a->layers && l < out->blocks; l++) {
        arch_layer_attn g = arch_layer_attention_valid(a, l);
        int k = g.kind == ARCH_ATTN_NONE ? -1 : wlayers_group_of(kv, &g);

        out->kv_bytes[l] = k < 0 ? 0.0 : per_layer[k];
        sum += out->kv_bytes[l];
    }
    if (!memory_is_positive(sum)) {
        memset(out->kv_bytes, 0, sizeof out->kv_bytes);
        return;
    }
    scale = kv_total / sum;
    for (l = 0; l < a->layers && l < out->blocks; l++)
        out->kv_bytes[l] *= scale;
}

/* The widest FFN a token runs through, over the blocks: a dense MLP's
 * ffn_dim; an MoE block's active experts plus its shared experts (and the
 * dense MLP beside them in Gemma 4's block). */
static int64_t wlayers_ffn_width(const qs_arch *a, int blocks)
{
    const arch_moe *m = &a->moe;
    int64_t shared = m->shared_dim > 0 ? m->shared_dim : (int64_t)m->shared * m->expert_dim;
    int64_t moe = (int64_t)m->active * m->expert_dim + shared +
                  (m->dense_parallel ? a->ffn_dim : 0);
    int64_t w = 0;
    int l;

    for (l = 0; l < blocks; l++) {
        arch_ffn_kind k = arch_layer_ffn_valid(a, l);
        int64_t x = k == ARCH_FFN_DENSE ? a->ffn_dim : k == ARCH_FFN_MOE ? moe : 0;

        if (x > w)
            w = x;
    }
    return w;
}

/* The shape splitting needs: the heads of layer 0's softmax attention
 * (MLA: its heads, kv_heads = heads), else the arch's own. */
static void wlayers_shape(wlayers *out, const qs_arch *a)
{
    arch_layer_attn g = arch_layer_attention_valid(a, 0);

    out->heads = a->heads;
    out->kv_heads = a->kv_heads;
    if (g.kind == ARCH_ATTN_FULL || g.kind == ARCH_ATTN_SWA || g.kind == ARCH_ATTN_CHUNKED) {
        out->heads = g.heads;
        out->kv_heads = g.kv_heads;
    } else if (g.kind == ARCH_ATTN_MLA) {
        out->heads = out->kv_heads = g.heads;
    }
    out->hidden = a->hidden;
    out->vocab = a->vocab;
    out->experts = a->moe.experts;
    out->experts_active = a->moe.active;
    out->ffn_width = wlayers_ffn_width(a, out->blocks);
}

int wlayers_of(const qs_model *shape, const qs_format *f, double bits, double total_bytes,
               const kvarch_profile *kv, long ctx, double kv_bits, int batch,
               double kv_total_bytes, wlayers *out)
{
    const qs_arch *a;
    wlayers_scratch s;
    double sum = 0.0;
    int blocks;
    size_t i;

    if (out == NULL)
        return -1;
    memset(out, 0, sizeof *out);
    if (shape == NULL || !memory_is_positive(total_bytes) || !isfinite(kv_total_bytes) ||
        kv_total_bytes < 0.0)
        return wlayers_fail(out);
    a = &shape->arch;
    blocks = arch_block_count(a);
    if (blocks <= 0 || blocks > WLAYERS_MAX || wlayers_expand(a, &s) != 0)
        return wlayers_fail(out);
    wlayers_figures(&s, shape, f, bits);
    for (i = 0; i < s.l.n; i++)
        sum += s.bytes[i];
    if (!memory_is_positive(sum)) {
        wlayers_free(&s);
        return wlayers_fail(out);
    }
    out->blocks = blocks;
    out->trunk = a->layers;
    wlayers_place(out, &s, total_bytes / sum);
    wlayers_free(&s);
    wlayers_kv(out, a, kv, ctx, kv_bits, batch, kv_total_bytes);
    wlayers_shape(out, a);
    out->ok = 1;
    return 0;
}

/* Blocks [first, first + n) clamped to [0, w->blocks); 0 when empty. */
static double wlayers_sum(const wlayers *w, const double *v, int first, int n)
{
    double sum = 0.0;
    long lo, hi, i;

    if (w == NULL || !w->ok || n <= 0)
        return 0.0;
    lo = first < 0 ? 0 : first;
    hi = (long)first + n;
    if (hi > w->blocks)
        hi = w->blocks;
    for (i = lo; i < hi; i++)
        sum += v[i];
    return sum;
}

double wlayers_sum_layers(const wlayers *w, int first, int n)
{
    return w == NULL ? 0.0 : wlayers_sum(w, w->layer_bytes, first, n);
}

double wlayers_sum_experts(const wlayers *w, int first, int n)
{
    return w == NULL ? 0.0 : wlayers_sum(w, w->expert_bytes, first, n);
}

double wlayers_sum_kv(const wlayers *w, int first, int n)
{
    return w == NULL ? 0.0 : wlayers_sum(w, w->kv_bytes, first, n);
}
