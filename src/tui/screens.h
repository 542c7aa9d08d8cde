/* screens.h - one draw function per screen, as frame.c composes them.
 *
 * Layer: tui. A screen draws rows from the app state and its layout
 * (app/layout.h) with the primitives of draw.h; it never changes the state
 * and never refreshes: the loop calls frame_draw() after erase() and sends
 * one doupdate(). */
#ifndef QS_SCREENS_H
#define QS_SCREENS_H

#include "app/app.h"
#include "app/layout.h"

/* screen_main.c: the main screen (model, slider, numbers, fit). */
void screen_main_draw(const app_state *s, const app_layout *l);

/* screen_main.c: "terminal too small: need 40x12, have WxH". */
void screen_main_draw_small(const app_layout *l);

/* screen_picker.c: the model picker overlay. */
void screen_picker_draw(const app_state *s, const app_layout *l);

/* screen_help.c: the help overlay. */
void screen_help_draw(const app_state *s, const app_layout *l);

/* screen_table.c: the table overlay (the whole screen): every named
 * precision as a row, the devices as columns. */
void screen_table_draw(const app_state *s, const app_layout *l);

#endif
