/* tui.c - the interactive front end's loop.
 *
 * Reads stdin itself (ncurses draws only): waits with crt_wait_input(),
 * drains every pending byte through the decoder, applies every event with
 * app_update(), then draws one frame (erase, draw, wnoutrefresh, one
 * doupdate) so that ncurses sends only what changed. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "app/input.h"
#include "app/actions_lesson.h"
#include "cli/report_command.h"
#include "cli/reproduce.h"
#include "tui/crt.h"
#include "tui/tui.h"
#include "tui/frame.h"

/* How long a lone ESC waits for the rest of a sequence before it counts as
 * the Esc key (ncurses' ESCDELAY defaults to 1000 ms; 50 ms is plenty for
 * a local terminal and still right for most ssh links, where a sequence
 * arrives in one packet). */
#define TUI_ESC_TIMEOUT_MS 50
/* Bytes read per read() call, and most read before one redraw (so that a
 * flood of input still gets a frame now and then). */
#define TUI_READ_CHUNK 4096
#define TUI_DRAIN_MAX (64 * 1024)
/* How long a bracketed paste may pause before it counts as ended (its end
 * marker lost): a terminal sends a paste in one go, and over ssh in
 * packets well under a second apart; a lost marker costs no more than this
 * before keys are keys again. */
#define TUI_PASTE_TIMEOUT_MS 1000

/* Applies n events; returns 1 when one of them asks for a frame. */
static int tui_apply(app_state *s, const in_event *ev, size_t n)
{
    size_t i;
    int redo = 0;

    for (i = 0; i < n; i++)
        redo |= app_update(s, &ev[i]) != APP_REDO_NOTHING;
    return redo;
}

static void tui_draw(app_state *s)
{
    if (s->repaint) {
        (void)clearok(curscr, TRUE);
        s->repaint = 0;
    }
    crt_set_theme(s->theme);
    (void)erase();
    frame_draw(s);
    (void)wnoutrefresh(stdscr);
    (void)doupdate();
}

static void tui_resize(app_state *s)
{
    int cols, rows;
    in_event ev;

    crt_size(&cols, &rows);
    ev = input_resize(cols, rows);
    (void)app_update(s, &ev);          /* the caller draws a frame anyway */
}

/* Reads what is pending on stdin (at least one read, then more while
 * bytes keep coming without waiting) and applies it; *dirty gets 1 when a
 * frame is needed. Returns 0, or -1 when the terminal is gone (end of
 * file, EIO). */
static int tui_read(app_state *s, input_decoder *dec, int *dirty)
{
    unsigned char buf[TUI_READ_CHUNK];
    size_t total = 0;

    do {
        ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
        ssize_t i;

        if (n == 0)
            return -1;
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN)
                return 0;
            return -1;
        }
        for (i = 0; i < n && !s->quit; i++) {
            in_event ev[INPUT_EVENTS_MAX];
            *dirty |= tui_apply(s, ev, input_push(dec, buf[i], ev));
        }
        total += (size_t)n;
    } while (!s->quit && total < TUI_DRAIN_MAX && crt_wait_input(0) == 1);
    return 0;
}

/* How long the next wait may last: the paste timeout inside a paste, the
 * ESC timeout while a sequence is unfinished, else for ever. */
static int tui_timeout(const input_decoder *dec)
{
    if (input_in_paste(dec))
        return TUI_PASTE_TIMEOUT_MS;
    return input_pending(dec) ? TUI_ESC_TIMEOUT_MS : -1;
}

/* Before a quit signal or SIGTSTP is handled: reads what was typed first
 * (the tty keeps it, see crt.h). Returns 1 when that made the user quit:
 * the quit is final, the signal changes nothing. */
static int tui_typed_first(app_state *s, input_decoder *dec, int *dirty)
{
    if (crt_wait_input(0) == 1 && tui_read(s, dec, dirty) != 0)
        return 0;                      /* the terminal is gone: the signal decides */
    return s->quit;
}

/* After the first frame: this machine's devices into the state's query. */
static void tui_detect_now(app_state *s, const tui_detect *detect)
{
    qs_query q = s->query;

    if (detect->run(&q, detect->ctx) == 0)
        app_requery(s, &q);
}

