/* layouts.c - each library's storage layout applied to a tensor list
 * (layouts.h). Every constant is the library's own, named with its source. */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "model/layouts.h"

/* Element widths in bytes. */
#define LAYOUTS_INT8_BYTES 1
#define LAYOUTS_16BIT_BYTES 2
#define LAYOUTS_INT32_BYTES 4
#define LAYOUTS_FP32_BYTES 4
#define LAYOUTS_BITS_PER_BYTE 8

/* AutoGPTQ auto_gptq/nn_modules/qlinear/qlinear_cuda_old.py QuantLinear
 * (@179776bd): qweight int32 (infeatures // 32 * bits, outfeatures), qzeros
 * int32 (ceil(infeatures / group_size), outfeatures // 32 * bits), scales
 * fp16 (ceil(infeatures / group_size), outfeatures), g_idx int32
 * (infeatures); the usual checkpoints are bits 4, group_size 128.
 * auto_gptq/modeling/mixtral.py quantizes only inside_layer_modules
 * (attention and experts): routers, embeddings, norms and lm_head stay fp16. */
#define LAYOUTS_GPTQ_BITS 4
#define LAYOUTS_GPTQ_GROUP 128
#define LAYOUTS_PACK_WORD_BITS 32   /* an int32 word packs 32 / bits weights */

/* casper-hansen/AutoAWQ awq/modules/linear/gemm.py WQLinear_GEMM
 * (@030fe2a): asserts in_features % group_size == 0 and out_features %
 * (32 // w_bit) == 0; qweight int32 (in, out // 8), qzeros int32 (in // g,
 * out // 8), scales fp16 (in // g, out); w_bit 4, q_group_size 128 (the
 * AutoAWQ examples' quant_config). modules_to_not_convert = ["gate"] keeps
 * MoE routers 16-bit (awq/models/mixtral.py). */
#define LAYOUTS_AWQ_BITS 4
#define LAYOUTS_AWQ_GROUP 128

/* bitsandbytes functional.py quantize_4bit: out uint8 ((n + 1) // 2),
 * absmax fp32 per blocksize 64 (blocks = ceil(n / 64)); with
 * compress_statistics (double quantization) the absmax is quantized by
 * quantize_blockwise(absmax, blocksize=256): one uint8 per block, a nested
 * fp32 absmax per 256 blocks and the 256-entry fp32 dynamic code
 * (nested_quant_map). QuantState.as_dict(packed=True) saves absmax,
 * quant_map (the 16-entry fp32 NF4 code), nested_absmax and
 * nested_quant_map beside the weight. transformers' bitsandbytes
 * integration converts every nn.Linear except the lm_head
 * (get_keys_to_not_convert), routers included, one per expert. */
#define LAYOUTS_NF4_BLOCK 64
#define LAYOUTS_NF4_CODE 16
#define LAYOUTS_NF4_NESTED_BLOCK 256
#define LAYOUTS_NF4_NESTED_CODE 256
#define LAYOUTS_NF4_PER_BYTE 2

/* bitsandbytes nn/modules.py Linear8bitLt._save_to_state_dict: the int8
 * weight, SCB (fp32 per output row: backends/cuda/ops.py
 * int8_vectorwise_quant, row_stats float32) and weight_format (one uint8). */
#define LAYOUTS_INT8_FORMAT_BYTES 1

/* deepseek-ai/DeepSeek-V3 README_WEIGHTS.md: e4m3 weights with an fp32
 * weight_scale_inv per 128x128 block ((out + 127) // 128, (in + 127) //
 * 128: inference/model.py Linear). inference/model.py keeps the embedding,
 * the head (dtype=torch.get_default_dtype()) and the Gate (router) in bf16,
 * and the Gate's bias (e_score_correction_bias, llama.cpp exp_probs_b) in
 * float32. */
#define LAYOUTS_FP8_BLOCK 128
#define LAYOUTS_SCORE_BIAS_NAME "exp_probs_b.bias"

