/* check_tab.c - unit tests for cli/tab: the three styles of one small
 * table byte for byte (aligned text, GitHub Markdown with '|' escaped,
 * RFC 4180 CSV with quoting and CRLF), and the limits (a cut cell marks
 * the tab truncated, a row past the room is dropped and counted). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/tab.h"

/* Prints t in style into buf (a memory stream) and returns buf. */
static const char *printed(const tab *t, tab_style style, int indent, char *buf, size_t size)
{
    FILE *fp = fmemopen(buf, size, "w");
    ck_assert_ptr_nonnull(fp);
    tab_print(t, style, indent, fp);
    ck_assert_int_eq(fclose(fp), 0);
    return buf;
}

static tab *sample(void)
{
    static tab t;
    tab_init(&t);
    ck_assert_int_eq(tab_col(&t, "format", TAB_LEFT), 0);
    ck_assert_int_eq(tab_col(&t, "GiB", TAB_RIGHT), 0);
    ck_assert_int_eq(tab_col(&t, "note", TAB_LEFT), 0);
    ck_assert_int_eq(tab_row(&t), 0);
    ck_assert_int_eq(tab_cell(&t, "%s", "FP16"), 0);
    ck_assert_int_eq(tab_cell(&t, "%.2f", 14.96), 0);
    ck_assert_int_eq(tab_cell(&t, "%s", "a|b, \"c\""), 0);
    ck_assert_int_eq(tab_row(&t), 0);
    ck_assert_int_eq(tab_cell(&t, "%s", "INT4"), 0);
    ck_assert_int_eq(tab_cell(&t, "%.2f", 3.74), 0);
    return &t;
}

START_TEST(test_text)
{
    char buf[512];
    ck_assert_str_eq(printed(sample(), TAB_STYLE_TEXT, 2, buf, sizeof buf),
                     "  format    GiB  note\n"
                     "  FP16    14.96  a|b, \"c\"\n"
                     "  INT4     3.74\n");
}
END_TEST

START_TEST(test_markdown)
{
    char buf[512];
    ck_assert_str_eq(printed(sample(), TAB_STYLE_MARKDOWN, 2, buf, sizeof buf),
                     "| format | GiB | note |\n"
                     "| --- | ---: | --- |\n"
                     "| FP16 | 14.96 | a\\|b, \"c\" |\n"
                     "| INT4 | 3.74 |  |\n");
}
END_TEST

START_TEST(test_csv)
{
    char buf[512];
    ck_assert_str_eq(printed(sample(), TAB_STYLE_CSV, 2, buf, sizeof buf),
                     "format,GiB,note\r\n"
                     "FP16,14.96,\"a|b, \"\"c\"\"\"\r\n"
                     "INT4,3.74,\r\n");
}
END_TEST

START_TEST(test_limits)
{
    static tab t;
    char big[TAB_CELL_MAX * 2];
    tab_init(&t);
    for (int i = 0; i < TAB_COLS_MAX; i++)
        ck_assert_int_eq(tab_col(&t, "c", TAB_LEFT), 0);
    ck_assert_int_eq(tab_col(&t, "one too many", TAB_LEFT), -1);
    ck_assert_int_eq(tab_cell(&t, "no row"), -1);
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ck_assert_int_eq(tab_row(&t), 0);
    ck_assert_int_eq(t.truncated, 0);
    ck_assert_int_eq(tab_cell(&t, "%s", big), 0);
    ck_assert_int_eq(t.truncated, 1);
    ck_assert_uint_eq(strlen(t.cell[0][0]), TAB_CELL_MAX - 1);
    for (int i = 1; i < TAB_COLS_MAX; i++)
        ck_assert_int_eq(tab_cell(&t, "%d", i), 0);
    ck_assert_int_eq(tab_cell(&t, "past the last column"), -1);
    for (int r = 1; r < TAB_ROWS_MAX; r++)
        ck_assert_int_eq(tab_row(&t), 0);
    ck_assert_int_eq(tab_row(&t), -1);
    ck_assert_int_eq(tab_cell(&t, "dropped"), -1);
    ck_assert_uint_eq(t.nrows, TAB_ROWS_MAX);
    ck_assert_uint_eq(t.dropped, 1);
    ck_assert_int_eq(tab_style_of(1, 0), TAB_STYLE_MARKDOWN);
    ck_assert_int_eq(tab_style_of(0, 1), TAB_STYLE_CSV);
    ck_assert_int_eq(tab_style_of(0, 0), TAB_STYLE_TEXT);
}
END_TEST

START_TEST(test_init_cols)
{
    static tab t;
    static const tab_column two[] = { { "a", TAB_LEFT }, { "b", TAB_RIGHT } };
    tab_column many[TAB_COLS_MAX + 1];

    ck_assert_int_eq(tab_init_cols(&t, two, TAB_NCOLS(two)), 0);
    ck_assert_uint_eq(t.ncols, 2);
    ck_assert_str_eq(t.head[1], "b");
    ck_assert_int_eq(t.align[1], TAB_RIGHT);
    for (size_t i = 0; i < TAB_NCOLS(many); i++)
        many[i] = two[0];
    ck_assert_int_eq(tab_init_cols(&t, many, TAB_NCOLS(many)), -1);
    ck_assert_uint_eq(t.ncols, TAB_COLS_MAX);
}
END_TEST

static Suite *tab_suite(void)
{
    Suite *s = suite_create("tab");
    TCase *c = tcase_create("core");
    tcase_add_test(c, test_text);
    tcase_add_test(c, test_markdown);
    tcase_add_test(c, test_csv);
    tcase_add_test(c, test_limits);
    tcase_add_test(c, test_init_cols);
    suite_add_tcase(s, c);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(tab_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
