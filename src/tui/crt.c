/* crt.c - terminal setup and restore, colours, glyphs, mouse, signals. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <term.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "tui/crt.h"

#define CRT_MS_PER_S 1000
#define CRT_NS_PER_MS 1000000L
/* strtol() base for LINES and COLUMNS. */
#define CRT_DECIMAL 10

/* Signals with a handler here: the quit signals, resize and stop. */
static const int crt_signals[] = { SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP };
#define CRT_NSIG (sizeof crt_signals / sizeof crt_signals[0])

/* ---- mutable state: the terminal layer only ------------------------------ */
static volatile sig_atomic_t crt_flag_winch;
static volatile sig_atomic_t crt_flag_quit;     /* the signal number */
static volatile sig_atomic_t crt_flag_tstp;
static struct sigaction crt_old_actions[CRT_NSIG];
static sigset_t crt_old_mask;   /* inherited: put back by crt_done() */
static sigset_t crt_wait_mask;  /* in pselect(): inherited, ours unblocked */
static int crt_active;          /* 1 while curses is up */
static int crt_handlers;        /* 1 while our handlers are installed */
static int crt_suspended;       /* 1 from crt_suspend() to crt_resume() */
static int crt_modes_on;        /* 1 while mouse reporting and paste are on */
static int crt_utf8_on;
static SCREEN *crt_screen;

/* Glyphs: UTF-8 and ASCII (same width: one column each, the arrow two in
 * ASCII, which the view allows for). */
static const struct {
    const char *utf8;
    const char *ascii;
} crt_glyphs[CRT_G_COUNT] = {
    [CRT_G_TRACK] = { "\xe2\x94\x80", "-" },
    [CRT_G_TRACK_TICK] = { "\xe2\x94\xbc", "+" },
    [CRT_G_TRACK_LEFT] = { "\xe2\x94\x9c", "|" },
    [CRT_G_TRACK_RIGHT] = { "\xe2\x94\xa4", "|" },
    [CRT_G_KNOB] = { "\xe2\x96\x88", "#" },
    [CRT_G_BAR_FULL] = { "\xe2\x96\x88", "#" },
    [CRT_G_BAR_EMPTY] = { "\xe2\x96\x91", "." },
    [CRT_G_BOX_H] = { "\xe2\x94\x80", "-" },
    [CRT_G_BOX_V] = { "\xe2\x94\x82", "|" },
    [CRT_G_BOX_TL] = { "\xe2\x94\x8c", "+" },
    [CRT_G_BOX_TR] = { "\xe2\x94\x90", "+" },
    [CRT_G_BOX_BL] = { "\xe2\x94\x94", "+" },
    [CRT_G_BOX_BR] = { "\xe2\x94\x98", "+" },
    [CRT_G_MARK] = { "\xe2\x96\xb2", "^" },     /* BLACK UP-POINTING TRIANGLE */
};

static void crt_handler(int sig)
{
    if (sig == SIGWINCH)
        crt_flag_winch = 1;
    else if (sig == SIGTSTP)
        crt_flag_tstp = 1;
    else if (crt_flag_quit == 0)
        crt_flag_quit = sig;
}

/* Writes all of buf to the terminal, past curses (after endwin, or for
 * modes curses does not know). Failure is ignored on purpose: it happens
 * when the terminal is gone, and there is nothing left to restore then. */
