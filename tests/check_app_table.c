/* check_app_table.c - unit tests for the table view (issue 12): its three
 * orders for a fixed model and device (the needs are plan_table_cell's),
 * the selection's keys and their clamping, the rows shown following the
 * selection, a click and the wheel, and Enter, which sets the selected
 * row's precision as a named step does and closes the table. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/actions.h"
#include "check_app.h"

/* Llama-3.1-8B at 16 bits (the FP16 row) on this machine's 32 GiB of RAM
 * and the default targets, 80x24: the table open. */
static app_state table_state(void)
{
    app_state s = fresh_model("llama-3.1-8b", 16.0);

    type(&s, "t");
    ck_assert_int_eq(s.overlay, APP_OVERLAY_TABLE);
    ck_assert_int_eq(s.table_valid, 1);
    return s;
}

/* The name of the format at place i of the order shown. */
static const char *name_at(const app_state *s, size_t i)
{
    size_t order[APP_TABLE_ROWS_MAX];
    size_t n = app_table_order(s, order);

    ck_assert_uint_lt(i, n);
    return formats_get(order[i])->name;
}

static void expect_first(const app_state *s, const char *const *names, size_t k)
{
    size_t i;

    for (i = 0; i < k; i++)
        ck_assert_str_eq(name_at(s, i), names[i]);
}

/* The selected format's name. */
static const char *selected(const app_state *s)
{
    ck_assert_uint_lt(s->table_sel, app_table_rows());
    return formats_get(s->table_sel)->name;
}

START_TEST(test_sort_orders)
{
    static const char *const by_bits[] = { "FP32", "FP16", "BF16", "Q8_0", "FP8", "INT8" };
    static const char *const by_need[] = { "TERNARY", "INT2", "IQ1_S", "IQ2_XXS", "Q2_K",
                                           "Q3_K_M", "INT4" };
    static const char *const by_name[] = { "AWQ", "BF16", "FP16", "FP32", "FP8", "GPTQ",
                                           "INT2", "INT4", "INT8" };
    app_state s = table_state();
    size_t order[APP_TABLE_ROWS_MAX];
    size_t n = app_table_order(&s, order), i;
    char buf[APP_MSG_MAX];
    double prev = 0.0;

    /* the default: the formats' own order, by bits */
    ck_assert_uint_eq(n, app_table_rows());
    ck_assert_int_eq(app_table_sort_of(&s), APP_TABLE_SORT_BITS);
    ck_assert_str_eq(app_table_sort_name(&s, buf, sizeof buf), "by bits");
    for (i = 0; i < n; i++)
        ck_assert_uint_eq(order[i], i);
    expect_first(&s, by_bits, sizeof by_bits / sizeof by_bits[0]);
    ck_assert_str_eq(selected(&s), "FP16");
    /* s: by need on this machine, ascending, from plan_table_cell */
    ck_assert_int_eq(type(&s, "s"), APP_REDO_DRAW);
    ck_assert_int_eq(app_table_sort_of(&s), APP_TABLE_SORT_NEED);
    ck_assert_str_eq(app_table_sort_name(&s, buf, sizeof buf), "by need on this machine (RAM)");
    expect_first(&s, by_need, sizeof by_need / sizeof by_need[0]);
    ck_assert_str_eq(name_at(&s, n - 1), "FP32");
    (void)app_table_order(&s, order);
    for (i = 0; i < n; i++) {
        plan_cell c = plan_table_cell(&s.query, formats_get(order[i]), 0);

        ck_assert_int_eq(c.ok, 1);
        ck_assert(c.need_gib == s.table[order[i]][0].need_gib);
        ck_assert(c.need_gib >= prev);
        prev = c.need_gib;
    }
    /* the selection stays on its format, in view */
    ck_assert_str_eq(selected(&s), "FP16");
    ck_assert_str_eq(name_at(&s, app_table_pos(&s)), "FP16");
    ck_assert_uint_eq(s.table_top, app_table_first(&s));
    /* s: by name, ignoring case */
    type(&s, "s");
    ck_assert_str_eq(app_table_sort_name(&s, buf, sizeof buf), "by name");
    expect_first(&s, by_name, sizeof by_name / sizeof by_name[0]);
    ck_assert_str_eq(name_at(&s, n - 1), "TERNARY");
    ck_assert_str_eq(selected(&s), "FP16");
    ck_assert_uint_eq(app_table_pos(&s), 2);
    /* s: back to the bits */
    type(&s, "s");
    ck_assert_int_eq(app_table_sort_of(&s), APP_TABLE_SORT_BITS);
    expect_first(&s, by_bits, sizeof by_bits / sizeof by_bits[0]);
    /* the sort is kept when the table closes and opens again */
    type(&s, "ss");
    type(&s, "t");
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    type(&s, "t");
    ck_assert_str_eq(app_table_sort_name(&s, buf, sizeof buf), "by name");
    ck_assert_str_eq(selected(&s), "FP16");
}
END_TEST

