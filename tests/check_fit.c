/* check_fit.c - unit tests for model/kvcache and model/fit: the KV cache,
 * the need, the verdicts and their boundaries, and partial offload. The
 * inverse answers (best precision, largest context, decode ceiling) are in
 * check_fit_best.c. Expected values are computed by hand and written as
 * their arithmetic. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/devices.h"
#include "model/fit.h"
#include "model/formats.h"
#include "model/kvarch.h"
#include "model/kvcache.h"
#include "model/memory.h"
#include "model/models.h"
#include "model/parse.h"

#include "check_fit.h"

/* ---- KV cache ------------------------------------------------------------ */

/* The KV cache of model `id` in GiB through the need (kvarch.c). */
static double kv_gib(const char *id, long ctx, double kv_bits, int batch)
{
    const qs_model *m = model(id);
    fit_config c = fit_config_default(m->total, 16.0, m);
    fit_need n;

    c.ctx = ctx;
    c.kv_bits = kv_bits;
    c.batch = batch;
    n = fit_need_of(&c);
    ck_assert_int_eq(n.ok, 1);
    ck_assert_int_eq(n.kv_known, 1);
    return n.kv_gib;
}

START_TEST(test_kv_llama31_8b_is_one_gib)
{
    ck_assert(kv_gib("llama-3.1-8b", 8192, KV_BITS_F16, 1) ==
              2.0 * 32 * 8 * 128 * 2 * 8192 / 1073741824.0);
    ck_assert(kv_gib("llama-3.1-8b", 8192, KV_BITS_F16, 1) == 1.0);
    /* Linear in context and batch. */
    ck_assert(kv_gib("llama-3.1-8b", 4096, KV_BITS_F16, 1) == 0.5);
    ck_assert(kv_gib("llama-3.1-8b", 8192, KV_BITS_F16, 3) == 3.0);
    /* Llama-3.1-70B, HF blog: 2 x 80 x 8 x 128 x 2 B x 1024 tokens. */
    ck_assert(kv_gib("llama-3.1-70b", 1024, KV_BITS_F16, 1) ==
              2.0 * 80 * 8 * 128 * 2 * 1024 / 1073741824.0);
}
END_TEST

START_TEST(test_kv_quantized_types)
{
    ck_assert(kv_gib("llama-3.1-8b", 8192, KV_BITS_Q8_0, 1) == 8.5 / 16.0);
    ck_assert(kv_gib("llama-3.1-8b", 8192, KV_BITS_Q4_0, 1) == 4.5 / 16.0);
    ck_assert(kv_gib("llama-3.1-8b", 8192, 32.0, 1) == 2.0);
}
END_TEST

START_TEST(test_kv_mla_deepseek_v3)
{
    /* ik_llama.cpp PR #235: "KV self size = 2196.00 MiB" at ctx 32768. */
    double kv = kv_gib("deepseek-v3", 32768, KV_BITS_F16, 1);

    ck_assert(kv == 32768.0 * 61 * 576 * 2 / 1073741824.0);
    ck_assert(kv * 1024.0 == 2196.0);
    /* Not the naive 128 heads x (192 + 128) figure. */
    ck_assert(kv < 128.0 * (192 + 128) * 61 * 2 * 32768 / 1073741824.0);
}
END_TEST

START_TEST(test_kv_sliding_windows)
{
    /* Gemma-2-9B: 21 global layers hold ctx tokens, 21 local layers their
     * window plus llama.cpp's micro-batch, 4096 + 512. */
    ck_assert(kv_gib("gemma-2-9b", 8192, KV_BITS_F16, 1) ==
              2.0 * 8 * 256 * (21.0 * 8192 + 21.0 * 4608) * 2 / 1073741824.0);
    /* Within the window every layer holds ctx tokens. */
    ck_assert(kv_gib("gemma-2-9b", 4096, KV_BITS_F16, 1) ==
              2.0 * 8 * 256 * 42 * 4096 * 2 / 1073741824.0);
    ck_assert(kv_gib("gemma-2-9b", 2, KV_BITS_F16, 2) ==
              2.0 * 8 * 256 * 42 * 2 * 2 * 2 / 1073741824.0);
    /* gpt-oss-120b: 18 full layers, 18 with a 128-token window (config.json
     * sliding_window 128: 128 + 512 padded to 256 cells), 8 KV heads of 64. */
    ck_assert(kv_gib("gpt-oss-120b", 131072, KV_BITS_F16, 1) ==
              2.0 * 8 * 64 * (18.0 * 131072 + 18.0 * 768) * 2 / 1073741824.0);
}
END_TEST

