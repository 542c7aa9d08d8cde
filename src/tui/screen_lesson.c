/* screen_lesson.c - the lesson walk (--lesson): one stop of lesson.h a
 * screen, for a projector: the model and the precision, the footprint in
 * large digits and in GiB and decimal GB, the format's quality note, what
 * fits on the query's devices, the stop's caption. Every number is the
 * plan's (the stop set the query: actions_lesson_step); nothing of the
 * fit is computed here. Also the classic track's ticks (screens.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <string.h>

#include "app/keyhelp.h"
#include "app/lesson.h"
#include "model/memory.h"
#include "tui/draw.h"
#include "tui/screens.h"

#define SCREEN_LESSON_BUF 192
/* The large digits: SCREEN_LESSON_FONT_H rows of SCREEN_LESSON_FONT_W
 * cells ('#' a filled one), a blank column between glyphs; the point is
 * one column wide. */
#define SCREEN_LESSON_FONT_H 5
#define SCREEN_LESSON_FONT_W 3
#define SCREEN_LESSON_FONT_GAP 1
/* Rows the screen needs for the large digits (else the plain figure). */
#define SCREEN_LESSON_BIG_ROWS 22
/* Left margin of the screen's text. */
#define SCREEN_LESSON_X 2
/* Most caption rows. */
#define SCREEN_LESSON_CAPTION_ROWS 4
/* Width of the label column ("Quality ", "Fits "). */
#define SCREEN_LESSON_LABEL_W 9
/* Bits in a byte, for the stop's heading ("4 bytes per weight"). */
#define SCREEN_LESSON_BITS_PER_BYTE 8.0

static const char *const screen_lesson_digits[10][SCREEN_LESSON_FONT_H] = {
    { "###", "# #", "# #", "# #", "###" }, { " # ", "## ", " # ", " # ", "###" },
    { "###", "  #", "###", "#  ", "###" }, { "###", "  #", "###", "  #", "###" },
    { "# #", "# #", "###", "  #", "  #" }, { "###", "#  ", "###", "  #", "###" },
    { "###", "#  ", "###", "# #", "###" }, { "###", "  #", "  #", "  #", "  #" },
    { "###", "# #", "###", "# #", "###" }, { "###", "# #", "###", "  #", "###" },
};

/* Draws `text` (digits and '.') in the large font at row y, column x;
 * returns the column after it. */
static int screen_lesson_big(int y, int x, const char *text)
{
    int r, c;

    for (; *text != '\0'; text++) {
        if (*text == '.') {
            draw_repeat(y + SCREEN_LESSON_FONT_H - 1, x, 1, CRT_VALUE, CRT_G_BAR_FULL);
            x += 1 + SCREEN_LESSON_FONT_GAP;
            continue;
        }
        if (*text < '0' || *text > '9')
            continue;
        for (r = 0; r < SCREEN_LESSON_FONT_H; r++)
            for (c = 0; c < SCREEN_LESSON_FONT_W; c++)
                if (screen_lesson_digits[*text - '0'][r][c] == '#')
                    draw_repeat(y + r, x + c, 1, CRT_VALUE, CRT_G_BAR_FULL);
        x += SCREEN_LESSON_FONT_W + SCREEN_LESSON_FONT_GAP;
    }
    return x;
}

/* The walk: each model's five precisions, the current stop in reverse. */
static void screen_lesson_progress(int y, size_t cur)
{
    size_t i, n = lesson_stop_count();
    int x = SCREEN_LESSON_X;

    for (i = 0; i < n; i++) {
        const lesson_stop *st = lesson_stop_get(i);

        if (i % LESSON_FORMATS_PER_MODEL == 0) {
            x = draw_text(y, x + (i > 0 ? 2 : 0), -1, CRT_LABEL, st->model) + 1;
        }
        x = draw_text(y, x + 1, -1, i == cur ? CRT_CURRENT : CRT_NORMAL, st->format);
    }
}

/* Words of text wrapped at spaces over rows y .. y + rows - 1, from x to
 * the screen's right edge less the margin. */
static void screen_lesson_wrap(int y, int x, int rows, int cols, crt_role role, const char *text)
{
    char buf[SCREEN_LESSON_BUF * 2];
    char *word, *save = NULL;
    int cx = x, r = 0;

    (void)snprintf(buf, sizeof buf, "%s", text);
    for (word = strtok_r(buf, " ", &save); word != NULL; word = strtok_r(NULL, " ", &save)) {
        int len = (int)strlen(word);

        if (cx > x && cx + 1 + len > cols - SCREEN_LESSON_X) {
            if (++r >= rows)
                return;
            cx = x;
        } else if (cx > x) {
            cx++;
        }
        cx = draw_text(y + r, cx, -1, role, word);
    }
}

/* What fits: "fits on N of M devices", then each device with its verdict
 * word, wrapped over the rows from y + 1 to y + rows - 1. */
