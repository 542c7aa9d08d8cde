/* report_list.c - the catalogs as text and JSON: model presets, devices,
 * named precisions.
 *
 * fprintf/snprintf results are ignored: a failed write sets fp's error
 * flag, which out_finish checks at the end of each report. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/fmt.h"
#include "cli/json.h"
#include "cli/out.h"
#include "cli/quote.h"
#include "cli/report_list.h"
#include "cli/tab.h"
#include "model/devices.h"
#include "model/formats.h"
#include "model/kvarch.h"
#include "model/kvcache.h"
#include "model/memory.h"
#include "model/models.h"

/* Column where the quality note starts in the formats table. */
#define REPORT_LIST_QUALITY_COL 42
/* The models table: the widest id shown whole. */
#define REPORT_LIST_ID_WIDTH 26
/* One token of context, for the per-token KV figure. */
#define REPORT_LIST_ONE_TOKEN 1L
/* The devices table: significant digits of the bandwidth (GB/s) and compute
 * (TFLOPS) columns below 10^digits, whole numbers at and above, so that
 * "68.25" reads "68.2" in the 4 columns of GB/s and "209.5" stays whole in
 * the 6 of TFLOPS: with an id of 16 and a name of 20 (tests/check_catalog.c)
 * a row keeps within OUT_WIDTH. */
#define REPORT_LIST_BW_DIGITS 3
#define REPORT_LIST_TFLOPS_DIGITS 4
/* 10 to the power of a digit count. */
#define REPORT_LIST_BASE 10.0
/* Room for the paragraph under a Markdown table. */
#define REPORT_LIST_NOTE_SIZE 512

/* The f16 KV cache of one token in bytes (batch 1), the fixed states
 * included. */
static double report_list_kv_token_bytes(const qs_model *m)
{
    return kvarch_size(&m->arch, REPORT_LIST_ONE_TOKEN, KV_BITS_F16, 1, NULL);
}

int report_list_models_text(FILE *fp, const models_catalog *c, const char *filter)
{
    size_t i, shown = 0, unverified = 0;

    if (fp == NULL || c == NULL)
        return -1;
    for (i = 0; i < models_count(c); i++)
        shown += models_matches(models_get(c, i), filter);
    if (shown == 0) {
        char q[QUOTE_SIZE];

        (void)fprintf(fp, "no model matches '%s'\n",
                      quote_value(q, sizeof q, filter != NULL ? filter : ""));
        return out_finish(fp);
    }
    (void)fprintf(fp, "%-*s %-10s %7s %7s %8s  %-11s %s\n", REPORT_LIST_ID_WIDTH, "id", "family",
                  "params", "active", "max ctx", "attention", "src");
    for (i = 0; i < models_count(c); i++) {
        const qs_model *m = models_get(c, i);
        char p[32], a[32];

        if (!models_matches(m, filter))
            continue;
        (void)fprintf(fp, "%-*s %-10.10s %7s %7s %8ld  %-11s %s\n", REPORT_LIST_ID_WIDTH, m->id,
                      m->family, fmt_params(p, sizeof p, m->total),
                      fmt_params(a, sizeof a, m->active), m->ctx, models_attention(m),
                      m->user ? "you" : m->verified ? "ok" : "?");
        unverified += !m->verified && !m->user;
    }
    (void)fprintf(fp, "\nparams: every tensor counted; active: read per token (MoE);\n"
                      "attention: the kinds of its layers; src: ok = from the model's "
                      "config.json,\n? = UNVERIFIED (%zu here), you = your catalog. "
                      "--list-models WORD filters;\n--json gives each layer kind.\n",
                  unverified);
    return out_finish(fp);
}

/* The keys the model list had before the architectures (kept for scripts):
 * kv_latent (an MLA layer's cached elements), sliding_window (the span of
 * the window or chunk layers) and window_layers (how many); null when the
 * model has none. */
static void report_list_window_json(json_writer *w, const qs_model *m)
{
    long span = 0, latent = 0;
    int l, windowed = 0;

    for (l = 0; l < m->arch.layers; l++) {
        arch_layer_attn at = arch_layer_attention(&m->arch, l);

        if (at.kind == ARCH_ATTN_MLA)
            latent = (long)at.latent;
        if (at.kind == ARCH_ATTN_SWA || at.kind == ARCH_ATTN_CHUNKED) {
            span = at.span;
            windowed++;
        }
    }
    if (latent > 0)
        json_int(w, "kv_latent", latent);
    else
        json_null(w, "kv_latent");
    if (windowed > 0) {
        json_int(w, "sliding_window", span);
        json_int(w, "window_layers", windowed);
    } else {
        json_null(w, "sliding_window");
        json_null(w, "window_layers");
    }
}

