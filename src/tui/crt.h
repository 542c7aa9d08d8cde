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
 * handlers before ncurses starts (so it installs none of its own) and are
 * blocked except while crt_wait_input() waits, so none is lost between a
 * check and the wait. The mask is set explicitly, whatever the parent
 * left blocked (these six are unblocked in the wait; every other signal
 * keeps its inherited state, e.g. a blocked SIGPIPE stays blocked), and
 * crt_done() puts the inherited mask and actions back, discarding any of
 * the six still pending: after the loop ends (a quit is final) a late
 * Ctrl-C, Ctrl-\ or Ctrl-Z neither kills nor stops the process. While
 * curses is up the tty keeps typed-ahead input when it sends a signal
 * (NOFLSH), so a key typed before Ctrl-C is still read (see
 * crt_signal_pending()). */
#ifndef QS_CRT_H
#define QS_CRT_H

#include "model/theme.h"

/* Mouse reporting: button-motion (1002) with SGR coordinates (1006). */
#define CRT_MOUSE_ON "\033[?1002h\033[?1006h"
#define CRT_MOUSE_OFF "\033[?1006l\033[?1002l"
/* Bracketed paste (2004, xterm ctlseqs "Bracketed Paste Mode"): on and off
 * with mouse reporting, on after the first frame, off on every exit path
 * and while suspended. */
#define CRT_PASTE_ON "\033[?2004h"
#define CRT_PASTE_OFF "\033[?2004l"

/* The largest width or height given to ncurses; a terminal that reports
 * more (up to 65535: TIOCGWINSZ's fields are unsigned short) is drawn as
 * if it had this many. ncurses 6.4 keeps sizes in a short
 * (NCURSES_SIZE_T): at 32768 and more resizeterm() overflows and crashes,
 * and newterm() fails; just below that its cell arrays would take
 * gigabytes. 4096 is more than any screen shows at a readable font size
 * and costs some 430 MB at 4096 x 4096 (measured, ncursesw 6.4). */
#define CRT_SIZE_MAX 4096

/* crt_init() results: 0, or why the terminal cannot show a screen. */
#define CRT_INIT_OK 0
#define CRT_INIT_NOT_TTY (-1)     /* stdin or stdout is not a terminal */
#define CRT_INIT_TERM (-2)        /* no terminfo entry for $TERM (or curses
                                     refused it) */
#define CRT_INIT_NO_CURSOR (-3)   /* the terminal cannot move the cursor
                                     (TERM=dumb, a printer) */
#define CRT_INIT_SYSTEM (-4)      /* signals or terminal modes could not be set */

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
    CRT_OFFLOAD,       /* the verdict "offload": runs with part of it in RAM */
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
 * switches mouse reporting and bracketed paste on. Returns CRT_INIT_OK, or
 * a CRT_INIT_* reason (< 0) with everything restored. $TERM is checked
 * before anything is sent: when it fails (CRT_INIT_NOT_TTY, CRT_INIT_TERM,
 * CRT_INIT_NO_CURSOR) not one byte has been written to the terminal. A
 * size beyond CRT_SIZE_MAX is no failure (see crt_size()). */
int crt_init(void);

/* Restores the terminal: bracketed paste and mouse reporting off, endwin
 * (cursor visible, modes as before), pending signals discarded, signal
 * handlers and mask as before. Safe to call twice. */
void crt_done(void);

/* After a quit the user asked for (q, F10, the Ctrl-C key): the signals a
 * key makes (SIGINT, SIGQUIT, SIGTSTP) are ignored for the rest of the
 * process, so that a Ctrl-C, Ctrl-\ or Ctrl-Z typed right after q cannot
 * kill or stop it on its way out. Call after crt_done(). */
void crt_quit_final(void);

/* The terminal's size from TIOCGWINSZ (falling back to ncurses' idea),
 * each clamped to 1 .. CRT_SIZE_MAX and applied with resizeterm(); when
 * resizeterm() fails, ncurses' size, which the frame is then drawn for. */
void crt_size(int *cols, int *rows);

/* The size the terminal reports (TIOCGWINSZ), not clamped: up to 65535
 * each; 0 x 0 when it reports none. For a "terminal too large" message. */
void crt_real_size(int *cols, int *rows);

/* crt_wait_input() results besides 1 (readable) and 0 (timeout). */
#define CRT_WAIT_SIGNAL (-1)
#define CRT_WAIT_ERROR (-2)

/* Waits until stdin is readable (1), timeout_ms passed (0; < 0 waits for
 * ever), a signal arrived (CRT_WAIT_SIGNAL) or stdin cannot be waited on
 * (CRT_WAIT_ERROR, e.g. closed). Signals are delivered only in here. */
int crt_wait_input(int timeout_ms);

/* The first pending quit signal (SIGINT, SIGTERM, SIGHUP, SIGQUIT) or 0. */
int crt_quit_signal(void);

/* 1 when a quit signal or SIGTSTP is waiting to be handled. The loop then
 * reads what was typed first: a quit key there is the user's and final
 * (Ctrl-C right after q ends with status 0, Ctrl-Z right after q does not
 * stop). */
int crt_signal_pending(void);

/* 1 once after each SIGWINCH; 1 once after each SIGTSTP. */
int crt_take_resize(void);
int crt_take_suspend(void);

/* Handles a SIGTSTP: restores the terminal (endwin, mouse reporting and
 * bracketed paste off) and stops with the default action; returns on SIGCONT with curses still
 * ended. The caller then draws one full frame (clearok(curscr) and its
 * doupdate() re-enter curses mode) and calls crt_resume(). */
void crt_suspend(void);

/* After crt_suspend() and the frame that follows it: mouse reporting and
 * bracketed paste on again (after that frame, as crt_init() does). Does
 * nothing otherwise. */
void crt_resume(void);

/* Attributes for a role: colour pairs when colours are on, otherwise
 * bold / reverse / underline so that nothing depends on colour. */
int crt_attr(crt_role role);

/* The theme crt_attr's roles follow from now on (model/theme.h); colour is
 * still never used where NO_COLOR or the terminal forbid it. */
void crt_set_theme(qs_theme t);

/* A glyph in UTF-8 when the locale's codeset is UTF-8, else ASCII. */
const char *crt_glyph(crt_glyph_id g);

/* Inside the terminal layer (crt_theme.c, called by crt_init after
 * newterm()): finds whether colour may be used (the terminal has it,
 * NO_COLOR is unset or empty, start_color() works) and sets the current
 * theme's colour pairs. No other file calls it. */
void crt_theme_setup(void);

/* 1 when the theme keeps bold on what changes on every step (the knob's
 * label, the figures: draw_live_attr), as the projector does. */
int crt_live_bold(void);

/* 1 when glyphs are UTF-8; 1 when colours are in use (the mono theme
 * uses none). */
int crt_utf8(void);
int crt_colors(void);

#endif
