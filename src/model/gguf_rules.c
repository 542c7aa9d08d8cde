/* gguf_rules.c - llama.cpp's file types and per-tensor quantization rules.
 *
 * Sources (ggml-org/llama.cpp via the code index; ../shared/reference/gguf-rules.md 3.2):
 * - the rules: llama_tensor_get_type_impl, tensor_type_fallback and
 *   tensor_allows_quantization, src/llama-quant.cpp@007dbbf, followed branch
 *   by branch in their order (first match wins); the default type per ftype
 *   (llama_ftype_get_default_type) and tensor_requires_imatrix (IQ1_S, IQ1_M,
 *   IQ2_XXS, IQ2_XS, IQ2_S, IQ3_XXS targets; Q2_K inside Q2_K_S) from the same
 *   file; the ftype ids from enum llama_ftype, include/llama.h;
 * - the visiting order the counters advance in: llama_model_loader sorts its
 *   weights with weight_name_comparer (layer from "blk.N.", -1 first);
 * - the types of tensors never quantized: convert_hf_to_gguf.py writes 1-D
 *   tensors, *_norm.weight, names not ending in ".weight" and its "always in
 *   float32" list as F32, the rest in its --outtype. */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "model/gguf_rules.h"

#define RULES_FT_ROW(id, name, alias, llama_id, type, imatrix, as, embd_out) \
    { GGUF_FTYPE_##id, name, alias, llama_id, type, imatrix, GGUF_FTYPE_##as, embd_out },
static const gguf_ftype_info rules_ftypes[] = { GGUF_FTYPE_TABLE(RULES_FT_ROW) }; /* enum order */
#define RULES_FTYPES_N (sizeof rules_ftypes / sizeof rules_ftypes[0])

/* Name parts that keep a tensor out of quantization (tensor_allows_quantization;
 * the last two stand for its exact LLM_TN names POS_EMBD and TOKEN_TYPES). */
static const char *const rules_never_parts[] = {
    "_norm.weight", "ffn_gate_inp.weight", "ffn_gate_tid2eid.weight", "altup", "laurel",
    "per_layer_model_proj", "ssm_conv1d", "shortconv.conv.weight", "indexer.k_proj.weight",
    "indexer.q_proj.weight", "time_mix_first.weight", "time_mix_w0.weight",
    "time_mix_w1.weight", "time_mix_w2.weight", "time_mix_v0.weight", "time_mix_v1.weight",
    "time_mix_v2.weight", "time_mix_a0.weight", "time_mix_a1.weight", "time_mix_a2.weight",
    "time_mix_g1.weight", "time_mix_g2.weight", "time_mix_decay_w1.weight",
    "time_mix_decay_w2.weight", "time_mix_lerp_fused.weight", "attn_rel_b.weight",
    ".position_embd", "sam.pos_embd", "sam.neck.", "sam.net_", ".rel_pos", ".patch_embd",
    ".patch_merger", "a.rvq.codebook", "mm.a.code_embd", "position_embd.weight",
    "token_types.weight",
};

/* Name parts convert_hf_to_gguf.py always writes as F32 (part of its list). */
static const char *const rules_f32_parts[] = {
    "ffn_gate_inp", "position_embd", "token_types", "ssm_conv1d", "shortconv.conv",
    "time_mix_first", "time_mix_w1", "time_mix_w2", "time_mix_decay_w1", "time_mix_decay_w2",
    "time_mix_lerp_fused",
};

#define RULES_N(a) (sizeof (a) / sizeof (a)[0])

/* The shares of the layer range the rules speak of: n/8, 7n/8, n/16. */
#define RULES_EIGHTHS 8
#define RULES_SEVEN_EIGHTHS 7
#define RULES_SIXTEENTHS 16
/* use_more_bits: every third layer of the middle range. */
#define RULES_MORE_BITS_STRIDE 3
#define RULES_MORE_BITS_PHASE 2
/* GQA factor and expert counts the rules test against. */
#define RULES_GQA_BIG 4
#define RULES_EXPERTS_MANY 4
#define RULES_EXPERTS_MIXTRAL 8
/* How many attn_v tensors Q3_K_M and Q4_K_S lift. */
#define RULES_Q3_K_M_FIRST_V 2
#define RULES_Q4_K_S_FIRST_V 4
/* Llama's 70B: its layer count (llama-model.cpp, LLM_ARCH_LLAMA case 80). */
#define RULES_LLAMA_70B_LAYERS 80

/* Sets of file types, as bits of a mask (GGUF_FTYPE_COUNT fits in 64). */
#define FTB(x) (UINT64_C(1) << GGUF_FTYPE_##x)
_Static_assert(GGUF_FTYPE_COUNT <= 64, "gguf_ftype sets are 64-bit masks");
/* The IQ1/IQ2 family, with its own branch. */
#define RULES_SET_IQ12 \
    (FTB(IQ2_XXS) | FTB(IQ2_XS) | FTB(IQ1_S) | FTB(IQ2_S) | FTB(IQ2_M) | FTB(IQ1_M))
/* The IQ2_S / IQ2_M pair, which goes to IQ3_S where the others go to Q2_K. */
#define RULES_SET_IQ2_S_M (FTB(IQ2_S) | FTB(IQ2_M))
/* Output in Q5_K. */
#define RULES_SET_OUT_Q5_K (RULES_SET_IQ12 | FTB(IQ3_XXS))
/* Untied token_embd in Q2_K. */
#define RULES_SET_EMBD_Q2_K (FTB(IQ2_XXS) | FTB(IQ2_XS) | FTB(IQ1_S) | FTB(IQ1_M))
/* attn_output in Q5_K in an 8-expert model. */
#define RULES_SET_MIXTRAL_O (FTB(Q2_K) | FTB(IQ3_XS) | FTB(IQ3_XXS) | FTB(Q3_K_S) | FTB(Q3_K_M) | \
                             FTB(IQ4_NL) | FTB(Q4_K_S) | FTB(Q4_K_M) | FTB(IQ3_S) | FTB(IQ3_M) | \
                             FTB(IQ4_XS))

