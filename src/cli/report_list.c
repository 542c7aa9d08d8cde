/* report_list.c - the catalogs as text and JSON: model presets, devices,
 * named precisions.
 *
 * fprintf/snprintf results are ignored: a failed write sets fp's error
 * flag, which out_finish checks at the end of each report. */
#include <math.h>
#include <stdio.h>

#include "cli/fmt.h"
#include "cli/json.h"
#include "cli/out.h"
#include "cli/report_list.h"
#include "model/devices.h"
#include "model/formats.h"
#include "model/kvcache.h"
#include "model/memory.h"
#include "model/models.h"

/* KiB per token in the models table. */
#define REPORT_LIST_KIB 1024.0
/* Column where the quality note starts in the formats table. */
#define REPORT_LIST_QUALITY_COL 42

/* The f16 KV cache of one token in bytes (batch 1). */
static double report_list_kv_token_bytes(const qs_model *m)
{
    kv_size kv = kvcache_size(m, 1, KV_BITS_F16, 1);

    return kv.gib == MEMORY_ERROR ? kv.gib : kv.gib * MEMORY_BYTES_PER_GIB;
}

int report_list_models_text(FILE *fp)
{
    size_t i;

    if (fp == NULL)
        return -1;
    (void)fprintf(fp, "%-15s %7s %7s %6s %4s %4s %7s %8s  %s\n", "id", "params", "active",
                  "layers", "kv", "hdim", "max ctx", "KiB/tok", "attention");
    for (i = 0; i < models_count(); i++) {
        const qs_model *m = models_get(i);
        char p[32], a[32];

        (void)fprintf(fp, "%-15s %7s %7s %6d %4d %4d %7ld %8.1f  %s\n", m->id,
                      fmt_params(p, sizeof p, m->params),
                      fmt_params(a, sizeof a, m->active_params), m->layers, m->kv_heads,
                      m->head_dim, m->max_ctx, report_list_kv_token_bytes(m) / REPORT_LIST_KIB,
                      models_attention(m));
    }
    (void)fprintf(fp, "\nkv: key/value heads; KiB/tok: f16 KV cache per token of context.\n");
    return out_finish(fp);
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
        json_number(&w, "kv_bytes_per_token_f16", report_list_kv_token_bytes(m));
        json_end_object(&w);
    }
    json_end_array(&w);
    return out_finish_json(&w, fp);
}

int report_list_devices_text(FILE *fp, double apple_share)
{
    size_t i;

    if (fp == NULL)
        return -1;
    (void)fprintf(fp, "%-16s %-10s %8s %5s %7s %6s  %s\n", "id", "kind", "capacity", "share",
                  "usable", "GB/s", "name");
    (void)fprintf(fp, "%-16s %-10s %8s %5s %7s\n", "", "", "GiB", "", "GiB");
    for (i = 0; i < devices_count(); i++) {
        const qs_device *d = devices_get(i);
        double share = devices_share(d, apple_share);
        char bw[24];

        if (d->bandwidth_gbps > 0.0)
            (void)snprintf(bw, sizeof bw, "%.4g", d->bandwidth_gbps);
        else
            (void)snprintf(bw, sizeof bw, "-");
        (void)fprintf(fp, "%-16s %-10s %8.2f %4.0f%% %7.2f %6s  %s\n", d->id,
                      devices_kind_name(d->kind), d->capacity_gib, share * FMT_PERCENT,
                      devices_usable_gib(d, share), bw, d->name);
    }
    (void)fprintf(fp, "\ncapacity: what the device reports (GiB); share: part the model may "
                      "use\n(Apple GPU: %.0f%% of unified memory); names match in any case.\n",
                  devices_apple_share(apple_share) * FMT_PERCENT);
    return out_finish(fp);
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
        double share = devices_share(d, apple_share);

        json_begin_object(&w, NULL);
        json_string(&w, "id", d->id);
        json_string(&w, "name", d->name);
        json_string(&w, "kind", devices_kind_name(d->kind));
        json_number(&w, "capacity_gib", d->capacity_gib);
        json_number(&w, "gpu_share", share);
        json_number(&w, "usable_gib", devices_usable_gib(d, share));
        if (d->bandwidth_gbps > 0.0)
            json_number(&w, "bandwidth_gbps", d->bandwidth_gbps);
        else
            json_null(&w, "bandwidth_gbps");
        json_bool(&w, "is_gpu", d->is_gpu);
        json_end_object(&w);
    }
    json_end_array(&w);
    return out_finish_json(&w, fp);
}


int report_list_formats_text(FILE *fp)
{
    size_t i;

    if (fp == NULL)
        return -1;
    (void)fprintf(fp, "%-7s %7s %7s %-7s %8s  %s\n", "name", "bits", "nominal", "family", "ppl +",
                  "quality");
    for (i = 0; i < formats_count(); i++) {
        const qs_format *f = formats_get(i);
        char ppl[24];

        if (isnan(f->ppl_delta))
            (void)snprintf(ppl, sizeof ppl, "-");
        else
            (void)snprintf(ppl, sizeof ppl, "%+.4f", f->ppl_delta);
        (void)fprintf(fp, "%-7s %7.4f %7.4f %-7s %8s  ", f->name, f->bits, f->nominal_bits,
                      formats_family_name(f->family), ppl);
        out_wrap(fp, f->quality, REPORT_LIST_QUALITY_COL, REPORT_LIST_QUALITY_COL, OUT_WIDTH);
    }
    (void)fprintf(fp, "\nbits: effective bits per weight used for sizes; nominal: from the "
                      "block\nlayout; ppl +: published perplexity increase (llama.cpp "
                      "quantize).\n");
    return out_finish(fp);
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
    return out_finish_json(&w, fp);
}
