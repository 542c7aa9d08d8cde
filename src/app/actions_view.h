/* actions_view.h - the handlers of the views' actions (actions.h): pin
 * a configuration to compare the next with it (p), the rounding panel
 * (d), the table's sort (s) and its Enter (the row's precision).
 *
 * Layer 2 (app): pure; each changes only *s. */
#ifndef QS_ACTIONS_VIEW_H
#define QS_ACTIONS_VIEW_H

#include "app/input.h"
#include "app/state.h"

void actions_view_pin(app_state *s, const in_event *ev, int arg);
void actions_view_rounding(app_state *s, const in_event *ev, int arg);
void actions_view_table_sort(app_state *s, const in_event *ev, int arg);
void actions_view_table_apply(app_state *s, const in_event *ev, int arg);

#endif
