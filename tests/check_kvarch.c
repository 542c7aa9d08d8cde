/* check_kvarch.c - unit tests for model/kvarch: the KV cache and recurrent
 * state that follow an architecture's layers.
 *
 * The architectures are copied from tests/check_arch.c (same field values,
 * from config.json via ../shared/reference/models-2026.md). Every expected
 * figure is exact: sums of integers well inside a double's 2^53. */
#include <check.h>
#include <stdlib.h>

#include "model/kvarch.h"
#include "model/kvcache.h"
#include "model/memory.h"

/* Bytes in one MiB. */
#define BYTES_PER_MIB 1048576.0

/* ---- the architectures (as in check_arch.c) ------------------------------ */

static const qs_arch llama31_8b = {
    .name = "Llama-3.1-8B", .layers = 32, .hidden = 4096, .vocab = 128256,
    .heads = 32, .kv_heads = 8, .ffn_dim = 14336,
};

static const qs_arch gpt_oss_120b = {
    .name = "gpt-oss-120b", .layers = 36, .hidden = 2880, .vocab = 201088,
    .norms = ARCH_NORM_PRE_POST, .heads = 64, .kv_heads = 8, .head_dim_k = 64,
    .qkv_bias = 1, .out_bias = 1, .sinks = 1,
    .mixer = ARCH_ATTN_SWA, .span = 128, .full_period = 2, .full_index = 1,
    .moe = { .experts = 128, .active = 4, .expert_dim = 2880, .router_bias = 1,
             .expert_bias = 1 },
};

static const qs_arch deepseek_v3 = {
    .name = "DeepSeek-V3", .layers = 61, .hidden = 7168, .vocab = 129280,
    .heads = 128, .kv_heads = 128,
    .mla = { .q_lora_rank = 1536, .kv_lora_rank = 512, .qk_nope_head_dim = 128,
             .qk_rope_head_dim = 64, .v_head_dim = 128 },
    .ffn_dim = 18432, .dense_first = 3,
    .moe = { .experts = 256, .active = 8, .shared = 1, .expert_dim = 2048,
             .score_bias = 1 },
};

static const qs_arch gemma2_9b = {
    .name = "Gemma-2-9B", .layers = 42, .hidden = 3584, .vocab = 256000, .tied_embeddings = 1,
    .norms = ARCH_NORM_SANDWICH, .heads = 16, .kv_heads = 8, .head_dim_k = 256,
    .mixer = ARCH_ATTN_SWA, .span = 4096, .full_period = 2, .full_index = 1,
    .ffn_dim = 14336,
};

static const qs_arch qwen3_next = {
    .name = "Qwen3-Next-80B-A3B", .layers = 48, .hidden = 2048, .vocab = 151936,
    .norms = ARCH_NORM_PRE_POST, .heads = 16, .kv_heads = 2, .head_dim_k = 256,
    .qk_norm = 1, .q_gate = 1,
    .mixer = ARCH_ATTN_LINEAR, .full_period = 4, .full_index = 3,
    .linear = { .k_heads = 16, .v_heads = 32, .k_head_dim = 128, .v_head_dim = 128,
                .conv_kernel = 4 },
    .moe = { .experts = 512, .active = 10, .shared = 1, .expert_dim = 512,
             .shared_dim = 512, .shared_gate = 1 },
};

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

/* Llama-4-Maverick-like (check_arch.c test_layer_ffn_patterns): chunked
 * (8192), every 4th layer full. */
static const qs_arch maverick = {
    .layers = 48, .hidden = 5120, .vocab = 202048, .heads = 40, .kv_heads = 8,
    .head_dim_k = 128, .mixer = ARCH_ATTN_CHUNKED, .span = 8192, .full_period = 4,
    .full_index = 3, .ffn_dim = 16384, .moe_step = 2,
    .moe = { .experts = 128, .active = 1, .shared = 1, .expert_dim = 8192 },
};

