/* actions_view.c - the views' actions (actions_view.h). */
#include "app/actions_view.h"

void actions_view_pin(app_state *s, const in_event *ev, int arg)
{
    (void)s;
    (void)ev;
    (void)arg;
}

void actions_view_rounding(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    s->overlay = s->overlay == APP_OVERLAY_ROUNDING ? APP_OVERLAY_NONE : APP_OVERLAY_ROUNDING;
}

void actions_view_table_sort(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    s->table_sort++;
}

void actions_view_table_apply(app_state *s, const in_event *ev, int arg)
{
    (void)s;
    (void)ev;
    (void)arg;
}
