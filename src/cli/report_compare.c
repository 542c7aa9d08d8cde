/* report_compare.c - the lesson's comparison of formats: a table (text,
 * Markdown, CSV) or JSON (see report_serve.h).
 *
 * fprintf/snprintf results are ignored: a failed write sets fp's error
 * flag, which out_finish checks at the end of the report. Every figure is
 * serve_compare's; the recommendation and the dominant assumption are its
 * sentences, printed as they are. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/out.h"
#include "cli/report_serve.h"

/* Unit changes for display only. */
#define REPORT_COMPARE_MS_PER_S 1000.0
#define REPORT_COMPARE_PER_K 1000.0
/* Room for a line before out_wrap breaks it, and for a cell. */
#define REPORT_COMPARE_LINE_SIZE 1024
#define REPORT_COMPARE_NUM_SIZE 48
#define REPORT_COMPARE_INDENT 2
/* A format without a published quality figure. */
#define REPORT_COMPARE_UNKNOWN "unknown"

/* The columns of the table, in order (text headers kept short so that
 * the table stays within OUT_WIDTH; the legend below it spells them). */
static const tab_column report_compare_cols[] = {
    { "format", TAB_LEFT },  { "GiB", TAB_RIGHT },     { "fits", TAB_LEFT },
    { "seqs", TAB_RIGHT },   { "tok/s", TAB_RIGHT },   { "agg", TAB_RIGHT },
    { "TTFT", TAB_RIGHT }, { "req s", TAB_RIGHT },  { "$/1k", TAB_RIGHT },
    { "$/month", TAB_RIGHT }, { "quality", TAB_LEFT },
};
#define REPORT_COMPARE_NCOLS TAB_NCOLS(report_compare_cols)

static const char *report_compare_legend =
    "GiB: the weights; seqs: requests held at once; tok/s: decode speed of one "
    "request at the peak load; agg: tokens/s of all of them at capacity; TTFT: "
    "time to first token (ms) and req s: time of one request, at the peak load; $/1k: "
    "cost of a thousand requests on a busy replica (at capacity); $/month: the replicas "
    "always on; "
    "quality: the published loss against 16-bit (acc: accuracy on a benchmark, "
    "ppl: perplexity; ? carried over from a like format), sources below.";

/* "0.7% acc" or "4.83% ppl" (the metric's first three letters), or
 * "unknown" without a sourced figure. */
static void report_compare_loss(char *buf, size_t size, const serve_row *row)
{
    if (row->quality == NULL || row->loss_pct < 0.0 || isnan(row->loss_pct))
        (void)snprintf(buf, size, REPORT_COMPARE_UNKNOWN);
    else
        (void)snprintf(buf, size, "%.3g%% %s%s", row->loss_pct,
                       row->quality->metric == QUALITY_PERPLEXITY ? "ppl" : "acc",
                       row->quality->verified ? "" : "?");
}

static const char *report_compare_name(const serve_row *row)
{
    return row->format != NULL && row->format->name != NULL ? row->format->name : "?";
}

static void report_compare_table(tab *t, const serve_comparison *c)
{
    size_t i, k;

    (void)tab_init_cols(t, report_compare_cols, REPORT_COMPARE_NCOLS);
    for (i = 0; i < c->n && i < SERVE_COMPARE_MAX; i++) {
        const serve_row *row = &c->row[i];
        const serve_result *r = &row->serve;
        char a[REPORT_COMPARE_NUM_SIZE], b[REPORT_COMPARE_NUM_SIZE];
        int priced = r->ok && r->price_from != SERVE_PRICE_NONE;

        if (tab_row(t) != 0)
            break;
        (void)tab_cell(t, "%s%s", report_compare_name(row),
                       (int)i == c->recommended ? " *" : "");
        (void)tab_cell(t, "%.2f", r->weights_gib);
        (void)tab_cell(t, "%s", !r->ok ? "-" : r->fits ? "yes" : "no");
        if (!r->ok || !r->fits) {
            for (k = 3; k + 1 < REPORT_COMPARE_NCOLS; k++)
                (void)tab_cell(t, "-");
        } else {
            (void)tab_cell(t, "%ld", r->max_concurrency);
            (void)tab_cell(t, "%.1f", r->tok_s_per_request);
            (void)tab_cell(t, "%.0f", r->tok_s_capacity);
            (void)tab_cell(t, "%.0f", r->ttft_s * REPORT_COMPARE_MS_PER_S);
            (void)tab_cell(t, "%.2f", r->request_s);
            (void)tab_cell(t, "%s", priced ? report_serve_usd(a, sizeof a,
                                                                r->cost_per_request_busy *
                                                                    REPORT_COMPARE_PER_K)
                                           : "-");
            (void)tab_cell(t, "%s", priced ? report_serve_usd(b, sizeof b, r->cost_per_month)
                                           : "-");
        }
        report_compare_loss(a, sizeof a, row);
        (void)tab_cell(t, "%s", a);
    }
}