/* NVIDIA/Model-Optimizer modelopt/torch/quantization/config.py
 * FP8_DEFAULT_CFG (weights and inputs e4m3, axis None: one fp32
 * weight_scale and one input_scale per linear); NVFP4 (qtensor/
 * nvfp4_tensor.py): e2m1 packed two per byte after padding the row to the
 * block (reduce_block_padding), an e4m3 weight_scale per 16, an fp32
 * weight_scale_2 per tensor, and NVFP4_DEFAULT_CFG's fp32 input_scale.
 * _default_disabled_quantizer_cfg leaves *lm_head*, *router*, *mlp.gate.*
 * and *block_sparse_moe.gate* unquantized. */
#define LAYOUTS_NVFP4_BLOCK 16
#define LAYOUTS_FP4_PER_BYTE 2
#define LAYOUTS_MODELOPT_SCALARS 2   /* weight_scale(_2) and input_scale, fp32 each */

/* huggingface/transformers integrations/mxfp4.py Mxfp4GptOssExperts (the
 * gpt-oss checkpoint): *_blocks uint8 [E, out, in // 32, 16] (two e2m1 per
 * byte) and *_scales uint8 (e8m0) [E, out, in // 32]; only the experts,
 * everything else bf16. */
#define LAYOUTS_MXFP4_BLOCK 32

/* turboderp/exllamav2: conversion/optimize.py fits the decoder layers under
 * weight_budget = int(numel * target_bpw) bits, counted by qparams.py
 * QParams.total_bits (weights, scales, groups, q_invperm); the head takes
 * convert_exl2.py's -hb default 6, qparams_headoptions[6] =
 * QParams(128, [8, 6], [0.15, 0.85], 4), whose total_bits is reproduced
 * here for (rows, columns) = (in, out). Embeddings and norms stay fp16;
 * MoE routers are taken as fp16 (UNVERIFIED). */
#define LAYOUTS_EXL2_HEAD_GROUP 128
#define LAYOUTS_EXL2_HEAD_HI_BITS 8
#define LAYOUTS_EXL2_HEAD_LO_BITS 6
#define LAYOUTS_EXL2_HEAD_HI_PROP 0.15
#define LAYOUTS_EXL2_HEAD_LO_PROP 0.85
#define LAYOUTS_EXL2_SCALE_BITS 4
#define LAYOUTS_EXL2_SCALE_MAX_BITS 16   /* q_scale_max: 16 bits per group */
#define LAYOUTS_EXL2_GROUP_BITS 32       /* q_groups: (16 + 16) bits per group */
#define LAYOUTS_EXL2_INVPERM_BITS 32     /* q_invperm: 32 bits per row */

/* turboderp-org/exllamav3: conversion/allocation.py spends max_bits =
 * int(bpw * numel) over the budgeted linears (trellis tiles hold K bits
 * per weight exactly: modules/quant/exl3.py, 16 * K uint16 per 16x16
 * tile), each linear also stores suh (fp16 [in]) and svh (fp16 [out]);
 * the head takes convert_model.py's head_bits default 6. Embeddings,
 * norms and routers are taken as fp16 (routers UNVERIFIED). */
#define LAYOUTS_EXL_HEAD_BITS 6

/* ml-explore/mlx-lm mlx_lm/utils.py quantize_model: affine mode defaults
 * group 64; every module with to_quantized (Linear, Embedding,
 * SwitchLinear for experts) whose weight.shape[-1] % group_size == 0
 * stores weight uint32 [out, in * bits / 32], scales and biases in the
 * model's 16-bit dtype [out, in / 64]. MoE routers are taken at 8 bits,
 * group 64, as the quant_predicate of mlx_lm/models/qwen3_next.py and
 * others puts them (UNVERIFIED for a model whose mlx-lm file has none:
 * there they take the run's bits). */
#define LAYOUTS_MLX_GROUP 64
#define LAYOUTS_MLX4_BITS 4
#define LAYOUTS_MLX8_BITS 8
#define LAYOUTS_MLX_ROUTER_BITS 8
#define LAYOUTS_MLX_PARAMS 2   /* a scale and a bias per group */

