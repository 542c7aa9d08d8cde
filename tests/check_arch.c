/* check_arch.c - unit tests for model/arch: architectures as data, their
 * expansion into GGUF tensors, and the parameter counts that follow. Each
 * architecture is written from its config.json (../shared/reference/models.tsv
 * and models-2026.md; the 2026 ones from the verbatim copies in
 * ai-dynamo/aiconfigurator model_configs/). Expected counts are published
 * exact figures; where a publisher counts otherwise the comment gives the
 * exact difference and its cause. */
#include <check.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "model/arch.h"

/* Room for the largest expansion here (DeepSeek-V3 + MTP: 62 blocks). */
#define BUF_TENSORS 4096

static qs_tensor buf[BUF_TENSORS];

static tensor_list expand(const qs_arch *a)
{
    tensor_list l = { buf, 0, BUF_TENSORS, 0 };

    ck_assert_int_eq(arch_expand(a, &l), 0);
    ck_assert_int_eq(l.overflow, 0);
    ck_assert_uint_eq(l.n, arch_tensor_count(a));
    /* The buffer-free count and the list agree. */
    ck_assert(tensors_total(&l) == arch_param_count(a));
    return l;
}

static const qs_tensor *find(const tensor_list *l, const char *name)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        if (strcmp(l->t[i].name, name) == 0)
            return &l->t[i];
    return NULL;
}

/* `name` exists with these dimensions. */
static void shape(const tensor_list *l, const char *name, int n_dims, int64_t ne0, int64_t ne1,
                  int64_t ne2)
{
    const qs_tensor *t = find(l, name);

    ck_assert_msg(t != NULL, "no tensor %s", name);
    ck_assert_int_eq(t->n_dims, n_dims);
    ck_assert(t->ne[0] == ne0);
    ck_assert(t->ne[1] == ne1);
    ck_assert(t->ne[2] == ne2);
}

/* ---- the architectures --------------------------------------------------- */

static const qs_arch llama31_8b = {
    .name = "Llama-3.1-8B", .layers = 32, .hidden = 4096, .vocab = 128256,
    .heads = 32, .kv_heads = 8, .ffn_dim = 14336,
};
static const qs_arch llama31_70b = {
    .name = "Llama-3.1-70B", .layers = 80, .hidden = 8192, .vocab = 128256,
    .heads = 64, .kv_heads = 8, .ffn_dim = 28672,
};
static const qs_arch llama32_1b = {
    .name = "Llama-3.2-1B", .layers = 16, .hidden = 2048, .vocab = 128256, .tied_embeddings = 1,
    .heads = 32, .kv_heads = 8, .head_dim_k = 64, .ffn_dim = 8192,
};
static const qs_arch qwen25_7b = {
    .name = "Qwen2.5-7B", .layers = 28, .hidden = 3584, .vocab = 152064,
    .heads = 28, .kv_heads = 4, .qkv_bias = 1, .ffn_dim = 18944,
};
static const qs_arch mixtral_8x7b = {
    .name = "Mixtral-8x7B", .layers = 32, .hidden = 4096, .vocab = 32000,
    .heads = 32, .kv_heads = 8,
    .moe = { .experts = 8, .active = 2, .expert_dim = 14336 },
};
static const qs_arch qwen3_30b_a3b = {
    .name = "Qwen3-30B-A3B", .layers = 48, .hidden = 2048, .vocab = 151936,
    .heads = 32, .kv_heads = 4, .head_dim_k = 128, .qk_norm = 1,
    .moe = { .experts = 128, .active = 8, .expert_dim = 768 },
};

/* gpt-oss: layer_types alternate sliding_attention (window 128) and
 * full_attention, starting with sliding; biases on q/k/v/o, the router and
 * the experts; one sink per head. */
#define GPT_OSS(nm, nl, ne) {                                                       \
    .name = nm, .layers = nl, .hidden = 2880, .vocab = 201088,                      \
    .norms = ARCH_NORM_PRE_POST, .heads = 64, .kv_heads = 8, .head_dim_k = 64,      \
    .qkv_bias = 1, .out_bias = 1, .sinks = 1,                                       \
    .mixer = ARCH_ATTN_SWA, .span = 128, .full_period = 2, .full_index = 1,         \
    .moe = { .experts = ne, .active = 4, .expert_dim = 2880, .router_bias = 1,      \
             .expert_bias = 1 },                                                    \
}

static const qs_arch gpt_oss_120b = GPT_OSS("gpt-oss-120b", 36, 128);
static const qs_arch gpt_oss_20b = GPT_OSS("gpt-oss-20b", 24, 32);

