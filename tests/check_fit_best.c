/* check_fit_best.c - unit tests for the inverse answers of model/fit: the
 * best precision that fits, the largest context, and the decode ceiling.
 * Expected values are computed by hand and written as their arithmetic. */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "model/devices.h"
#include "model/fit.h"
#include "model/formats.h"
#include "model/memory.h"
#include "model/models.h"

#include "check_fit.h"

/* ---- inverse answers ------------------------------------------------------ */

START_TEST(test_best_format)
{
    const qs_model *m = model("llama-3.1-8b");
    fit_config c = fit_config_default(m->total, 4.0, m);
    const qs_format *f;
    qs_device d1 = sized(1.0);

    /* RTX 4090: FP32 is 29.9 + 1 GiB, no fit; FP16 14.96 + 1, fits: FP16
     * (not BF16, the same size, later in the table). */
    f = fit_best_format(&c, device("rtx-4090"), 0.0);
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->name, "FP16");
    /* RTX 4060 (8 GiB): INT8 7.48 + 1 = 8.48 no fit; Q6_K 6.14 + 1 = 7.14 is
     * 89%, tight but not "no fit": Q6_K. */
    f = fit_best_format(&c, device("rtx-4060"), 0.0);
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->name, "Q6_K");
    ck_assert(8030261248.0 * 8.0 / 8 / GIB + 1.0 > 8.0);
    ck_assert(8030261248.0 * 6.5633 / 8 / GIB + 1.0 <= 8.0);
    /* Nothing fits: NULL. */
    c = fit_config_default(model("deepseek-v3")->total, 4.0, model("deepseek-v3"));
    ck_assert_ptr_null(fit_best_format(&c, device("rtx-4060"), 0.0));
    /* Only ternary would fit (5e9 x 1.58 bits = 0.92 GiB, x 2 bits = 1.16):
     * TERNARY is not a conversion, so none. */
    c = fit_config_default(5e9, 16.0, NULL);
    c.overhead_gib = 0.0;
    ck_assert(5e9 * 2.0 / 8 / GIB > 1.0 && 5e9 * 1.58 / 8 / GIB <= 1.0);
    ck_assert_ptr_null(fit_best_format(&c, &d1, 0.0));
    /* The Apple share moves the answer: M1 16 GB at macOS's 2/3 (issue 11;
     * it was 0.75) = 10.67 GiB: Q8_0 (8.5008 bits) 7.95 + 0.5 KV + 0.5
     * overhead = 8.95 fits; all 16 GiB: FP16 14.96 + 1 = 15.96, tight. */
    c = fit_config_default(m->total, 4.0, m);
    ck_assert(8030261248.0 * 8.5008 / 8 / GIB + 1.0 <= 16.0 * 2.0 / 3.0 * 0.85);
    ck_assert_str_eq(fit_best_format(&c, device("m1-16"), 0.0)->name, "Q8_0");
    ck_assert_str_eq(fit_best_format(&c, device("m1-16"), 1.0)->name, "FP16");
    /* Where 2/3 and 3/4 differ: at 20480 tokens the KV cache is 32 layers x
     * 20480 x 2 x 8 KV heads x 128 x 2 B = 2.5 GiB; Q8_0 7.95 + 3 = 10.95 is
     * above 2/3 x 16 = 10.67 (no fit) but within 3/4 x 16 = 12 (tight), and
     * FP8 (8.002 bits, the next rung of the ladder), 7.48 + 3 = 10.48, is
     * within 10.67. */
    c.ctx = 20480;
    ck_assert(32.0 * 20480 * 2 * 8 * 128 * 2 / GIB == 2.5);
    ck_assert(8030261248.0 * 8.5008 / 8 / GIB + 3.0 > 16.0 * 2.0 / 3.0);
    ck_assert(8030261248.0 * 8.5008 / 8 / GIB + 3.0 <= 16.0 * 0.75);
    ck_assert(8030261248.0 * 8.001953125 / 8 / GIB + 3.0 <= 16.0 * 2.0 / 3.0);
    ck_assert_str_eq(fit_best_format(&c, device("m1-16"), 0.0)->name, "FP8");
    ck_assert_str_eq(fit_best_format(&c, device("m1-16"), 0.75)->name, "Q8_0");
    /* Invalid input: NULL. */
    ck_assert_ptr_null(fit_best_format(NULL, &d1, 0.0));
    ck_assert_ptr_null(fit_best_format(&c, NULL, 0.0));
}
END_TEST