/* The need order reads the selected device. */
START_TEST(test_sort_device)
{
    app_state s = fresh_model("llama-3.1-8b", 16.0);
    char buf[APP_MSG_MAX], want[APP_MSG_MAX];

    focus_on(&s, APP_FOCUS_DEVICES);
    key(&s, IN_KEY_DOWN, 0);
    ck_assert_uint_eq(s.sel, 1);
    type(&s, "ts");
    ck_assert_uint_eq(app_table_sort_device(&s), 1);
    (void)snprintf(want, sizeof want, "by need on %s", s.query.devices[1].name);
    ck_assert_str_eq(app_table_sort_name(&s, buf, sizeof buf), want);
    ck_assert_str_eq(name_at(&s, 0), "TERNARY");
}
END_TEST

START_TEST(test_keys_clamp)
{
    app_state s = table_state();
    app_layout l;
    size_t n = app_table_rows(), max = app_table_top_max(&s), shown;

    app_layout_of(&s, &l);
    shown = (size_t)l.table_list_n;
    ck_assert_uint_gt(n, shown);        /* 80x24 does not show every row */
    ck_assert_uint_eq(max, n - shown);
    /* opened on the current precision, in view */
    ck_assert_uint_eq(app_table_pos(&s), 1);
    ck_assert_uint_eq(s.table_top, 0);
    /* Up to the first, clamped there */
    key(&s, IN_KEY_UP, 0);
    ck_assert_uint_eq(app_table_pos(&s), 0);
    ck_assert_str_eq(selected(&s), "FP32");
    ck_assert_int_eq(key(&s, IN_KEY_UP, 0), APP_REDO_NOTHING);
    ck_assert_uint_eq(app_table_pos(&s), 0);
    ck_assert_uint_eq(s.table_top, 0);
    /* Down: the rows shown follow once it passes the last one in view */
    key(&s, IN_KEY_DOWN, 0);
    ck_assert_str_eq(selected(&s), "FP16");
    while (app_table_pos(&s) < shown - 1)
        key(&s, IN_KEY_DOWN, 0);
    ck_assert_uint_eq(s.table_top, 0);
    key(&s, IN_KEY_DOWN, 0);
    ck_assert_uint_eq(app_table_pos(&s), shown);
    ck_assert_uint_eq(s.table_top, 1);
    /* End, and Down clamped at the last */
    key(&s, IN_KEY_END, 0);
    ck_assert_uint_eq(app_table_pos(&s), n - 1);
    ck_assert_str_eq(selected(&s), "TERNARY");
    ck_assert_uint_eq(s.table_top, max);
    ck_assert_int_eq(key(&s, IN_KEY_DOWN, 0), APP_REDO_NOTHING);
    ck_assert_uint_eq(app_table_pos(&s), n - 1);
    /* a page up, a page down (clamped), Home */
    key(&s, IN_KEY_PGUP, 0);
    ck_assert_uint_eq(app_table_pos(&s), n - 1 - shown);
    ck_assert_uint_eq(s.table_top, n - 1 - shown);
    key(&s, IN_KEY_PGDN, 0);
    ck_assert_uint_eq(app_table_pos(&s), n - 1);
    ck_assert_uint_eq(s.table_top, max);
    key(&s, IN_KEY_HOME, 0);
    ck_assert_uint_eq(app_table_pos(&s), 0);
    ck_assert_uint_eq(s.table_top, 0);
    key(&s, IN_KEY_PGUP, 0);
    ck_assert_uint_eq(app_table_pos(&s), 0);
    /* the moves change neither the query nor the overlay */
    ck_assert(s.query.bits == 16.0);
    ck_assert_ptr_null(s.query.format);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_TABLE);
    /* a shorter screen: the selection stays in view */
    key(&s, IN_KEY_END, 0);
    resize(&s, 80, 12);
    app_layout_of(&s, &l);
    ck_assert_uint_ge(app_table_pos(&s), app_table_first(&s));
    ck_assert_uint_lt(app_table_pos(&s), app_table_first(&s) + (size_t)l.table_list_n);
}
END_TEST

