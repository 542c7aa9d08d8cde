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
/* arg: +1 the next stop, -1 the previous. */
void actions_lesson_step(app_state *s, const in_event *ev, int arg);

/* Starts the lesson walk at its first stop (tui.c, for --lesson). */
void actions_lesson_start(app_state *s);
/* Leaves the lesson walk for the main screen (Esc). */
void actions_lesson_leave(app_state *s);

#endif
