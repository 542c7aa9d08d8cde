/* check_layout.c - unit tests for the layout: where everything goes on a
 * cols x rows terminal, the slider's column <-> bits mapping, the tick
 * labels and the picker's scrolling. Pure geometry: no state. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "app/layout.h"
#include "model/formats.h"

START_TEST(test_mapping_known_columns)
{
    /* 80 columns: track 2 .. 77, 75 columns for 5 octaves, 15 per octave */
    ck_assert(layout_col_to_bits(2, 2, 77) == 1.0);
    ck_assert(layout_col_to_bits(17, 2, 77) == 2.0);
    ck_assert(layout_col_to_bits(32, 2, 77) == 4.0);
    ck_assert(layout_col_to_bits(47, 2, 77) == 8.0);
    ck_assert(layout_col_to_bits(62, 2, 77) == 16.0);
    ck_assert(layout_col_to_bits(77, 2, 77) == 32.0);
    ck_assert(layout_col_to_bits(0, 2, 77) == 1.0);     /* outside: clamped */
    ck_assert(layout_col_to_bits(200, 2, 77) == 32.0);
    /* between: 2^(5*31/75) rounded to hundredths */
    ck_assert(layout_col_to_bits(33, 2, 77) == round(exp2(5.0 * 31 / 75) * 100) / 100);
    ck_assert_int_eq(layout_bits_to_col(4.0, 2, 77), 32);
    ck_assert_int_eq(layout_bits_to_col(0.1, 2, 77), 2);
    ck_assert_int_eq(layout_bits_to_col(64.0, 2, 77), 77);
    ck_assert_int_eq(layout_bits_to_col(NAN, 2, 77), 2);
    ck_assert_int_eq(layout_bits_to_col(4.0, 5, 5), 5);
    ck_assert(layout_col_to_bits(3, 5, 5) == 1.0);
}
END_TEST

START_TEST(test_mapping_round_trip)
{
    int cols, x;

    for (cols = 1; cols <= 400; cols++) {
        int x0 = 2, x1 = cols - 3;
        if (x1 <= x0)
            continue;
        for (x = x0; x <= x1; x++) {
            double b = layout_col_to_bits(x, x0, x1);
            ck_assert_msg(layout_bits_to_col(b, x0, x1) == x, "cols %d x %d", cols, x);
            ck_assert(b >= 1.0 && b <= 32.0);
        }
    }
}
END_TEST

START_TEST(test_layout_80x24)
{
    app_layout l;

    layout_compute(80, 24, &l);
    ck_assert_int_eq(l.too_small, 0);
    ck_assert_int_eq(l.title_y, 0);
    ck_assert_int_eq(l.model_y, 1);
    ck_assert_int_eq(l.knob_y, 3);
    ck_assert_int_eq(l.track_y, 4);
    ck_assert_int_eq(l.scale_y, 5);
    ck_assert_int_eq(l.names_y, 6);
    ck_assert_int_eq(l.best_y, 7);
    ck_assert_int_eq(l.footprint_y, 9);
    ck_assert_int_eq(l.savings_y, 10);
    ck_assert_int_eq(l.quality_y, 11);
    ck_assert_int_eq(l.ctx_y, 13);
    ck_assert_int_eq(l.fit_title_y, 14);
    ck_assert_int_eq(l.fit_y, 15);
    ck_assert_int_eq(l.fit_n, LAYOUT_FIT_MAX);
    ck_assert_int_eq(l.detail_y, 21);
    ck_assert_int_eq(l.need_y, -1);          /* no room for the breakdown */
    ck_assert_int_eq(l.need_n, 0);
    ck_assert_int_eq(l.footer_y, 23);
    ck_assert_int_eq(l.track_x0, 2);
    ck_assert_int_eq(l.track_x1, 77);
    ck_assert_int_gt(l.fit_bar_w, 0);
    ck_assert_int_gt(l.fit_bar_w, LAYOUT_FIT_SHARE_W);
    ck_assert_int_le(l.fit_text_x + 22, 80);   /* "of 1000.00 GiB  no fit" */
    ck_assert_int_le(l.pick_x + l.pick_w, 80);
    ck_assert_int_le(l.pick_y + l.pick_h, 24);
    ck_assert_int_le(l.help_y + l.help_h, 24);
}
END_TEST

