/* report_fit.c - text and JSON reports of the hardware fit.
 *
 * fprintf/fputc/snprintf results are ignored: a failed write sets fp's
 * error flag, which out_finish checks at the end of each report. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/fmt.h"
#include "cli/json.h"
#include "cli/out.h"
#include "cli/report_fit.h"
#include "cli/report_kv.h"
#include "cli/report_rig.h"
#include "cli/report_stored.h"
#include "cli/tab.h"
#include "model/formats.h"
#include "model/kvcache.h"
#include "model/memory.h"
#include "model/models.h"
#include "model/query.h"
#include "model/stored.h"

/* Column where the working of a part (weights, KV cache) starts: after
 * "  %-8s %8.2f GiB  ". */
#define REPORT_FIT_WORK_COL 25
/* Decode ceilings below this get one decimal. */
#define REPORT_FIT_TPS_DECIMALS_BELOW 10.0

static void report_fit_share(char *buf, size_t size, double share)
{
    if (share > FMT_SHARE_SHOWN_MAX)
        (void)snprintf(buf, size, ">%.0f%%", FMT_SHARE_SHOWN_MAX * FMT_PERCENT);
    else
        (void)snprintf(buf, size, "%.1f%%", share * FMT_PERCENT);
}

static void report_fit_tps(char *buf, size_t size, double tps)
{
    if (!(tps > 0.0))
        (void)snprintf(buf, size, "-");
    else if (tps < REPORT_FIT_TPS_DECIMALS_BELOW)
        (void)snprintf(buf, size, "%.1f", tps);
    else
        (void)snprintf(buf, size, "%.0f", tps);
}

static void report_fit_need_text(FILE *fp, const qs_query *q, const qs_plan *p)
{
    const fit_config *c = &p->config;
    const fit_need *n = &p->need;
    char pr[32], kvt[32], work[256];

    (void)fprintf(fp, "%s: %s parameters at ", query_model_label(q),
                  fmt_params(pr, sizeof pr, c->params));
    if (p->format != NULL)
        (void)fprintf(fp, "%s, ", p->format->name);
    (void)fprintf(fp, "%g bits per weight\n", c->bits);
    if (c->model != NULL) {
        (void)fprintf(fp, "context %ld tokens, KV cache %s, batch %d", c->ctx,
                      fmt_kv_type(kvt, sizeof kvt, c->kv_bits), c->batch);
        if (q->model != NULL && c->ctx > c->model->ctx)
            (void)fprintf(fp, " (beyond the model's %ld)", c->model->ctx);
        (void)fputc('\n', fp);
    }
    if (q->model != NULL && !q->model->verified && !q->model->user && q->model->stored == NULL)
        (void)fprintf(fp, "architecture: UNVERIFIED, not all from the model's config.json\n"
                          "  (its source: quantscope --list-models %s --json)\n", q->model->id);
    if (q->shape_assumed && q->shape != NULL)
        (void)fprintf(fp, "architecture: assumed, shaped like %s (the nearest %s model)\n",
                      q->shape->name, q->shape->family);
    else if (q->shape_custom)
        (void)fprintf(fp, "architecture: yours (%d layers, %d KV heads)\n",
                      q->shape->arch.layers, q->shape->arch.kv_heads);
    (void)fputc('\n', fp);

    if (q->stored && q->model->stored->mmproj_bytes > 0)
        (void)snprintf(work, sizeof work, "= %lld bytes as stored (%zu tensors) + %lld of the "
                       "vision projector", (long long)q->model->stored->weights_bytes,
                       q->model->stored->ntensors, (long long)q->model->stored->mmproj_bytes);
    else if (q->stored)
        (void)snprintf(work, sizeof work, "= %lld bytes as stored (%zu tensors)",
                       (long long)q->model->stored->weights_bytes, q->model->stored->ntensors);
    else
        (void)snprintf(work, sizeof work, "= %.0f x %g\tbits / 8", c->params, c->bits);
    (void)fprintf(fp, "  %-8s %8.2f GiB  ", "weights", n->weights_gib);
    out_wrap(fp, work, REPORT_FIT_WORK_COL, REPORT_FIT_WORK_COL, OUT_WIDTH);
    if (n->kv_known)
        report_kv_text(fp, c, n, REPORT_FIT_WORK_COL);
    else
        (void)fprintf(fp, "  %-8s %8s      unknown without the architecture (use a preset)\n",
                      "KV cache", "-");
    (void)fprintf(fp, "  %-8s %8.2f GiB  runtime: CUDA context, compute buffers\n", "overhead",
                  n->overhead_gib);
    (void)fprintf(fp, "  %-8s %8.2f GiB\n", "total", n->total_gib);
}

int report_fit_text(FILE *fp, const qs_query *q, const qs_plan *p)
{
    return report_fit_text_commands(fp, q, p, 0);
}

