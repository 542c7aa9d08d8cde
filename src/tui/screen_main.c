/* screen_main.c - the main screen: model, bits slider, footprint, savings,
 * quality and hardware fit. Numbers come from the model layer and are
 * rounded only here, for display. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app/fitrows.h"
#include "cli/fmt.h"
#include "tui/draw.h"
#include "tui/screens.h"
#include "model/kvcache.h"
#include "model/memory.h"

#define VIEW_MAIN_BUF 160
/* Ticks drawn on a row, at most. */
#define VIEW_MAIN_TICKS 24

static const char screen_main_title[] = "quantscope  LLM memory at any precision";
static const char screen_main_title_right[] = "? help  q quit";
/* The footer: the keys of the focused control first, then the common ones. */
static const char *const screen_main_footers[APP_FOCUS_COUNT] = {
    [APP_FOCUS_MODEL] = "Left/Right preset  m/Enter pick  Tab focus  k KV  t table  b base",
    [APP_FOCUS_SLIDER] = "Left/Right step  PgUp/Dn named  4.5 Enter  Tab focus  k KV  t table"
                         "  m model",
    [APP_FOCUS_BASELINE] = "Left/Right base  b/Enter cycle  16 Enter  Tab focus  k KV  t table",
    [APP_FOCUS_CONTEXT] = "Left/Right halve/double  8k Enter  Home/End  k KV type  Tab focus"
                          "  t table",
    [APP_FOCUS_DEVICES] = "Up/Down device  Left/Right bits  Home/End  Tab focus  k KV  t table"
                          "  m model",
};

/* The label column: the focused control's label is highlighted. */
static void screen_main_label(int y, const char *label, int focused)
{
    draw_text(y, 0, LAYOUT_LABEL_W - 1, focused ? CRT_FOCUS : CRT_LABEL, label);
}

/* A precision for display: its name when it is exactly a named one,
 * else "<bits>-bit". */
static const char *screen_main_precision(char *buf, size_t size, double bits)
{
    const qs_format *f = formats_nearest(bits);

    return fmt_precision(buf, size, bits, f != NULL && f->bits == bits ? f->name : NULL);
}

static void screen_main_model(const app_state *s, const app_layout *l)
{
    char buf[VIEW_MAIN_BUF], p[32];
    int x;

    screen_main_label(l->model_y, "Model", s->focus == APP_FOCUS_MODEL);
    fmt_params(p, sizeof p, s->params);
    if (s->preset != NULL)
        (void)snprintf(buf, sizeof buf, "%s  %s params", s->preset->name, p);
    else
        (void)snprintf(buf, sizeof buf, "custom size  %s params", p);
    x = draw_text(l->model_y, LAYOUT_LABEL_W, -1, CRT_VALUE, buf);
    draw_text(l->model_y, x + 2, -1, CRT_DIM, "[m] change");
}

