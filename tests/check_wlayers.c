/* check_wlayers.c - unit tests for model/wlayers: a model block by block.
 *
 * Every expected figure is worked out here from the published shapes
 * (data/models.tsv rows, the config.json values they copy) and the tensor
 * list arch_expand.c writes for them, with each format's bytes per element
 * or per block (ggml's block sizes: Q4_K 144 bytes / 256 weights, Q6_K
 * 210 / 256, ggml/src/ggml.c type_traits), not read back from the module.
 * The KV figures follow the formula of ../shared/reference/notes.md ("KV
 * cache formula": 2 x kv_heads x head_dim x tokens x bytes per element per
 * layer) and llama.cpp's SWA cells (kvarch.h: the window plus a 512-token
 * micro-batch, padded to 256). Also layouts_tensor_bytes (layouts.h). */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/exact.h"
#include "model/formats.h"
#include "model/gguf_header.h"
#include "model/gguf_rules.h"
#include "model/kvarch.h"
#include "model/kvcache.h"
#include "model/layouts.h"
#include "model/models.h"
#include "model/wlayers.h"

/* Bytes per element: F16/BF16 and F32. */
#define F16_B 2.0
#define F32_B 4.0
/* ggml block types (ggml/src/ggml.c type_traits: QK_K 256; block_q4_K
 * 144 bytes, block_q6_K 210 bytes). */
#define QK 256.0
#define Q4K_B 144.0
#define Q6K_B 210.0
/* Relative tolerance of a scaled sum (the brief's 1e-6). */
#define SUM_TOL 1e-6

/* One table per test, static: a wlayers is ~33 KB. */
static wlayers w, w2;

static const qs_model *model(const char *id)
{
    const qs_model *m = models_find(models_builtin(), id);

    ck_assert_msg(m != NULL, "no catalog model %s", id);
    return m;
}

static const qs_format *format(const char *name)
{
    const qs_format *f = formats_find(name);

    ck_assert_msg(f != NULL, "no format %s", name);
    return f;
}

/* Every weight figure of the table. */
static double weights_sum(const wlayers *t)
{
    return wlayers_sum_layers(t, 0, t->blocks) + wlayers_sum_experts(t, 0, t->blocks) +
           t->embd_bytes + t->output_bytes;
}

static void assert_kv_profile(const qs_model *m, kvarch_profile *p)
{
    ck_assert_int_eq(kvarch_profile_of(&m->arch, p), 0);
}

/* Llama-3.1-8B at FP16 (dense: every tensor 2 bytes). A block holds
 * attn_norm, attn_q/k/v/output, ffn_norm, ffn_gate/up/down; outside:
 * token_embd, output_norm, output (the catalog row has no rope_freqs). */
START_TEST(test_llama_fp16)
{
    const qs_model *m = model("llama-3.1-8b");
    double h = 4096, kv = 1024, ffn = 14336, vocab = 128256;
    double layer = F16_B * (h * h + 2 * h * kv + h * h + 3 * h * ffn + 2 * h);
    double embd = F16_B * vocab * h, output = F16_B * (vocab * h + h);
    /* KV at 8192 f16: 2 x 8 heads x 128 x 8192 x 2 bytes = 32 MiB. */
    double kv_layer = 2.0 * 8 * 128 * 8192 * F16_B;
    kvarch_profile p;
    int l;

    /* The published total is the sum of the parts above. */
    ck_assert_double_eq(m->total, 32 * layer / F16_B + embd / F16_B + output / F16_B);
    assert_kv_profile(m, &p);
    ck_assert_int_eq(wlayers_of(m, format("FP16"), 16, m->total * 16 / 8, &p, 8192,
                                KV_BITS_F16, 1, 32 * kv_layer, &w), 0);
    ck_assert_int_eq(w.ok, 1);
    ck_assert_int_eq(w.blocks, 32);
    ck_assert_int_eq(w.trunk, 32);
    for (l = 0; l < 32; l++) {
        ck_assert_double_eq(w.layer_bytes[l], layer);
        ck_assert_double_eq(w.expert_bytes[l], 0);
        ck_assert_double_eq(w.kv_bytes[l], kv_layer);
    }
    ck_assert_double_eq(w.layer_bytes[32], 0);
    ck_assert_double_eq(w.embd_bytes, embd);
    ck_assert_double_eq(w.output_bytes, output);
    ck_assert_double_eq(w.expert_tensor_max, 0);
    ck_assert_int_eq(w.heads, 32);
    ck_assert_int_eq(w.kv_heads, 8);
    ck_assert_int_eq(w.hidden, 4096);
    ck_assert_int_eq(w.vocab, 128256);
    ck_assert_int_eq(w.ffn_width, 14336);
    ck_assert_int_eq(w.experts, 0);
    ck_assert_int_eq(w.experts_active, 0);
    /* f NULL at 16 bits: the same (elements x 2). */
    ck_assert_int_eq(wlayers_of(m, NULL, 16, m->total * 2, NULL, 8192, KV_BITS_F16, 1, 0, &w2),
                     0);
    ck_assert_double_eq(w2.layer_bytes[7], layer);
    ck_assert_double_eq(w2.embd_bytes, embd);
    ck_assert_double_eq(w2.kv_bytes[0], 0);
}
END_TEST

