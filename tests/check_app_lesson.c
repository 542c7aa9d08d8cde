/* check_app_lesson.c - unit tests for the lesson (issue 12): its stops,
 * the walk's keys and their clamping, the footprints each stop gets from
 * the model layer, the classic track's steps, the theme cycle and the pin. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "app/actions.h"
#include "app/actions_lesson.h"
#include "app/lesson.h"
#include "check_app.h"
#include "model/memory.h"

/* 2^30: GiB. */
#define GIB 1073741824.0
/* Bytes of a 70e9-weight model at FP32 (4 bytes a weight) and of a 7e9 at
 * INT2 (a quarter byte): the lesson's "280 GB at FP32". */
#define BYTES_70B_FP32 280e9
#define BYTES_7B_INT2 1.75e9
#define EPS 1e-9

/* The table: ten stops, 70B then 7B, FP32 .. INT2 each. */
START_TEST(test_stops)
{
    static const char *const names[] = { "FP32", "FP16", "INT8", "INT4", "INT2" };
    size_t i;

    ck_assert_uint_eq(lesson_stop_count(), 10);
    for (i = 0; i < lesson_stop_count(); i++) {
        const lesson_stop *st = lesson_stop_get(i);

        ck_assert_ptr_nonnull(st);
        ck_assert_str_eq(st->format, names[i % 5]);
        ck_assert_ptr_nonnull(formats_find(st->format));
        ck_assert_str_eq(st->model, i < 5 ? "70B" : "7B");
        ck_assert_double_eq(st->params, i < 5 ? 70e9 : 7e9);
        ck_assert_uint_gt(strlen(st->caption), 40);
    }
    ck_assert_ptr_null(lesson_stop_get(10));
    ck_assert_uint_eq(lesson_stop_clamp(-3), 0);
    ck_assert_uint_eq(lesson_stop_clamp(4), 4);
    ck_assert_uint_eq(lesson_stop_clamp(99), 9);
}
END_TEST

/* --lesson starts at 70B FP32: the query and the plan say so. */
START_TEST(test_start)
{
    app_state s = fresh_model("llama-3.1-8b", 4.5);

    actions_lesson_start(&s);
    app_replan(&s);
    ck_assert_int_eq(s.lesson, 1);
    ck_assert_int_eq(s.lesson_stop, 0);
    ck_assert_ptr_null(s.query.model);
    ck_assert_double_eq(s.query.params, 70e9);
    ck_assert_ptr_eq(s.query.format, formats_find("FP32"));
    ck_assert_double_eq(s.query.bits, 32.0);
    ck_assert_int_eq(s.plan.ok, 1);
    ck_assert_double_eq_tol(s.plan.need.weights_gib, BYTES_70B_FP32 / GIB, EPS);
    ck_assert_double_eq_tol(memory_gib_to_gb(s.plan.need.weights_gib), 280.0, EPS);
    ck_assert_int_eq(actions_mode(&s), APP_MODE_LESSON);
}
END_TEST

/* Space and Right go on, Left and Backspace back; both ends clamp; each
 * stop's query and footprint are the stop's. */
START_TEST(test_walk)
{
    app_state s = fresh(16.0);
    int i;

    actions_lesson_start(&s);
    key(&s, IN_KEY_LEFT, 0);
    ck_assert_int_eq(s.lesson_stop, 0);
    type(&s, " ");
    ck_assert_int_eq(s.lesson_stop, 1);
    ck_assert_ptr_eq(s.query.format, formats_find("FP16"));
    ck_assert_double_eq_tol(s.plan.need.weights_gib, 140e9 / GIB, EPS);
    key(&s, IN_KEY_RIGHT, 0);
    ck_assert_int_eq(s.lesson_stop, 2);
    ck_assert_double_eq(s.query.bits, 8.0);
    key(&s, IN_KEY_BACKSPACE, 0);
    ck_assert_int_eq(s.lesson_stop, 1);
    for (i = 0; i < 3; i++)
        type(&s, " ");
    ck_assert_int_eq(s.lesson_stop, 4);
    ck_assert_ptr_eq(s.query.format, formats_find("INT2"));
    type(&s, " ");
    ck_assert_int_eq(s.lesson_stop, 5);
    ck_assert_double_eq(s.query.params, 7e9);
    ck_assert_double_eq(s.query.bits, 32.0);
    for (i = 0; i < 12; i++)
        type(&s, " ");
    ck_assert_int_eq(s.lesson_stop, 9);
    ck_assert_double_eq_tol(s.plan.need.weights_gib, BYTES_7B_INT2 / GIB, EPS);
    /* Esc leaves for the main screen, which shows the last stop */
    key(&s, IN_KEY_ESC, 0);
    ck_assert_int_eq(s.lesson, 0);
    ck_assert_int_eq(s.quit, 0);
    ck_assert_int_eq(actions_mode(&s), APP_MODE_MAIN);
    ck_assert_double_eq(s.query.params, 7e9);
    ck_assert_double_eq(s.query.bits, 2.0);
    /* q in the lesson quits */
    s = fresh(16.0);
    actions_lesson_start(&s);
    type(&s, "q");
    ck_assert_int_eq(s.quit, 1);
}
END_TEST