static void screen_main_slider(const app_state *s, const app_layout *l)
{
    layout_tick ticks[VIEW_MAIN_TICKS];
    const qs_format *near = app_nearest(s);
    char buf[VIEW_MAIN_BUF];
    int knob = layout_bits_to_col(s->bits, l->track_x0, l->track_x1);
    int len, x;
    size_t i, n;
    crt_role track = s->focus == APP_FOCUS_SLIDER ? CRT_LABEL : CRT_TRACK;

    /* the knob's label, centred over it, or the number being typed */
    if (s->entry == APP_ENTRY_BITS)
        (void)snprintf(buf, sizeof buf, "bits: %s_  (Enter sets, Esc cancels)", s->entry_text);
    else
        (void)snprintf(buf, sizeof buf, "%.2f bpw  %s", s->bits, near != NULL ? near->name : "");
    len = (int)strlen(buf);
    /* Over the knob, on a grid of len/2 columns rather than centred: a
     * step then rewrites only the digits that change, not the whole label
     * shifted by a column (bytes matter over ssh); the knob stays under
     * the label (its offset in it is len/2 .. len - 1). */
    x = knob - len / 2;
    if (len >= 2 && x > 0)
        x -= x % (len / 2);
    if (x + len > l->cols)
        x = l->cols - len;
    if (x < 0)
        x = 0;
    draw_text(l->knob_y, x, -1, s->entry == APP_ENTRY_BITS ? CRT_FOCUS : CRT_KNOB, buf);

    /* the track, with the powers of two marked and the knob */
    draw_text(l->track_y, l->track_x0 - 1, 1, track, crt_glyph(CRT_G_TRACK_LEFT));
    draw_repeat(l->track_y, l->track_x0, l->track_x1 - l->track_x0 + 1, track, CRT_G_TRACK);
    draw_text(l->track_y, l->track_x1 + 1, 1, track, crt_glyph(CRT_G_TRACK_RIGHT));
    n = layout_scale_ticks(l, ticks, VIEW_MAIN_TICKS);
    for (i = 0; i < n; i++) {
        if (ticks[i].col > l->track_x0 && ticks[i].col < l->track_x1)
            draw_text(l->track_y, ticks[i].col, 1, track, crt_glyph(CRT_G_TRACK_TICK));
        draw_text(l->scale_y, ticks[i].x, -1, CRT_DIM, ticks[i].label);
    }
    draw_text(l->track_y, knob, 1, CRT_KNOB, crt_glyph(CRT_G_KNOB));

    /* named precisions under the scale; the knob's nearest stands out */
    n = layout_name_ticks(l, ticks, VIEW_MAIN_TICKS);
    for (i = 0; i < n; i++)
        draw_text(l->names_y, ticks[i].x, -1,
                 near != NULL && strcmp(near->name, ticks[i].label) == 0 ? CRT_CURRENT : CRT_TICK,
                 ticks[i].label);
}

static void screen_main_numbers(const app_state *s, const app_layout *l)
{
    char buf[VIEW_MAIN_BUF], base[32];
    double gib = memory_footprint_gib(s->params, s->bits);
    qs_savings sv = memory_savings(s->params, s->baseline_bits, s->bits);
    const qs_format *near = app_nearest(s);
    int x;

    /* Footprint */
    screen_main_label(l->footprint_y, "Footprint", 0);
    if (gib == MEMORY_ERROR)
        (void)snprintf(buf, sizeof buf, "n/a");
    else
        (void)snprintf(buf, sizeof buf, "%.2f GiB  (%.2f GB)", gib, memory_gib_to_gb(gib));
    draw_text(l->footprint_y, LAYOUT_LABEL_W, -1, CRT_VALUE, buf);

    /* Savings against the baseline */
    screen_main_label(l->savings_y, "Savings", s->focus == APP_FOCUS_BASELINE);
    screen_main_precision(base, sizeof base, s->baseline_bits);
    x = LAYOUT_LABEL_W;
    if (s->entry == APP_ENTRY_BASELINE) {
        (void)snprintf(buf, sizeof buf, "baseline bits: %s_  (Enter sets, Esc cancels)",
                       s->entry_text);
        draw_text(l->savings_y, x, -1, CRT_FOCUS, buf);
    } else if (sv.ok) {
        if (sv.ratio > 1.0)
            (void)snprintf(buf, sizeof buf, "%.2fx smaller than %s (%.2f ", sv.ratio, base,
                           sv.before_gib);
        else if (sv.ratio < 1.0)
            (void)snprintf(buf, sizeof buf, "%.2fx larger than %s (%.2f ", 1.0 / sv.ratio, base,
                           sv.before_gib);
        else
            (void)snprintf(buf, sizeof buf, "same size as %s (%.2f ", base, sv.before_gib);
        x = draw_text(l->savings_y, x, -1, CRT_VALUE, buf);
        x = draw_text(l->savings_y, x, -1, CRT_VALUE, crt_glyph(CRT_G_ARROW));
        (void)snprintf(buf, sizeof buf, " %.2f GiB)", sv.after_gib);
        x = draw_text(l->savings_y, x, -1, CRT_VALUE, buf);
        draw_text(l->savings_y, x + 2, -1, CRT_DIM, "[b] baseline");
    }

    /* Quality of the nearest named precision */
    screen_main_label(l->quality_y, "Quality", 0);
    if (near != NULL) {
        x = LAYOUT_LABEL_W;
        if (!isnan(near->ppl_delta)) {
            (void)snprintf(buf, sizeof buf, "ppl %+.4f ", near->ppl_delta);
            x = draw_text(l->quality_y, x, -1, CRT_VALUE, buf);
            x++;
        }
        draw_text(l->quality_y, x, -1, CRT_NORMAL, near->quality);
    }
}