/* DeepSeek-V3 (config of nvidia/DeepSeek-V3.1-NVFP4, same shapes as V3). */
#define DEEPSEEK_V3                                                                 \
    .name = "DeepSeek-V3", .layers = 61, .hidden = 7168, .vocab = 129280,           \
    .heads = 128, .kv_heads = 128,                                                  \
    .mla = { .q_lora_rank = 1536, .kv_lora_rank = 512, .qk_nope_head_dim = 128,     \
             .qk_rope_head_dim = 64, .v_head_dim = 128 },                           \
    .ffn_dim = 18432, .dense_first = 3,                                             \
    .moe = { .experts = 256, .active = 8, .shared = 1, .expert_dim = 2048,          \
             .score_bias = 1 }

static const qs_arch deepseek_v3 = { DEEPSEEK_V3 };
static const qs_arch deepseek_v3_mtp = { DEEPSEEK_V3, .nextn_layers = 1, .nextn_own_head = 1 };

/* Gemma-2-9B: head_dim 256 (q is 4096 wide, not 3584), tied embeddings,
 * a norm after attention and after the FFN too; even layers slide (4096). */
static const qs_arch gemma2_9b = {
    .name = "Gemma-2-9B", .layers = 42, .hidden = 3584, .vocab = 256000, .tied_embeddings = 1,
    .norms = ARCH_NORM_SANDWICH, .heads = 16, .kv_heads = 8, .head_dim_k = 256,
    .mixer = ARCH_ATTN_SWA, .span = 4096, .full_period = 2, .full_index = 1,
    .ffn_dim = 14336,
};

/* Qwen3-Next-80B-A3B: 3 Gated DeltaNet layers then 1 full (interval 4);
 * full layers gate their output (attn_q twice as wide) and norm q and k;
 * 512 experts + 1 shared of 512 with a sigmoid gate; one MTP layer. */
#define QWEN3_NEXT                                                                  \
    .name = "Qwen3-Next-80B-A3B", .layers = 48, .hidden = 2048, .vocab = 151936,    \
    .norms = ARCH_NORM_PRE_POST, .heads = 16, .kv_heads = 2, .head_dim_k = 256,     \
    .qk_norm = 1, .q_gate = 1,                                                      \
    .mixer = ARCH_ATTN_LINEAR, .full_period = 4, .full_index = 3,                   \
    .linear = { .k_heads = 16, .v_heads = 32, .k_head_dim = 128, .v_head_dim = 128, \
                .conv_kernel = 4 },                                                 \
    .moe = { .experts = 512, .active = 10, .shared = 1, .expert_dim = 512,          \
             .shared_dim = 512, .shared_gate = 1 }

static const qs_arch qwen3_next = { QWEN3_NEXT };
static const qs_arch qwen3_next_mtp = { QWEN3_NEXT, .nextn_layers = 1 };

/* Nemotron-3-Nano-30B-A3B: hybrid_override_pattern verbatim; Mamba2 blocks
 * (64 heads of 64, 8 groups, state 128, conv 4 with bias), relu2 experts
 * (up and down only), one shared expert of 3712, sigmoid routing with a
 * score correction bias. */
static const qs_arch nemotron3_nano = {
    .name = "Nemotron-3-Nano-30B-A3B", .layers = 52, .hidden = 2688, .vocab = 131072,
    .norms = ARCH_NORM_SINGLE, .heads = 32, .kv_heads = 2, .head_dim_k = 128,
    .pattern = "MEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEMEM*EMEMEMEME",
    .ssm = { .heads = 64, .head_dim = 64, .groups = 8, .state = 128, .conv_kernel = 4,
             .conv_bias = 1 },
    .ffn_ungated = 1, .ffn_dim = 1856,
    .moe = { .experts = 128, .active = 6, .shared = 1, .expert_dim = 1856,
             .shared_dim = 3712, .score_bias = 1 },
};

/* The compiled catalog's older models (../shared/reference/models.tsv; llama.cpp
 * src/models/gpt2.cpp, bloom.cpp, falcon.cpp): LayerNorms with biases, a fused
 * attn_qkv, an ungated GELU MLP, tied output. GPT-2 learns 1024 positions and
 * biases every projection; BLOOM norms its embedding; Falcon-180B runs attention
 * and MLP in parallel on two norms, no biases. */
