/* check_gguf_sizes.c - unit tests for the tensor data predicted by
 * model/gguf_rules: the alignment, Llama-3.1-8B's data in six file types
 * against an independent hand computation (tensor counts x rows x row
 * bytes), and against llama.cpp's published sizes of the same model. */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "model/ggml.h"
#include "model/gguf_rules.h"
#include "model/tensors.h"

#include "check_gguf_rules.h"


/* The 8B tensor data by hand, from the row bytes of each tensor kind at
 * ne0 = 4096 (x4096) or 14336 (x14336); attn_v and ffn_down take the "hi"
 * row in n_v_hi / n_down_hi layers and the "lo" row in the rest. Norms are
 * F32: 65 x 4096 x 4 bytes. Every size is a multiple of 32, so no padding. */
typedef struct {
    int64_t embd, out, q, k, o, gate_up;    /* rows of 4096 */
    int64_t v_hi, v_lo;                     /* rows of 4096 */
    int64_t down_hi, down_lo;               /* rows of 14336 */
    int n_v_hi, n_down_hi;
} rows8b;

static int64_t hand8b(const rows8b *r)
{
    int64_t norms = (2 * L8_LAYERS + 1) * (int64_t)L8_H * 4;
    int64_t per_layer = L8_H * r->q + L8_KV * r->k + L8_H * r->o + 2 * (int64_t)L8_FF * r->gate_up;

    return L8_VOCAB * r->embd + L8_VOCAB * r->out + norms + L8_LAYERS * per_layer +
           r->n_v_hi * L8_KV * r->v_hi + (L8_LAYERS - r->n_v_hi) * L8_KV * r->v_lo +
           r->n_down_hi * L8_H * r->down_hi + (L8_LAYERS - r->n_down_hi) * L8_H * r->down_lo;
}

/* One row kind for all tensors of the 8B. */
static rows8b uniform8b(int64_t r4096, int64_t r14336)
{
    rows8b r = { r4096, r4096, r4096, r4096, r4096, r4096, r4096, r4096, r14336, r14336, 0, 0 };

    return r;
}

static int64_t predict8b(const char *ftype, const gguf_rules_ctx *c)
{
    tensor_list l = llama8b(1);

    return gguf_rules_predict_bytes((gguf_ftype)ft(ftype), &l, c);
}


/* ---- data bytes ----------------------------------------------------------- */

START_TEST(test_alignment_and_errors)
{
    gguf_rules_ctx c = llama8b_ctx();
    tensor_list l = empty_list();
    int bad[2] = { GGML_TYPE_F32, 4 };

    ck_assert_int_eq(GGUF_RULES_ALIGNMENT, 32);
    add(&l, "a.weight", TENSOR_NORM, -1, 1, 3, 1, 1);   /* 12 bytes -> 32 */
    add(&l, "b.weight", TENSOR_NORM, -1, 1, 8, 1, 1);   /* 32 bytes */
    ck_assert_int_eq(gguf_rules_predict_bytes(GGUF_FTYPE_Q4_K_M, &l, &c), 64);
    ck_assert_int_eq(gguf_rules_data_bytes(&l, bad), -1);
    ck_assert_int_eq(gguf_rules_data_bytes(NULL, bad), -1);
    ck_assert_int_eq(gguf_rules_apply(GGUF_FTYPE_COUNT, &l, &c, types), -1);
    ck_assert_int_eq(gguf_rules_apply(GGUF_FTYPE_Q4_K_M, &l, NULL, types), -1);
    ck_assert_int_eq(gguf_rules_apply(GGUF_FTYPE_Q4_K_M, &l, &c, NULL), -1);
    ck_assert_int_eq(gguf_rules_type(GGUF_FTYPE_Q4_K_M, NULL, &c, NULL), -1);
}
END_TEST