/* The parts add up to the total. */
static void sums(const kvarch_breakdown *b, double total)
{
    double s = 0.0;
    int k;

    for (k = 0; k < KVARCH_KINDS; k++)
        s += b->bytes[k];
    ck_assert(s == total);
}

/* ---- tests --------------------------------------------------------------- */

START_TEST(test_llama31_8b_one_gib)
{
    kvarch_breakdown b;
    double t = kvarch_size(&llama31_8b, 8192, KV_BITS_F16, 1, &b);

    /* 32 x 8 x (128 + 128) x 2 B = 131072 B/tok (models-2026.md) x 8192. */
    ck_assert(t == MEMORY_BYTES_PER_GIB);
    ck_assert(b.per_token == 131072.0);
    ck_assert_int_eq(b.layers[ARCH_ATTN_FULL], 32);
    ck_assert(b.bytes[ARCH_ATTN_FULL] == t);
    ck_assert(b.bounded == 0.0 && b.fixed == 0.0);
    sums(&b, t);
    /* Batch and cache type scale it linearly. */
    ck_assert(kvarch_size(&llama31_8b, 8192, KV_BITS_F16, 4, NULL) == 4.0 * t);
    ck_assert(kvarch_size(&llama31_8b, 8192, KV_BITS_Q8_0, 1, NULL) == t * 8.5 / 16.0);
}
END_TEST

START_TEST(test_gpt_oss_120b)
{
    kvarch_breakdown b;
    double t = kvarch_size(&gpt_oss_120b, 131072, KV_BITS_F16, 1, &b);

    /* Per layer 8 x (64 + 64) x 2 B = 2048 B/tok. 18 full layers: 36864
     * B/tok (models-2026.md) x 131072 = 4831838208 (4.5 GiB); 18 SWA layers
     * hold llama.cpp's window cells: 128 + 512 (n_ubatch) padded to 256 =
     * 768 tokens: 18 x 768 x 2048 = 28311552. */
    ck_assert_int_eq(b.layers[ARCH_ATTN_FULL], 18);
    ck_assert_int_eq(b.layers[ARCH_ATTN_SWA], 18);
    ck_assert(b.per_token == 36864.0);
    ck_assert(b.bytes[ARCH_ATTN_FULL] == 4831838208.0);
    ck_assert(b.bytes[ARCH_ATTN_SWA] == 28311552.0);
    ck_assert(b.bounded == 28311552.0);
    ck_assert(t == 4831838208.0 + 28311552.0);
    sums(&b, t);
    /* Below the window's cells every layer holds the whole context. */
    ck_assert(kvarch_size(&gpt_oss_120b, 100, KV_BITS_F16, 1, NULL) == 36.0 * 2048.0 * 100.0);
    ck_assert(kvarch_size(&gpt_oss_120b, 768, KV_BITS_F16, 1, NULL) == 36.0 * 2048.0 * 768.0);
    ck_assert(kvarch_size(&gpt_oss_120b, 769, KV_BITS_F16, 1, NULL) ==
              2048.0 * (18.0 * 769 + 18.0 * 768));
    /* The cells: min(ctx, pad(span + 512, 256)). */
    ck_assert_int_eq(kvarch_window_tokens(128, 131072), 768);
    ck_assert_int_eq(kvarch_window_tokens(1024, 131072), 1536);
    ck_assert_int_eq(kvarch_window_tokens(4096, 8192), 4608);
    ck_assert_int_eq(kvarch_window_tokens(8192, 32768), 8704);
    ck_assert_int_eq(kvarch_window_tokens(4096, 4500), 4500);
    ck_assert_int_eq(kvarch_window_tokens(0, 4096), 4096);
    ck_assert_int_eq(kvarch_window_tokens(4096, 4096), 4096);
}
END_TEST

