/* ptybench.c - what a quantscope session costs: runs the real binary in a
 * pseudo-terminal, plays a scripted session and counts the bytes the program
 * writes for each kind of step.
 *
 * Usage: ptybench [-c COLS] [-r ROWS] [-n RUNS] [-q QUIET_MS] [-s STEPS]
 *                 [-m MODE] -- PROGRAM [ARGS...]
 *   -m table   (default) print one line of figures for this size
 *   -m steps   start, press Right STEPS times, quit: for instruction counts
 *              under valgrind (the caller compares STEPS=0 with STEPS=N)
 *   -m noop    start, Home, then Left STEPS times: keys that change nothing
 *              (the knob is at its end), for the same comparison
 * Output (table mode), one line of tab-separated fields:
 *   cols rows startup_bytes arrow_mean arrow_max drag_mean drag_max
 *   picker_open model_change resize_mean full_repaint first_frame_ms_median
 *   peak_rss_kib arrow_cells_mean bytes_per_changed_cell noop_bytes
 * The changed cells come from emulating the terminal (vtscreen.h) and
 * comparing the screen before and after each arrow step. The track
 * position comes from the app layer's own layout, so the mouse events land
 * where the program draws the track. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app/layout.h"
#include "vtscreen.h"

/* Key sequences as an xterm sends them in normal cursor mode. */
#define KEY_RIGHT "\033[C"
#define KEY_LEFT "\033[D"
#define KEY_HOME "\033[H"
#define KEY_DOWN "\033[B"
#define KEY_CTRL_L "\014"
/* Fine steps from 1 to 8 bits (0.25) and from 8 to 32 (1): the whole range. */
#define BENCH_STEPS_UP 52
#define BENCH_ARROW_STEPS 100
#define BENCH_DRAG_STEPS 40
#define BENCH_STARTUP_QUIET_MS 300
#define BENCH_MAX_WAIT_MS 3000
/* Keys that change nothing, sent in table mode: their bytes should be 0. */
#define BENCH_NOOP_STEPS 10

typedef struct {
    pid_t pid;
    int fd;
    long total;        /* bytes read from the program so far */
    vt_screen *vt;     /* the screen they make, or NULL */
} bench_child;

typedef struct {
    int cols, rows, runs, quiet_ms, steps;
    const char *mode;
    char **argv;
} bench_opts;

