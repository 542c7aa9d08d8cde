/* serve.c - the serving plan (serve.h).
 *
 * Every figure is computed from the query and its plan: memory from the
 * plan's split of each GPU (or the device's fit when it is no GPU rig),
 * speed from a roofline over the rig's bandwidth and dense peak, load and
 * cost from the workload and a price. Nothing here is rounded. */
#include "model/serve.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/kvarch.h"
#include "model/memory.h"
#include "model/prices.h"

/* Fixed-point steps of Little's law (the batch at the peak); the batch
 * grows monotonically, so it settles in a few. */
#define SERVE_LITTLE_STEPS 64
#define SERVE_GB 1e9
#define SERVE_TERA 1e12
#define SERVE_SECONDS_PER_HOUR 3600.0
#define SERVE_MTOK 1e6
/* FLOPs per parameter per token of a forward pass (multiply and add). */
#define SERVE_FLOPS_PER_PARAM 2.0

static int serve_fail(serve_result *r, const char *why)
{
    r->ok = 0;
    (void)snprintf(r->why, sizeof r->why, "%s", why);
    return -1;
}

/* One decode step at batch b: the slower of the two bounds plus the fixed
 * step overhead; the bounds are written to *mem and *comp. */
static double serve_step(const serve_result *r, double b, double *mem, double *comp)
{
    double bytes = r->weights_gib * MEMORY_BYTES_PER_GIB + b * r->kv_mean_bytes;
    double m = bytes / (SERVE_BW_EFFICIENCY * r->bandwidth_gbs * SERVE_GB);
    double c = r->tflops > 0.0 ? SERVE_FLOPS_PER_PARAM * r->active_params * b /
                                     (SERVE_COMPUTE_EFFICIENCY * r->tflops * SERVE_TERA)
                               : 0.0;
    double pre = c * r->prompt_per_output;

    if (mem != NULL)
        *mem = m;
    if (comp != NULL)
        *comp = c;
    return (m > c ? m : c) + pre + SERVE_STEP_OVERHEAD_S;
}

/* A request's time at a step of step_s: the prompt, the step that gives
 * the first token, then the rest of the output. */
static double serve_request_s(const serve_result *r, long output, double step_s)
{
    return r->prefill_s + step_s + (double)(output > 1 ? output - 1 : 0) * step_s;
}

/* The rig's bandwidth and peak for one token: GPUs of a tensor-parallel
 * machine read their shares at once (the slowest GPU times the degree);
 * a layer split and pipeline stages read one after another. */
static void serve_rig_speed(const qs_rig *rig, const plan_device *pd, serve_result *r)
{
    double bw = HUGE_VAL, tf = HUGE_VAL;
    int par = pd->split.ok && pd->split.mode != SPLIT_MODE_LAYER ? rig->ngpu : 1;

    for (int g = 0; g < rig->ngpu; g++) {
        if (rig->gpu[g].bandwidth_gbps < bw)
            bw = rig->gpu[g].bandwidth_gbps;
        if (rig->gpu[g].tflops < tf)
            tf = rig->gpu[g].tflops;
    }
    if (rig->ngpu < 1) {
        bw = pd->device.bandwidth_gbps;
        tf = pd->device.tflops;
    }
    r->bandwidth_gbs = isfinite(bw) && bw > 0.0 ? bw * par : 0.0;
    r->tflops = isfinite(tf) && tf > 0.0 ? tf * par : 0.0;
}

/* Memory of one replica: the split's slots (each counted for the GPUs it
 * stands for) or the device's whole fit. */
