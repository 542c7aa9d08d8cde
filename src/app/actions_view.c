/* actions_view.c - the views' actions (actions_view.h). */
#include "app/actions_view.h"
#include "app/ops.h"

/* p: the query and its plan as they are now, kept to compare with what
 * comes next (the main screen shows both, screen_pin.c); p again lets go. */
void actions_view_pin(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    if (s->pinned) {
        s->pinned = 0;
        ops_msg(s, "unpinned");
        return;
    }
    s->pin_query = s->query;
    s->pin_plan = s->plan;
    s->pinned = 1;
    ops_msg(s, "pinned: change the model, the bits or the context to compare (p unpins)");
}

void actions_view_rounding(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    s->overlay = s->overlay == APP_OVERLAY_ROUNDING ? APP_OVERLAY_NONE : APP_OVERLAY_ROUNDING;
}

/* s: the table's next order (by bits -> by need -> by name, state.h). */
void actions_view_table_sort(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    ops_table_sort(s);
}

/* Enter in the table: the selected row's precision, and the table closes. */
void actions_view_table_apply(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    ops_table_apply(s);
}
