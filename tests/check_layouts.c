/* check_layouts.c - unit tests for model/layouts: a checkpoint's exact
 * weight bytes per library layout, on small hand-built tensor lists. Every
 * expected count is worked out here from the layout rule (group counts x
 * bytes per element, as each library's code allocates them), not taken
 * from the module. */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "model/formats.h"
#include "model/gguf_rules.h"
#include "model/layouts.h"
#include "model/tensors.h"

#define CAP 32

/* One store per list, so that a test may hold A, B and C at once. */
static qs_tensor store_a[CAP], store_b[CAP], store_c[CAP];

static tensor_list list_new(qs_tensor *store)
{
    tensor_list l = { store, 0, CAP, 0 };

    return l;
}

/* A: a dense block, hidden 256, 4:1 GQA (kv 64), FFN 512, vocab 512. */
static tensor_list list_a(void)
{
    tensor_list l = list_new(store_a);

    ck_assert_int_eq(tensors_add(&l, "token_embd.weight", TENSOR_TOKEN_EMBD, -1, 2, 256, 512, 1),
                     0);
    ck_assert_int_eq(tensors_add(&l, "blk.0.attn_norm.weight", TENSOR_NORM, 0, 1, 256, 1, 1), 0);
    ck_assert_int_eq(tensors_add(&l, "blk.0.attn_q.weight", TENSOR_ATTN_Q, 0, 2, 256, 256, 1), 0);
    ck_assert_int_eq(tensors_add(&l, "blk.0.attn_k.weight", TENSOR_ATTN_K, 0, 2, 256, 64, 1), 0);
    ck_assert_int_eq(tensors_add(&l, "blk.0.attn_v.weight", TENSOR_ATTN_V, 0, 2, 256, 64, 1), 0);
    ck_assert_int_eq(tensors_add(&l, "blk.0.attn_output.weight", TENSOR_ATTN_OUTPUT, 0, 2, 256,
                                 256, 1), 0);
    ck_assert_int_eq(tensors_add(&l, "blk.0.ffn_norm.weight", TENSOR_NORM, 0, 1, 256, 1, 1), 0);
    ck_assert_int_eq(tensors_add(&l, "blk.0.ffn_gate.weight", TENSOR_FFN_GATE, 0, 2, 256, 512, 1),
                     0);
    ck_assert_int_eq(tensors_add(&l, "blk.0.ffn_up.weight", TENSOR_FFN_UP, 0, 2, 256, 512, 1), 0);
    ck_assert_int_eq(tensors_add(&l, "blk.0.ffn_down.weight", TENSOR_FFN_DOWN, 0, 2, 512, 256, 1),
                     0);
    ck_assert_int_eq(tensors_add(&l, "output_norm.weight", TENSOR_NORM, -1, 1, 256, 1, 1), 0);
    ck_assert_int_eq(tensors_add(&l, "output.weight", TENSOR_OUTPUT, -1, 2, 256, 512, 1), 0);
    ck_assert_int_eq(tensors_add(&l, "rope_freqs.weight", TENSOR_OTHER, -1, 1, 16, 1, 1), 0);
    return l;
}

/* B: one MoE block: an attn_q, a router, 8 experts of 128, a score bias. */
static tensor_list list_b(void)
{
    tensor_list l = list_new(store_b);

    ck_assert_int_eq(tensors_add(&l, "token_embd.weight", TENSOR_TOKEN_EMBD, -1, 2, 256, 512, 1),
                     0);
    ck_assert_int_eq(tensors_add(&l, "blk.0.attn_q.weight", TENSOR_ATTN_Q, 0, 2, 256, 256, 1), 0);
    ck_assert_int_eq(tensors_add(&l, "blk.0.ffn_gate_inp.weight", TENSOR_FFN_GATE_INP, 0, 2, 256,
                                 8, 1), 0);
    ck_assert_int_eq(tensors_add(&l, "blk.0.ffn_gate_exps.weight", TENSOR_FFN_GATE_EXPS, 0, 3,
                                 256, 128, 8), 0);
    ck_assert_int_eq(tensors_add(&l, "blk.0.ffn_up_exps.weight", TENSOR_FFN_UP_EXPS, 0, 3, 256,
                                 128, 8), 0);
    ck_assert_int_eq(tensors_add(&l, "blk.0.ffn_down_exps.weight", TENSOR_FFN_DOWN_EXPS, 0, 3,
                                 128, 256, 8), 0);
    ck_assert_int_eq(tensors_add(&l, "blk.0.exp_probs_b.bias", TENSOR_BIAS, 0, 1, 8, 1, 1), 0);
    ck_assert_int_eq(tensors_add(&l, "output.weight", TENSOR_OUTPUT, -1, 2, 256, 512, 1), 0);
    return l;
}

