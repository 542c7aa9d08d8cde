/* check_gguf_rules.c - unit tests for model/ggml and model/gguf_rules: the
 * type table, row bytes, the file types, and llama.cpp's per-tensor rules on
 * Llama-3.1-8B's 291 tensors and on small MoE lists, with the fallbacks.
 * The predicted sizes are in check_gguf_sizes.c. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "model/ggml.h"
#include "model/gguf_rules.h"
#include "model/tensors.h"

#include "check_gguf_rules.h"

/* ---- the ggml type table -------------------------------------------------- */

START_TEST(test_type_table)
{
    static const struct { int id; const char *name; int block, bytes; } want[] = {
        { GGML_TYPE_F32, "F32", 1, 4 }, { GGML_TYPE_F16, "F16", 1, 2 },
        { GGML_TYPE_BF16, "BF16", 1, 2 }, { GGML_TYPE_Q4_0, "Q4_0", 32, 18 },
        { GGML_TYPE_Q4_1, "Q4_1", 32, 20 }, { GGML_TYPE_Q5_0, "Q5_0", 32, 22 },
        { GGML_TYPE_Q5_1, "Q5_1", 32, 24 }, { GGML_TYPE_Q8_0, "Q8_0", 32, 34 },
        { GGML_TYPE_Q2_K, "Q2_K", 256, 84 }, { GGML_TYPE_Q3_K, "Q3_K", 256, 110 },
        { GGML_TYPE_Q4_K, "Q4_K", 256, 144 }, { GGML_TYPE_Q5_K, "Q5_K", 256, 176 },
        { GGML_TYPE_Q6_K, "Q6_K", 256, 210 }, { GGML_TYPE_Q8_K, "Q8_K", 256, 292 },
        { GGML_TYPE_IQ2_XXS, "IQ2_XXS", 256, 66 }, { GGML_TYPE_IQ2_XS, "IQ2_XS", 256, 74 },
        { GGML_TYPE_IQ3_XXS, "IQ3_XXS", 256, 98 }, { GGML_TYPE_IQ1_S, "IQ1_S", 256, 50 },
        { GGML_TYPE_IQ4_NL, "IQ4_NL", 32, 18 }, { GGML_TYPE_IQ3_S, "IQ3_S", 256, 110 },
        { GGML_TYPE_IQ2_S, "IQ2_S", 256, 82 }, { GGML_TYPE_IQ4_XS, "IQ4_XS", 256, 136 },
        { GGML_TYPE_IQ1_M, "IQ1_M", 256, 56 }, { GGML_TYPE_TQ1_0, "TQ1_0", 256, 54 },
        { GGML_TYPE_TQ2_0, "TQ2_0", 256, 66 }, { GGML_TYPE_MXFP4, "MXFP4", 32, 17 },
        { GGML_TYPE_NVFP4, "NVFP4", 64, 36 }, { GGML_TYPE_Q1_0, "Q1_0", 128, 18 },
        { GGML_TYPE_Q2_0, "Q2_0", 64, 18 },
    };
    size_t i;

    for (i = 0; i < sizeof want / sizeof want[0]; i++) {
        const ggml_type_info *ti = ggml_type_get(want[i].id);

        ck_assert_ptr_nonnull(ti);
        ck_assert_str_eq(ti->name, want[i].name);
        ck_assert_int_eq(ti->block, want[i].block);
        ck_assert_int_eq(ti->bytes, want[i].bytes);
        ck_assert_ptr_eq(ggml_type_find(want[i].name), ti);
        ck_assert_int_eq(ti->quantized, want[i].block > 1);
    }
    /* The ids files store; removed ids are not types. */
    ck_assert_int_eq(GGML_TYPE_Q4_K, 12);
    ck_assert_int_eq(GGML_TYPE_BF16, 30);
    ck_assert_int_eq(GGML_TYPE_MXFP4, 39);
    ck_assert_int_eq(GGML_TYPE_Q2_0, 42);
    ck_assert_ptr_null(ggml_type_get(4));
    ck_assert_ptr_null(ggml_type_get(31));
    ck_assert_ptr_null(ggml_type_get(43));
    ck_assert_str_eq(ggml_type_name(36), "?");
    /* Names are case-insensitive. */
    ck_assert_int_eq(ggml_type_find("q4_k")->id, GGML_TYPE_Q4_K);
    ck_assert_int_eq(ggml_type_find("iq4_xs")->id, GGML_TYPE_IQ4_XS);
    ck_assert_ptr_null(ggml_type_find("Q4_K_M"));
    ck_assert_ptr_null(ggml_type_find(NULL));
    /* The table is in id order with unique ids: 35 types. */
    ck_assert_uint_eq(ggml_type_count(), 35);
    for (i = 1; i < ggml_type_count(); i++)
        ck_assert_int_lt(ggml_type_at(i - 1)->id, ggml_type_at(i)->id);
    ck_assert_ptr_null(ggml_type_at(ggml_type_count()));
}
END_TEST