#define LEGACY .tied_embeddings = 1, .norm_bias = 1, .fused_qkv = 1, .ffn_ungated = 1
static const qs_arch gpt2 = {
    LEGACY, .layers = 12, .hidden = 768, .vocab = 50257, .pos_embd = 1024, .heads = 12,
    .kv_heads = 12, .qkv_bias = 1, .out_bias = 1, .ffn_dim = 3072, .ffn_bias = 1,
};
static const qs_arch bloom = {
    LEGACY, .layers = 70, .hidden = 14336, .vocab = 250880, .embd_norm = 1, .heads = 112,
    .kv_heads = 112, .qkv_bias = 1, .out_bias = 1, .ffn_dim = 57344, .ffn_bias = 1,
};
static const qs_arch falcon180b = {
    LEGACY, .layers = 80, .hidden = 14848, .vocab = 65024, .norms = ARCH_NORM_SINGLE,
    .attn_norm_2 = 1, .heads = 232, .kv_heads = 8, .head_dim_k = 64, .ffn_dim = 59392,
};

/* ---- parameter counts ---------------------------------------------------- */

START_TEST(test_dense_llama_qwen)
{
    qs_arch vision = llama31_8b;

    /* models.tsv total_params_exact_derived; HF safetensors totals. */
    ck_assert(arch_param_count(&llama31_8b) == INT64_C(8030261248));
    vision.vision_params = 1000;   /* counted apart */
    ck_assert(arch_param_count(&vision) == INT64_C(8030261248));
    ck_assert(arch_param_count(&llama31_70b) == INT64_C(70553706496));
    /* Tied: no output.weight. */
    ck_assert(arch_param_count(&llama32_1b) == INT64_C(1235814400));
    /* q/k/v biases: (3584 + 512 + 512) x 28 = 129024 of them. */
    ck_assert(arch_param_count(&qwen25_7b) == INT64_C(7615616512));
}
END_TEST

START_TEST(test_gemma2_and_moe)
{
    qs_arch no_post = gemma2_9b;

    ck_assert(arch_param_count(&gemma2_9b) == INT64_C(9241705984));
    /* The two extra norms per layer: 2 x 42 x 3584. */
    no_post.norms = ARCH_NORM_PRE;
    ck_assert(arch_param_count(&gemma2_9b) - arch_param_count(&no_post) == 2 * 42 * 3584);
    ck_assert(arch_param_count(&mixtral_8x7b) == INT64_C(46702792704));
    /* Published 30532122624 (HF safetensors total): exact, q/k norms included. */
    ck_assert(arch_param_count(&qwen3_30b_a3b) == INT64_C(30532122624));
}
END_TEST

START_TEST(test_gpt_oss)
{
    /* Published "116.83B" (OpenAI); the exact 116829156672 is the GGUF
     * general.parameter_count Ollama reports for gpt-oss:120b, and a
     * static inspection of the 687-tensor GGUF found the same. Sinks
     * (64 per layer) and every bias are in it. */
    ck_assert(arch_param_count(&gpt_oss_120b) == INT64_C(116829156672));
    ck_assert_uint_eq(arch_tensor_count(&gpt_oss_120b), 687);
    /* gpt-oss-20b: 20914757184 (Ollama general.parameter_count), and
     * llama.cpp logs "459 tensors" for ggml-org/gpt-oss-20b-GGUF. */
    ck_assert(arch_param_count(&gpt_oss_20b) == INT64_C(20914757184));
    ck_assert_uint_eq(arch_tensor_count(&gpt_oss_20b), 459);
}
END_TEST

START_TEST(test_deepseek_v3_mla)
{
    qs_arch fused = deepseek_v3;

    /* models.tsv: 671026419200, the main model without the MTP layer. */
    ck_assert(arch_param_count(&deepseek_v3) == INT64_C(671026419200));
    /* With the MTP layer as the checkpoint stores it (its own embed_tokens
     * and shared_head.head copies): 684489845504. The published HF total
     * 684531386000 is 41540496 more: the FP8 weight_scale_inv tensors, one
     * F32 per 128 x 128 block of every FP8 projection in the 61 + 1 layers,
     * which a GGUF (dequantised) does not carry. */
    ck_assert(arch_param_count(&deepseek_v3_mtp) == INT64_C(684489845504));
    ck_assert(INT64_C(684531386000) - arch_param_count(&deepseek_v3_mtp) == 41540496);
    /* Fused attn_kv_b or split attn_k_b + attn_v_b: the same elements. */
    fused.mla.fused_kv_b = 1;
    ck_assert(arch_param_count(&fused) == arch_param_count(&deepseek_v3));
    ck_assert_uint_eq(arch_tensor_count(&fused) + 61, arch_tensor_count(&deepseek_v3));
}
END_TEST

