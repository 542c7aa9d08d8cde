/* draw.h - drawing primitives shared by the screens: clipped text, runs of
 * one glyph, fills, bars and boxes, in the colour roles of crt.h.
 *
 * Layer: tui. Primitives only draw into stdscr; they never refresh. */
#ifndef QS_DRAW_H
#define QS_DRAW_H

#include "model/fit.h"
#include "tui/crt.h"

/* Text at (y, x) in the attributes of `role`, clipped at the right edge
 * and at max_cols columns (< 0: no limit); UTF-8 (the locale's encoding)
 * counts one column per character, a byte sequence that is not a character
 * shows as one '?'. Converted once and drawn as one wide string. Returns
 * the column after the text. Off-screen rows are skipped. */
int draw_text(int y, int x, int max_cols, crt_role role, const char *text);

/* draw_text() with explicit curses attributes instead of a role. */
int draw_text_attr(int y, int x, int max_cols, int attr, const char *text);

/* The glyph g repeated n times from (y, x), clipped at the right edge: one
 * cell repeated (mvhline_set), or the glyph drawn n times when it is more
 * than one character (the ASCII arrow). Returns the column after it. */
int draw_repeat(int y, int x, int n, crt_role role, crt_glyph_id g);
int draw_repeat_attr(int y, int x, int n, int attr, crt_glyph_id g);

/* n blank columns from (y, x) in the attributes of `role` (a reverse-video
 * bar, say), clipped at the right edge; off-screen rows are skipped. */
void draw_fill(int y, int x, int n, crt_role role);

/* The attributes for cells that change on a step (the knob and its label,
 * the numbers, the bars) in the colours of `role`: its colour without bold
 * when colours are on (a colour change costs a few bytes on the wire,
 * leaving bold or dim a full attribute reset with most terminfo entries),
 * the role's own attributes otherwise, where bold and reverse carry the
 * meaning. */
int draw_live_attr(crt_role role);

/* The colour role of a verdict: CRT_FITS, CRT_TIGHT, CRT_OFFLOAD or
 * CRT_NO_FIT (each verdict is also drawn as its word). */
crt_role draw_verdict_role(fit_verdict v);

/* A box with a title in its top border, its inside blanked. */
void draw_box(int y, int x, int h, int w, const char *title);

#endif