START_TEST(test_row_and_tensor_bytes)
{
    tensor_list l = empty_list();

    ck_assert_int_eq(ggml_row_bytes(GGML_TYPE_Q4_K, 4096), 4096 / 256 * 144);   /* 2304 */
    ck_assert_int_eq(ggml_row_bytes(GGML_TYPE_Q6_K, 14336), 14336 / 256 * 210); /* 11760 */
    ck_assert_int_eq(ggml_row_bytes(GGML_TYPE_Q8_0, 2880), 2880 / 32 * 34);     /* 3060 */
    ck_assert_int_eq(ggml_row_bytes(GGML_TYPE_MXFP4, 2880), 2880 / 32 * 17);
    ck_assert_int_eq(ggml_row_bytes(GGML_TYPE_F32, 7), 28);
    ck_assert_int_eq(ggml_row_bytes(GGML_TYPE_BF16, 7), 14);
    ck_assert_int_eq(ggml_row_bytes(GGML_TYPE_Q4_K, 2880), -1);   /* 2880 = 11.25 blocks */
    ck_assert_int_eq(ggml_row_bytes(GGML_TYPE_Q8_0, 100), -1);
    ck_assert_int_eq(ggml_row_bytes(GGML_TYPE_Q8_0, -32), -1);
    ck_assert_int_eq(ggml_row_bytes(4, 256), -1);

    add(&l, "blk.0.attn_q.weight", TENSOR_ATTN_Q, 0, 2, 4096, 4096, 1);
    add(&l, "blk.0.ffn_down_exps.weight", TENSOR_FFN_DOWN_EXPS, 0, 3, 2880, 2880, 32);
    ck_assert_int_eq(ggml_tensor_bytes(GGML_TYPE_Q4_K, &l.t[0]), 4096LL * 2304);
    ck_assert_int_eq(ggml_tensor_bytes(GGML_TYPE_MXFP4, &l.t[1]), 2880LL / 32 * 17 * 2880 * 32);
    ck_assert_int_eq(ggml_tensor_bytes(GGML_TYPE_Q4_K, &l.t[1]), -1);
    ck_assert_int_eq(ggml_tensor_bytes(GGML_TYPE_F32, NULL), -1);
}
END_TEST

/* ---- file types ----------------------------------------------------------- */