/* The sentences under the text table: the recommendation, the dominant
 * assumption, the price, the sources of the quality figures. */
static void report_compare_notes(FILE *fp, const serve_comparison *c)
{
    char line[REPORT_COMPARE_LINE_SIZE], loss[REPORT_COMPARE_NUM_SIZE];
    size_t i;

    (void)fputc('\n', fp);
    out_wrap(fp, report_compare_legend, 0, REPORT_COMPARE_INDENT, OUT_WIDTH);
    if (c->recommended >= 0) {
        (void)snprintf(line, sizeof line, "* recommended: %s", c->recommendation);
        out_wrap(fp, line, 0, REPORT_COMPARE_INDENT, OUT_WIDTH);
    } else {
        (void)snprintf(line, sizeof line, "No recommendation: %s", c->recommendation);
        out_wrap(fp, line, 0, REPORT_COMPARE_INDENT, OUT_WIDTH);
    }
    for (i = 0; i < c->n && i < SERVE_COMPARE_MAX; i++) {
        const serve_result *r = &c->row[i].serve;
        if (r->runtime != NULL && c->n > 0 && c->row[0].serve.runtime != NULL &&
            r->runtime != c->row[0].serve.runtime) {
            (void)snprintf(line, sizeof line, "%s runs on %s: %s does not load it.",
                           report_compare_name(&c->row[i]), r->runtime->name,
                           c->row[0].serve.runtime->name);
            out_wrap(fp, line, 0, REPORT_COMPARE_INDENT, OUT_WIDTH);
        }
    }
    if (c->dominant[0] != '\0') {
        (void)snprintf(line, sizeof line, "Dominant assumption: %s", c->dominant);
        out_wrap(fp, line, 0, REPORT_COMPARE_INDENT, OUT_WIDTH);
    }
    (void)fprintf(fp, "Quality figures (rule: the cheapest within %g%% loss):\n",
                  c->max_loss_pct);
    for (i = 0; i < c->n && i < SERVE_COMPARE_MAX; i++) {
        const quality_row *qr = c->row[i].quality;
        report_compare_loss(loss, sizeof loss, &c->row[i]);
        if (qr == NULL)
            (void)snprintf(line, sizeof line, "%s: no published figure (never recommended)",
                           report_compare_name(&c->row[i]));
        else if (qr->model == NULL)
            (void)snprintf(line, sizeof line, "%s: %s", report_compare_name(&c->row[i]),
                           qr->measure);
        else
            (void)snprintf(line, sizeof line, "%s: %s loss, %s on %s%s; %s",
                           report_compare_name(&c->row[i]), loss, qr->measure, qr->model,
                           qr->verified ? "" : " (UNVERIFIED for this format)", qr->source);
        (void)fprintf(fp, "%*s", REPORT_COMPARE_INDENT, "");
        out_wrap(fp, line, REPORT_COMPARE_INDENT, REPORT_COMPARE_INDENT * 2, OUT_WIDTH);
    }
}

