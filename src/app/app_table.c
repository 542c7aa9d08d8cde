/* app_table.c - the table overlay's order and selection (state.h): the
 * rows sorted by bits, by need on a device or by name, and the first row
 * shown so that the selected one is in view. The needs are the cells of
 * plan_table_cell (model/plan.h); nothing here computes a fit. */
#include <stdio.h>
#include <strings.h>

#include "app/state.h"

app_table_sort_id app_table_sort_of(const app_state *s)
{
    int k = s->table_sort % APP_TABLE_SORT_COUNT;

    return (app_table_sort_id)(k < 0 ? k + APP_TABLE_SORT_COUNT : k);
}

size_t app_table_sort_device(const app_state *s)
{
    return s->sel < s->query.ndevices ? s->sel : 0;
}

const char *app_table_sort_name(const app_state *s, char *buf, size_t size)
{
    size_t d = app_table_sort_device(s);

    switch (app_table_sort_of(s)) {
    case APP_TABLE_SORT_NEED:
        (void)snprintf(buf, size, "by need on %s",
                       d < s->query.ndevices && s->query.devices[d].name != NULL
                           ? s->query.devices[d].name
                           : "no device");
        break;
    case APP_TABLE_SORT_NAME:
        (void)snprintf(buf, size, "%s", "by name");
        break;
    case APP_TABLE_SORT_BITS:
    case APP_TABLE_SORT_COUNT:
        (void)snprintf(buf, size, "%s", "by bits");
        break;
    }
    return buf;
}

/* The need of format row f on device d: the open table's cell, else
 * plan_table_cell's; a negative value when there is none. */
static double app_table_need(const app_state *s, size_t f, size_t d)
{
    plan_cell c;

    if (d >= s->query.ndevices)
        return -1.0;
    c = s->table_valid ? s->table[f][d] : plan_table_cell(&s->query, formats_get(f), d);
    return c.ok && c.need_gib > 0.0 ? c.need_gib : -1.0;
}

/* 1 when row a goes strictly before row b in sort k (by bits: never, the
 * formats' order stays); rows that compare equal keep the formats' order
 * (the sort below is stable). */
static int app_table_before(app_table_sort_id k, const double *need, size_t a, size_t b)
{
    if (k == APP_TABLE_SORT_NEED) {
        if (need[a] < 0.0 || need[b] < 0.0)
            return need[a] >= 0.0 && need[b] < 0.0;   /* a need before none */
        return need[a] < need[b];
    }
    if (k == APP_TABLE_SORT_NAME)
        return strcasecmp(formats_get(a)->name, formats_get(b)->name) < 0;
    return 0;
}

size_t app_table_order(const app_state *s, size_t *order)
{
    double need[APP_TABLE_ROWS_MAX];
    size_t n = app_table_rows(), i, j, d = app_table_sort_device(s);
    app_table_sort_id k = app_table_sort_of(s);

    for (i = 0; i < n; i++) {
        order[i] = i;
        need[i] = k == APP_TABLE_SORT_NEED ? app_table_need(s, i, d) : 0.0;
    }
    /* insertion sort: stable, and at most APP_TABLE_ROWS_MAX rows */
    for (i = 1; i < n; i++) {
        size_t v = order[i];

        for (j = i; j > 0 && app_table_before(k, need, v, order[j - 1]); j--)
            order[j] = order[j - 1];
        order[j] = v;
    }
    return n;
}

size_t app_table_pos(const app_state *s)
{
    size_t order[APP_TABLE_ROWS_MAX];
    size_t n = app_table_order(s, order), i;

    for (i = 0; i < n; i++)
        if (order[i] == s->table_sel)
            return i;
    return 0;
}

size_t app_table_first(const app_state *s)
{
    app_layout l;
    size_t top = s->table_top, max = app_table_top_max(s), pos = app_table_pos(s), shown;

    app_layout_of(s, &l);
    shown = l.table_list_n > 0 ? (size_t)l.table_list_n : 1;
    if (pos < top)
        top = pos;
    else if (pos >= top + shown)
        top = pos + 1 - shown;
    return top > max ? max : top;
}