START_TEST(test_ftype_table)
{
    const gguf_ftype_info *f = gguf_rules_ftype(GGUF_FTYPE_Q4_K_M);
    int i;

    ck_assert_str_eq(f->name, "Q4_K_M");
    ck_assert_int_eq(f->llama_id, 15);
    ck_assert_int_eq(f->default_type, GGML_TYPE_Q4_K);
    ck_assert_int_eq(ft("q4_k_m"), GGUF_FTYPE_Q4_K_M);
    ck_assert_int_eq(ft("Q4_K"), GGUF_FTYPE_Q4_K_M);
    ck_assert_int_eq(ft("mxfp4_moe"), GGUF_FTYPE_MXFP4_MOE);
    ck_assert_int_eq(gguf_rules_ftype(GGUF_FTYPE_MXFP4_MOE)->llama_id, 38);
    ck_assert_int_eq(gguf_rules_ftype(GGUF_FTYPE_BF16)->llama_id, 32);
    /* IQ2_S files default to IQ2_XS, IQ3_XS to IQ3_S (llama_ftype_get_default_type). */
    ck_assert_int_eq(gguf_rules_ftype(GGUF_FTYPE_IQ2_S)->default_type, GGML_TYPE_IQ2_XS);
    ck_assert_int_eq(gguf_rules_ftype(GGUF_FTYPE_IQ3_XS)->default_type, GGML_TYPE_IQ3_S);
    ck_assert_int_eq(gguf_rules_ftype(GGUF_FTYPE_IQ2_M)->needs_imatrix, 1);
    ck_assert_int_eq(gguf_rules_ftype(GGUF_FTYPE_Q2_K_S)->needs_imatrix, 1);
    ck_assert_int_eq(gguf_rules_ftype(GGUF_FTYPE_IQ3_M)->needs_imatrix, 0);
    ck_assert_int_eq(gguf_rules_ftype(GGUF_FTYPE_IQ4_XS)->needs_imatrix, 0);
    /* The uploader rows. */
    ck_assert_int_eq(ft("Q4_K_XL"), GGUF_FTYPE_UD_Q4_K_XL);
    ck_assert_int_eq(ft("ud-q4_k_xl"), GGUF_FTYPE_UD_Q4_K_XL);
    ck_assert_int_eq(ft("q3_k_xl"), GGUF_FTYPE_Q3_K_XL);
    ck_assert_int_eq(gguf_rules_ftype(GGUF_FTYPE_Q4_K_L)->rules_as, GGUF_FTYPE_Q4_K_M);
    ck_assert_int_eq(gguf_rules_ftype(GGUF_FTYPE_Q4_K_L)->embd_out_type, GGML_TYPE_Q8_0);
    ck_assert_int_eq(gguf_rules_ftype_find("Q4_K_XXL"), -1);
    ck_assert_int_eq(gguf_rules_ftype_find(""), -1);
    ck_assert_int_eq(gguf_rules_ftype_find(NULL), -1);
    ck_assert_ptr_null(gguf_rules_ftype(GGUF_FTYPE_COUNT));
    /* Every row: in enum order, found by its name, with a llama.cpp base. */
    for (i = 0; i < GGUF_FTYPE_COUNT; i++) {
        const gguf_ftype_info *r = gguf_rules_ftype((gguf_ftype)i);
        const gguf_ftype_info *base = gguf_rules_ftype(r->rules_as);

        ck_assert_int_eq(r->id, i);
        ck_assert_int_eq(ft(r->name), i);
        ck_assert_int_eq(base->rules_as, base->id);
        ck_assert_int_eq(base->embd_out_type, GGUF_NO_OVERRIDE);
        ck_assert_int_eq(r->default_type, base->default_type);
        ck_assert_int_eq(r->llama_id, base->llama_id);
    }
}
END_TEST

/* ---- the rules ------------------------------------------------------------ */

START_TEST(test_use_more_bits_n32)
{
    /* use_more_bits(i, 32) = i < 4 || i >= 28 || (i - 4) % 3 == 2. */
    static const int more[] = { 0, 1, 2, 3, 6, 9, 12, 15, 18, 21, 24, 27, 28, 29, 30, 31 };
    gguf_rules_ctx c = llama8b_ctx();
    tensor_list l = llama8b(1);
    size_t k = 0;
    int i;

    for (i = 0; i < L8_LAYERS; i++) {
        int want = k < sizeof more / sizeof more[0] && more[k] == i;
        int formula = i < 32 / 8 || i >= 7 * 32 / 8 || (i - 32 / 8) % 3 == 2;
        /* Alone (no state): the tensor's layer stands for the counter. */
        int t = gguf_rules_type(GGUF_FTYPE_Q4_K_M, &l.t[1 + 9 * i + 3], &c, NULL);

        ck_assert_str_eq(l.t[1 + 9 * i + 3].name + strlen(l.t[1 + 9 * i + 3].name) - 13,
                         "attn_v.weight");
        ck_assert_int_eq(want, formula);
        ck_assert_int_eq(t, want ? GGML_TYPE_Q6_K : GGML_TYPE_Q4_K);
        k += (size_t)want;
    }
    /* 4 first, 4 last, 8 of the middle 24. */
    ck_assert_uint_eq(k, 4 + 4 + 8);
}
END_TEST

START_TEST(test_llama8b_q4_k_m_types)
{
    gguf_rules_ctx c = llama8b_ctx();
    tensor_list l = typed8b("Q4_K_M", &c);
    int n_v6 = 0, n_down6 = 0, n_q4 = 0, n_f32 = 0;
    size_t i;

    ck_assert_uint_eq(l.n, 291);
    ck_assert_int_eq(type_of(&l, "output.weight"), GGML_TYPE_Q6_K);
    ck_assert_int_eq(type_of(&l, "token_embd.weight"), GGML_TYPE_Q4_K);
    ck_assert_int_eq(type_of(&l, "output_norm.weight"), GGML_TYPE_F32);
    for (i = 0; i < l.n; i++) {
        tensor_role r = l.t[i].role;

        if (types[i] == GGML_TYPE_Q6_K && r == TENSOR_ATTN_V)
            n_v6++;
        else if (types[i] == GGML_TYPE_Q6_K && r == TENSOR_FFN_DOWN)
            n_down6++;
        else if (types[i] == GGML_TYPE_Q4_K)
            n_q4++;
        else if (types[i] == GGML_TYPE_F32 && r == TENSOR_NORM)
            n_f32++;
        else
            ck_assert_int_eq(r, TENSOR_OUTPUT);
    }
    ck_assert_int_eq(n_v6, 16);
    ck_assert_int_eq(n_down6, 16);
    ck_assert_int_eq(n_f32, 2 * 32 + 1);
    /* token_embd + 32 x (q, k, o, gate, up) + the 16 + 16 others. */
    ck_assert_int_eq(n_q4, 1 + 32 * 5 + 16 + 16);
    ck_assert_int_eq(blk_type(&l, 5, "attn_v.weight"), GGML_TYPE_Q4_K);
    ck_assert_int_eq(blk_type(&l, 6, "ffn_down.weight"), GGML_TYPE_Q6_K);
}
END_TEST