/* Qwen3-30B-A3B at F16 (the FP16 row: dense, so the router is 16-bit as
 * every tensor; a GGUF F16 file would keep it F32, gguf-rules.md). Block:
 * attn_norm, attn_q {2048, 32 x 128}, attn_k/v {2048, 4 x 128},
 * attn_output {4096, 2048}, q/k norms {128}, ffn_norm, ffn_gate_inp
 * {2048, 128}, and the experts {2048, 768, 128} x 3. */
START_TEST(test_qwen3_moe_f16)
{
    const qs_model *m = model("qwen3-30b-a3b");
    const qs_format *f = format("F16");
    double h = 2048, q = 4096, kvw = 512, vocab = 151936;
    double attn = h * q + 2 * h * kvw + q * h;
    double layer = F16_B * (attn + 2 * 128 + 2 * h + h * 128);
    double experts = 3.0 * 2048 * 768 * 128 * F16_B;
    double kv_layer = 2.0 * 4 * 128 * 4096 * F16_B;
    kvarch_profile p;
    double kv_total;
    int l;

    ck_assert_int_eq(f->layout, FMT_LAYOUT_DENSE);
    ck_assert_double_eq(experts, 1207959552.0);
    ck_assert_double_eq(kv_layer, 8.0 * 1024 * 1024);
    ck_assert_double_eq(m->total,
                        (48 * (layer + experts) + F16_B * (2 * vocab * h + h)) / F16_B);
    assert_kv_profile(m, &p);
    kv_total = kvarch_profile_size(&p, 4096, KV_BITS_F16, 1, NULL);
    /* measurements.md row 1: "context 384" MiB at -c 4096. */
    ck_assert_double_eq(kv_total, 384.0 * 1024 * 1024);
    ck_assert_int_eq(wlayers_of(m, f, f->bits, m->total * F16_B, &p, 4096, KV_BITS_F16, 1,
                                kv_total, &w), 0);
    for (l = 0; l < 48; l++) {
        ck_assert_double_eq(w.layer_bytes[l], layer);
        ck_assert_double_eq(w.expert_bytes[l], experts);
        ck_assert_double_eq(w.kv_bytes[l], kv_layer);
    }
    ck_assert_double_eq(w.expert_tensor_max, 402653184.0);
    ck_assert_double_eq(w.embd_bytes, F16_B * vocab * h);
    ck_assert_double_eq(w.output_bytes, F16_B * (vocab * h + h));
    ck_assert_double_eq(wlayers_sum_kv(&w, 0, 48), kv_total);
    ck_assert_double_eq(wlayers_sum_experts(&w, 14, 34), 34 * experts);
    ck_assert_int_eq(w.experts, 128);
    ck_assert_int_eq(w.experts_active, 8);
    ck_assert_int_eq(w.ffn_width, 8 * 768);
    ck_assert_int_eq(w.heads, 32);
    ck_assert_int_eq(w.kv_heads, 4);
}
END_TEST