START_TEST(test_qwen3_next_linear)
{
    kvarch_breakdown b;
    double t = kvarch_size(&qwen3_next, 262144, KV_BITS_F16, 1, &b);
    /* One Gated DeltaNet layer, F32: state 32 v-heads x 128 x 128 = 524288
     * elements, conv state (4 - 1) x (2 x 16 x 128 + 32 x 128) = 24576
     * elements; (524288 + 24576) x 4 B = 2195456 B. */
    const double linear_layer = 2195456.0;

    ck_assert_int_eq(b.layers[ARCH_ATTN_FULL], 12);
    ck_assert_int_eq(b.layers[ARCH_ATTN_LINEAR], 36);
    /* 12 x 2 x (256 + 256) x 2 B = 24576 B/tok (models-2026.md). */
    ck_assert(b.per_token == 24576.0);
    ck_assert(b.bytes[ARCH_ATTN_FULL] == 24576.0 * 262144.0);   /* 6 GiB */
    ck_assert(b.bytes[ARCH_ATTN_LINEAR] == 36.0 * linear_layer); /* 79036416 */
    ck_assert(b.fixed == 79036416.0);
    ck_assert(t == 6521487360.0);
    sums(&b, t);
    /* The state does not grow with the context nor shrink with the cache
     * type; it is per sequence. */
    ck_assert(kvarch_size(&qwen3_next, 1, KV_BITS_Q4_0, 1, &b) == 24576.0 * 4.5 / 16.0 +
              36.0 * linear_layer);
    ck_assert(b.fixed == 36.0 * linear_layer);
    kvarch_size(&qwen3_next, 1, KV_BITS_F16, 2, &b);
    ck_assert(b.fixed == 2.0 * 36.0 * linear_layer);
}
END_TEST

START_TEST(test_nemotron_ssm)
{
    kvarch_breakdown b;
    double t = kvarch_size(&nemotron3_nano, 262144, KV_BITS_F16, 1, &b);
    /* One Mamba2 layer, F32: d_inner 64 x 64 = 4096, state 4096 x 128 =
     * 524288 elements, conv (4 - 1) x (4096 + 2 x 8 x 128) = 18432;
     * (524288 + 18432) x 4 B = 2170880 B. */
    const double ssm_layer = 2170880.0;

    ck_assert_int_eq(b.layers[ARCH_ATTN_SSM], 23);
    ck_assert_int_eq(b.layers[ARCH_ATTN_FULL], 6);
    ck_assert_int_eq(b.layers[ARCH_ATTN_NONE], 23);
    ck_assert(b.bytes[ARCH_ATTN_NONE] == 0.0);
    /* 6 x 2 x (128 + 128) x 2 B = 6144 B/tok (models-2026.md). */
    ck_assert(b.per_token == 6144.0);
    ck_assert(b.bytes[ARCH_ATTN_SSM] == 23.0 * ssm_layer);        /* 49930240 */
    ck_assert(t == 6144.0 * 262144.0 + 49930240.0);
    sums(&b, t);
}
END_TEST

START_TEST(test_deepseek_v3_mla)
{
    kvarch_breakdown b;
    double t = kvarch_size(&deepseek_v3, 32768, KV_BITS_F16, 1, &b);

    /* 61 x (512 + 64) x 2 B x 32768 = 2302672896 B = 2196 MiB exactly, the
     * ik_llama.cpp PR #235 figure also checked for kvcache.c in check_fit.c. */
    ck_assert(t == 61.0 * 576.0 * 2.0 * 32768.0);
    ck_assert(t == 2196.0 * BYTES_PER_MIB);
    ck_assert_int_eq(b.layers[ARCH_ATTN_MLA], 61);
    ck_assert(b.bytes[ARCH_ATTN_MLA] == t);
    ck_assert(b.per_token == 70272.0);   /* models-2026.md: 61 x 576 x 2 */
    sums(&b, t);
}
END_TEST

