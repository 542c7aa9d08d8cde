/* query.c - the user's question and its defaults (the one place they live). */
#include <math.h>
#include <string.h>

#include "model/kvcache.h"
#include "model/query.h"
#include "model/stored.h"

void query_init(qs_query *q)
{
    memset(q, 0, sizeof *q);
    q->catalog = models_builtin();
    q->device_catalog = devices_builtin();
    q->family = NULL;
    query_set_model(q, NULL, QUERY_DEFAULT_PARAMS);
    q->bits = QUERY_DEFAULT_BITS;
    q->format = formats_find("fp16");
    q->baseline_bits = QUERY_DEFAULT_BASELINE_BITS;
    q->baseline_format = q->format;
    q->rate = q->baseline_rate = QUERY_DEFAULT_BITS;
    q->ctx = FIT_DEFAULT_CTX;
    q->batch = FIT_DEFAULT_BATCH;
    q->kv_bits = KV_BITS_F16;
    q->overhead_gib = FIT_DEFAULT_OVERHEAD_GIB;
    q->apple_share = 0.0;
    q->ram_gib = 0.0;
    q->runtime = RUNTIME_AUTO;
    q->gpu_memory_gib = 0.0;
    q->margin_gib = -1.0;
    q->n_cpu_moe = -1;
    q->ram_bandwidth_gbs = 0.0;
    q->serve.peak_factor = WORKLOAD_PEAK_FACTOR;
    q->serve.prompt_tokens = WORKLOAD_PROMPT_TOKENS;
    q->serve.output_tokens = WORKLOAD_OUTPUT_TOKENS;
    q->train.mode = TRAIN_NONE;
    q->train.rank = WORKLOAD_TRAIN_RANK;
    q->train.seq = WORKLOAD_TRAIN_SEQ;
    q->train.micro_batch = WORKLOAD_TRAIN_MICRO_BATCH;
    q->train.grad_checkpointing = -1;
}

/* A named format's bits for the query's model, at `rate` when it is a
 * variable-rate one. */
static double query_named_bits(const qs_query *q, const qs_format *f, double rate)
{
    if (f->bits_hi > 0.0)
        return q->exact.model != NULL ? exact_rate_bits(q->exact.model, f, rate) : rate;
    return exact_bits(&q->exact, f);
}

static double query_rate(const qs_format *f, double bits)
{
    return f != NULL && f->bits_hi > 0.0 && bits > 0.0 ? bits : f != NULL ? f->bits : bits;
}

/* The cache profile follows the shape (a shape whose profile cannot be
 * made leaves the need to kvarch_size, which then refuses it). */
static void query_shape_changed(qs_query *q)
{
    if (q->shape == NULL || kvarch_profile_of(&q->shape->arch, &q->kv) != 0)
        memset(&q->kv, 0, sizeof q->kv);
}

double query_format_bits(const qs_query *q, const qs_format *f)
{
    return f != NULL ? query_named_bits(q, f, f->bits) : NAN;
}

void query_set_model(qs_query *q, const qs_model *m, double params)
{
    q->model = m;
    q->params = m != NULL ? m->total : params;
    /* A catalog model's own tensors size every named format; a table that
     * cannot be made leaves each format its own bits. */
    if (q->exact.model != m && exact_fill(&q->exact, m) != 0)
        exact_clear(&q->exact);
    if (q->format != NULL)
        q->bits = query_named_bits(q, q->format, q->rate);
    if (q->baseline_format != NULL)
        q->baseline_bits = query_named_bits(q, q->baseline_format, q->baseline_rate);
    q->stored = 0;
    q->stored_match = NULL;
    q->stored_predicted_bytes = 0;
    if (m != NULL && m->stored != NULL) {
        q->stored = 1;
        q->format = m->stored->format;
        q->rate = q->format != NULL ? q->format->bits : 0.0;
        q->bits = stored_bits(m->stored, m->total);
        q->stored_match = stored_catalog_match(q->catalog, m);
        q->stored_predicted_bytes = exact_bytes(q->stored_match, q->format);
    }
    if (m != NULL) {
        q->shape = m->stored == NULL || m->stored->arch_known ? m : NULL;
        q->shape_assumed = q->shape_custom = 0;
    } else if (!q->shape_custom) {
        q->shape = models_nearest(q->catalog, q->family, q->params);
        q->shape_assumed = q->shape != NULL;
    }
    query_shape_changed(q);
}