static int64_t bytes(const char *fmt, const tensor_list *l, double bpw)
{
    const qs_format *f = formats_find(fmt);

    ck_assert_msg(f != NULL, "no format %s", fmt);
    return layouts_weight_bytes(f, l, bpw);
}

/* List A's 16-bit remainder: three norms of 256 at 2 bytes (rope_freqs is
 * not in a checkpoint), and the embedding and head of 256 x 512. */
#define A_NORMS (3 * 256 * 2)
#define A_EMBD (256 * 512 * 2)

/* The seven projections of list A, as (in, out). */
static const int64_t a_lin[7][2] = {
    { 256, 256 }, { 256, 64 }, { 256, 64 }, { 256, 256 }, { 256, 512 }, { 256, 512 }, { 512, 256 },
};

/* GPTQ g128: 4 bits a weight, per group of 128 inputs 32 bits of zeros per
 * 8 outputs and 16 bits of scale per output, 32 bits of g_idx per input. */
static int64_t gptq_bits(int64_t in, int64_t out)
{
    int64_t groups = (in + 127) / 128;

    return in * out * 4 + groups * (out / 8) * 32 + groups * out * 16 + in * 32;
}

START_TEST(test_gptq)
{
    tensor_list l = list_a();
    int64_t want = A_NORMS + 2 * A_EMBD;
    size_t i;

    for (i = 0; i < 7; i++)
        want += gptq_bits(a_lin[i][0], a_lin[i][1]) / 8;
    ck_assert_int_eq(bytes("gptq", &l, NAN), want);
    /* attn_q alone: 32768 qweight + 2 x 32 x 4 qzeros + 2 x 256 x 2 scales + 256 x 4 g_idx. */
    ck_assert_int_eq(gptq_bits(256, 256) / 8, 32768 + 256 + 1024 + 1024);
}
END_TEST

START_TEST(test_awq)
{
    tensor_list l = list_b();
    /* per expert gate/up (256 -> 128): 16384 qweight + 2 groups x 16 words x 4
     * + 2 x 128 x 2 scales; down (128 -> 256): 16384 + 1 x 32 x 4 + 256 x 2. */
    int64_t gate = 16384 + 128 + 512, down = 16384 + 128 + 512;
    int64_t attn_q = 32768 + 2 * 32 * 4 + 2 * 256 * 2;
    int64_t want = 2 * 8 * gate + 8 * down + attn_q + 256 * 8 * 2 /* router */ +
                   2 * A_EMBD + 8 * 2 /* bias */;
    tensor_list c = list_new(store_c);

    ck_assert_int_eq(bytes("awq", &l, NAN), want);
    ck_assert_int_eq(want, 971024);
    /* AutoAWQ asserts in % 128 == 0 and out % 8 == 0. */
    ck_assert_int_eq(tensors_add(&c, "blk.0.attn_q.weight", TENSOR_ATTN_Q, 0, 2, 100, 64, 1), 0);
    ck_assert_int_eq(bytes("awq", &c, NAN), -1);
}
END_TEST

START_TEST(test_gptq_odd_width)
{
    tensor_list c = list_new(store_c);

    ck_assert_int_eq(tensors_add(&c, "blk.0.attn_q.weight", TENSOR_ATTN_Q, 0, 2, 100, 64, 1), 0);
    /* qweight 100 // 32 * 4 = 12 int32 rows of 64; qzeros 1 x (64 // 32 * 4);
     * scales 1 x 64 fp16; g_idx 100 int32. */
    ck_assert_int_eq(bytes("gptq", &c, NAN), 12 * 64 * 4 + 8 * 4 + 64 * 2 + 100 * 4);
}
END_TEST

