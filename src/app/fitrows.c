/* fitrows.c - hardware-fit rows, details and table cells for the front end. */
#include <string.h>

#include "app/fitrows.h"

fit_config fitrows_config(const app_state *s)
{
    fit_config c = fit_config_default(s->params, s->bits, s->preset);

    c.ctx = app_ctx(s);
    c.kv_bits = s->kv_bits;
    c.overhead_gib = s->overhead_gib;
    return c;
}

fit_need fitrows_need(const app_state *s)
{
    fit_config c = fitrows_config(s);

    return fit_need_of(&c);
}

/* RAM that a GPU can spill layers into: this machine's, not for itself. */
static double fitrows_ram(const app_state *s, const qs_device *d)
{
    return d->kind == DEV_KIND_HOST ? 0.0 : s->host.capacity_gib;
}

static void fitrows_one(const app_state *s, const fit_need *need, const fit_config *c,
                        const qs_device *d, fitrows_row *row)
{
    fit_result r = fit_on_device(need, c, d, s->apple_share, fitrows_ram(s, d));

    row->name = d->name;
    row->device = d;
    row->known = r.ok;     /* a known need on a positive capacity */
    row->need_gib = need->total_gib;
    row->usable_gib = r.usable_gib;
    row->share = r.share;
    row->headroom_gib = r.headroom_gib;
    row->verdict = r.verdict;
    row->gpu_layers = r.gpu_layers;
    row->layers = c->arch != NULL ? c->arch->layers : 0;
}

size_t fitrows_compute(const app_state *s, fitrows_row *out, size_t max)
{
    fit_config c = fitrows_config(s);
    fit_need need = fit_need_of(&c);
    size_t i, n = 0;

    for (i = 0; i < app_device_count(s) && n < max; i++)
        fitrows_one(s, &need, &c, app_device(s, i), &out[n++]);
    return n;
}

int fitrows_detail_of(const app_state *s, size_t i, fitrows_detail *out)
{
    fit_config c = fitrows_config(s);
    fit_need need = fit_need_of(&c);
    const qs_device *d = app_device(s, i);
    double tok;

    memset(out, 0, sizeof *out);
    if (d == NULL)
        return -1;
    fitrows_one(s, &need, &c, d, &out->row);
    if (!need.ok || !out->row.known)
        return -1;
    out->best = fit_best_format(&c, d, s->apple_share);
    out->max_ctx = fit_max_ctx(&c, d, s->apple_share);
    out->model_max_ctx = c.arch != NULL ? c.arch->max_ctx : 0;
    tok = fit_decode_ceiling(&c, d);
    out->tok_s = out->row.verdict != FIT_NO_FIT && tok > 0.0 ? tok : 0.0;
    return 0;
}

fitrows_cell fitrows_table_cell(const app_state *s, const qs_format *f, size_t i)
{
    fitrows_cell cell = { 0.0, 0.0, FIT_NO_FIT, 0 };
    fit_config c = fitrows_config(s);
    const qs_device *d = app_device(s, i);
    fit_need need;
    fit_result r;

    if (f == NULL || d == NULL)
        return cell;
    c.bits = f->bits;
    need = fit_need_of(&c);
    r = fit_on_device(&need, &c, d, s->apple_share, 0.0);
    cell.need_gib = need.total_gib;
    cell.share = r.share;
    cell.verdict = r.verdict;
    cell.ok = r.ok;        /* a known need on a positive capacity */
    return cell;
}

const char *fitrows_short_verdict(fit_verdict v)
{
    switch (v) {
    case FIT_FITS:
        return "fits";
    case FIT_TIGHT:
        return "tight";
    case FIT_NO_FIT:
        return "NO";
    }
    return "?";
}

/* Appends words from *p to line (at most width bytes); a first word longer
 * than width is cut. Leaves *p at the first word that did not fit. */
static void fitrows_fill(const char **p, int width, char *line)
{
    size_t len = 0, cap = FITROWS_HEAD_MAX - 1;
    const char *q = *p;

    if (width < 0)
        width = 0;
    if ((size_t)width < cap)
        cap = (size_t)width;
    line[0] = '\0';
    for (;;) {
        size_t w = 0, need;

        while (*q == ' ')
            q++;
        while (q[w] != '\0' && q[w] != ' ')
            w++;
        if (w == 0)
            break;
        need = len == 0 ? w : len + 1 + w;
        if (need > cap) {
            if (len == 0) {            /* one long word: cut it */
                memcpy(line, q, cap);
                len = cap;
                q += w;
            }
            break;
        }
        if (len > 0)
            line[len++] = ' ';
        memcpy(line + len, q, w);
        len += w;
        q += w;
    }
    line[len] = '\0';
    *p = q;
}

void fitrows_header(const char *name, int width, char *line1, char *line2)
{
    const char *p = name != NULL ? name : "";

    fitrows_fill(&p, width, line1);
    fitrows_fill(&p, width, line2);
}
