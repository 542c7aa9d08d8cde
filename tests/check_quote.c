/* check_quote.c - unit tests for cli/quote: values made safe to print. */
#include <check.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "cli/quote.h"

/* The UTF-8 locales a test machine may have (glibc spells it both ways). */
static int utf8_locale(void)
{
    static const char *const names[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8" };
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (setlocale(LC_CTYPE, names[i]) != NULL && MB_CUR_MAX > 1)
            return 1;
    return 0;
}

static void expect_quote(const char *value, const char *want)
{
    char buf[QUOTE_SIZE];
    const char *got = quote_value(buf, sizeof buf, value);

    ck_assert_ptr_eq(got, buf);
    ck_assert_str_eq(got, want);
}

START_TEST(test_plain_ascii)
{
    ck_assert_int_eq(utf8_locale(), 1);
    expect_quote("", "");
    expect_quote("xterm-256color", "xterm-256color");
    expect_quote("a b ~!", "a b ~!");
}
END_TEST

START_TEST(test_c0_and_del)
{
    ck_assert_int_eq(utf8_locale(), 1);
    /* an escape sequence that would clear the screen */
    expect_quote("\033[2J\033[Hx", "?[2J?[Hx");
    expect_quote("a\tb\nc\rd\x7f" "e\x01", "a?b?c?d?e?");
}
END_TEST

START_TEST(test_c1_controls)
{
    ck_assert_int_eq(utf8_locale(), 1);
    /* raw 0x80-0x9f bytes (CSI is 0x9b) and their UTF-8 encodings C2 80..C2 9F */
    expect_quote("a\x9b" "2Jb", "a?2Jb");
    expect_quote("a\xc2\x9b" "2Jb", "a?2Jb");
    expect_quote("\xc2\x80\xc2\x9f", "??");
    /* U+00A0 (C2 A0) is the first one past C1: kept */
    expect_quote("\xc2\xa0", "\xc2\xa0");
}
END_TEST

START_TEST(test_valid_utf8_kept)
{
    ck_assert_int_eq(utf8_locale(), 1);
    expect_quote("caf\xc3\xa9", "caf\xc3\xa9");                      /* é */
    expect_quote("\xe2\x94\x80\xe2\x86\x92", "\xe2\x94\x80\xe2\x86\x92"); /* ─ → */
    expect_quote("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");           /* U+1F600 */
    expect_quote("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf");           /* U+10FFFF */
}
END_TEST

START_TEST(test_invalid_utf8)
{
    ck_assert_int_eq(utf8_locale(), 1);
    /* stray continuation bytes, one mark each */
    expect_quote("a\xa9\xbf" "b", "a??b");
    /* overlong encodings of '/' and NUL */
    expect_quote("\xc0\xaf", "??");
    expect_quote("\xc1\xbf", "??");
    expect_quote("\xe0\x80\xaf", "???");
    expect_quote("\xf0\x80\x80\xaf", "????");
    /* surrogates U+D800 and U+DFFF */
    expect_quote("\xed\xa0\x80", "???");
    expect_quote("\xed\xbf\xbf", "???");
    /* above U+10FFFF, and bytes that never appear */
    expect_quote("\xf4\x90\x80\x80", "????");
    expect_quote("\xf5\xfe\xff", "???");
    /* a cut-off sequence is one mark, and the next character is kept */
    expect_quote("\xe2\x94" "x", "?x");
    expect_quote("\xf0\x9f\x98", "?");
    expect_quote("\xe2\x94\xe2\x94\x80", "?\xe2\x94\x80");
}
END_TEST

START_TEST(test_bidi_and_separators)
{
    ck_assert_int_eq(utf8_locale(), 1);
    /* RIGHT-TO-LEFT OVERRIDE, LINE SEPARATOR, LEFT-TO-RIGHT ISOLATE,
     * RIGHT-TO-LEFT MARK: they reorder or break the line */
    expect_quote("a\xe2\x80\xae" "b", "a?b");
    expect_quote("a\xe2\x80\xa8" "b", "a?b");
    expect_quote("a\xe2\x81\xa6" "b", "a?b");
    expect_quote("a\xe2\x80\x8f" "b", "a?b");
}
END_TEST

START_TEST(test_cut_at_max_chars)
{
    char value[64 * 4 + 8];
    char want[QUOTE_SIZE];
    size_t i;

    ck_assert_int_eq(utf8_locale(), 1);
    /* exactly QUOTE_MAX_CHARS: no mark */
    memset(value, 'x', QUOTE_MAX_CHARS);
    value[QUOTE_MAX_CHARS] = '\0';
    expect_quote(value, value);
    /* one more: cut, with the mark */
    memset(value, 'x', QUOTE_MAX_CHARS + 1);
    value[QUOTE_MAX_CHARS + 1] = '\0';
    memset(want, 'x', QUOTE_MAX_CHARS);
    memcpy(want + QUOTE_MAX_CHARS, "...", 4);
    expect_quote(value, want);
    /* characters, not bytes: 60 four-byte characters keep 48 of them */
    for (i = 0; i < 60; i++)
        memcpy(value + 4 * i, "\xf0\x9f\x98\x80", 4);
    value[4 * 60] = '\0';
    for (i = 0; i < QUOTE_MAX_CHARS; i++)
        memcpy(want + 4 * i, "\xf0\x9f\x98\x80", 4);
    memcpy(want + 4 * QUOTE_MAX_CHARS, "...", 4);
    expect_quote(value, want);
    ck_assert_uint_eq(strlen(want) + 1, QUOTE_SIZE);
    /* replacement marks count as characters too */
    memset(value, 0x1b, 100);
    value[100] = '\0';
    memset(want, '?', QUOTE_MAX_CHARS);
    memcpy(want + QUOTE_MAX_CHARS, "...", 4);
    expect_quote(value, want);
}
END_TEST

START_TEST(test_small_buffer)
{
    char buf[8];

    ck_assert_int_eq(utf8_locale(), 1);
    /* fits: as is */
    ck_assert_str_eq(quote_value(buf, sizeof buf, "abcdefg"), "abcdefg");
    /* does not fit: cut on a character boundary, with the mark */
    ck_assert_str_eq(quote_value(buf, sizeof buf, "abcdefgh"), "abcd...");
    ck_assert_str_eq(quote_value(buf, sizeof buf, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"),
                     "\xc3\xa9\xc3\xa9...");
    ck_assert_str_eq(quote_value(buf, 4, "abcdef"), "...");
    ck_assert_str_eq(quote_value(buf, 3, "abcdef"), "ab");
    ck_assert_str_eq(quote_value(buf, 1, "abcdef"), "");
    ck_assert_str_eq(quote_value(buf, 0, "abcdef"), "");
    ck_assert_str_eq(quote_value(buf, sizeof buf, NULL), "");
}
END_TEST

START_TEST(test_not_utf8_locale)
{
    ck_assert_ptr_nonnull(setlocale(LC_CTYPE, "C"));
    ck_assert_int_eq((int)MB_CUR_MAX, 1);
    /* every byte >= 0x80 is a mark, valid UTF-8 or not */
    expect_quote("caf\xc3\xa9", "caf??");
    expect_quote("\xe2\x94\x80!", "??" "?!");
    expect_quote("\033]0;x\a", "?]0;x?");
}
END_TEST

static Suite *quote_suite(void)
{
    Suite *s = suite_create("quote");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_plain_ascii);
    tcase_add_test(tc, test_c0_and_del);
    tcase_add_test(tc, test_c1_controls);
    tcase_add_test(tc, test_valid_utf8_kept);
    tcase_add_test(tc, test_invalid_utf8);
    tcase_add_test(tc, test_bidi_and_separators);
    tcase_add_test(tc, test_cut_at_max_chars);
    tcase_add_test(tc, test_small_buffer);
    tcase_add_test(tc, test_not_utf8_locale);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(quote_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
