/* report_rounding.c - --demo-rounding (report_rounding.h): the scalar
 * table, the three methods at the bits, the outliers apart from the rest,
 * the one-line lesson; or every figure as JSON.
 *
 * fprintf/snprintf results are ignored: a failed write sets fp's error
 * flag, which out_finish checks at the end. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/fmt.h"
#include "cli/json.h"
#include "cli/out.h"
#include "cli/report_rounding.h"
#include "model/rounding.h"

/* Decimals of the bits as the user gave them (4.25, 4.5). */
#define REPORT_ROUNDING_BITS_DECIMALS 2
/* Text tables are indented by this much, as the other reports'. */
#define REPORT_ROUNDING_INDENT 2
/* Room for one line of prose before out_wrap breaks it. */
#define REPORT_ROUNDING_LINE 1024
#define REPORT_ROUNDING_CELL 48

/* The sample and its analysis, made once per report. */
typedef struct {
    rounding_scalar_row scalar[ROUNDING_SCALAR_ROWS];
    rounding_sample sample;
    rounding_analysis a;
} report_rounding_data;

/* "4/127": the integer rows' scale as the fraction it is. */
static void report_rounding_scale(char *buf, size_t size, const rounding_scalar_row *r)
{
    if (r->kind == ROUNDING_KIND_FLOAT)
        (void)snprintf(buf, size, "-");
    else
        (void)snprintf(buf, size, "%g/%ld", ROUNDING_SCALAR_ABSMAX,
                       rounding_qmax(r->bits));
}

/* The code: a float's bits in hex, an integer's value. */
static void report_rounding_code(char *buf, size_t size, const rounding_scalar_row *r)
{
    if (r->kind == ROUNDING_KIND_FLOAT)
        (void)snprintf(buf, size, "0x%0*llx", r->bits / 4, (unsigned long long)r->code);
    else
        (void)snprintf(buf, size, "%lld", r->code);
}

static void report_rounding_scalar_tab(tab *t, const report_rounding_data *d)
{
    char code[REPORT_ROUNDING_CELL], scale[REPORT_ROUNDING_CELL];
    size_t i;

    tab_init(t);
    (void)tab_col(t, "format", TAB_LEFT);
    (void)tab_col(t, "code", TAB_RIGHT);
    (void)tab_col(t, "scale", TAB_RIGHT);
    (void)tab_col(t, "stored", TAB_RIGHT);
    (void)tab_col(t, "error", TAB_RIGHT);
    (void)tab_col(t, "relative", TAB_RIGHT);
    for (i = 0; i < ROUNDING_SCALAR_ROWS; i++) {
        const rounding_scalar_row *r = &d->scalar[i];

        report_rounding_code(code, sizeof code, r);
        report_rounding_scale(scale, sizeof scale, r);
        (void)tab_row(t);
        (void)tab_cell(t, "%s", r->name);
        (void)tab_cell(t, "%s", code);
        (void)tab_cell(t, "%s", scale);
        (void)tab_cell(t, "%.12g", r->stored);
        (void)tab_cell(t, "%+.3e", r->error);
        (void)tab_cell(t, "%.2e", r->rel_error);
    }
}

/* A share as a percentage with one decimal. */
static double report_rounding_pct(double share)
{
    return share * FMT_PERCENT;
}

/* A new row, its first cell the method's name ("absmax per 32"). */
static void report_rounding_method_row(tab *t, const rounding_result *r)
{
    (void)tab_row(t);
    if (r->method == ROUNDING_GROUPED)
        (void)tab_cell(t, "absmax per %zu", r->group);
    else
        (void)tab_cell(t, "%s", r->name);
}

