/* fitrows.c - hardware-fit rows for the front end. */
#include "app/fitrows.h"

/* Targets after this machine (device catalog ids): an 8 GB and a 16 GB
 * laptop, a 24 GB consumer GPU, an 80 GB and a 141 GB data-centre GPU. */
static const char *const fitrows_targets[] = {
    "laptop-8gb", "laptop-16gb", "rtx-4090", "h100-sxm", "h200",
};

#define FITROWS_N(a) (sizeof(a) / sizeof((a)[0]))

static fit_config fitrows_config(const app_state *s)
{
    return fit_config_default(s->params, s->bits, s->preset);
}

fit_need fitrows_need(const app_state *s)
{
    fit_config c = fitrows_config(s);

    return fit_need_of(&c);
}

static void fitrows_one(const fit_need *need, const fit_config *c, const qs_device *d,
                        fitrows_row *row)
{
    fit_result r = fit_on_device(need, c, d, 0.0, 0.0);

    row->name = d->name;
    row->known = r.ok && d->capacity_gib > 0.0;
    row->need_gib = need->total_gib;
    row->usable_gib = r.usable_gib;
    row->share = r.share;
    row->verdict = r.verdict;
}

size_t fitrows_compute(const app_state *s, fitrows_row *out, size_t max)
{
    fit_config c = fitrows_config(s);
    fit_need need = fit_need_of(&c);
    size_t i, n = 0;

    if (max == 0)
        return 0;
    fitrows_one(&need, &c, &s->host, &out[n]);
    n++;
    for (i = 0; i < FITROWS_N(fitrows_targets) && n < max; i++) {
        const qs_device *d = devices_find(fitrows_targets[i]);
        if (d != NULL)
            fitrows_one(&need, &c, d, &out[n++]);
    }
    return n;
}
