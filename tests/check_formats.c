/* check_formats.c - unit tests for model/formats: the named precisions. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/format_row.h"
#include "model/formats.h"
#include "model/gguf_rules.h"
#include "model/memory.h"
#include "check_tsv.h"

static const char *const required[] = {
    "FP32", "FP16", "BF16", "FP8", "INT8", "INT4", "INT2", "Q8_0", "Q6_K", "Q5_K_M",
    "Q4_K_M", "Q4_0", "Q3_K_M", "Q2_K", "IQ4_XS", "IQ2_XXS", "IQ1_S", "TERNARY",
};

START_TEST(test_required_rows)
{
    size_t i;

    for (i = 0; i < sizeof required / sizeof required[0]; i++)
        ck_assert_msg(formats_find(required[i]) != NULL, "missing %s", required[i]);
}
END_TEST

START_TEST(test_table_sane)
{
    size_t i;
    int basic = 0;

    ck_assert_uint_ge(formats_count(), sizeof required / sizeof required[0]);
    for (i = 0; i < formats_count(); i++) {
        const qs_format *f = formats_get(i);
        ck_assert_ptr_nonnull(f);
        ck_assert(f->bits > 0 && f->bits <= 32);
        ck_assert(f->nominal_bits > 0 && f->nominal_bits <= f->bits);
        ck_assert(strlen(f->quality) > 0);
        if (i > 0)
            ck_assert_msg(formats_get(i - 1)->bits >= f->bits, "%s out of order", f->name);
        ck_assert_ptr_eq(formats_find(f->name), f);
        basic += f->basic;
    }
    ck_assert_int_eq(basic, 5);
    ck_assert_ptr_null(formats_get(formats_count()));
}
END_TEST

START_TEST(test_values_from_reference)
{
    /* Effective whole-file bpw on Llama-3.1-8B (shared/reference/quants.tsv). */
    ck_assert(formats_find("Q4_K_M")->bits == 4.8944);
    ck_assert(formats_find("Q4_K_M")->nominal_bits == 4.5);
    ck_assert(formats_find("Q8_0")->bits == 8.5008);
    ck_assert(formats_find("Q6_K")->nominal_bits == 6.5625);
    ck_assert(formats_find("Q2_K")->bits == 3.1593);
    ck_assert(formats_find("IQ2_XXS")->nominal_bits == 2.0625);
    ck_assert(formats_find("Q4_K_M")->ppl_delta == 0.1754);
    ck_assert(formats_find("Q8_0")->ppl_delta == 0.0026);
    ck_assert(isnan(formats_find("INT4")->ppl_delta));
    ck_assert(formats_find("FP8")->bits == 8.0 + 32.0 / 16384.0);
    ck_assert(formats_find("FP16")->bits == 16.0);
    ck_assert(formats_find("INT2")->bits == 2.0);
    ck_assert_str_eq(formats_find("FP16")->quality, "almost no loss: the recommended default");
    ck_assert_str_eq(formats_find("INT8")->quality, "minimal loss");
    ck_assert_str_eq(formats_find("INT4")->quality, "noticeable but acceptable loss");
    ck_assert_str_eq(formats_find("INT2")->quality, "significant loss: experiments only");
}
END_TEST

START_TEST(test_find_case_and_aliases)
{
    ck_assert_str_eq(formats_find("q4_k_m")->name, "Q4_K_M");
    ck_assert_str_eq(formats_find("fp16")->name, "FP16");
    ck_assert_str_eq(formats_find("F16")->name, "FP16");
    ck_assert_str_eq(formats_find("half")->name, "FP16");
    ck_assert_str_eq(formats_find("int8")->name, "INT8");
    ck_assert_str_eq(formats_find("bfloat16")->name, "BF16");
    ck_assert_str_eq(formats_find("bitnet")->name, "TERNARY");
    ck_assert_ptr_null(formats_find("q4_k_mm"));
    ck_assert_ptr_null(formats_find("q4"  "x"));
    ck_assert_ptr_null(formats_find(""));
    ck_assert_ptr_null(formats_find(NULL));
    ck_assert_ptr_null(formats_find("f1"));
}
END_TEST