static void report_compare_json(json_writer *w, const qs_query *q, const plan_device *d,
                                const serve_comparison *c)
{
    size_t i;

    json_begin_object(w, NULL);
    json_string(w, "model", query_model_label(q));
    json_string(w, "device", d != NULL ? d->device.id : NULL);
    json_bool(w, "ok", c->ok);
    json_begin_object(w, "workload");
    report_serve_workload_json(w, q, c->n > 0 && c->row[0].serve.ok ? &c->row[0].serve : NULL);
    json_end_object(w);
    json_number(w, "max_quality_loss_pct", c->max_loss_pct);
    json_begin_array(w, "rows");
    for (i = 0; i < c->n && i < SERVE_COMPARE_MAX; i++) {
        const serve_row *row = &c->row[i];

        json_begin_object(w, NULL);
        json_string(w, "format", report_compare_name(row));
        if (row->loss_pct < 0.0 || isnan(row->loss_pct))
            json_null(w, "quality_loss_pct");
        else
            json_number(w, "quality_loss_pct", row->loss_pct);
        if (row->quality != NULL) {
            json_string(w, "quality_metric", quality_metric_name(row->quality->metric));
            json_string(w, "quality_measure", row->quality->measure);
            json_string(w, "quality_model", row->quality->model);
            json_bool(w, "quality_verified", row->quality->verified);
            json_string(w, "quality_source", row->quality->source);
        } else {
            json_null(w, "quality_metric");
            json_null(w, "quality_source");
        }
        json_bool(w, "recommended", (int)i == c->recommended);
        report_serve_device_json(w, d, &row->serve);
        json_end_object(w);
    }
    json_end_array(w);
    if (c->recommended >= 0 && (size_t)c->recommended < c->n)
        json_string(w, "recommended", report_compare_name(&c->row[c->recommended]));
    else
        json_null(w, "recommended");
    json_string(w, "recommendation", c->recommendation);
    json_string(w, "dominant", c->dominant[0] != '\0' ? c->dominant : NULL);
    json_end_object(w);
}

int report_compare_print(FILE *fp, const qs_query *q, const plan_device *d,
                         const serve_comparison *c, int json, tab_style style)
{
    json_writer w;
    tab *t;

    if (fp == NULL || q == NULL || c == NULL)
        return -1;
    if (json) {
        json_init(&w, fp);
        report_compare_json(&w, q, d, c);
        return out_finish_json(&w, fp);
    }
    t = malloc(sizeof *t);
    if (t == NULL)
        return -1;
    report_compare_table(t, c);
    if (style == TAB_STYLE_TEXT) {
        report_serve_workload_text(fp, q, c->n > 0 && c->row[0].serve.ok ? &c->row[0].serve
                                                                          : NULL);
        (void)fprintf(fp, "%s on %s, %s:\n\n", query_model_label(q),
                      d != NULL && d->device.id != NULL ? d->device.id : "?",
                      d != NULL && d->runtime != NULL ? d->runtime->name : "runtime unknown");
    }
    tab_print(t, style, 0, fp);
    free(t);
    if (style == TAB_STYLE_TEXT)
        report_compare_notes(fp, c);
    else if (style == TAB_STYLE_MARKDOWN)
        (void)fprintf(fp, "\n**Recommended:** %s.\n\n**Dominant assumption:** %s.\n",
                      c->recommendation, c->dominant);
    return out_finish(fp);
}

/* The first device of p that is not this machine's; else its first GPU. */
int report_compare(FILE *fp, const qs_query *q, const qs_format *const *f, size_t n,
                   double max_loss_pct, int json, tab_style style)
{
    qs_plan *p;
    serve_comparison *c;
    size_t i = 0;
    int rc = -1;

    if (fp == NULL || q == NULL)
        return -1;
    p = malloc(sizeof *p);
    c = calloc(1, sizeof *c);
    if (p == NULL || c == NULL) {
        free(p);
        free(c);
        return -1;
    }
    if (plan_compute(q, p) != 0 || report_serve_targets(p, &i, 1) == 0) {
        (void)fprintf(fp, "No GPU to compare on: give --device.\n");
        rc = out_finish(fp);
    } else {
        (void)serve_compare(q, i, f, n, max_loss_pct, c);
        rc = report_compare_print(fp, q, &p->devices[i], c, json, style);
    }
    free(p);
    free(c);
    return rc;
}