START_TEST(test_nf4)
{
    tensor_list a = list_a(), b = list_b();
    int64_t want = A_NORMS + 2 * A_EMBD, dq = want;
    size_t i;

    for (i = 0; i < 7; i++) {
        int64_t n = a_lin[i][0] * a_lin[i][1], blocks = n / 64;

        /* 4 bits a weight, an fp32 absmax per 64, the 16-entry fp32 code. */
        want += n / 2 + blocks * 4 + 16 * 4;
        /* double quant: a byte per 64, an fp32 per 256 blocks, the 256-entry code. */
        dq += n / 2 + blocks + (blocks + 255) / 256 * 4 + 256 * 4 + 16 * 4;
    }
    ck_assert_int_eq(bytes("nf4", &a, NAN), want);
    ck_assert_int_eq(bytes("nf4-dq", &a, NAN), dq);
    ck_assert_ptr_eq(formats_find("bnb-4bit"), formats_find("nf4-dq"));
    /* bitsandbytes converts the router too (2048 weights: 1024 + 32 x 4 + 64);
     * experts one Linear each (32768 weights: 16384 + 512 x 4 + 64). */
    ck_assert_int_eq(bytes("nf4", &b, NAN),
                     1216 + 3 * 8 * 18496 + (32768 + 4096 + 64) + 2 * A_EMBD + 16);
}
END_TEST

START_TEST(test_llm_int8)
{
    tensor_list a = list_a();
    int64_t want = A_NORMS + 2 * A_EMBD;
    size_t i;

    for (i = 0; i < 7; i++) /* int8 weights, an fp32 SCB per output, a format byte */
        want += a_lin[i][0] * a_lin[i][1] + a_lin[i][1] * 4 + 1;
    ck_assert_int_eq(bytes("llm.int8", &a, NAN), want);
    ck_assert_int_eq(bytes("int8", &a, NAN), -1);   /* generic INT8: no layout */
}
END_TEST

START_TEST(test_fp8)
{
    tensor_list a = list_a(), b = list_b();
    int64_t blockwise = A_NORMS + 2 * A_EMBD, tensorwise = blockwise;
    size_t i;

    for (i = 0; i < 7; i++) {
        int64_t in = a_lin[i][0], out = a_lin[i][1];

        blockwise += in * out + ((out + 127) / 128) * ((in + 127) / 128) * 4;
        tensorwise += in * out + 4 + 4;   /* weight_scale + input_scale */
    }
    ck_assert_int_eq(bytes("fp8", &a, NAN), blockwise);
    ck_assert_int_eq(bytes("fp8-tensor", &a, NAN), tensorwise);
    /* B: experts 8 x (32768 + one 128x128 block row/col pair x 4), attn_q 65536 +
     * 4 blocks x 4, router bf16, the score bias fp32 (8 x 4). */
    ck_assert_int_eq(bytes("fp8", &b, NAN),
                     3 * 8 * (32768 + 2 * 4) + (65536 + 16) + 4096 + 32 + 2 * A_EMBD);
    ck_assert_int_eq(bytes("fp8", &b, NAN), 1380592);
}
END_TEST

START_TEST(test_fp8_mla_split)
{
    tensor_list c = list_new(store_c);

    /* attn_k_b (nope 64, kv_lora 512, 4 heads) is stored transposed: one
     * kv_b part of input 512 and 256 outputs, like attn_v_b (512, 64, 4). */
    ck_assert_int_eq(tensors_add(&c, "blk.0.attn_k_b.weight", TENSOR_OTHER, 0, 3, 64, 512, 4), 0);
    ck_assert_int_eq(tensors_add(&c, "blk.0.attn_v_b.weight", TENSOR_OTHER, 0, 3, 512, 64, 4), 0);
    ck_assert_int_eq(bytes("fp8", &c, NAN), 2 * (512 * 256 + 2 * 4 * 4));
}
END_TEST

START_TEST(test_nvfp4)
{
    tensor_list a = list_a();
    int64_t want = A_NORMS + 2 * A_EMBD;
    size_t i;

    for (i = 0; i < 7; i++) { /* 4 bits, an fp8 scale per 16, two fp32 scalars */
        int64_t in = a_lin[i][0], out = a_lin[i][1];

        want += in * out / 2 + in * out / 16 + 2 * 4;
    }
    ck_assert_int_eq(bytes("nvfp4", &a, NAN), want);
}
END_TEST

