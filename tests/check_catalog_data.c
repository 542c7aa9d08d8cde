/* check_catalog_data.c - data/models.tsv parses row by row, its ids are
 * unique and every published total matches the expansion (or differs by
 * the documented params_diff); and catalog_row_parse's messages. The data
 * file is found through $TESTS_SRCDIR/../data (set by make check). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/catalog_row.h"

#define MAX_ROWS 512
#define LINE_BUF (CATALOG_ROW_MAX_LINE + 4)

static catalog_row rows[MAX_ROWS];
static size_t nrows;

static void load(void)
{
    const char *dir = getenv("TESTS_SRCDIR");
    char path[4096], line[LINE_BUF], err[CATALOG_ROW_ERR_SIZE];
    FILE *f;
    int lineno = 0;

    nrows = 0;
    (void)snprintf(path, sizeof path, "%s/../data/models.tsv", dir != NULL ? dir : "tests");
    f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    while (fgets(line, sizeof line, f) != NULL) {
        size_t len = strlen(line);
        int rc;

        lineno++;
        ck_assert_msg(len < sizeof line - 1 || line[len - 1] == '\n', "line %d too long", lineno);
        ck_assert_uint_lt(nrows, MAX_ROWS);
        rc = catalog_row_parse(line, len, &rows[nrows], err, sizeof err);
        ck_assert_msg(rc >= 0, "models.tsv line %d: %s", lineno, err);
        if (rc == 0)
            nrows++;
    }
    fclose(f);
}

START_TEST(test_every_row_parses)
{
    load();
    ck_assert_uint_ge(nrows, 14);
}
END_TEST

START_TEST(test_ids_unique)
{
    size_t i, j;

    load();
    for (i = 0; i < nrows; i++)
        for (j = i + 1; j < nrows; j++)
            ck_assert_msg(strcmp(rows[i].id, rows[j].id) != 0, "duplicate id %s", rows[i].id);
}
END_TEST

START_TEST(test_published_totals)
{
    size_t i, checked = 0;

    load();
    for (i = 0; i < nrows; i++) {
        const catalog_row *r = &rows[i];
        int64_t n = arch_param_count(&r->arch);

        ck_assert_ptr_eq(r->arch.name, r->name);
        if (r->params == 0)
            continue;
        ck_assert_msg(n - r->params == r->params_diff,
                      "%s: expansion %lld, published %lld, documented difference %lld", r->id,
                      (long long)n, (long long)r->params, (long long)r->params_diff);
        checked++;
    }
    ck_assert_uint_ge(checked, 14);
}
END_TEST

START_TEST(test_known_rows)
{
    size_t i;
    const catalog_row *nano = NULL, *oss = NULL;

    load();
    for (i = 0; i < nrows; i++) {
        if (strcmp(rows[i].id, "nemotron-3-nano-30b-a3b") == 0)
            nano = &rows[i];
        if (strcmp(rows[i].id, "gpt-oss-120b") == 0)
            oss = &rows[i];
    }
    ck_assert_ptr_nonnull(nano);
    ck_assert_ptr_nonnull(oss);
    ck_assert_ptr_eq(nano->arch.pattern, nano->pattern);
    ck_assert_uint_eq(strlen(nano->pattern), 52);
    ck_assert_int_eq(nano->arch.norms, ARCH_NORM_SINGLE);
    ck_assert_int_eq(nano->arch.ssm.conv_bias, 1);
    ck_assert_uint_eq(arch_tensor_count(&nano->arch), 401);
    ck_assert_int_eq(oss->arch.mixer, ARCH_ATTN_SWA);
    ck_assert_int_eq(oss->arch.span, 128);
    ck_assert_uint_eq(arch_tensor_count(&oss->arch), 687);
    ck_assert_int_eq(oss->verified, 1);
}
END_TEST

/* ---- the parser ---------------------------------------------------------- */

#define BASE "m\tM\tfam\tlayers=2\thidden=64\theads=4\tkv_heads=2\tvocab=100\tffn=128\tctx=4096" \
             "\tverified=0\tsource=s"

static int parse(const char *line, catalog_row *r, char *err)
{
    return catalog_row_parse(line, strlen(line), r, err, CATALOG_ROW_ERR_SIZE);
}

static void refused(const char *line, const char *want)
{
    static catalog_row r;
    char err[CATALOG_ROW_ERR_SIZE];

    ck_assert_int_eq(parse(line, &r, err), -1);
    ck_assert_str_eq(err, want);
}