START_TEST(test_kv_errors)
{
    const qs_model *m = model("llama-3.1-8b");
    fit_config c = fit_config_default(m->total, 16.0, m);

    c.ctx = 0;
    ck_assert_int_eq(fit_need_of(&c).ok, 0);
    c.ctx = PARSE_CTX_MAX + 1L;
    ck_assert_int_eq(fit_need_of(&c).ok, 0);
    c.ctx = 8192;
    c.kv_bits = NAN;
    ck_assert_int_eq(fit_need_of(&c).ok, 0);
    c.kv_bits = -16.0;
    ck_assert_int_eq(fit_need_of(&c).ok, 0);
}
END_TEST

START_TEST(test_kv_type_names)
{
    double b = 0.0;

    ck_assert_int_eq(kvcache_bits_from_name("f16", &b), 0);
    ck_assert(b == 16.0);
    ck_assert_int_eq(kvcache_bits_from_name("Q8_0", &b), 0);
    ck_assert(b == 8.5);
    ck_assert_int_eq(kvcache_bits_from_name("q4_0", &b), 0);
    ck_assert(b == 4.5);
    ck_assert_int_eq(kvcache_bits_from_name("q5_1", &b), 0);
    ck_assert(b == (4.0 + 4.0 + 16.0) * 8 / 32);
    ck_assert_int_eq(kvcache_bits_from_name("q3_k", &b), -1);
    ck_assert(b == (4.0 + 4.0 + 16.0) * 8 / 32);   /* untouched on refusal */
    ck_assert_int_eq(kvcache_bits_from_name("", &b), -1);
    ck_assert_int_eq(kvcache_bits_from_name(NULL, &b), -1);
    ck_assert_int_eq(kvcache_bits_from_name("f16", NULL), -1);
    ck_assert_str_eq(kvcache_name_from_bits(16.0), "f16");
    ck_assert_str_eq(kvcache_name_from_bits(8.5), "q8_0");
    ck_assert_str_eq(kvcache_name_from_bits(4.5), "q4_0");
    ck_assert_ptr_null(kvcache_name_from_bits(7.0));
    ck_assert_uint_ge(kvcache_type_count(), 3);
    ck_assert_str_eq(kvcache_type_name(1), "f16");
    ck_assert(kvcache_type_bits(1) == 16.0);
    ck_assert_ptr_null(kvcache_type_name(kvcache_type_count()));
    ck_assert(kvcache_type_bits(kvcache_type_count()) == 0.0);
}
END_TEST

/* ---- the need ------------------------------------------------------------ */

START_TEST(test_config_defaults)
{
    const qs_model *mx = model("mixtral-8x7b");
    fit_config c = fit_config_default(mx->total, 16.0, mx);

    ck_assert_int_eq(c.ctx, 4096);
    ck_assert_int_eq(c.batch, 1);
    ck_assert(c.kv_bits == 16.0);
    ck_assert(c.overhead_gib == 0.5);
    ck_assert(c.params == 46702792704.0);
    ck_assert(c.active_params == 12879925248.0);
    ck_assert_ptr_eq(c.model, mx);
    /* A different size on the same architecture reads all its weights. */
    c = fit_config_default(7e9, 16.0, mx);
    ck_assert(c.active_params == 7e9);
    c = fit_config_default(7e9, 4.0, NULL);
    ck_assert(c.active_params == 7e9);
    ck_assert_ptr_null(c.model);
}
END_TEST

