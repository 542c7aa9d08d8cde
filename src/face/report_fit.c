/* report_fit.c - text and JSON reports of the hardware fit and catalogs. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "face/json.h"
#include "face/report_fit.h"
#include "model/formats.h"
#include "model/kvcache.h"
#include "model/memory.h"
#include "model/models.h"

/* Text layout: lines stay within REPORT_FIT_WIDTH columns (one short of
 * 80, so that no terminal wraps early). */
#define REPORT_FIT_WIDTH 79
/* Column where the working of a part (weights, KV cache) starts: after
 * "  %-8s %8.2f GiB  ". */
#define REPORT_FIT_WORK_COL 25
/* Shares above this are shown as ">999%". */
#define REPORT_FIT_SHARE_SHOWN_MAX 9.99
/* Decode ceilings below this get one decimal. */
#define REPORT_FIT_TPS_DECIMALS_BELOW 10.0
#define REPORT_FIT_PERCENT 100.0
#define REPORT_FIT_MILLION 1e6
#define REPORT_FIT_BILLION 1e9
#define REPORT_FIT_HUNDRED_BILLION 1e11
#define REPORT_FIT_KIB 1024.0

/* Ends a report: 0 when every write reached fp. */
static int report_fit_done(FILE *fp)
{
    if (fflush(fp) != 0 || ferror(fp))
        return -1;
    return 0;
}

static int report_fit_json_done(json_writer *w, FILE *fp)
{
    int rc = json_finish(w);

    if (report_fit_done(fp) != 0 || rc != 0)
        return -1;
    return 0;
}

/* A space that report_fit_wrap never breaks at (written as ' '). */
#define REPORT_FIT_NBSP '\t'

/* Writes text from column `col`, breaking at spaces before `width`;
 * continuation lines start at column `indent`; REPORT_FIT_NBSP is a space
 * that does not break. Ends the line. */
static void report_fit_wrap(FILE *fp, const char *text, int col, int indent, int width)
{
    const char *p = text;
    int first = 1;

    while (*p) {
        size_t len = strcspn(p, " ");
        if (len > 0) {
            if (!first && col + 1 + (int)len > width) {
                fprintf(fp, "\n%*s", indent, "");
                col = indent;
                first = 1;
            }
            if (!first) {
                fputc(' ', fp);
                col++;
            }
            for (size_t k = 0; k < len; k++)
                fputc(p[k] == REPORT_FIT_NBSP ? ' ' : p[k], fp);
            col += (int)len;
            first = 0;
        }
        p += len;
        while (*p == ' ')
            p++;
    }
    fputc('\n', fp);
}

/* A parameter count in M or B, e.g. "124.4M", "8.03B", "671.0B". */
static void report_fit_params(char *buf, size_t size, double p)
{
    if (p < REPORT_FIT_BILLION)
        snprintf(buf, size, "%.1fM", p / REPORT_FIT_MILLION);
    else if (p < REPORT_FIT_HUNDRED_BILLION)
        snprintf(buf, size, "%.2fB", p / REPORT_FIT_BILLION);
    else
        snprintf(buf, size, "%.1fB", p / REPORT_FIT_BILLION);
}

static const char *report_fit_label(const fit_config *c, const char *model_label)
{
    if (model_label != NULL)
        return model_label;
    if (c->arch != NULL)
        return c->arch->name;
    return "custom model";
}

/* The working of the KV cache figure, e.g. "= 2 x 8 KV heads x 128 x 32
 * layers x 4096 tokens x 2 B". */
