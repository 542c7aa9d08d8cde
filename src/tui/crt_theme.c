/* crt_theme.c - the attributes of each role in each theme (crt.h,
 * model/theme.h).
 *
 * default: the colours the front end always had, on the terminal's own
 * background. projector: no dim text anywhere (a projector washes it out),
 * no yellow or cyan, the numbers bold even where they change on every step,
 * the verdicts in green, magenta, blue and red on the terminal's own
 * colours. light: dark colours (black, blue, green, magenta, red) on a
 * white background that the whole screen takes. mono: no colour, bold,
 * reverse and underline only. Colour is never used where NO_COLOR is set
 * or the terminal has none: the theme then keeps only its attributes
 * (projector: still no dim). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <curses.h>
#include <stdlib.h>

#include "tui/crt.h"

/* Colour pairs. CRT_PAIR_NORMAL is the light theme's background. */
enum { CRT_PAIR_TITLE = 1, CRT_PAIR_KNOB, CRT_PAIR_FITS, CRT_PAIR_TIGHT, CRT_PAIR_NO_FIT,
       CRT_PAIR_ERROR, CRT_PAIR_TICK, CRT_PAIR_BOX, CRT_PAIR_SELECTED, CRT_PAIR_OFFLOAD,
       CRT_PAIR_NORMAL, CRT_PAIR_COUNT };

/* The terminal's own colour (use_default_colors), and where it has none. */
#define CRT_THEME_OWN (-1)

/* A theme's colours: each pair's foreground and background (CRT_THEME_OWN:
 * the terminal's own). */
typedef struct {
    short fg[CRT_PAIR_COUNT];
    short bg[CRT_PAIR_COUNT];
} crt_theme_colors;

static const crt_theme_colors crt_theme_default = {
    .fg = { [CRT_PAIR_TITLE] = COLOR_CYAN, [CRT_PAIR_KNOB] = COLOR_YELLOW,
            [CRT_PAIR_FITS] = COLOR_GREEN, [CRT_PAIR_TIGHT] = COLOR_YELLOW,
            [CRT_PAIR_NO_FIT] = COLOR_RED, [CRT_PAIR_ERROR] = COLOR_RED,
            [CRT_PAIR_TICK] = COLOR_CYAN, [CRT_PAIR_BOX] = COLOR_CYAN,
            [CRT_PAIR_SELECTED] = COLOR_BLACK, [CRT_PAIR_OFFLOAD] = COLOR_MAGENTA,
            [CRT_PAIR_NORMAL] = CRT_THEME_OWN },
    .bg = { [CRT_PAIR_TITLE] = CRT_THEME_OWN, [CRT_PAIR_KNOB] = CRT_THEME_OWN,
            [CRT_PAIR_FITS] = CRT_THEME_OWN, [CRT_PAIR_TIGHT] = CRT_THEME_OWN,
            [CRT_PAIR_NO_FIT] = CRT_THEME_OWN, [CRT_PAIR_ERROR] = CRT_THEME_OWN,
            [CRT_PAIR_TICK] = CRT_THEME_OWN, [CRT_PAIR_BOX] = CRT_THEME_OWN,
            [CRT_PAIR_SELECTED] = COLOR_CYAN, [CRT_PAIR_OFFLOAD] = CRT_THEME_OWN,
            [CRT_PAIR_NORMAL] = CRT_THEME_OWN },
};

/* Projector: the terminal's own colours but for the verdicts. */
static const crt_theme_colors crt_theme_projector = {
    .fg = { [CRT_PAIR_TITLE] = CRT_THEME_OWN, [CRT_PAIR_KNOB] = CRT_THEME_OWN,
            [CRT_PAIR_FITS] = COLOR_GREEN, [CRT_PAIR_TIGHT] = COLOR_MAGENTA,
            [CRT_PAIR_NO_FIT] = COLOR_RED, [CRT_PAIR_ERROR] = COLOR_RED,
            [CRT_PAIR_TICK] = CRT_THEME_OWN, [CRT_PAIR_BOX] = CRT_THEME_OWN,
            [CRT_PAIR_SELECTED] = CRT_THEME_OWN, [CRT_PAIR_OFFLOAD] = COLOR_BLUE,
            [CRT_PAIR_NORMAL] = CRT_THEME_OWN },
    .bg = { [CRT_PAIR_TITLE] = CRT_THEME_OWN, [CRT_PAIR_KNOB] = CRT_THEME_OWN,
            [CRT_PAIR_FITS] = CRT_THEME_OWN, [CRT_PAIR_TIGHT] = CRT_THEME_OWN,
            [CRT_PAIR_NO_FIT] = CRT_THEME_OWN, [CRT_PAIR_ERROR] = CRT_THEME_OWN,
            [CRT_PAIR_TICK] = CRT_THEME_OWN, [CRT_PAIR_BOX] = CRT_THEME_OWN,
            [CRT_PAIR_SELECTED] = CRT_THEME_OWN, [CRT_PAIR_OFFLOAD] = CRT_THEME_OWN,
            [CRT_PAIR_NORMAL] = CRT_THEME_OWN },
};

