/* check_parse.c - unit tests for model/parse: what people type. */
#include <check.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "model/formats.h"
#include "model/parse.h"

static double params_of(const char *s)
{
    double v = -1;

    ck_assert_msg(parse_params(s, &v) == 0, "'%s' refused", s);
    return v;
}

START_TEST(test_params_accepted)
{
    ck_assert(params_of("7B") == 7e9);
    ck_assert(params_of("7b") == 7e9);
    ck_assert(params_of("8.03B") == 8.03 * 1e9);
    ck_assert(params_of("350M") == 350e6);
    ck_assert(params_of("124m") == 124e6);
    ck_assert(params_of("1.5T") == 1.5e12);
    ck_assert(params_of("500K") == 500e3);
    ck_assert(params_of("7e9") == 7e9);
    ck_assert(params_of("7000000000") == 7e9);
    ck_assert(params_of(".5B") == 0.5e9);
    ck_assert(params_of("1") == 1.0);
    ck_assert(params_of("1000T") == 1e15);
}
END_TEST

START_TEST(test_params_refused)
{
    static const char *const bad[] = {
        "", "abc", "7BB", "-7B", "+7B", "0", "0B", "nan", "NaN", "inf", "infinity", "1e400",
        "7B ", " 7B", "7 B", "7Bx", "B", ".", "7e", "0x10", "1001T", "0.5", "7G", "7,5B",
    };
    size_t i;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        double v = 123.0;
        ck_assert_msg(parse_params(bad[i], &v) == -1, "'%s' accepted", bad[i]);
        ck_assert(v == 123.0);
    }
    ck_assert_int_eq(parse_params(NULL, NULL), -1);
}
END_TEST

START_TEST(test_decimal)
{
    static const char *const bad[] = { "", "-1", "+1", "nan", "inf", "infinity", "1e400",
                                       "1e-400", "0x10", "90%", "1 ", " 1", ".", "1.2.3",
                                       "1e", "abc", "1,5" };
    double v = 0;
    size_t i;

    ck_assert_int_eq(parse_decimal("90", &v), 0);
    ck_assert(v == 90.0);
    ck_assert_int_eq(parse_decimal("100", &v), 0);
    ck_assert(v == 100.0);
    ck_assert_int_eq(parse_decimal("0.75", &v), 0);
    ck_assert(v == 0.75);
    ck_assert_int_eq(parse_decimal(".5", &v), 0);
    ck_assert(v == 0.5);
    ck_assert_int_eq(parse_decimal("0", &v), 0);
    ck_assert(v == 0.0);
    ck_assert_int_eq(parse_decimal("1e3", &v), 0);
    ck_assert(v == 1000.0);
    ck_assert_int_eq(parse_decimal("4096.5", &v), 0);
    ck_assert(v == 4096.5);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        v = 7.0;
        ck_assert_msg(parse_decimal(bad[i], &v) == -1, "'%s' accepted", bad[i]);
        ck_assert(v == 7.0);
    }
    ck_assert_int_eq(parse_decimal(NULL, &v), -1);
}
END_TEST

START_TEST(test_whole)
{
    static const char *const bad[] = { "", "-1", "+1", "1.0", "1.5", "1e3", "8k", "1 ", " 1",
                                       "0x10", "abc", "99999999999999999999" };
    char max[32], over[32];
    long v = 0;
    size_t i;

    ck_assert_int_eq(parse_whole("1", &v), 0);
    ck_assert_int_eq(v, 1);
    ck_assert_int_eq(parse_whole("4096", &v), 0);
    ck_assert_int_eq(v, 4096);
    ck_assert_int_eq(parse_whole("007", &v), 0);
    ck_assert_int_eq(v, 7);
    ck_assert_int_eq(parse_whole("0", &v), 0);
    ck_assert_int_eq(v, 0);
    /* LONG_MAX is accepted, one more is not (its last digit is 7 on every
     * two's-complement long, so adding 1 does not carry). */
    ck_assert_int_gt(snprintf(max, sizeof max, "%ld", LONG_MAX), 0);
    ck_assert_int_eq(parse_whole(max, &v), 0);
    ck_assert(v == LONG_MAX);
    ck_assert_int_gt(snprintf(over, sizeof over, "%ld%c", LONG_MAX / 10,
                              (char)('0' + LONG_MAX % 10 + 1)), 0);
    v = 7;
    ck_assert_int_eq(parse_whole(over, &v), -1);
    ck_assert_int_eq(v, 7);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        v = 7;
        ck_assert_msg(parse_whole(bad[i], &v) == -1, "'%s' accepted", bad[i]);
        ck_assert_int_eq(v, 7);
    }
    ck_assert_int_eq(parse_whole(NULL, &v), -1);
}
END_TEST