void query_set_shape(qs_query *q, const qs_model *shape)
{
    q->shape_custom = shape != NULL;
    if (shape != NULL) {
        q->model = NULL;
        q->shape = shape;
        q->shape_assumed = 0;
        query_shape_changed(q);
        return;
    }
    query_set_model(q, q->model, q->params);
}

void query_set_weights(qs_query *q, const qs_format *f, double bits)
{
    /* Back at a stored model's own type, the weights are its bytes again. */
    q->stored = q->model != NULL && q->model->stored != NULL && f != NULL &&
                f == q->model->stored->format;
    q->format = f;
    q->rate = query_rate(f, bits);
    q->bits = f != NULL ? query_named_bits(q, f, q->rate) : bits;
}

void query_set_baseline(qs_query *q, const qs_format *f, double bits)
{
    q->baseline_format = f;
    q->baseline_rate = query_rate(f, bits);
    q->baseline_bits = f != NULL ? query_named_bits(q, f, q->baseline_rate) : bits;
}

int query_add_device(qs_query *q, const qs_device *d, int host)
{
    size_t i;

    if (d == NULL || q->ndevices >= QUERY_DEVICES_MAX)
        return -1;
    if (!host) {
        q->rigs[q->ndevices].ngpu = 0;
        q->devices[q->ndevices++] = *d;
        return 0;
    }
    /* This machine's devices stay in front of the targets. */
    for (i = q->ndevices; i > q->nhost; i--) {
        q->devices[i] = q->devices[i - 1];
        q->rigs[i] = q->rigs[i - 1];
    }
    q->rigs[q->nhost].ngpu = 0;
    q->devices[q->nhost++] = *d;
    q->ndevices++;
    return 0;
}

int query_add_rig(qs_query *q, const qs_rig *r, int host)
{
    qs_device row;
    size_t at;

    if (r == NULL || r->ngpu < 1 || r->ngpu > RIG_GPUS_MAX || r->nodes < 1 ||
        q->ndevices >= QUERY_DEVICES_MAX)
        return -1;
    if (r->ngpu == 1 && r->nodes == 1 && r->split[0] == 0.0)
        return query_add_device(q, &r->gpu[0], host);
    if (rig_as_device(r, &row) != 0 || query_add_device(q, &row, host) != 0)
        return -1;
    at = host ? q->nhost - 1 : q->ndevices - 1;
    q->rigs[at] = *r;
    return 0;
}

const qs_rig *query_rig(const qs_query *q, size_t i, qs_rig *tmp)
{
    if (i >= q->ndevices)
        return NULL;
    if (q->rigs[i].ngpu > 0)
        return &q->rigs[i];
    return rig_of_device(&q->devices[i], tmp) == 0 ? tmp : NULL;
}

const qs_runtime *query_runtime(const qs_query *q, size_t i)
{
    const qs_runtime *r = runtime_get(q->runtime);
    qs_rig tmp;
    const qs_rig *rig;

    if (r != NULL)
        return r;
    rig = query_rig(q, i, &tmp);
    return runtime_default(rig != NULL ? &rig->gpu[0] : NULL, q->format);
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
    fit_config c = fit_config_default(q->params, bits, q->shape);
    const qs_model *s = q->shape;

    c.exact = &q->exact;
    c.kv = q->kv.ok ? &q->kv : NULL;
    /* A bare size shaped like a mixture of experts reads the same share,
     * in whole parameters. */
    if (q->model == NULL && s != NULL && s->arch.moe.experts > 0)
        c.active_params = floor(q->params * (s->active / s->total) + 0.5);

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