START_TEST(test_max_ctx)
{
    const qs_model *m = model("llama-3.1-8b");
    fit_config c = fit_config_default(m->total, 16.0, m);
    const qs_device *d = device("rtx-4090");
    double w = 8030261248.0 * 16 / 8 / GIB;
    long expect, got;
    fit_need n;

    /* Closed form: W + 0.5 + ctx x 131072 B <= 24564 MiB. */
    expect = (long)floor((24564.0 / 1024 - w - 0.5) * GIB / 131072.0);
    got = fit_max_ctx(&c, d, 0.0);
    ck_assert_int_eq(got, expect);
    ck_assert_int_eq(got, 69883);
    /* ... and exact: that context is not "no fit", one more is. */
    c.ctx = got;
    n = fit_need_of(&c);
    ck_assert_int_ne(fit_on_device(&n, &c, d, 0.0, 0.0).verdict, FIT_NO_FIT);
    c.ctx = got + 1;
    n = fit_need_of(&c);
    ck_assert_int_eq(fit_on_device(&n, &c, d, 0.0, 0.0).verdict, FIT_NO_FIT);
    /* It does not depend on the configured context. */
    ck_assert_int_eq(fit_max_ctx(&c, d, 0.0), expect);
    /* Capped at the model's maximum when everything fits. */
    ck_assert_int_eq(fit_max_ctx(&c, device("h100-sxm"), 0.0), 131072);
    /* Sliding window: Gemma-2-2B on an H100 reaches its 8192 maximum. */
    c = fit_config_default(model("gemma-2-2b")->total, 16.0, model("gemma-2-2b"));
    ck_assert_int_eq(fit_max_ctx(&c, device("h100-sxm"), 0.0), 8192);
    /* Even one token does not fit: 0. */
    c = fit_config_default(model("deepseek-v3")->total, 4.0, model("deepseek-v3"));
    ck_assert_int_eq(fit_max_ctx(&c, d, 0.0), 0);
    /* No architecture: -1; invalid: -1. */
    c = fit_config_default(7e9, 16.0, NULL);
    ck_assert_int_eq(fit_max_ctx(&c, d, 0.0), -1);
    ck_assert_int_eq(fit_max_ctx(NULL, d, 0.0), -1);
    c = fit_config_default(m->total, 16.0, m);
    ck_assert_int_eq(fit_max_ctx(&c, NULL, 0.0), -1);
}
END_TEST

START_TEST(test_max_ctx_tiny_exact)
{
    /* tiny4 at 8 bits: 4 GiB + 0.5 GiB + ctx KiB. A 5 GiB device takes
     * ctx <= 0.5 GiB / 1 KiB = 524288 tokens exactly (share 1.0: tight). */
    fit_config c = fit_config_default(tiny4.total, 8.0, &tiny4);
    qs_device d = sized(5.0);

    ck_assert_int_eq(fit_max_ctx(&c, &d, 0.0), 524288);
    /* A 4.5 GiB device: the weights and overhead alone fill it; one token
     * more is "no fit": 0. */
    d = sized(4.5);
    ck_assert_int_eq(fit_max_ctx(&c, &d, 0.0), 0);
}
END_TEST

START_TEST(test_decode_ceiling)
{
    const qs_model *m = model("llama-3.1-8b");
    const qs_model *mx = model("mixtral-8x7b");
    fit_config c = fit_config_default(m->total, 16.0, m);
    qs_device d = sized(24.0);

    /* 1008 GB/s / (8030261248 x 2 B + 0.5 GiB of cache at 4096 tokens). */
    ck_assert(fit_decode_ceiling(&c, device("rtx-4090")) ==
              1008.0 * 1e9 / (8030261248.0 * 16 / 8 + 0.5 * 1073741824.0));
    /* Mixtral reads its 12.88B active parameters, not all 46.7B. */
    c = fit_config_default(mx->total, 16.0, mx);
    ck_assert(fit_decode_ceiling(&c, device("h200")) ==
              4800.0 * 1e9 / (12879925248.0 * 16 / 8 + 2.0 * 32 * 8 * 128 * 4096 * 2));
    /* Unknown bandwidth: 0. Invalid: MEMORY_ERROR. */
    ck_assert(fit_decode_ceiling(&c, &d) == 0.0);
    ck_assert(fit_decode_ceiling(&c, device("iphone-15-pro")) == 0.0);
    ck_assert(fit_decode_ceiling(NULL, device("h200")) == MEMORY_ERROR);
    ck_assert(fit_decode_ceiling(&c, NULL) == MEMORY_ERROR);
    c.bits = 0.0;
    ck_assert(fit_decode_ceiling(&c, device("h200")) == MEMORY_ERROR);
    /* No architecture: the weights alone. */
    c = fit_config_default(7e9, 4.0, NULL);
    ck_assert(fit_decode_ceiling(&c, device("rtx-4090")) == 1008.0 * 1e9 / (7e9 * 4 / 8));
}
END_TEST

static Suite *fit_best_suite(void)
{
    Suite *s = suite_create("fit_best");
    TCase *fit = tcase_create("fit");

    tcase_add_test(fit, test_best_format);
    tcase_add_test(fit, test_max_ctx);
    tcase_add_test(fit, test_max_ctx_tiny_exact);
    tcase_add_test(fit, test_decode_ceiling);
    suite_add_tcase(s, fit);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(fit_best_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