int report_list_models_json(FILE *fp, const models_catalog *c, const char *filter)
{
    json_writer w;
    size_t i;

    if (fp == NULL || c == NULL)
        return -1;
    json_init(&w, fp);
    json_begin_array(&w, NULL);
    for (i = 0; i < models_count(c); i++) {
        const qs_model *m = models_get(c, i);
        arch_layer_attn first;
        char kinds[128];

        if (!models_matches(m, filter))
            continue;
        first = arch_layer_attention(&m->arch, 0);
        json_begin_object(&w, NULL);
        json_string(&w, "id", m->id);
        json_string(&w, "name", m->name);
        json_string(&w, "family", m->family);
        json_number(&w, "params", m->total);
        json_number(&w, "active_params", m->active);
        if (m->params > 0)
            json_number(&w, "published_params", (double)m->params);
        else
            json_null(&w, "published_params");
        json_number(&w, "params_diff", (double)m->params_diff);
        json_string(&w, "params_note", m->params_note);
        json_int(&w, "layers", m->arch.layers);
        json_int(&w, "hidden", m->arch.hidden);
        json_int(&w, "heads", m->arch.heads);
        json_int(&w, "kv_heads", m->arch.kv_heads > 0 ? m->arch.kv_heads : m->arch.heads);
        json_int(&w, "head_dim", first.head_dim_k);
        json_int(&w, "vocab", m->arch.vocab);
        if (m->arch.moe.experts > 0) {
            json_int(&w, "experts", m->arch.moe.experts);
            json_int(&w, "experts_active", m->arch.moe.active);
        } else {
            json_null(&w, "experts");
            json_null(&w, "experts_active");
        }
        json_int(&w, "max_ctx", m->ctx);
        json_string(&w, "attention", models_attention(m));
        report_list_window_json(&w, m);
        json_string(&w, "layer_kinds",
                    models_layer_kinds(m, kinds, sizeof kinds) == 0 ? kinds : NULL);
        json_number(&w, "kv_bytes_per_token_f16", report_list_kv_token_bytes(m));
        json_bool(&w, "verified", m->verified);
        json_bool(&w, "user", m->user);
        json_string(&w, "source", m->source);
        json_end_object(&w);
    }
    json_end_array(&w);
    return out_finish_json(&w, fp);
}

/* x (> 0) with `digits` significant digits below 10^digits, whole at and
 * above; "-" for 0 (unknown). */
static void report_list_figure(char *buf, size_t size, double x, int digits)
{
    if (!(x > 0.0))
        (void)snprintf(buf, size, "-");
    else if (x < pow(REPORT_LIST_BASE, digits))
        (void)snprintf(buf, size, "%.*g", digits, x);
    else
        (void)snprintf(buf, size, "%.0f", x);
}

int report_list_device_catalog_text(FILE *fp, const devices_catalog *c, double apple_share)
{
    size_t i, n = devices_catalog_count(c), nuser = 0;

    if (fp == NULL)
        return -1;
    (void)fprintf(fp, "%-16s %-10s %6s %4s %6s %4s %6s %s\n", "id", "kind", "memory", "use%",
                  "usable", "GB/s", "TFLOPS", "name");
    (void)fprintf(fp, "%-16s %-10s %6s %4s %6s\n", "", "", "GiB", "", "GiB");
    for (i = 0; i < n; i++) {
        const qs_device *d = devices_catalog_get(c, i);
        double share = devices_share(d, apple_share);
        int user = devices_catalog_user(c, i);
        char bw[24], tf[24];

        report_list_figure(bw, sizeof bw, d->bandwidth_gbps, REPORT_LIST_BW_DIGITS);
        report_list_figure(tf, sizeof tf, d->tflops, REPORT_LIST_TFLOPS_DIGITS);
        /* A user's row is marked after its name: a column of its own
         * would take the 80 columns past their end. */
        (void)fprintf(fp, "%-16s %-10s %6.2f %3.0f%% %6.2f %4s %6s %s%s\n", d->id,
                      devices_kind_name(d->kind), d->capacity_gib, share * FMT_PERCENT,
                      devices_usable_gib(d, share), bw, tf, d->name, user ? " (yours)" : "");
        nuser += user;
    }
    (void)fprintf(fp, "\nmemory: what the device reports (GiB); use%%: part the model may use;\n"
                      "TFLOPS: dense FP16/BF16 (FP32 accumulate on GeForce); -: unknown.\n");
    if (apple_share > 0.0 && apple_share <= DEVICES_FULL_SHARE)
        (void)fprintf(fp, "Apple GPU: %.0f%% of unified memory (--apple-share); names match in "
                          "any case.\n", devices_apple_share(apple_share) * FMT_PERCENT);
    else
        (void)fprintf(fp, "Apple GPU: macOS's rule, %.0f%% of unified memory up to %.0f GiB, "
                          "%.0f%% above\n(UNVERIFIED as a formula; a row may give its own); "
                          "names match in any case.\n",
                      DEVICE_ROW_APPLE_SMALL_SHARE * FMT_PERCENT, DEVICE_ROW_APPLE_RULE_GIB,
                      DEVICE_ROW_APPLE_LARGE_SHARE * FMT_PERCENT);
    if (nuser > 0)
        (void)fprintf(fp, "(yours): from your catalog (%zu here), before the built-in rows.\n",
                      nuser);
    return out_finish(fp);
}