START_TEST(test_nearest)
{
    ck_assert_str_eq(formats_nearest(16)->name, "FP16");   /* tie with BF16: first row */
    ck_assert_str_eq(formats_nearest(4.89)->name, "Q4_K_M");
    ck_assert_str_eq(formats_nearest(4.0)->name, "INT4");
    ck_assert_str_eq(formats_nearest(8.0)->name, "INT8");
    ck_assert_str_eq(formats_nearest(1.0)->name, "TERNARY");
    ck_assert_str_eq(formats_nearest(64.0)->name, "FP32");
    ck_assert_str_eq(formats_nearest(2.0)->name, "INT2");
    ck_assert_ptr_null(formats_nearest(NAN));
}
END_TEST

START_TEST(test_step)
{
    ck_assert_str_eq(formats_step(4.0, +1)->name, "Q3_K_M");
    ck_assert_str_eq(formats_step(4.8944, +1)->name, "Q5_K_M");
    ck_assert_str_eq(formats_step(4.8944, -1)->name, "Q4_0");
    ck_assert_str_eq(formats_step(16.0, +1)->name, "FP32");
    ck_assert_str_eq(formats_step(16.0, -1)->name, "Q8_0");
    ck_assert_str_eq(formats_step(1.0, +1)->name, "TERNARY");
    ck_assert_ptr_null(formats_step(32.0, +1));
    ck_assert_ptr_null(formats_step(1.58, -1));
    ck_assert_ptr_null(formats_step(NAN, +1));
    ck_assert_ptr_null(formats_step(4.0, 0));
    /* 4.16 is shared by GPTQ and AWQ: stepping lands on the first. */
    ck_assert_str_eq(formats_step(4.13, +1)->name, "GPTQ");
    ck_assert_str_eq(formats_step(4.16, +1)->name, "IQ4_XS");
}
END_TEST

START_TEST(test_family_names)
{
    ck_assert_str_eq(formats_family_name(FMT_FAMILY_FLOAT), "float");
    ck_assert_str_eq(formats_family_name(FMT_FAMILY_INT), "int");
    ck_assert_str_eq(formats_family_name(FMT_FAMILY_GGUF), "gguf");
    ck_assert_str_eq(formats_family_name(FMT_FAMILY_GROUP), "group");
    ck_assert_str_eq(formats_family_name(FMT_FAMILY_TERNARY), "ternary");
    ck_assert_str_eq(formats_family_name((fmt_family)99), "unknown");
}
END_TEST

/* Every llama.cpp file type, by the name llama-quantize gives it, and the
 * uploaders' _L / _XL variants gguf_rules.h knows. */
static const char *const ftypes[] = {
    "F32", "F16", "BF16", "Q8_0", "Q6_K", "Q5_K_M", "Q5_K_S", "Q5_1", "Q5_0", "Q4_K_M",
    "Q4_K_S", "Q4_1", "Q4_0", "Q3_K_L", "Q3_K_M", "Q3_K_S", "Q2_K", "Q2_K_S", "IQ4_XS",
    "IQ4_NL", "IQ3_M", "IQ3_S", "IQ3_XS", "IQ3_XXS", "IQ2_M", "IQ2_S", "IQ2_XS", "IQ2_XXS",
    "IQ1_M", "IQ1_S", "TQ1_0", "TQ2_0", "MXFP4_MOE", "Q6_K_L", "Q5_K_L", "Q4_K_L", "Q3_K_XL",
    "Q2_K_L", "UD-Q6_K_XL", "UD-Q5_K_XL", "UD-Q4_K_XL", "UD-Q3_K_XL", "UD-Q2_K_XL",
};