/* Llama-3.1-8B at Q4_K_M: llama.cpp's types for blk.0 are F32 norms,
 * Q4_K attn_q/k/output and ffn_gate/up, Q6_K attn_v and ffn_down
 * (use_more_bits: the first eighth of the layers); blk.4 has attn_v and
 * ffn_down at Q4_K (4 is neither in the first or last eighth of 32 nor
 * (4 - 4) % 3 == 2). token_embd Q4_K (the file type's default), output
 * Q6_K. Every tensor is a multiple of GGUF's 32-byte alignment. */
START_TEST(test_gguf_q4km)
{
    const qs_model *m = model("llama-3.1-8b");
    const qs_format *f = format("Q4_K_M");
    double h = 4096, kv = 1024, ffn = 14336, vocab = 128256;
    double q4 = Q4K_B / QK, q6 = Q6K_B / QK, norms = 2 * h * F32_B;
    double l0 = norms + q4 * (h * h + h * kv + h * h + 2 * h * ffn) + q6 * (h * kv + ffn * h);
    double l4 = norms + q4 * (h * h + 2 * h * kv + h * h + 3 * h * ffn);
    int64_t exact = exact_bytes(m, f);
    static int types[512];
    static qs_tensor store[512];
    tensor_list list = { store, 0, 512, 0 };
    gguf_rules_ctx c;
    double blk0 = 0;
    size_t i;

    ck_assert_int_gt(exact, 0);
    ck_assert_int_eq(wlayers_of(m, f, f->bits, (double)exact, NULL, 0, 0, 0, 0, &w), 0);
    /* Scale 1: the figures sum to exact_bytes to the byte. */
    ck_assert_double_eq(weights_sum(&w), (double)exact);
    ck_assert_double_eq(w.layer_bytes[0], l0);
    ck_assert_double_eq(w.layer_bytes[1], l0);
    ck_assert_double_eq(w.layer_bytes[4], l4);
    ck_assert_double_lt(w.layer_bytes[4], w.layer_bytes[0]);
    ck_assert_double_eq(w.embd_bytes, q4 * vocab * h);
    ck_assert_double_eq(w.output_bytes, q6 * vocab * h + h * F32_B);
    /* The same blk.0 from the types gguf_rules_apply gives, in ggml bytes. */
    ck_assert_int_eq(arch_expand(&m->arch, &list), 0);
    gguf_header_rules_ctx(&c, &m->arch, m->family);
    ck_assert_int_eq(gguf_rules_apply(GGUF_FTYPE_Q4_K_M, &list, &c, types), 0);
    for (i = 0; i < list.n; i++) {
        const qs_tensor *t = &list.t[i];

        if (t->layer != 0)
            continue;
        if (t->role == TENSOR_ATTN_V || t->role == TENSOR_FFN_DOWN)
            ck_assert_int_eq(types[i], GGML_TYPE_Q6_K);
        else if (t->role == TENSOR_NORM)
            ck_assert_int_eq(types[i], GGML_TYPE_F32);
        else
            ck_assert_int_eq(types[i], GGML_TYPE_Q4_K);
        blk0 += (double)ggml_tensor_bytes(types[i], t);
    }
    ck_assert_double_eq(w.layer_bytes[0], blk0);
}
END_TEST

/* Gemma-3-27B: 62 layers, layer l full when l % 6 == 5 (10 of them), the
 * rest a 1024-token window; 16 KV heads of 128. At 131072 tokens f16 a
 * full layer holds 2 x 16 x 128 x 131072 x 2 = 1 GiB; a window layer
 * 1024 + 512 = 1536 cells: 2 x 16 x 128 x 1536 x 2. Tied embeddings:
 * outside the blocks only token_embd and output_norm. */
