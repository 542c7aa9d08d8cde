/* crt_theme.h - inside the terminal layer: the colours of crt_init().
 *
 * Layer: tui, private to crt.c and crt_theme.c (the rest use crt.h's
 * crt_attr, crt_colors, crt_set_theme and crt_live_bold). */
#ifndef QS_CRT_THEME_H
#define QS_CRT_THEME_H

/* After newterm(): finds whether colour may be used (the terminal has it,
 * NO_COLOR is unset or empty, start_color() works) and sets the current
 * theme's colour pairs. */
void crt_theme_setup(void);

#endif