START_TEST(test_need_parts)
{
    const qs_model *m = model("llama-3.1-8b");
    fit_config c = fit_config_default(m->total, 16.0, m);
    fit_need n;

    c.ctx = 8192;
    n = fit_need_of(&c);
    ck_assert_int_eq(n.ok, 1);
    ck_assert(n.weights_gib == 8030261248.0 * 16 / 8 / 1073741824.0);
    ck_assert(n.kv_gib == 1.0);
    ck_assert(n.overhead_gib == 0.5);
    ck_assert(n.total_gib == 8030261248.0 * 16 / 8 / 1073741824.0 + 1.0 + 0.5);
    ck_assert_int_eq(n.kv_known, 1);

    /* The default context is 4096 tokens, not the model's 131072. */
    c = fit_config_default(m->total, 16.0, m);
    ck_assert(fit_need_of(&c).kv_gib == 0.5);

    /* No architecture: no KV cache, and said so. */
    c = fit_config_default(7e9, 16.0, NULL);
    n = fit_need_of(&c);
    ck_assert_int_eq(n.ok, 1);
    ck_assert_int_eq(n.kv_known, 0);
    ck_assert(n.kv_gib == 0.0);
    ck_assert(n.total_gib == 14e9 / 1073741824.0 + 0.5);

    /* Overhead 0 allowed. */
    c.overhead_gib = 0.0;
    ck_assert(fit_need_of(&c).total_gib == 14e9 / 1073741824.0);

}
END_TEST

START_TEST(test_need_invalid)
{
    const qs_model *m = model("llama-3.1-8b");
    fit_config good = fit_config_default(m->total, 16.0, m);
    fit_config c;
    fit_need n;

    n = fit_need_of(NULL);
    ck_assert_int_eq(n.ok, 0);
    ck_assert(n.total_gib == MEMORY_ERROR);
#define BAD(field, value)                              \
    do {                                               \
        c = good;                                      \
        c.field = value;                               \
        n = fit_need_of(&c);                           \
        ck_assert_int_eq(n.ok, 0);                     \
        ck_assert(n.weights_gib == MEMORY_ERROR); \
        ck_assert(n.total_gib == MEMORY_ERROR);  \
    } while (0)
    BAD(params, 0.0);
    BAD(params, -1.0);
    BAD(params, NAN);
    BAD(bits, 0.0);
    BAD(bits, 65.0);
    BAD(bits, INFINITY);
    BAD(active_params, m->total * 2);
    BAD(active_params, -1.0);
    BAD(ctx, 0L);
    BAD(ctx, PARSE_CTX_MAX + 1L);
    BAD(batch, 0);
    BAD(kv_bits, 0.0);
    BAD(kv_bits, NAN);
    BAD(overhead_gib, -0.5);
    BAD(overhead_gib, NAN);
    BAD(overhead_gib, INFINITY);
#undef BAD
    /* active_params 0 means dense. */
    c = good;
    c.active_params = 0.0;
    ck_assert_int_eq(fit_need_of(&c).ok, 1);
}
END_TEST

/* ---- verdicts ------------------------------------------------------------ */

/* A need of exactly `total` GiB: weights total - 0.5 at 8 bits, no
 * architecture, overhead 0.5. */
static fit_config exact_config(double total)
{
    fit_config c = fit_config_default((total - 0.5) * GIB, 8.0, NULL);

    return c;
}

START_TEST(test_verdict_boundaries)
{
    qs_device d = sized(20.0);
    fit_config c;
    fit_need n;
    fit_result r;

    /* 17 / 20 = 0.85 exactly: still "fits" (bounds are inclusive). */
    c = exact_config(17.0);
    n = fit_need_of(&c);
    ck_assert(n.total_gib == 17.0);
    r = fit_on_device(&n, &c, &d, 0.0, 0.0);
    ck_assert_int_eq(r.ok, 1);
    ck_assert(r.share == 0.85);
    ck_assert_int_eq(r.verdict, FIT_FITS);
    ck_assert(r.usable_gib == 20.0);
    ck_assert(r.headroom_gib == 3.0);
    ck_assert_int_eq(r.gpu_layers, -1);

    /* One MiB more: "tight". */
    c = exact_config(17.0 + 1.0 / 1024);
    n = fit_need_of(&c);
    r = fit_on_device(&n, &c, &d, 0.0, 0.0);
    ck_assert(r.share > 0.85);
    ck_assert_int_eq(r.verdict, FIT_TIGHT);

    /* 20 / 20 = 1.0 exactly: "tight", headroom 0. */
    c = exact_config(20.0);
    n = fit_need_of(&c);
    r = fit_on_device(&n, &c, &d, 0.0, 0.0);
    ck_assert(r.share == 1.0);
    ck_assert_int_eq(r.verdict, FIT_TIGHT);
    ck_assert(r.headroom_gib == 0.0);

    /* One MiB more: "no fit", negative headroom. */
    c = exact_config(20.0 + 1.0 / 1024);
    n = fit_need_of(&c);
    r = fit_on_device(&n, &c, &d, 0.0, 0.0);
    ck_assert_int_eq(r.verdict, FIT_NO_FIT);
    ck_assert(r.headroom_gib == -1.0 / 1024);

    ck_assert_str_eq(fit_verdict_word(FIT_FITS), "fits");
    ck_assert_str_eq(fit_verdict_word(FIT_TIGHT), "tight");
    ck_assert_str_eq(fit_verdict_word(FIT_NO_FIT), "no fit");
}
END_TEST