START_TEST(test_visiting_order)
{
    /* The list reversed gets the same types: the counters follow the
     * layers, as llama-quantize's sorted weights do, not the list. */
    gguf_rules_ctx c = llama8b_ctx();
    tensor_list l = llama8b(1);
    static int fwd[CAP];
    size_t i, n = l.n;

    ck_assert_int_eq(gguf_rules_apply(GGUF_FTYPE_Q3_K_M, &l, &c, fwd), 0);
    for (i = 0; i < n / 2; i++) {
        qs_tensor t = l.t[i];

        l.t[i] = l.t[n - 1 - i];
        l.t[n - 1 - i] = t;
    }
    ck_assert_int_eq(gguf_rules_apply(GGUF_FTYPE_Q3_K_M, &l, &c, types), 0);
    for (i = 0; i < n; i++)
        ck_assert_int_eq(types[i], fwd[n - 1 - i]);
    /* Q3_K_M: the first two attn_v Q5_K, the rest Q4_K; ffn_down Q5_K for
     * i < 32/16, then Q4_K; attn_output Q4_K; output Q6_K. */
    ck_assert_int_eq(blk_type(&l, 0, "attn_v.weight"), GGML_TYPE_Q5_K);
    ck_assert_int_eq(blk_type(&l, 1, "attn_v.weight"), GGML_TYPE_Q5_K);
    ck_assert_int_eq(blk_type(&l, 2, "attn_v.weight"), GGML_TYPE_Q4_K);
    ck_assert_int_eq(blk_type(&l, 1, "ffn_down.weight"), GGML_TYPE_Q5_K);
    ck_assert_int_eq(blk_type(&l, 2, "ffn_down.weight"), GGML_TYPE_Q4_K);
    ck_assert_int_eq(blk_type(&l, 9, "attn_output.weight"), GGML_TYPE_Q4_K);
    ck_assert_int_eq(blk_type(&l, 9, "attn_q.weight"), GGML_TYPE_Q3_K);
    ck_assert_int_eq(type_of(&l, "output.weight"), GGML_TYPE_Q6_K);
}
END_TEST

