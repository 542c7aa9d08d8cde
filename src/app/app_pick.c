/* app_pick.c - the model picker's rows for the filter typed, and each
 * row's verdict on the selected device. */
#include <math.h>

#include "app/state.h"
#include "model/parse.h"
#include "model/stored.h"
#include "model/suggest.h"

/* 1 when the model's id, name or family contains the filter (any case; an
 * empty filter matches every model). */
static int app_pick_matches(const app_state *s, const qs_model *m)
{
    return models_matches(m, s->filter);
}

/* The bare size the filter gives, if any. */
static int app_pick_custom(const app_state *s, double *params)
{
    return s->filter[0] != '\0' && parse_params(s->filter, params) == 0;
}

/* The selected device, or NULL when there is none. */
static const qs_device *app_pick_device(const app_state *s)
{
    return s->sel < s->query.ndevices ? &s->query.devices[s->sel] : NULL;
}

const char *app_pick_device_name(const app_state *s)
{
    const qs_device *d = app_pick_device(s);

    return d != NULL ? d->name : NULL;
}

/* The current weights for a model that is not the current one: a named
 * format at its own bits (a variable-rate one at the rate asked), else the
 * plain bits. The exact size of a format for each row would need its
 * tensor list (exact_fill, which allocates) for every row drawn. */
static double app_pick_bits(const qs_query *q)
{
    if (q->format == NULL)
        return q->bits;
    return q->format->bits_hi > 0.0 && q->rate > 0.0 ? q->rate : q->format->bits;
}

/* The context a pick of m would keep: the current one within m's range,
 * as ops_set_model clamps it (app_ctx_clamp, app_steps.c). */
static long app_pick_ctx(const qs_query *q, const qs_model *m)
{
    long max = m != NULL && m->ctx > 0 && m->ctx < APP_CTX_CAP ? m->ctx : APP_CTX_CAP;
    long lo = APP_CTX_MIN < max ? APP_CTX_MIN : max;

    return q->ctx < lo ? lo : q->ctx > max ? max : q->ctx;
}

/* The fit configuration the row would have once picked. */
static fit_config app_pick_config(const qs_query *q, const app_pick_row *row)
{
    const qs_model *m = row->model, *shape = m;
    double bits = app_pick_bits(q), params = m != NULL ? m->total : row->params;
    fit_config c;

    /* The current model (or size): the plan's own configuration. */
    if (m == q->model && params == q->params)
        return query_fit_config(q, q->bits);
    if (m != NULL && m->stored != NULL) {
        bits = stored_bits(m->stored, m->total);
        shape = m->stored->arch_known ? m : NULL;
    } else if (m == NULL) {
        shape = q->shape_custom ? q->shape : models_nearest(q->catalog, q->family, params);
    }
    c = fit_config_default(params, bits, shape);
    /* A bare size shaped like a mixture of experts reads the same share,
     * in whole parameters (as query_fit_config). */
    if (m == NULL && shape != NULL && shape->arch.moe.experts > 0 && shape->total > 0.0)
        c.active_params = floor(params * (shape->active / shape->total) + 0.5);
    c.ctx = app_pick_ctx(q, m);
    c.batch = q->batch;
    c.kv_bits = q->kv_bits;
    c.overhead_gib = q->overhead_gib;
    return c;
}

int app_pick_verdict(const app_state *s, const app_pick_row *row, fit_verdict *v)
{
    const qs_device *d = app_pick_device(s);
    fit_config c;
    fit_need need;
    fit_result r;

    if (d == NULL || row == NULL)
        return -1;
    c = app_pick_config(&s->query, row);
    need = fit_need_of(&c);
    /* The verdict does not depend on the RAM a partial offload spills into
     * (only the layers on the GPU do); this machine's RAM spills nowhere,
     * as plan.c has it. */
    r = fit_on_device(&need, &c, d, s->query.apple_share,
                      d->kind == DEV_KIND_HOST ? 0.0 : s->query.ram_gib);
    if (!r.ok)
        return -1;
    *v = r.verdict;
    return 0;
}

/* 1 when the row is listed under the fits-only filter: the bare size
 * always, a model unless its verdict is "no fit" (one that cannot be
 * said stays). */
static int app_pick_shown(const app_state *s, const app_pick_row *row)
{
    fit_verdict v;

    if (!s->pick_fits || row->model == NULL)
        return 1;
    return app_pick_verdict(s, row, &v) != 0 || v != FIT_NO_FIT;
}

/* Slot 0 is the bare size, slot k > 0 the catalog's model k - 1: 1 and
 * *row when the slot is a listed row, else 0. */
static int app_pick_slot(const app_state *s, size_t slot, app_pick_row *row)
{
    const qs_model *m;

    if (slot == 0) {
        row->model = NULL;
        row->local = 0;
        return app_pick_custom(s, &row->params);
    }
    m = models_get(s->query.catalog, slot - 1);
    if (m == NULL || !app_pick_matches(s, m))
        return 0;
    row->model = m;
    row->params = m->total;
    row->local = m->stored != NULL;
    return app_pick_shown(s, row);
}

/* The number of slots: the bare size's and one per catalog model. */
static size_t app_pick_slots(const app_state *s)
{
    return models_count(s->query.catalog) + 1;
}

size_t app_pick_window(const app_state *s, size_t first, app_pick_row *rows, size_t max,
                       size_t *count)
{
    size_t slot, n = 0, filled = 0, slots = app_pick_slots(s);
    app_pick_row r;

    for (slot = 0; slot < slots; slot++) {
        if (!app_pick_slot(s, slot, &r))
            continue;
        if (n >= first && filled < max)
            rows[filled++] = r;
        n++;
        if (count == NULL && filled == max)
            break;
    }
    if (count != NULL)
        *count = n;
    return filled;
}

size_t app_pick_count(const app_state *s)
{
    size_t n;

    (void)app_pick_window(s, 0, NULL, 0, &n);
    return n;
}

int app_pick_get(const app_state *s, size_t idx, app_pick_row *row)
{
    return app_pick_window(s, idx, row, 1, NULL) == 1 ? 0 : -1;
}

long app_pick_index_of(const app_state *s, const qs_model *m)
{
    size_t slot, n = 0, slots = app_pick_slots(s);
    app_pick_row r;

    for (slot = 0; slot < slots; slot++) {
        if (!app_pick_slot(s, slot, &r))
            continue;
        if (r.model == m)
            return (long)n;
        n++;
    }
    return -1;
}