static double bench_now_ms(void)
{
    struct timespec ts;

    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return 0.0;
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int bench_spawn(bench_child *c, const bench_opts *o)
{
    struct winsize ws;

    memset(&ws, 0, sizeof ws);
    ws.ws_col = (unsigned short)o->cols;
    ws.ws_row = (unsigned short)o->rows;
    c->total = 0;
    c->vt = NULL;
    c->pid = forkpty(&c->fd, NULL, NULL, &ws);
    if (c->pid < 0) {
        perror("ptybench: forkpty");
        return -1;
    }
    if (c->pid == 0) {
        execvp(o->argv[0], o->argv);
        perror("ptybench: exec");
        _exit(127);
    }
    return 0;
}

/* Reads until the program has been quiet for quiet_ms after writing at
 * least one byte (or first_ms without any). Returns the bytes read;
 * *last_ms gets the time of the last byte. -1 when the program went away. */
static long bench_wait(bench_child *c, int first_ms, int quiet_ms, double *last_ms)
{
    char buf[65536];
    long got = 0;
    double start = bench_now_ms();

    for (;;) {
        struct pollfd p = { c->fd, POLLIN, 0 };
        int wait = got > 0 ? quiet_ms : first_ms;
        int r = poll(&p, 1, wait);
        ssize_t n;

        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n = read(c->fd, buf, sizeof buf);
        if (n <= 0)
            return got > 0 ? got : -1;
        got += n;
        c->total += n;
        if (c->vt != NULL)
            vt_feed(c->vt, buf, (size_t)n);
        if (last_ms)
            *last_ms = bench_now_ms();
        if (got == 0 && bench_now_ms() - start > first_ms)
            break;
    }
    return got;
}

/* bench_wait() for a step that draws something. */
static long bench_drain(bench_child *c, int quiet_ms, double *last_ms)
{
    return bench_wait(c, BENCH_MAX_WAIT_MS, quiet_ms, last_ms);
}

static int bench_send(bench_child *c, const char *s)
{
    size_t len = strlen(s);

    return write(c->fd, s, len) == (ssize_t)len ? 0 : -1;
}

/* Sends s and returns the bytes the program answered with. */
static long bench_step(bench_child *c, const char *s, int quiet_ms)
{
    if (bench_send(c, s) != 0)
        return -1;
    return bench_drain(c, quiet_ms, NULL);
}

/* Quits the program and returns its peak resident memory in KiB. */
static long bench_quit(bench_child *c, int quiet_ms)
{
    struct rusage ru;
    int status;

    if (bench_send(c, "q") != 0)
        (void)kill(c->pid, SIGTERM);
    (void)bench_drain(c, quiet_ms, NULL);
    if (wait4(c->pid, &status, 0, &ru) < 0) {
        perror("ptybench: wait4");
        return -1;
    }
    if (close(c->fd) != 0)
        perror("ptybench: close");
    return ru.ru_maxrss;
}

static int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static int bench_resize(bench_child *c, int cols, int rows)
{
    struct winsize ws;

    memset(&ws, 0, sizeof ws);
    ws.ws_col = (unsigned short)cols;
    ws.ws_row = (unsigned short)rows;
    return ioctl(c->fd, TIOCSWINSZ, &ws);
}

/* An SGR mouse report: button code b at 0-based (x, y); release when up. */
static void bench_mouse(char *buf, size_t size, int b, int x, int y, int up)
{
    snprintf(buf, size, "\033[<%d;%d;%d%c", b, x + 1, y + 1, up ? 'm' : 'M');
}

/* The arrow steps across the slider: their bytes and the cells they change
 * on the emulated screen (prev: the screen before a step). */
static int bench_arrows(bench_child *c, vt_screen *prev, int quiet_ms, long *sum, long *max,
                        long *cells)
{
    int i;

    for (i = 0; i < BENCH_ARROW_STEPS; i++) {
        long n;
        memcpy(prev, c->vt, sizeof *prev);
        n = bench_step(c, i < BENCH_STEPS_UP ? KEY_RIGHT : KEY_LEFT, quiet_ms);
        if (n < 0)
            return -1;
        *sum += n;
        if (n > *max)
            *max = n;
        *cells += vt_diff(prev, c->vt);
    }
    return 0;
}

/* Keys that change nothing (Left with the knob at 1 bit): the bytes they
 * cause, which should be none. */
static long bench_noop(bench_child *c, int steps, int quiet_ms)
{
    long sum = 0;
    int i;

    (void)bench_step(c, KEY_HOME, quiet_ms);
    for (i = 0; i < steps; i++) {
        long n;
        if (bench_send(c, KEY_LEFT) != 0 || (n = bench_wait(c, quiet_ms, quiet_ms, NULL)) < 0)
            return -1;
        sum += n;
    }
    return sum;
}

static int bench_table(const bench_opts *o)
{
    bench_child c;
    app_layout l;
    double first[64], t0, last = 0;
    long startup, arrow_sum = 0, arrow_max = 0, drag_sum = 0, drag_max = 0, cells = 0;
    long picker, model, resize_sum = 0, full, rss, noop;
    char ev[64];
    int i, runs = o->runs < 1 ? 1 : (o->runs > 64 ? 64 : o->runs);
    vt_screen *vt = malloc(sizeof *vt), *prev = malloc(sizeof *prev);

    if (vt == NULL || prev == NULL) {
        perror("ptybench: malloc");
        free(vt);
        free(prev);
        return 1;
    }
    vt_init(vt, o->cols, o->rows);
    /* Time to the first complete frame: the last byte of the first burst.
     * The last run goes on, with its screen emulated from the first byte. */
    for (i = 0; i < runs; i++) {
        t0 = bench_now_ms();
        if (bench_spawn(&c, o) != 0)
            goto fail;
        if (i + 1 == runs)
            c.vt = vt;
        if (bench_drain(&c, BENCH_STARTUP_QUIET_MS, &last) < 0)
            goto fail;
        first[i] = last - t0;
        if (i + 1 < runs && bench_quit(&c, o->quiet_ms) < 0)
            goto fail;
    }
    qsort(first, (size_t)runs, sizeof first[0], bench_cmp_double);
    startup = c.total;

    (void)bench_step(&c, KEY_HOME, o->quiet_ms);
    if (bench_arrows(&c, prev, o->quiet_ms, &arrow_sum, &arrow_max, &cells) != 0)
        goto fail;
    noop = bench_noop(&c, BENCH_NOOP_STEPS, o->quiet_ms);
    if (noop < 0)
        goto fail;

    layout_compute(o->cols, o->rows, &l);
    bench_mouse(ev, sizeof ev, 0, l.track_x0, l.track_y, 0);
    (void)bench_step(&c, ev, o->quiet_ms);
    for (i = 1; i <= BENCH_DRAG_STEPS; i++) {
        long n;
        bench_mouse(ev, sizeof ev, 32, l.track_x0 + i, l.track_y, 0);
        n = bench_step(&c, ev, o->quiet_ms);
        if (n < 0)
            goto fail;
        drag_sum += n;
        if (n > drag_max)
            drag_max = n;
    }
    bench_mouse(ev, sizeof ev, 0, l.track_x0 + BENCH_DRAG_STEPS, l.track_y, 1);
    (void)bench_step(&c, ev, o->quiet_ms);

    picker = bench_step(&c, "m", o->quiet_ms);
    (void)bench_step(&c, KEY_DOWN, o->quiet_ms);
    model = bench_step(&c, "\r", o->quiet_ms);

    if (bench_resize(&c, o->cols - 1, o->rows - 1) != 0)
        perror("ptybench: resize");
    vt_resize(vt, o->cols - 1, o->rows - 1);
    resize_sum += bench_drain(&c, o->quiet_ms, NULL);
    if (bench_resize(&c, o->cols, o->rows) != 0)
        perror("ptybench: resize");
    vt_resize(vt, o->cols, o->rows);
    resize_sum += bench_drain(&c, o->quiet_ms, NULL);

    full = bench_step(&c, KEY_CTRL_L, o->quiet_ms);
    rss = bench_quit(&c, o->quiet_ms);
    free(vt);
    free(prev);
    if (rss < 0)
        return 1;
    printf("%d\t%d\t%ld\t%.1f\t%ld\t%.1f\t%ld\t%ld\t%ld\t%.1f\t%ld\t%.1f\t%ld\t%.1f\t%.2f\t%ld\n",
           o->cols, o->rows, startup, (double)arrow_sum / BENCH_ARROW_STEPS, arrow_max,
           (double)drag_sum / BENCH_DRAG_STEPS, drag_max, picker, model, resize_sum / 2.0,
           full, first[runs / 2], rss, (double)cells / BENCH_ARROW_STEPS,
           cells > 0 ? (double)arrow_sum / (double)cells : 0.0, noop);
    return fflush(stdout) == 0 ? 0 : 1;
fail:
    free(vt);
    free(prev);
    return 1;
}

/* Start, `steps` arrow presses (or, in noop mode, keys that change
 * nothing), quit: nothing is printed. */
static int bench_steps(const bench_opts *o)
{
    bench_child c;
    int i;

    if (bench_spawn(&c, o) != 0)
        return 1;
    if (bench_drain(&c, BENCH_STARTUP_QUIET_MS, NULL) < 0)
        return 1;
    if (strcmp(o->mode, "noop") == 0) {
        if (bench_noop(&c, o->steps, o->quiet_ms) < 0)
            return 1;
        return bench_quit(&c, o->quiet_ms) < 0 ? 1 : 0;
    }
    (void)bench_step(&c, KEY_HOME, o->quiet_ms);
    for (i = 0; i < o->steps; i++)
        if (bench_step(&c, i % BENCH_STEPS_UP < BENCH_STEPS_UP / 2 ? KEY_RIGHT : KEY_LEFT,
                       o->quiet_ms) < 0)
            return 1;
    return bench_quit(&c, o->quiet_ms) < 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
    bench_opts o = { 80, 24, 5, 40, 100, "table", NULL };
    int opt;

    while ((opt = getopt(argc, argv, "c:r:n:q:s:m:")) != -1) {
        switch (opt) {
        case 'c': o.cols = atoi(optarg); break;
        case 'r': o.rows = atoi(optarg); break;
        case 'n': o.runs = atoi(optarg); break;
        case 'q': o.quiet_ms = atoi(optarg); break;
        case 's': o.steps = atoi(optarg); break;
        case 'm': o.mode = optarg; break;
        default:
            fprintf(stderr, "usage: ptybench [-c COLS] [-r ROWS] [-n RUNS] [-q MS] [-s STEPS] "
                            "[-m table|steps|noop] -- PROGRAM [ARGS...]\n");
            return 2;
        }
    }
    if (strcmp(o.mode, "table") != 0 && strcmp(o.mode, "steps") != 0 &&
        strcmp(o.mode, "noop") != 0) {
        fprintf(stderr, "ptybench: -m takes table, steps or noop\n");
        return 2;
    }
    if (optind >= argc || o.cols < 2 || o.rows < 2 || o.quiet_ms < 1) {
        fprintf(stderr, "ptybench: need a program to run and a size of at least 2x2\n");
        return 2;
    }
    o.argv = argv + optind;
    return strcmp(o.mode, "table") != 0 ? bench_steps(&o) : bench_table(&o);
}
