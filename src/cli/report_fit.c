/* report_fit.c - text and JSON reports of the hardware fit.
 *
 * fprintf/fputc/snprintf results are ignored: a failed write sets fp's
 * error flag, which out_finish checks at the end of each report. */
#include <stdio.h>

#include "cli/fmt.h"
#include "cli/json.h"
#include "cli/out.h"
#include "cli/report_fit.h"
#include "model/formats.h"
#include "model/kvcache.h"
#include "model/memory.h"
#include "model/models.h"

/* Column where the working of a part (weights, KV cache) starts: after
 * "  %-8s %8.2f GiB  ". */
#define REPORT_FIT_WORK_COL 25
/* Decode ceilings below this get one decimal. */
#define REPORT_FIT_TPS_DECIMALS_BELOW 10.0

static const char *report_fit_label(const fit_config *c, const char *model_label)
{
    if (model_label != NULL)
        return model_label;
    if (c->arch != NULL)
        return c->arch->name;
    return "custom model";
}

/* The working of the KV cache figure, e.g. "= 2 x 8 KV heads x 128 x 32
 * layers x 4096 tokens x 2 B". A '\t' in it is OUT_NBSP: a space that
 * out_wrap keeps on one line with its neighbours. */
static void report_fit_kv_working(char *buf, size_t size, const fit_config *c)
{
    const qs_model *m = c->arch;
    char tokens[96], batch[32];
    double bytes = c->kv_bits / MEMORY_BITS_PER_BYTE;
    long win = m->window;

    if (m->window > 0 && m->window_layers > 0 && c->ctx > win)
        (void)snprintf(tokens, sizeof tokens, "(%d\tlayers x %ld + %d\twindowed x %ld)\ttokens",
                       m->layers - m->window_layers, c->ctx, m->window_layers, win);
    else
        (void)snprintf(tokens, sizeof tokens, "%d\tlayers x %ld\ttokens", m->layers, c->ctx);
    /* plain: 2 (K and V) x KV heads x head dim, per token per layer */
    if (c->batch > 1)
        (void)snprintf(batch, sizeof batch, " x %d\tsequences", c->batch);
    else
        batch[0] = '\0';
    if (m->kv_latent > 0)
        (void)snprintf(buf, size, "= %d\tMLA\tlatent x %s x %g\tB%s", m->kv_latent, tokens,
                       bytes, batch);
    else
        (void)snprintf(buf, size, "= 2 x %d\tKV\theads x %d x %s x %g\tB%s", m->kv_heads,
                       m->head_dim, tokens, bytes, batch);
}

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

/* The kv cache type's name, or its bits. */
static void report_fit_kv_type(char *buf, size_t size, double kv_bits)
{
    const char *name = kvcache_name_from_bits(kv_bits);

    if (name != NULL)
        (void)snprintf(buf, size, "%s", name);
    else
        (void)snprintf(buf, size, "%g-bit", kv_bits);
}

