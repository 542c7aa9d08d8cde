/* report.c - footprint tables, single footprints and savings as text/JSON.
 *
 * fprintf/fputs results are ignored: a failed write sets fp's error flag,
 * which out_finish checks at the end of each report. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/fmt.h"
#include "cli/json.h"
#include "cli/out.h"
#include "cli/report.h"
#include "cli/report_file.h"
#include "cli/tab.h"
#include "model/formats.h"
#include "model/memory.h"

/* The reference precision of the "vs FP16" column. */
#define REPORT_REFERENCE_BITS 16.0
/* Decimals of bits per weight in tables: enough for 4.8944 or 8.5008. */
#define REPORT_BITS_DECIMALS 4
/* A named format whose exact bits on a model are more than this many
 * times its nominal bits keeps most of that model unquantized. */
#define REPORT_LAYOUT_SPARE 2.0
/* Room for a model label such as "Llama-3.1-405B (405.85B)". */
#define REPORT_LABEL_SIZE 96

/* "Llama-3.1-8B (8.03B), 8030261248 parameters" or "7.00B parameters". */
static void report_heading(FILE *fp, const report_model *m)
{
    char label[REPORT_LABEL_SIZE];

    if (m->label)
        (void)fprintf(fp, "%s, %.0f parameters\n",
                      fmt_model(label, sizeof label, m->label, m->params), m->params);
    else
        (void)fprintf(fp, "%s\n", fmt_model(label, sizeof label, m->label, m->params));
}

static void report_model_json(json_writer *w, const report_model *m)
{
    json_begin_object(w, "model");
    json_string(w, "name", m->label);
    json_number(w, "params", m->params);
    json_end_object(w);
}

static int report_row_wanted(const qs_format *f, int all_formats)
{
    return all_formats || f->basic;
}

int report_table_text(FILE *fp, const report_model *m, int all_formats)
{
    size_t i;

    report_heading(fp, m);
    (void)fprintf(fp, "%-9s %7s %9s %9s %8s  %s\n", "precision", "bits", "GiB", "GB", "vs FP16",
                  "quality");
    for (i = 0; i < formats_count(); i++) {
        const qs_format *f = formats_get(i);
        double gib, bits;
        char b[32];

        if (!report_row_wanted(f, all_formats))
            continue;
        bits = exact_bits(m->exact, f);
        gib = memory_footprint_gib(m->params, bits);
        (void)fprintf(fp, "%-9s %7s %9.2f %9.2f %7.2fx  %s\n", f->name,
                      fmt_bits(b, sizeof b, bits, REPORT_BITS_DECIMALS), gib,
                      memory_gib_to_gb(gib), REPORT_REFERENCE_BITS / bits, f->quality);
    }
    (void)fputs("Weights only: GiB = params x bits / 8 / 1024^3; GB = 10^9 bytes.\n", fp);
    if (m->exact != NULL && m->exact->model != NULL)
        (void)fputs("Named formats at their exact size for this model, tensor by tensor: "
                    "bits =\nbytes x 8 / params.\n", fp);
    return out_finish(fp);
}

/* The columns of the footprint table in Markdown and CSV: the text's. */
static const tab_column report_table_cols[] = {
    { "precision", TAB_LEFT }, { "bits", TAB_RIGHT }, { "GiB", TAB_RIGHT },
    { "GB", TAB_RIGHT },       { "vs FP16", TAB_RIGHT }, { "quality", TAB_LEFT },
};

static void report_table_build(tab *t, const report_model *m, int all_formats)
{
    size_t i;

    (void)tab_init_cols(t, report_table_cols, TAB_NCOLS(report_table_cols));
    for (i = 0; i < formats_count(); i++) {
        const qs_format *f = formats_get(i);
        double gib, bits;
        char b[32];

        if (!report_row_wanted(f, all_formats))
            continue;
        if (tab_row(t) != 0)
            break;
        bits = exact_bits(m->exact, f);
        gib = memory_footprint_gib(m->params, bits);
        (void)tab_cell(t, "%s", f->name);
        (void)tab_cell(t, "%s", fmt_bits(b, sizeof b, bits, REPORT_BITS_DECIMALS));
        (void)tab_cell(t, "%.2f", gib);
        (void)tab_cell(t, "%.2f", memory_gib_to_gb(gib));
        (void)tab_cell(t, "%.2fx", REPORT_REFERENCE_BITS / bits);
        (void)tab_cell(t, "%s", f->quality);
    }
}

int report_table_tab(FILE *fp, const report_model *m, int all_formats, tab_style style)
{
    char label[REPORT_LABEL_SIZE];
    tab *t;

    if (style == TAB_STYLE_TEXT)
        return report_table_text(fp, m, all_formats);
    if (fp == NULL || m == NULL)
        return -1;
    t = malloc(sizeof *t);
    if (t == NULL)
        return -1;
    report_table_build(t, m, all_formats);
    if (style == TAB_STYLE_MARKDOWN) {
        (void)fprintf(fp, "**%s", fmt_model(label, sizeof label, m->label, m->params));
        if (m->label)
            (void)fprintf(fp, ", %.0f parameters", m->params);
        (void)fputs("**\n\n", fp);
    }
    tab_print(t, style, 0, fp);
    free(t);
    if (style == TAB_STYLE_MARKDOWN) {
        (void)fputs("\nWeights only: GiB = params x bits / 8 / 1024^3; GB = 10^9 bytes.", fp);
        if (m->exact != NULL && m->exact->model != NULL)
            (void)fputs(" Named formats at their exact size for this model, tensor by tensor: "
                        "bits = bytes x 8 / params.", fp);
        (void)fputc('\n', fp);
    }
    return out_finish(fp);
}