/* The context control: tokens, the model's maximum and the KV cache type,
 * or the number being typed. */
static void screen_main_ctx(const app_state *s, const app_layout *l)
{
    char buf[VIEW_MAIN_BUF];
    const char *kv = kvcache_name_from_bits(s->kv_bits);
    int x;

    if (l->ctx_y < 0)
        return;
    screen_main_label(l->ctx_y, "Context", s->focus == APP_FOCUS_CONTEXT);
    if (s->entry == APP_ENTRY_CTX) {
        (void)snprintf(buf, sizeof buf, "tokens: %s_  (Enter sets, Esc cancels)", s->entry_text);
        draw_text(l->ctx_y, LAYOUT_LABEL_W, -1, CRT_FOCUS, buf);
        return;
    }
    if (s->preset != NULL)
        (void)snprintf(buf, sizeof buf, "%ld tokens (max %ld)  KV cache %s", app_ctx(s),
                       app_ctx_max(s), kv != NULL ? kv : "?");
    else
        (void)snprintf(buf, sizeof buf, "%ld tokens  KV cache %s (custom size: not counted)",
                       app_ctx(s), kv != NULL ? kv : "?");
    x = draw_text(l->ctx_y, LAYOUT_LABEL_W, -1, CRT_VALUE, buf);
    draw_text(l->ctx_y, x + 2, -1, CRT_DIM, "[k] type");
}

/* A device row: name, bar (or the partial offload), numbers and verdict. */
static void screen_main_fit_row(const app_layout *l, int y, const fitrows_row *r, int selected,
                              int focused)
{
    char buf[VIEW_MAIN_BUF];
    int x;

    if (selected)
        draw_text(y, 0, 1, focused ? CRT_FOCUS : CRT_LABEL, ">");
    draw_text(y, 2, l->fit_name_w, selected && focused ? CRT_FOCUS : CRT_NORMAL, r->name);
    if (!r->known) {
        draw_text(y, l->fit_bar_x, -1, CRT_DIM, "RAM unknown");
        return;
    }
    if (l->fit_bar_w > 0 && r->gpu_layers >= 0) {
        /* no fit, but GPU + this machine's RAM holds it: say how */
        (void)snprintf(buf, sizeof buf, "%d/%d layers on GPU", r->gpu_layers, r->layers);
        draw_text(y, l->fit_bar_x, l->fit_bar_w, CRT_TIGHT, buf);
    } else if (l->fit_bar_w > 0) {
        double share = r->share < 1.0 ? r->share : 1.0;
        int full = (int)lround(share * l->fit_bar_w);
        if (full > l->fit_bar_w)
            full = l->fit_bar_w;
        x = draw_repeat_attr(y, l->fit_bar_x, full, draw_bar_attr(draw_verdict_role(r->verdict)),
                             CRT_G_BAR_FULL);
        draw_repeat(y, x, l->fit_bar_w - full, CRT_DIM, CRT_G_BAR_EMPTY);
    }
    if (l->fit_bar_w > 0) {
        (void)snprintf(buf, sizeof buf, "%6.2f/%6.2f GiB %4.0f%% ", r->need_gib, r->usable_gib,
                       r->share * FMT_PERCENT);
        x = draw_text(y, l->fit_text_x, -1, CRT_NORMAL, buf);
        draw_text(y, x, -1, draw_verdict_role(r->verdict), fit_verdict_word(r->verdict));
    } else {
        /* narrow: the verdict first, so that it is never cut off */
        x = draw_text(y, l->fit_text_x, -1, draw_verdict_role(r->verdict),
                     fit_verdict_word(r->verdict));
        if (r->gpu_layers >= 0)
            (void)snprintf(buf, sizeof buf, " %d/%d layers on GPU", r->gpu_layers, r->layers);
        else
            (void)snprintf(buf, sizeof buf, " %.0f%% %.2f/%.2f GiB",
                           r->share * FMT_PERCENT, r->need_gib, r->usable_gib);
        draw_text(y, x, -1, CRT_NORMAL, buf);
    }
}