START_TEST(test_hybrid_qwen3_next)
{
    qs_arch split = qwen3_next;

    /* 79674391296: llama.cpp n_params of Qwen3-Next / Qwen3-Coder-Next
     * GGUFs (no MTP) and the HF total of Qwen3-Coder-Next (same shapes). */
    ck_assert(arch_param_count(&qwen3_next) == INT64_C(79674391296));
    /* 81324862720: HF total of Qwen3-Next-80B-A3B-Instruct, which ships the
     * MTP layer (mtp.fc, two pre-norms, one full-attention MoE layer, a norm). */
    ck_assert(arch_param_count(&qwen3_next_mtp) == INT64_C(81324862720));
    /* Newer converters split ssm_in into attn_qkv + attn_gate: same count. */
    split.linear.split_qkv = 1;
    ck_assert(arch_param_count(&split) == arch_param_count(&qwen3_next));
    ck_assert_uint_eq(arch_tensor_count(&split), arch_tensor_count(&qwen3_next) + 36);
}
END_TEST

START_TEST(test_hybrid_nemotron_nano)
{
    /* 31577940288: llama-bench model_n_params for unsloth's
     * Nemotron-3-Nano-30B-A3B GGUF, 401 tensors. The HF safetensors total,
     * 31577937344, is 2944 less: it leaves out the 23 x 128
     * e_score_correction_bias buffers (exp_probs_b.bias in the GGUF). */
    ck_assert(arch_param_count(&nemotron3_nano) == INT64_C(31577940288));
    ck_assert_uint_eq(arch_tensor_count(&nemotron3_nano), 401);
    ck_assert(arch_param_count(&nemotron3_nano) - INT64_C(31577937344) == 23 * 128);
}
END_TEST

START_TEST(test_legacy_families)
{
    tensor_list l = expand(&gpt2);

    /* GPT-2 124M 124439808 (models.tsv, mlc-ai preset); BLOOM-176B
     * 176,247,271,424 (model card); Falcon-180B tied 178557088768 (models.tsv,
     * derived; an untied output would add 65024 x 14848 = 965476352). */
    ck_assert(arch_param_count(&gpt2) == INT64_C(124439808));
    ck_assert(arch_param_count(&bloom) == INT64_C(176247271424));
    ck_assert(arch_param_count(&falcon180b) == INT64_C(178557088768));
    ck_assert_uint_eq(l.n, 4 + 12 * 12);
    shape(&l, "position_embd.weight", 2, 768, 1024, 1);
    shape(&l, "blk.0.attn_qkv.bias", 1, 2304, 1, 1);
    shape(&l, "blk.11.ffn_norm.bias", 1, 768, 1, 1);
    ck_assert_ptr_null(find(&l, "blk.0.ffn_gate.weight"));
    l = expand(&falcon180b);
    shape(&l, "blk.79.attn_qkv.weight", 2, 14848, 14848 + 2 * 8 * 64, 1);
    shape(&l, "blk.79.attn_norm_2.bias", 1, 14848, 1, 1);
    ck_assert_ptr_null(find(&l, "blk.0.ffn_norm.weight"));
}
END_TEST

/* ---- tensor lists and shapes --------------------------------------------- */

START_TEST(test_llama31_8b_tensors)
{
    qs_arch rope = llama31_8b;
    tensor_list l;

    /* token_embd, output_norm, output + 32 x 9: what Llama-3 (3.0) files
     * and Llama-3.1 files converted before llama.cpp added rope_freqs hold. */
    ck_assert_uint_eq(arch_tensor_count(&llama31_8b), 291);
    /* Llama-3.1 files converted since then also hold rope_freqs.weight
     * (64 F32): 292, which older loaders refused with "wrong number of
     * tensors; expected 292, got 291" (llamafile #516, LM Studio #77). */
    rope.rope_freqs = 1;
    ck_assert_uint_eq(arch_tensor_count(&rope), 292);
    ck_assert(arch_param_count(&rope) == INT64_C(8030261248) + 64);

    l = expand(&rope);
    shape(&l, "blk.0.attn_k.weight", 2, 4096, 1024, 1);
    shape(&l, "blk.0.attn_q.weight", 2, 4096, 4096, 1);
    shape(&l, "blk.31.ffn_down.weight", 2, 14336, 4096, 1);
    shape(&l, "blk.31.ffn_gate.weight", 2, 4096, 14336, 1);
    shape(&l, "token_embd.weight", 2, 4096, 128256, 1);
    shape(&l, "output.weight", 2, 4096, 128256, 1);
    shape(&l, "output_norm.weight", 1, 4096, 1, 1);
    shape(&l, "rope_freqs.weight", 1, 64, 1, 1);
    ck_assert(find(&l, "blk.0.attn_k.weight")->role == TENSOR_ATTN_K &&
              find(&l, "blk.0.attn_k.weight")->layer == 0);
    ck_assert_int_eq(find(&l, "token_embd.weight")->layer, -1);
    ck_assert_ptr_null(find(&l, "blk.32.attn_norm.weight"));
}
END_TEST