START_TEST(test_llama8b_bytes_by_hand)
{
    gguf_rules_ctx c = llama8b_ctx();
    int64_t q4 = Q4_K_ROW(L8_H), q6 = Q6_K_ROW(L8_H);
    int64_t q8 = ROW(L8_H, 32, 34), q40 = ROW(L8_H, 32, 18), q2 = ROW(L8_H, 256, 84);
    int64_t q3 = ROW(L8_H, 256, 110), iq4 = ROW(L8_H, 256, 136), q5 = ROW(L8_H, 256, 176);
    rows8b r;
    tensor_list l;

    /* Q4_K_M: output Q6_K, 16 attn_v and 16 ffn_down Q6_K, the rest Q4_K. */
    r = (rows8b){ q4, q6, q4, q4, q4, q4, q6, q4, Q6_K_ROW(L8_FF), Q4_K_ROW(L8_FF), 16, 16 };
    ck_assert_int_eq(predict8b("Q4_K_M", &c), hand8b(&r));
    ck_assert_int_eq(hand8b(&r), 4912898048LL);
    l = typed8b("Q4_K_M", &c);
    ck_assert_int_eq(gguf_rules_data_bytes(&l, types), hand8b(&r));
    /* Q8_0 and Q6_K: one type everywhere (output included). */
    r = uniform8b(q8, ROW(L8_FF, 32, 34));
    ck_assert_int_eq(predict8b("Q8_0", &c), hand8b(&r));
    r = uniform8b(q6, Q6_K_ROW(L8_FF));
    ck_assert_int_eq(predict8b("Q6_K", &c), hand8b(&r));
    /* Q4_0: output Q6_K, everything else Q4_0. */
    r = uniform8b(q40, ROW(L8_FF, 32, 18));
    r.out = q6;
    ck_assert_int_eq(predict8b("Q4_0", &c), hand8b(&r));
    /* Q2_K (GQA 4): attn_v Q4_K, attn_output and ffn_down Q3_K, output Q6_K. */
    r = uniform8b(q2, ROW(L8_FF, 256, 110));
    r.out = q6;
    r.o = q3;
    r.v_lo = q4;
    ck_assert_int_eq(predict8b("Q2_K", &c), hand8b(&r));
    /* IQ4_XS (GQA 4): attn_v Q5_K, output Q6_K; without an imatrix the
     * first 32/8 ffn_down in Q5_K. */
    r = uniform8b(iq4, ROW(L8_FF, 256, 136));
    r.out = q6;
    r.v_lo = q5;
    c.has_imatrix = 1;
    ck_assert_int_eq(predict8b("IQ4_XS", &c), hand8b(&r));
    r.down_hi = ROW(L8_FF, 256, 176);
    r.n_down_hi = 4;
    c.has_imatrix = 0;
    ck_assert_int_eq(predict8b("IQ4_XS", &c), hand8b(&r));
    /* Q4_K_L: Q4_K_M + (Q8_0 - Q4_K) token_embd + (Q8_0 - Q6_K) output. */
    ck_assert_int_eq(predict8b("Q4_K_L", &c),
                     predict8b("Q4_K_M", &c) + L8_VOCAB * (q8 - q4) + L8_VOCAB * (q8 - q6));
}
END_TEST

/* The README of llama.cpp's tools/quantize (quants.tsv,
 * effective_bpw_llama3.1_8B_file) gives bits per weight to 4 decimals;
 * they are the tensor data over 8,030,261,248 weights (the model loader's
 * n_bytes), so the prediction must round to them. The README made IQ4_XS
 * and IQ4_NL without an importance matrix, the IQ1-IQ3 types with one. */
static void check_bpw(const char *ftype, double published, int imatrix)
{
    gguf_rules_ctx c = llama8b_ctx();
    double bpw;

    c.has_imatrix = imatrix;
    bpw = (double)predict8b(ftype, &c) * 8.0 / (double)L8_PARAMS;
    ck_assert_msg(fabs(bpw - published) <= 0.00005, "%s: %.5f bpw, published %.4f", ftype, bpw,
                  published);
}

/* llama-quantize's own table (quantize.cpp, Llama-3-8B, "G" = GiB to 2
 * decimals) is the whole file: the data must be at most the file and
 * within 0.5% below it; the rest is the header (metadata and tokenizer). */
static void check_file_gib(const char *ftype, double file_gib)
{
    gguf_rules_ctx c = llama8b_ctx();
    double data = (double)predict8b(ftype, &c) / GIB, half_step = 0.005;

    ck_assert_msg(data <= file_gib + half_step, "%s: data %.4f GiB > file %.2f", ftype, data,
                  file_gib);
    ck_assert_msg(data >= (file_gib - half_step) * 0.995, "%s: data %.4f GiB < file %.2f - 0.5%%",
                  ftype, data, file_gib);
}