/* Appends "  piece" at *x on row y when the whole piece fits. */
static void screen_main_piece(int y, int *x, int cols, crt_role role, const char *piece)
{
    int len = (int)strlen(piece) + 2;

    if (*x + len > cols)
        return;
    *x = draw_text(y, *x + 2, -1, role, piece);
}

/* The selected device's details: best precision, largest context, headroom
 * and the decode ceiling; pieces that do not fit whole are left out, the
 * least important (the speed) first. */
static void screen_main_detail(const app_layout *l, const fitrows_detail *d)
{
    char buf[VIEW_MAIN_BUF];
    int x, y = l->detail_y;

    if (y < 0)
        return;
    (void)snprintf(buf, sizeof buf, "%s:", d->row.name);
    x = draw_text(y, 2, l->cols - 2, CRT_LABEL, buf);
    if (!d->row.known) {
        screen_main_piece(y, &x, l->cols, CRT_DIM, "RAM unknown: no answers");
        return;
    }
    if (d->best != NULL) {
        (void)snprintf(buf, sizeof buf, "best %s", d->best->name);
        screen_main_piece(y, &x, l->cols, CRT_VALUE, buf);
    } else {
        screen_main_piece(y, &x, l->cols, CRT_NO_FIT, "no precision fits");
    }
    if (d->max_ctx > 0 && d->max_ctx == d->model_max_ctx)
        (void)snprintf(buf, sizeof buf, "max ctx %ld (all)", d->max_ctx);
    else if (d->max_ctx > 0)
        (void)snprintf(buf, sizeof buf, "max ctx %ld", d->max_ctx);
    else if (d->max_ctx == 0)
        (void)snprintf(buf, sizeof buf, "no context fits");
    else
        buf[0] = '\0';
    if (buf[0] != '\0')
        screen_main_piece(y, &x, l->cols, CRT_NORMAL, buf);
    if (d->row.headroom_gib >= 0.0)
        (void)snprintf(buf, sizeof buf, "%.1f GiB free", d->row.headroom_gib);
    else
        (void)snprintf(buf, sizeof buf, "%.1f GiB short", -d->row.headroom_gib);
    screen_main_piece(y, &x, l->cols, CRT_NORMAL, buf);
    if (d->tok_s > 0.0) {
        (void)snprintf(buf, sizeof buf, "up to %.0f tok/s", d->tok_s);
        screen_main_piece(y, &x, l->cols, CRT_DIM, buf);
    }
}

/* Under the slider: a marker at the column of the selected device's best
 * precision, with its name and the device's. */
static void screen_main_best(const app_layout *l, const fitrows_detail *d)
{
    char buf[VIEW_MAIN_BUF];
    int col, len;

    if (l->best_y < 0 || !d->row.known)
        return;
    if (d->best == NULL) {
        (void)snprintf(buf, sizeof buf, "no precision fits on %s", d->row.name);
        draw_text(l->best_y, l->track_x0, -1, CRT_NO_FIT, buf);
        return;
    }
    col = layout_bits_to_col(d->best->bits, l->track_x0, l->track_x1);
    draw_text(l->best_y, col, 1, CRT_FITS, crt_glyph(CRT_G_MARK));
    (void)snprintf(buf, sizeof buf, "%s best on %s", d->best->name, d->row.name);
    len = (int)strlen(buf);
    if (col + 2 + len <= l->cols)
        draw_text(l->best_y, col + 2, -1, CRT_NORMAL, buf);
    else if (col - 1 - len >= 0)
        draw_text(l->best_y, col - 1 - len, -1, CRT_NORMAL, buf);
    else
        draw_text(l->best_y, 0, col - 1, CRT_NORMAL, buf);
}