START_TEST(test_verdict_apple_share)
{
    const qs_device *mac = device("m3-max-64");
    const qs_device *gpu = device("rtx-4090");
    fit_config c = exact_config(42.0);
    fit_need n = fit_need_of(&c);
    fit_result r;

    /* Default share 0.75 of 64 GiB = 48 GiB: 42 / 48 = 0.875, tight. */
    r = fit_on_device(&n, &c, mac, 0.0, 0.0);
    ck_assert(r.usable_gib == 64.0 * 0.75);
    ck_assert(r.share == 42.0 / 48.0);
    ck_assert_int_eq(r.verdict, FIT_TIGHT);
    /* The user raises it to 0.9: 57.6 GiB, 0.73: fits. */
    r = fit_on_device(&n, &c, mac, 0.9, 0.0);
    ck_assert(r.usable_gib == 64.0 * 0.9);
    ck_assert_int_eq(r.verdict, FIT_FITS);
    /* Lowers it to 0.5: 32 GiB, no fit, and no offload on unified memory. */
    r = fit_on_device(&n, &c, mac, 0.5, 64.0);
    ck_assert(r.usable_gib == 32.0);
    ck_assert_int_eq(r.verdict, FIT_NO_FIT);
    ck_assert_int_eq(r.gpu_layers, -1);
    /* An out-of-range share is ignored. */
    ck_assert(fit_on_device(&n, &c, mac, 1.5, 0.0).usable_gib == 48.0);
    /* The Apple share does not touch other devices. */
    ck_assert(fit_on_device(&n, &c, gpu, 0.5, 0.0).usable_gib == 24564.0 / 1024);
}
END_TEST

START_TEST(test_verdict_invalid)
{
    qs_device d = sized(20.0);
    fit_config c = exact_config(10.0);
    fit_need n = fit_need_of(&c);
    fit_need bad = n;
    qs_device zero = d;
    fit_result r;

    bad.ok = 0;
    r = fit_on_device(&bad, &c, &d, 0.0, 0.0);
    ck_assert_int_eq(r.ok, 0);
    ck_assert_int_eq(r.verdict, FIT_NO_FIT);
    ck_assert(r.usable_gib == MEMORY_ERROR);
    ck_assert_int_eq(fit_on_device(NULL, &c, &d, 0.0, 0.0).ok, 0);
    ck_assert_int_eq(fit_on_device(&n, &c, NULL, 0.0, 0.0).ok, 0);
    ck_assert_int_eq(fit_on_device(&n, &c, &d, 0.0, -1.0).ok, 0);
    ck_assert_int_eq(fit_on_device(&n, &c, &d, 0.0, NAN).ok, 0);
    zero.capacity_gib = 0.0;
    ck_assert_int_eq(fit_on_device(&n, &c, &zero, 0.0, 0.0).ok, 0);
    zero = d;
    zero.gpu_share = 0.0;
    ck_assert_int_eq(fit_on_device(&n, &c, &zero, 0.0, 0.0).ok, 0);
    /* c may be NULL: a verdict without partial offload. */
    ck_assert_int_eq(fit_on_device(&n, NULL, &d, 0.0, 0.0).ok, 1);
}
END_TEST