START_TEST(test_mxfp4)
{
    tensor_list b = list_b(), c = list_new(store_c);
    /* experts only: 4 bits and an e8m0 byte per 32 (32768 weights: 16384 + 1024). */
    int64_t experts = 3 * 8 * (16384 + 1024);

    ck_assert_int_eq(bytes("mxfp4", &b, NAN),
                     experts + 65536 * 2 + 2048 * 2 + 16 + 2 * A_EMBD);
    ck_assert_int_eq(bytes("mxfp4", &b, NAN), 1077264);
    ck_assert_int_eq(tensors_add(&c, "blk.0.ffn_up_exps.weight", TENSOR_FFN_UP_EXPS, 0, 3, 100,
                                 64, 2), 0);
    ck_assert_int_eq(bytes("mxfp4", &c, NAN), -1);
}
END_TEST

START_TEST(test_mlx)
{
    tensor_list a = list_a(), b = list_b(), c = list_new(store_c);
    int64_t four = A_NORMS, eight = A_NORMS;
    size_t i;

    /* embedding and head quantized too: (256 x 512) at the rate, a 16-bit
     * scale and bias per 64 inputs. */
    for (i = 0; i < 9; i++) {
        int64_t in = i < 7 ? a_lin[i][0] : 256, out = i < 7 ? a_lin[i][1] : 512;

        four += out * in / 2 + out * (in / 64) * 4;
        eight += out * in + out * (in / 64) * 4;
    }
    ck_assert_int_eq(bytes("mlx-4bit", &a, NAN), four);
    ck_assert_int_eq(bytes("mlx-8bit", &a, NAN), eight);
    /* B at 4 bits: the router at 8 bits (2048 + 8 x 4 x 4). */
    ck_assert_int_eq(bytes("mlx-4bit", &b, NAN),
                     2176 + 3 * 8 * (16384 + 2048) + (32768 + 4096) + 2 * (65536 + 8192) + 16);
    /* an input width not a multiple of 64 stays 16-bit */
    ck_assert_int_eq(tensors_add(&c, "blk.0.attn_q.weight", TENSOR_ATTN_Q, 0, 2, 100, 64, 1), 0);
    ck_assert_int_eq(bytes("mlx-4bit", &c, NAN), 100 * 64 * 2);
}
END_TEST

START_TEST(test_exl2)
{
    tensor_list a = list_a();
    /* the projections: 557056 weights x 4.65 = 2590310.4 bits -> 2590310 / 8;
     * the head at option 6: 128 rows x 8 bits + 128 x 6 over 512 columns, 2
     * groups (16 + 32 bits each, 4 bits per column), 32 bits per row. */
    int64_t head = (128 * 512 * 8 + 128 * 512 * 6 + 2 * 48 + 2 * 512 * 4 + 256 * 32) / 8;

    ck_assert_int_eq(head, 116236);
    ck_assert_int_eq(bytes("exl2", &a, 4.65), 2590310 / 8 + head + A_EMBD + A_NORMS);
    ck_assert_int_eq(bytes("exl2", &a, 4.65), 703704);
    /* no rate: exllamav2's default 4.125 (557056 x 4.125 = 2297856 bits) */
    ck_assert_int_eq(bytes("exl2", &a, NAN), 2297856 / 8 + head + A_EMBD + A_NORMS);
    ck_assert_int_eq(bytes("exl2", &a, 1.5), -1);
    ck_assert_int_eq(bytes("exl2", &a, 8.5), -1);
}
END_TEST

START_TEST(test_exl3)
{
    tensor_list a = list_a();
    /* 557056 x 3 bits, fp16 suh + svh per projection ((in + out) x 2), the head
     * at 6 bits with its own. */
    int64_t signs = 0;
    size_t i;

    for (i = 0; i < 7; i++)
        signs += (a_lin[i][0] + a_lin[i][1]) * 2;
    ck_assert_int_eq(bytes("exl3", &a, 3.0), 557056 * 3 / 8 + signs +
                     256 * 512 * 6 / 8 + (256 + 512) * 2 + A_EMBD + A_NORMS);
    ck_assert_int_eq(bytes("exl3", &a, 3.0), 580352);
    ck_assert(bytes("exl3", &a, 1.5) > 0);
    ck_assert_int_eq(bytes("exl3", &a, 9.0), -1);
}
END_TEST