START_TEST(test_every_ftype_is_a_format)
{
    size_t i;
    int ft;

    for (i = 0; i < sizeof ftypes / sizeof ftypes[0]; i++) {
        const qs_format *f = formats_find(ftypes[i]);

        ck_assert_msg(f != NULL, "no format for %s", ftypes[i]);
        ck_assert_msg(f->gguf == gguf_rules_ftype_find(ftypes[i]), "%s: gguf %d", ftypes[i],
                      f->gguf);
    }
    /* and every file type gguf_rules knows has exactly one row */
    for (ft = 0; ft < GGUF_FTYPE_COUNT; ft++) {
        const qs_format *f = formats_of_gguf(ft);
        size_t n = 0;

        ck_assert_msg(f != NULL, "ftype %d has no row", ft);
        ck_assert_ptr_eq(formats_find(gguf_rules_ftype((gguf_ftype)ft)->name), f);
        for (i = 0; i < formats_all_count(); i++)
            n += formats_all_get(i)->gguf == ft;
        ck_assert_uint_eq(n, 1);
    }
    ck_assert_str_eq(formats_of_gguf(GGUF_FTYPE_F16)->name, "FP16");
    ck_assert_ptr_null(formats_of_gguf(FORMATS_NO_GGUF));
    ck_assert_str_eq(formats_find("q4_k_m")->name, "Q4_K_M");
    ck_assert(formats_find("Q4_K_M")->layout == FMT_LAYOUT_GGUF);
    ck_assert(formats_find("Q6_K_L")->bits_kind == FMT_BITS_BLOCK);
    ck_assert(formats_find("Q6_K_L")->bits == 6.5625);
    ck_assert(formats_find("Q5_K_S")->bits == 5.5704);
    ck_assert(formats_find("Q5_K_S")->bits_kind == FMT_BITS_MEASURED);
}
END_TEST

START_TEST(test_all_rows_sane)
{
    size_t i, j, n = formats_all_count(), ladder = 0;

    ck_assert_uint_ge(n, sizeof ftypes / sizeof ftypes[0]);
    ck_assert_ptr_null(formats_all_get(n));
    for (i = 0; i < n; i++) {
        const qs_format *f = formats_all_get(i);
        const char *p = f->aliases;

        ck_assert(f->bits > 0 && f->bits <= 32 && f->nominal_bits > 0);
        ck_assert(strlen(f->quality) > 0 && strlen(f->source) > 0);
        if (i > 0)
            ck_assert_msg(formats_all_get(i - 1)->bits >= f->bits, "%s out of order", f->name);
        ck_assert_ptr_eq(formats_find(f->name), f);
        /* every alias names its own row: none is shadowed */
        while (*p != '\0') {
            char word[64];
            size_t w = strcspn(p, " ");

            ck_assert_uint_lt(w, sizeof word);
            memcpy(word, p, w);
            word[w] = '\0';
            ck_assert_msg(formats_find(word) == f, "alias %s of %s", word, f->name);
            p += w;
            while (*p == ' ')
                p++;
        }
        for (j = 0; j < i; j++)
            ck_assert(strcasecmp(formats_all_get(j)->name, f->name) != 0);
        ck_assert(!f->basic || f->ladder);
        ck_assert((f->layout == FMT_LAYOUT_GGUF) <= (f->gguf >= 0));
        ck_assert((f->bits_kind == FMT_BITS_DEFAULT) == (f->bits_hi > 0.0));
        ck_assert(isnan(f->ppl_delta) == (f->ppl_by == NULL));
        ladder += f->ladder;
    }
    ck_assert_uint_eq(ladder, formats_count());
    /* the ladder: the 22 rows of the table before every file type came */
    ck_assert_uint_eq(formats_count(), 22);
}
END_TEST