/* llama.cpp's tensor_category, from the role. */
typedef enum {
    CAT_OTHER, CAT_TOKEN_EMBD, CAT_OUTPUT, CAT_ATTN_Q, CAT_ATTN_K, CAT_ATTN_V, CAT_ATTN_QKV,
    CAT_ATTN_KV_B, CAT_ATTN_OUTPUT, CAT_FFN_UP, CAT_FFN_GATE, CAT_FFN_DOWN
} rules_cat;   /* CAT_OTHER first: the zero of rules_category's table */

const gguf_ftype_info *gguf_rules_ftype(gguf_ftype ft)
{
    return (int)ft >= 0 && (size_t)ft < RULES_FTYPES_N ? &rules_ftypes[ft] : NULL;
}

int gguf_rules_ftype_find(const char *name)
{
    size_t i;

    if (name == NULL || name[0] == '\0')
        return -1;
    for (i = 0; i < RULES_FTYPES_N; i++)
        if (strcasecmp(rules_ftypes[i].name, name) == 0 ||
            strcasecmp(rules_ftypes[i].alias, name) == 0)
            return (int)rules_ftypes[i].id;
    return -1;
}

void gguf_rules_ctx_init(gguf_rules_ctx *ctx, gguf_rules_arch arch, int n_layer, int n_head,
                         int n_head_kv, int n_expert)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->n_layer = n_layer;
    ctx->n_expert = n_expert;
    ctx->n_gqa = n_head_kv > 0 ? n_head / n_head_kv : 0;
    ctx->arch = arch;
    ctx->is_70b = arch == GGUF_ARCH_LLAMA && n_layer == RULES_LLAMA_70B_LAYERS &&
                  n_head != n_head_kv;
    ctx->src_type = GGML_TYPE_F16;
}

