/* app.c - the interactive state: its start, its update, its plan. */
#include <stddef.h>
#include <string.h>

#include "app/actions.h"
#include "app/app.h"
#include "app/mouse.h"
#include "app/ops.h"

/* Targets after this machine when the command line names none (device
 * catalog ids): first the six rows an 80x24 screen shows (issue 3: an 8 GB
 * and a 16 GB laptop, a 24 GB consumer GPU, an 80 GB and a 141 GB
 * data-centre GPU), then what people also run on, shown where a taller
 * screen has the rows and reached by scrolling elsewhere: an 8 GB and a
 * 32 GB consumer GPU and a 64 GB Mac. At most QUERY_TARGETS_MAX, so that
 * this machine's devices always fit beside them. */
static const char *const app_default_targets[] = {
    "laptop-8gb", "laptop-16gb", "rtx-4090", "h100-sxm", "h200",
    "rtx-4060", "rtx-5090", "m3-max-64",
};

#define APP_N(a) (sizeof(a) / sizeof((a)[0]))

_Static_assert(APP_N(app_default_targets) <= QUERY_TARGETS_MAX,
               "the default targets leave room for this machine's devices");

/* The bytes of the state that the plan depends on or the screens show:
 * everything before `plan`. */
#define APP_SHOWN_BYTES offsetof(app_state, plan)

static void app_table_compute(app_state *s)
{
    size_t f, d, nf = app_table_rows();

    for (f = 0; f < nf; f++)
        for (d = 0; d < s->query.ndevices; d++)
            s->table[f][d] = plan_table_cell(&s->query, formats_get(f), d);
    s->table_valid = 1;
}

void app_replan(app_state *s)
{
    /* The plan before is kept: a step of the slider rescales its block
     * table rather than making it anew (plan_update). */
    (void)plan_update(&s->query, &s->plan);   /* plan.ok says whether it could */
    s->table_valid = 0;
    if (s->overlay == APP_OVERLAY_TABLE)
        app_table_compute(s);
}

void app_init(app_state *s, const qs_query *q, int cols, int rows)
{
    size_t i;

    memset(s, 0, sizeof *s);
    s->query = *q;
    ops_set_bits(s, q->format, q->bits);
    ops_set_baseline(s, q->baseline_format, q->baseline_bits);
    if (query_targets(&s->query) == 0)
        for (i = 0; i < APP_N(app_default_targets); i++)
            (void)query_add_device(&s->query, devices_find(app_default_targets[i]), 0);
    s->cols = cols;
    s->rows = rows;
    s->sel = 0;
    s->focus = APP_FOCUS_SLIDER;
    s->overlay = APP_OVERLAY_NONE;
    s->entry = APP_ENTRY_NONE;
    app_replan(s);
}

void app_requery(app_state *s, const qs_query *q)
{
    size_t old = s->query.nhost, i;

    /* This machine's rows come in front of the targets: the rigs open
     * among the targets move down with them (the selection stays a row
     * index: the first row, this machine, until the user moves). */
    if (q->nhost > old && q->ndevices <= QUERY_DEVICES_MAX) {
        size_t by = q->nhost - old;

        for (i = q->ndevices; i-- > q->nhost;)
            s->rig_open[i] = s->rig_open[i - by];
        for (i = old; i < q->nhost; i++)
            s->rig_open[i] = 0;
    }
    memcpy(&s->query, q, sizeof s->query);
    if (s->sel >= s->query.ndevices)
        s->sel = s->query.ndevices > 0 ? s->query.ndevices - 1 : 0;
    app_replan(s);
}

void app_resumed(app_state *s)
{
    s->dragging = 0;
}

/* A key: the action bound to it in the current mode. In an entry, a key
 * that is not the entry's drops it and acts as on the main screen; on the
 * help overlay any other key closes it. */
static void app_key(app_state *s, const in_event *ev)
{
    app_mode m = actions_mode(s);
    app_action_id a = actions_lookup(m, ev);

    if (!ev->paste)
        s->msg[0] = '\0';
    if (a == ACT_COUNT && m == APP_MODE_ENTRY && !ev->paste) {
        ops_entry_drop(s);
        a = actions_lookup(APP_MODE_MAIN, ev);
    } else if (a == ACT_COUNT && m == APP_MODE_HELP && !ev->paste) {
        a = ACT_CANCEL;
    }
    actions_run(s, a, ev);
}

app_redo app_update(app_state *s, const in_event *ev)
{
    unsigned char before[APP_SHOWN_BYTES];
    qs_query q;
    int open = s->overlay == APP_OVERLAY_TABLE;

    memcpy(before, s, sizeof before);
    memcpy(&q, &s->query, sizeof q);
    switch (ev->type) {
    case IN_EV_RESIZE:
        s->cols = ev->cols > 0 ? ev->cols : 0;
        s->rows = ev->rows > 0 ? ev->rows : 0;
        if (s->table_top > app_table_top_max(s))
            s->table_top = app_table_top_max(s);
        break;
    case IN_EV_MOUSE:
        mouse_apply(s, ev);
        break;
    case IN_EV_KEY:
        app_key(s, ev);
        break;
    }
    if (memcmp(&q, &s->query, sizeof q) != 0)
        app_replan(s);
    else if (!open && s->overlay == APP_OVERLAY_TABLE && !s->table_valid)
        app_table_compute(s);
    if (s->sel >= s->query.ndevices)
        s->sel = s->query.ndevices > 0 ? s->query.ndevices - 1 : 0;
    return memcmp(before, s, sizeof before) != 0 ? APP_REDO_DRAW : APP_REDO_NOTHING;
}