START_TEST(test_aliases)
{
    static const char *const pairs[][2] = {
        { "gptq", "GPTQ" }, { "gptq-int4", "GPTQ" }, { "awq", "AWQ" }, { "nf4", "NF4" },
        { "nf4-dq", "NF4-DQ" }, { "bnb-4bit", "NF4-DQ" }, { "int8", "INT8" },
        { "llm.int8", "LLM.INT8" }, { "fp8", "FP8" }, { "fp8-tensor", "FP8-TENSOR" },
        { "nvfp4", "NVFP4" }, { "mxfp4", "MXFP4" }, { "mxfp4_moe", "MXFP4_MOE" },
        { "exl2", "EXL2" }, { "exl3", "EXL3" }, { "mlx-4bit", "MLX-4BIT" },
        { "mlx-8bit", "MLX-8BIT" }, { "q4_k_m", "Q4_K_M" }, { "q4_k_xl", "UD-Q4_K_XL" },
        { "ud-q4_k_xl", "UD-Q4_K_XL" }, { "iq2_xxs", "IQ2_XXS" }, { "f32", "FP32" },
    };
    size_t i;

    for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        const qs_format *f = formats_find(pairs[i][0]);

        ck_assert_msg(f != NULL, "%s unknown", pairs[i][0]);
        ck_assert_str_eq(f->name, pairs[i][1]);
    }
}
END_TEST

START_TEST(test_suggest)
{
    const qs_format *out[4];
    size_t n;

    n = formats_suggest("q4km", out, 4);
    ck_assert_uint_ge(n, 1);
    ck_assert_str_eq(out[0]->name, "Q4_K_M");
    n = formats_suggest("gtpq", out, 4);
    ck_assert_uint_ge(n, 1);
    ck_assert_str_eq(out[0]->name, "GPTQ");
    n = formats_suggest("mlx4bit", out, 1);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(out[0]->name, "MLX-4BIT");
    ck_assert_uint_eq(formats_suggest("zzzzzzzzzz", out, 4), 0);
    ck_assert_uint_eq(formats_suggest(NULL, out, 4), 0);
    ck_assert_uint_eq(formats_suggest("q4km", out, 0), 0);
}
END_TEST

START_TEST(test_parse_rates)
{
    const qs_format *f = NULL;
    double bits = 0.0;

    ck_assert_int_eq(formats_parse("exl2-4.65", &f, &bits), 0);
    ck_assert_str_eq(f->name, "EXL2");
    ck_assert(bits == 4.65);
    ck_assert_int_eq(formats_parse("EXL2:4.65bpw", &f, &bits), 0);
    ck_assert(bits == 4.65);
    ck_assert_int_eq(formats_parse("exl2_5", &f, &bits), 0);
    ck_assert(bits == 5.0);
    ck_assert_int_eq(formats_parse("exllamav2 6.0b", &f, &bits), 0);
    ck_assert(bits == 6.0);
    ck_assert_int_eq(formats_parse("exl3@2.5", &f, &bits), 0);
    ck_assert_str_eq(f->name, "EXL3");
    ck_assert(bits == 2.5);
    ck_assert_int_eq(formats_parse("exl3-1", &f, &bits), 0);   /* exllamav3 goes down to 1 */
    ck_assert_int_eq(formats_parse("exl2", &f, &bits), 0);     /* the default rate */
    ck_assert(bits == 4.125);
    ck_assert_int_eq(formats_parse("q4_k_m", &f, &bits), 0);
    ck_assert(bits == 4.8944);
    f = NULL;
    bits = -1.0;
    ck_assert_int_eq(formats_parse("exl2-1.5", &f, &bits), -1); /* below exllamav2's 2 */
    ck_assert_int_eq(formats_parse("exl3-9", &f, &bits), -1);
    ck_assert_int_eq(formats_parse("exl2-", &f, &bits), -1);
    ck_assert_int_eq(formats_parse("exl2-4.65x", &f, &bits), -1);
    ck_assert_int_eq(formats_parse("exl2--4", &f, &bits), -1);
    ck_assert_int_eq(formats_parse("exl2-bpw", &f, &bits), -1);
    ck_assert_int_eq(formats_parse("q4_k_m-4", &f, &bits), -1);
    ck_assert_int_eq(formats_parse(NULL, &f, &bits), -1);
    ck_assert_ptr_null(f);
    ck_assert(bits == -1.0);
}
END_TEST

