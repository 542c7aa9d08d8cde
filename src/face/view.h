/* view.h - drawing the front end from the state, one file per screen.
 *
 * Layer 3 (faces). Views only draw into stdscr from the app state and its
 * layout (app/layout.h); they never change the state and never refresh:
 * the loop calls view_draw() after erase() and sends one doupdate(). */
#ifndef QS_VIEW_H
#define QS_VIEW_H

#include "app/app.h"
#include "app/layout.h"
#include "face/crt.h"
#include "model/fit.h"

/* The whole frame for the state: the main screen, or the size message,
 * with the open overlay on top. */
void view_draw(const app_state *s);

/* Text at (y, x) in the attributes of `role`, clipped at the right edge
 * and at max_cols columns (< 0: no limit); UTF-8 counts one column per
 * character. Returns the column after the text. Off-screen rows are skipped. */
int view_put(int y, int x, int max_cols, crt_role role, const char *text);

/* view_put() with explicit curses attributes instead of a role. */
int view_put_attr(int y, int x, int max_cols, int attr, const char *text);

/* The glyph g repeated n times from (y, x). Returns the column after it. */
int view_repeat(int y, int x, int n, crt_role role, crt_glyph_id g);
int view_repeat_attr(int y, int x, int n, int attr, crt_glyph_id g);

/* n blank columns from (y, x) in the attributes of `role` (a reverse-video
 * bar, say), clipped at the right edge; off-screen rows are skipped. */
void view_fill(int y, int x, int n, crt_role role);

/* The attributes of a bar in the colours of `role`: without bold when
 * colours are on (a colour change alone costs a few bytes on the wire, a
 * bold change a full attribute reset), the role's own otherwise, where
 * bold and reverse carry the meaning. */
int view_bar_attr(crt_role role);

/* The colour role of a verdict: CRT_FITS, CRT_TIGHT or CRT_NO_FIT. */
crt_role view_verdict_role(fit_verdict v);

/* A box with a title in its top border, its inside blanked. */
void view_box(int y, int x, int h, int w, const char *title);

/* view_main.c: the main screen (model, slider, numbers, fit). */
void view_main_draw(const app_state *s, const app_layout *l);

/* view_main.c: "terminal too small: need 40x12, have WxH". */
void view_main_draw_small(const app_layout *l);

/* view_picker.c: the model picker overlay. */
void view_picker_draw(const app_state *s, const app_layout *l);

/* view_help.c: the help overlay. */
void view_help_draw(const app_state *s, const app_layout *l);

/* view_table.c: the table overlay (the whole screen): every named
 * precision as a row, the devices as columns. */
void view_table_draw(const app_state *s, const app_layout *l);

#endif