/* ---- partial offload ----------------------------------------------------- */

START_TEST(test_offload_exact_layers)
{
    /* Weights 4 GiB (4 GiB params at 8 bits), KV 1 GiB at 2^20 tokens:
     * 1.25 GiB per layer; overhead 0.5; total 5.5 GiB. */
    fit_config c = fit_config_default(tiny4.total, 8.0, &tiny4);
    fit_need n;
    qs_device d3 = sized(3.0), d;

    c.ctx = 1048576L;
    n = fit_need_of(&c);
    ck_assert(n.weights_gib == 4.0);
    ck_assert(n.kv_gib == 1.0);
    ck_assert(n.total_gib == 5.5);
    /* 3 GiB GPU: (3 - 0.5) / 1.25 = 2 layers exactly; 2.5 GiB RAM makes
     * GPU + RAM = 5.5 = total exactly, which counts. */
    ck_assert_int_eq(fit_on_device(&n, &c, &d3, 0.0, 2.5).gpu_layers, 2);
    ck_assert_int_eq(fit_on_device(&n, &c, &d3, 0.0, 2.5).verdict, FIT_OFFLOAD);
    /* A little less RAM: the whole does not fit anywhere. */
    ck_assert_int_eq(fit_on_device(&n, &c, &d3, 0.0, 2.5 - 1.0 / 1024).gpu_layers, -1);
    /* No RAM given: no offload answer. */
    ck_assert_int_eq(fit_on_device(&n, &c, &d3, 0.0, 0.0).gpu_layers, -1);
    /* One MiB less GPU: 1 layer. */
    d = sized(3.0 - 1.0 / 1024);
    ck_assert_int_eq(fit_on_device(&n, &c, &d, 0.0, 64.0).gpu_layers, 1);
    /* 4.25 GiB: 3 layers; the overhead alone does not fit in 0.25: 0. */
    d = sized(4.25);
    ck_assert_int_eq(fit_on_device(&n, &c, &d, 0.0, 64.0).gpu_layers, 3);
    d = sized(0.25);
    ck_assert_int_eq(fit_on_device(&n, &c, &d, 0.0, 64.0).gpu_layers, 0);
    /* When the whole fits there is nothing to offload. */
    d = sized(8.0);
    ck_assert_int_eq(fit_on_device(&n, &c, &d, 0.0, 64.0).gpu_layers, -1);
}
END_TEST

START_TEST(test_offload_llama)
{
    /* Llama-3.1-8B FP16, 8192 tokens: weights W = 8030261248 x 2 B,
     * KV 1 GiB, per layer (W + 1) / 32 = 0.4987 GiB; an 8 GiB GPU keeps
     * floor(7.5 / 0.4987) = 15 layers (15 x 0.4987 = 7.48 <= 7.5 < 7.98). */
    const qs_model *m = model("llama-3.1-8b");
    fit_config c = fit_config_default(m->total, 16.0, m);
    qs_device d = sized(8.0);
    fit_need n;
    double per_layer;

    c.ctx = 8192;
    n = fit_need_of(&c);
    per_layer = (8030261248.0 * 2 / 1073741824.0 + 1.0) / 32;
    ck_assert(15 * per_layer <= 7.5 && 16 * per_layer > 7.5);
    ck_assert_int_eq(fit_on_device(&n, &c, &d, 0.0, 16.0).gpu_layers, 15);
    /* 8 GiB of RAM is not enough for the other 8.46 GiB. */
    ck_assert_int_eq(fit_on_device(&n, &c, &d, 0.0, 8.0).gpu_layers, -1);
    /* A CPU-only device (Raspberry Pi) and a Mac never offload. */
    ck_assert_int_eq(fit_on_device(&n, &c, device("rpi5-8gb"), 0.0, 64.0).gpu_layers, -1);
    ck_assert_int_eq(fit_on_device(&n, &c, device("m1-16"), 0.0, 64.0).gpu_layers, -1);
    /* A catalogued GPU does: RTX 4060 (8 GiB) the same 15 layers. */
    ck_assert_int_eq(fit_on_device(&n, &c, device("rtx-4060"), 0.0, 16.0).gpu_layers, 15);
    /* Without architecture there are no layers to count. */
    c = fit_config_default(20e9, 16.0, NULL);
    n = fit_need_of(&c);
    ck_assert_int_eq(fit_on_device(&n, &c, &d, 0.0, 64.0).gpu_layers, -1);
}
END_TEST

