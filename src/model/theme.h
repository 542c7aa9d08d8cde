/* theme.h - the front end's colour themes, by name.
 *
 * Layer 2 (app): names only; the terminal layer (tui/crt.c) maps each
 * theme to its attributes. default: the usual colours on the terminal's
 * own background; projector: no dim text, no yellow or cyan, bold
 * high-contrast numbers (readable on a washed-out projector); light: for
 * light terminal backgrounds (no yellow or cyan text); mono: no colour at
 * all. NO_COLOR, a monochrome terminal and TERM=vt100 still win: colour
 * is then never used, whichever theme is chosen. */
#ifndef QS_THEME_H
#define QS_THEME_H

typedef enum {
    APP_THEME_DEFAULT = 0,
    APP_THEME_PROJECTOR,
    APP_THEME_LIGHT,
    APP_THEME_MONO,
    APP_THEME_COUNT
} app_theme;

/* "default", "projector", "light", "mono"; NULL out of range. */
const char *app_theme_name(app_theme t);

/* The theme named `name` (any case): 0 with *out set, -1 when none is. */
int app_theme_find(const char *name, app_theme *out);

/* The next theme after t, in the order above (the theme key cycles). */
app_theme app_theme_next(app_theme t);

/* "default, projector, light, mono": for messages. */
const char *app_theme_names(void);

#endif