int report_table_json(FILE *fp, const report_model *m, int all_formats)
{
    json_writer w;
    size_t i;

    json_init(&w, fp);
    json_begin_object(&w, NULL);
    report_model_json(&w, m);
    json_begin_array(&w, "rows");
    for (i = 0; i < formats_count(); i++) {
        const qs_format *f = formats_get(i);
        double gib, bits;

        if (!report_row_wanted(f, all_formats))
            continue;
        bits = exact_bits(m->exact, f);
        gib = memory_footprint_gib(m->params, bits);
        json_begin_object(&w, NULL);
        json_string(&w, "format", f->name);
        json_number(&w, "params", m->params);
        json_number(&w, "bits", bits);
        json_number(&w, "nominal_bits", f->nominal_bits);
        json_number(&w, "footprint_gib", gib);
        json_number(&w, "footprint_gb", memory_gib_to_gb(gib));
        json_number(&w, "ratio_vs_fp16", REPORT_REFERENCE_BITS / bits);
        json_string(&w, "quality", f->quality);
        json_end_object(&w);
    }
    json_end_array(&w);
    json_end_object(&w);
    return out_finish_json(&w, fp);
}

int report_footprint_text(FILE *fp, const report_model *m, double bits, const qs_format *fmt)
{
    const qs_format *q = fmt ? fmt : exact_nearest(m->exact, bits);
    double gib = memory_footprint_gib(m->params, bits);
    char label[REPORT_LABEL_SIZE], b[32];

    (void)fprintf(fp, "%s at ", fmt_model(label, sizeof label, m->label, m->params));
    if (fmt)
        (void)fprintf(fp, "%s, ", fmt->name);
    (void)fprintf(fp, "%s bits per weight: %.2f GiB (%.2f GB)\n",
                  fmt_bits(b, sizeof b, bits, REPORT_BITS_DECIMALS), gib, memory_gib_to_gb(gib));
    /* A layout that quantizes only some tensors (MXFP4: the MoE experts)
     * leaves a model without them near its 16-bit size: say so. */
    if (fmt != NULL && m->model != NULL && bits > REPORT_LAYOUT_SPARE * fmt->nominal_bits)
        (void)fprintf(fp, "note: %s quantizes only some tensors (%s layout); most of this "
                      "model stays\n  at 16 bits\n", fmt->name, formats_layout_name(fmt->layout));
    report_file_quality_text(fp, q, fmt == NULL, m->label);
    report_file_gguf_text(fp, m->model, fmt, m->tensors);
    return out_finish(fp);
}

int report_footprint_json(FILE *fp, const report_model *m, double bits, const qs_format *fmt)
{
    const qs_format *q = fmt ? fmt : exact_nearest(m->exact, bits);
    double gib = memory_footprint_gib(m->params, bits);
    json_writer w;

    json_init(&w, fp);
    json_begin_object(&w, NULL);
    json_string(&w, "model", m->label);
    json_number(&w, "params", m->params);
    json_number(&w, "bits", bits);
    json_string(&w, "format", fmt ? fmt->name : NULL);
    json_number(&w, "footprint_gib", gib);
    json_number(&w, "footprint_gb", memory_gib_to_gb(gib));
    json_string(&w, "nearest_format", q->name);
    report_file_quality_json(&w, q, m->label);
    report_file_gguf_json(&w, m->model, fmt, m->tensors);
    json_end_object(&w);
    return out_finish_json(&w, fp);
}

int report_savings_text(FILE *fp, const report_model *m, double from_bits, const qs_format *from,
                        double to_bits, const qs_format *to)
{
    qs_savings s = memory_savings(m->params, from_bits, to_bits);
    char label[REPORT_LABEL_SIZE], a[48], b[48];

    (void)fprintf(fp, "%s: %s -> %s\n", fmt_model(label, sizeof label, m->label, m->params),
                  fmt_precision(a, sizeof a, from_bits, from ? from->name : NULL),
                  fmt_precision(b, sizeof b, to_bits, to ? to->name : NULL));
    (void)fprintf(fp, "before: %.2f GiB (%.2f GB)\n", s.before_gib, memory_gib_to_gb(s.before_gib));
    (void)fprintf(fp, "after:  %.2f GiB (%.2f GB)\n", s.after_gib, memory_gib_to_gb(s.after_gib));
    if (s.ratio >= 1.0)
        (void)fprintf(fp, "ratio:  %.2fx smaller (saves %.2f GiB)\n", s.ratio,
                      s.before_gib - s.after_gib);
    else
        (void)fprintf(fp, "ratio:  %.2fx larger (costs %.2f GiB more)\n", 1.0 / s.ratio,
                      s.after_gib - s.before_gib);
    return out_finish(fp);
}

int report_savings_json(FILE *fp, const report_model *m, double from_bits, double to_bits)
{
    qs_savings s = memory_savings(m->params, from_bits, to_bits);
    json_writer w;

    json_init(&w, fp);
    json_begin_object(&w, NULL);
    json_number(&w, "before_gb", s.before_gib);
    json_number(&w, "after_gb", s.after_gib);
    json_number(&w, "ratio", s.ratio);
    json_end_object(&w);
    return out_finish_json(&w, fp);
}