static void serve_memory(const qs_query *q, const qs_plan *p, const plan_device *pd,
                         double kv_req_bytes, serve_result *r)
{
    long tokens = q->serve.prompt_tokens + q->serve.output_tokens;
    double pool = 0.0;
    long conc;

    r->weights_gib = p->need.weights_gib;
    if (pd->split.ok && pd->split.possible) {
        const split_plan *s = &pd->split;
        for (int k = 0; k < s->nslots; k++) {
            const split_slot *sl = &s->slot[k];
            double n = sl->count > 0 ? sl->count : 1;
            r->usable_gib += n * sl->usable_gib;
            r->activation_gib += n * sl->compute_gib;
            r->overhead_gib += n * sl->overhead_gib;
            pool += n * (sl->usable_gib - sl->weights_gib - sl->compute_gib - sl->overhead_gib);
        }
        r->fits = s->verdict != FIT_NO_FIT && s->verdict != FIT_OFFLOAD;
        if (s->mode != SPLIT_MODE_LAYER) {
            /* vLLM's pool: the least any GPU leaves, on each of them, and
             * the tokens it holds with the KV heads as each GPU keeps them. */
            pool = s->kv_pool_gib * r->gpus;
            conc = s->kv_pool_tokens / (tokens > 0 ? tokens : 1);
        } else {
            conc = pool > 0.0 ? (long)floor(pool * MEMORY_BYTES_PER_GIB / kv_req_bytes) : 0;
        }
    } else {
        r->usable_gib = pd->fit.usable_gib;
        r->overhead_gib = p->need.overhead_gib;
        pool = r->usable_gib - r->weights_gib - r->overhead_gib;
        r->fits = pd->fit.ok && (pd->fit.verdict == FIT_FITS || pd->fit.verdict == FIT_TIGHT);
        conc = pool > 0.0 ? (long)floor(pool * MEMORY_BYTES_PER_GIB / kv_req_bytes) : 0;
    }
    r->kv_pool_gib = pool > 0.0 ? pool : 0.0;
    if (conc < 0)
        conc = 0;
    if (pd->runtime != NULL && pd->runtime->activations && conc > RUNTIME_MAX_SEQS) {
        conc = RUNTIME_MAX_SEQS;
        r->concurrency_capped = 1;
    }
    r->max_concurrency = conc;
    if (conc < 1)
        r->fits = 0;
}

static void serve_price(const qs_query *q, const qs_rig *rig, const plan_device *pd,
                        serve_result *r)
{
    const price_row *row = prices_find(rig->ngpu > 0 ? rig->gpu[0].id : pd->device.id);

    if (q->serve.gpu_price > 0.0) {
        r->price_from = SERVE_PRICE_USER;
        r->gpu_price = q->serve.gpu_price;
    } else if (row != NULL) {
        r->price_from = SERVE_PRICE_TABLE;
        r->gpu_price = row->usd_per_hour;
        r->price_source = row->provider;
        r->price_date = row->date;
    } else {
        r->price_from = SERVE_PRICE_NONE;
    }
}

/* Load, replicas, the batch at the peak and the latency it sees. */
static void serve_load(const qs_query *q, serve_result *r)
{
    const qs_serve_ask *w = &q->serve;
    double per_day = r->avg_rps * SERVE_SECONDS_PER_DAY;
    double c = (double)r->max_concurrency, b = 1.0;

    r->step_capacity_s = serve_step(r, c, NULL, NULL);
    r->tok_s_per_request_capacity = 1.0 / r->step_capacity_s;
    r->tok_s_capacity = c / r->step_capacity_s;
    r->request_capacity_s = serve_request_s(r, w->output_tokens, r->step_capacity_s);
    r->replica_rps = c / r->request_capacity_s;
    r->replicas = 1;
    if (r->peak_rps > r->replica_rps)
        r->replicas = (int)ceil(r->peak_rps / r->replica_rps);
    /* Little's law: requests in flight = arrival rate x time in flight. */
    for (int k = 0; k < SERVE_LITTLE_STEPS; k++) {
        double st = serve_step(r, b, NULL, NULL);
        double nb = ceil(r->peak_rps / r->replicas * serve_request_s(r, w->output_tokens, st));
        if (nb < 1.0)
            nb = 1.0;
        if (nb > c)
            nb = c;
        if (nb == b)
            break;
        b = nb;
    }
    r->batch = (long)b;
    r->bytes_per_step = r->weights_gib * MEMORY_BYTES_PER_GIB + b * r->kv_mean_bytes;
    r->step_s = serve_step(r, b, &r->step_memory_s, &r->step_compute_s);
    r->step_prefill_s = r->step_compute_s * r->prompt_per_output;
    r->compute_bound = r->step_compute_s > r->step_memory_s;
    r->tok_s_per_request = 1.0 / r->step_s;
    r->tok_s_aggregate = b / r->step_s;
    r->ttft_s = r->prefill_s + r->step_s;
    r->request_s = serve_request_s(r, w->output_tokens, r->step_s);
    r->utilisation = r->avg_rps / (r->replicas * r->replica_rps);

    if (r->price_from == SERVE_PRICE_NONE)
        return;
    r->gpu_hours_per_day = (double)r->replicas * r->gpus * SERVE_HOURS_PER_DAY;
    r->cost_per_month = r->gpu_hours_per_day * r->gpu_price * SERVE_DAYS_PER_MONTH;
    r->cost_per_request = per_day > 0.0 ? r->gpu_hours_per_day * r->gpu_price / per_day : 0.0;
    r->cost_per_request_busy = r->gpu_price * r->gpus * r->request_capacity_s / c /
                               SERVE_SECONDS_PER_HOUR;
    r->cost_per_mtok = r->gpu_price * r->gpus / (r->tok_s_capacity * SERVE_SECONDS_PER_HOUR) *
                       SERVE_MTOK;
}

