/* check_keys.c - the man page's key list is the action table's.
 *
 * The section of man/quantscope.1 between the lines `.\" KEYS BEGIN` and
 * `.\" KEYS END` must be exactly what the binding table (src/app/actions.c)
 * makes of itself, mode by mode. When it is not, the test prints the
 * section it expects, to paste into the man page. QS_PRINT_KEYS=1 prints
 * it and passes. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/keyhelp.h"

#define KEYS_MAN_MAX 65536
#define KEYS_LINE_MAX 512
static const char keys_begin[] = ".\\\" KEYS BEGIN\n";
static const char keys_end[] = ".\\\" KEYS END\n";

/* Appends text to out escaped for roff: '-' as "\-", '\' as "\e", and a
 * leading '.' or '\'' guarded with "\&". */
static void keys_roff(char *out, size_t size, const char *text)
{
    size_t len = strlen(out);

    if ((text[0] == '.' || text[0] == '\'') && len + 2 < size) {
        out[len++] = '\\';
        out[len++] = '&';
    }
    for (; *text != '\0' && len + 3 < size; text++) {
        if (*text == '-' || *text == '\\') {
            out[len++] = '\\';
            out[len++] = *text == '-' ? '-' : 'e';
        } else {
            out[len++] = *text;
        }
    }
    out[len] = '\0';
}

static void keys_append(char *out, size_t size, const char *text)
{
    size_t len = strlen(out);

    (void)snprintf(out + len, size - len, "%s", text);
}

/* The section the table makes: for each mode a subsection, for each help
 * line ".TP", the keys in bold and what they do. */
static void keys_expected(char *out, size_t size)
{
    char keys[ACTIONS_TEXT_MAX], text[ACTIONS_TEXT_MAX], name[KEYS_LINE_MAX];
    int m;
    size_t i;

    out[0] = '\0';
    for (m = 0; m < APP_MODE_COUNT; m++) {
        (void)snprintf(name, sizeof name, "%s", actions_mode_name((app_mode)m));
        if (name[0] >= 'a' && name[0] <= 'z')
            name[0] = (char)(name[0] - 'a' + 'A');
        keys_append(out, size, ".SS ");
        keys_roff(out, size, name);
        keys_append(out, size, "\n");
        for (i = 0; i < keyhelp_count((app_mode)m); i++) {
            ck_assert_int_eq(keyhelp_line((app_mode)m, i, keys, sizeof keys, text,
                                               sizeof text), 0);
            keys_append(out, size, ".TP\n.B ");
            keys_roff(out, size, keys);
            keys_append(out, size, "\n");
            keys_roff(out, size, text);
            keys_append(out, size, "\n");
        }
    }
}

/* Reads the man page's key section into out. */
static int keys_in_man(char *out, size_t size)
{
    static char man[KEYS_MAN_MAX];
    const char *dir = getenv("TESTS_SRCDIR");
    char path[KEYS_LINE_MAX];
    const char *a, *b;
    size_t n;
    FILE *fp;

    (void)snprintf(path, sizeof path, "%s/../man/quantscope.1", dir != NULL ? dir : "tests");
    fp = fopen(path, "r");
    ck_assert_msg(fp != NULL, "cannot open %s", path);
    n = fread(man, 1, sizeof man - 1, fp);
    (void)fclose(fp);
    man[n] = '\0';
    a = strstr(man, keys_begin);
    if (a == NULL)
        return -1;
    a += strlen(keys_begin);
    b = strstr(a, keys_end);
    if (b == NULL || (size_t)(b - a) >= size)
        return -1;
    memcpy(out, a, (size_t)(b - a));
    out[b - a] = '\0';
    return 0;
}

START_TEST(test_man_keys_match_table)
{
    static char want[KEYS_MAN_MAX], have[KEYS_MAN_MAX];
    const char *print = getenv("QS_PRINT_KEYS");

    keys_expected(want, sizeof want);
    if (print != NULL && strcmp(print, "1") == 0) {
        (void)fputs(want, stdout);
        return;
    }
    ck_assert_msg(keys_in_man(have, sizeof have) == 0,
                  "man/quantscope.1 has no KEYS BEGIN / KEYS END section");
    if (strcmp(want, have) != 0)
        (void)fprintf(stderr, "man/quantscope.1's key list should read:\n%s", want);
    ck_assert_msg(strcmp(want, have) == 0, "the man page's keys differ from the action table");
}
END_TEST

/* The conventions every user expects, from the table itself. */
START_TEST(test_conventions)
{
    in_event q = input_key(IN_KEY_CHAR, 'q', 0), f10 = input_key(IN_KEY_F10, 0, 0);
    in_event cc = input_key(IN_KEY_CTRL_C, 0, 0), esc = input_key(IN_KEY_ESC, 0, 0);
    in_event alt_q = input_key(IN_KEY_CHAR, 'q', IN_MOD_ALT);
    in_event help = input_key(IN_KEY_CHAR, '?', 0), f1 = input_key(IN_KEY_F1, 0, 0);
    in_event slash = input_key(IN_KEY_CHAR, '/', 0);
    int m;

    for (m = 0; m < APP_MODE_COUNT; m++) {
        ck_assert_int_eq(actions_lookup((app_mode)m, &f10), ACT_QUIT);
        ck_assert_int_eq(actions_lookup((app_mode)m, &cc), ACT_QUIT);
        ck_assert_int_ne(actions_lookup((app_mode)m, &esc), ACT_QUIT);
        ck_assert_int_ne(actions_lookup((app_mode)m, &alt_q), ACT_QUIT);
    }
    ck_assert_int_eq(actions_lookup(APP_MODE_MAIN, &q), ACT_QUIT);
    ck_assert_int_eq(actions_lookup(APP_MODE_PICKER, &q), ACT_PICK_TEXT);
    ck_assert_int_eq(actions_lookup(APP_MODE_MAIN, &esc), ACT_CANCEL);
    ck_assert_int_eq(actions_lookup(APP_MODE_MAIN, &help), ACT_HELP);
    ck_assert_int_eq(actions_lookup(APP_MODE_MAIN, &f1), ACT_HELP);
    ck_assert_int_eq(actions_lookup(APP_MODE_MAIN, &slash), ACT_SEARCH);
    /* A pasted q is text, never a command. */
    q.paste = 1;
    ck_assert_int_ne(actions_lookup(APP_MODE_MAIN, &q), ACT_QUIT);
    ck_assert_int_eq(actions_lookup(APP_MODE_PICKER, &q), ACT_PICK_TEXT);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("keys");
    TCase *tc = tcase_create("keys");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, test_man_keys_match_table);
    tcase_add_test(tc, test_conventions);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