static void screen_main_fit(const app_state *s, const app_layout *l)
{
    fitrows_row rows[FITROWS_MAX];
    fitrows_detail detail;
    fit_need need = fitrows_need(s);
    char buf[VIEW_MAIN_BUF];
    size_t n, i, top;
    int focused = s->focus == APP_FOCUS_DEVICES;

    if (l->fit_title_y < 0)
        return;
    n = fitrows_compute(s, rows, FITROWS_MAX);
    if (!need.ok)
        (void)snprintf(buf, sizeof buf, "n/a");
    else if (need.kv_known)
        (void)snprintf(buf, sizeof buf,
                       "%.2f GiB = %.2f weights + %s%.2f KV (%ld tok) + %.2f runtime",
                       need.total_gib, need.weights_gib, need.kv_upper_bound ? "<=" : "",
                       need.kv_gib, app_ctx(s), need.overhead_gib);
    else
        (void)snprintf(buf, sizeof buf, "%.2f GiB = %.2f weights + %.2f runtime (no KV: custom)",
                       need.total_gib, need.weights_gib, need.overhead_gib);
    screen_main_label(l->fit_title_y, "Fit", focused);
    draw_text(l->fit_title_y, LAYOUT_LABEL_W, -1, CRT_NORMAL, buf);

    top = layout_pick_top(s->sel, n, l->fit_n);
    for (i = top; i < n && (int)(i - top) < l->fit_n; i++)
        screen_main_fit_row(l, l->fit_y + (int)(i - top), &rows[i], i == s->sel, focused);

    (void)fitrows_detail_of(s, s->sel, &detail);
    if (detail.row.name == NULL)
        return;
    screen_main_detail(l, &detail);
    screen_main_best(l, &detail);
}

static void screen_main_footer_draw(const app_state *s, const app_layout *l)
{
    if (s->msg[0] != '\0')
        draw_text(l->footer_y, 0, -1, CRT_ERROR, s->msg);
    else
        draw_text(l->footer_y, 0, -1, CRT_DIM, screen_main_footers[s->focus]);
}

void screen_main_draw(const app_state *s, const app_layout *l)
{
    int right = (int)strlen(screen_main_title_right);

    draw_text(l->title_y, 0, l->cols - right - 1, CRT_TITLE, screen_main_title);
    draw_text(l->title_y, l->cols - right, -1, CRT_DIM, screen_main_title_right);
    screen_main_model(s, l);
    screen_main_slider(s, l);
    screen_main_numbers(s, l);
    screen_main_ctx(s, l);
    screen_main_fit(s, l);
    screen_main_footer_draw(s, l);
}

void screen_main_draw_small(const app_layout *l)
{
    char buf[VIEW_MAIN_BUF];
    int y = 0, x = 0;
    char *word, *save = NULL;

    (void)snprintf(buf, sizeof buf, "terminal too small: need %dx%d, have %dx%d",
                   LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS, l->cols, l->rows);
    if ((int)strlen(buf) <= l->cols) {
        draw_text(0, 0, -1, CRT_ERROR, buf);
        draw_text(1, 0, -1, CRT_DIM, "q quits");
        return;
    }
    /* Narrower than the message: wrap it at spaces. */
    for (word = strtok_r(buf, " ", &save); word != NULL; word = strtok_r(NULL, " ", &save)) {
        int len = (int)strlen(word);
        if (x > 0 && x + 1 + len > l->cols) {
            y++;
            x = 0;
        } else if (x > 0) {
            x++;
        }
        x = draw_text(y, x, -1, CRT_ERROR, word);
    }
}