START_TEST(test_tied_and_bias_tensors)
{
    tensor_list l = expand(&llama32_1b);

    ck_assert_uint_eq(l.n, 2 + 16 * 9);
    ck_assert_ptr_null(find(&l, "output.weight"));
    shape(&l, "blk.15.attn_v.weight", 2, 2048, 512, 1);
    l = expand(&qwen25_7b);
    shape(&l, "blk.0.attn_q.bias", 1, 3584, 1, 1);
    shape(&l, "blk.27.attn_k.bias", 1, 512, 1, 1);
    ck_assert_int_eq(find(&l, "blk.0.attn_v.bias")->role, TENSOR_BIAS);
    ck_assert_ptr_null(find(&l, "blk.0.attn_output.bias"));
    l = expand(&gemma2_9b);
    shape(&l, "blk.0.attn_q.weight", 2, 3584, 4096, 1);
    shape(&l, "blk.0.attn_output.weight", 2, 4096, 3584, 1);
    shape(&l, "blk.41.post_ffw_norm.weight", 1, 3584, 1, 1);
    shape(&l, "blk.41.post_attention_norm.weight", 1, 3584, 1, 1);
}
END_TEST

START_TEST(test_moe_tensors)
{
    tensor_list l = expand(&mixtral_8x7b);

    shape(&l, "blk.0.ffn_gate_exps.weight", 3, 4096, 14336, 8);
    shape(&l, "blk.0.ffn_down_exps.weight", 3, 14336, 4096, 8);
    shape(&l, "blk.0.ffn_gate_inp.weight", 2, 4096, 8, 1);
    ck_assert_int_eq(find(&l, "blk.0.ffn_gate_inp.weight")->role, TENSOR_FFN_GATE_INP);
    ck_assert_ptr_null(find(&l, "blk.0.ffn_gate.weight"));
    l = expand(&qwen3_30b_a3b);
    shape(&l, "blk.0.attn_q.weight", 2, 2048, 4096, 1);
    shape(&l, "blk.0.attn_q_norm.weight", 1, 128, 1, 1);
    shape(&l, "blk.47.ffn_up_exps.weight", 3, 2048, 768, 128);
    l = expand(&gpt_oss_120b);
    shape(&l, "blk.0.attn_sinks.weight", 1, 64, 1, 1);
    shape(&l, "blk.0.attn_output.bias", 1, 2880, 1, 1);
    shape(&l, "blk.0.ffn_gate_inp.bias", 1, 128, 1, 1);
    shape(&l, "blk.0.ffn_up_exps.bias", 2, 2880, 128, 1);
    shape(&l, "blk.0.ffn_down_exps.bias", 2, 2880, 128, 1);
    shape(&l, "blk.35.post_attention_norm.weight", 1, 2880, 1, 1);
    ck_assert_ptr_null(find(&l, "blk.0.ffn_norm.weight"));
    ck_assert_int_eq(find(&l, "blk.0.attn_sinks.weight")->role, TENSOR_ATTN_SINKS);
}
END_TEST