static void screen_lesson_fits(const app_state *s, int y, int rows, int cols)
{
    const qs_plan *p = &s->plan;
    char buf[SCREEN_LESSON_BUF];
    size_t i, known = 0, fits = 0;
    int x = SCREEN_LESSON_X + SCREEN_LESSON_LABEL_W, r = 1;

    draw_text(y, SCREEN_LESSON_X, -1, CRT_LABEL, "Fits");
    for (i = 0; i < p->ndevices; i++) {
        if (!p->devices[i].fit.ok)
            continue;
        known++;
        fits += p->devices[i].fit.verdict == FIT_FITS || p->devices[i].fit.verdict == FIT_TIGHT;
    }
    (void)snprintf(buf, sizeof buf, "on %zu of %zu devices (weights, KV cache at %ld tokens, "
                   "runtime)", fits, known, p->config.ctx);
    draw_text(y, x, -1, CRT_NORMAL, buf);
    for (i = 0; i < p->ndevices && r < rows; i++) {
        const plan_device *d = &p->devices[i];
        const char *word = fit_verdict_word(d->fit.verdict);
        int len = (int)strlen(d->device.name) + 1 + (int)strlen(word);

        if (!d->fit.ok)
            continue;
        if (x > SCREEN_LESSON_X + SCREEN_LESSON_LABEL_W && x + len > cols - SCREEN_LESSON_X) {
            if (++r >= rows)
                return;
            x = SCREEN_LESSON_X + SCREEN_LESSON_LABEL_W;
        }
        x = draw_text(y + r, x, -1, CRT_NORMAL, d->device.name) + 1;
        x = draw_text(y + r, x, -1, draw_verdict_role(d->fit.verdict), word) + 3;
    }
}

void screen_lesson_draw(const app_state *s, const app_layout *l)
{
    const lesson_stop *st = lesson_stop_get(lesson_stop_clamp(s->lesson_stop));
    const qs_plan *p = &s->plan;
    const qs_format *f = s->query.format;
    char buf[SCREEN_LESSON_BUF], num[32];
    double gib = p->need.weights_gib;
    int y, big = l->rows >= SCREEN_LESSON_BIG_ROWS, x, right;

    if (st == NULL)
        return;
    (void)snprintf(buf, sizeof buf, "stop %d of %zu  theme %s", s->lesson_stop + 1,
                   lesson_stop_count(), theme_name(s->theme));
    right = (int)strlen(buf);
    draw_text(0, 0, l->cols - right - 1, CRT_TITLE, "quantscope  the lesson: one model, five precisions");
    draw_text(0, l->cols - right, -1, CRT_NORMAL, buf);
    screen_lesson_progress(2, lesson_stop_clamp(s->lesson_stop));
    (void)snprintf(buf, sizeof buf, "A %s model at %s: %g bits, %g bytes per weight", st->model,
                   f != NULL ? f->name : st->format, s->query.bits,
                   s->query.bits / SCREEN_LESSON_BITS_PER_BYTE);
    draw_text(4, SCREEN_LESSON_X, -1, CRT_TITLE, buf);

    /* the footprint of the weights: GiB (2^30 bytes) and GB (10^9 bytes) */
    y = 6;
    (void)snprintf(num, sizeof num, "%.2f", gib);
    x = SCREEN_LESSON_X;
    if (big && p->ok)
        x = screen_lesson_big(y, x, num) + 2;
    if (p->ok) {
        (void)snprintf(buf, sizeof buf, "%s GiB", num);
        draw_text(y + (big ? 1 : 0), x, -1, CRT_VALUE, buf);
        (void)snprintf(buf, sizeof buf, "= %.2f GB", memory_gib_to_gb(gib));
        draw_text(y + (big ? 2 : 1), x, -1, CRT_VALUE, buf);
        draw_text(y + (big ? 3 : 2), x, -1, CRT_NORMAL,
                  "of weights (GiB: 2^30 bytes, GB: 10^9 bytes)");
    } else {
        draw_text(y, x, -1, CRT_ERROR, "n/a");
    }
    y += big ? SCREEN_LESSON_FONT_H + 1 : 4;

    /* the quality cost: the format's own note */
    draw_text(y, SCREEN_LESSON_X, -1, CRT_LABEL, "Quality");
    if (f != NULL)
        draw_text(y, SCREEN_LESSON_X + SCREEN_LESSON_LABEL_W, -1, CRT_VALUE, f->quality);
    y += 2;
    if (y + 3 < l->footer_y) {
        screen_lesson_fits(s, y, l->footer_y - y - SCREEN_LESSON_CAPTION_ROWS - 1 > 1
                                     ? l->footer_y - y - SCREEN_LESSON_CAPTION_ROWS - 1
                                     : 1, l->cols);
        y = l->footer_y - SCREEN_LESSON_CAPTION_ROWS;
    }
    if (y > 4 && y < l->footer_y)
        screen_lesson_wrap(y, SCREEN_LESSON_X, l->footer_y - y, l->cols, CRT_NORMAL,
                           st->caption);
    if (s->msg[0] != '\0')
        draw_text(l->footer_y, 0, -1, CRT_ERROR, s->msg);
    else
        draw_text(l->footer_y, 0, -1, CRT_DIM,
                  keyhelp_footer(actions_mode(s), s->focus, buf, sizeof buf));
}

size_t screen_lesson_classic_ticks(const app_layout *l, layout_tick *out, size_t max)
{
    size_t i, n = 0;

    if (l->too_small || l->names_y < 0)
        return 0;
    for (i = 0; i < lesson_classic_count() && n < max; i++) {
        const qs_format *f = lesson_classic_get(i);
        int len, col, x;

        if (f == NULL)
            continue;
        len = (int)strlen(f->name);
        col = layout_bits_to_col(f->bits, l->track_x0, l->track_x1);
        x = col - (len - 1) / 2;
        x = x + len > l->cols ? l->cols - len : x;
        x = x < 0 ? 0 : x;
        out[n].x = x;
        out[n].col = col;
        out[n].len = len;
        out[n].label = f->name;
        out[n].bits = f->bits;
        n++;
    }
    return n;
}