START_TEST(test_hybrid_gemma3)
{
    const qs_model *m = model("gemma-3-27b");
    double full = 2.0 * 16 * 128 * 131072 * F16_B, swa = 2.0 * 16 * 128 * 1536 * F16_B;
    kvarch_profile p;
    double kv_total;
    int l;

    assert_kv_profile(m, &p);
    kv_total = kvarch_profile_size(&p, 131072, KV_BITS_F16, 1, NULL);
    ck_assert_double_eq(kv_total, 10 * full + 52 * swa);
    ck_assert_int_eq(wlayers_of(m, format("BF16"), 16, m->total * F16_B, &p, 131072,
                                KV_BITS_F16, 1, kv_total, &w), 0);
    for (l = 0; l < 62; l++)
        ck_assert_double_eq(w.kv_bytes[l], (l % 6 == 5 ? full : swa));
    ck_assert_double_lt(w.kv_bytes[0], w.kv_bytes[5]);
    ck_assert_double_eq_tol(wlayers_sum_kv(&w, 0, w.blocks), kv_total, SUM_TOL * kv_total);
    ck_assert_double_eq(w.embd_bytes, F16_B * 262208.0 * 5376);
    ck_assert_double_eq(w.output_bytes, F16_B * 5376);
    ck_assert_int_eq(w.heads, 32);
    ck_assert_int_eq(w.kv_heads, 16);
    /* At 1024 tokens the window layers hold the whole context. */
    kv_total = kvarch_profile_size(&p, 1024, KV_BITS_F16, 1, NULL);
    ck_assert_int_eq(wlayers_of(m, NULL, 16, 1e9, &p, 1024, KV_BITS_F16, 1, kv_total, &w), 0);
    ck_assert_double_eq(w.kv_bytes[0], w.kv_bytes[5]);
}
END_TEST

/* gpt-oss-20b at FP16: 24 layers, odd ones full, even a 128-token window
 * (128 + 512 padded to 256: 768 cells); 8 KV heads of 64. The routed
 * experts are the three {2880, 2880, 32} tensors and their three biases
 * {2880, 32}; the block keeps attn_norm, attn_q {2880, 4096}, attn_k/v
 * {2880, 512}, attn_output {4096, 2880}, their biases, attn_sinks {64},
 * post_attention_norm, the router {2880, 32} and its bias {32}. */
START_TEST(test_hybrid_gpt_oss)
{
    const qs_model *m = model("gpt-oss-20b");
    double h = 2880, e = 32, vocab = 201088;
    double expert_w = h * h * e * F16_B;
    double experts = 3 * expert_w + 3 * h * e * F16_B;
    double layer = F16_B * (h + h * 4096 + 2 * h * 512 + 4096 * h + 4096 + 2 * 512 + h + 64 +
                            h + h * e + e);
    double full = 2.0 * 8 * 64 * 32768 * F16_B, swa = 2.0 * 8 * 64 * 768 * F16_B;
    kvarch_profile p;
    double kv_total;

    ck_assert_double_eq(m->total, (24 * (layer + experts) + F16_B * (2 * vocab * h + h)) / F16_B);
    assert_kv_profile(m, &p);
    kv_total = kvarch_profile_size(&p, 32768, KV_BITS_F16, 1, NULL);
    ck_assert_int_eq(wlayers_of(m, format("FP16"), 16, m->total * F16_B, &p, 32768,
                                KV_BITS_F16, 1, kv_total, &w), 0);
    ck_assert_double_eq(w.layer_bytes[3], layer);
    ck_assert_double_eq(w.expert_bytes[3], experts);
    ck_assert_double_eq(w.expert_tensor_max, expert_w);
    ck_assert_double_eq(w.kv_bytes[0], swa);
    ck_assert_double_eq(w.kv_bytes[1], full);
    ck_assert_double_eq_tol(wlayers_sum_kv(&w, 0, 24), kv_total, SUM_TOL * kv_total);
    ck_assert_int_eq(w.ffn_width, 4 * 2880);
    ck_assert_int_eq(w.heads, 64);
    ck_assert_int_eq(w.kv_heads, 8);
}
END_TEST

/* DeepSeek-V3 with its MTP block: 62 blocks, 61 trunk; MLA caches
 * kv_lora_rank + qk_rope_head_dim = 576 elements per token per layer;
 * the MTP block has no cache here; layers 0-2 are dense (no experts). */