int report_fit_text_commands(FILE *fp, const qs_query *q, const qs_plan *p, int print_command)
{
    size_t i;

    if (fp == NULL || q == NULL || p == NULL || !p->ok)
        return -1;
    report_stored_text(fp, q);
    report_fit_need_text(fp, q, p);
    if (p->ndevices == 0)
        return out_finish(fp);

    (void)fprintf(fp, "\n%-16s %7s %6s %-6s %8s %7s %-7s %7s %6s\n", "device", "usable", "share",
                  "fit", "headroom", "offload", "best", "max ctx", "tok/s*");
    (void)fprintf(fp, "%-16s %7s %6s %-6s %8s %7s %-7s %7s\n", "", "GiB", "", "", "GiB",
                  "layers", "format", "tokens");
    for (i = 0; i < p->ndevices; i++) {
        const plan_device *d = &p->devices[i];
        char share[16], off[24], ctx[24], tp[24];

        if (!d->fit.ok) {
            (void)fprintf(fp, "%-16.16s  (capacity not usable)\n", d->device.id);
            continue;
        }
        report_fit_share(share, sizeof share, d->fit.share);
        if (d->fit.gpu_layers >= 0)
            (void)snprintf(off, sizeof off, "%d/%d", d->fit.gpu_layers, p->layers);
        else
            (void)snprintf(off, sizeof off, "-");
        if (d->max_ctx >= 0)
            (void)snprintf(ctx, sizeof ctx, "%ld", d->max_ctx);
        else
            (void)snprintf(ctx, sizeof ctx, "-");
        report_fit_tps(tp, sizeof tp, d->tok_s);
        (void)fprintf(fp, "%-16.16s %7.2f %6s %-6s %8.2f %7s %-7s %7s %6s\n", d->device.id,
                      d->fit.usable_gib, share, fit_verdict_word(d->fit.verdict),
                      d->fit.headroom_gib, off, d->best ? d->best->name : "none", ctx, tp);
    }

    (void)fprintf(fp, "\nfits: total <= %.0f%% of usable memory; tight: <= %.0f%%; no fit: "
                      "above.\n", FIT_SHARE_FITS * FMT_PERCENT, FIT_SHARE_TIGHT * FMT_PERCENT);
    (void)fprintf(fp, "best: highest precision that is not \"no fit\"; max ctx: largest "
                      "context\nthat is not \"no fit\" at %g bits, up to the model's maximum;"
                      " on a GPU both\nkeep the runtime's margin, in a format it loads.\n",
                  p->config.bits);
    if (p->any_tok_s)
        (void)fprintf(fp, "* decode ceiling, an upper bound: bandwidth / bytes read per "
                          "token\n  (active weights + KV cache).\n");
    if (p->any_offload)
        (void)fprintf(fp, "offload layers: those on the GPU, the rest in %.2f GiB of RAM.\n",
                      q->ram_gib);
    if (p->any_apple && q->apple_share > 0.0)
        (void)fprintf(fp, "Apple: the GPU may use %.0f%% of unified memory (--apple-share).\n",
                      devices_apple_share(q->apple_share) * FMT_PERCENT);
    else if (p->any_apple)
        (void)fprintf(fp, "Apple: macOS lets the GPU use %.0f%% of unified memory up to %.0f GiB "
                          "and %.0f%%\nabove (so an 8 GB Mac offers %.2f GiB); --apple-share or "
                          "--gpu-memory to\nchange.\n",
                      DEVICE_ROW_APPLE_SMALL_SHARE * FMT_PERCENT, DEVICE_ROW_APPLE_RULE_GIB,
                      DEVICE_ROW_APPLE_LARGE_SHARE * FMT_PERCENT,
                      device_row_apple_share(8.0) * 8.0);
    report_rig_legend(fp, p);
    for (i = 0; i < p->ndevices; i++)
        report_rig_text(fp, q, p, i, print_command);
    return out_finish(fp);
}

/* The devices' table in Markdown and CSV: the text's columns, a header
 * each with its unit. */
static const tab_column report_fit_cols[] = {
    { "device", TAB_LEFT },   { "usable GiB", TAB_RIGHT }, { "share", TAB_RIGHT },
    { "fit", TAB_LEFT },      { "headroom GiB", TAB_RIGHT }, { "offload layers", TAB_RIGHT },
    { "best format", TAB_LEFT }, { "max ctx tokens", TAB_RIGHT }, { "tok/s*", TAB_RIGHT },
};
#define REPORT_FIT_NCOLS TAB_NCOLS(report_fit_cols)
/* The fit cell of a device whose capacity is not usable (its other cells
 * after the device's are "-"), and the fit column's index. */