/* After the terminal is restored: the selected row's command on stdout. */
static void tui_print_command(const app_state *s)
{
    char cmd[REPORT_COMMAND_SIZE];

    if (s->sel >= s->plan.ndevices ||
        report_command(cmd, sizeof cmd, &s->query, &s->plan.devices[s->sel]) != 0) {
        (void)fprintf(stderr, "quantscope: no command for the selected row\n");
        return;
    }
    if (printf("%s\n", cmd) < 0 || fflush(stdout) != 0)
        (void)fprintf(stderr, "quantscope: write error: %s\n", strerror(errno));
}

/* After the terminal is restored: the quantscope command of the screen. */
static void tui_print_reproduce(const app_state *s)
{
    char cmd[REPRODUCE_SIZE];

    if (reproduce_command_theme(cmd, sizeof cmd, &s->query, theme_name(s->theme)) != 0) {
        (void)fprintf(stderr, "quantscope: the command line of this screen is too long\n");
        return;
    }
    if (printf("%s\n", cmd) < 0 || fflush(stdout) != 0)
        (void)fprintf(stderr, "quantscope: write error: %s\n", strerror(errno));
}

int tui_run(const qs_query *q, const tui_detect *detect)
{
    tui_options opt = { 0, 0, THEME_DEFAULT };

    return tui_run_opts(q, detect, &opt);
}

int tui_run_print(const qs_query *q, const tui_detect *detect, int print_command)
{
    tui_options opt = { 0, 0, THEME_DEFAULT };

    opt.print_command = print_command;
    return tui_run_opts(q, detect, &opt);
}

int tui_run_opts(const qs_query *q, const tui_detect *detect, const tui_options *opt)
{
    app_state s;
    input_decoder dec;
    int status = TUI_EXIT_OK, dirty = 1, resumed = 0, cols, rows;
    int detected = detect == NULL || detect->run == NULL;

    if (crt_init() != 0)
        return TUI_EXIT_SETUP;
    crt_size(&cols, &rows);
    app_init(&s, q, cols, rows);
    s.theme = opt->theme;
    if (opt->lesson) {
        actions_lesson_start(&s);
        app_replan(&s);
    }
    input_init(&dec);

    for (;;) {
        int sig, w;

        if (crt_signal_pending() && tui_typed_first(&s, &dec, &dirty))
            break;
        sig = crt_quit_signal();
        if (sig != 0) {
            status = sig == SIGINT ? TUI_EXIT_OK : TUI_EXIT_SIGNAL_BASE + sig;
            break;
        }
        if (crt_take_suspend()) {
            crt_suspend();
            app_resumed(&s);           /* a drag whose release was lost ends */
            tui_resize(&s);            /* the size may have changed meanwhile */
            s.repaint = 1;             /* the next frame redraws it all */
            resumed = dirty = 1;
        }
        if (crt_take_resize()) {
            tui_resize(&s);
            dirty = 1;
        }
        if (dirty) {
            tui_draw(&s);
            dirty = 0;
        }
        if (!detected) {
            /* The screen is up before this machine is probed: a slow or
             * hung driver (bounded in platform/) holds back only its rows. */
            detected = 1;
            tui_detect_now(&s, detect);
            dirty = 1;
            continue;
        }
        if (resumed) {
            crt_resume();              /* mouse and paste, after the frame */
            resumed = 0;
        }
        w = crt_wait_input(tui_timeout(&dec));
        if (w == CRT_WAIT_ERROR) {
            status = TUI_EXIT_LOST;
            break;
        }
        if (w < 0)
            continue;                  /* a signal: handled at the top */
        if (w == 0) {
            in_event ev[INPUT_EVENTS_MAX];
            dirty |= tui_apply(&s, ev, input_flush(&dec, ev));
        } else if (tui_read(&s, &dec, &dirty) != 0) {
            status = TUI_EXIT_LOST;
            break;
        }
        if (s.quit)
            break;
    }
    crt_done();
    if (s.quit)
        crt_quit_final();              /* a quit is final until the exit */
    if (status == TUI_EXIT_OK)
        tui_print_reproduce(&s);
    if (opt->print_command && status == TUI_EXIT_OK)
        tui_print_command(&s);
    return status;
}
