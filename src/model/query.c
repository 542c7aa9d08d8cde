/* query.c - the user's question and its defaults (the one place they live). */
#include <string.h>

#include "model/kvcache.h"
#include "model/query.h"

void query_init(qs_query *q)
{
    memset(q, 0, sizeof *q);
    q->params = QUERY_DEFAULT_PARAMS;
    q->model = NULL;
    q->bits = QUERY_DEFAULT_BITS;
    q->format = formats_find("fp16");
    q->baseline_bits = QUERY_DEFAULT_BASELINE_BITS;
    q->baseline_format = q->format;
    q->ctx = FIT_DEFAULT_CTX;
    q->batch = FIT_DEFAULT_BATCH;
    q->kv_bits = KV_BITS_F16;
    q->overhead_gib = FIT_DEFAULT_OVERHEAD_GIB;
    q->apple_share = 0.0;
    q->ram_gib = 0.0;
}

void query_set_model(qs_query *q, const qs_model *m, double params)
{
    q->model = m;
    q->params = m != NULL ? m->params : params;
}

void query_set_weights(qs_query *q, const qs_format *f, double bits)
{
    q->format = f;
    q->bits = f != NULL ? f->bits : bits;
}

void query_set_baseline(qs_query *q, const qs_format *f, double bits)
{
    q->baseline_format = f;
    q->baseline_bits = f != NULL ? f->bits : bits;
}

int query_add_device(qs_query *q, const qs_device *d, int host)
{
    size_t i;

    if (d == NULL || q->ndevices >= QUERY_DEVICES_MAX)
        return -1;
    if (!host) {
        q->devices[q->ndevices++] = *d;
        return 0;
    }
    /* This machine's devices stay in front of the targets. */
    for (i = q->ndevices; i > q->nhost; i--)
        q->devices[i] = q->devices[i - 1];
    q->devices[q->nhost++] = *d;
    q->ndevices++;
    return 0;
}

void query_set_host_ram(qs_query *q, double gib)
{
    if (!q->ram_given)
        q->ram_gib = gib;
}

size_t query_targets(const qs_query *q)
{
    return q->ndevices - q->nhost;
}

fit_config query_fit_config(const qs_query *q, double bits)
{
    fit_config c = fit_config_default(q->params, bits, q->model);

    c.ctx = q->ctx;
    c.batch = q->batch;
    c.kv_bits = q->kv_bits;
    c.overhead_gib = q->overhead_gib;
    return c;
}

const char *query_model_label(const qs_query *q)
{
    return q->model != NULL ? q->model->name : "custom model";
}

const char *query_format_name(const qs_query *q)
{
    return q->format != NULL ? q->format->name : NULL;
}