/* Llama-3.1-70B (config.json: 80 layers, hidden 8192, 64 heads / 8 KV
 * heads, FFN 28672, vocabulary 128256) with llama.cpp's rope_freqs [64]:
 * 724 tensors, 70,553,706,560 weights. */
static tensor_list llama70b(void)
{
    tensor_list l = empty_list();
    int i;

    add(&l, "token_embd.weight", TENSOR_TOKEN_EMBD, -1, 2, 8192, L8_VOCAB, 1);
    add(&l, "rope_freqs.weight", TENSOR_OTHER, -1, 1, 64, 1, 1);
    for (i = 0; i < 80; i++) {
        add_blk(&l, i, "attn_norm.weight", TENSOR_NORM, 1, 8192, 1, 1);
        add_blk(&l, i, "attn_q.weight", TENSOR_ATTN_Q, 2, 8192, 8192, 1);
        add_blk(&l, i, "attn_k.weight", TENSOR_ATTN_K, 2, 8192, 1024, 1);
        add_blk(&l, i, "attn_v.weight", TENSOR_ATTN_V, 2, 8192, 1024, 1);
        add_blk(&l, i, "attn_output.weight", TENSOR_ATTN_OUTPUT, 2, 8192, 8192, 1);
        add_blk(&l, i, "ffn_norm.weight", TENSOR_NORM, 1, 8192, 1, 1);
        add_blk(&l, i, "ffn_gate.weight", TENSOR_FFN_GATE, 2, 8192, 28672, 1);
        add_blk(&l, i, "ffn_up.weight", TENSOR_FFN_UP, 2, 8192, 28672, 1);
        add_blk(&l, i, "ffn_down.weight", TENSOR_FFN_DOWN, 2, 28672, 8192, 1);
    }
    add(&l, "output_norm.weight", TENSOR_NORM, -1, 1, 8192, 1, 1);
    add(&l, "output.weight", TENSOR_OUTPUT, -1, 2, 8192, L8_VOCAB, 1);
    return l;
}

/* Qwen3-30B-A3B (config.json: 48 layers, hidden 2048, 32 heads / 4 KV heads
 * of 128 with q/k norms, 128 experts of 768, vocabulary 151936, untied). */
static tensor_list qwen3_30b_a3b(void)
{
    tensor_list l = empty_list();
    int i;

    add(&l, "token_embd.weight", TENSOR_TOKEN_EMBD, -1, 2, 2048, 151936, 1);
    for (i = 0; i < 48; i++) {
        add_blk(&l, i, "attn_norm.weight", TENSOR_NORM, 1, 2048, 1, 1);
        add_blk(&l, i, "attn_q.weight", TENSOR_ATTN_Q, 2, 2048, 4096, 1);
        add_blk(&l, i, "attn_k.weight", TENSOR_ATTN_K, 2, 2048, 512, 1);
        add_blk(&l, i, "attn_v.weight", TENSOR_ATTN_V, 2, 2048, 512, 1);
        add_blk(&l, i, "attn_q_norm.weight", TENSOR_NORM, 1, 128, 1, 1);
        add_blk(&l, i, "attn_k_norm.weight", TENSOR_NORM, 1, 128, 1, 1);
        add_blk(&l, i, "attn_output.weight", TENSOR_ATTN_OUTPUT, 2, 4096, 2048, 1);
        add_blk(&l, i, "ffn_norm.weight", TENSOR_NORM, 1, 2048, 1, 1);
        add_blk(&l, i, "ffn_gate_inp.weight", TENSOR_FFN_GATE_INP, 2, 2048, 128, 1);
        add_blk(&l, i, "ffn_gate_exps.weight", TENSOR_FFN_GATE_EXPS, 3, 2048, 768, 128);
        add_blk(&l, i, "ffn_up_exps.weight", TENSOR_FFN_UP_EXPS, 3, 2048, 768, 128);
        add_blk(&l, i, "ffn_down_exps.weight", TENSOR_FFN_DOWN_EXPS, 3, 768, 2048, 128);
    }
    add(&l, "output_norm.weight", TENSOR_NORM, -1, 1, 2048, 1, 1);
    add(&l, "output.weight", TENSOR_OUTPUT, -1, 2, 2048, 151936, 1);
    return l;
}