static void report_rounding_method_tab(tab *t, const report_rounding_data *d)
{
    char bpw[REPORT_ROUNDING_CELL];
    size_t m;

    tab_init(t);
    (void)tab_col(t, "method", TAB_LEFT);
    (void)tab_col(t, "bits/w", TAB_RIGHT);
    (void)tab_col(t, "clip", TAB_RIGHT);
    (void)tab_col(t, "RMS error", TAB_RIGHT);
    (void)tab_col(t, "SNR dB", TAB_RIGHT);
    (void)tab_col(t, "max error", TAB_RIGHT);
    (void)tab_col(t, "zeros", TAB_RIGHT);
    (void)tab_col(t, "clipped", TAB_RIGHT);
    for (m = 0; m < ROUNDING_METHODS; m++) {
        const rounding_result *r = &d->a.r[m];

        report_rounding_method_row(t, r);
        (void)tab_cell(t, "%s", fmt_bits(bpw, sizeof bpw, r->bits_per_weight, 4));
        (void)tab_cell(t, "%.2f", r->clip);
        (void)tab_cell(t, "%.3e", r->all.rms);
        (void)tab_cell(t, "%.2f", r->all.snr_db);
        (void)tab_cell(t, "%.3e", r->all.max_abs);
        (void)tab_cell(t, "%.1f%%", report_rounding_pct(r->all.zero_share));
        (void)tab_cell(t, "%zu", r->clipped);
    }
}

static void report_rounding_split_tab(tab *t, const report_rounding_data *d)
{
    size_t m;

    tab_init(t);
    (void)tab_col(t, "method", TAB_LEFT);
    (void)tab_col(t, "outl. RMS", TAB_RIGHT);
    (void)tab_col(t, "outl. max", TAB_RIGHT);
    (void)tab_col(t, "rest RMS", TAB_RIGHT);
    (void)tab_col(t, "rest SNR dB", TAB_RIGHT);
    (void)tab_col(t, "rest zeros", TAB_RIGHT);
    for (m = 0; m < ROUNDING_METHODS; m++) {
        const rounding_result *r = &d->a.r[m];

        report_rounding_method_row(t, r);
        (void)tab_cell(t, "%.3e", r->outliers.rms);
        (void)tab_cell(t, "%.3e", r->outliers.max_abs);
        (void)tab_cell(t, "%.3e", r->rest.rms);
        (void)tab_cell(t, "%.2f", r->rest.snr_db);
        (void)tab_cell(t, "%zu of %zu", r->rest.zeros, r->rest.n);
    }
}

/* A paragraph: wrapped text, or as it is in Markdown; nothing in CSV. */
static void report_rounding_para(FILE *fp, tab_style style, const char *text)
{
    if (style == TAB_STYLE_CSV)
        return;
    if (style == TAB_STYLE_MARKDOWN)
        (void)fprintf(fp, "%s\n\n", text);
    else
        out_wrap(fp, text, 0, 0, OUT_WIDTH);
}

/* The outliers' positions in order, "8, 124, 134, 149". */
static void report_rounding_positions(char *buf, size_t size, const rounding_sample *s)
{
    size_t i, len = 0;

    buf[0] = '\0';
    for (i = 0; i < ROUNDING_BLOCK && len < size; i++)
        if (s->outlier[i]) {
            int n = snprintf(buf + len, size - len, "%s%zu", len > 0 ? ", " : "", i);

            if (n < 0)
                break;
            len += (size_t)n;
        }
}