static void report_fit_kv_working(char *buf, size_t size, const fit_config *c)
{
    const qs_model *m = c->arch;
    char tokens[96], batch[32];
    double bytes = c->kv_bits / MEM_BITS_PER_BYTE;
    long win = m->window;

    if (m->window > 0 && m->window_layers > 0 && c->ctx > win)
        snprintf(tokens, sizeof tokens, "(%d\tlayers x %ld + %d\twindowed x %ld)\ttokens",
                 m->layers - m->window_layers, c->ctx, m->window_layers, win);
    else
        snprintf(tokens, sizeof tokens, "%d\tlayers x %ld\ttokens", m->layers, c->ctx);
    /* plain: 2 (K and V) x KV heads x head dim, per token per layer */
    if (c->batch > 1)
        snprintf(batch, sizeof batch, " x %d\tsequences", c->batch);
    else
        batch[0] = '\0';
    if (m->kv_latent > 0)
        snprintf(buf, size, "= %d\tMLA\tlatent x %s x %g\tB%s", m->kv_latent, tokens, bytes, batch);
    else
        snprintf(buf, size, "= 2 x %d\tKV\theads x %d x %s x %g\tB%s", m->kv_heads,
                 m->head_dim, tokens, bytes, batch);
}

static void report_fit_share(char *buf, size_t size, double share)
{
    if (share > REPORT_FIT_SHARE_SHOWN_MAX)
        snprintf(buf, size, ">%.0f%%", REPORT_FIT_SHARE_SHOWN_MAX * REPORT_FIT_PERCENT);
    else
        snprintf(buf, size, "%.1f%%", share * REPORT_FIT_PERCENT);
}

static void report_fit_tps(char *buf, size_t size, double tps)
{
    if (!(tps > 0.0))
        snprintf(buf, size, "-");
    else if (tps < REPORT_FIT_TPS_DECIMALS_BELOW)
        snprintf(buf, size, "%.1f", tps);
    else
        snprintf(buf, size, "%.0f", tps);
}

/* The kv cache type's name, or its bits. */
static void report_fit_kv_type(char *buf, size_t size, double kv_bits)
{
    const char *name = kvcache_name_from_bits(kv_bits);

    if (name != NULL)
        snprintf(buf, size, "%s", name);
    else
        snprintf(buf, size, "%g-bit", kv_bits);
}

static void report_fit_need_text(FILE *fp, const fit_config *c, const fit_need *n,
                                 const char *label)
{
    char p[32], kvt[32], work[256];

    report_fit_params(p, sizeof p, c->params);
    report_fit_kv_type(kvt, sizeof kvt, c->kv_bits);
    /* Name the precision when the bits are exactly a named one's. */
    if (formats_nearest(c->bits) != NULL && formats_nearest(c->bits)->bits == c->bits)
        fprintf(fp, "%s: %s parameters at %s, %g bits per weight\n", label, p,
                formats_nearest(c->bits)->name, c->bits);
    else
        fprintf(fp, "%s: %s parameters at %g bits per weight\n", label, p, c->bits);
    if (c->arch != NULL) {
        fprintf(fp, "context %ld tokens, KV cache %s, batch %d", c->ctx, kvt, c->batch);
        if (c->ctx > c->arch->max_ctx)
            fprintf(fp, " (beyond the model's %ld)", c->arch->max_ctx);
        fputc('\n', fp);
    }
    fputc('\n', fp);

    snprintf(work, sizeof work, "= %.0f x %g\tbits / 8", c->params, c->bits);
    fprintf(fp, "  %-8s %8.2f GiB  ", "weights", n->weights_gib);
    report_fit_wrap(fp, work, REPORT_FIT_WORK_COL, REPORT_FIT_WORK_COL, REPORT_FIT_WIDTH);
    if (n->kv_known) {
        report_fit_kv_working(work, sizeof work, c);
        fprintf(fp, "  %-8s %8.2f GiB  ", "KV cache", n->kv_gib);
        report_fit_wrap(fp, work, REPORT_FIT_WORK_COL, REPORT_FIT_WORK_COL + 2,
                        REPORT_FIT_WIDTH);
        if (n->kv_upper_bound)
            fprintf(fp, "%*supper bound: the %ld-token window is not applied\n",
                    REPORT_FIT_WORK_COL, "", c->arch->window);
    } else {
        fprintf(fp, "  %-8s %8s      unknown without the architecture (use a preset)\n",
                "KV cache", "-");
    }
    fprintf(fp, "  %-8s %8.2f GiB  runtime: CUDA context, compute buffers\n", "overhead",
            n->overhead_gib);
    fprintf(fp, "  %-8s %8.2f GiB\n", "total", n->total_gib);
}