START_TEST(test_parse_ok)
{
    static catalog_row r, c;
    char err[CATALOG_ROW_ERR_SIZE];

    ck_assert_int_eq(parse(BASE "\n", &r, err), 0);
    ck_assert_str_eq(r.id, "m");
    ck_assert_str_eq(r.family, "fam");
    ck_assert_int_eq(r.arch.layers, 2);
    ck_assert(r.arch.ffn_dim == 128);
    ck_assert_int_eq(r.ctx, 4096);
    ck_assert_ptr_eq(r.arch.name, r.name);
    ck_assert_ptr_null(r.arch.pattern);
    ck_assert(r.params == 0);
    catalog_row_copy(&c, &r);
    ck_assert_ptr_eq(c.arch.name, c.name);
    ck_assert_int_eq(parse(BASE "\tparams=-1", &r, err), -1);
    ck_assert_int_eq(parse("# comment", &r, err), 1);
    ck_assert_int_eq(parse("  \t\r\n", &r, err), 1);
    ck_assert_int_eq(parse("", &r, err), 1);
    ck_assert_int_eq(parse(BASE "\tnorms=sandwich\tmixer=swa\tspan=8\tfull_period=2"
                           "\tfull_index=1\tparams=100\tparams_diff=-3\tparams_note=n",
                           &r, err), 0);
    ck_assert_int_eq(r.arch.norms, ARCH_NORM_SANDWICH);
    ck_assert(r.params_diff == -3);
}
END_TEST

START_TEST(test_parse_errors)
{
    static char longline[CATALOG_ROW_MAX_LINE + 2];

    refused(BASE "\thiden=3", "unknown key 'hiden'");
    refused("m\tM\tfam\tlayers=x\thidden=64",
            "layers: expected a whole number from 1 to 1024, got 'x'");
    refused("m\tM\tfam\tlayers=2000", "layers: expected a whole number from 1 to 1024, got '2000'");
    refused("m\tM\tfam\tlayers=2\theads=4\tvocab=100\tffn=128\tctx=4096\tverified=0\tsource=s",
            "missing field 'hidden'");
    refused(BASE "\tvocab=100", "duplicate key 'vocab'");
    refused("m\tM\tfam\tverified=2", "verified: expected a whole number from 0 to 1, got '2'");
    refused(BASE "\tnorms=post", "norms: expected pre, pre_post, sandwich or single, got 'post'");
    refused(BASE "\tmixer=rnn",
            "mixer: expected full, swa, chunked, linear, ssm or mla, got 'rnn'");
    refused(BASE "\tfoo", "field 'foo' is not key=value");
    /* a bad value with control bytes (found by fuzz_catalog_row): one line */
    refused("m\tM\tfam\tlayers=61\thidden=7168\theads=\n\n12",
            "heads: expected a whole number from 1 to 1048576, got '??12'");
    refused(BASE "\t", "an empty field (two tabs in a row)");
    refused(BASE "\tparams_note=", "params_note: empty");
    refused("m\tM", "missing field 'family'");
    refused("M x\tM\tfam", "id: expected lowercase letters, digits, '.', '-' or '_', got 'M x'");
    refused(BASE "\tmixer=swa", "the architecture is not valid: mixer swa or chunked needs span");
    refused(BASE "\tpattern=MM*",
            "the architecture is not valid: pattern needs one character per layer");
    refused(BASE "\tmoe.experts=8\tmoe.active=9\tmoe.expert_dim=8",
            "the architecture is not valid: moe.active must be from 1 to moe.experts");
    refused(BASE "\tparams_diff=4", "params_diff: needs params");
    refused(BASE "\tparams=9\tparams_diff=4", "params_diff: needs params_note");
    memset(longline, 'a', sizeof longline - 1);
    ck_assert_int_eq(catalog_row_parse(longline, sizeof longline - 1, &rows[0], NULL, 0), -1);
    refused(longline, "line longer than 4096 characters");
}
END_TEST

static Suite *catalog_data_suite(void)
{
    Suite *s = suite_create("catalog_data");
    TCase *data = tcase_create("data");
    TCase *parser = tcase_create("parser");

    tcase_add_test(data, test_every_row_parses);
    tcase_add_test(data, test_ids_unique);
    tcase_add_test(data, test_published_totals);
    tcase_add_test(data, test_known_rows);
    suite_add_tcase(s, data);
    tcase_add_test(parser, test_parse_ok);
    tcase_add_test(parser, test_parse_errors);
    suite_add_tcase(s, parser);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(catalog_data_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