START_TEST(test_layout_all_sizes)
{
    int c, r;

    for (c = -1; c <= 260; c++)
        for (r = -1; r <= 80; r++) {
            app_layout l;
            layout_compute(c, r, &l);
            if (c < LAYOUT_MIN_COLS || r < LAYOUT_MIN_ROWS) {
                ck_assert_int_eq(l.too_small, 1);
                continue;
            }
            ck_assert_int_eq(l.too_small, 0);
            /* every row used is on screen and in order */
            ck_assert_int_lt(l.title_y, l.model_y);
            ck_assert_int_lt(l.model_y, l.knob_y);
            ck_assert_int_lt(l.knob_y, l.track_y);
            ck_assert_int_lt(l.track_y, l.scale_y);
            ck_assert_int_lt(l.scale_y, l.footprint_y);
            ck_assert_int_lt(l.quality_y, l.footer_y);
            ck_assert_int_ge(l.fit_n, 1);                /* this machine always */
            ck_assert_int_lt(l.fit_y + l.fit_n - 1, l.footer_y);
            ck_assert_int_lt(l.quality_y, l.ctx_y);      /* the context control always */
            ck_assert_int_lt(l.ctx_y, l.fit_title_y);
            if (l.need_y >= 0) {             /* the breakdown, under the Fit line */
                ck_assert_int_eq(l.need_y, l.fit_title_y + 1);
                ck_assert_int_eq(l.need_n, LAYOUT_NEED_ROWS);
                ck_assert_int_eq(l.fit_y, l.need_y + l.need_n);
            } else {
                ck_assert_int_eq(l.need_n, 0);
                ck_assert_int_eq(l.fit_y, l.fit_title_y + 1);
            }
            if (l.detail_y >= 0) {
                ck_assert_int_eq(l.detail_y, l.fit_y + l.fit_n);
                ck_assert_int_lt(l.detail_y, l.footer_y);
            }
            if (l.best_y >= 0) {
                ck_assert_int_gt(l.best_y, l.scale_y);
                ck_assert_int_lt(l.best_y, l.footprint_y);
            }
            ck_assert_int_ge(l.table_list_n, 1);
            ck_assert_int_lt(l.table_list_y + l.table_list_n - 1, l.table_legend_y);
            ck_assert_int_lt(l.table_legend_y, l.table_keys_y);
            ck_assert_int_eq(l.table_keys_y, r - 1);
            ck_assert_int_ge(l.table_ncols, 1);
            ck_assert_int_le(l.table_dev_x + l.table_ncols * l.table_col_w, c);
            ck_assert_int_eq(l.footer_y, r - 1);
            ck_assert_int_lt(l.track_x1, c);
            ck_assert_int_gt(l.track_x1, l.track_x0);
            ck_assert_int_ge(l.pick_list_n, 1);
            ck_assert_int_ge(l.pick_x, 0);
            ck_assert_int_le(l.pick_list_y + l.pick_list_n, l.pick_y + l.pick_h);
            ck_assert_int_le(l.fit_bar_x + l.fit_bar_w, c);
        }
}
END_TEST

START_TEST(test_ticks)
{
    app_layout l;
    layout_tick t[16];
    size_t n, i, j;

    layout_compute(80, 24, &l);
    n = layout_scale_ticks(&l, t, 16);
    ck_assert_uint_eq(n, 6);
    ck_assert_int_eq(t[0].x, 2);
    ck_assert_str_eq(t[5].label, "32");
    ck_assert_int_eq(t[5].col, 77);
    ck_assert_int_le(t[5].x + 2, 80);
    n = layout_name_ticks(&l, t, 16);
    ck_assert_uint_ge(n, 4);
    ck_assert_str_eq(t[0].label, "FP32");
    ck_assert_str_eq(t[1].label, "FP16");
    for (i = 0; i < n; i++) {
        ck_assert_int_ge(t[i].x, 0);
        ck_assert_int_le(t[i].x + (int)strlen(t[i].label), 80);
        for (j = 0; j < i; j++)                /* no two labels touch */
            ck_assert(t[i].x > t[j].x + (int)strlen(t[j].label) ||
                      t[j].x > t[i].x + (int)strlen(t[i].label));
    }
    ck_assert_uint_eq(layout_name_ticks(&l, t, 1), 1);
    layout_compute(30, 8, &l);
    ck_assert_uint_eq(layout_scale_ticks(&l, t, 16), 0);
    ck_assert_uint_eq(layout_name_ticks(&l, t, 16), 0);
}
END_TEST