int report_fit_text(FILE *fp, const fit_config *c, const char *model_label,
                    const qs_device *const *devs, size_t ndev, double apple_share,
                    double ram_gib)
{
    fit_need n;
    size_t i;
    int any_apple = 0, any_offload = 0, any_tps = 0;

    if (fp == NULL || c == NULL || (ndev > 0 && devs == NULL))
        return -1;
    n = fit_need_of(c);
    if (!n.ok)
        return -1;
    for (i = 0; i < ndev; i++)
        if (devs[i] == NULL)
            return -1;

    report_fit_need_text(fp, c, &n, report_fit_label(c, model_label));
    if (ndev == 0)
        return report_fit_done(fp);

    fprintf(fp, "\n%-16s %7s %6s %-6s %8s %7s %-7s %7s %6s\n", "device", "usable", "share",
            "fit", "headroom", "offload", "best", "max ctx", "tok/s*");
    fprintf(fp, "%-16s %7s %6s %-6s %8s %7s %-7s %7s\n", "", "GiB", "", "", "GiB",
            "layers", "format", "tokens");
    for (i = 0; i < ndev; i++) {
        const qs_device *d = devs[i];
        fit_result r = fit_on_device(&n, c, d, apple_share, ram_gib);
        const qs_format *best = fit_best_format(c, d, apple_share);
        long mctx = fit_max_ctx(c, d, apple_share);
        /* No speed where it does not fit: the bound would be the device's,
         * not that of the RAM a partial offload would also read. */
        double tps = r.ok && r.verdict != FIT_NO_FIT ? fit_decode_ceiling(c, d) : 0.0;
        char share[16], off[24], ctx[24], tp[24];

        if (!r.ok) {
            fprintf(fp, "%-16.16s  (capacity not usable)\n", d->id);
            continue;
        }
        report_fit_share(share, sizeof share, r.share);
        if (r.gpu_layers >= 0) {
            snprintf(off, sizeof off, "%d/%d", r.gpu_layers, c->arch->layers);
            any_offload = 1;
        } else {
            snprintf(off, sizeof off, "-");
        }
        if (mctx >= 0)
            snprintf(ctx, sizeof ctx, "%ld", mctx);
        else
            snprintf(ctx, sizeof ctx, "-");
        report_fit_tps(tp, sizeof tp, tps);
        if (tps > 0.0)
            any_tps = 1;
        if (d->kind == DEV_KIND_APPLE)
            any_apple = 1;
        fprintf(fp, "%-16.16s %7.2f %6s %-6s %8.2f %7s %-7s %7s %6s\n", d->id, r.usable_gib,
                share, fit_verdict_word(r.verdict), r.headroom_gib, off,
                best ? best->name : "none", ctx, tp);
    }

    fprintf(fp, "\nfits: total <= %.0f%% of usable memory; tight: <= %.0f%%; no fit: above.\n",
            FIT_SHARE_FITS * REPORT_FIT_PERCENT, FIT_SHARE_TIGHT * REPORT_FIT_PERCENT);
    fprintf(fp, "best: highest precision that is not \"no fit\"; max ctx: largest context\n"
                "that is not \"no fit\" at %g bits, up to the model's maximum.\n", c->bits);
    if (any_tps)
        fprintf(fp, "* decode ceiling, an upper bound: bandwidth / bytes read per token\n"
                    "  (active weights + KV cache).\n");
    if (any_offload)
        fprintf(fp, "offload: layers that fit on the GPU, the rest in %.2f GiB of RAM.\n",
                ram_gib);
    if (any_apple)
        fprintf(fp, "Apple: the GPU may use %.0f%% of unified memory.\n",
                (apple_share > 0.0 && apple_share <= 1.0 ? apple_share
                                                        : DEVICES_APPLE_GPU_SHARE) *
                    REPORT_FIT_PERCENT);
    return report_fit_done(fp);
}

