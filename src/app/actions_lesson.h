/* actions_lesson.h - the handlers of the lesson's actions (actions.h):
 * the classic track (c), the theme (T), the lesson walk (--lesson:
 * Space/Right next, Left/Backspace back, Esc leaves).
 *
 * Layer 2 (app): pure; each changes only *s. */
#ifndef QS_ACTIONS_LESSON_H
#define QS_ACTIONS_LESSON_H

#include "app/input.h"
#include "app/state.h"

void actions_lesson_classic(app_state *s, const in_event *ev, int arg);
void actions_lesson_theme(app_state *s, const in_event *ev, int arg);
/* arg: +1 the next stop, -1 the previous (clamped to the first and the
 * last, lesson.h); the query becomes the stop's model and format, so that
 * every number on the screen is the model layer's for it. */
void actions_lesson_step(app_state *s, const in_event *ev, int arg);

/* Starts the lesson walk at its first stop (tui.c, for --lesson); the
 * caller recomputes the plan for it (app_replan). */
void actions_lesson_start(app_state *s);
/* Leaves the lesson walk for the main screen (Esc), which shows the last
 * stop's query. */
void actions_lesson_leave(app_state *s);

#endif