START_TEST(test_mla_mtp)
{
    const qs_model *m = model("deepseek-v3-mtp");
    double kv_layer = 576.0 * 32768 * F16_B;
    kvarch_profile p;

    assert_kv_profile(m, &p);
    ck_assert_int_eq(wlayers_of(m, format("Q4_K_M"), 4.8, 4e11, &p, 32768, KV_BITS_F16, 1,
                                61 * kv_layer, &w), 0);
    ck_assert_int_eq(w.blocks, 62);
    ck_assert_int_eq(w.trunk, 61);
    ck_assert_double_eq_tol(w.kv_bytes[0], kv_layer, 1e-6);
    ck_assert_double_eq_tol(w.kv_bytes[60], kv_layer, 1e-6);
    ck_assert_double_eq(w.kv_bytes[61], 0);
    ck_assert_double_eq(w.expert_bytes[2], 0);
    ck_assert_double_gt(w.expert_bytes[3], 0);
    ck_assert_double_gt(w.layer_bytes[61], 0);
    ck_assert_double_eq_tol(weights_sum(&w), 4e11, SUM_TOL * 4e11);
    ck_assert_int_eq(w.heads, 128);
    ck_assert_int_eq(w.kv_heads, 128);
    ck_assert_int_eq(w.experts, 256);
    ck_assert_int_eq(w.experts_active, 8);
    /* Dense layers 18432; MoE 8 x 2048 + one shared of 2048: 18432. */
    ck_assert_int_eq(w.ffn_width, 18432);
}
END_TEST

/* A bare size shaped like the nearest Llama: 13e9 parameters at 4 bits
 * weigh 6.5e9 bytes however many the shape has; then half the total
 * halves every figure. */
START_TEST(test_bare_size_scaling)
{
    const qs_model *s = models_nearest(models_builtin(), NULL, 13e9);
    double total = 13e9 * 4 / 8, natural;
    int l;

    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(wlayers_of(s, NULL, 4, total, NULL, 0, 0, 0, 0, &w), 0);
    ck_assert_double_eq_tol(weights_sum(&w), total, SUM_TOL * total);
    natural = s->total * 4 / 8;
    ck_assert_int_eq(wlayers_of(s, NULL, 4, natural, NULL, 0, 0, 0, 0, &w), 0);
    /* The natural figures: elements x 0.5 (Llama blocks alike). */
    ck_assert_double_eq(w.layer_bytes[0], w.layer_bytes[w.trunk - 1]);
    ck_assert_double_eq(w.embd_bytes, (double)s->arch.vocab * (double)s->arch.hidden * 0.5);
    ck_assert_int_eq(wlayers_of(s, NULL, 4, natural * 0.5, NULL, 0, 0, 0, 0, &w2), 0);
    for (l = 0; l < w.blocks; l++)
        ck_assert_double_eq(w2.layer_bytes[l], w.layer_bytes[l] * 0.5);
    ck_assert_double_eq(w2.embd_bytes, w.embd_bytes * 0.5);
    ck_assert_double_eq(w2.output_bytes, w.output_bytes * 0.5);
    ck_assert_double_eq_tol(weights_sum(&w2), natural * 0.5, SUM_TOL * natural);
}
END_TEST

/* GPTQ keeps token_embd and output 16-bit; the per-tensor figures sum to
 * layouts_weight_bytes; EXL2's are within a byte per budgeted tensor of
 * it; layouts_tensor_bytes refuses GGUF, layout-less formats and NULLs. */