/* llama.cpp's converter writes rope_freqs.weight from the config
 * (convert_hf_to_gguf.py generate_extra_tensors): no checkpoint holds it. */
#define LAYOUTS_ROPE_FREQS_NAME "rope_freqs.weight"

/* What a tensor is to the libraries. */
typedef enum {
    LAYOUTS_T_LINEAR,   /* a projection inside a block */
    LAYOUTS_T_EXPERTS,  /* routed experts: ne[2] linears */
    LAYOUTS_T_ROUTER,   /* the MoE router (ffn_gate_inp) */
    LAYOUTS_T_EMBED,    /* token embeddings */
    LAYOUTS_T_HEAD,     /* the LM head */
    LAYOUTS_T_PLAIN,    /* stays at the checkpoint's 16-bit width */
    LAYOUTS_T_SKIP      /* not in a checkpoint */
} layouts_class;

/* A linear's shape as the library sees it: count matrices of out x in. */
typedef struct {
    int64_t in, out, count;
} layouts_shape;

/* TENSOR_OTHER projections by name (llama.cpp names, arch_expand.c). */
static const char *const layouts_other_linears[] = {
    "attn_gate.weight", "attn_k_b.weight", "attn_v_b.weight", "ssm_beta_alpha.weight",
};

static int layouts_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);

    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static layouts_class layouts_classify(const qs_tensor *t)
{
    size_t i;

    if (layouts_ends_with(t->name, LAYOUTS_ROPE_FREQS_NAME))
        return LAYOUTS_T_SKIP;
    if (t->n_dims < 2)
        return LAYOUTS_T_PLAIN;
    switch (t->role) {
    case TENSOR_TOKEN_EMBD:
        return LAYOUTS_T_EMBED;
    case TENSOR_OUTPUT:
        return LAYOUTS_T_HEAD;
    case TENSOR_FFN_GATE_INP:
        return LAYOUTS_T_ROUTER;
    case TENSOR_FFN_GATE_EXPS:
    case TENSOR_FFN_UP_EXPS:
    case TENSOR_FFN_DOWN_EXPS:
        return LAYOUTS_T_EXPERTS;
    case TENSOR_ATTN_Q: case TENSOR_ATTN_K: case TENSOR_ATTN_V: case TENSOR_ATTN_QKV:
    case TENSOR_ATTN_OUTPUT: case TENSOR_ATTN_Q_A: case TENSOR_ATTN_Q_B:
    case TENSOR_ATTN_KV_A: case TENSOR_ATTN_KV_B: case TENSOR_FFN_GATE: case TENSOR_FFN_UP:
    case TENSOR_FFN_DOWN: case TENSOR_FFN_GATE_SHEXP: case TENSOR_FFN_UP_SHEXP:
    case TENSOR_FFN_DOWN_SHEXP: case TENSOR_SSM_IN: case TENSOR_SSM_OUT:
        return LAYOUTS_T_LINEAR;
    default:
        break;
    }
    /* MTP: nextn.embed_tokens and nextn.shared_head_head are a model's
     * embedding and head; nextn.eh_proj stays 16-bit (vLLM's
     * deepseek_mtp.py keeps it a plain nn.Linear). */
    if (strstr(t->name, "nextn.embed_tokens") != NULL)
        return LAYOUTS_T_EMBED;
    if (strstr(t->name, "nextn.shared_head_head") != NULL)
        return LAYOUTS_T_HEAD;
    for (i = 0; i < sizeof layouts_other_linears / sizeof layouts_other_linears[0]; i++)
        if (layouts_ends_with(t->name, layouts_other_linears[i]))
            return LAYOUTS_T_LINEAR;
    return LAYOUTS_T_PLAIN;
}

/* The library's view of a 2-D or 3-D tensor. llama.cpp splits MLA's
 * kv_b_proj into attn_k_b (ne = nope, kv_lora, heads: stored transposed)
 * and attn_v_b (kv_lora, v_head, heads); a checkpoint holds one kv_b_proj
 * of input kv_lora, so each part is one matrix of input kv_lora. */