int report_fit_json(FILE *fp, const fit_config *c, const char *model_label,
                    const qs_device *const *devs, size_t ndev, double apple_share,
                    double ram_gib)
{
    json_writer w;
    fit_need n;
    size_t i;

    if (fp == NULL || c == NULL || (ndev > 0 && devs == NULL))
        return -1;
    n = fit_need_of(c);
    if (!n.ok)
        return -1;
    for (i = 0; i < ndev; i++)
        if (devs[i] == NULL)
            return -1;

    json_init(&w, fp);
    json_begin_object(&w, NULL);
    json_string(&w, "model", report_fit_label(c, model_label));
    json_string(&w, "preset", c->arch ? c->arch->id : NULL);
    json_number(&w, "params", c->params);
    json_number(&w, "active_params", c->active_params > 0.0 ? c->active_params : c->params);
    json_number(&w, "bits", c->bits);
    json_int(&w, "ctx", c->ctx);
    json_int(&w, "batch", c->batch);
    json_number(&w, "kv_bits", c->kv_bits);
    json_string(&w, "kv_format", kvcache_name_from_bits(c->kv_bits));
    json_number(&w, "weights_gib", n.weights_gib);
    if (n.kv_known)
        json_number(&w, "kv_cache_gib", n.kv_gib);
    else
        json_null(&w, "kv_cache_gib");
    json_bool(&w, "kv_cache_upper_bound", n.kv_upper_bound);
    json_number(&w, "overhead_gib", n.overhead_gib);
    json_number(&w, "total_gib", n.total_gib);
    json_number(&w, "apple_gpu_share",
                apple_share > 0.0 && apple_share <= 1.0 ? apple_share : DEVICES_APPLE_GPU_SHARE);
    json_number(&w, "ram_gib", ram_gib);
    json_begin_object(&w, "thresholds");
    json_number(&w, "fits_max_share", FIT_SHARE_FITS);
    json_number(&w, "tight_max_share", FIT_SHARE_TIGHT);
    json_end_object(&w);
    json_begin_array(&w, "devices");
    for (i = 0; i < ndev; i++) {
        const qs_device *d = devs[i];
        fit_result r = fit_on_device(&n, c, d, apple_share, ram_gib);
        const qs_format *best = fit_best_format(c, d, apple_share);
        long mctx = fit_max_ctx(c, d, apple_share);
        double tps = r.ok && r.verdict != FIT_NO_FIT ? fit_decode_ceiling(c, d) : 0.0;

        json_begin_object(&w, NULL);
        json_string(&w, "id", d->id);
        json_string(&w, "name", d->name);
        json_string(&w, "kind", devices_kind_name(d->kind));
        json_number(&w, "capacity_gib", d->capacity_gib);
        if (r.ok) {
            json_number(&w, "usable_gib", r.usable_gib);
            json_number(&w, "share", r.share);
            json_string(&w, "verdict", fit_verdict_word(r.verdict));
            json_number(&w, "headroom_gib", r.headroom_gib);
        } else {
            json_null(&w, "usable_gib");
            json_null(&w, "share");
            json_null(&w, "verdict");
            json_null(&w, "headroom_gib");
        }
        if (r.ok && r.gpu_layers >= 0) {
            json_int(&w, "gpu_layers", r.gpu_layers);
            json_int(&w, "layers", c->arch->layers);
        } else {
            json_null(&w, "gpu_layers");
            json_null(&w, "layers");
        }
        json_string(&w, "best_format", best ? best->name : NULL);
        if (best)
            json_number(&w, "best_bits", best->bits);
        else
            json_null(&w, "best_bits");
        if (mctx >= 0)
            json_int(&w, "max_ctx", mctx);
        else
            json_null(&w, "max_ctx");
        if (tps > 0.0)
            json_number(&w, "decode_tokens_per_s_upper_bound", tps);
        else
            json_null(&w, "decode_tokens_per_s_upper_bound");
        json_end_object(&w);
    }
    json_end_array(&w);
    json_end_object(&w);
    return report_fit_json_done(&w, fp);
}