START_TEST(test_other_ftypes_on_8b)
{
    gguf_rules_ctx c = llama8b_ctx();
    tensor_list l = typed8b("Q4_K_S", &c);

    /* Q4_K_S: the first 4 attn_v and the first 32/8 ffn_down in Q5_K. */
    ck_assert_int_eq(blk_type(&l, 3, "attn_v.weight"), GGML_TYPE_Q5_K);
    ck_assert_int_eq(blk_type(&l, 4, "attn_v.weight"), GGML_TYPE_Q4_K);
    ck_assert_int_eq(blk_type(&l, 3, "ffn_down.weight"), GGML_TYPE_Q5_K);
    ck_assert_int_eq(blk_type(&l, 4, "ffn_down.weight"), GGML_TYPE_Q4_K);
    /* Q2_K with GQA 4: attn_v Q4_K, ffn_down and attn_output Q3_K. */
    l = typed8b("Q2_K", &c);
    ck_assert_int_eq(blk_type(&l, 7, "attn_v.weight"), GGML_TYPE_Q4_K);
    ck_assert_int_eq(blk_type(&l, 7, "ffn_down.weight"), GGML_TYPE_Q3_K);
    ck_assert_int_eq(blk_type(&l, 7, "attn_output.weight"), GGML_TYPE_Q3_K);
    ck_assert_int_eq(blk_type(&l, 7, "ffn_up.weight"), GGML_TYPE_Q2_K);
    /* IQ2_XXS: output Q5_K, token_embd Q2_K, attn_v Q4_K (GQA 4), the first
     * 32/8 ffn_down Q2_K. */
    l = typed8b("IQ2_XXS", &c);
    ck_assert_int_eq(type_of(&l, "output.weight"), GGML_TYPE_Q5_K);
    ck_assert_int_eq(type_of(&l, "token_embd.weight"), GGML_TYPE_Q2_K);
    ck_assert_int_eq(blk_type(&l, 0, "attn_v.weight"), GGML_TYPE_Q4_K);
    ck_assert_int_eq(blk_type(&l, 3, "ffn_down.weight"), GGML_TYPE_Q2_K);
    ck_assert_int_eq(blk_type(&l, 4, "ffn_down.weight"), GGML_TYPE_IQ2_XXS);
    /* IQ3_XS: attn_q/k IQ3_XXS; ffn_up IQ3_XXS only in 4 <= i < 28. */
    l = typed8b("IQ3_XS", &c);
    ck_assert_int_eq(blk_type(&l, 0, "attn_k.weight"), GGML_TYPE_IQ3_XXS);
    ck_assert_int_eq(blk_type(&l, 3, "ffn_up.weight"), GGML_TYPE_IQ3_S);
    ck_assert_int_eq(blk_type(&l, 4, "ffn_up.weight"), GGML_TYPE_IQ3_XXS);
    ck_assert_int_eq(blk_type(&l, 28, "ffn_gate.weight"), GGML_TYPE_IQ3_S);
    /* Q8_0 leaves the output in Q8_0; F16 keeps norms F32. */
    l = typed8b("Q8_0", &c);
    ck_assert_int_eq(type_of(&l, "output.weight"), GGML_TYPE_Q8_0);
    l = typed8b("F16", &c);
    ck_assert_int_eq(type_of(&l, "output.weight"), GGML_TYPE_F16);
    ck_assert_int_eq(blk_type(&l, 0, "ffn_norm.weight"), GGML_TYPE_F32);
    /* Q4_K_L: Q4_K_M with token_embd and output in Q8_0. */
    l = typed8b("Q4_K_L", &c);
    ck_assert_int_eq(type_of(&l, "output.weight"), GGML_TYPE_Q8_0);
    ck_assert_int_eq(type_of(&l, "token_embd.weight"), GGML_TYPE_Q8_0);
    ck_assert_int_eq(blk_type(&l, 0, "attn_v.weight"), GGML_TYPE_Q6_K);
}
END_TEST

START_TEST(test_tied_and_70b)
{
    gguf_rules_ctx c = llama8b_ctx();
    tensor_list l = llama8b(0);
    int i;

    /* No output.weight: token_embd takes the output rule. */
    ck_assert_int_eq(gguf_rules_apply(GGUF_FTYPE_Q4_K_M, &l, &c, types), 0);
    ck_assert_int_eq(type_of(&l, "token_embd.weight"), GGML_TYPE_Q6_K);
    /* Llama 70B (80 layers, 64 heads / 8): attn_v Q4_K becomes Q5_K. */
    gguf_rules_ctx_init(&c, GGUF_ARCH_LLAMA, 80, 64, 8, 0);
    ck_assert_int_eq(c.is_70b, 1);
    ck_assert_int_eq(c.n_gqa, 8);
    l = empty_list();
    for (i = 0; i < 80; i++)
        add_blk(&l, i, "attn_v.weight", TENSOR_ATTN_V, 2, 8192, 1024, 1);
    ck_assert_int_eq(gguf_rules_apply(GGUF_FTYPE_Q4_K_M, &l, &c, types), 0);
    ck_assert_int_eq(types[9], GGML_TYPE_Q6_K);    /* use_more_bits(9, 80): 9 < 80/8 */
    ck_assert_int_eq(types[11], GGML_TYPE_Q5_K);   /* (11 - 10) % 3 != 2: Q4_K -> Q5_K */
    ck_assert_int_eq(types[12], GGML_TYPE_Q6_K);   /* (12 - 10) % 3 == 2 */
    ck_assert_int_eq(gguf_rules_apply(GGUF_FTYPE_Q3_K_M, &l, &c, types), 0);
    ck_assert_int_eq(types[50], GGML_TYPE_Q5_K);
    /* A Llama with as many KV heads as heads is the 65B, not the 70B. */
    gguf_rules_ctx_init(&c, GGUF_ARCH_LLAMA, 80, 64, 64, 0);
    ck_assert_int_eq(c.is_70b, 0);
}
END_TEST