/* c: the classic track; the arrows and the named steps go from stop to
 * stop (FP32, FP16, INT8, INT4, INT2), and stop at the ends. */
START_TEST(test_classic)
{
    app_state s = fresh(4.5);

    type(&s, "c");
    ck_assert_int_eq(s.classic, 1);
    key(&s, IN_KEY_LEFT, 0);
    ck_assert_ptr_eq(s.query.format, formats_find("INT4"));
    ck_assert_double_eq(s.query.bits, 4.0);
    key(&s, IN_KEY_LEFT, 0);
    ck_assert_double_eq(s.query.bits, 2.0);
    key(&s, IN_KEY_LEFT, 0);
    ck_assert_double_eq(s.query.bits, 2.0);
    key(&s, IN_KEY_RIGHT, 0);
    ck_assert_ptr_eq(s.query.format, formats_find("INT4"));
    key(&s, IN_KEY_PGUP, 0);
    ck_assert_ptr_eq(s.query.format, formats_find("INT8"));
    key(&s, IN_KEY_RIGHT, 0);
    key(&s, IN_KEY_RIGHT, 0);
    key(&s, IN_KEY_RIGHT, 0);
    ck_assert_ptr_eq(s.query.format, formats_find("FP32"));
    type(&s, "c");
    ck_assert_int_eq(s.classic, 0);
    key(&s, IN_KEY_LEFT, 0);
    ck_assert_double_eq(s.query.bits, 31.0);     /* a fine step again */
    ck_assert_ptr_eq(lesson_classic_step(16.0, -1), formats_find("INT8"));
    ck_assert_ptr_eq(lesson_classic_step(16.0, 1), formats_find("FP32"));
    ck_assert_ptr_null(lesson_classic_step(32.0, 1));
    ck_assert_ptr_null(lesson_classic_step(2.0, -1));
}
END_TEST

/* T: default -> projector -> light -> mono -> default, on the main screen
 * and in the lesson. */
START_TEST(test_theme)
{
    app_state s = fresh(16.0);

    ck_assert_int_eq(s.theme, THEME_DEFAULT);
    type(&s, "T");
    ck_assert_int_eq(s.theme, THEME_PROJECTOR);
    ck_assert_str_eq(s.msg, "theme: projector (T: next)");
    type(&s, "T");
    ck_assert_int_eq(s.theme, THEME_LIGHT);
    actions_lesson_start(&s);
    type(&s, "T");
    ck_assert_int_eq(s.theme, THEME_MONO);
    type(&s, "T");
    ck_assert_int_eq(s.theme, THEME_DEFAULT);
}
END_TEST

/* p pins the query and its plan; they stay while the query changes; p
 * again unpins. */
START_TEST(test_pin)
{
    app_state s = fresh(16.0);
    double was = s.plan.need.weights_gib;

    ck_assert_int_eq(type(&s, "p"), APP_REDO_DRAW);
    ck_assert_int_eq(s.pinned, 1);
    ck_assert_double_eq(s.pin_query.bits, 16.0);
    ck_assert_double_eq(s.pin_plan.need.weights_gib, was);
    key(&s, IN_KEY_PGDN, 0);
    ck_assert_double_lt(s.query.bits, 16.0);
    ck_assert_double_eq(s.pin_query.bits, 16.0);
    ck_assert_double_eq(s.pin_plan.need.weights_gib, was);
    ck_assert_double_lt(s.plan.need.weights_gib, was);
    type(&s, "p");
    ck_assert_int_eq(s.pinned, 0);
}
END_TEST

static Suite *app_lesson_suite(void)
{
    Suite *s = suite_create("app_lesson");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_stops);
    tcase_add_test(tc, test_start);
    tcase_add_test(tc, test_walk);
    tcase_add_test(tc, test_classic);
    tcase_add_test(tc, test_theme);
    tcase_add_test(tc, test_pin);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(app_lesson_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
