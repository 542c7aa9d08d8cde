/* screen_rounding.c - the rounding panel (d): what rounding does to
 * 3.14159 and to a block of weights with outliers at the slider's bits,
 * computed by the model (model/rounding.h) for the default sample
 * (ROUNDING_SEED), in a box over the main screen. The slider's keys
 * change the bits while it is open; bits outside the demo's range are
 * shown at its nearest end, and the title says so. The lesson's line is
 * wrapped below the figures and is what goes first when rows run short
 * (the main screen's footer keeps the keys). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/fmt.h"
#include "model/rounding.h"
#include "tui/draw.h"
#include "tui/screens.h"

/* The box: at most this wide, this far from the screen's sides, with
 * padding inside; it leaves the top row and the footer row free. */
#define SCREEN_ROUNDING_W_MAX 82
#define SCREEN_ROUNDING_MARGIN 1
#define SCREEN_ROUNDING_PAD 2
#define SCREEN_ROUNDING_FREE_ROWS 2
/* The least inside width worth drawing. */
#define SCREEN_ROUNDING_INNER_MIN 20
/* Lines of the panel, and bytes per line. */
#define SCREEN_ROUNDING_LINES 40
#define SCREEN_ROUNDING_LINE 160
#define SCREEN_ROUNDING_TITLE 96
#define SCREEN_ROUNDING_BITS_DECIMALS 2

typedef struct {
    crt_role role[SCREEN_ROUNDING_LINES];
    char text[SCREEN_ROUNDING_LINES][SCREEN_ROUNDING_LINE];
    int n;
} screen_rounding_lines;