double serve_step_s(const serve_result *r, double batch)
{
    if (r == NULL || !r->ok || !(r->bandwidth_gbs > 0.0))
        return 0.0;
    return serve_step(r, batch, NULL, NULL);
}

int serve_compute(const qs_query *q, const qs_plan *p, size_t i, serve_result *r)
{
    qs_rig tmp;
    const qs_rig *rig;
    const plan_device *pd;
    long prompt = q->serve.prompt_tokens, output = q->serve.output_tokens;
    long mean_ctx = prompt + output / 2;
    double kv_req, kv_mean;

    memset(r, 0, sizeof *r);
    r->device = i;
    if (p == NULL || !p->ok || i >= p->ndevices)
        return serve_fail(r, "the query has no plan for this device");
    pd = &p->devices[i];
    r->runtime = pd->runtime;
    rig = query_rig(q, i, &tmp);
    if (rig == NULL)
        return serve_fail(r, "the device is out of range");
    if (!q->kv.ok)
        return serve_fail(r, "the KV cache is unknown: the model has no architecture "
                             "(name a catalog model or give --layers and --kv-heads)");
    if (prompt < 1 || output < 1)
        return serve_fail(r, "a request needs at least one prompt and one output token");
    kv_req = kvarch_profile_size(&q->kv, prompt + output, q->kv_bits, 1, NULL);
    kv_mean = kvarch_profile_size(&q->kv, mean_ctx > 0 ? mean_ctx : 1, q->kv_bits, 1, NULL);
    if (!(kv_req > 0.0) || !(kv_mean > 0.0))
        return serve_fail(r, "the KV cache of one request could not be computed");
    r->gpus = rig->ngpu > 0 ? rig->ngpu * (rig->nodes > 0 ? rig->nodes : 1) : 1;
    r->kv_per_request_gib = kv_req / MEMORY_BYTES_PER_GIB;
    r->kv_per_token_bytes = kv_req / (double)(prompt + output);
    r->kv_mean_bytes = kv_mean;
    r->prompt_per_output = (double)prompt / (double)output;
    r->active_params = q->model != NULL && q->model->active > 0.0 ? q->model->active
                                                                   : q->params;
    serve_memory(q, p, pd, kv_req, r);
    serve_rig_speed(rig, pd, r);
    serve_price(q, rig, pd, r);
    r->avg_rps = (q->serve.rps > 0.0 ? q->serve.rps * SERVE_SECONDS_PER_DAY
                                     : q->serve.requests_per_day) / SERVE_SECONDS_PER_DAY;
    r->peak_rps = r->avg_rps * q->serve.peak_factor;
    r->ok = 1;
    if (!(r->bandwidth_gbs > 0.0))
        return serve_fail(r, "the device's memory bandwidth is unknown");
    if (!r->fits) {
        (void)snprintf(r->why, sizeof r->why,
                       "the weights and one request's KV cache (%.2f GiB) do not fit: the "
                       "KV pool left is %.2f GiB",
                       r->kv_per_request_gib, r->kv_pool_gib);
        return 0;
    }
    /* Prefill: the prompt's FLOPs at the compute peak, no faster than one
     * read of the weights. */
    r->prefill_s = r->weights_gib * MEMORY_BYTES_PER_GIB /
                   (SERVE_BW_EFFICIENCY * r->bandwidth_gbs * SERVE_GB);
    if (r->tflops > 0.0) {
        double c = SERVE_FLOPS_PER_PARAM * r->active_params * (double)prompt /
                   (SERVE_COMPUTE_EFFICIENCY * r->tflops * SERVE_TERA);
        if (c > r->prefill_s)
            r->prefill_s = c;
    }
    serve_load(q, r);
    return 0;
}