/* Light: dark colours on white, the selected row white on blue. */
static const crt_theme_colors crt_theme_light = {
    .fg = { [CRT_PAIR_TITLE] = COLOR_BLUE, [CRT_PAIR_KNOB] = COLOR_BLUE,
            [CRT_PAIR_FITS] = COLOR_GREEN, [CRT_PAIR_TIGHT] = COLOR_MAGENTA,
            [CRT_PAIR_NO_FIT] = COLOR_RED, [CRT_PAIR_ERROR] = COLOR_RED,
            [CRT_PAIR_TICK] = COLOR_BLUE, [CRT_PAIR_BOX] = COLOR_BLACK,
            [CRT_PAIR_SELECTED] = COLOR_WHITE, [CRT_PAIR_OFFLOAD] = COLOR_MAGENTA,
            [CRT_PAIR_NORMAL] = COLOR_BLACK },
    .bg = { [CRT_PAIR_TITLE] = COLOR_WHITE, [CRT_PAIR_KNOB] = COLOR_WHITE,
            [CRT_PAIR_FITS] = COLOR_WHITE, [CRT_PAIR_TIGHT] = COLOR_WHITE,
            [CRT_PAIR_NO_FIT] = COLOR_WHITE, [CRT_PAIR_ERROR] = COLOR_WHITE,
            [CRT_PAIR_TICK] = COLOR_WHITE, [CRT_PAIR_BOX] = COLOR_WHITE,
            [CRT_PAIR_SELECTED] = COLOR_BLUE, [CRT_PAIR_OFFLOAD] = COLOR_WHITE,
            [CRT_PAIR_NORMAL] = COLOR_WHITE },
};

/* ---- mutable state: the terminal layer only ------------------------------ */
static int crt_theme_can;       /* 1: colour may be used (terminal, NO_COLOR) */
static int crt_theme_own;       /* 1: the terminal's own colours exist */
static int crt_colors_on;       /* 1: colour is in use now (can, and the theme) */
static qs_theme crt_theme_now = THEME_DEFAULT;

/* NO_COLOR (https://no-color.org/): set and not empty disables colour. */
static int crt_theme_no_color(void)
{
    const char *v = getenv("NO_COLOR");

    return v != NULL && v[0] != '\0';
}

static short crt_theme_color(short c, short fallback)
{
    return c == CRT_THEME_OWN && !crt_theme_own ? fallback : c;
}

/* Sets the pairs of theme t (colour on), or leaves colour off (mono, or
 * when colour may not be used); the light theme's background on the
 * screen. */
static void crt_theme_apply(qs_theme t)
{
    const crt_theme_colors *c = t == THEME_PROJECTOR ? &crt_theme_projector
                                : t == THEME_LIGHT   ? &crt_theme_light
                                                         : &crt_theme_default;
    int i;

    crt_colors_on = 0;
    if (stdscr != NULL)
        (void)bkgdset((chtype)' ');
    if (!crt_theme_can || t == THEME_MONO)
        return;
    for (i = 1; i < CRT_PAIR_COUNT; i++)
        if (init_pair((short)i, crt_theme_color(c->fg[i], COLOR_WHITE),
                      crt_theme_color(c->bg[i], COLOR_BLACK)) == ERR)
            return;
    crt_colors_on = 1;
    if (t == THEME_LIGHT && stdscr != NULL)
        (void)bkgdset((chtype)' ' | (chtype)COLOR_PAIR(CRT_PAIR_NORMAL));
}