static rules_cat rules_category(tensor_role role)
{
    static const rules_cat cats[TENSOR_OTHER + 1] = {
        [TENSOR_TOKEN_EMBD] = CAT_TOKEN_EMBD, [TENSOR_OUTPUT] = CAT_OUTPUT,
        [TENSOR_ATTN_Q] = CAT_ATTN_Q, [TENSOR_ATTN_K] = CAT_ATTN_K, [TENSOR_ATTN_V] = CAT_ATTN_V,
        [TENSOR_ATTN_QKV] = CAT_ATTN_QKV, [TENSOR_ATTN_KV_B] = CAT_ATTN_KV_B,
        [TENSOR_ATTN_OUTPUT] = CAT_ATTN_OUTPUT, [TENSOR_FFN_UP] = CAT_FFN_UP,
        [TENSOR_FFN_UP_EXPS] = CAT_FFN_UP, [TENSOR_FFN_UP_SHEXP] = CAT_FFN_UP,
        [TENSOR_FFN_GATE] = CAT_FFN_GATE, [TENSOR_FFN_GATE_EXPS] = CAT_FFN_GATE,
        [TENSOR_FFN_GATE_SHEXP] = CAT_FFN_GATE, [TENSOR_FFN_DOWN] = CAT_FFN_DOWN,
        [TENSOR_FFN_DOWN_EXPS] = CAT_FFN_DOWN, [TENSOR_FFN_DOWN_SHEXP] = CAT_FFN_DOWN,
    };

    return (int)role >= 0 && role <= TENSOR_OTHER ? cats[role] : CAT_OTHER;
}

static int rules_is_attn_v(rules_cat c)
{
    return c == CAT_ATTN_V || c == CAT_ATTN_QKV || c == CAT_ATTN_KV_B;
}

/* ggml_n_dims: the dimensions up to the last one longer than 1. */
static int rules_n_dims(const qs_tensor *t)
{
    int i;

    for (i = TENSORS_MAX_DIMS - 1; i >= 1; i--)
        if (i < t->n_dims && t->ne[i] > 1)
            return i + 1;
    return 1;
}

static int rules_ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);

    return n >= m && strcmp(s + n - m, tail) == 0;
}

static int rules_has_part(const char *name, const char *const *parts, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strstr(name, parts[i]) != NULL)
            return 1;
    return 0;
}

/* The bits of gguf_rules_names. */
#define RULES_NAME_NEVER 1u
#define RULES_NAME_F32 2u

void gguf_rules_names(gguf_rules_ctx *ctx, const tensor_list *l, unsigned char *out)
{
    size_t i;

    for (i = 0; i < l->n; i++) {
        const char *name = l->t[i].name;

        out[i] = (unsigned char)(
            (rules_has_part(name, rules_never_parts, RULES_N(rules_never_parts))
                 ? RULES_NAME_NEVER : 0u) |
            (rules_has_part(name, rules_f32_parts, RULES_N(rules_f32_parts)) ? RULES_NAME_F32
                                                                              : 0u));
    }
    ctx->names = out;
    ctx->names_of = l->t;
    ctx->names_n = l->n;
}

/* Whether t's name holds one of the parts of `bit`: from the context's
 * table when t is in it, else tested now. */
static int rules_name_has(const qs_tensor *t, const gguf_rules_ctx *ctx, unsigned bit)
{
    /* Addresses compared as integers: t may belong to another list. */
    uintptr_t at = (uintptr_t)t, first = (uintptr_t)(ctx != NULL ? ctx->names_of : NULL);

    if (ctx != NULL && ctx->names != NULL && at >= first &&
        at < first + ctx->names_n * sizeof *t && (at - first) % sizeof *t == 0)
        return (ctx->names[(at - first) / sizeof *t] & bit) != 0;
    if (bit == RULES_NAME_NEVER)
        return rules_has_part(t->name, rules_never_parts, RULES_N(rules_never_parts));
    return rules_has_part(t->name, rules_f32_parts, RULES_N(rules_f32_parts));
}

/* Roles whose tensors are never quantized and written as F32. */
static int rules_role_f32(tensor_role role)
{
    return role == TENSOR_NORM || role == TENSOR_FFN_GATE_INP || role == TENSOR_SSM_CONV1D ||
           role == TENSOR_BIAS || role == TENSOR_ATTN_SINKS;
}

/* tensor_allows_quantization, with the roles as a second opinion. */
static int rules_allows_quantization(const qs_tensor *t, const gguf_rules_ctx *ctx)
{
    if (rules_n_dims(t) < 2 || rules_role_f32(t->role))
        return 0;
    if (t->name[0] == '\0')
        return 1;   /* no name: the role decides */
    if (!rules_ends_with(t->name, "weight"))
        return 0;
    return !rules_name_has(t, ctx, RULES_NAME_NEVER);
}