#define REPORT_FIT_UNUSABLE "not usable"
#define REPORT_FIT_COL_FIT 3

static void report_fit_devices_tab(tab *t, const qs_plan *p)
{
    size_t i, k;

    (void)tab_init_cols(t, report_fit_cols, REPORT_FIT_NCOLS);
    for (i = 0; i < p->ndevices; i++) {
        const plan_device *d = &p->devices[i];
        char share[16], tp[24];

        if (tab_row(t) != 0)
            break;
        (void)tab_cell(t, "%s", d->device.id);
        if (!d->fit.ok) {
            for (k = 1; k < REPORT_FIT_NCOLS; k++)
                (void)tab_cell(t, "%s", k == REPORT_FIT_COL_FIT ? REPORT_FIT_UNUSABLE : "-");
            continue;
        }
        report_fit_share(share, sizeof share, d->fit.share);
        report_fit_tps(tp, sizeof tp, d->tok_s);
        (void)tab_cell(t, "%.2f", d->fit.usable_gib);
        (void)tab_cell(t, "%s", share);
        (void)tab_cell(t, "%s", fit_verdict_word(d->fit.verdict));
        (void)tab_cell(t, "%.2f", d->fit.headroom_gib);
        if (d->fit.gpu_layers >= 0)
            (void)tab_cell(t, "%d/%d", d->fit.gpu_layers, p->layers);
        else
            (void)tab_cell(t, "-");
        (void)tab_cell(t, "%s", d->best ? d->best->name : "none");
        if (d->max_ctx >= 0)
            (void)tab_cell(t, "%ld", d->max_ctx);
        else
            (void)tab_cell(t, "-");
        (void)tab_cell(t, "%s", tp);
    }
}

/* Markdown: the model line in bold and the need as a table (part, GiB). */
static void report_fit_need_markdown(FILE *fp, tab *t, const qs_query *q, const qs_plan *p)
{
    const fit_config *c = &p->config;
    const fit_need *n = &p->need;
    char pr[32], kvt[32];

    (void)fprintf(fp, "**%s: %s parameters at ", query_model_label(q),
                  fmt_params(pr, sizeof pr, c->params));
    if (p->format != NULL)
        (void)fprintf(fp, "%s, ", p->format->name);
    (void)fprintf(fp, "%g bits per weight**", c->bits);
    if (c->model != NULL)
        (void)fprintf(fp, "; context %ld tokens, KV cache %s, batch %d", c->ctx,
                      fmt_kv_type(kvt, sizeof kvt, c->kv_bits), c->batch);
    (void)fputs("\n\n", fp);
    tab_init(t);
    (void)tab_col(t, "part", TAB_LEFT);
    (void)tab_col(t, "GiB", TAB_RIGHT);
    (void)tab_row(t);
    (void)tab_cell(t, "weights");
    (void)tab_cell(t, "%.2f", n->weights_gib);
    (void)tab_row(t);
    (void)tab_cell(t, "KV cache");
    if (n->kv_known)
        (void)tab_cell(t, "%.2f", n->kv_gib);
    else
        (void)tab_cell(t, "-");
    (void)tab_row(t);
    (void)tab_cell(t, "overhead");
    (void)tab_cell(t, "%.2f", n->overhead_gib);
    (void)tab_row(t);
    (void)tab_cell(t, "total");
    (void)tab_cell(t, "%.2f", n->total_gib);
    tab_print(t, TAB_STYLE_MARKDOWN, 0, fp);
}

int report_fit_tab(FILE *fp, const qs_query *q, const qs_plan *p, int print_command,
                   tab_style style)
{
    tab *t;

    if (style == TAB_STYLE_TEXT)
        return report_fit_text_commands(fp, q, p, print_command);
    if (fp == NULL || q == NULL || p == NULL || !p->ok)
        return -1;
    t = malloc(sizeof *t);
    if (t == NULL)
        return -1;
    if (style == TAB_STYLE_MARKDOWN)
        report_fit_need_markdown(fp, t, q, p);
    if (p->ndevices > 0) {
        if (style == TAB_STYLE_MARKDOWN)
            (void)fputc('\n', fp);
        report_fit_devices_tab(t, p);
        tab_print(t, style, 0, fp);
    }
    free(t);
    if (style == TAB_STYLE_MARKDOWN && p->ndevices > 0) {
        (void)fprintf(fp, "\nfits: total <= %.0f%% of usable memory; tight: <= %.0f%%; "
                      "no fit: above. best: highest precision that is not \"no fit\"; "
                      "max ctx: largest context that is not \"no fit\" at %g bits.",
                      FIT_SHARE_FITS * FMT_PERCENT, FIT_SHARE_TIGHT * FMT_PERCENT,
                      p->config.bits);
        if (p->any_tok_s)
            (void)fputs(" \\* decode ceiling, an upper bound: bandwidth / bytes read per "
                        "token.", fp);
        if (p->any_offload)
            (void)fprintf(fp, " offload layers: those on the GPU, the rest in %.2f GiB of RAM.",
                          q->ram_gib);
        (void)fputc('\n', fp);
    }
    return out_finish(fp);
}