/* The f16 KV cache of one token in bytes (batch 1). */
static double report_fit_kv_token_bytes(const qs_model *m)
{
    kv_size kv = kvcache_size(m, 1, KV_BITS_F16, 1);

    return kv.gib == MODEL_MEMORY_ERROR ? kv.gib : kv.gib * MEM_BYTES_PER_GIB;
}

int report_list_models_text(FILE *fp)
{
    size_t i;

    if (fp == NULL)
        return -1;
    fprintf(fp, "%-15s %7s %7s %6s %4s %4s %7s %8s  %s\n", "id", "params", "active",
            "layers", "kv", "hdim", "max ctx", "KiB/tok", "attention");
    for (i = 0; i < models_count(); i++) {
        const qs_model *m = models_get(i);
        char p[32], a[32];

        report_fit_params(p, sizeof p, m->params);
        report_fit_params(a, sizeof a, m->active_params);
        fprintf(fp, "%-15s %7s %7s %6d %4d %4d %7ld %8.1f  %s\n", m->id, p, a, m->layers,
                m->kv_heads, m->head_dim, m->max_ctx,
                report_fit_kv_token_bytes(m) / REPORT_FIT_KIB, models_attention(m));
    }
    fprintf(fp, "\nkv: key/value heads; KiB/tok: f16 KV cache per token of context.\n");
    return report_fit_done(fp);
}

int report_list_models_json(FILE *fp)
{
    json_writer w;
    size_t i;

    if (fp == NULL)
        return -1;
    json_init(&w, fp);
    json_begin_array(&w, NULL);
    for (i = 0; i < models_count(); i++) {
        const qs_model *m = models_get(i);

        json_begin_object(&w, NULL);
        json_string(&w, "id", m->id);
        json_string(&w, "name", m->name);
        json_number(&w, "params", m->params);
        json_number(&w, "active_params", m->active_params);
        json_int(&w, "layers", m->layers);
        json_int(&w, "heads", m->heads);
        json_int(&w, "kv_heads", m->kv_heads);
        json_int(&w, "head_dim", m->head_dim);
        json_int(&w, "max_ctx", m->max_ctx);
        json_string(&w, "attention", models_attention(m));
        if (m->kv_latent > 0)
            json_int(&w, "kv_latent", m->kv_latent);
        else
            json_null(&w, "kv_latent");
        if (m->window > 0) {
            json_int(&w, "sliding_window", m->window);
            json_int(&w, "window_layers", m->window_layers);
        } else {
            json_null(&w, "sliding_window");
            json_null(&w, "window_layers");
        }
        json_number(&w, "kv_bytes_per_token_f16", report_fit_kv_token_bytes(m));
        json_end_object(&w);
    }
    json_end_array(&w);
    return report_fit_json_done(&w, fp);
}

/* The share the GPU may use on d, with the Apple override applied. */
static double report_fit_dev_share(const qs_device *d, double apple_share)
{
    if (d->kind == DEV_KIND_APPLE && apple_share > 0.0 && apple_share <= 1.0)
        return apple_share;
    return d->gpu_share;
}

int report_list_devices_text(FILE *fp, double apple_share)
{
    size_t i;

    if (fp == NULL)
        return -1;
    fprintf(fp, "%-16s %-10s %8s %5s %7s %6s  %s\n", "id", "kind", "capacity", "share",
            "usable", "GB/s", "name");
    fprintf(fp, "%-16s %-10s %8s %5s %7s\n", "", "", "GiB", "", "GiB");
    for (i = 0; i < devices_count(); i++) {
        const qs_device *d = devices_get(i);
        double share = report_fit_dev_share(d, apple_share);
        char bw[24];

        if (d->bandwidth_gbps > 0.0)
            snprintf(bw, sizeof bw, "%.4g", d->bandwidth_gbps);
        else
            snprintf(bw, sizeof bw, "-");
        fprintf(fp, "%-16s %-10s %8.2f %4.0f%% %7.2f %6s  %s\n", d->id,
                devices_kind_name(d->kind), d->capacity_gib, share * REPORT_FIT_PERCENT,
                d->capacity_gib * share, bw, d->name);
    }
    fprintf(fp, "\ncapacity: what the device reports (GiB); share: part the model may use\n"
                "(Apple GPU: %.0f%% of unified memory); names match in any case.\n",
            (apple_share > 0.0 && apple_share <= 1.0 ? apple_share : DEVICES_APPLE_GPU_SHARE) *
                REPORT_FIT_PERCENT);
    return report_fit_done(fp);
}