START_TEST(test_fused_qkv_is_attn_v_class)
{
    /* Phi-3-style fused attn_qkv counts as attn_v: with 4 of them,
     * use_more_bits(i, 4) holds for i = 2 ((2 - 0) % 3 == 2) and i = 3 (>= 7*4/8). */
    gguf_rules_ctx c;
    tensor_list l = empty_list();
    int i;

    gguf_rules_ctx_init(&c, GGUF_ARCH_OTHER, 4, 32, 32, 0);
    for (i = 0; i < 4; i++)
        add_blk(&l, i, "attn_qkv.weight", TENSOR_ATTN_QKV, 2, 3072, 9216, 1);
    ck_assert_int_eq(gguf_rules_apply(GGUF_FTYPE_Q4_K_M, &l, &c, types), 0);
    ck_assert_int_eq(types[0], GGML_TYPE_Q4_K);
    ck_assert_int_eq(types[1], GGML_TYPE_Q4_K);
    ck_assert_int_eq(types[2], GGML_TYPE_Q6_K);
    ck_assert_int_eq(types[3], GGML_TYPE_Q6_K);
    /* Q2_K with GQA 1: attn_v class Q3_K. */
    ck_assert_int_eq(gguf_rules_apply(GGUF_FTYPE_Q2_K, &l, &c, types), 0);
    ck_assert_int_eq(types[0], GGML_TYPE_Q3_K);
}
END_TEST

START_TEST(test_never_quantized)
{
    gguf_rules_ctx c = llama8b_ctx();
    tensor_list l = empty_list();
    int i;

    c.src_type = GGML_TYPE_BF16;
    add(&l, "rope_freqs.weight", TENSOR_OTHER, -1, 1, 64, 1, 1);
    add_blk(&l, 0, "ffn_gate_inp.weight", TENSOR_FFN_GATE_INP, 2, 2048, 128, 1);
    add_blk(&l, 0, "ssm_conv1d.weight", TENSOR_SSM_CONV1D, 2, 4, 8192, 1);
    add_blk(&l, 0, "ssm_a", TENSOR_SSM_OTHER, 2, 1, 64, 1);     /* no "weight" suffix */
    add_blk(&l, 0, "ssm_d", TENSOR_SSM_OTHER, 2, 16, 64, 1);
    add_blk(&l, 0, "attn_q.bias", TENSOR_BIAS, 1, 4096, 1, 1);
    add_blk(&l, 0, "attn_sinks.weight", TENSOR_ATTN_SINKS, 1, 64, 1, 1);
    add(&l, "per_layer_model_proj.weight", TENSOR_OTHER, -1, 2, 2048, 8960, 1);
    add(&l, "position_embd.weight", TENSOR_OTHER, -1, 2, 768, 1024, 1);
    ck_assert_int_eq(gguf_rules_apply(GGUF_FTYPE_Q4_K_M, &l, &c, types), 0);
    for (i = 0; i < 7; i++)
        ck_assert_int_eq(types[i], GGML_TYPE_F32);
    ck_assert_int_eq(types[7], GGML_TYPE_BF16);   /* 2-D .weight, kept as converted */
    ck_assert_int_eq(types[8], GGML_TYPE_F32);    /* the converter's F32 list */
    /* An unnamed 2-D tensor: the role decides. */
    add(&l, "", TENSOR_ATTN_Q, 0, 2, 4096, 4096, 1);
    ck_assert_int_eq(gguf_rules_type(GGUF_FTYPE_Q4_K_M, &l.t[9], &c, NULL), GGML_TYPE_Q4_K);
}
END_TEST

