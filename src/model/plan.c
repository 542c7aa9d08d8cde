/* plan.c - a query's answer, computed once for every face. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/kvcache.h"
#include "model/parse.h"
#include "model/plan.h"

/* RAM a device's partial offload may spill into: this machine's, for a
 * GPU; none for this machine's RAM itself. */
static double plan_spill_gib(const qs_query *q, const qs_device *d)
{
    return d->kind == DEV_KIND_HOST ? 0.0 : q->ram_gib;
}

/* 1 when the device is answered by its split: a GPU (discrete, unified
 * or a size given as one), not this machine's RAM or a CPU device. */
static int plan_by_split(const qs_device *d)
{
    return d->is_gpu && d->kind != DEV_KIND_HOST;
}

static void plan_split_input(const qs_query *q, const qs_plan *p, const qs_rig *rig,
                             const qs_runtime *rt, split_input *in)
{
    memset(in, 0, sizeof *in);
    in->w = &p->layers_table;
    in->rig = rig;
    in->rt = rt;
    in->overhead_gib = q->overhead_gib;
    in->apple_share = q->apple_share;
    in->gpu_memory_gib = q->gpu_memory_gib;
    in->ram_gib = q->ram_gib;
    in->ram_bandwidth_gbs = q->ram_bandwidth_gbs;
    in->margin_gib = q->margin_gib;
    in->ctx = q->ctx;
    in->batch = q->batch;
    in->kv_bits = q->kv_bits;
    in->n_cpu_moe = q->n_cpu_moe;
    in->weights_scale = 1.0;
    in->kv_scale = 1.0;
}

/* 1 when the split at these scales keeps the margin on every GPU, with
 * nothing in RAM. */
static int plan_split_keeps(const split_input *base, double ws, double ks)
{
    split_input in = *base;
    split_plan sp;

    in.weights_scale = ws;
    in.kv_scale = ks;
    in.no_offload = 1;
    in.n_cpu_moe = 0;
    return split_compute(&in, &sp) == 0 && split_within_margin(&sp);
}

/* The highest named precision the runtime loads that keeps the margin. */
static const qs_format *plan_split_best(const qs_query *q, const split_input *in)
{
    size_t i;

    if (!(q->bits > 0.0))
        return NULL;
    for (i = 0; i < formats_count(); i++) {
        const qs_format *f = formats_get(i);
        double bits;

        if (f == NULL || f->family == FMT_FAMILY_TERNARY || !runtime_loads(in->rt, f))
            continue;
        bits = query_format_bits(q, f);
        if (bits > 0.0 && plan_split_keeps(in, bits / q->bits, 1.0))
            return f;
    }
    return NULL;
}

/* The KV cache at ctx tokens as a share of the table's; -1 when unknown. */
static double plan_kv_scale(const qs_query *q, const qs_plan *p, long ctx)
{
    double at = kvarch_profile_size(&q->kv, ctx, q->kv_bits, q->batch, NULL);
    double now = p->need.kv_gib * MEMORY_BYTES_PER_GIB;

    if (at == MEMORY_ERROR || !(now > 0.0))
        return -1.0;
    return at / now;
}