static layouts_shape layouts_shape_of(const qs_tensor *t)
{
    layouts_shape s;

    s.in = t->ne[0];
    s.out = t->ne[1];
    s.count = t->ne[2] * t->ne[3];
    if (layouts_ends_with(t->name, "attn_k_b.weight")) {
        s.in = t->ne[1];
        s.out = t->ne[0] * t->ne[2];
        s.count = t->ne[3];
    } else if (layouts_ends_with(t->name, "attn_v_b.weight")) {
        s.out = t->ne[1] * t->ne[2];
        s.count = t->ne[3];
    }
    return s;
}

static int64_t layouts_ceil_div(int64_t a, int64_t b)
{
    return (a + b - 1) / b;
}

static int64_t layouts_gptq(layouts_shape s)
{
    int64_t groups = layouts_ceil_div(s.in, LAYOUTS_GPTQ_GROUP);
    int64_t packed_out = s.out / LAYOUTS_PACK_WORD_BITS * LAYOUTS_GPTQ_BITS;
    int64_t qweight = s.in / LAYOUTS_PACK_WORD_BITS * LAYOUTS_GPTQ_BITS * s.out;

    return (qweight * LAYOUTS_INT32_BYTES + groups * packed_out * LAYOUTS_INT32_BYTES +
            groups * s.out * LAYOUTS_16BIT_BYTES + s.in * LAYOUTS_INT32_BYTES) * s.count;
}

static int64_t layouts_awq(layouts_shape s)
{
    int64_t per_word = LAYOUTS_PACK_WORD_BITS / LAYOUTS_AWQ_BITS;
    int64_t groups = s.in / LAYOUTS_AWQ_GROUP;

    if (s.in % LAYOUTS_AWQ_GROUP != 0 || s.out % per_word != 0)
        return -1;
    return (s.in * (s.out / per_word) * LAYOUTS_INT32_BYTES +
            groups * (s.out / per_word) * LAYOUTS_INT32_BYTES +
            groups * s.out * LAYOUTS_16BIT_BYTES) * s.count;
}

static int64_t layouts_nf4(layouts_shape s, int dq)
{
    int64_t n = s.in * s.out;
    int64_t blocks = layouts_ceil_div(n, LAYOUTS_NF4_BLOCK);
    int64_t b = layouts_ceil_div(n, LAYOUTS_NF4_PER_BYTE) + LAYOUTS_NF4_CODE * LAYOUTS_FP32_BYTES;

    if (dq)
        b += blocks * LAYOUTS_INT8_BYTES +
             layouts_ceil_div(blocks, LAYOUTS_NF4_NESTED_BLOCK) * LAYOUTS_FP32_BYTES +
             LAYOUTS_NF4_NESTED_CODE * LAYOUTS_FP32_BYTES;
    else
        b += blocks * LAYOUTS_FP32_BYTES;
    return b * s.count;
}

static int64_t layouts_llm_int8(layouts_shape s)
{
    return (s.in * s.out * LAYOUTS_INT8_BYTES + s.out * LAYOUTS_FP32_BYTES +
            LAYOUTS_INT8_FORMAT_BYTES) * s.count;
}

static int64_t layouts_fp8_block(layouts_shape s)
{
    return (s.in * s.out + layouts_ceil_div(s.out, LAYOUTS_FP8_BLOCK) *
                               layouts_ceil_div(s.in, LAYOUTS_FP8_BLOCK) * LAYOUTS_FP32_BYTES) *
           s.count;
}

static int64_t layouts_fp8_tensor(layouts_shape s)
{
    return (s.in * s.out + LAYOUTS_MODELOPT_SCALARS * LAYOUTS_FP32_BYTES) * s.count;
}

static int64_t layouts_nvfp4(layouts_shape s)
{
    int64_t blocks = layouts_ceil_div(s.in, LAYOUTS_NVFP4_BLOCK);

    return (s.out * blocks * LAYOUTS_NVFP4_BLOCK / LAYOUTS_FP4_PER_BYTE +
            s.out * blocks * LAYOUTS_INT8_BYTES +
            LAYOUTS_MODELOPT_SCALARS * LAYOUTS_FP32_BYTES) * s.count;
}