START_TEST(test_bits)
{
    static const char *const bad[] = { "", "0", "0.0", "-4", "65", "64.0001", "nan", "inf",
                                       "4bit", "4 ", "abc", "1e400", "1e-400" };
    double v = 0;
    size_t i;

    ck_assert_int_eq(parse_bits("4", &v), 0);
    ck_assert(v == 4.0);
    ck_assert_int_eq(parse_bits("4.5", &v), 0);
    ck_assert(v == 4.5);
    ck_assert_int_eq(parse_bits("64", &v), 0);
    ck_assert(v == 64.0);
    ck_assert_int_eq(parse_bits("0.001", &v), 0);
    ck_assert(v == 0.001);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        v = 7.0;
        ck_assert_msg(parse_bits(bad[i], &v) == -1, "'%s' accepted", bad[i]);
        ck_assert(v == 7.0);
    }
}
END_TEST

START_TEST(test_precision)
{
    const qs_format *f = NULL;
    double bits = 0;

    ck_assert_int_eq(formats_precision("q4_k_m", &bits, &f), 0);
    ck_assert_str_eq(f->name, "Q4_K_M");
    ck_assert(bits == 4.8944);
    ck_assert_int_eq(formats_precision("FP16", &bits, &f), 0);
    ck_assert(bits == 16.0);
    ck_assert_int_eq(formats_precision("4.5", &bits, &f), 0);
    ck_assert_ptr_null(f);
    ck_assert(bits == 4.5);
    ck_assert_int_eq(formats_precision("int9", &bits, &f), -1);
    ck_assert_int_eq(formats_precision("0", &bits, &f), -1);
    ck_assert_int_eq(formats_precision("", &bits, &f), -1);
    ck_assert_int_eq(formats_precision(NULL, &bits, &f), -1);
}
END_TEST

START_TEST(test_bytes)
{
    double v = 0;

    ck_assert_int_eq(parse_bytes("24GiB", &v), 0);
    ck_assert(v == 24.0 * 1073741824.0);
    ck_assert_int_eq(parse_bytes("16GB", &v), 0);
    ck_assert(v == 16e9);
    ck_assert_int_eq(parse_bytes("16gb", &v), 0);
    ck_assert(v == 16e9);
    ck_assert_int_eq(parse_bytes("0.5GiB", &v), 0);
    ck_assert(v == 536870912.0);
    ck_assert_int_eq(parse_bytes("512MiB", &v), 0);
    ck_assert(v == 536870912.0);
    ck_assert_int_eq(parse_bytes("1TB", &v), 0);
    ck_assert(v == 1e12);
    ck_assert_int_eq(parse_bytes("100B", &v), 0);
    ck_assert(v == 100.0);
    v = 5;
    ck_assert_int_eq(parse_bytes("24", &v), -1);
    ck_assert_int_eq(parse_bytes("24G", &v), -1);
    ck_assert_int_eq(parse_bytes("0GB", &v), -1);
    ck_assert_int_eq(parse_bytes("-1GB", &v), -1);
    ck_assert_int_eq(parse_bytes("GB", &v), -1);
    ck_assert_int_eq(parse_bytes("1e400GB", &v), -1);
    ck_assert_int_eq(parse_bytes("1e300TiB", &v), -1);
    ck_assert(v == 5);
}
END_TEST

START_TEST(test_ctx)
{
    long v = 0;

    ck_assert_int_eq(parse_ctx("4096", &v), 0);
    ck_assert_int_eq(v, 4096);
    ck_assert_int_eq(parse_ctx("8k", &v), 0);
    ck_assert_int_eq(v, 8192);
    ck_assert_int_eq(parse_ctx("128K", &v), 0);
    ck_assert_int_eq(v, 131072);
    ck_assert_int_eq(parse_ctx("1", &v), 0);
    ck_assert_int_eq(v, 1);
    v = 9;
    ck_assert_int_eq(parse_ctx("0", &v), -1);
    ck_assert_int_eq(parse_ctx("1.5", &v), -1);
    ck_assert_int_eq(parse_ctx("-4096", &v), -1);
    ck_assert_int_eq(parse_ctx("100000001", &v), -1);
    ck_assert_int_eq(parse_ctx("4096tokens", &v), -1);
    ck_assert_int_eq(parse_ctx("", &v), -1);
    ck_assert_int_eq(v, 9);
}
END_TEST

static Suite *parse_suite(void)
{
    Suite *s = suite_create("parse");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_params_accepted);
    tcase_add_test(tc, test_params_refused);
    tcase_add_test(tc, test_decimal);
    tcase_add_test(tc, test_whole);
    tcase_add_test(tc, test_bits);
    tcase_add_test(tc, test_precision);
    tcase_add_test(tc, test_bytes);
    tcase_add_test(tc, test_ctx);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(parse_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