START_TEST(test_quality_lines)
{
    char buf[FORMATS_QUALITY_LINE_MAX];

    ck_assert_int_eq(formats_quality_line(formats_find("Q4_K_M"), buf, sizeof buf), 0);
    /* 0.1754 / 6.2316 = 2.81% */
    ck_assert_str_eq(buf, "+0.1754 ppl (+2.8%) vs F16, measured by llama.cpp on Llama-3-8B; "
                          "larger models lose less: +0.91% on LLaMA-7B, +0.87% on LLaMA-13B "
                          "(llama.cpp PR #1684 k-quants, wikitext)");
    ck_assert_int_eq(formats_quality_line(formats_find("Q8_0"), buf, sizeof buf), 0);
    /* 0.0026 / 6.2316 = 0.042%: two decimals below 0.1% */
    ck_assert_str_eq(buf, "+0.0026 ppl (+0.04%) vs F16, measured by llama.cpp on Llama-3-8B");
    ck_assert_int_eq(formats_quality_line(formats_find("IQ4_XS"), buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "+0.2281 ppl (+3.7%) vs F16, measured by llama.cpp on Llama-3-8B "
                          "with an importance matrix (WT 10m)");
    ck_assert_int_eq(formats_quality_line(formats_find("BF16"), buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "-0.0050 ppl, measured by llama.cpp on Mistral-7B (its reference "
                          "and base perplexity are not published)");
    ck_assert_int_eq(formats_quality_line(formats_find("INT4"), buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "no perplexity measurement published for INT4");
    ck_assert_int_eq(formats_quality_line(formats_find("Q4_K_M"), buf, 16), -1);
    ck_assert_int_eq(formats_quality_line(NULL, buf, sizeof buf), -1);
}
END_TEST

/* One row of data/formats.tsv against row n of the generated table. */
static int table_row(void *ctx, size_t n, const char *line, size_t len, char *err,
                     size_t errsize)
{
    format_row *row = ctx;
    const qs_format *f;
    int rc = format_row_parse(line, len, row, err, errsize);

    if (rc != 0)
        return rc;
    f = formats_all_get(n);
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->name, row->fmt.name);
    ck_assert(f->bits == row->fmt.bits && f->nominal_bits == row->fmt.nominal_bits);
    ck_assert(f->gguf == row->fmt.gguf && f->layout == row->fmt.layout);
    ck_assert(isnan(f->ppl_delta) ? isnan(row->fmt.ppl_delta)
                                  : f->ppl_delta == row->fmt.ppl_delta);
    return 0;
}

/* The generated table holds what data/formats.tsv says, row by row. */
START_TEST(test_table_is_the_data)
{
    static format_row row;

    ck_assert_uint_eq(check_tsv_each("../data/formats.tsv", table_row, &row), formats_all_count());
}
END_TEST

START_TEST(test_row_messages)
{
    static const char *const bad[][2] = {
        { "X\tgguf\tbits=4", "missing field 'bits_kind'" },
        { "X\tgguf\tbitz=4", "unknown key 'bitz'" },
        { "X\tgguf\tbits=4\tbits=5", "duplicate key 'bits'" },
        { "X\tgguf\tbits=x", "bits: expected a number above 0 and at most 32, got 'x'" },
        { "X\tgguf\tgguf=Q4_K_Z", "gguf: unknown file type 'Q4_K_Z' (give its name, e.g. Q4_K_M)" },
        { "X\tfloaty", "family: expected float, int, gguf, group or ternary, got 'floaty'" },
        { "4X\tgguf", "name: expected a letter, then letters, digits, '.', '-' or '_', got '4X'" },
        { "X\tint\tbits=4\tbits_kind=block\tnominal=4\tquality=q\tverified=1\tsource=s\tppl=+1",
          "ppl needs ppl_model and ppl_by" },
        { "X\tint\tbits=4\tbits_kind=default\tnominal=4\tquality=q\tverified=1\tsource=s",
          "bits_kind default goes with bits_lo and bits_hi, and only with them" },
        { "X\tint\tbits=4\tbits_kind=block\tnominal=4\tquality=q\tverified=1\tsource=s\t"
          "layout=gguf",
          "layout gguf needs gguf" },
        { "X\tint\taliases=Big", "aliases: expected lowercase names (letters, digits, '.', '-', "
          "'_') one space apart, got 'Big'" },
    };
    static const char good[] = "X\tint\tbits=4\tbits_kind=block\tnominal=4\tquality=q\t"
                               "verified=1\tsource=s\tppl=-0.5\tppl_model=M\tppl_by=B";
    static format_row row;
    char err[FORMAT_ROW_ERR_SIZE];
    size_t i;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(format_row_parse(bad[i][0], strlen(bad[i][0]), &row, err, sizeof err), -1);
        ck_assert_str_eq(err, bad[i][1]);
    }
    ck_assert_int_eq(format_row_parse("# a comment\n", 12, &row, err, sizeof err), 1);
    /* A NUL byte ended a number early ("4\0009" read as 4): refused. */
    {
        static const char nul[] = "X\tint\tbits=4\0009\tbits_kind=block\tnominal=4\tquality=q\t"
                                  "verified=1\tsource=s";

        ck_assert_int_eq(format_row_parse(nul, sizeof nul - 1, &row, err, sizeof err), -1);
        ck_assert_str_eq(err, "a NUL byte in the line");
    }
    ck_assert_int_eq(format_row_parse(good, strlen(good), &row, err, sizeof err), 0);
    ck_assert(row.fmt.ppl_delta == -0.5 && isnan(row.fmt.ppl_base));
    ck_assert_str_eq(row.fmt.ppl_ref, "M");
    ck_assert_ptr_null(row.fmt.scaling);
    {
        static format_row copy;

        format_row_copy(&copy, &row);
        ck_assert_ptr_eq(copy.fmt.name, copy.name);
        ck_assert_ptr_eq(copy.fmt.ppl_ref, copy.ppl_model);
        ck_assert_ptr_null(copy.fmt.ppl_vs);
    }
}
END_TEST

START_TEST(test_enum_names)
{
    ck_assert_str_eq(formats_layout_name(FMT_LAYOUT_NF4_DQ), "nf4-dq");
    ck_assert_str_eq(formats_layout_name((fmt_layout)99), "unknown");
    ck_assert_str_eq(formats_bits_kind_name(FMT_BITS_MEASURED), "measured");
    ck_assert_str_eq(formats_bits_kind_name((fmt_bits_kind)99), "unknown");
}
END_TEST

static Suite *formats_suite(void)
{
    Suite *s = suite_create("formats");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_required_rows);
    tcase_add_test(tc, test_table_sane);
    tcase_add_test(tc, test_values_from_reference);
    tcase_add_test(tc, test_find_case_and_aliases);
    tcase_add_test(tc, test_nearest);
    tcase_add_test(tc, test_step);
    tcase_add_test(tc, test_family_names);
    tcase_add_test(tc, test_every_ftype_is_a_format);
    tcase_add_test(tc, test_all_rows_sane);
    tcase_add_test(tc, test_aliases);
    tcase_add_test(tc, test_suggest);
    tcase_add_test(tc, test_parse_rates);
    tcase_add_test(tc, test_quality_lines);
    tcase_add_test(tc, test_table_is_the_data);
    tcase_add_test(tc, test_row_messages);
    tcase_add_test(tc, test_enum_names);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(formats_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
