/* frame.h - the whole frame for the state.
 *
 * Layer: tui. The loop calls frame_draw() after erase() and sends one
 * doupdate(). */
#ifndef QS_FRAME_H
#define QS_FRAME_H

#include "app/app.h"

/* Draws the main screen, or the size message, with the open overlay on
 * top. */
void frame_draw(const app_state *s);

#endif