static void report_rounding_text(FILE *fp, const report_rounding_data *d, tab_style style,
                                 tab *t)
{
    char line[REPORT_ROUNDING_LINE], bits[REPORT_ROUNDING_CELL], pos[REPORT_ROUNDING_CELL];
    const rounding_analysis *a = &d->a;
    int text = style == TAB_STYLE_TEXT;
    /* between tables: a blank line; in CSV one ended as the RFC's are */
    const char *gap = style == TAB_STYLE_CSV ? "\r\n" : "\n";

    (void)snprintf(line, sizeof line,
                   "%g stored in 32, 16, 8, 4 and 2 bits (the integers as a value of a "
                   "block whose absmax is %g: scale %g / the largest code):",
                   ROUNDING_VALUE, ROUNDING_SCALAR_ABSMAX, ROUNDING_SCALAR_ABSMAX);
    report_rounding_para(fp, style, line);
    if (text)
        (void)fputc('\n', fp);
    report_rounding_scalar_tab(t, d);
    tab_print(t, style, REPORT_ROUNDING_INDENT, fp);
    (void)fputs(gap, fp);
    report_rounding_positions(pos, sizeof pos, &d->sample);
    (void)snprintf(line, sizeof line,
                   "A block of %d weights (seed %llu%s): normal, mean 0, sd %g, and %d outliers "
                   "of %g-%g sd (an illustration, UNVERIFIED as any model's) at %s; absmax %.4g; "
                   "the outliers hold %.1f%% of the sum of squares.",
                   ROUNDING_BLOCK, (unsigned long long)d->sample.seed,
                   d->sample.seed == ROUNDING_SEED ? ", the default" : "", ROUNDING_SD,
                   ROUNDING_OUTLIERS, ROUNDING_OUTLIER_SD_MIN, ROUNDING_OUTLIER_SD_MAX, pos,
                   a->absmax, report_rounding_pct(a->outlier_energy));
    report_rounding_para(fp, style, line);
    if (text)
        (void)fputc('\n', fp);
    (void)snprintf(line, sizeof line,
                   "At %s bits: %d-bit codes, %ld levels (whole bits; a format's fraction is "
                   "its scales: %g bits per scale). Best clip: the least error of %d ratios "
                   "of the absmax.",
                   fmt_bits(bits, sizeof bits, a->bits, REPORT_ROUNDING_BITS_DECIMALS),
                   a->code_bits, a->levels, ROUNDING_SCALE_BITS, ROUNDING_CLIP_STEPS);
    report_rounding_para(fp, style, line);
    if (text)
        (void)fputc('\n', fp);
    report_rounding_method_tab(t, d);
    tab_print(t, style, REPORT_ROUNDING_INDENT, fp);
    (void)fputs(gap, fp);
    report_rounding_para(fp, style, "The outliers and the rest apart:");
    if (text)
        (void)fputc('\n', fp);
    report_rounding_split_tab(t, d);
    tab_print(t, style, REPORT_ROUNDING_INDENT, fp);
    if (style == TAB_STYLE_CSV)
        return;
    (void)fputc('\n', fp);
    (void)snprintf(line, sizeof line, "Why: %s", rounding_lesson());
    report_rounding_para(fp, style, line);
    if (text)
        (void)fputc('\n', fp);
    (void)snprintf(line, sizeof line, "Sources: %s.", rounding_sources());
    report_rounding_para(fp, style, line);
}

static void report_rounding_err_json(json_writer *w, const char *key, const rounding_err *e)
{
    json_begin_object(w, key);
    json_int(w, "n", (long long)e->n);
    json_number(w, "rms", e->rms);
    json_number(w, "snr_db", e->snr_db);
    json_number(w, "max_abs_error", e->max_abs);
    json_int(w, "zeros", (long long)e->zeros);
    json_number(w, "zero_share", e->zero_share);
    json_end_object(w);
}