START_TEST(test_published_other_models)
{
    gguf_rules_ctx c;
    tensor_list l;
    double gib;

    /* measurements.md #5 (ollama PR #6279): Llama-3.1-70B Q4_0 "70.55 B
     * params, 37.22 GiB (4.53 BPW)", llama.cpp's model-size line (data). */
    gguf_rules_ctx_init(&c, GGUF_ARCH_LLAMA, 80, 64, 8, 0);
    l = llama70b();
    ck_assert_uint_eq(l.n, 724);
    ck_assert_int_eq(tensors_total(&l), 70553706560LL);
    gib = (double)gguf_rules_predict_bytes(GGUF_FTYPE_Q4_0, &l, &c) / GIB;
    ck_assert_msg(fabs(gib - 37.22) <= 0.005, "70B Q4_0: %.4f GiB", gib);
    ck_assert(fabs(gib * GIB * 8.0 / 70553706560.0 - 4.53) <= 0.005);
    /* measurements.md #1 (llama.cpp tools/fit-params README): Qwen3-30B-A3B
     * F16, "host model 58259 MiB" (the whole file mapped): the data is
     * within 1 MiB of it (routers and norms F32, the rest F16). */
    gguf_rules_ctx_init(&c, GGUF_ARCH_OTHER, 48, 32, 4, 128);
    l = qwen3_30b_a3b();
    gib = (double)gguf_rules_predict_bytes(GGUF_FTYPE_F16, &l, &c) / GIB;
    ck_assert_msg(fabs(gib * 1024.0 - 58259.0) <= 1.0, "30B-A3B F16: %.1f MiB", gib * 1024.0);
}
END_TEST

START_TEST(test_published_llama8b)
{
    check_bpw("Q4_K_M", 4.8944, 0);
    check_bpw("Q8_0", 8.5008, 0);
    check_bpw("Q6_K", 6.5633, 0);
    check_bpw("Q5_K_M", 5.7036, 0);
    check_bpw("Q5_K_S", 5.5704, 0);
    check_bpw("Q4_K_S", 4.6672, 0);
    check_bpw("Q3_K_L", 4.2979, 0);
    check_bpw("Q3_K_S", 3.6429, 0);
    check_bpw("Q2_K", 3.1593, 0);
    check_bpw("IQ4_XS", 4.4597, 0);
    check_bpw("IQ4_NL", 4.6818, 0);
    check_bpw("F16", 16.0005, 0);
    check_bpw("Q2_K_S", 2.9697, 1);
    check_bpw("IQ3_M", 3.7628, 1);
    check_bpw("IQ3_S", 3.6606, 1);
    check_bpw("IQ3_XS", 3.4977, 1);
    check_bpw("IQ3_XXS", 3.2548, 1);   /* with an imatrix; without, 3.3736 */
    check_bpw("IQ2_M", 2.9294, 1);
    check_bpw("IQ2_S", 2.7403, 1);
    check_bpw("IQ2_XS", 2.5882, 1);
    check_bpw("IQ2_XXS", 2.3824, 1);
    check_bpw("IQ1_M", 2.1460, 1);
    check_bpw("IQ1_S", 2.0042, 1);
    check_file_gib("Q4_K_M", 4.58);
    check_file_gib("Q8_0", 7.96);
    check_file_gib("Q6_K", 6.14);
    check_file_gib("Q4_0", 4.34);
    check_file_gib("Q2_K", 2.96);
    check_file_gib("Q3_K_M", 3.74);
    check_file_gib("Q3_K_S", 3.41);
    check_file_gib("Q3_K_L", 4.03);
    check_file_gib("Q4_K_S", 4.37);
    check_file_gib("Q4_1", 4.78);
    check_file_gib("Q5_0", 5.21);
    check_file_gib("Q5_1", 5.65);
    check_file_gib("Q5_K_S", 5.21);
    check_file_gib("Q5_K_M", 5.33);
    /* Not Q2_K_S: its 2.96G row repeats Q2_K's; the README measured 2.78 GiB. */
}
END_TEST

static Suite *gguf_sizes_suite(void)
{
    Suite *s = suite_create("gguf_sizes");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_alignment_and_errors);
    tcase_add_test(tc, test_llama8b_bytes_by_hand);
    tcase_add_test(tc, test_published_llama8b);
    tcase_add_test(tc, test_published_other_models);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(gguf_sizes_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
