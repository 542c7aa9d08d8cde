/* fit.c - does a model at a precision fit on a device, and what fits best.
 *
 * Total = weights + KV cache + overhead (issue 4); thresholds and the
 * overhead default are documented in fit.h with their sources. */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "model/fit.h"
#include "model/kvarch.h"
#include "model/kvcache.h"
#include "model/memory.h"
#include "model/parse.h"

fit_config fit_config_default(double params, double bits, const qs_model *model)
{
    fit_config c;

    c.params = params;
    c.active_params = (model != NULL && model->total == params) ? model->active : params;
    c.bits = bits;
    c.model = model;
    c.ctx = FIT_DEFAULT_CTX;
    c.batch = FIT_DEFAULT_BATCH;
    c.kv_bits = KV_BITS_F16;
    c.overhead_gib = FIT_DEFAULT_OVERHEAD_GIB;
    c.exact = NULL;
    c.kv = NULL;
    return c;
}

/* 1 when the configuration can be evaluated. An active_params of 0 means
 * "dense" (= params). */
static int fit_config_valid(const fit_config *c)
{
    if (c == NULL || !memory_is_positive(c->params) || !memory_is_positive(c->bits) ||
        c->bits > PARSE_BITS_MAX || !(c->overhead_gib >= 0.0) || !isfinite(c->overhead_gib))
        return 0;
    if (!(c->active_params >= 0.0) || c->active_params > c->params)
        return 0;
    if (c->ctx < 1 || c->ctx > PARSE_CTX_MAX || c->batch < 1)
        return 0;
    if (c->model != NULL && (!memory_is_positive(c->kv_bits) || c->kv_bits > PARSE_BITS_MAX))
        return 0;
    return 1;
}

static double fit_active(const fit_config *c)
{
    return c->active_params > 0.0 ? c->active_params : c->params;
}

fit_need fit_need_of(const fit_config *c)
{
    fit_need n;
    double w;

    memset(&n, 0, sizeof n);
    n.weights_gib = n.kv_gib = n.overhead_gib = n.total_gib = MEMORY_ERROR;
    if (!fit_config_valid(c))
        return n;
    w = memory_footprint_gib(c->params, c->bits);
    if (w == MEMORY_ERROR)
        return n;
    n.kv_gib = 0.0;
    memset(&n.kv, 0, sizeof n.kv);
    if (c->model != NULL) {
        double bytes = c->kv != NULL
                           ? kvarch_profile_size(c->kv, c->ctx, c->kv_bits, c->batch, &n.kv)
                           : kvarch_size(&c->model->arch, c->ctx, c->kv_bits, c->batch, &n.kv);

        if (bytes == MEMORY_ERROR) {
            n.kv_gib = MEMORY_ERROR;
            return n;
        }
        n.kv_gib = bytes / MEMORY_BYTES_PER_GIB;
        n.kv_known = 1;
    }
    n.weights_gib = w;
    n.overhead_gib = c->overhead_gib;
    n.total_gib = w + n.kv_gib + c->overhead_gib;
    n.ok = isfinite(n.total_gib);
    return n;
}

/* Unified memory has no separate RAM pool to spill layers into: Apple,
 * phones, and the rows whose GPU has a share of one pool (split.c has the
 * same rule). */
static int fit_can_offload(const qs_device *d)
{
    return d->is_gpu && d->kind != DEV_KIND_APPLE && d->kind != DEV_KIND_PHONE &&
           d->gpu_share >= DEVICES_FULL_SHARE;
}

int fit_layers_in(double avail, double per_layer, int layers)
{
    double q;
    long n;

    if (layers < 1 || !(avail > 0.0) || !memory_is_positive(per_layer))
        return 0;
    q = floor(avail / per_layer);
    if (q >= (double)layers)
        return layers;
    n = (long)q;
    while (n > 0 && (double)n * per_layer > avail)
        n--;
    while (n < layers && (double)(n + 1) * per_layer <= avail)
        n++;
    return (int)n;
}