START_TEST(test_mla_tensors)
{
    qs_arch fused = deepseek_v3;
    tensor_list l = expand(&deepseek_v3_mtp);

    shape(&l, "blk.0.attn_q_a.weight", 2, 7168, 1536, 1);
    shape(&l, "blk.0.attn_q_a_norm.weight", 1, 1536, 1, 1);
    shape(&l, "blk.0.attn_q_b.weight", 2, 1536, 128 * 192, 1);
    shape(&l, "blk.0.attn_kv_a_mqa.weight", 2, 7168, 576, 1);
    shape(&l, "blk.0.attn_kv_a_norm.weight", 1, 512, 1, 1);
    shape(&l, "blk.0.attn_k_b.weight", 3, 128, 512, 128);
    shape(&l, "blk.0.attn_v_b.weight", 3, 512, 128, 128);
    shape(&l, "blk.0.attn_output.weight", 2, 16384, 7168, 1);
    shape(&l, "blk.2.ffn_gate.weight", 2, 7168, 18432, 1);
    ck_assert_ptr_null(find(&l, "blk.2.ffn_gate_exps.weight"));
    shape(&l, "blk.3.exp_probs_b.bias", 1, 256, 1, 1);
    shape(&l, "blk.3.ffn_gate_exps.weight", 3, 7168, 2048, 256);
    shape(&l, "blk.3.ffn_down_shexp.weight", 2, 2048, 7168, 1);
    ck_assert_ptr_null(find(&l, "blk.3.ffn_gate.weight"));
    /* The MTP block is blk.61, a MoE layer with the nextn tensors. */
    shape(&l, "blk.61.nextn.eh_proj.weight", 2, 14336, 7168, 1);
    shape(&l, "blk.61.nextn.embed_tokens.weight", 2, 7168, 129280, 1);
    shape(&l, "blk.61.nextn.shared_head_head.weight", 2, 7168, 129280, 1);
    shape(&l, "blk.61.ffn_up_exps.weight", 3, 7168, 2048, 256);
    ck_assert_ptr_null(find(&l, "blk.60.nextn.enorm.weight"));
    fused.mla.fused_kv_b = 1;
    l = expand(&fused);
    shape(&l, "blk.0.attn_kv_b.weight", 2, 512, 128 * 256, 1);
    ck_assert_int_eq(find(&l, "blk.0.attn_kv_b.weight")->role, TENSOR_ATTN_KV_B);
    ck_assert_ptr_null(find(&l, "blk.0.attn_k_b.weight"));
}
END_TEST

START_TEST(test_hybrid_tensors)
{
    tensor_list l = expand(&qwen3_next_mtp);

    /* Full layer 3: q and its gate. */
    shape(&l, "blk.3.attn_q.weight", 2, 2048, 16 * 256 * 2, 1);
    shape(&l, "blk.3.attn_k.weight", 2, 2048, 512, 1);
    shape(&l, "blk.3.attn_k_norm.weight", 1, 256, 1, 1);
    ck_assert_ptr_null(find(&l, "blk.3.ssm_in.weight"));
    /* Linear layer 0: fused q, k, v, z; conv over q, k, v. */
    shape(&l, "blk.0.ssm_in.weight", 2, 2048, 2 * 2048 + 2 * 4096, 1);
    shape(&l, "blk.0.ssm_conv1d.weight", 2, 4, 8192, 1);
    shape(&l, "blk.0.ssm_beta_alpha.weight", 2, 2048, 64, 1);
    shape(&l, "blk.0.ssm_a", 1, 32, 1, 1);
    shape(&l, "blk.0.ssm_norm.weight", 1, 128, 1, 1);
    shape(&l, "blk.0.ssm_out.weight", 2, 4096, 2048, 1);
    ck_assert_ptr_null(find(&l, "blk.0.attn_q.weight"));
    shape(&l, "blk.0.ffn_gate_inp_shexp.weight", 1, 2048, 1, 1);
    shape(&l, "blk.0.ffn_up_shexp.weight", 2, 2048, 512, 1);
    shape(&l, "blk.0.post_attention_norm.weight", 1, 2048, 1, 1);
    /* The MTP block blk.48 is full attention, without its own head. */
    shape(&l, "blk.48.attn_q.weight", 2, 2048, 8192, 1);
    shape(&l, "blk.48.nextn.eh_proj.weight", 2, 4096, 2048, 1);
    ck_assert_ptr_null(find(&l, "blk.48.nextn.embed_tokens.weight"));

    l = expand(&nemotron3_nano);
    shape(&l, "blk.0.ssm_in.weight", 2, 2688, 2 * 4096 + 2 * 8 * 128 + 64, 1);
    shape(&l, "blk.0.ssm_conv1d.weight", 2, 4, 6144, 1);
    shape(&l, "blk.0.ssm_conv1d.bias", 1, 6144, 1, 1);
    shape(&l, "blk.0.ssm_a", 2, 1, 64, 1);
    shape(&l, "blk.0.ssm_d", 2, 1, 64, 1);
    shape(&l, "blk.0.ssm_norm.weight", 2, 512, 8, 1);
    shape(&l, "blk.1.ffn_up_exps.weight", 3, 2688, 1856, 128);
    shape(&l, "blk.1.ffn_down_exps.weight", 3, 1856, 2688, 128);
    shape(&l, "blk.1.ffn_down_shexp.weight", 2, 3712, 2688, 1);
    shape(&l, "blk.1.exp_probs_b.bias", 1, 128, 1, 1);
    ck_assert_ptr_null(find(&l, "blk.1.ffn_gate_exps.weight"));
    ck_assert_ptr_null(find(&l, "blk.1.ffn_norm.weight"));
    shape(&l, "blk.5.attn_k.weight", 2, 2688, 256, 1);
    shape(&l, "blk.5.attn_norm.weight", 1, 2688, 1, 1);
    ck_assert_ptr_null(find(&l, "blk.5.ffn_up.weight"));
}
END_TEST