static void report_fit_need_text(FILE *fp, const fit_config *c, const fit_need *n,
                                 const char *label)
{
    char p[32], kvt[32], work[256];
    const qs_format *named = formats_nearest(c->bits);

    report_fit_kv_type(kvt, sizeof kvt, c->kv_bits);
    (void)fprintf(fp, "%s: %s parameters at ", label, fmt_params(p, sizeof p, c->params));
    /* Name the precision when the bits are exactly a named one's. */
    if (named != NULL && named->bits == c->bits)
        (void)fprintf(fp, "%s, ", named->name);
    (void)fprintf(fp, "%g bits per weight\n", c->bits);
    if (c->arch != NULL) {
        (void)fprintf(fp, "context %ld tokens, KV cache %s, batch %d", c->ctx, kvt, c->batch);
        if (c->ctx > c->arch->max_ctx)
            (void)fprintf(fp, " (beyond the model's %ld)", c->arch->max_ctx);
        (void)fputc('\n', fp);
    }
    (void)fputc('\n', fp);

    (void)snprintf(work, sizeof work, "= %.0f x %g\tbits / 8", c->params, c->bits);
    (void)fprintf(fp, "  %-8s %8.2f GiB  ", "weights", n->weights_gib);
    out_wrap(fp, work, REPORT_FIT_WORK_COL, REPORT_FIT_WORK_COL, OUT_WIDTH);
    if (n->kv_known) {
        report_fit_kv_working(work, sizeof work, c);
        (void)fprintf(fp, "  %-8s %8.2f GiB  ", "KV cache", n->kv_gib);
        out_wrap(fp, work, REPORT_FIT_WORK_COL, REPORT_FIT_WORK_COL + 2,
                        OUT_WIDTH);
        if (n->kv_upper_bound)
            (void)fprintf(fp, "%*supper bound: the %ld-token window is not applied\n",
                          REPORT_FIT_WORK_COL, "", c->arch->window);
    } else {
        (void)fprintf(fp, "  %-8s %8s      unknown without the architecture (use a preset)\n",
                      "KV cache", "-");
    }
    (void)fprintf(fp, "  %-8s %8.2f GiB  runtime: CUDA context, compute buffers\n", "overhead",
                  n->overhead_gib);
    (void)fprintf(fp, "  %-8s %8.2f GiB\n", "total", n->total_gib);
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
        return out_finish(fp);

    (void)fprintf(fp, "\n%-16s %7s %6s %-6s %8s %7s %-7s %7s %6s\n", "device", "usable", "share",
                  "fit", "headroom", "offload", "best", "max ctx", "tok/s*");
    (void)fprintf(fp, "%-16s %7s %6s %-6s %8s %7s %-7s %7s\n", "", "GiB", "", "", "GiB",
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
            (void)fprintf(fp, "%-16.16s  (capacity not usable)\n", d->id);
            continue;
        }
        report_fit_share(share, sizeof share, r.share);
        if (r.gpu_layers >= 0) {
            (void)snprintf(off, sizeof off, "%d/%d", r.gpu_layers, c->arch->layers);
            any_offload = 1;
        } else {
            (void)snprintf(off, sizeof off, "-");
        }
        if (mctx >= 0)
            (void)snprintf(ctx, sizeof ctx, "%ld", mctx);
        else
            (void)snprintf(ctx, sizeof ctx, "-");
        report_fit_tps(tp, sizeof tp, tps);
        if (tps > 0.0)
            any_tps = 1;
        if (d->kind == DEV_KIND_APPLE)
            any_apple = 1;
        (void)fprintf(fp, "%-16.16s %7.2f %6s %-6s %8.2f %7s %-7s %7s %6s\n", d->id,
                      r.usable_gib, share, fit_verdict_word(r.verdict), r.headroom_gib, off,
                      best ? best->name : "none", ctx, tp);
    }

    (void)fprintf(fp, "\nfits: total <= %.0f%% of usable memory; tight: <= %.0f%%; no fit: "
                      "above.\n", FIT_SHARE_FITS * FMT_PERCENT, FIT_SHARE_TIGHT * FMT_PERCENT);
    (void)fprintf(fp, "best: highest precision that is not \"no fit\"; max ctx: largest "
                      "context\nthat is not \"no fit\" at %g bits, up to the model's maximum.\n",
                  c->bits);
    if (any_tps)
        (void)fprintf(fp, "* decode ceiling, an upper bound: bandwidth / bytes read per "
                          "token\n  (active weights + KV cache).\n");
    if (any_offload)
        (void)fprintf(fp, "offload: layers that fit on the GPU, the rest in %.2f GiB of RAM.\n",
                      ram_gib);
    if (any_apple)
        (void)fprintf(fp, "Apple: the GPU may use %.0f%% of unified memory.\n",
                      devices_apple_share(apple_share) * FMT_PERCENT);
    return out_finish(fp);
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
    json_number(&w, "apple_gpu_share", devices_apple_share(apple_share));
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
    return out_finish_json(&w, fp);
}