/* The type a never-quantized tensor keeps: what the converter wrote. */
static int rules_kept_type(const qs_tensor *t, const gguf_rules_ctx *ctx)
{
    if (rules_n_dims(t) < 2 || rules_role_f32(t->role))
        return GGML_TYPE_F32;
    if (t->name[0] != '\0' &&
        (rules_ends_with(t->name, "_norm.weight") || !rules_ends_with(t->name, ".weight") ||
         rules_name_has(t, ctx, RULES_NAME_F32)))
        return GGML_TYPE_F32;
    return ctx->src_type;
}

/* use_more_bits(i, n): the first and last eighth and every third layer between. */
static int rules_more_bits(int i, int n)
{
    return i < n / RULES_EIGHTHS || i >= RULES_SEVEN_EIGHTHS * n / RULES_EIGHTHS ||
           (i - n / RULES_EIGHTHS) % RULES_MORE_BITS_STRIDE == RULES_MORE_BITS_PHASE;
}

static int rules_in(gguf_ftype f, uint64_t set)
{
    return (int)((set >> f) & 1u);
}

/* output.weight, and token_embd when tied. */
static int rules_output(gguf_ftype f, int type, const qs_tensor *t, const gguf_rules_ctx *ctx)
{
    const ggml_type_info *ti = ggml_type_get(type);

    if (f == GGUF_FTYPE_MXFP4_MOE)
        return GGML_TYPE_Q8_0;
    if (ctx->arch == GGUF_ARCH_FALCON || ti == NULL || t->ne[0] % ti->block != 0)
        return GGML_TYPE_Q8_0;
    if (rules_in(f, RULES_SET_OUT_Q5_K))
        return GGML_TYPE_Q5_K;
    return type != GGML_TYPE_Q8_0 ? GGML_TYPE_Q6_K : type;
}

static int rules_token_embd(gguf_ftype f, int type)
{
    if (rules_in(f, RULES_SET_EMBD_Q2_K))
        return GGML_TYPE_Q2_K;
    if (rules_in(f, RULES_SET_IQ2_S_M) || f == GGUF_FTYPE_IQ3_XXS)
        return GGML_TYPE_IQ3_S;
    if (f == GGUF_FTYPE_TQ1_0 || f == GGUF_FTYPE_TQ2_0)
        return GGML_TYPE_Q4_K;
    return type;
}

static int rules_iq12_family(gguf_ftype f, int type, rules_cat c, const gguf_rules_ctx *ctx,
                             gguf_rules_state *st)
{
    if (rules_is_attn_v(c)) {
        if (ctx->n_gqa >= RULES_GQA_BIG || ctx->n_expert >= RULES_EXPERTS_MANY)
            type = GGML_TYPE_Q4_K;
        else
            type = rules_in(f, RULES_SET_IQ2_S_M) ? GGML_TYPE_IQ3_S : GGML_TYPE_Q2_K;
        st->i_attention_wv++;
    } else if (ctx->n_expert == RULES_EXPERTS_MIXTRAL && c == CAT_ATTN_K) {
        type = GGML_TYPE_Q4_K;
    } else if (c == CAT_FFN_DOWN) {
        if (st->i_ffn_down < ctx->n_layer / RULES_EIGHTHS)
            type = rules_in(f, RULES_SET_IQ2_S_M) ? GGML_TYPE_IQ3_S : GGML_TYPE_Q2_K;
        st->i_ffn_down++;
    } else if (c == CAT_ATTN_OUTPUT) {
        if (ctx->n_expert == RULES_EXPERTS_MIXTRAL)
            type = GGML_TYPE_Q5_K;
        else if (f == GGUF_FTYPE_IQ1_S || f == GGUF_FTYPE_IQ1_M)
            type = GGML_TYPE_IQ2_XXS;
        else if (rules_in(f, RULES_SET_IQ2_S_M))
            type = GGML_TYPE_IQ3_S;
    }
    return type;
}

