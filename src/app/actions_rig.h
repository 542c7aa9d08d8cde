/* actions_rig.h - the handlers of the rig, runtime, command and device
 * actions, for the action table (actions.c).
 *
 * Layer 2 (app): pure, inside the app layer only. Each takes the event
 * and its action's argument, as every handler of the table does; none
 * recomputes the plan (app_update does, once the query changed). */
#ifndef QS_ACTIONS_RIG_H
#define QS_ACTIONS_RIG_H

#include "app/input.h"
#include "app/state.h"

/* e (and Enter on the devices): the selected rig's row per GPU. */
void actions_rig_expand(app_state *s, const in_event *ev, int arg);

/* r: the query's runtime, auto -> each runtime -> auto. */
void actions_rig_runtime(app_state *s, const in_event *ev, int arg);

/* c: the command box open / closed. */
void actions_rig_command(app_state *s, const in_event *ev, int arg);

/* a: the device prompt, with the text a refusal left in it; x: the
 * selected target removed. */
void actions_rig_add(app_state *s, const in_event *ev, int arg);
void actions_rig_remove(app_state *s, const in_event *ev, int arg);

/* In the prompt: a character typed or pasted, Backspace, Enter. */
void actions_rig_text(app_state *s, const in_event *ev, int arg);
void actions_rig_edit(app_state *s, const in_event *ev, int arg);
void actions_rig_apply(app_state *s, const in_event *ev, int arg);

/* Esc in the prompt: closed, its text dropped. */
void actions_rig_cancel(app_state *s);

#endif
