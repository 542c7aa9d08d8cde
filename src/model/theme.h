/* theme.h - the front end's colour themes, by name.
 *
 * Layer 1 (model): names only, so that the options (cli) and the state
 * (app) read the same table; the terminal layer (tui/crt.c) maps each
 * theme to its attributes. default: the usual colours on the terminal's
 * own background; projector: no dim text, no yellow or cyan, bold
 * high-contrast numbers (readable on a washed-out projector); light: for
 * light terminal backgrounds (no yellow or cyan text); mono: no colour at
 * all. NO_COLOR, a monochrome terminal and TERM=vt100 still win: colour
 * is then never used, whichever theme is chosen. */
#ifndef QS_THEME_H
#define QS_THEME_H

typedef enum {
    THEME_DEFAULT = 0,
    THEME_PROJECTOR,
    THEME_LIGHT,
    THEME_MONO,
    THEME_COUNT
} qs_theme;

/* "default", "projector", "light", "mono"; NULL out of range. */
const char *theme_name(qs_theme t);

/* The theme named `name` (any case): 0 with *out set, -1 when none is. */
int theme_find(const char *name, qs_theme *out);

/* The next theme after t, in the order above (the theme key cycles). */
qs_theme theme_next(qs_theme t);

/* "default, projector, light, mono": for messages. */
const char *theme_names(void);

#endif