static int64_t layouts_mxfp4(layouts_shape s)
{
    int64_t blocks = s.in / LAYOUTS_MXFP4_BLOCK;

    if (s.in % LAYOUTS_MXFP4_BLOCK != 0)
        return -1;
    return (s.out * blocks * LAYOUTS_MXFP4_BLOCK / LAYOUTS_FP4_PER_BYTE +
            s.out * blocks * LAYOUTS_INT8_BYTES) * s.count;
}

/* MLX: 16-bit when the input width is not a multiple of the group. */
static int64_t layouts_mlx(layouts_shape s, int bits)
{
    int64_t groups = s.in / LAYOUTS_MLX_GROUP;

    if (s.in % LAYOUTS_MLX_GROUP != 0)
        return s.in * s.out * LAYOUTS_16BIT_BYTES * s.count;
    return (s.out * s.in * bits / LAYOUTS_BITS_PER_BYTE +
            s.out * groups * LAYOUTS_MLX_PARAMS * LAYOUTS_16BIT_BYTES) * s.count;
}

/* exllamav2 qparams.py QParams.total_bits of the head option 6, in bytes
 * (rows = in, columns = out); the fractions go through doubles as there. */
static int64_t layouts_exl2_head(layouts_shape s)
{
    static const int bits[] = { LAYOUTS_EXL2_HEAD_HI_BITS, LAYOUTS_EXL2_HEAD_LO_BITS };
    static const double prop[] = { LAYOUTS_EXL2_HEAD_HI_PROP, LAYOUTS_EXL2_HEAD_LO_PROP };
    int64_t rows = s.in, cols = s.out, remaining = rows, tr = rows, groups = 0, total = 0;
    int64_t g[sizeof bits / sizeof bits[0]];
    size_t k;

    for (k = 0; k < sizeof bits / sizeof bits[0]; k++) {
        double take = fmin((double)rows * prop[k], (double)remaining);

        g[k] = (int64_t)ceil(take / LAYOUTS_EXL2_HEAD_GROUP);
        groups += g[k];
        remaining -= g[k] * LAYOUTS_EXL2_HEAD_GROUP;
    }
    for (k = 0; k < sizeof bits / sizeof bits[0]; k++) {
        int64_t r = LAYOUTS_EXL2_HEAD_GROUP * g[k];

        if (r > tr)
            r = tr;
        tr -= r;
        total += r * cols * bits[k];
    }
    total += groups * LAYOUTS_EXL2_SCALE_MAX_BITS + groups * LAYOUTS_EXL2_GROUP_BITS +
             groups * cols * LAYOUTS_EXL2_SCALE_BITS + rows * LAYOUTS_EXL2_INVPERM_BITS;
    return total / LAYOUTS_BITS_PER_BYTE * s.count;
}

/* exllamav3's suh and svh of one linear. */
static int64_t layouts_exl3_signs(layouts_shape s)
{
    return (s.in + s.out) * LAYOUTS_16BIT_BYTES * s.count;
}

static int layouts_is_exl(fmt_layout l)
{
    return l == FMT_LAYOUT_EXL2 || l == FMT_LAYOUT_EXL3;
}

/* 1 when layout `l` stores a tensor of class c quantized. */
static int layouts_quantizes(fmt_layout l, layouts_class c)
{
    switch (c) {
    case LAYOUTS_T_LINEAR:
        return l != FMT_LAYOUT_MXFP4 && l != FMT_LAYOUT_DENSE;
    case LAYOUTS_T_EXPERTS:
        return l != FMT_LAYOUT_DENSE;
    case LAYOUTS_T_ROUTER:
        return l == FMT_LAYOUT_NF4 || l == FMT_LAYOUT_NF4_DQ || l == FMT_LAYOUT_LLM_INT8 ||
               l == FMT_LAYOUT_MLX4 || l == FMT_LAYOUT_MLX8;
    case LAYOUTS_T_EMBED:
        return l == FMT_LAYOUT_MLX4 || l == FMT_LAYOUT_MLX8;
    case LAYOUTS_T_HEAD:
        return l == FMT_LAYOUT_MLX4 || l == FMT_LAYOUT_MLX8 || layouts_is_exl(l);
    case LAYOUTS_T_PLAIN:
    case LAYOUTS_T_SKIP:
        break;
    }
    return 0;
}

