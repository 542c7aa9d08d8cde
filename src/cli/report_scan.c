/* report_scan.c - the models found here, by fit (report_scan.h).
 *
 * fprintf results are ignored: a failed write sets fp's error flag, which
 * out_finish checks at the end of each report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/fmt.h"
#include "cli/json.h"
#include "cli/out.h"
#include "cli/report_scan.h"
#include "cli/tab.h"
#include "model/memory.h"
#include "model/stored.h"

/* Devices given a verdict column in the text table; JSON has them all. */
#define REPORT_SCAN_TEXT_DEVICES 4
/* The order of rows without a verdict: after every verdict. */
#define REPORT_SCAN_NO_PLAN (FIT_NO_FIT + 1)
#define REPORT_SCAN_UNREADABLE (FIT_NO_FIT + 2)

void report_scan_row_of(report_scan_row *r, const qs_model *m, const qs_plan *p)
{
    size_t i;

    memset(r, 0, sizeof *r);
    r->model = m;
    if (p == NULL || !p->ok)
        return;
    r->ok = 1;
    r->need_gib = p->need.total_gib;
    for (i = 0; i < p->ndevices && i < QUERY_DEVICES_MAX; i++) {
        const plan_device *d = &p->devices[i];

        r->dev[i].ok = d->fit.ok;
        r->dev[i].verdict = d->fit.verdict;
        r->dev[i].share = d->fit.share;
        r->dev[i].max_ctx = d->max_ctx;
        r->dev[i].tok_s = d->tok_s;
    }
}

static int report_scan_rank(const report_scan_row *r)
{
    if (r->model == NULL)
        return REPORT_SCAN_UNREADABLE;
    if (!r->ok || !r->dev[0].ok)
        return REPORT_SCAN_NO_PLAN;
    return (int)r->dev[0].verdict;
}

static int report_scan_cmp(const void *pa, const void *pb)
{
    const report_scan_row *a = pa, *b = pb;
    int ra = report_scan_rank(a), rb = report_scan_rank(b);
    int64_t wa, wb;

    if (ra != rb)
        return ra < rb ? -1 : 1;
    if (a->model == NULL || b->model == NULL)
        return strcmp(a->error != NULL ? a->error : "", b->error != NULL ? b->error : "");
    wa = a->model->stored->weights_bytes;
    wb = b->model->stored->weights_bytes;
    if (wa != wb)
        return wa > wb ? -1 : 1;
    return strcmp(a->model->stored->path, b->model->stored->path);
}

void report_scan_sort(report_scan_row *rows, size_t n)
{
    if (rows != NULL && n > 1)
        qsort(rows, n, sizeof *rows, report_scan_cmp);
}

static size_t report_scan_ndev(const qs_query *q)
{
    return q->ndevices;
}

static const char *report_scan_verdict(const report_scan_row *r, size_t i)
{
    if (!r->ok || !r->dev[i].ok)
        return "-";
    return fit_verdict_word(r->dev[i].verdict);
}

/* A line for each file that could not be read (the rows without a model,
 * sorted last). */
static void report_scan_unreadable(FILE *fp, const report_scan_row *rows, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (rows[i].model == NULL)
            (void)fprintf(fp, "cannot read: %s\n", rows[i].error != NULL ? rows[i].error : "?");
}