static int rules_attn_v(gguf_ftype f, int type, const gguf_rules_ctx *ctx, gguf_rules_state *st)
{
    int big_gqa = ctx->n_gqa >= RULES_GQA_BIG;

    if (f == GGUF_FTYPE_Q2_K)
        type = big_gqa ? GGML_TYPE_Q4_K : GGML_TYPE_Q3_K;
    else if (f == GGUF_FTYPE_Q2_K_S && big_gqa)
        type = GGML_TYPE_Q4_K;
    else if (f == GGUF_FTYPE_IQ3_XXS)
        type = big_gqa ? GGML_TYPE_Q4_K : !ctx->has_imatrix ? GGML_TYPE_IQ3_S : GGML_TYPE_IQ3_XXS;
    else if ((f == GGUF_FTYPE_IQ3_XS || f == GGUF_FTYPE_IQ3_S) && big_gqa)
        type = GGML_TYPE_Q4_K;
    else if (f == GGUF_FTYPE_IQ3_M)
        type = GGML_TYPE_Q4_K;
    else if (f == GGUF_FTYPE_Q3_K_M)
        type = st->i_attention_wv < RULES_Q3_K_M_FIRST_V ? GGML_TYPE_Q5_K : GGML_TYPE_Q4_K;
    else if (f == GGUF_FTYPE_Q3_K_L)
        type = GGML_TYPE_Q5_K;
    else if ((f == GGUF_FTYPE_IQ4_NL || f == GGUF_FTYPE_IQ4_XS) && big_gqa)
        type = GGML_TYPE_Q5_K;
    else if ((f == GGUF_FTYPE_Q4_K_M || f == GGUF_FTYPE_Q5_K_M) &&
             rules_more_bits(st->i_attention_wv, st->n_attention_wv))
        type = GGML_TYPE_Q6_K;
    else if (f == GGUF_FTYPE_Q4_K_S && st->i_attention_wv < RULES_Q4_K_S_FIRST_V)
        type = GGML_TYPE_Q5_K;
    /* Llama 70B: 8 heads share each attn_v, so it is cheap to keep better. */
    if (ctx->is_70b && (type == GGML_TYPE_Q3_K || type == GGML_TYPE_Q4_K))
        type = GGML_TYPE_Q5_K;
    if (ctx->n_expert == RULES_EXPERTS_MIXTRAL)
        type = GGML_TYPE_Q8_0;
    st->i_attention_wv++;
    return type;
}

/* layer_info: the running counter for a dense model, the tensor's own
 * layer for an MoE one (experts need not come in order). -1 when the
 * layer is outside [0, n_layer). */
static int rules_layer(int counter, const qs_tensor *t, const gguf_rules_ctx *ctx)
{
    if (ctx->n_expert <= 1)
        return counter;
    return t->layer >= 0 && t->layer < ctx->n_layer ? t->layer : -1;
}

static int rules_ffn_down(gguf_ftype f, int type, const qs_tensor *t, const gguf_rules_ctx *ctx,
                          gguf_rules_state *st)
{
    int n = ctx->n_layer, i = rules_layer(st->i_ffn_down, t, ctx);
    int falcon = ctx->arch == GGUF_ARCH_FALCON, im = ctx->has_imatrix;
    int first8 = i < n / RULES_EIGHTHS, first16 = i < n / RULES_SIXTEENTHS;

    if (i < 0)
        return -1;
    if (f == GGUF_FTYPE_Q2_K)
        type = GGML_TYPE_Q3_K;
    else if (f == GGUF_FTYPE_Q2_K_S) {
        if (first8)
            type = GGML_TYPE_Q4_K;
    } else if (f == GGUF_FTYPE_IQ3_XXS && !im)
        type = first8 ? GGML_TYPE_Q4_K : GGML_TYPE_Q3_K;
    else if (f == GGUF_FTYPE_Q3_K_M)
        type = first16 ? GGML_TYPE_Q5_K
             : !falcon || rules_more_bits(i, n) ? GGML_TYPE_Q4_K : GGML_TYPE_Q3_K;
    else if (f == GGUF_FTYPE_IQ3_M &&
             (first8 || (ctx->n_expert == RULES_EXPERTS_MIXTRAL && rules_more_bits(i, n))))
        type = GGML_TYPE_Q4_K;
    else if (f == GGUF_FTYPE_Q3_K_L)
        type = falcon ? GGML_TYPE_Q4_K : GGML_TYPE_Q5_K;
    else if (f == GGUF_FTYPE_Q4_K_M) {
        if (falcon)
            type = first16 ? GGML_TYPE_Q6_K
                 : rules_more_bits(i, n) ? GGML_TYPE_Q5_K : GGML_TYPE_Q4_K;
        else if (rules_more_bits(i, n))
            type = GGML_TYPE_Q6_K;
    } else if (first8 && (f == GGUF_FTYPE_IQ4_NL || f == GGUF_FTYPE_IQ4_XS) && !im)
        type = GGML_TYPE_Q5_K;
    else if (f == GGUF_FTYPE_Q5_K_M && rules_more_bits(i, n))
        type = GGML_TYPE_Q6_K;
    else if (f == GGUF_FTYPE_Q4_K_S && !falcon && first8)
        type = GGML_TYPE_Q5_K;
    else if ((f == GGUF_FTYPE_Q4_0 || f == GGUF_FTYPE_Q5_0) && im && first8)
        type = f == GGUF_FTYPE_Q4_0 ? GGML_TYPE_Q4_1 : GGML_TYPE_Q5_1;
    st->i_ffn_down++;
    return type;
}