START_TEST(test_layouts_tensor_bytes)
{
    const qs_model *m = model("llama-3.1-8b");
    const qs_format *gptq = format("GPTQ"), *exl2 = format("EXL2");
    static qs_tensor store[512];
    tensor_list list = { store, 0, 512, 0 };
    int64_t sum = 0, exl = 0, total;
    size_t i;

    ck_assert_int_eq(arch_expand(&m->arch, &list), 0);
    for (i = 0; i < list.n; i++) {
        sum += layouts_tensor_bytes(gptq, &list.t[i], NAN);
        exl += layouts_tensor_bytes(exl2, &list.t[i], 4.65);
    }
    total = layouts_weight_bytes(gptq, &list, NAN);
    ck_assert_int_eq(sum, total);
    total = layouts_weight_bytes(exl2, &list, 4.65);
    ck_assert_int_le(exl, total);
    ck_assert_int_le(total - exl, (int64_t)list.n);
    ck_assert_int_eq(layouts_tensor_bytes(format("Q4_K_M"), &list.t[0], NAN), -1);
    ck_assert_int_eq(layouts_tensor_bytes(format("INT4"), &list.t[0], NAN), -1);
    ck_assert_int_eq(layouts_tensor_bytes(NULL, &list.t[0], NAN), -1);
    ck_assert_int_eq(layouts_tensor_bytes(gptq, NULL, NAN), -1);
    ck_assert_int_eq(layouts_tensor_bytes(exl2, &list.t[0], exl2->bits_hi + 1), -1);
    /* token_embd is list.t[0]: 16-bit in GPTQ. */
    ck_assert_int_eq(layouts_tensor_bytes(gptq, &list.t[0], NAN), 128256LL * 4096 * 2);
    total = layouts_weight_bytes(gptq, &list, NAN);
    ck_assert_int_eq(wlayers_of(m, gptq, gptq->bits, (double)total, NULL, 0, 0, 0, 0, &w), 0);
    ck_assert_double_eq(w.embd_bytes, 128256.0 * 4096 * F16_B);
    ck_assert_double_eq(weights_sum(&w), (double)total);
    /* EXL2 at its rate: the embeddings stay 16-bit there too. */
    total = layouts_weight_bytes(exl2, &list, 4.65);
    ck_assert_int_eq(wlayers_of(m, exl2, 4.65, (double)total, NULL, 0, 0, 0, 0, &w), 0);
    ck_assert_double_eq_tol(w.embd_bytes, 128256.0 * 4096 * F16_B, 1e-6 * (double)total);
}
END_TEST

/* A table that failed: ok 0 and every field zero. */
static void assert_failed(int rc)
{
    ck_assert_int_eq(rc, -1);
    ck_assert_int_eq(w.ok, 0);
    ck_assert_int_eq(w.blocks, 0);
    ck_assert_double_eq(w.embd_bytes, 0);
    ck_assert_double_eq(w.layer_bytes[0], 0);
    ck_assert_double_eq(w.kv_bytes[0], 0);
    ck_assert_int_eq(w.hidden, 0);
}

/* Fills w with a good table first, so that a failure must clear it. */
static void prime(const qs_model *m)
{
    ck_assert_int_eq(wlayers_of(m, NULL, 16, 1e9, NULL, 0, 0, 0, 0, &w), 0);
    ck_assert_int_eq(w.ok, 1);
}

START_TEST(test_errors)
{
    const qs_model *m = model("llama-3.1-8b");
    static qs_model bad, big;
    kvarch_profile p;

    assert_kv_profile(m, &p);
    prime(m);
    assert_failed(wlayers_of(NULL, NULL, 16, 1e9, NULL, 0, 0, 0, 0, &w));
    prime(m);
    assert_failed(wlayers_of(&bad, NULL, 16, 1e9, NULL, 0, 0, 0, 0, &w));
    prime(m);
    assert_failed(wlayers_of(m, NULL, 16, 0, NULL, 0, 0, 0, 0, &w));
    prime(m);
    assert_failed(wlayers_of(m, NULL, 16, -1e9, NULL, 0, 0, 0, 0, &w));
    prime(m);
    assert_failed(wlayers_of(m, NULL, 16, NAN, NULL, 0, 0, 0, 0, &w));
    prime(m);
    assert_failed(wlayers_of(m, NULL, 16, INFINITY, NULL, 0, 0, 0, 0, &w));
    prime(m);
    assert_failed(wlayers_of(m, NULL, 16, 1e9, &p, 4096, KV_BITS_F16, 1, -1, &w));
    prime(m);
    assert_failed(wlayers_of(m, NULL, 16, 1e9, &p, 4096, KV_BITS_F16, 1, NAN, &w));
    prime(m);
    assert_failed(wlayers_of(m, NULL, 16, 1e9, &p, 4096, KV_BITS_F16, 1, INFINITY, &w));
    ck_assert_int_eq(wlayers_of(m, NULL, 16, 1e9, NULL, 0, 0, 0, 0, NULL), -1);
    /* The most blocks an arch may have (arch.c ARCH_MAX_BLOCKS, 512, below
     * WLAYERS_MAX) fit; one more is an invalid arch. */
    big = *m;
    big.arch.layers = 512;
    ck_assert_int_eq(wlayers_of(&big, NULL, 16, 1e9, NULL, 0, 0, 0, 0, &w), 0);
    ck_assert_int_eq(w.blocks, 512);
    ck_assert_double_gt(w.layer_bytes[511], 0);
    big.arch.layers = 513;
    assert_failed(wlayers_of(&big, NULL, 16, 1e9, NULL, 0, 0, 0, 0, &w));
    /* A variable-rate format out of its range falls back to the elements. */
    ck_assert_int_eq(wlayers_of(m, format("EXL2"), 99, 1e9, NULL, 0, 0, 0, 0, &w), 0);
    ck_assert_double_eq_tol(w.embd_bytes, 1e9 * 128256.0 * 4096 / m->total, 1e-3);
    /* No KV: a NULL or not-ok profile, a zero total, a context kvarch refuses. */
    ck_assert_int_eq(wlayers_of(m, NULL, 16, 1e9, &p, 4096, KV_BITS_F16, 1, 0, &w), 0);
    ck_assert_double_eq(wlayers_sum_kv(&w, 0, w.blocks), 0);
    ck_assert_int_eq(wlayers_of(m, NULL, 16, 1e9, &p, 0, KV_BITS_F16, 1, 1e9, &w), 0);
    ck_assert_double_eq(wlayers_sum_kv(&w, 0, w.blocks), 0);
    p.ok = 0;
    ck_assert_int_eq(wlayers_of(m, NULL, 16, 1e9, &p, 4096, KV_BITS_F16, 1, 1e9, &w), 0);
    ck_assert_double_eq(wlayers_sum_kv(&w, 0, w.blocks), 0);
    ck_assert_int_eq(w.ok, 1);
}
END_TEST

