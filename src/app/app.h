/* app.h - the front end's pure update: events in, a new state and plan out.
 *
 * Layer 2 (app): no I/O, no curses. The state is state.h's; app_update()
 * runs the action bound to a key (actions.h) or the mouse's (mouse.h) and
 * recomputes the plan when, and only when, the query changed. */
#ifndef QS_APP_H
#define QS_APP_H

#include "app/input.h"
#include "app/state.h"
#include "model/query.h"

/* What app_update() asks of the loop. */
typedef enum {
    APP_REDO_NOTHING,          /* nothing visible changed: draw nothing */
    APP_REDO_DRAW              /* draw a frame */
} app_redo;

/* Initialises the state on a copy of q for a cols x rows terminal: bits
 * and baseline clamped to the slider's range, the default targets added
 * when q has none, focus on the slider, nothing open, the plan computed. */
void app_init(app_state *s, const qs_query *q, int cols, int rows);

/* Applies one event; recomputes the plan when the query changed. Pure:
 * changes nothing but *s. Returns whether a frame is needed. */
app_redo app_update(app_state *s, const in_event *ev);

/* Replaces the query (this machine's devices found after start-up, say),
 * keeping what the front end shows of it, and recomputes the plan. */
void app_requery(app_state *s, const qs_query *q);

/* Recomputes the plan (and the open table) from the query; for callers
 * that changed s->query directly. */
void app_replan(app_state *s);

/* The program was stopped and resumed (Ctrl-Z, fg) or lost its input for
 * a while: a drag whose release went to someone else ends here, so that a
 * later motion report does not move the knob. */
void app_resumed(app_state *s);

#endif