void crt_theme_setup(void)
{
    crt_theme_can = crt_theme_own = 0;
    if (has_colors() && !crt_theme_no_color() && start_color() != ERR) {
        crt_theme_can = 1;
        crt_theme_own = use_default_colors() == OK;
    }
    crt_theme_apply(crt_theme_now);
}

void crt_set_theme(qs_theme t)
{
    if ((unsigned)t >= (unsigned)THEME_COUNT || t == crt_theme_now)
        return;
    crt_theme_now = t;
    crt_theme_apply(t);
}

int crt_colors(void)
{
    return crt_colors_on;
}

int crt_live_bold(void)
{
    return crt_theme_now == THEME_PROJECTOR;
}

/* The default theme's roles in colour. */
static int crt_theme_attr_color(crt_role role)
{
    switch (role) {
    case CRT_TITLE:
        return COLOR_PAIR(CRT_PAIR_TITLE) | A_BOLD;
    case CRT_LABEL:
    case CRT_VALUE:
        return A_BOLD;
    case CRT_FOCUS:
        return A_REVERSE | A_BOLD;
    case CRT_KNOB:
    case CRT_CURRENT:
        return COLOR_PAIR(CRT_PAIR_KNOB) | A_BOLD;
    case CRT_TICK:
        return COLOR_PAIR(CRT_PAIR_TICK);
    case CRT_DIM:
        return A_DIM;
    case CRT_FITS:
        return COLOR_PAIR(CRT_PAIR_FITS) | A_BOLD;
    case CRT_TIGHT:
        return COLOR_PAIR(CRT_PAIR_TIGHT) | A_BOLD;
    case CRT_NO_FIT:
        return COLOR_PAIR(CRT_PAIR_NO_FIT) | A_BOLD;
    case CRT_ERROR:
        return COLOR_PAIR(CRT_PAIR_ERROR) | A_BOLD;
    case CRT_BOX:
        return COLOR_PAIR(CRT_PAIR_BOX);
    case CRT_SELECTED:
        return COLOR_PAIR(CRT_PAIR_SELECTED) | A_BOLD;
    case CRT_OFFLOAD:
        return COLOR_PAIR(CRT_PAIR_OFFLOAD) | A_BOLD;
    default:
        return A_NORMAL;
    }
}

/* The roles without colour. */
static int crt_theme_attr_mono(crt_role role)
{
    switch (role) {
    case CRT_TITLE:
    case CRT_LABEL:
    case CRT_VALUE:
    case CRT_CURRENT:
    case CRT_TIGHT:
        return A_BOLD;
    case CRT_FOCUS:
    case CRT_SELECTED:
        return A_REVERSE;
    case CRT_KNOB:
    case CRT_NO_FIT:
    case CRT_ERROR:
        return A_REVERSE | A_BOLD;
    case CRT_OFFLOAD:
        return A_UNDERLINE | A_BOLD;   /* between tight (bold) and no fit (reverse) */
    case CRT_DIM:
        return A_DIM;
    default:
        return A_NORMAL;
    }
}

/* The projector's changes to either: no dim (plain text instead), the
 * knob, the nearest name, the ticks and the selection bold (reverse where
 * colour would have marked them). */
static int crt_theme_attr_projector(crt_role role, int a)
{
    switch (role) {
    case CRT_DIM:
        return A_NORMAL;
    case CRT_KNOB:
    case CRT_CURRENT:
    case CRT_SELECTED:
        return A_REVERSE | A_BOLD;
    case CRT_TICK:
    case CRT_BOX:
    case CRT_TITLE:
        return A_BOLD;
    default:
        return a & ~(int)A_DIM;
    }
}

int crt_attr(crt_role role)
{
    int a = crt_colors_on ? crt_theme_attr_color(role) : crt_theme_attr_mono(role);

    if (crt_theme_now == THEME_PROJECTOR)
        a = crt_theme_attr_projector(role, a);
    else if (crt_theme_now == THEME_LIGHT && crt_colors_on) {
        if (role == CRT_DIM)
            a = A_NORMAL;              /* dim black on white is grey: too faint */
        /* cells are copied as they are (draw.c): each carries the white */
        if ((a & (int)A_COLOR) == 0)
            a |= (int)COLOR_PAIR(CRT_PAIR_NORMAL);
    }
    return a;
}