fit_result fit_on_device(const fit_need *need, const fit_config *c, const qs_device *d,
                         double apple_share, double ram_gib)
{
    fit_result r = { FIT_NO_FIT, MEMORY_ERROR, MEMORY_ERROR, MEMORY_ERROR,
                     -1, 0 };
    double usable;

    if (need == NULL || !need->ok || d == NULL || !(ram_gib >= 0.0) || !isfinite(ram_gib))
        return r;
    usable = devices_usable_gib(d, devices_share(d, apple_share));
    if (usable == MEMORY_ERROR)
        return r;
    r.usable_gib = usable;
    r.share = need->total_gib / usable;
    r.headroom_gib = usable - need->total_gib;
    if (r.share <= FIT_SHARE_FITS)
        r.verdict = FIT_FITS;
    else if (r.share <= FIT_SHARE_TIGHT)
        r.verdict = FIT_TIGHT;
    else
        r.verdict = FIT_NO_FIT;
    r.ok = 1;

    if (r.verdict == FIT_NO_FIT && ram_gib > 0.0 && c != NULL && c->model != NULL &&
        c->model->arch.layers > 0 && fit_can_offload(d) && need->total_gib <= usable + ram_gib) {
        int layers = c->model->arch.layers;
        double per_layer = (need->weights_gib + need->kv_gib) / (double)layers;
        int n = fit_layers_in(usable - need->overhead_gib, per_layer, layers);
        r.gpu_layers = n < layers ? n : layers - 1;
        r.verdict = FIT_OFFLOAD;
    }
    return r;
}

/* 1 when c does not get "no fit" on d. */
static int fit_not_no_fit(const fit_config *c, const qs_device *d, double apple_share)
{
    fit_need n = fit_need_of(c);
    fit_result r;

    if (!n.ok)
        return 0;
    r = fit_on_device(&n, c, d, apple_share, 0.0);
    return r.ok && r.verdict != FIT_NO_FIT;
}

const qs_format *fit_best_format(const fit_config *c, const qs_device *d, double apple_share)
{
    size_t i;
    fit_config t;

    if (!fit_config_valid(c) || d == NULL)
        return NULL;
    t = *c;
    for (i = 0; i < formats_count(); i++) {
        const qs_format *f = formats_get(i);
        if (f == NULL || f->family == FMT_FAMILY_TERNARY)
            continue;
        t.bits = exact_bits(c->exact, f);
        if (fit_not_no_fit(&t, d, apple_share))
            return f;
    }
    return NULL;
}

long fit_max_ctx(const fit_config *c, const qs_device *d, double apple_share)
{
    fit_config t;
    long lo, hi, top;

    if (!fit_config_valid(c) || c->model == NULL || d == NULL)
        return -1;
    top = c->model->ctx;
    if (top > PARSE_CTX_MAX)
        top = PARSE_CTX_MAX;
    if (top < 1)
        return -1;
    t = *c;
    t.ctx = 1;
    if (!fit_not_no_fit(&t, d, apple_share))
        return 0;
    t.ctx = top;
    if (fit_not_no_fit(&t, d, apple_share))
        return top;
    /* Invariant: lo fits (not "no fit"), hi does not; the need grows with ctx. */
    lo = 1;
    hi = top;
    while (hi - lo > 1) {
        long mid = lo + (hi - lo) / 2;
        t.ctx = mid;
        if (fit_not_no_fit(&t, d, apple_share))
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

double fit_decode_ceiling(const fit_config *c, const qs_device *d)
{
    fit_need n;
    double bytes;

    if (!fit_config_valid(c) || d == NULL)
        return MEMORY_ERROR;
    if (!memory_is_positive(d->bandwidth_gbps))
        return 0.0;
    n = fit_need_of(c);
    if (!n.ok)
        return MEMORY_ERROR;
    bytes = fit_active(c) * c->bits / MEMORY_BITS_PER_BYTE + n.kv_gib * MEMORY_BYTES_PER_GIB;
    return d->bandwidth_gbps * MEMORY_BYTES_PER_GB / bytes;
}

const char *fit_verdict_word(fit_verdict v)
{
    switch (v) {
    case FIT_FITS:
        return "fits";
    case FIT_TIGHT:
        return "tight";
    case FIT_OFFLOAD:
        return "offload";
    case FIT_NO_FIT:
        return "no fit";
    }
    return "?";
}