/* The largest context whose split keeps the margin, up to the model's. */
static long plan_split_max_ctx(const qs_query *q, const qs_plan *p, const split_input *in)
{
    long lo = 1, hi, top;
    double s;

    if (q->shape == NULL || !q->kv.ok || !(p->need.kv_gib > 0.0))
        return -1;
    top = q->shape->ctx < PARSE_CTX_MAX ? q->shape->ctx : PARSE_CTX_MAX;
    if (top < 1)
        return -1;
    s = plan_kv_scale(q, p, 1);
    if (s < 0.0 || !plan_split_keeps(in, 1.0, s))
        return s < 0.0 ? -1 : 0;
    s = plan_kv_scale(q, p, top);
    if (s >= 0.0 && plan_split_keeps(in, 1.0, s))
        return top;
    hi = top;
    while (hi - lo > 1) {
        long mid = lo + (hi - lo) / 2;

        s = plan_kv_scale(q, p, mid);
        if (s >= 0.0 && plan_split_keeps(in, 1.0, s))
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* The rig's answer as the one row the table shows. */
static void plan_fit_of_split(const split_plan *sp, fit_result *r)
{
    int i;

    r->verdict = sp->verdict;
    r->usable_gib = 0.0;
    r->share = 0.0;
    r->headroom_gib = sp->headroom_gib;
    for (i = 0; i < sp->nslots; i++) {
        r->usable_gib += sp->slot[i].usable_gib * sp->slot[i].count;
        if (sp->slot[i].share > r->share)
            r->share = sp->slot[i].share;
    }
    r->gpu_layers = sp->verdict == FIT_OFFLOAD && sp->n_cpu_moe <= 0 ? sp->gpu_layers : -1;
    r->ok = 1;
}

/* A GPU target by its split; 0, or -1 when it cannot be (then the
 * whole-need answer stands). */
static int plan_device_split(const qs_query *q, const qs_plan *p, size_t i, plan_device *out)
{
    qs_rig tmp;
    const qs_rig *rig = query_rig(q, i, &tmp);
    split_input in;

    if (rig == NULL || !p->layers_table.ok)
        return -1;
    out->runtime = query_runtime(q, i);
    out->runtime_chosen = q->runtime == RUNTIME_AUTO;
    out->rig = q->rigs[i].ngpu > 0;
    plan_split_input(q, p, rig, out->runtime, &in);
    if (split_compute(&in, &out->split) != 0)
        return -1;
    plan_fit_of_split(&out->split, &out->fit);
    out->best = plan_split_best(q, &in);
    out->max_ctx = plan_split_max_ctx(q, p, &in);
    out->tok_s = out->split.tok_s;
    return 0;
}

static void plan_device_of(const qs_query *q, const qs_plan *p, size_t i, plan_device *out)
{
    const fit_config *c = &p->config;
    const qs_device *d = &q->devices[i];
    double tok;

    memset(out, 0, sizeof *out);
    out->device = *d;
    out->host = i < q->nhost;
    out->max_ctx = -1;
    if (plan_by_split(d) && plan_device_split(q, p, i, out) == 0)
        return;
    memset(&out->split, 0, sizeof out->split);
    out->runtime = NULL;
    out->fit = fit_on_device(&p->need, c, d, q->apple_share, plan_spill_gib(q, d));
    if (!out->fit.ok)
        return;
    out->best = fit_best_format(c, d, q->apple_share);
    out->max_ctx = fit_max_ctx(c, d, q->apple_share);
    /* No speed where it does not fit: the bound would be the device's,
     * not that of the RAM a partial offload would also read. */
    tok = out->fit.verdict == FIT_FITS || out->fit.verdict == FIT_TIGHT
              ? fit_decode_ceiling(c, d)
              : 0.0;
    out->tok_s = tok > 0.0 ? tok : 0.0;
}

/* The bits the block table is spread by: a variable-rate format's rate,
 * a named format's bits, or 0 for plain bits (every tensor alike, so the
 * spread does not depend on them). */
static double plan_layers_bits(const qs_query *q)
{
    if (q->format == NULL)
        return 0.0;
    return q->format->bits_hi > 0.0 ? q->rate : q->bits;
}

/* 1 when `key` describes the table q would get but for its total. */
static int plan_layers_same(const qs_query *q, const qs_plan *p)
{
    return p->layers_table.ok && p->layers_key.shape == q->shape &&
           p->layers_key.format == q->format && p->layers_key.bits == plan_layers_bits(q) &&
           p->layers_key.ctx == q->ctx && p->layers_key.kv_bits == q->kv_bits &&
           p->layers_key.batch == q->batch && p->layers_key.weights_bytes > 0.0;
}

/* Every weight figure of w times f. */
static void plan_layers_rescale(wlayers *w, double f)
{
    int i;

    w->embd_bytes *= f;
    w->output_bytes *= f;
    w->expert_tensor_max *= f;
    for (i = 0; i < w->blocks && i < WLAYERS_MAX; i++) {
        w->layer_bytes[i] *= f;
        w->expert_bytes[i] *= f;
    }
}

/* The model block by block at the query's weights and KV cache: `prev`,
 * when it was spread the same way, rescaled; else made from the tensors. */
static void plan_layers(const qs_query *q, qs_plan *p, const wlayers *prev, double prev_bytes)
{
    wlayers *w = &p->layers_table;
    double bytes = p->need.weights_gib * MEMORY_BYTES_PER_GIB;

    p->layers_key.shape = q->shape;
    p->layers_key.format = q->format;
    p->layers_key.bits = plan_layers_bits(q);
    p->layers_key.ctx = q->ctx;
    p->layers_key.kv_bits = q->kv_bits;
    p->layers_key.batch = q->batch;
    p->layers_key.weights_bytes = bytes;
    if (prev != NULL) {
        *w = *prev;
        plan_layers_rescale(w, bytes / prev_bytes);
        return;
    }
    if (q->shape == NULL ||
        wlayers_of(q->shape, q->format,
                   q->format != NULL && q->format->bits_hi > 0.0 ? q->rate : q->bits, bytes,
                   q->kv.ok ? &q->kv : NULL, q->ctx, q->kv_bits, q->batch,
                   p->need.kv_gib * MEMORY_BYTES_PER_GIB, w) != 0) {
        memset(w, 0, sizeof *w);
        return;
    }
    w->latent_kv = q->shape->arch.mla.kv_lora_rank > 0;
}

static int plan_compute_with(const qs_query *q, qs_plan *p, const wlayers *prev,
                             double prev_bytes);

int plan_compute(const qs_query *q, qs_plan *p)
{
    return plan_compute_with(q, p, NULL, 0.0);
}

int plan_update(const qs_query *q, qs_plan *p)
{
    wlayers *keep;
    double bytes;
    int rc;

    if (!plan_layers_same(q, p))
        return plan_compute(q, p);
    keep = malloc(sizeof *keep);
    if (keep == NULL)
        return plan_compute(q, p);
    *keep = p->layers_table;
    bytes = p->layers_key.weights_bytes;
    rc = plan_compute_with(q, p, keep, bytes);
    free(keep);
    return rc;
}

static int plan_compute_with(const qs_query *q, qs_plan *p, const wlayers *prev,
                             double prev_bytes)
{
    size_t i;

    memset(p, 0, sizeof *p);
    p->config = query_fit_config(q, q->bits);
    p->need = fit_need_of(&p->config);
    p->format = q->format;
    p->quality = q->format != NULL ? q->format : exact_nearest(&q->exact, q->bits);
    p->quality_near = q->format == NULL;
    p->savings = memory_savings(q->params, q->baseline_bits, q->bits);
    p->layers = q->shape != NULL ? q->shape->arch.layers : 0;
    if (!p->need.ok)
        return -1;
    plan_layers(q, p, prev, prev_bytes);
    for (i = 0; i < q->ndevices && i < QUERY_DEVICES_MAX; i++) {
        plan_device *pd = &p->devices[p->ndevices++];

        plan_device_of(q, p, i, pd);
        if (pd->device.kind == DEV_KIND_APPLE)
            p->any_apple = 1;
        if (pd->fit.ok && (pd->fit.gpu_layers >= 0 || pd->fit.verdict == FIT_OFFLOAD))
            p->any_offload = 1;
        if (pd->tok_s > 0.0)
            p->any_tok_s = 1;
        if (pd->rig)
            p->any_rig = 1;
    }
    p->ok = 1;
    return 0;
}

plan_cell plan_table_cell(const qs_query *q, const qs_format *f, size_t i)
{
    plan_cell cell = { 0, 0.0, 0.0, FIT_NO_FIT };
    fit_config c;
    fit_need need;
    fit_result r;

    if (f == NULL || i >= q->ndevices)
        return cell;
    c = query_fit_config(q, query_format_bits(q, f));
    need = fit_need_of(&c);
    if (!need.ok)
        return cell;
    r = fit_on_device(&need, &c, &q->devices[i], q->apple_share, 0.0);
    cell.ok = r.ok;
    cell.need_gib = need.total_gib;
    cell.share = r.share;
    cell.verdict = r.verdict;
    return cell;
}