START_TEST(test_fallback_gpt_oss_2880)
{
    /* gpt-oss-20b: hidden 2880 (not a multiple of 256), 24 layers, 64 heads
     * / 8 KV heads, 32 experts; untied output. */
    gguf_rules_ctx c;
    gguf_rules_state st;
    tensor_list l = empty_list();

    gguf_rules_ctx_init(&c, GGUF_ARCH_OTHER, 24, 64, 8, 32);
    add(&l, "token_embd.weight", TENSOR_TOKEN_EMBD, -1, 2, 2880, 201088, 1);
    add(&l, "output.weight", TENSOR_OUTPUT, -1, 2, 2880, 201088, 1);
    add_blk(&l, 0, "attn_q.weight", TENSOR_ATTN_Q, 2, 2880, 4096, 1);
    add_blk(&l, 0, "attn_output.weight", TENSOR_ATTN_OUTPUT, 2, 4096, 2880, 1);
    add_blk(&l, 0, "ffn_down_exps.weight", TENSOR_FFN_DOWN_EXPS, 3, 2880, 2880, 32);
    add_blk(&l, 4, "ffn_down_exps.weight", TENSOR_FFN_DOWN_EXPS, 3, 2880, 2880, 32);
    add_blk(&l, 5, "ffn_up_exps.weight", TENSOR_FFN_UP_EXPS, 3, 2880, 2880, 32);
    add(&l, "odd.weight", TENSOR_OTHER, -1, 2, 100, 8, 1);
    gguf_rules_state_init(&st, &l);
    /* Q4_K -> Q5_0 (2880 = 90 blocks of 32). */
    ck_assert_int_eq(gguf_rules_type(GGUF_FTYPE_Q4_K_M, &l.t[0], &c, &st), GGML_TYPE_Q5_0);
    /* Output: the block does not divide ne[0] -> Q8_0 before any fallback. */
    ck_assert_int_eq(gguf_rules_type(GGUF_FTYPE_Q4_K_M, &l.t[1], &c, &st), GGML_TYPE_Q8_0);
    ck_assert_int_eq(gguf_rules_type(GGUF_FTYPE_Q4_K_M, &l.t[2], &c, &st), GGML_TYPE_Q5_0);
    ck_assert_int_eq(gguf_rules_type(GGUF_FTYPE_Q4_K_M, &l.t[3], &c, &st), GGML_TYPE_Q4_K);
    /* use_more_bits(i, 24): layer 0 yes, Q6_K -> Q8_0; layer 4 no ((4 - 3) % 3
     * != 2), Q4_K -> Q5_0. */
    ck_assert_int_eq(gguf_rules_type(GGUF_FTYPE_Q4_K_M, &l.t[4], &c, &st), GGML_TYPE_Q8_0);
    ck_assert_int_eq(gguf_rules_type(GGUF_FTYPE_Q4_K_M, &l.t[5], &c, &st), GGML_TYPE_Q5_0);
    /* ne[0] = 100: Q4_K -> Q5_0 does not divide either -> F16. */
    ck_assert_int_eq(gguf_rules_type(GGUF_FTYPE_Q4_K_M, &l.t[7], &c, &st), GGML_TYPE_F16);
    ck_assert_int_eq(st.n_fallback, 5);
    /* The other fallback families. */
    ck_assert_int_eq(gguf_rules_type(GGUF_FTYPE_IQ4_XS, &l.t[6], &c, NULL), GGML_TYPE_IQ4_NL);
    ck_assert_int_eq(gguf_rules_type(GGUF_FTYPE_Q2_K, &l.t[6], &c, NULL), GGML_TYPE_Q4_0);
    ck_assert_int_eq(gguf_rules_type(GGUF_FTYPE_Q5_K_S, &l.t[6], &c, NULL), GGML_TYPE_Q5_1);
    ck_assert_int_eq(gguf_rules_type(GGUF_FTYPE_Q6_K, &l.t[6], &c, NULL), GGML_TYPE_Q8_0);
    ck_assert_int_eq(gguf_rules_type(GGUF_FTYPE_Q8_0, &l.t[6], &c, NULL), GGML_TYPE_Q8_0);
    ck_assert_int_eq(gguf_rules_type(GGUF_FTYPE_Q8_0, &l.t[7], &c, NULL), GGML_TYPE_F16);
}
END_TEST

START_TEST(test_mxfp4_moe)
{
    gguf_rules_ctx c;
    tensor_list l = empty_list();

    gguf_rules_ctx_init(&c, GGUF_ARCH_OTHER, 24, 64, 8, 32);
    add_blk(&l, 0, "ffn_gate_exps.weight", TENSOR_FFN_GATE_EXPS, 3, 2880, 2880, 32);
    add_blk(&l, 0, "attn_q.weight", TENSOR_ATTN_Q, 2, 2880, 4096, 1);
    add(&l, "token_embd.weight", TENSOR_TOKEN_EMBD, -1, 2, 2880, 201088, 1);
    add(&l, "output.weight", TENSOR_OUTPUT, -1, 2, 2880, 201088, 1);
    add_blk(&l, 0, "ffn_gate_inp.weight", TENSOR_FFN_GATE_INP, 2, 2880, 32, 1);
    add_blk(&l, 0, "attn_k_b.weight", TENSOR_OTHER, 3, 128, 512, 64);
    ck_assert_int_eq(gguf_rules_apply(GGUF_FTYPE_MXFP4_MOE, &l, &c, types), 0);
    ck_assert_int_eq(types[0], GGML_TYPE_MXFP4);
    ck_assert_int_eq(types[1], GGML_TYPE_Q8_0);
    ck_assert_int_eq(types[2], GGML_TYPE_Q8_0);
    ck_assert_int_eq(types[3], GGML_TYPE_Q8_0);
    ck_assert_int_eq(types[4], GGML_TYPE_F32);
    ck_assert_int_eq(types[5], GGML_TYPE_MXFP4);   /* any 3-D tensor ... */
    c.arch = GGUF_ARCH_BAILINGMOE3;                /* ... except there */
    ck_assert_int_eq(gguf_rules_type(GGUF_FTYPE_MXFP4_MOE, &l.t[5], &c, NULL), GGML_TYPE_Q8_0);
    ck_assert_int_eq(gguf_rules_type(GGUF_FTYPE_MXFP4_MOE, &l.t[0], &c, NULL), GGML_TYPE_MXFP4);
}
END_TEST

