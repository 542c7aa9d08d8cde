/* check_memory.c - unit tests for model/memory: exact footprints and savings. */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "model/memory.h"

START_TEST(test_footprint_formula_order)
{
    /* The contract: params * bits / 8 / 1024^3, in that order. */
    ck_assert(memory_footprint_gib(7e9, 16) == 7e9 * 16 / 8 / 1073741824.0);
    ck_assert(memory_footprint_gib(8030261248.0, 4.8944) == 8030261248.0 * 4.8944 / 8 / 1073741824.0);
    ck_assert(memory_footprint_gib(1073741824.0, 8) == 1.0);
    ck_assert(memory_footprint_gib(1.0, 1.0) == 1.0 / 8.0 / 1073741824.0);
}
END_TEST

START_TEST(test_footprint_exact_ratios)
{
    ck_assert(memory_footprint_gib(7e9, 16) == 4 * memory_footprint_gib(7e9, 4));
    ck_assert(memory_footprint_gib(7e9, 32) == 2 * memory_footprint_gib(7e9, 16));
    ck_assert(memory_footprint_gib(7e9, 16) == 8 * memory_footprint_gib(7e9, 2));
    ck_assert(memory_footprint_gib(70553706496.0, 16) == 4 * memory_footprint_gib(70553706496.0, 4));
}
END_TEST

START_TEST(test_footprint_known_value)
{
    /* 7e9 weights at FP16 are 14e9 bytes = 13.0385... GiB. */
    ck_assert_double_eq(memory_footprint_gib(7e9, 16), 14e9 / 1073741824.0);
    ck_assert_double_eq_tol(memory_footprint_gib(7e9, 16), 13.0385160446167, 1e-12);
}
END_TEST

START_TEST(test_footprint_errors)
{
    ck_assert(memory_footprint_gib(0, 16) == MEMORY_ERROR);
    ck_assert(memory_footprint_gib(-7e9, 16) == MEMORY_ERROR);
    ck_assert(memory_footprint_gib(7e9, 0) == MEMORY_ERROR);
    ck_assert(memory_footprint_gib(7e9, -4) == MEMORY_ERROR);
    ck_assert(memory_footprint_gib(NAN, 16) == MEMORY_ERROR);
    ck_assert(memory_footprint_gib(7e9, NAN) == MEMORY_ERROR);
    ck_assert(memory_footprint_gib(INFINITY, 16) == MEMORY_ERROR);
    ck_assert(memory_footprint_gib(7e9, INFINITY) == MEMORY_ERROR);
    ck_assert(memory_footprint_gib(-INFINITY, 16) == MEMORY_ERROR);
    /* Finite arguments whose product overflows. */
    ck_assert(memory_footprint_gib(1e308, 64) == MEMORY_ERROR);
}
END_TEST

START_TEST(test_savings_exact)
{
    qs_savings s = memory_savings(7e9, 16, 4);

    ck_assert_int_eq(s.ok, 1);
    ck_assert(s.before_gib == memory_footprint_gib(7e9, 16));
    ck_assert(s.after_gib == memory_footprint_gib(7e9, 4));
    ck_assert(s.ratio == 4.0);
    s = memory_savings(7e9, 32, 4);
    ck_assert(s.ratio == 8.0);
    ck_assert(s.before_gib == 8 * s.after_gib);
    s = memory_savings(7e9, 4, 16);
    ck_assert(s.ratio == 0.25);
    s = memory_savings(7e9, 16, 16);
    ck_assert(s.ratio == 1.0);
    ck_assert(s.before_gib == s.after_gib);
    s = memory_savings(8030261248.0, 16, 4.8944);
    ck_assert(s.ratio == 16 / 4.8944);
}
END_TEST

START_TEST(test_savings_errors)
{
    qs_savings s = memory_savings(0, 16, 4);

    ck_assert_int_eq(s.ok, 0);
    ck_assert(s.before_gib == MEMORY_ERROR);
    ck_assert(s.after_gib == MEMORY_ERROR);
    ck_assert(s.ratio == MEMORY_ERROR);
    ck_assert_int_eq(memory_savings(7e9, 0, 4).ok, 0);
    ck_assert_int_eq(memory_savings(7e9, 16, 0).ok, 0);
    ck_assert_int_eq(memory_savings(7e9, NAN, 4).ok, 0);
    ck_assert_int_eq(memory_savings(7e9, 16, -INFINITY).ok, 0);
    ck_assert_int_eq(memory_savings(NAN, 16, 4).ok, 0);
    /* Each footprint is finite but the ratio overflows. */
    ck_assert(memory_footprint_gib(1.0, 1e300) != MEMORY_ERROR);
    ck_assert(memory_footprint_gib(1.0, 1e-300) != MEMORY_ERROR);
    ck_assert_int_eq(memory_savings(1.0, 1e300, 1e-300).ok, 0);
}
END_TEST

START_TEST(test_helpers)
{
    ck_assert_int_eq(memory_is_positive(1.0), 1);
    ck_assert_int_eq(memory_is_positive(0.0), 0);
    ck_assert_int_eq(memory_is_positive(-1.0), 0);
    ck_assert_int_eq(memory_is_positive(NAN), 0);
    ck_assert_int_eq(memory_is_positive(INFINITY), 0);
    ck_assert(memory_gib_to_gb(1.0) == 1.073741824);
    ck_assert(memory_gib_to_gb(memory_footprint_gib(7e9, 16)) == 14.0);
}
END_TEST

static Suite *memory_suite(void)
{
    Suite *s = suite_create("memory");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_footprint_formula_order);
    tcase_add_test(tc, test_footprint_exact_ratios);
    tcase_add_test(tc, test_footprint_known_value);
    tcase_add_test(tc, test_footprint_errors);
    tcase_add_test(tc, test_savings_exact);
    tcase_add_test(tc, test_savings_errors);
    tcase_add_test(tc, test_helpers);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(memory_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