static int rules_attn_output(gguf_ftype f, int type, const gguf_rules_ctx *ctx)
{
    if (ctx->arch == GGUF_ARCH_FALCON)
        return f == GGUF_FTYPE_Q3_K_L ? GGML_TYPE_Q4_K : type;
    if (ctx->n_expert == RULES_EXPERTS_MIXTRAL)
        return rules_in(f, RULES_SET_MIXTRAL_O) ? GGML_TYPE_Q5_K : type;
    if (f == GGUF_FTYPE_Q2_K)
        return GGML_TYPE_Q3_K;
    if (f == GGUF_FTYPE_IQ3_XXS)
        return GGML_TYPE_IQ3_S;
    if (f == GGUF_FTYPE_Q3_K_M || f == GGUF_FTYPE_IQ3_M)
        return GGML_TYPE_Q4_K;
    if (f == GGUF_FTYPE_Q3_K_L)
        return GGML_TYPE_Q5_K;
    return type;
}

/* ffn_gate and ffn_up: IQ3_XS drops the middle layers to IQ3_XXS. */
static int rules_ffn_gate_up(gguf_ftype f, int type, const qs_tensor *t,
                             const gguf_rules_ctx *ctx, int *counter)
{
    int n = ctx->n_layer, i = rules_layer(*counter, t, ctx);

    if (i < 0)
        return -1;
    if (f == GGUF_FTYPE_IQ3_XS && i >= n / RULES_EIGHTHS &&
        i < RULES_SEVEN_EIGHTHS * n / RULES_EIGHTHS)
        type = GGML_TYPE_IQ3_XXS;
    (*counter)++;
    return type;
}

/* llama_tensor_get_type_impl: `type` is the ftype's default type. */
static int rules_impl(gguf_ftype f, int type, const qs_tensor *t, const gguf_rules_ctx *ctx,
                      gguf_rules_state *st)
{
    rules_cat c = rules_category(t->role);

    if (c == CAT_OUTPUT || (st->tied && c == CAT_TOKEN_EMBD))
        return rules_output(f, type, t, ctx);
    if (f == GGUF_FTYPE_MXFP4_MOE) {
        int ffn = c == CAT_FFN_UP || c == CAT_FFN_GATE || c == CAT_FFN_DOWN;

        return t->ne[2] > 1 && (ctx->arch != GGUF_ARCH_BAILINGMOE3 || ffn) ? GGML_TYPE_MXFP4
                                                                          : GGML_TYPE_Q8_0;
    }
    if (c == CAT_TOKEN_EMBD)
        return rules_token_embd(f, type);
    if (rules_in(f, RULES_SET_IQ12))
        return rules_iq12_family(f, type, c, ctx, st);
    if (rules_is_attn_v(c))
        return rules_attn_v(f, type, ctx, st);
    if (c == CAT_ATTN_K) {
        if (ctx->n_expert == RULES_EXPERTS_MIXTRAL)
            return GGML_TYPE_Q8_0;
        if (f == GGUF_FTYPE_IQ3_XS)
            return GGML_TYPE_IQ3_XXS;
        return f == GGUF_FTYPE_IQ3_XXS ? GGML_TYPE_IQ2_S : type;
    }
    if (c == CAT_ATTN_Q) {
        if (f == GGUF_FTYPE_IQ3_XS)
            return GGML_TYPE_IQ3_XXS;
        return f == GGUF_FTYPE_IQ3_XXS ? GGML_TYPE_IQ2_S : type;
    }
    if (c == CAT_FFN_DOWN)
        return rules_ffn_down(f, type, t, ctx, st);
    if (c == CAT_ATTN_OUTPUT)
        return rules_attn_output(f, type, ctx);
    /* llama.cpp's separate ATTENTION_QKV branch comes here, but attn_qkv is
     * in the attn_v class above, so it is unreachable (gguf-rules.md). */
    if (c == CAT_FFN_GATE)
        return rules_ffn_gate_up(f, type, t, ctx, &st->i_ffn_gate);
    if (c == CAT_FFN_UP)
        return rules_ffn_gate_up(f, type, t, ctx, &st->i_ffn_up);
    return type;
}

