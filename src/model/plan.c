/* plan.c - a query's answer, computed once for every face. */
#include <string.h>

#include "model/plan.h"

/* RAM a device's partial offload may spill into: this machine's, for a
 * GPU; none for this machine's RAM itself. */
static double plan_spill_gib(const qs_query *q, const qs_device *d)
{
    return d->kind == DEV_KIND_HOST ? 0.0 : q->ram_gib;
}

static void plan_device_of(const qs_query *q, const fit_config *c, const fit_need *need,
                           size_t i, plan_device *out)
{
    const qs_device *d = &q->devices[i];
    double tok;

    memset(out, 0, sizeof *out);
    out->device = *d;
    out->host = i < q->nhost;
    out->fit = fit_on_device(need, c, d, q->apple_share, plan_spill_gib(q, d));
    out->max_ctx = -1;
    if (!out->fit.ok)
        return;
    out->best = fit_best_format(c, d, q->apple_share);
    out->max_ctx = fit_max_ctx(c, d, q->apple_share);
    /* No speed where it does not fit: the bound would be the device's,
     * not that of the RAM a partial offload would also read. */
    tok = out->fit.verdict != FIT_NO_FIT ? fit_decode_ceiling(c, d) : 0.0;
    out->tok_s = tok > 0.0 ? tok : 0.0;
}

int plan_compute(const qs_query *q, qs_plan *p)
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
    for (i = 0; i < q->ndevices && i < QUERY_DEVICES_MAX; i++) {
        plan_device *pd = &p->devices[p->ndevices++];

        plan_device_of(q, &p->config, &p->need, i, pd);
        if (pd->device.kind == DEV_KIND_APPLE)
            p->any_apple = 1;
        if (pd->fit.ok && pd->fit.gpu_layers >= 0)
            p->any_offload = 1;
        if (pd->tok_s > 0.0)
            p->any_tok_s = 1;
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