/* ---- per-layer view ------------------------------------------------------ */

START_TEST(test_layer_attention)
{
    arch_layer_attn g;

    g = arch_layer_attention(&gpt_oss_120b, 0);
    ck_assert_int_eq(g.kind, ARCH_ATTN_SWA);
    ck_assert_int_eq(g.span, 128);
    ck_assert_int_eq(g.kv_heads, 8);
    ck_assert_int_eq(g.head_dim_k, 64);
    g = arch_layer_attention(&gpt_oss_120b, 35);
    ck_assert_int_eq(g.kind, ARCH_ATTN_FULL);
    ck_assert_int_eq(g.span, 0);
    ck_assert(arch_layer_attention(&gemma2_9b, 0).kind == ARCH_ATTN_SWA &&
              arch_layer_attention(&gemma2_9b, 0).span == 4096);
    ck_assert_int_eq(arch_layer_attention(&gemma2_9b, 1).kind, ARCH_ATTN_FULL);
    ck_assert_int_eq(arch_layer_attention(&llama31_8b, 31).kind, ARCH_ATTN_FULL);
    ck_assert_int_eq(arch_layer_attention(&llama31_8b, 31).head_dim_k, 128);

    /* DeepSeek-V3: latent 512 + 64 per token, every layer. */
    g = arch_layer_attention(&deepseek_v3, 0);
    ck_assert_int_eq(g.kind, ARCH_ATTN_MLA);
    ck_assert(g.latent == 576);
    ck_assert_int_eq(g.head_dim_k, 192);
    ck_assert_int_eq(g.head_dim_v, 128);
    ck_assert_int_eq(arch_layer_attention(&deepseek_v3_mtp, 61).kind, ARCH_ATTN_MLA);

    /* Qwen3-Next: a 128 x 128 state per value head, conv over 8192 channels. */
    g = arch_layer_attention(&qwen3_next, 0);
    ck_assert_int_eq(g.kind, ARCH_ATTN_LINEAR);
    ck_assert(g.state == 32 * 128 * 128);
    ck_assert(g.conv_state == 3 * 8192);
    g = arch_layer_attention(&qwen3_next, 47);
    ck_assert_int_eq(g.kind, ARCH_ATTN_FULL);
    ck_assert_int_eq(g.kv_heads, 2);
    ck_assert_int_eq(g.head_dim_k, 256);
    ck_assert_int_eq(arch_layer_attention(&qwen3_next_mtp, 48).kind, ARCH_ATTN_FULL);
    ck_assert_int_eq(arch_layer_attention(&qwen3_next, 48).kind, ARCH_ATTN_NONE);

    /* Nemotron-H: d_inner x state, conv over x, B and C. */
    g = arch_layer_attention(&nemotron3_nano, 0);
    ck_assert_int_eq(g.kind, ARCH_ATTN_SSM);
    ck_assert(g.state == 4096 * 128);
    ck_assert(g.conv_state == 3 * (4096 + 2 * 8 * 128));
    ck_assert_int_eq(arch_layer_attention(&nemotron3_nano, 1).kind, ARCH_ATTN_NONE);
    ck_assert_int_eq(arch_layer_attention(&nemotron3_nano, 5).kind, ARCH_ATTN_FULL);
    ck_assert_int_eq(arch_layer_attention(&nemotron3_nano, 5).kv_heads, 2);
    ck_assert_int_eq(arch_layer_attention(&nemotron3_nano, -1).kind, ARCH_ATTN_NONE);
}
END_TEST