/* The bytes of one quantized matrix set; EXL2/EXL3 projections give only
 * their fixed overhead (the rate is spent over the whole model). */
static int64_t layouts_quant_bytes(fmt_layout l, layouts_class c, layouts_shape s)
{
    int mlx_bits = l == FMT_LAYOUT_MLX4 ? LAYOUTS_MLX4_BITS : LAYOUTS_MLX8_BITS;

    switch (l) {
    case FMT_LAYOUT_GPTQ:
        return layouts_gptq(s);
    case FMT_LAYOUT_AWQ:
        return layouts_awq(s);
    case FMT_LAYOUT_NF4:
    case FMT_LAYOUT_NF4_DQ:
        return layouts_nf4(s, l == FMT_LAYOUT_NF4_DQ);
    case FMT_LAYOUT_LLM_INT8:
        return layouts_llm_int8(s);
    case FMT_LAYOUT_FP8_BLOCK:
        return layouts_fp8_block(s);
    case FMT_LAYOUT_FP8_TENSOR:
        return layouts_fp8_tensor(s);
    case FMT_LAYOUT_NVFP4:
        return layouts_nvfp4(s);
    case FMT_LAYOUT_MXFP4:
        return layouts_mxfp4(s);
    case FMT_LAYOUT_MLX4:
    case FMT_LAYOUT_MLX8:
        return layouts_mlx(s, c == LAYOUTS_T_ROUTER ? LAYOUTS_MLX_ROUTER_BITS : mlx_bits);
    case FMT_LAYOUT_EXL2:
        return c == LAYOUTS_T_HEAD ? layouts_exl2_head(s) : 0;
    case FMT_LAYOUT_EXL3:
        return layouts_exl3_signs(s) +
               (c == LAYOUTS_T_HEAD
                    ? s.in * s.out * s.count * LAYOUTS_EXL_HEAD_BITS / LAYOUTS_BITS_PER_BYTE
                    : 0);
    default:
        break;
    }
    return -1;
}

/* One tensor's bytes; *budget gains the weights an EXL2/EXL3 rate covers. */
static int64_t layouts_tensor(const qs_format *f, const qs_tensor *t, int64_t *budget)
{
    layouts_class c = layouts_classify(t);
    int64_t n = tensors_elements(t);
    int d;

    for (d = 0; d < TENSORS_MAX_DIMS; d++)
        if (t->ne[d] < 0)
            return -1;
    if (c == LAYOUTS_T_SKIP)
        return 0;
    if (f->layout == FMT_LAYOUT_DENSE)
        return n * (int64_t)f->nominal_bits / LAYOUTS_BITS_PER_BYTE;
    if (!layouts_quantizes(f->layout, c)) {
        int fp32 = f->layout == FMT_LAYOUT_FP8_BLOCK &&
                   layouts_ends_with(t->name, LAYOUTS_SCORE_BIAS_NAME);
        return n * (fp32 ? LAYOUTS_FP32_BYTES : LAYOUTS_16BIT_BYTES);
    }
    if (layouts_is_exl(f->layout) && c != LAYOUTS_T_HEAD)
        *budget += n;
    return layouts_quant_bytes(f->layout, c, layouts_shape_of(t));
}

