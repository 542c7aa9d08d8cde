/* app_pick.c - the model picker's rows for the filter typed. */
#include "app/state.h"
#include "model/parse.h"
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

size_t app_pick_count(const app_state *s)
{
    double p;
    size_t i, n = (size_t)app_pick_custom(s, &p);

    for (i = 0; i < models_count(s->query.catalog); i++)
        if (app_pick_matches(s, models_get(s->query.catalog, i)))
            n++;
    return n;
}

int app_pick_get(const app_state *s, size_t idx, app_pick_row *row)
{
    double p;
    size_t i, n = 0;

    if (app_pick_custom(s, &p)) {
        if (idx == 0) {
            row->model = NULL;
            row->params = p;
            return 0;
        }
        n = 1;
    }
    for (i = 0; i < models_count(s->query.catalog); i++) {
        const qs_model *m = models_get(s->query.catalog, i);
        if (!app_pick_matches(s, m))
            continue;
        if (n == idx) {
            row->model = m;
            row->params = m->total;
            return 0;
        }
        n++;
    }
    return -1;
}