int report_fit_json(FILE *fp, const qs_query *q, const qs_plan *p)
{
    const fit_config *c;
    json_writer w;
    size_t i;

    if (fp == NULL || q == NULL || p == NULL || !p->ok)
        return -1;
    c = &p->config;
    json_init(&w, fp);
    json_begin_object(&w, NULL);
    json_string(&w, "model", query_model_label(q));
    json_string(&w, "preset", q->model != NULL && q->model->stored == NULL ? q->model->id : NULL);
    report_stored_json(&w, q);
    json_begin_object(&w, "architecture");
    json_string(&w, "from", c->model != NULL ? c->model->id : NULL);
    json_bool(&w, "assumed", q->shape_assumed);
    json_bool(&w, "custom", q->shape_custom);
    json_bool(&w, "verified", c->model != NULL && c->model->verified);
    json_string(&w, "source", c->model != NULL ? c->model->source : NULL);
    json_end_object(&w);
    json_number(&w, "params", c->params);
    json_number(&w, "active_params", c->active_params > 0.0 ? c->active_params : c->params);
    json_number(&w, "bits", c->bits);
    json_string(&w, "format", query_format_name(q));
    json_int(&w, "ctx", c->ctx);
    json_int(&w, "batch", c->batch);
    json_number(&w, "kv_bits", c->kv_bits);
    json_string(&w, "kv_format", kvcache_name_from_bits(c->kv_bits));
    json_number(&w, "weights_gib", p->need.weights_gib);
    if (q->stored) {
        json_int(&w, "weights_bytes", (long long)q->model->stored->weights_bytes);
        json_int(&w, "mmproj_bytes", (long long)q->model->stored->mmproj_bytes);
    } else {
        json_null(&w, "weights_bytes");
        json_null(&w, "mmproj_bytes");
    }
    if (p->need.kv_known)
        json_number(&w, "kv_cache_gib", p->need.kv_gib);
    else
        json_null(&w, "kv_cache_gib");
    report_kv_json(&w, c, &p->need);
    json_number(&w, "overhead_gib", p->need.overhead_gib);
    json_number(&w, "total_gib", p->need.total_gib);
    json_number(&w, "apple_gpu_share", devices_apple_share(q->apple_share));
    json_number(&w, "ram_gib", q->ram_gib);
    json_begin_object(&w, "thresholds");
    json_number(&w, "fits_max_share", FIT_SHARE_FITS);
    json_number(&w, "tight_max_share", FIT_SHARE_TIGHT);
    json_end_object(&w);
    json_begin_array(&w, "devices");
    for (i = 0; i < p->ndevices; i++) {
        const plan_device *d = &p->devices[i];

        json_begin_object(&w, NULL);
        json_string(&w, "id", d->device.id);
        json_string(&w, "name", d->device.name);
        json_string(&w, "kind", devices_kind_name(d->device.kind));
        json_bool(&w, "this_machine", d->host);
        json_number(&w, "capacity_gib", d->device.capacity_gib);
        if (d->fit.ok) {
            json_number(&w, "usable_gib", d->fit.usable_gib);
            json_number(&w, "share", d->fit.share);
            json_string(&w, "verdict", fit_verdict_word(d->fit.verdict));
            json_number(&w, "headroom_gib", d->fit.headroom_gib);
        } else {
            json_null(&w, "usable_gib");
            json_null(&w, "share");
            json_null(&w, "verdict");
            json_null(&w, "headroom_gib");
        }
        if (d->fit.ok && d->fit.gpu_layers >= 0) {
            json_int(&w, "gpu_layers", d->fit.gpu_layers);
            json_int(&w, "layers", p->layers);
        } else {
            json_null(&w, "gpu_layers");
            json_null(&w, "layers");
        }
        json_string(&w, "best_format", d->best ? d->best->name : NULL);
        if (d->best)
            json_number(&w, "best_bits", d->best->bits);
        else
            json_null(&w, "best_bits");
        if (d->max_ctx >= 0)
            json_int(&w, "max_ctx", d->max_ctx);
        else
            json_null(&w, "max_ctx");
        if (d->tok_s > 0.0)
            json_number(&w, "decode_tokens_per_s_upper_bound", d->tok_s);
        else
            json_null(&w, "decode_tokens_per_s_upper_bound");
        report_rig_json(&w, q, p, i);
        json_end_object(&w);
    }
    json_end_array(&w);
    json_end_object(&w);
    return out_finish_json(&w, fp);
}