int report_list_devices_json(FILE *fp, double apple_share)
{
    json_writer w;
    size_t i;

    if (fp == NULL)
        return -1;
    json_init(&w, fp);
    json_begin_array(&w, NULL);
    for (i = 0; i < devices_count(); i++) {
        const qs_device *d = devices_get(i);
        double share = report_fit_dev_share(d, apple_share);

        json_begin_object(&w, NULL);
        json_string(&w, "id", d->id);
        json_string(&w, "name", d->name);
        json_string(&w, "kind", devices_kind_name(d->kind));
        json_number(&w, "capacity_gib", d->capacity_gib);
        json_number(&w, "gpu_share", share);
        json_number(&w, "usable_gib", d->capacity_gib * share);
        if (d->bandwidth_gbps > 0.0)
            json_number(&w, "bandwidth_gbps", d->bandwidth_gbps);
        else
            json_null(&w, "bandwidth_gbps");
        json_bool(&w, "is_gpu", d->is_gpu);
        json_end_object(&w);
    }
    json_end_array(&w);
    return report_fit_json_done(&w, fp);
}

/* Column where the quality note starts in the formats table. */
#define REPORT_FIT_QUALITY_COL 42

int report_list_formats_text(FILE *fp)
{
    size_t i;

    if (fp == NULL)
        return -1;
    fprintf(fp, "%-7s %7s %7s %-7s %8s  %s\n", "name", "bits", "nominal", "family", "ppl +",
            "quality");
    for (i = 0; i < formats_count(); i++) {
        const qs_format *f = formats_get(i);
        char ppl[24];

        if (isnan(f->ppl_delta))
            snprintf(ppl, sizeof ppl, "-");
        else
            snprintf(ppl, sizeof ppl, "%+.4f", f->ppl_delta);
        fprintf(fp, "%-7s %7.4f %7.4f %-7s %8s  ", f->name, f->bits, f->nominal_bits,
                formats_family_name(f->family), ppl);
        report_fit_wrap(fp, f->quality, REPORT_FIT_QUALITY_COL, REPORT_FIT_QUALITY_COL,
                        REPORT_FIT_WIDTH);
    }
    fprintf(fp, "\nbits: effective bits per weight used for sizes; nominal: from the block\n"
                "layout; ppl +: published perplexity increase (llama.cpp quantize).\n");
    return report_fit_done(fp);
}

int report_list_formats_json(FILE *fp)
{
    json_writer w;
    size_t i;

    if (fp == NULL)
        return -1;
    json_init(&w, fp);
    json_begin_array(&w, NULL);
    for (i = 0; i < formats_count(); i++) {
        const qs_format *f = formats_get(i);

        json_begin_object(&w, NULL);
        json_string(&w, "name", f->name);
        json_string(&w, "aliases", f->aliases);
        json_number(&w, "bits", f->bits);
        json_number(&w, "nominal_bits", f->nominal_bits);
        json_string(&w, "family", formats_family_name(f->family));
        json_number(&w, "ppl_delta", f->ppl_delta);
        json_string(&w, "ppl_ref", f->ppl_ref);
        json_string(&w, "quality", f->quality);
        json_bool(&w, "basic", f->basic);
        json_end_object(&w);
    }
    json_end_array(&w);
    return report_fit_json_done(&w, fp);
}
