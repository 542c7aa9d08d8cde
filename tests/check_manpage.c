/* check_manpage.c - the OPTIONS section of man/quantscope.1 documents
 * exactly the options of the table in cli/options.c: each long name and
 * short letter of the table appears on a .B/.BR line of that section that
 * starts with \-, and every option such a line names is in the table. The
 * page is found through TESTS_SRCDIR (set by make check), else in man/. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/options.h"

/* Longest man page line read, most options a page may name, longest name. */
#define LINE_SIZE 1024
#define MAX_NAMES 128
#define NAME_SIZE 48
#define PATH_SIZE 4096
/* exit_codes when 0, 1 and 2 are all documented. */
#define ALL_EXIT_CODES 7

typedef struct {
    char longs[MAX_NAMES][NAME_SIZE];
    size_t nlongs;
    char shorts[MAX_NAMES];
    size_t nshorts;
    int exit_status_seen;       /* .SH EXIT STATUS with 0, 1, 2 and 128+N */
    int exit_codes;             /* bit i: ".B i" seen there (i = 0, 1, 2) */
    int signal_code;
} manpage;

static int is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

static int is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The line's text as printed: "\-" is "-", font changes and quotes go. */
static void man_plain(const char *in, char *out, size_t size)
{
    size_t n = 0;

    while (*in != '\0' && n + 1 < size) {
        if (in[0] == '\\' && in[1] == '-') {
            out[n++] = '-';
            in += 2;
        } else if (in[0] == '\\' && in[1] == 'f' && in[2] != '\0') {
            out[n++] = ' ';
            in += 3;
        } else if (*in == '"' || *in == '\\') {
            out[n++] = ' ';
            in++;
        } else {
            out[n++] = *in++;
        }
    }
    out[n] = '\0';
}

/* Adds the options a .B/.BR line names: "--name" and "-x" words. */
static void man_names(manpage *m, const char *text)
{
    const char *p;

    for (p = text; *p != '\0'; p++) {
        int at_start = p == text || p[-1] == ' ' || p[-1] == ',' || p[-1] == '|';

        if (!at_start || p[0] != '-')
            continue;
        if (p[1] == '-' && is_name_char(p[2])) {
            size_t len = 2;

            while (is_name_char(p[len]))
                len++;
            ck_assert_uint_lt(m->nlongs, MAX_NAMES);
            ck_assert_uint_lt(len - 2, NAME_SIZE);
            memcpy(m->longs[m->nlongs], p + 2, len - 2);
            m->longs[m->nlongs++][len - 2] = '\0';
            p += len - 1;
        } else if (is_letter(p[1]) && (p[2] == '\0' || p[2] == ' ' || p[2] == ',')) {
            ck_assert_uint_lt(m->nshorts, MAX_NAMES);
            m->shorts[m->nshorts++] = p[1];
        }
    }
}

static void man_read(manpage *m)
{
    const char *dir = getenv("TESTS_SRCDIR");
    char path[PATH_SIZE], line[LINE_SIZE], plain[LINE_SIZE];
    int in_options = 0, in_exit = 0;
    FILE *fp;

    memset(m, 0, sizeof *m);
    if (dir != NULL && dir[0] != '\0')
        (void)snprintf(path, sizeof path, "%s/../man/quantscope.1", dir);
    else
        (void)snprintf(path, sizeof path, "man/quantscope.1");
    fp = fopen(path, "r");
    ck_assert_msg(fp != NULL, "cannot open %s", path);
    while (fgets(line, sizeof line, fp) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, ".SH ", 4) == 0) {
            in_options = strcmp(line, ".SH OPTIONS") == 0;
            in_exit = strcmp(line, ".SH EXIT STATUS") == 0;
            m->exit_status_seen |= in_exit;
            continue;
        }
        if (in_exit && strncmp(line, ".B ", 3) == 0 && line[3] >= '0' && line[3] <= '2' &&
            line[4] == '\0')
            m->exit_codes |= 1 << (line[3] - '0');
        if (in_exit && strstr(line, "128+") != NULL)
            m->signal_code = 1;
        if (!in_options)
            continue;
        if (strncmp(line, ".B \\-", 5) == 0)
            man_plain(line + 3, plain, sizeof plain);
        else if (strncmp(line, ".BR \\-", 6) == 0)
            man_plain(line + 4, plain, sizeof plain);
        else
            continue;
        man_names(m, plain);
    }
    ck_assert(!ferror(fp));
    (void)fclose(fp);
}

START_TEST(test_table_options_are_documented)
{
    manpage m;
    size_t i, j;

    man_read(&m);
    ck_assert_uint_gt(m.nlongs, 0);
    for (i = 0; i < options_count(); i++) {
        for (j = 0; j < m.nlongs && strcmp(m.longs[j], options_long_name(i)) != 0; j++)
            ;
        ck_assert_msg(j < m.nlongs, "--%s is not in the OPTIONS section of the man page",
                      options_long_name(i));
        if (options_short_name(i) == 0)
            continue;
        for (j = 0; j < m.nshorts && m.shorts[j] != options_short_name(i); j++)
            ;
        ck_assert_msg(j < m.nshorts, "-%c is not in the OPTIONS section of the man page",
                      options_short_name(i));
    }
}
END_TEST

START_TEST(test_documented_options_exist)
{
    manpage m;
    size_t i, j;

    man_read(&m);
    for (j = 0; j < m.nlongs; j++) {
        for (i = 0; i < options_count() && strcmp(m.longs[j], options_long_name(i)) != 0; i++)
            ;
        ck_assert_msg(i < options_count(), "the man page documents --%s, which is not an option",
                      m.longs[j]);
    }
    for (j = 0; j < m.nshorts; j++) {
        for (i = 0; i < options_count() && options_short_name(i) != m.shorts[j]; i++)
            ;
        ck_assert_msg(i < options_count(), "the man page documents -%c, which is not an option",
                      m.shorts[j]);
    }
}
END_TEST

START_TEST(test_exit_status_section)
{
    manpage m;

    man_read(&m);
    ck_assert_msg(m.exit_status_seen, "no EXIT STATUS section");
    ck_assert_int_eq(m.exit_codes, ALL_EXIT_CODES);
    ck_assert_msg(m.signal_code, "EXIT STATUS does not give 128+N");
}
END_TEST

/* The reader itself: a line naming an option that is not in the table is
 * found, so that the test above can fail. */
START_TEST(test_reader_sees_names)
{
    manpage m;
    char plain[LINE_SIZE];

    memset(&m, 0, sizeof m);
    man_plain("\\-p \", \" \\-\\-params \" \" \\fISIZE\\fR \", \" \\-\\-no\\-such", plain,
              sizeof plain);
    man_names(&m, plain);
    ck_assert_uint_eq(m.nlongs, 2);
    ck_assert_str_eq(m.longs[0], "params");
    ck_assert_str_eq(m.longs[1], "no-such");
    ck_assert_uint_eq(m.nshorts, 1);
    ck_assert_int_eq(m.shorts[0], 'p');
}
END_TEST

static Suite *manpage_suite(void)
{
    Suite *s = suite_create("manpage");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_reader_sees_names);
    tcase_add_test(tc, test_table_options_are_documented);
    tcase_add_test(tc, test_documented_options_exist);
    tcase_add_test(tc, test_exit_status_section);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(manpage_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