START_TEST(test_mouse)
{
    app_state s = table_state();
    app_layout l;

    app_layout_of(&s, &l);
    /* a click on the third row shown selects it */
    ck_assert_int_eq(mouse(&s, IN_MOUSE_PRESS, 0, 10, l.table_list_y + 2), APP_REDO_DRAW);
    ck_assert_uint_eq(app_table_pos(&s), 2);
    ck_assert_str_eq(selected(&s), "BF16");
    ck_assert_int_eq(s.overlay, APP_OVERLAY_TABLE);
    ck_assert_ptr_null(s.query.format);
    /* on the header or the legend: nothing */
    mouse(&s, IN_MOUSE_PRESS, 0, 10, l.table_head_y);
    mouse(&s, IN_MOUSE_PRESS, 0, 10, l.table_legend_y);
    ck_assert_uint_eq(app_table_pos(&s), 2);
    /* the wheel moves the selection */
    mouse(&s, IN_MOUSE_WHEEL_DOWN, -1, 10, 10);
    ck_assert_str_eq(selected(&s), "Q8_0");
    mouse(&s, IN_MOUSE_WHEEL_UP, -1, 10, 10);
    mouse(&s, IN_MOUSE_WHEEL_UP, -1, 10, 10);
    ck_assert_str_eq(selected(&s), "FP16");
    /* in another order a click selects what is shown there: by name the
     * rows shown moved as little as they had to (FP16 was in view) */
    type(&s, "ss");
    ck_assert_uint_eq(app_table_first(&s), 1);
    mouse(&s, IN_MOUSE_PRESS, 0, 10, l.table_list_y);
    ck_assert_str_eq(selected(&s), "BF16");
    key(&s, IN_KEY_HOME, 0);
    mouse(&s, IN_MOUSE_PRESS, 0, 10, l.table_list_y + 4);
    ck_assert_str_eq(selected(&s), "FP8");
}
END_TEST

START_TEST(test_apply)
{
    app_state s = table_state();
    const qs_format *int8 = formats_find("INT8");
    size_t i;

    ck_assert_ptr_nonnull(int8);
    /* Home, then down to INT8: the sixth row by bits */
    key(&s, IN_KEY_HOME, 0);
    for (i = 0; i < 5; i++)
        key(&s, IN_KEY_DOWN, 0);
    ck_assert_ptr_eq(formats_get(s.table_sel), int8);
    ck_assert_ptr_null(s.query.format);
    ck_assert_int_eq(key(&s, IN_KEY_ENTER, 0), APP_REDO_DRAW);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    ck_assert_ptr_eq(s.query.format, int8);
    ck_assert(s.query.bits == int8->bits);
    ck_assert_str_eq(s.msg, "INT8 from the table");
    /* the plan follows */
    ck_assert_int_eq(s.plan.ok, 1);
    /* opened again: INT8 selected; Esc leaves the query as it is */
    type(&s, "t");
    ck_assert_ptr_eq(formats_get(s.table_sel), int8);
    key(&s, IN_KEY_UP, 0);
    key(&s, IN_KEY_ESC, 0);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    ck_assert_ptr_eq(s.query.format, int8);
    /* by name: Home, Down to FP32 (the fourth), Enter */
    type(&s, "tss");
    key(&s, IN_KEY_HOME, 0);
    for (i = 0; i < 3; i++)
        key(&s, IN_KEY_DOWN, 0);
    ck_assert_str_eq(selected(&s), "FP32");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_ptr_eq(s.query.format, formats_find("FP32"));
    ck_assert(s.query.bits == 32.0);
    /* by need (by name -> by bits -> by need): the first row is the smallest */
    type(&s, "tss");
    key(&s, IN_KEY_HOME, 0);
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_ptr_eq(s.query.format, formats_find("TERNARY"));
}
END_TEST

static Suite *app_table_suite(void)
{
    Suite *s = suite_create("app_table");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_sort_orders);
    tcase_add_test(tc, test_sort_device);
    tcase_add_test(tc, test_keys_clamp);
    tcase_add_test(tc, test_mouse);
    tcase_add_test(tc, test_apply);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(app_table_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