START_TEST(test_layer_ffn_patterns)
{
    /* (Llama 4's chunked layers and MoE step, Gemma 4's full-layer KV
     * geometry: tests/check_catalog_data.c, on the catalog's rows.) */
    ck_assert_int_eq(arch_layer_ffn(&deepseek_v3, 2), ARCH_FFN_DENSE);
    ck_assert_int_eq(arch_layer_ffn(&deepseek_v3, 3), ARCH_FFN_MOE);
    ck_assert_int_eq(arch_layer_ffn(&nemotron3_nano, 0), ARCH_FFN_NONE);
    ck_assert_int_eq(arch_layer_ffn(&nemotron3_nano, 1), ARCH_FFN_MOE);
    ck_assert_int_eq(arch_layer_ffn(&llama31_8b, 32), ARCH_FFN_NONE);
    ck_assert_int_eq(arch_block_count(&deepseek_v3_mtp), 62);
}
END_TEST

/* ---- bad input ----------------------------------------------------------- */

START_TEST(test_invalid)
{
    qs_arch a = llama31_8b;
    qs_arch n = nemotron3_nano;
    qs_arch m = mixtral_8x7b;
    tensor_list l = { buf, 0, BUF_TENSORS, 0 };

    ck_assert_int_eq(arch_valid(&llama31_8b), 1);
    ck_assert_int_eq(arch_valid(NULL), 0);
    a.layers = 0;
    ck_assert(arch_param_count(&a) == -1);
    ck_assert_uint_eq(arch_tensor_count(&a), 0);
    ck_assert_int_eq(arch_expand(&a, &l), -1);
    ck_assert_uint_eq(l.n, 0);
    ck_assert_int_eq(arch_expand(&llama31_8b, NULL), -1);
    a = llama31_8b;
    a.heads = 33;          /* 4096 / 33 is no head size */
    ck_assert_int_eq(arch_valid(&a), 0);
    a.heads = 0;           /* none to divide by */
    ck_assert_int_eq(arch_valid(&a), 0);
    a = qwen3_next;        /* widths whose products would overflow */
    a.linear.k_heads = a.linear.k_head_dim = a.nextn_layers = INT_MAX;
    ck_assert_int_eq(arch_valid(&a), 0);
    a = llama31_8b;
    a.mixer = ARCH_ATTN_SWA;   /* a window of 0 tokens */
    ck_assert_int_eq(arch_valid(&a), 0);
    a = llama31_8b;
    a.full_period = a.full_index = 2;
    ck_assert_int_eq(arch_valid(&a), 0);
    a = llama31_8b;
    a.hidden = INT64_C(1) << 40;
    ck_assert_int_eq(arch_valid(&a), 0);
    n.pattern = "MEM";     /* shorter than 52 layers */
    ck_assert_int_eq(arch_valid(&n), 0);
    n.pattern = "MEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEMEM*EMEMEMEMEX";
    ck_assert_int_eq(arch_valid(&n), 0);
    n.pattern = "MEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEMEM*EMEMEMEMEME";
    ck_assert_int_eq(arch_valid(&n), 0);   /* longer */
    m.moe.active = 9;
    ck_assert_int_eq(arch_valid(&m), 0);
    m = mixtral_8x7b;
    m.dense_first = 1;     /* a dense layer without ffn_dim */
    ck_assert_int_eq(arch_valid(&m), 0);
    ck_assert_int_eq(arch_layer_attention(&a, 0).kind, ARCH_ATTN_NONE);
    /* A list too short: full, with the overflow flagged. */
    l.cap = 10;
    ck_assert_int_eq(arch_expand(&llama31_8b, &l), -1);
    ck_assert(l.overflow == 1 && l.n == 10);
}
END_TEST

static Suite *arch_suite(void)
{
    Suite *s = suite_create("arch");
    TCase *counts = tcase_create("counts");
    TCase *tensors = tcase_create("tensors");
    TCase *layers = tcase_create("layers");

    tcase_add_test(counts, test_dense_llama_qwen);
    tcase_add_test(counts, test_gemma2_and_moe);
    tcase_add_test(counts, test_gpt_oss);
    tcase_add_test(counts, test_deepseek_v3_mla);
    tcase_add_test(counts, test_hybrid_qwen3_next);
    tcase_add_test(counts, test_hybrid_nemotron_nano);
    tcase_add_test(counts, test_legacy_families);
    suite_add_tcase(s, counts);
    tcase_add_test(tensors, test_llama31_8b_tensors);
    tcase_add_test(tensors, test_tied_and_bias_tensors);
    tcase_add_test(tensors, test_moe_tensors);
    tcase_add_test(tensors, test_mla_tensors);
    tcase_add_test(tensors, test_hybrid_tensors);
    suite_add_tcase(s, tensors);
    tcase_add_test(layers, test_layer_attention);
    tcase_add_test(layers, test_layer_ffn_patterns);
    tcase_add_test(layers, test_invalid);
    suite_add_tcase(s, layers);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(arch_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