START_TEST(test_pick_top)
{
    ck_assert_uint_eq(layout_pick_top(0, 5, 10), 0);
    ck_assert_uint_eq(layout_pick_top(9, 20, 10), 0);
    ck_assert_uint_eq(layout_pick_top(10, 20, 10), 1);
    ck_assert_uint_eq(layout_pick_top(19, 20, 10), 10);
    ck_assert_uint_eq(layout_pick_top(50, 20, 10), 10);
    ck_assert_uint_eq(layout_pick_top(3, 20, 0), 3);
}
END_TEST

START_TEST(test_layout_table)
{
    app_layout l;

    /* 80x24, this machine + 5 devices: every column fits */
    layout_compute_for(80, 24, 6, &l);
    ck_assert_int_eq(l.table_ncols, 6);
    ck_assert_int_le(l.table_dev_x + 6 * l.table_col_w, 80);
    ck_assert_int_eq(l.table_list_y, 3);
    ck_assert_int_eq(l.table_list_n, 19);
    ck_assert_int_eq(l.table_share, 0);
    /* wider: the share fits in the cells */
    layout_compute_for(120, 40, 6, &l);
    ck_assert_int_eq(l.table_share, 1);
    ck_assert_int_ge(l.table_list_n, (int)formats_count());
    /* nine devices at 80x24: fewer columns, all rows still on the screen */
    layout_compute_for(80, 24, 9, &l);
    ck_assert_int_lt(l.table_ncols, 9);
    ck_assert_int_eq(l.fit_n, 9);
    ck_assert_int_lt(l.detail_y, l.footer_y);
    /* more than the most: clamped */
    layout_compute_for(200, 80, 50, &l);
    ck_assert_int_eq(l.fit_n, LAYOUT_FIT_ROWS_MAX);
    layout_compute_for(80, 24, 0, &l);
    ck_assert_int_eq(l.fit_n, 1);
    /* tall: every device and the breakdown of the need */
    layout_compute_for(120, 40, 6, &l);
    ck_assert_int_eq(l.fit_n, 6);
    ck_assert_int_eq(l.need_y, l.fit_title_y + 1);
    ck_assert_int_eq(l.need_n, LAYOUT_NEED_ROWS);
    ck_assert_int_eq(l.fit_y, l.need_y + LAYOUT_NEED_ROWS);
    ck_assert_int_ge(l.best_y, 0);
    layout_compute_for(120, 40, LAYOUT_FIT_ROWS_MAX, &l);
    ck_assert_int_eq(l.fit_n, LAYOUT_FIT_ROWS_MAX);
    ck_assert_int_lt(l.detail_y, l.footer_y);
    /* the devices go before the breakdown */
    layout_compute_for(80, 30, 12, &l);
    ck_assert_int_eq(l.fit_n, 12);
    ck_assert_int_eq(l.need_y, -1);
    /* 40x12: this machine and the context; no detail line */
    layout_compute_for(40, 12, 6, &l);
    ck_assert_int_eq(l.fit_n, 1);
    ck_assert_int_ge(l.ctx_y, 0);
    ck_assert_int_eq(l.detail_y, -1);
    ck_assert_int_eq(l.best_y, -1);
}
END_TEST

static Suite *layout_suite(void)
{
    Suite *s = suite_create("layout");
    TCase *tc = tcase_create("core");

    /* Check's default 4 s is too short on a loaded machine (make -j, the
     * sanitizers): these loops run about a second alone. */
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_mapping_known_columns);
    tcase_add_test(tc, test_mapping_round_trip);
    tcase_add_test(tc, test_layout_80x24);
    tcase_add_test(tc, test_layout_all_sizes);
    tcase_add_test(tc, test_ticks);
    tcase_add_test(tc, test_pick_top);
    tcase_add_test(tc, test_layout_table);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(layout_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
