/* report_kv.c - the KV cache in the reports (report_kv.h).
 *
 * fprintf/snprintf results are ignored: a failed write sets fp's error
 * flag, which out_finish checks at the end of each report. */
#include <stdio.h>

#include "cli/out.h"
#include "cli/report_kv.h"
#include "model/memory.h"

static const char *const report_kv_words[KVARCH_KINDS] = { "full", "swa", "chunked", "linear",
                                                           "ssm", "mla", "none" };

/* What a layer kind is called in the working. */
static const char *const report_kv_labels[KVARCH_KINDS] = {
    "full", "sliding-window", "chunked", "linear-attention", "SSM", "MLA", "FFN-only"
};

const char *report_kv_kind(arch_attn_kind k)
{
    return (unsigned)k < KVARCH_KINDS ? report_kv_words[k] : "?";
}

/* The first layer of kind k (the trunk's), for its widths; -1 if none. */
static int report_kv_first(const qs_arch *a, arch_attn_kind k)
{
    int l;

    for (l = 0; l < a->layers; l++)
        if (arch_layer_attention(a, l).kind == k)
            return l;
    return -1;
}

/* Tokens a layer of this mixer holds at ctx. */
static long report_kv_tokens(const arch_layer_attn *at, long ctx)
{
    return kvarch_window_tokens(at->span, ctx);
}

/* The working of one kind, e.g. "18\tfull\tlayers x 4096\ttokens x 8\tKV
 * heads x (64 + 64) x 2\tB". A '\t' is OUT_NBSP. */
static void report_kv_working(char *buf, size_t size, const fit_config *c, arch_attn_kind k,
                              int layers)
{
    const qs_arch *a = &c->model->arch;
    arch_layer_attn at = arch_layer_attention(a, report_kv_first(a, k));
    double bytes = c->kv_bits / MEMORY_BITS_PER_BYTE;
    char batch[32];

    if (c->batch > 1)
        (void)snprintf(batch, sizeof batch, " x %d\tsequences", c->batch);
    else
        batch[0] = '\0';
    switch (k) {
    case ARCH_ATTN_MLA:
        (void)snprintf(buf, size, "= %d\tMLA\tlayers x %ld\ttokens x %lld\tlatent x %g\tB%s",
                       layers, c->ctx, (long long)at.latent, bytes, batch);
        return;
    case ARCH_ATTN_LINEAR:
    case ARCH_ATTN_SSM:
        (void)snprintf(buf, size,
                       "= %d\t%s\tlayers x (%lld\tstate + %lld\tconv) x %g\tB%s: fixed, not "
                       "per token",
                       layers, report_kv_labels[k], (long long)at.state,
                       (long long)at.conv_state, KVARCH_STATE_BYTES, batch);
        return;
    case ARCH_ATTN_NONE:
        (void)snprintf(buf, size, "= %d\tlayers without attention hold nothing", layers);
        return;
    default:
        break;
    }
    if (at.head_dim_k == at.head_dim_v)
        (void)snprintf(buf, size, "= %d\t%s\tlayers x %ld\ttokens x 2 x %d\tKV\theads x %d x %g\tB%s",
                       layers, report_kv_labels[k], report_kv_tokens(&at, c->ctx), at.kv_heads,
                       at.head_dim_k, bytes, batch);
    else
        (void)snprintf(buf, size,
                       "= %d\t%s\tlayers x %ld\ttokens x %d\tKV\theads x (%d + %d) x %g\tB%s",
                       layers, report_kv_labels[k], report_kv_tokens(&at, c->ctx), at.kv_heads,
                       at.head_dim_k, at.head_dim_v, bytes, batch);
}

void report_kv_text(FILE *fp, const fit_config *c, const fit_need *n, int work_col)
{
    char work[256];
    int k, kinds = 0;

    if (!n->kv_known || c->model == NULL)
        return;
    for (k = 0; k < KVARCH_KINDS; k++)
        kinds += n->kv.layers[k] > 0;
    (void)fprintf(fp, "  %-8s %8.2f GiB  ", "KV cache", n->kv_gib);
    if (kinds == 1) {
        for (k = 0; k < KVARCH_KINDS; k++)
            if (n->kv.layers[k] > 0)
                report_kv_working(work, sizeof work, c, (arch_attn_kind)k, n->kv.layers[k]);
        out_wrap(fp, work, work_col, work_col + 2, OUT_WIDTH);
        return;
    }
    (void)fprintf(fp, "by layer kind:\n");
    for (k = 0; k < KVARCH_KINDS; k++) {
        if (n->kv.layers[k] == 0 || k == ARCH_ATTN_NONE)
            continue;
        report_kv_working(work, sizeof work, c, (arch_attn_kind)k, n->kv.layers[k]);
        (void)fprintf(fp, "%*s%8.3f GiB ", work_col, "", n->kv.bytes[k] / MEMORY_BYTES_PER_GIB);
        out_wrap(fp, work, work_col + 13, work_col + 15, OUT_WIDTH);
    }
}

void report_kv_json(json_writer *w, const fit_config *c, const fit_need *n)
{
    int k;

    if (!n->kv_known || c->model == NULL) {
        json_null(w, "kv_cache_layers");
        return;
    }
    json_begin_array(w, "kv_cache_layers");
    for (k = 0; k < KVARCH_KINDS; k++) {
        const qs_arch *a = &c->model->arch;
        arch_layer_attn at;

        if (n->kv.layers[k] == 0)
            continue;
        at = arch_layer_attention(a, report_kv_first(a, (arch_attn_kind)k));
        json_begin_object(w, NULL);
        json_string(w, "kind", report_kv_words[k]);
        json_int(w, "layers", n->kv.layers[k]);
        if (k == ARCH_ATTN_LINEAR || k == ARCH_ATTN_SSM || k == ARCH_ATTN_NONE)
            json_null(w, "tokens");
        else
            json_int(w, "tokens", report_kv_tokens(&at, c->ctx));
        json_number(w, "bytes", n->kv.bytes[k]);
        json_number(w, "gib", n->kv.bytes[k] / MEMORY_BYTES_PER_GIB);
        json_end_object(w);
    }
    json_end_array(w);
}
