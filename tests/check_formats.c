/* check_formats.c - unit tests for model/formats: the named precisions. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/formats.h"
#include "model/memory.h"

static const char *const required[] = {
    "FP32", "FP16", "BF16", "FP8", "INT8", "INT4", "INT2", "Q8_0", "Q6_K", "Q5_K_M",
    "Q4_K_M", "Q4_0", "Q3_K_M", "Q2_K", "IQ4_XS", "IQ2_XXS", "IQ1_S", "TERNARY",
};

START_TEST(test_required_rows)
{
    size_t i;

    for (i = 0; i < sizeof required / sizeof required[0]; i++)
        ck_assert_msg(formats_find(required[i]) != NULL, "missing %s", required[i]);
}
END_TEST

START_TEST(test_table_sane)
{
    size_t i;
    int basic = 0;

    ck_assert_uint_ge(formats_count(), sizeof required / sizeof required[0]);
    for (i = 0; i < formats_count(); i++) {
        const qs_format *f = formats_get(i);
        ck_assert_ptr_nonnull(f);
        ck_assert(f->bits > 0 && f->bits <= 32);
        ck_assert(f->nominal_bits > 0 && f->nominal_bits <= f->bits);
        ck_assert(strlen(f->quality) > 0);
        if (i > 0)
            ck_assert_msg(formats_get(i - 1)->bits >= f->bits, "%s out of order", f->name);
        ck_assert_ptr_eq(formats_find(f->name), f);
        basic += f->basic;
    }
    ck_assert_int_eq(basic, 5);
    ck_assert_ptr_null(formats_get(formats_count()));
}
END_TEST

START_TEST(test_values_from_reference)
{
    /* Effective whole-file bpw on Llama-3.1-8B (shared/reference/quants.tsv). */
    ck_assert(formats_find("Q4_K_M")->bits == 4.8944);
    ck_assert(formats_find("Q4_K_M")->nominal_bits == 4.5);
    ck_assert(formats_find("Q8_0")->bits == 8.5008);
    ck_assert(formats_find("Q6_K")->nominal_bits == 6.5625);
    ck_assert(formats_find("Q2_K")->bits == 3.1593);
    ck_assert(formats_find("IQ2_XXS")->nominal_bits == 2.0625);
    ck_assert(formats_find("Q4_K_M")->ppl_delta == 0.1754);
    ck_assert(formats_find("Q8_0")->ppl_delta == 0.0026);
    ck_assert(isnan(formats_find("INT4")->ppl_delta));
    ck_assert(formats_find("FP8")->bits == 8.0 + 32.0 / 16384.0);
    ck_assert(formats_find("FP16")->bits == 16.0);
    ck_assert(formats_find("INT2")->bits == 2.0);
    ck_assert_str_eq(formats_find("FP16")->quality, "almost no loss: the recommended default");
    ck_assert_str_eq(formats_find("INT8")->quality, "minimal loss");
    ck_assert_str_eq(formats_find("INT4")->quality, "noticeable but acceptable loss");
    ck_assert_str_eq(formats_find("INT2")->quality, "significant loss: experiments only");
}
END_TEST

START_TEST(test_find_case_and_aliases)
{
    ck_assert_str_eq(formats_find("q4_k_m")->name, "Q4_K_M");
    ck_assert_str_eq(formats_find("fp16")->name, "FP16");
    ck_assert_str_eq(formats_find("F16")->name, "FP16");
    ck_assert_str_eq(formats_find("half")->name, "FP16");
    ck_assert_str_eq(formats_find("int8")->name, "INT8");
    ck_assert_str_eq(formats_find("bfloat16")->name, "BF16");
    ck_assert_str_eq(formats_find("bitnet")->name, "TERNARY");
    ck_assert_ptr_null(formats_find("q4_k_mm"));
    ck_assert_ptr_null(formats_find("q4"  "x"));
    ck_assert_ptr_null(formats_find(""));
    ck_assert_ptr_null(formats_find(NULL));
    ck_assert_ptr_null(formats_find("f1"));
}
END_TEST

START_TEST(test_nearest)
{
    ck_assert_str_eq(formats_nearest(16)->name, "FP16");   /* tie with BF16: first row */
    ck_assert_str_eq(formats_nearest(4.89)->name, "Q4_K_M");
    ck_assert_str_eq(formats_nearest(4.0)->name, "INT4");
    ck_assert_str_eq(formats_nearest(8.0)->name, "INT8");
    ck_assert_str_eq(formats_nearest(1.0)->name, "TERNARY");
    ck_assert_str_eq(formats_nearest(64.0)->name, "FP32");
    ck_assert_str_eq(formats_nearest(2.0)->name, "INT2");
    ck_assert_ptr_null(formats_nearest(NAN));
}
END_TEST

START_TEST(test_step)
{
    ck_assert_str_eq(formats_step(4.0, +1)->name, "Q3_K_M");
    ck_assert_str_eq(formats_step(4.8944, +1)->name, "Q5_K_M");
    ck_assert_str_eq(formats_step(4.8944, -1)->name, "Q4_0");
    ck_assert_str_eq(formats_step(16.0, +1)->name, "FP32");
    ck_assert_str_eq(formats_step(16.0, -1)->name, "Q8_0");
    ck_assert_str_eq(formats_step(1.0, +1)->name, "TERNARY");
    ck_assert_ptr_null(formats_step(32.0, +1));
    ck_assert_ptr_null(formats_step(1.58, -1));
    ck_assert_ptr_null(formats_step(NAN, +1));
    ck_assert_ptr_null(formats_step(4.0, 0));
    /* 4.16 is shared by GPTQ and AWQ: stepping lands on the first. */
    ck_assert_str_eq(formats_step(4.13, +1)->name, "GPTQ");
    ck_assert_str_eq(formats_step(4.16, +1)->name, "IQ4_XS");
}
END_TEST

START_TEST(test_family_names)
{
    ck_assert_str_eq(formats_family_name(FMT_FAMILY_FLOAT), "float");
    ck_assert_str_eq(formats_family_name(FMT_FAMILY_INT), "int");
    ck_assert_str_eq(formats_family_name(FMT_FAMILY_GGUF), "gguf");
    ck_assert_str_eq(formats_family_name(FMT_FAMILY_GROUP), "group");
    ck_assert_str_eq(formats_family_name(FMT_FAMILY_TERNARY), "ternary");
    ck_assert_str_eq(formats_family_name((fmt_family)99), "unknown");
}
END_TEST

static Suite *formats_suite(void)
{
    Suite *s = suite_create("formats");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_required_rows);
    tcase_add_test(tc, test_table_sane);
    tcase_add_test(tc, test_values_from_reference);
    tcase_add_test(tc, test_find_case_and_aliases);
    tcase_add_test(tc, test_nearest);
    tcase_add_test(tc, test_step);
    tcase_add_test(tc, test_family_names);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(formats_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