void layouts_gguf_ctx(const tensor_list *l, gguf_rules_ctx *ctx)
{
    int n_layer = 0, n_expert = 0;
    int64_t q = 0, k = 0;
    size_t i;

    for (i = 0; l != NULL && i < l->n; i++) {
        const qs_tensor *t = &l->t[i];

        if (t->layer + 1 > n_layer)
            n_layer = t->layer + 1;
        if (n_expert == 0 && (t->role == TENSOR_FFN_GATE_EXPS || t->role == TENSOR_FFN_UP_EXPS ||
                              t->role == TENSOR_FFN_DOWN_EXPS))
            n_expert = (int)t->ne[2];
        if (t->layer == 0 && t->role == TENSOR_ATTN_Q && q == 0)
            q = t->ne[1];
        if (t->layer == 0 && t->role == TENSOR_ATTN_K && k == 0)
            k = t->ne[1];
    }
    if (q > 0 && k > 0 && q % k == 0)
        gguf_rules_ctx_init(ctx, GGUF_ARCH_OTHER, n_layer, (int)(q / k), 1, n_expert);
    else
        gguf_rules_ctx_init(ctx, GGUF_ARCH_OTHER, n_layer, 1, 1, n_expert);
}

/* The rate of a variable-rate format (bpw, or f->bits when bpw is NaN or
 * not positive) into *rate; -1 when an EXL2/EXL3 rate is out of f's range.
 * Other layouts ignore it. */
static int layouts_rate(const qs_format *f, double bpw, double *rate)
{
    *rate = isnan(bpw) || bpw <= 0.0 ? f->bits : bpw;
    return layouts_is_exl(f->layout) && (*rate < f->bits_lo || *rate > f->bits_hi) ? -1 : 0;
}

int64_t layouts_tensor_bytes(const qs_format *f, const qs_tensor *t, double bpw)
{
    int64_t b, budget = 0;
    double rate;

    if (f == NULL || t == NULL || f->layout == FMT_LAYOUT_GGUF ||
        f->layout == FMT_LAYOUT_NONE || (unsigned)f->layout >= FMT_LAYOUT_COUNT ||
        layouts_rate(f, bpw, &rate) != 0)
        return -1;
    b = layouts_tensor(f, t, &budget);
    if (b < 0)
        return -1;
    /* EXL2/EXL3: this tensor's share of the rate, rounded down as the
     * list's total is (budget is 0 for every other layout). */
    return b + (int64_t)((double)budget * rate) / LAYOUTS_BITS_PER_BYTE;
}

int64_t layouts_weight_bytes_ctx(const qs_format *f, const tensor_list *l,
                                 const gguf_rules_ctx *ctx, double bpw)
{
    int64_t total = 0, budget = 0;
    double rate;
    size_t i;

    if (f == NULL || l == NULL)
        return -1;
    if (f->layout == FMT_LAYOUT_GGUF) {
        gguf_rules_ctx own;

        if (f->gguf < 0 || f->gguf >= GGUF_FTYPE_COUNT)
            return -1;
        if (ctx == NULL) {
            layouts_gguf_ctx(l, &own);
            ctx = &own;
        }
        return gguf_rules_predict_bytes((gguf_ftype)f->gguf, l, ctx);
    }
    if (f->layout == FMT_LAYOUT_NONE || (unsigned)f->layout >= FMT_LAYOUT_COUNT)
        return -1;
    if (layouts_rate(f, bpw, &rate) != 0)
        return -1;
    for (i = 0; i < l->n; i++) {
        int64_t b = layouts_tensor(f, &l->t[i], &budget);

        if (b < 0)
            return -1;
        total += b;
    }
    if (layouts_is_exl(f->layout))
        total += (int64_t)((double)budget * rate) / LAYOUTS_BITS_PER_BYTE;
    return total;
}

int64_t layouts_weight_bytes(const qs_format *f, const tensor_list *l, double bpw)
{
    return layouts_weight_bytes_ctx(f, l, NULL, bpw);
}

int layouts_quantized(const qs_format *f, const qs_tensor *t)
{
    layouts_class c;

    if (f == NULL || t == NULL || f->layout == FMT_LAYOUT_GGUF ||
        f->layout == FMT_LAYOUT_NONE || (unsigned)f->layout >= FMT_LAYOUT_COUNT)
        return -1;
    c = layouts_classify(t);
    if (c == LAYOUTS_T_SKIP || f->layout == FMT_LAYOUT_DENSE)
        return 0;
    return layouts_quantizes(f->layout, c);
}