int report_list_device_catalog_json(FILE *fp, const devices_catalog *c, double apple_share)
{
    json_writer w;
    size_t i, n = devices_catalog_count(c);

    if (fp == NULL)
        return -1;
    json_init(&w, fp);
    json_begin_array(&w, NULL);
    for (i = 0; i < n; i++) {
        const devices_data_row *r = devices_catalog_row(c, i);
        const qs_device *d = &r->dev;
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
        if (d->tflops > 0.0)
            json_number(&w, "tflops", d->tflops);
        else
            json_null(&w, "tflops");
        json_bool(&w, "is_gpu", d->is_gpu);
        json_bool(&w, "verified", r->verified);
        json_bool(&w, "user", devices_catalog_user(c, i));
        json_string(&w, "source", r->source);
        json_end_object(&w);
    }
    json_end_array(&w);
    return out_finish_json(&w, fp);
}

int report_list_devices_text(FILE *fp, double apple_share)
{
    return report_list_device_catalog_text(fp, devices_builtin(), apple_share);
}

int report_list_devices_json(FILE *fp, double apple_share)
{
    return report_list_device_catalog_json(fp, devices_builtin(), apple_share);
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

static const tab_column report_list_model_cols[] = {
    { "id", TAB_LEFT },      { "family", TAB_LEFT },    { "params", TAB_RIGHT },
    { "active", TAB_RIGHT }, { "max ctx", TAB_RIGHT },  { "attention", TAB_LEFT },
    { "src", TAB_LEFT },
};
static const tab_column report_list_device_cols[] = {
    { "id", TAB_LEFT },          { "kind", TAB_LEFT },   { "memory GiB", TAB_RIGHT },
    { "use%", TAB_RIGHT },       { "usable GiB", TAB_RIGHT }, { "GB/s", TAB_RIGHT },
    { "TFLOPS", TAB_RIGHT },     { "name", TAB_LEFT },
};
static const tab_column report_list_format_cols[] = {
    { "name", TAB_LEFT },    { "bits", TAB_RIGHT },  { "nominal", TAB_RIGHT },
    { "family", TAB_LEFT },  { "ppl +", TAB_RIGHT }, { "quality", TAB_LEFT },
};

/* A new tab (free it) with the n columns `cols`, or NULL without memory. */
static tab *report_list_tab_new(const tab_column *cols, size_t n)
{
    tab *t = malloc(sizeof *t);

    if (t != NULL)
        (void)tab_init_cols(t, cols, n);
    return t;
}

/* Prints t in style, then, in Markdown, the paragraph `note` (NULL:
 * none); frees t. */
static int report_list_tab_end(FILE *fp, tab *t, tab_style style, const char *note)
{
    tab_print(t, style, 0, fp);
    free(t);
    if (style == TAB_STYLE_MARKDOWN && note != NULL)
        (void)fprintf(fp, "\n%s\n", note);
    return out_finish(fp);
}

int report_list_models_tab(FILE *fp, const models_catalog *c, const char *filter,
                           tab_style style)
{
    char note[REPORT_LIST_NOTE_SIZE];
    size_t i, shown = 0, unverified = 0;
    tab *t;

    if (style == TAB_STYLE_TEXT)
        return report_list_models_text(fp, c, filter);
    if (fp == NULL || c == NULL)
        return -1;
    t = report_list_tab_new(report_list_model_cols, TAB_NCOLS(report_list_model_cols));
    if (t == NULL)
        return -1;
    for (i = 0; i < models_count(c); i++) {
        const qs_model *m = models_get(c, i);
        char p[32], a[32];

        if (!models_matches(m, filter) || tab_row(t) != 0)
            continue;
        (void)tab_cell(t, "%s", m->id);
        (void)tab_cell(t, "%s", m->family);
        (void)tab_cell(t, "%s", fmt_params(p, sizeof p, m->total));
        (void)tab_cell(t, "%s", fmt_params(a, sizeof a, m->active));
        (void)tab_cell(t, "%ld", m->ctx);
        (void)tab_cell(t, "%s", models_attention(m));
        (void)tab_cell(t, "%s", m->user ? "you" : m->verified ? "ok" : "?");
        unverified += !m->verified && !m->user;
        shown++;
    }
    if (shown == 0) {
        char q[QUOTE_SIZE];

        (void)snprintf(note, sizeof note, "No model matches '%s'.",
                       quote_value(q, sizeof q, filter != NULL ? filter : ""));
    } else {
        (void)snprintf(note, sizeof note, "params: every tensor counted; active: read per "
                       "token (MoE); attention: the kinds of its layers; src: ok = from the "
                       "model's config.json, ? = UNVERIFIED (%zu here), you = your catalog.",
                       unverified);
    }
    return report_list_tab_end(fp, t, style, note);
}

int report_list_device_catalog_tab(FILE *fp, const devices_catalog *c, double apple_share,
                                   tab_style style)
{
    size_t i, n = devices_catalog_count(c);
    tab *t;

    if (style == TAB_STYLE_TEXT)
        return report_list_device_catalog_text(fp, c, apple_share);
    if (fp == NULL)
        return -1;
    t = report_list_tab_new(report_list_device_cols, TAB_NCOLS(report_list_device_cols));
    if (t == NULL)
        return -1;
    for (i = 0; i < n; i++) {
        const qs_device *d = devices_catalog_get(c, i);
        double share = devices_share(d, apple_share);
        char bw[24], tf[24];

        if (tab_row(t) != 0)
            break;
        report_list_figure(bw, sizeof bw, d->bandwidth_gbps, REPORT_LIST_BW_DIGITS);
        report_list_figure(tf, sizeof tf, d->tflops, REPORT_LIST_TFLOPS_DIGITS);
        (void)tab_cell(t, "%s", d->id);
        (void)tab_cell(t, "%s", devices_kind_name(d->kind));
        (void)tab_cell(t, "%.2f", d->capacity_gib);
        (void)tab_cell(t, "%.0f%%", share * FMT_PERCENT);
        (void)tab_cell(t, "%.2f", devices_usable_gib(d, share));
        (void)tab_cell(t, "%s", bw);
        (void)tab_cell(t, "%s", tf);
        (void)tab_cell(t, "%s%s", d->name, devices_catalog_user(c, i) ? " (yours)" : "");
    }
    return report_list_tab_end(fp, t, style,
                               "memory: what the device reports (GiB); use%: part the model "
                               "may use; TFLOPS: dense FP16/BF16 (FP32 accumulate on "
                               "GeForce); -: unknown; (yours): from your catalog.");
}

int report_list_formats_tab(FILE *fp, tab_style style)
{
    size_t i;
    tab *t;

    if (style == TAB_STYLE_TEXT)
        return report_list_formats_text(fp);
    if (fp == NULL)
        return -1;
    t = report_list_tab_new(report_list_format_cols, TAB_NCOLS(report_list_format_cols));
    if (t == NULL)
        return -1;
    for (i = 0; i < formats_count(); i++) {
        const qs_format *f = formats_get(i);

        if (tab_row(t) != 0)
            break;
        (void)tab_cell(t, "%s", f->name);
        (void)tab_cell(t, "%.4f", f->bits);
        (void)tab_cell(t, "%.4f", f->nominal_bits);
        (void)tab_cell(t, "%s", formats_family_name(f->family));
        if (isnan(f->ppl_delta))
            (void)tab_cell(t, "-");
        else
            (void)tab_cell(t, "%+.4f", f->ppl_delta);
        (void)tab_cell(t, "%s", f->quality);
    }
    return report_list_tab_end(fp, t, style,
                               "bits: effective bits per weight used for sizes; nominal: from "
                               "the block layout; ppl +: published perplexity increase "
                               "(llama.cpp quantize).");
}