/* Adds a line (printf-style); lines past the room are dropped. */
static void screen_rounding_add(screen_rounding_lines *ls, crt_role role, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void screen_rounding_add(screen_rounding_lines *ls, crt_role role, const char *fmt, ...)
{
    va_list ap;

    if (ls->n >= SCREEN_ROUNDING_LINES)
        return;
    va_start(ap, fmt);
    (void)vsnprintf(ls->text[ls->n], SCREEN_ROUNDING_LINE, fmt, ap);
    va_end(ap);
    ls->role[ls->n++] = role;
}

/* Adds text as lines of at most `width` bytes, broken at spaces (a word
 * longer than the width is cut). */
static void screen_rounding_wrap(screen_rounding_lines *ls, crt_role role, const char *text,
                                 int width)
{
    size_t w = (size_t)(width < SCREEN_ROUNDING_LINE - 1 ? width : SCREEN_ROUNDING_LINE - 1);

    while (*text != '\0' && ls->n < SCREEN_ROUNDING_LINES) {
        size_t len = strlen(text), cut = len;

        if (len > w) {
            cut = w;
            while (cut > 0 && text[cut] != ' ')
                cut--;
            if (cut == 0)
                cut = w;
        }
        screen_rounding_add(ls, role, "%.*s", (int)cut, text);
        text += cut;
        while (*text == ' ')
            text++;
    }
}

/* A method's row: its name (with the clip for the clipped one), bits per
 * weight, the block's RMS, SNR and zeros, the outliers' and the rest's
 * RMS and the rest's SNR. */
static void screen_rounding_method(screen_rounding_lines *ls, const rounding_result *r)
{
    char name[SCREEN_ROUNDING_LINE / 4], bpw[SCREEN_ROUNDING_LINE / 4];

    if (r->method == ROUNDING_GROUPED)
        (void)snprintf(name, sizeof name, "absmax per %zu", r->group);
    else if (r->method == ROUNDING_CLIPPED)
        (void)snprintf(name, sizeof name, "best clip %.2f", r->clip);
    else
        (void)snprintf(name, sizeof name, "%s", r->name);
    screen_rounding_add(ls, CRT_VALUE, "%-14s %7s %8.2e %6.2f %5.1f%% %9.2e %8.2e %8.2f", name,
                        fmt_bits(bpw, sizeof bpw, r->bits_per_weight, 4), r->all.rms,
                        r->all.snr_db, r->all.zero_share * FMT_PERCENT, r->outliers.rms,
                        r->rest.rms, r->rest.snr_db);
}

static void screen_rounding_build(screen_rounding_lines *ls, const rounding_analysis *a,
                                  const rounding_scalar_row *v, int inner)
{
    char bits[SCREEN_ROUNDING_LINE / 4];
    size_t m;

    screen_rounding_add(ls, CRT_LABEL, "%g stored (the integers in a block of absmax %g):",
                        ROUNDING_VALUE, ROUNDING_SCALAR_ABSMAX);
    screen_rounding_add(ls, CRT_VALUE, "%s %.9g %+.1e   %s %.9g %+.1e", v[0].name, v[0].stored,
                        v[0].error, v[1].name, v[1].stored, v[1].error);
    screen_rounding_add(ls, CRT_VALUE, "%s %.7g %+.1e   %s %.7g %+.1e   %s %.7g %+.1e",
                        v[2].name, v[2].stored, v[2].error, v[3].name, v[3].stored, v[3].error,
                        v[4].name, v[4].stored, v[4].error);
    screen_rounding_add(ls, CRT_NORMAL, "%s", "");
    screen_rounding_add(ls, CRT_LABEL,
                        "%d weights, sd %g, %d outliers of %g-%g sd (illustrative, UNVERIFIED)",
                        ROUNDING_BLOCK, ROUNDING_SD, ROUNDING_OUTLIERS, ROUNDING_OUTLIER_SD_MIN,
                        ROUNDING_OUTLIER_SD_MAX);
    screen_rounding_add(ls, CRT_LABEL,
                        "at %s bits: %d-bit codes, %ld levels; the outliers hold %.1f%% of sum w^2",
                        fmt_bits(bits, sizeof bits, a->bits, SCREEN_ROUNDING_BITS_DECIMALS),
                        a->code_bits, a->levels, a->outlier_energy * FMT_PERCENT);
    screen_rounding_add(ls, CRT_LABEL, "%-14s %7s %8s %6s %6s %9s %8s %8s", "method", "bits/w",
                        "RMS err", "SNR dB", "zeros", "outl. RMS", "rest RMS", "rest SNR");
    for (m = 0; m < ROUNDING_METHODS; m++)
        screen_rounding_method(ls, &a->r[m]);
    screen_rounding_add(ls, CRT_NORMAL, "%s", "");
    screen_rounding_wrap(ls, CRT_NORMAL, rounding_lesson(), inner);
}

void screen_rounding_draw(const app_state *s, const app_layout *l)
{
    rounding_sample sample;
    rounding_analysis a;
    rounding_scalar_row v[ROUNDING_SCALAR_ROWS];
    screen_rounding_lines ls;
    char title[SCREEN_ROUNDING_TITLE], b[SCREEN_ROUNDING_TITLE / 4], sb[SCREEN_ROUNDING_TITLE / 4];
    double bits = rounding_bits_clamp(s->query.bits);
    int w = l->cols - 2 * SCREEN_ROUNDING_MARGIN, inner, room, h, y, x, i;

    if (w > SCREEN_ROUNDING_W_MAX)
        w = SCREEN_ROUNDING_W_MAX;
    inner = w - 2 * SCREEN_ROUNDING_PAD;
    room = l->rows - SCREEN_ROUNDING_FREE_ROWS;
    if (inner < SCREEN_ROUNDING_INNER_MIN || room < 3)
        return;
    rounding_scalar(ROUNDING_VALUE, ROUNDING_SCALAR_ABSMAX, v);
    rounding_sample_make(&sample, ROUNDING_SEED);
    if (rounding_analyse(&sample, bits, &a) != 0)
        return;
    ls.n = 0;
    screen_rounding_build(&ls, &a, v, inner);
    h = ls.n + 2;
    if (h > room)
        h = room;
    y = 1 + (room - h) / 2;
    x = (l->cols - w) / 2;
    (void)fmt_bits(b, sizeof b, bits, SCREEN_ROUNDING_BITS_DECIMALS);
    if (bits != s->query.bits)
        (void)snprintf(title, sizeof title, " Rounding at %s bits (slider %s; the demo: %g-%g) ",
                       b,
                       fmt_bits(sb, sizeof sb, s->query.bits, SCREEN_ROUNDING_BITS_DECIMALS),
                       ROUNDING_BITS_MIN, ROUNDING_BITS_MAX);
    else
        (void)snprintf(title, sizeof title, " Rounding at %s bits ", b);
    draw_box(y, x, h, w, title);
    for (i = 0; i < ls.n && i < h - 2; i++)
        draw_text(y + 1 + i, x + SCREEN_ROUNDING_PAD, inner, ls.role[i], ls.text[i]);
}