/* tensor_type_fallback: a type whose block does not divide the row. */
static int rules_fallback(int type, int64_t ncols, gguf_rules_state *st)
{
    const ggml_type_info *ti = ggml_type_get(type), *to;
    int ret;

    if (ti == NULL)
        return -1;
    if (ncols % ti->block == 0)
        return type;
    st->n_fallback++;
    switch (type) {
    case GGML_TYPE_IQ1_S: case GGML_TYPE_IQ1_M: case GGML_TYPE_IQ2_XXS: case GGML_TYPE_IQ2_XS:
    case GGML_TYPE_IQ2_S: case GGML_TYPE_IQ3_XXS: case GGML_TYPE_IQ3_S: case GGML_TYPE_IQ4_XS:
        ret = GGML_TYPE_IQ4_NL;
        break;
    case GGML_TYPE_Q2_0: case GGML_TYPE_Q2_K: case GGML_TYPE_Q3_K: case GGML_TYPE_TQ1_0:
    case GGML_TYPE_TQ2_0:
        ret = GGML_TYPE_Q4_0;
        break;
    case GGML_TYPE_Q4_K: ret = GGML_TYPE_Q5_0; break;
    case GGML_TYPE_Q5_K: ret = GGML_TYPE_Q5_1; break;
    case GGML_TYPE_Q6_K: ret = GGML_TYPE_Q8_0; break;
    /* llama.cpp throws "no tensor type fallback" for the others; F16 is
     * what it uses when a fallback is itself incompatible. */
    default: ret = GGML_TYPE_F16; break;
    }
    to = ggml_type_get(ret);
    return to != NULL && ncols % to->block == 0 ? ret : GGML_TYPE_F16;
}

void gguf_rules_state_init(gguf_rules_state *st, const tensor_list *l)
{
    size_t i;

    memset(st, 0, sizeof *st);
    st->tied = l != NULL;
    for (i = 0; l != NULL && i < l->n; i++) {
        rules_cat c = rules_category(l->t[i].role);

        if (rules_is_attn_v(c))
            st->n_attention_wv++;
        if (c == CAT_OUTPUT)
            st->tied = 0;
    }
}

int gguf_rules_type(gguf_ftype ft, const qs_tensor *t, const gguf_rules_ctx *ctx,
                    gguf_rules_state *st)
{
    const gguf_ftype_info *f = gguf_rules_ftype(ft);
    const gguf_ftype_info *base;
    gguf_rules_state alone;
    rules_cat c;
    int type;

    if (f == NULL || t == NULL || ctx == NULL)
        return -1;
    base = gguf_rules_ftype(f->rules_as);
    if (base == NULL)
        return -1;
    if (st == NULL) {
        int layer = t->layer > 0 ? t->layer : 0;

        memset(&alone, 0, sizeof alone);
        alone.n_attention_wv = ctx->n_layer;
        alone.i_attention_wv = alone.i_ffn_down = alone.i_ffn_gate = alone.i_ffn_up = layer;
        st = &alone;
    }
    if (!rules_allows_quantization(t, ctx))
        return rules_kept_type(t, ctx);
    c = rules_category(t->role);
    if (f->embd_out_type >= 0 && (c == CAT_TOKEN_EMBD || c == CAT_OUTPUT))
        return f->embd_out_type;
    type = base->default_type;
    if (!ggml_type_is_quantized(type))
        return type;
    type = rules_impl(base->id, type, t, ctx, st);
    if (type < 0)
        return -1;
    return rules_fallback(type, t->ne[0], st);
}