START_TEST(test_layers_in)
{
    /* 116.29... / 2.836... rounds up to 41.0, yet 41 layers take more than
     * 116.29... GiB: the correction must give 40. */
    const double avail = 116.29073456795533, per = 2.8363593797062276;

    ck_assert(41 * per > avail);
    ck_assert(40 * per <= avail);
    ck_assert_int_eq(fit_layers_in(avail, per, 80), 40);
    ck_assert_int_eq(fit_layers_in(10.0, 2.5, 80), 4);
    ck_assert_int_eq(fit_layers_in(10.0, 2.5, 3), 3);
    ck_assert_int_eq(fit_layers_in(9.99, 2.5, 80), 3);
    ck_assert_int_eq(fit_layers_in(0.0, 1.0, 5), 0);
    ck_assert_int_eq(fit_layers_in(-1.0, 1.0, 5), 0);
    ck_assert_int_eq(fit_layers_in(5.0, 0.0, 5), 0);
    ck_assert_int_eq(fit_layers_in(5.0, NAN, 5), 0);
    /* No layers, or a negative count, is bad input: 0, not the count. */
    ck_assert_int_eq(fit_layers_in(10.0, 1.0, 0), 0);
    ck_assert_int_eq(fit_layers_in(10.0, 1.0, -3), 0);
}
END_TEST

START_TEST(test_need_edges)
{
    /* A model whose architecture cannot be sized: no layers. */
    static const qs_model broken = { .id = "broken", .name = "Broken", .family = "test",
                                     .arch = { .name = "Broken", .layers = 0, .hidden = 4096,
                                               .heads = 32, .vocab = 100 },
                                     .ctx = 4096, .total = 1e9, .active = 1e9 };
    fit_config c = fit_config_default(7e9, 16.0, NULL);
    const qs_device *h100 = devices_find("h100-sxm");
    fit_need n;

    /* active_params 0 means dense: the speed reads every weight. */
    c.active_params = 0.0;
    ck_assert(fit_decode_ceiling(&c, h100) ==
              h100->bandwidth_gbps * 1e9 / (7e9 * 16.0 / 8.0));
    /* Finite arguments whose footprint overflows. */
    c = fit_config_default(1e308, 64.0, NULL);
    c.active_params = 0.0;
    n = fit_need_of(&c);
    ck_assert_int_eq(n.ok, 0);
    ck_assert(n.weights_gib == MEMORY_ERROR);
    c = fit_config_default(1e9, 16.0, &broken);
    n = fit_need_of(&c);
    ck_assert_int_eq(n.ok, 0);
    ck_assert(n.kv_gib == MEMORY_ERROR);
    ck_assert_str_eq(fit_verdict_word((fit_verdict)99), "?");
}
END_TEST

static Suite *fit_suite(void)
{
    Suite *s = suite_create("fit");
    TCase *kv = tcase_create("kvcache");
    TCase *fit = tcase_create("fit");

    tcase_add_test(kv, test_kv_llama31_8b_is_one_gib);
    tcase_add_test(kv, test_kv_quantized_types);
    tcase_add_test(kv, test_kv_mla_deepseek_v3);
    tcase_add_test(kv, test_kv_sliding_windows);
    tcase_add_test(kv, test_kv_errors);
    tcase_add_test(kv, test_kv_type_names);
    suite_add_tcase(s, kv);
    tcase_add_test(fit, test_config_defaults);
    tcase_add_test(fit, test_need_parts);
    tcase_add_test(fit, test_need_invalid);
    tcase_add_test(fit, test_verdict_boundaries);
    tcase_add_test(fit, test_verdict_apple_share);
    tcase_add_test(fit, test_verdict_invalid);
    tcase_add_test(fit, test_offload_exact_layers);
    tcase_add_test(fit, test_offload_llama);
    tcase_add_test(fit, test_layers_in);
    tcase_add_test(fit, test_need_edges);
    suite_add_tcase(s, fit);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(fit_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