int report_scan_text(FILE *fp, const qs_query *q, const report_scan_row *rows, size_t n)
{
    size_t i, k, nd = report_scan_ndev(q), shown = nd < REPORT_SCAN_TEXT_DEVICES
                                                      ? nd : REPORT_SCAN_TEXT_DEVICES;
    size_t found = 0, bad = 0;

    for (i = 0; i < n; i++) {
        if (rows[i].model != NULL)
            found++;
        else
            bad++;
    }
    if (found == 0) {
        (void)fprintf(fp, "no models found in the folders named or in the known stores\n"
                      "(the Hugging Face cache, Ollama, LM Studio, llama.cpp's cache: man "
                      "quantscope,\nMODEL FILES)\n");
        report_scan_unreadable(fp, rows, n);
        return out_finish(fp);
    }
    (void)fprintf(fp, "%zu model%s found", found, found == 1 ? "" : "s");
    if (bad > 0)
        (void)fprintf(fp, ", %zu file%s could not be read (below)", bad, bad == 1 ? "" : "s");
    (void)fprintf(fp, "; context %ld tokens, by fit on %s\n\n", q->ctx,
                  nd > 0 ? q->devices[0].id : "no device");
    (void)fprintf(fp, "%-23s %7s %-8s %7s %-6s", "model", "GiB", "arch", "params", "type");
    for (k = 0; k < shown; k++)
        (void)fprintf(fp, " %-8.8s", q->devices[k].id);
    (void)fprintf(fp, " %7s %6s\n", "max ctx", "tok/s*");
    for (i = 0; i < n && rows[i].model != NULL; i++) {
        const report_scan_row *r = &rows[i];
        const qs_stored *s = r->model->stored;
        char pr[32], ctx[24], tp[24];

        (void)fprintf(fp, "%-23.23s %7.2f %-8.8s %7s %-6.6s", r->model->name,
                      (double)s->weights_bytes / MEMORY_BYTES_PER_GIB,
                      s->arch_name[0] != '\0' ? s->arch_name : "?",
                      fmt_params(pr, sizeof pr, r->model->total),
                      s->type_name[0] != '\0' ? s->type_name : "?");
        for (k = 0; k < shown; k++)
            (void)fprintf(fp, " %-8s", report_scan_verdict(r, k));
        if (nd > 0 && r->ok && r->dev[0].ok && r->dev[0].max_ctx >= 0)
            (void)snprintf(ctx, sizeof ctx, "%ld", r->dev[0].max_ctx);
        else
            (void)snprintf(ctx, sizeof ctx, "-");
        if (nd > 0 && r->ok && r->dev[0].tok_s > 0.0)
            (void)snprintf(tp, sizeof tp, "%.0f", r->dev[0].tok_s);
        else
            (void)snprintf(tp, sizeof tp, "-");
        (void)fprintf(fp, " %7s %6s\n", ctx, tp);
        (void)fprintf(fp, "  %s\n", s->path);
    }
    if (nd > 0) {
        (void)fprintf(fp, "\ndevices:");
        for (k = 0; k < nd; k++)
            (void)fprintf(fp, "%s %s (%.2f GiB)", k > 0 ? "," : "", q->devices[k].id,
                          q->devices[k].capacity_gib);
        (void)fputc('\n', fp);
    }
    (void)fprintf(fp, "weights as stored in each file; fit: weights + KV cache + %.2f GiB "
                  "overhead;\n* decode ceiling on %s, an upper bound.\n", q->overhead_gib,
                  nd > 0 ? q->devices[0].id : "the first device");
    report_scan_unreadable(fp, rows, n);
    return out_finish(fp);
}

/* The table's columns before the devices' and after them. */
static const char *const report_scan_head_cols[] = { "model", "GiB", "arch", "params", "type" };
static const tab_align report_scan_head_align[] = { TAB_LEFT, TAB_RIGHT, TAB_LEFT, TAB_RIGHT,
                                                    TAB_LEFT };
#define REPORT_SCAN_HEAD_NCOLS (sizeof report_scan_head_cols / sizeof report_scan_head_cols[0])
/* After the devices: max ctx, tok/s*, path. */
#define REPORT_SCAN_TAIL_NCOLS 3
_Static_assert(REPORT_SCAN_HEAD_NCOLS + REPORT_SCAN_TAB_DEVICES + REPORT_SCAN_TAIL_NCOLS <=
               TAB_COLS_MAX,
               "the scan's columns fit in a tab");

static void report_scan_build(tab *t, const qs_query *q, const report_scan_row *rows, size_t n,
                              size_t shown)
{
    size_t i, k, nd = report_scan_ndev(q);

    tab_init(t);
    for (k = 0; k < REPORT_SCAN_HEAD_NCOLS; k++)
        (void)tab_col(t, report_scan_head_cols[k], report_scan_head_align[k]);
    for (k = 0; k < shown; k++)
        (void)tab_col(t, q->devices[k].id, TAB_LEFT);
    (void)tab_col(t, "max ctx", TAB_RIGHT);
    (void)tab_col(t, "tok/s*", TAB_RIGHT);
    (void)tab_col(t, "path", TAB_LEFT);
    for (i = 0; i < n && rows[i].model != NULL; i++) {
        const report_scan_row *r = &rows[i];
        const qs_stored *s = r->model->stored;
        char pr[32];

        if (tab_row(t) != 0)
            break;
        (void)tab_cell(t, "%s", r->model->name);
        (void)tab_cell(t, "%.2f", (double)s->weights_bytes / MEMORY_BYTES_PER_GIB);
        (void)tab_cell(t, "%s", s->arch_name[0] != '\0' ? s->arch_name : "?");
        (void)tab_cell(t, "%s", fmt_params(pr, sizeof pr, r->model->total));
        (void)tab_cell(t, "%s", s->type_name[0] != '\0' ? s->type_name : "?");
        for (k = 0; k < shown; k++)
            (void)tab_cell(t, "%s", report_scan_verdict(r, k));
        if (nd > 0 && r->ok && r->dev[0].ok && r->dev[0].max_ctx >= 0)
            (void)tab_cell(t, "%ld", r->dev[0].max_ctx);
        else
            (void)tab_cell(t, "-");
        if (nd > 0 && r->ok && r->dev[0].tok_s > 0.0)
            (void)tab_cell(t, "%.0f", r->dev[0].tok_s);
        else
            (void)tab_cell(t, "-");
        (void)tab_cell(t, "%s", s->path);
    }
}

