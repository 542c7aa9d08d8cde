/* crt.h - the terminal: setup and restore, colours and glyphs, mouse
 * reporting, signals and waiting for input.
 *
 * Layer: tui. The one module that talks to the terminal's modes (like
 * htop's CRT.c) and the only place with mutable globals: the signal flags
 * (volatile sig_atomic_t, set by the handlers and nothing else) and what
 * was found at start-up (UTF-8, colours). ncurses is used for output only:
 * keypad off, no mousemask, no getch; input is read from stdin by the loop.
 *
 * Signals: SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGQUIT and SIGTSTP get
 * handlers before ncurses starts (so it installs none of its own) and stay
 * blocked except while crt_wait_input() waits, so none is lost between a
 * check and the wait. */
#ifndef QS_CRT_H
#define QS_CRT_H

/* Mouse reporting: button-motion (1002) with SGR coordinates (1006). */
#define CRT_MOUSE_ON "\033[?1002h\033[?1006h"
#define CRT_MOUSE_OFF "\033[?1006l\033[?1002l"

/* What a piece of the screen is, for its attributes. */
typedef enum {
    CRT_NORMAL,
    CRT_TITLE,
    CRT_LABEL,
    CRT_FOCUS,         /* the focused control's label */
    CRT_VALUE,         /* the main numbers */
    CRT_KNOB,
    CRT_TRACK,
    CRT_TICK,
    CRT_CURRENT,       /* the named precision nearest to the knob */
    CRT_DIM,
    CRT_FITS,
    CRT_TIGHT,
    CRT_NO_FIT,
    CRT_ERROR,
    CRT_BOX,
    CRT_SELECTED,      /* the picker's selected row */
    CRT_ROLE_COUNT
} crt_role;

/* Glyphs with a UTF-8 form and an ASCII fallback. */
typedef enum {
    CRT_G_TRACK,       /* ─  - */
    CRT_G_TRACK_TICK,  /* ┼  + */
    CRT_G_TRACK_LEFT,  /* ├  | */
    CRT_G_TRACK_RIGHT, /* ┤  | */
    CRT_G_KNOB,        /* █  # */
    CRT_G_BAR_FULL,    /* █  # */
    CRT_G_BAR_EMPTY,   /* ░  . */
    CRT_G_ARROW,       /* →  -> */
    CRT_G_BOX_H,       /* ─  - */
    CRT_G_BOX_V,       /* │  | */
    CRT_G_BOX_TL,      /* ┌  + */
    CRT_G_BOX_TR,      /* ┐  + */
    CRT_G_BOX_BL,      /* └  + */
    CRT_G_BOX_BR,      /* ┘  + */
    CRT_G_MARK,        /* ▲  ^  the best precision under the slider */
    CRT_G_COUNT
} crt_glyph_id;

/* Installs the signal handlers, starts ncurses on stdin/stdout (cbreak,
 * noecho, nonl, keypad off, cursor hidden), chooses colours and glyphs and
 * switches mouse reporting on. Returns 0, or -1 with everything restored
 * when the terminal cannot be set up. */
int crt_init(void);

/* Restores the terminal: mouse reporting off, endwin (cursor visible,
 * modes as before), signal handlers and mask as before. Safe to call twice. */
void crt_done(void);

/* The terminal's size from TIOCGWINSZ (falling back to ncurses' idea),
 * applied with resizeterm(); at least 1 x 1. */
void crt_size(int *cols, int *rows);

/* crt_wait_input() results besides 1 (readable) and 0 (timeout). */
#define CRT_WAIT_SIGNAL (-1)
#define CRT_WAIT_ERROR (-2)

/* Waits until stdin is readable (1), timeout_ms passed (0; < 0 waits for
 * ever), a signal arrived (CRT_WAIT_SIGNAL) or stdin cannot be waited on
 * (CRT_WAIT_ERROR, e.g. closed). Signals are delivered only in here. */
int crt_wait_input(int timeout_ms);

/* The first pending quit signal (SIGINT, SIGTERM, SIGHUP, SIGQUIT) or 0. */
int crt_quit_signal(void);

/* 1 once after each SIGWINCH; 1 once after each SIGTSTP. */
int crt_take_resize(void);
int crt_take_suspend(void);

/* Handles a SIGTSTP: restores the terminal (endwin, mouse reporting off)
 * and stops with the default action; returns on SIGCONT with curses still
 * ended. The caller then draws one full frame (clearok(curscr) and its
 * doupdate() re-enter curses mode) and calls crt_resume(). */
void crt_suspend(void);

/* After crt_suspend() and the frame that follows it: mouse reporting on
 * again (after that frame, as crt_init() does). Does nothing otherwise. */
void crt_resume(void);

/* Attributes for a role: colour pairs when colours are on, otherwise
 * bold / reverse / underline so that nothing depends on colour. */
int crt_attr(crt_role role);

/* A glyph in UTF-8 when the locale's codeset is UTF-8, else ASCII. */
const char *crt_glyph(crt_glyph_id g);

/* 1 when glyphs are UTF-8; 1 when colours are in use. */
int crt_utf8(void);
int crt_colors(void);

#endif