static void crt_write_raw(const char *buf)
{
    size_t len = strlen(buf), off = 0;

    while (off < len) {
        ssize_t w = write(STDOUT_FILENO, buf + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        off += (size_t)w;
    }
}

/* Puts back the old actions of the first n signals of crt_signals. */
static void crt_restore_actions(size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        (void)sigaction(crt_signals[i], &crt_old_actions[i], NULL);
}

/* Installs the handlers and sets the mask explicitly, whatever was
 * inherited: our signals blocked outside the wait, unblocked in it (a
 * parent that blocked SIGWINCH must not hide resizes); other signals keep
 * the inherited state. */
static int crt_install_handlers(void)
{
    struct sigaction sa;
    sigset_t block;
    size_t i;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = crt_handler;
    if (sigemptyset(&sa.sa_mask) != 0 || sigemptyset(&block) != 0)
        return -1;
    sa.sa_flags = 0;            /* no SA_RESTART: the wait returns EINTR */
    for (i = 0; i < CRT_NSIG; i++)
        if (sigaddset(&block, crt_signals[i]) != 0)
            return -1;
    /* Blocked before the handlers go in, so none runs before the wait. */
    if (sigprocmask(SIG_BLOCK, &block, &crt_old_mask) != 0)
        return -1;
    crt_wait_mask = crt_old_mask;
    for (i = 0; i < CRT_NSIG; i++) {
        if (sigdelset(&crt_wait_mask, crt_signals[i]) != 0 ||
            sigaction(crt_signals[i], &sa, &crt_old_actions[i]) != 0) {
            crt_restore_actions(i);
            (void)sigprocmask(SIG_SETMASK, &crt_old_mask, NULL);
            return -1;
        }
    }
    crt_handlers = 1;
    return 0;
}

/* Discards our signals that are pending (blocked since the last wait):
 * once the loop has ended, a Ctrl-C, Ctrl-\ or Ctrl-Z that came after the
 * user's quit must neither kill nor stop the process when the inherited
 * actions and mask come back. Setting SIG_IGN discards a pending signal
 * (POSIX, sigaction(): "Setting a signal action to SIG_IGN for a signal
 * that is pending shall cause the pending signal to be discarded"); the
 * old actions go back right after. */
/* Sets sig's action to SIG_IGN (which also discards it when pending).
 * A failure leaves the action as it was: the callers are on their way out. */
static void crt_ignore(int sig)
{
    struct sigaction ign;

    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    if (sigemptyset(&ign.sa_mask) == 0)
        (void)sigaction(sig, &ign, NULL);
}

static void crt_discard_pending(void)
{
    sigset_t pending;
    size_t i;

    if (sigpending(&pending) != 0)
        return;
    for (i = 0; i < CRT_NSIG; i++)
        if (sigismember(&pending, crt_signals[i]) == 1)
            crt_ignore(crt_signals[i]);
}

static void crt_restore_handlers(void)
{
    if (!crt_handlers)
        return;
    crt_discard_pending();
    crt_restore_actions(CRT_NSIG);
    (void)sigprocmask(SIG_SETMASK, &crt_old_mask, NULL);
    crt_handlers = 0;
}

/* Mouse reporting and bracketed paste on or off, written past curses:
 * curses' own output is flushed first (doupdate() before this call, or
 * endwin()) so that the order on the wire is right. Off is written only
 * when they were switched on, so a terminal that never got a screen gets
 * nothing at all. */
static void crt_modes(int on)
{
    if (on == crt_modes_on)
        return;
    (void)fflush(stdout);
    crt_write_raw(on ? CRT_MOUSE_ON CRT_PASTE_ON : CRT_PASTE_OFF CRT_MOUSE_OFF);
    crt_modes_on = on;
}

/* 1 when a size (a TIOCGWINSZ field, or LINES / COLUMNS) is more than
 * ncurses is given. */
static int crt_too_large(long n)
{
    return n > CRT_SIZE_MAX;
}

static int crt_env_too_large(const char *name)
{
    const char *v = getenv(name);
    char *end;
    long n;

    if (v == NULL || *v == '\0')
        return 0;
    errno = 0;
    n = strtol(v, &end, CRT_DECIMAL);
    return errno == ERANGE || crt_too_large(n);
}

/* ncurses reads the size itself when it starts (TIOCGWINSZ, LINES,
 * COLUMNS) and cannot take one beyond its short: then it starts with the
 * terminfo entry's size instead (use_env(FALSE)), and crt_size() applies
 * the clamped one right after. Before setupterm() and newterm(). */
static void crt_choose_start_size(void)
{
    int c, r;

    crt_real_size(&c, &r);
    use_env(crt_too_large(c) || crt_too_large(r) || crt_env_too_large("LINES") ||
                    crt_env_too_large("COLUMNS")
                ? FALSE
                : TRUE);
}

/* Whether $TERM can show a screen, found without starting curses (which
 * writes to the terminal, e.g. endwin()'s final cursor move, even when it
 * is given up at once): CRT_INIT_OK, CRT_INIT_TERM or CRT_INIT_NO_CURSOR. */
static int crt_check_term(void)
{
    int err = 0, ok;
    const char *cup;

    if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
        return CRT_INIT_TERM;
    /* A terminal that cannot move the cursor (TERM=dumb, a printer)
     * cannot show a screen. */
    cup = tigetstr("cup");
    ok = cup != NULL && cup != (char *)-1;
    (void)del_curterm(cur_term);
    return ok ? CRT_INIT_OK : CRT_INIT_NO_CURSOR;
}

/* The tty keeps typed-ahead input when it sends SIGINT, SIGQUIT or
 * SIGTSTP (NOFLSH, termios(3)), so that a `q` typed just before Ctrl-C
 * is still read and counts (see crt_signal_pending()). Set on the
 * terminal curses sets its modes on (newterm()'s output, stdout), and
 * saved as curses' program mode, which it puts back after a suspend;
 * endwin() puts back the modes from before, without it. */
static int crt_keep_typeahead(void)
{
    struct termios t;

    if (tcgetattr(STDOUT_FILENO, &t) != 0)
        return -1;
    t.c_lflag |= NOFLSH;
    if (tcsetattr(STDOUT_FILENO, TCSANOW, &t) != 0)
        return -1;
    return def_prog_mode() == ERR ? -1 : 0;
}

int crt_init(void)
{
    const char *codeset;
    int why;

    crt_flag_winch = crt_flag_quit = crt_flag_tstp = 0;
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
        return CRT_INIT_NOT_TTY;
    codeset = nl_langinfo(CODESET);
    crt_utf8_on = codeset != NULL &&
                  (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
    crt_choose_start_size();
    why = crt_check_term();
    if (why != CRT_INIT_OK)
        return why;             /* nothing written, nothing changed */
    if (crt_install_handlers() != 0)
        return CRT_INIT_SYSTEM;
    crt_screen = newterm(NULL, stdout, stdin);
    if (crt_screen == NULL) {
        crt_restore_handlers();
        return CRT_INIT_TERM;
    }
    crt_active = 1;
    if (cbreak() == ERR || noecho() == ERR || nonl() == ERR ||
        keypad(stdscr, FALSE) == ERR || intrflush(stdscr, FALSE) == ERR ||
        crt_keep_typeahead() != 0) {
        crt_done();
        return CRT_INIT_SYSTEM;
    }
    /* With the cursor hidden it may stay where the last change left it,
     * which saves a cursor move per frame; a terminal that cannot hide it
     * (no civis) gets it parked in the corner as before. */
    if (curs_set(0) != ERR)
        (void)leaveok(stdscr, TRUE);
    crt_theme_setup();
    /* Send the set-up (and a blank screen) before the mouse and paste
     * modes go on. */
    (void)wnoutrefresh(stdscr);
    (void)doupdate();
    crt_modes(1);
    return CRT_INIT_OK;
}

/* The signals a key on the terminal makes (termios VINTR, VQUIT, VSUSP). */
static const int crt_key_signals[] = { SIGINT, SIGQUIT, SIGTSTP };

void crt_quit_final(void)
{
    size_t i;

    for (i = 0; i < sizeof crt_key_signals / sizeof crt_key_signals[0]; i++)
        crt_ignore(crt_key_signals[i]);
}

void crt_done(void)
{
    if (crt_active) {
        (void)endwin();         /* flushes curses' output first */
        crt_modes(0);
        delscreen(crt_screen);
        crt_screen = NULL;
        crt_active = 0;
        crt_suspended = 0;
    }
    crt_restore_handlers();
}

void crt_real_size(int *cols, int *rows)
{
    struct winsize ws;

    *cols = *rows = 0;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 && ws.ws_row > 0) {
        *cols = ws.ws_col;
        *rows = ws.ws_row;
    }
}

static int crt_clamp(int n)
{
    if (n < 1)
        return 1;
    return n > CRT_SIZE_MAX ? CRT_SIZE_MAX : n;
}

void crt_size(int *cols, int *rows)
{
    int c, r;

    crt_real_size(&c, &r);
    if (c <= 0 || r <= 0) {
        c = COLS;
        r = LINES;
    }
    c = crt_clamp(c);
    r = crt_clamp(r);
    /* When curses cannot take the size (no memory), it keeps the old one:
     * the frame is drawn for that. */
    if (crt_active && (c != COLS || r != LINES) && resizeterm(r, c) == ERR) {
        c = crt_clamp(COLS);
        r = crt_clamp(LINES);
    }
    *cols = c;
    *rows = r;
}

int crt_wait_input(int timeout_ms)
{
    fd_set rd;
    struct timespec ts, *tsp = NULL;
    int n;

    FD_ZERO(&rd);
    FD_SET(STDIN_FILENO, &rd);
    if (timeout_ms >= 0) {
        ts.tv_sec = timeout_ms / CRT_MS_PER_S;
        ts.tv_nsec = (long)(timeout_ms % CRT_MS_PER_S) * CRT_NS_PER_MS;
        tsp = &ts;
    }
    /* Our signals are unblocked only for the length of the wait. */
    n = pselect(STDIN_FILENO + 1, &rd, NULL, NULL, tsp, &crt_wait_mask);
    if (n < 0)
        return errno == EINTR ? CRT_WAIT_SIGNAL : CRT_WAIT_ERROR;
    return n > 0 ? 1 : 0;
}

int crt_quit_signal(void)
{
    return (int)crt_flag_quit;
}

int crt_signal_pending(void)
{
    return crt_flag_quit != 0 || crt_flag_tstp != 0;
}

int crt_take_resize(void)
{
    int f = crt_flag_winch != 0;

    crt_flag_winch = 0;
    return f;
}

int crt_take_suspend(void)
{
    int f = crt_flag_tstp != 0;

    crt_flag_tstp = 0;
    return f;
}

void crt_suspend(void)
{
    struct sigaction dfl, ours;
    sigset_t tstp;

    if (!crt_active)
        return;
    (void)endwin();
    crt_modes(0);
    crt_suspended = 1;

    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    /* Without a signal set to unblock there is no stopping: go on as if
     * resumed at once (the terminal is in curses mode again after the
     * next frame either way). */
    if (sigemptyset(&dfl.sa_mask) == 0 && sigemptyset(&tstp) == 0 &&
        sigaddset(&tstp, SIGTSTP) == 0 && sigaction(SIGTSTP, &dfl, &ours) == 0) {
        /* Stop here with the default action; SIGCONT resumes us. */
        (void)raise(SIGTSTP);
        (void)sigprocmask(SIG_UNBLOCK, &tstp, NULL);
        (void)sigprocmask(SIG_BLOCK, &tstp, NULL);
        (void)sigaction(SIGTSTP, &ours, NULL);
    }
    crt_flag_tstp = 0;
}

void crt_resume(void)
{
    if (!crt_active || !crt_suspended)
        return;
    crt_suspended = 0;
    crt_modes(1);
}

const char *crt_glyph(crt_glyph_id g)
{
    if ((int)g < 0 || g >= CRT_G_COUNT)
        return "?";
    return crt_utf8_on ? crt_glyphs[g].utf8 : crt_glyphs[g].ascii;
}

int crt_utf8(void)
{
    return crt_utf8_on;
}