START_TEST(test_small_moe_8_experts)
{
    /* A Mixtral-like toy: 8 layers, 8 experts, GQA 4; the expert tensors
     * listed out of layer order. ffn_down_exps follows the layer in its
     * name: use_more_bits(i, 8) = i < 1 || i >= 7 || (i - 1) % 3 == 2. */
    static const int order[] = { 3, 0, 7, 1, 6, 2, 5, 4 };
    gguf_rules_ctx c;
    tensor_list l = empty_list();
    size_t k;

    gguf_rules_ctx_init(&c, GGUF_ARCH_LLAMA, 8, 32, 8, 8);
    for (k = 0; k < 8; k++)
        add_blk(&l, order[k], "ffn_down_exps.weight", TENSOR_FFN_DOWN_EXPS, 3, 1024, 512, 8);
    add_blk(&l, 0, "attn_v.weight", TENSOR_ATTN_V, 2, 512, 128, 1);
    add_blk(&l, 0, "attn_k.weight", TENSOR_ATTN_K, 2, 512, 128, 1);
    add_blk(&l, 0, "attn_output.weight", TENSOR_ATTN_OUTPUT, 2, 512, 512, 1);
    add_blk(&l, 0, "ffn_gate_inp.weight", TENSOR_FFN_GATE_INP, 2, 512, 8, 1);
    ck_assert_int_eq(gguf_rules_apply(GGUF_FTYPE_Q4_K_M, &l, &c, types), 0);
    for (k = 0; k < 8; k++) {
        int i = order[k], more = i < 1 || i >= 7 || (i - 1) % 3 == 2;

        ck_assert_int_eq(types[k], more ? GGML_TYPE_Q6_K : GGML_TYPE_Q4_K);
    }
    ck_assert_int_eq(types[8], GGML_TYPE_Q8_0);    /* n_expert == 8 */
    ck_assert_int_eq(types[9], GGML_TYPE_Q8_0);
    ck_assert_int_eq(types[10], GGML_TYPE_Q5_K);
    ck_assert_int_eq(types[11], GGML_TYPE_F32);
    /* Data: 4 x Q6_K + 4 x Q4_K experts, Q8_0 v/k, Q5_K o, F32 router. */
    ck_assert_int_eq(gguf_rules_data_bytes(&l, types),
                     4 * (512LL * 8 * Q6_K_ROW(1024)) + 4 * (512LL * 8 * Q4_K_ROW(1024)) +
                     2 * (128 * ROW(512, 32, 34)) + 512 * ROW(512, 256, 176) + 8 * 512 * 4);
    /* An expert tensor whose layer is outside the model is an error. */
    add_blk(&l, 8, "ffn_down_exps.weight", TENSOR_FFN_DOWN_EXPS, 3, 1024, 512, 8);
    ck_assert_int_eq(gguf_rules_apply(GGUF_FTYPE_Q4_K_M, &l, &c, types), -1);
    ck_assert_int_eq(gguf_rules_predict_bytes(GGUF_FTYPE_Q4_K_M, &l, &c), -1);
}
END_TEST

static Suite *gguf_rules_suite(void)
{
    Suite *s = suite_create("gguf_rules");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_type_table);
    tcase_add_test(tc, test_row_and_tensor_bytes);
    tcase_add_test(tc, test_ftype_table);
    tcase_add_test(tc, test_use_more_bits_n32);
    tcase_add_test(tc, test_llama8b_q4_k_m_types);
    tcase_add_test(tc, test_visiting_order);
    tcase_add_test(tc, test_other_ftypes_on_8b);
    tcase_add_test(tc, test_tied_and_70b);
    tcase_add_test(tc, test_fused_qkv_is_attn_v_class);
    tcase_add_test(tc, test_never_quantized);
    tcase_add_test(tc, test_fallback_gpt_oss_2880);
    tcase_add_test(tc, test_mxfp4_moe);
    tcase_add_test(tc, test_small_moe_8_experts);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(gguf_rules_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