static void report_rounding_json(json_writer *w, const report_rounding_data *d)
{
    const rounding_analysis *a = &d->a;
    char code[REPORT_ROUNDING_CELL];
    size_t i, m;

    json_begin_object(w, NULL);
    json_string(w, "demo", "rounding");
    json_number(w, "value", ROUNDING_VALUE);
    json_number(w, "scalar_absmax", ROUNDING_SCALAR_ABSMAX);
    json_begin_array(w, "scalar");
    for (i = 0; i < ROUNDING_SCALAR_ROWS; i++) {
        const rounding_scalar_row *r = &d->scalar[i];

        json_begin_object(w, NULL);
        json_string(w, "format", r->name);
        json_string(w, "kind", r->kind == ROUNDING_KIND_FLOAT ? "float" : "int");
        json_string(w, "what", r->what);
        json_int(w, "bits", r->bits);
        json_int(w, "code", r->code);
        if (r->kind == ROUNDING_KIND_FLOAT) {
            report_rounding_code(code, sizeof code, r);
            json_string(w, "code_hex", code);
        }
        if (r->kind == ROUNDING_KIND_FLOAT)
            json_null(w, "scale");
        else
            json_number(w, "scale", r->scale);
        json_number(w, "stored", r->stored);
        json_number(w, "error", r->error);
        json_number(w, "relative_error", r->rel_error);
        json_end_object(w);
    }
    json_end_array(w);
    json_begin_object(w, "block");
    json_int(w, "seed", (long long)d->sample.seed);
    json_bool(w, "seed_default", d->sample.seed == ROUNDING_SEED);
    json_int(w, "size", ROUNDING_BLOCK);
    json_number(w, "sd", ROUNDING_SD);
    json_int(w, "outliers", ROUNDING_OUTLIERS);
    json_number(w, "outlier_sd_min", ROUNDING_OUTLIER_SD_MIN);
    json_number(w, "outlier_sd_max", ROUNDING_OUTLIER_SD_MAX);
    json_bool(w, "outlier_sizes_verified", 0);
    json_begin_array(w, "outlier_positions");
    for (i = 0; i < ROUNDING_BLOCK; i++)
        if (d->sample.outlier[i])
            json_int(w, NULL, (long long)i);
    json_end_array(w);
    json_number(w, "absmax", a->absmax);
    json_number(w, "outlier_energy_share", a->outlier_energy);
    json_begin_array(w, "weights");
    for (i = 0; i < ROUNDING_BLOCK; i++)
        json_number(w, NULL, d->sample.w[i]);
    json_end_array(w);
    json_end_object(w);
    json_number(w, "bits", a->bits);
    json_int(w, "code_bits", a->code_bits);
    json_int(w, "qmax", a->qmax);
    json_int(w, "levels", a->levels);
    json_number(w, "scale_bits", ROUNDING_SCALE_BITS);
    json_int(w, "clip_steps", ROUNDING_CLIP_STEPS);
    json_begin_array(w, "methods");
    for (m = 0; m < ROUNDING_METHODS; m++) {
        static const char *const ids[ROUNDING_METHODS] = { "absmax", "group", "clip" };
        const rounding_result *r = &a->r[m];

        json_begin_object(w, NULL);
        json_string(w, "method", ids[m]);
        json_string(w, "name", r->name);
        json_int(w, "group", (long long)r->group);
        json_number(w, "clip", r->clip);
        json_number(w, "scale", r->scale);
        json_number(w, "bits_per_weight", r->bits_per_weight);
        json_int(w, "clipped", (long long)r->clipped);
        report_rounding_err_json(w, "all", &r->all);
        report_rounding_err_json(w, "outliers", &r->outliers);
        report_rounding_err_json(w, "rest", &r->rest);
        json_begin_array(w, "stored");
        for (i = 0; i < ROUNDING_BLOCK; i++)
            json_number(w, NULL, r->q[i]);
        json_end_array(w);
        json_end_object(w);
    }
    json_end_array(w);
    json_string(w, "lesson", rounding_lesson());
    json_string(w, "sources", rounding_sources());
    json_end_object(w);
}

int report_rounding(FILE *fp, double bits, unsigned long seed, int json, tab_style style)
{
    report_rounding_data *d;
    json_writer w;
    tab *t;
    int rc;

    if (!rounding_bits_ok(bits)) {
        char b[REPORT_ROUNDING_CELL];

        (void)fprintf(stderr, "quantscope: --demo-rounding: bits '%s' out of range: expected "
                      "%g to %g\n", fmt_bits(b, sizeof b, bits, REPORT_ROUNDING_BITS_DECIMALS),
                      ROUNDING_BITS_MIN, ROUNDING_BITS_MAX);
        return 2;
    }
    d = malloc(sizeof *d);
    t = json ? NULL : malloc(sizeof *t);
    if (d == NULL || (!json && t == NULL)) {
        free(d);
        free(t);
        (void)fprintf(stderr, "quantscope: --demo-rounding: out of memory\n");
        return -1;
    }
    rounding_scalar(ROUNDING_VALUE, ROUNDING_SCALAR_ABSMAX, d->scalar);
    rounding_sample_make(&d->sample, (uint64_t)seed);
    if (rounding_analyse(&d->sample, bits, &d->a) != 0) {
        free(d);
        free(t);
        return -1;
    }
    if (json) {
        json_init(&w, fp);
        report_rounding_json(&w, d);
        rc = out_finish_json(&w, fp);
    } else {
        report_rounding_text(fp, d, style, t);
        rc = out_finish(fp);
    }
    free(d);
    free(t);
    return rc;
}