START_TEST(test_dense_and_gguf)
{
    tensor_list a = list_a();
    int64_t weights = 256 * 256 * 2 + 256 * 64 * 2 + 256 * 512 * 2 + 512 * 256 + 2 * 256 * 512;
    const qs_format *q8 = formats_find("q8_0");

    ck_assert_int_eq(bytes("fp16", &a, NAN), (weights + 768) * 2);
    ck_assert_int_eq(bytes("fp32", &a, NAN), (weights + 768) * 4);
    /* GGUF Q8_0: 34 bytes per 32 weights everywhere (output too in Q8_0),
     * 1-D tensors F32, rope_freqs included; every size here is a multiple
     * of the 32-byte alignment. */
    ck_assert_int_eq(layouts_weight_bytes(q8, &a, NAN), weights / 32 * 34 + (768 + 16) * 4);
    ck_assert_int_eq(bytes("int4", &a, NAN), -1);
    ck_assert_int_eq(layouts_weight_bytes(NULL, &a, NAN), -1);
    ck_assert_int_eq(layouts_weight_bytes(q8, NULL, NAN), -1);
}
END_TEST

START_TEST(test_gguf_ctx)
{
    tensor_list a = list_a(), b = list_b();
    gguf_rules_ctx ctx;

    layouts_gguf_ctx(&a, &ctx);
    ck_assert_int_eq(ctx.n_layer, 1);
    ck_assert_int_eq(ctx.n_gqa, 4);
    ck_assert_int_eq(ctx.n_expert, 0);
    layouts_gguf_ctx(&b, &ctx);
    ck_assert_int_eq(ctx.n_expert, 8);
}
END_TEST

START_TEST(test_quantized)
{
    tensor_list a = list_a(), b = list_b();

    ck_assert_int_eq(layouts_quantized(formats_find("gptq"), &a.t[0]), 0);   /* embedding */
    ck_assert_int_eq(layouts_quantized(formats_find("gptq"), &a.t[2]), 1);   /* attn_q */
    ck_assert_int_eq(layouts_quantized(formats_find("gptq"), &a.t[1]), 0);   /* norm */
    ck_assert_int_eq(layouts_quantized(formats_find("mlx-4bit"), &a.t[0]), 1);
    ck_assert_int_eq(layouts_quantized(formats_find("awq"), &b.t[2]), 0);    /* router */
    ck_assert_int_eq(layouts_quantized(formats_find("nf4"), &b.t[2]), 1);
    ck_assert_int_eq(layouts_quantized(formats_find("mxfp4"), &b.t[1]), 0);  /* attention */
    ck_assert_int_eq(layouts_quantized(formats_find("mxfp4"), &b.t[3]), 1);  /* experts */
    ck_assert_int_eq(layouts_quantized(formats_find("exl2"), &a.t[11]), 1);  /* head */
    ck_assert_int_eq(layouts_quantized(formats_find("q4_k_m"), &a.t[2]), -1);
    ck_assert_int_eq(layouts_quantized(formats_find("int4"), &a.t[2]), -1);
}
END_TEST

static Suite *layouts_suite(void)
{
    Suite *s = suite_create("layouts");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_gptq);
    tcase_add_test(tc, test_gptq_odd_width);
    tcase_add_test(tc, test_awq);
    tcase_add_test(tc, test_nf4);
    tcase_add_test(tc, test_llm_int8);
    tcase_add_test(tc, test_fp8);
    tcase_add_test(tc, test_fp8_mla_split);
    tcase_add_test(tc, test_nvfp4);
    tcase_add_test(tc, test_mxfp4);
    tcase_add_test(tc, test_mlx);
    tcase_add_test(tc, test_exl2);
    tcase_add_test(tc, test_exl3);
    tcase_add_test(tc, test_dense_and_gguf);
    tcase_add_test(tc, test_gguf_ctx);
    tcase_add_test(tc, test_quantized);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(layouts_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