START_TEST(test_gemma2_swa)
{
    kvarch_breakdown b;
    double t = kvarch_size(&gemma2_9b, 8192, KV_BITS_F16, 1, &b);

    /* 1:1 SWA(4096): per layer 8 x (256 + 256) x 2 B = 8192 B/tok; 21 full
     * layers x 8192 tokens, 21 SWA layers x 4608 (4096 + 512). */
    ck_assert_int_eq(b.layers[ARCH_ATTN_FULL], 21);
    ck_assert_int_eq(b.layers[ARCH_ATTN_SWA], 21);
    ck_assert(b.bytes[ARCH_ATTN_FULL] == 21.0 * 8192.0 * 8192.0);   /* 1409286144 */
    ck_assert(b.bytes[ARCH_ATTN_SWA] == 21.0 * 4608.0 * 8192.0);    /* 792723456 */
    ck_assert(t == 1409286144.0 + 792723456.0);
    sums(&b, t);
    /* At the window every layer is full: 42 x 4096 x 8192 B. */
    ck_assert(kvarch_size(&gemma2_9b, 4096, KV_BITS_F16, 1, NULL) == 42.0 * 4096.0 * 8192.0);
}
END_TEST

START_TEST(test_chunked_and_split_kv)
{
    kvarch_breakdown b;
    qs_arch a = llama31_8b;
    double t = kvarch_size(&maverick, 32768, KV_BITS_F16, 1, &b);

    /* 8 x (128 + 128) x 2 B = 4096 B/tok per layer; 12 full layers x 32768,
     * 36 chunked layers x 8704 (one chunk + 512, llama.cpp's cells). */
    ck_assert_int_eq(b.layers[ARCH_ATTN_CHUNKED], 36);
    ck_assert(b.bytes[ARCH_ATTN_FULL] == 12.0 * 32768.0 * 4096.0);
    ck_assert(b.bytes[ARCH_ATTN_CHUNKED] == 36.0 * 8704.0 * 4096.0);
    ck_assert(t == 1610612736.0 + 36.0 * 8704.0 * 4096.0);
    sums(&b, t);
    /* K and V of different widths: 32 x 8 x (128 + 64) x 2 B per token. */
    a.head_dim_k = 128;
    a.head_dim_v = 64;
    ck_assert(kvarch_size(&a, 1, KV_BITS_F16, 1, NULL) == 32.0 * 8.0 * 192.0 * 2.0);
}
END_TEST

START_TEST(test_invalid)
{
    kvarch_breakdown b;
    qs_arch bad = llama31_8b;

    bad.layers = 0;
    ck_assert(kvarch_size(NULL, 8192, KV_BITS_F16, 1, &b) == MEMORY_ERROR);
    ck_assert(kvarch_size(&bad, 8192, KV_BITS_F16, 1, &b) == MEMORY_ERROR);
    ck_assert(b.per_token == 0.0 && b.layers[ARCH_ATTN_FULL] == 0);
    ck_assert(kvarch_size(&llama31_8b, 0, KV_BITS_F16, 1, NULL) == MEMORY_ERROR);
    ck_assert(kvarch_size(&llama31_8b, 8192, 0.0, 1, NULL) == MEMORY_ERROR);
    ck_assert(kvarch_size(&llama31_8b, 8192, 65.0, 1, NULL) == MEMORY_ERROR);
    ck_assert(kvarch_size(&llama31_8b, 8192, KV_BITS_F16, 0, NULL) == MEMORY_ERROR);
}
END_TEST

static Suite *kvarch_suite(void)
{
    Suite *s = suite_create("kvarch");
    TCase *tc = tcase_create("sizes");

    tcase_add_test(tc, test_llama31_8b_one_gib);
    tcase_add_test(tc, test_gpt_oss_120b);
    tcase_add_test(tc, test_qwen3_next_linear);
    tcase_add_test(tc, test_nemotron_ssm);
    tcase_add_test(tc, test_deepseek_v3_mla);
    tcase_add_test(tc, test_gemma2_swa);
    tcase_add_test(tc, test_chunked_and_split_kv);
    tcase_add_test(tc, test_invalid);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(kvarch_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