int report_scan_tab(FILE *fp, const qs_query *q, const report_scan_row *rows, size_t n,
                    tab_style style)
{
    size_t i, nd, shown, found = 0;
    tab *t;

    if (style == TAB_STYLE_TEXT)
        return report_scan_text(fp, q, rows, n);
    if (fp == NULL || q == NULL || (rows == NULL && n > 0))
        return -1;
    nd = report_scan_ndev(q);
    shown = nd < REPORT_SCAN_TAB_DEVICES ? nd : REPORT_SCAN_TAB_DEVICES;
    for (i = 0; i < n; i++)
        found += rows[i].model != NULL;
    t = malloc(sizeof *t);
    if (t == NULL)
        return -1;
    report_scan_build(t, q, rows, n, shown);
    if (style == TAB_STYLE_MARKDOWN) {
        (void)fprintf(fp, "**%zu model%s found; context %ld tokens, by fit on %s**\n\n", found,
                      found == 1 ? "" : "s", q->ctx, nd > 0 ? q->devices[0].id : "no device");
    }
    tab_print(t, style, 0, fp);
    free(t);
    if (style == TAB_STYLE_MARKDOWN) {
        (void)fprintf(fp, "\nWeights as stored in each file; fit: weights + KV cache + %.2f GiB "
                      "overhead; \\* decode ceiling on %s, an upper bound.\n", q->overhead_gib,
                      nd > 0 ? q->devices[0].id : "the first device");
        for (i = 0; i < n; i++)
            if (rows[i].model == NULL)
                (void)fprintf(fp, "\ncannot read: %s\n",
                              rows[i].error != NULL ? rows[i].error : "?");
    }
    return out_finish(fp);
}

int report_scan_json(FILE *fp, const qs_query *q, const report_scan_row *rows, size_t n)
{
    json_writer w;
    size_t i, k, nd = report_scan_ndev(q);

    json_init(&w, fp);
    json_begin_object(&w, NULL);
    json_int(&w, "ctx", q->ctx);
    json_begin_array(&w, "devices");
    for (k = 0; k < nd; k++) {
        json_begin_object(&w, NULL);
        json_string(&w, "id", q->devices[k].id);
        json_number(&w, "capacity_gib", q->devices[k].capacity_gib);
        json_bool(&w, "this_machine", k < q->nhost);
        json_end_object(&w);
    }
    json_end_array(&w);
    json_begin_array(&w, "models");
    for (i = 0; i < n && rows[i].model != NULL; i++) {
        const report_scan_row *r = &rows[i];
        const qs_stored *s = r->model->stored;

        json_begin_object(&w, NULL);
        json_string(&w, "name", r->model->name);
        json_string(&w, "path", s->path);
        json_string(&w, "container", s->container);
        json_string(&w, "architecture", s->arch_name[0] != '\0' ? s->arch_name : NULL);
        json_string(&w, "type", s->type_name[0] != '\0' ? s->type_name : NULL);
        json_number(&w, "params", r->model->total);
        json_int(&w, "tensors", (long long)s->ntensors);
        json_int(&w, "weights_bytes", (long long)s->weights_bytes);
        json_int(&w, "file_bytes", (long long)s->file_bytes);
        if (r->ok)
            json_number(&w, "total_gib", r->need_gib);
        else
            json_null(&w, "total_gib");
        json_begin_array(&w, "fit");
        for (k = 0; k < nd; k++) {
            json_begin_object(&w, NULL);
            json_string(&w, "device", q->devices[k].id);
            if (r->ok && r->dev[k].ok) {
                json_string(&w, "verdict", fit_verdict_word(r->dev[k].verdict));
                json_number(&w, "share", r->dev[k].share);
            } else {
                json_null(&w, "verdict");
                json_null(&w, "share");
            }
            if (r->ok && r->dev[k].ok && r->dev[k].max_ctx >= 0)
                json_int(&w, "max_ctx", r->dev[k].max_ctx);
            else
                json_null(&w, "max_ctx");
            if (r->ok && r->dev[k].tok_s > 0.0)
                json_number(&w, "decode_tokens_per_s_upper_bound", r->dev[k].tok_s);
            else
                json_null(&w, "decode_tokens_per_s_upper_bound");
            json_end_object(&w);
        }
        json_end_array(&w);
        json_end_object(&w);
    }
    json_end_array(&w);
    json_begin_array(&w, "unreadable");
    for (; i < n; i++)
        json_string(&w, NULL, rows[i].error != NULL ? rows[i].error : "?");
    json_end_array(&w);
    json_end_object(&w);
    return out_finish_json(&w, fp);
}