/* The sums clamp their range to the table; 0 for NULL or a failed table. */
START_TEST(test_sums)
{
    const qs_model *m = model("llama-3.1-8b");
    double layer = F16_B * (2 * 4096.0 * 4096 + 2 * 4096.0 * 1024 + 3 * 4096.0 * 14336 +
                            2 * 4096.0);
    kvarch_profile p;

    assert_kv_profile(m, &p);
    ck_assert_int_eq(wlayers_of(m, NULL, 16, m->total * 2, &p, 1024, KV_BITS_F16, 1,
                                32 * 2.0 * 8 * 128 * 1024 * 2, &w), 0);
    ck_assert_double_eq(wlayers_sum_layers(&w, 0, 32), 32 * layer);
    ck_assert_double_eq(wlayers_sum_layers(&w, -5, 10), 5 * layer);
    ck_assert_double_eq(wlayers_sum_layers(&w, 30, 100), 2 * layer);
    ck_assert_double_eq(wlayers_sum_layers(&w, 32, 1), 0);
    ck_assert_double_eq(wlayers_sum_layers(&w, 3, 0), 0);
    ck_assert_double_eq(wlayers_sum_layers(&w, 3, -2), 0);
    ck_assert_double_eq(wlayers_sum_kv(&w, 4, 2), 2 * 2.0 * 8 * 128 * 1024 * 2);
    ck_assert_double_eq(wlayers_sum_experts(&w, 0, 32), 0);
    ck_assert_double_eq(wlayers_sum_layers(NULL, 0, 32), 0);
    ck_assert_double_eq(wlayers_sum_kv(NULL, 0, 32), 0);
    ck_assert_double_eq(wlayers_sum_experts(NULL, 0, 32), 0);
    w.ok = 0;
    ck_assert_double_eq(wlayers_sum_layers(&w, 0, 32), 0);
    ck_assert_double_eq(wlayers_sum_kv(&w, 0, 32), 0);
}
END_TEST

static Suite *wlayers_suite(void)
{
    Suite *s = suite_create("wlayers");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_llama_fp16);
    tcase_add_test(tc, test_qwen3_moe_f16);
    tcase_add_test(tc, test_gguf_q4km);
    tcase_add_test(tc, test_hybrid_gemma3);
    tcase_add_test(tc, test_hybrid_gpt_oss);
    tcase_add_test(tc, test_mla_mtp);
    tcase_add_test(tc, test_bare_size_scaling);
    tcase_add_test(tc, test_layouts_tensor_bytes);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_sums);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(wlayers_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
