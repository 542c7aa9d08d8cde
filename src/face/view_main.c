/* view_main.c - the main screen: model, bits slider, footprint, savings,
 * quality and hardware fit. Numbers come from the model layer and are
 * rounded only here, for display. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app/fitrows.h"
#include "face/fmt.h"
#include "face/view.h"
#include "model/memory.h"

#define VIEW_MAIN_BUF 160
#define VIEW_MAIN_PERCENT 100.0
/* Ticks drawn on a row, at most. */
#define VIEW_MAIN_TICKS 24

static const char view_main_title[] = "quantscope  LLM memory at any precision";
static const char view_main_title_right[] = "? help  q quit";
static const char view_main_footer[] =
    "Left/Right step  PgUp/Dn named  Home/End  4.5 Enter  Tab focus  m model  b base";

/* The label column: the focused control's label is highlighted. */
static void view_main_label(int y, const char *label, int focused)
{
    view_put(y, 0, LAYOUT_LABEL_W - 1, focused ? CRT_FOCUS : CRT_LABEL, label);
}

/* A precision for display: its name when it is exactly a named one,
 * else "<bits>-bit". */
static const char *view_main_precision(char *buf, size_t size, double bits)
{
    const qs_format *f = formats_nearest(bits);

    return fmt_precision(buf, size, bits, f != NULL && f->bits == bits ? f->name : NULL);
}

static void view_main_model(const app_state *s, const app_layout *l)
{
    char buf[VIEW_MAIN_BUF], p[32];
    int x;

    view_main_label(l->model_y, "Model", s->focus == APP_FOCUS_MODEL);
    fmt_params(p, sizeof p, s->params);
    if (s->preset != NULL)
        (void)snprintf(buf, sizeof buf, "%s  %s params", s->preset->name, p);
    else
        (void)snprintf(buf, sizeof buf, "custom size  %s params", p);
    x = view_put(l->model_y, LAYOUT_LABEL_W, -1, CRT_VALUE, buf);
    view_put(l->model_y, x + 2, -1, CRT_DIM, "[m] change");
}

static void view_main_slider(const app_state *s, const app_layout *l)
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
    x = knob - len / 2;
    if (x + len > l->cols)
        x = l->cols - len;
    if (x < 0)
        x = 0;
    view_put(l->knob_y, x, -1, s->entry == APP_ENTRY_BITS ? CRT_FOCUS : CRT_KNOB, buf);

    /* the track, with the powers of two marked and the knob */
    view_put(l->track_y, l->track_x0 - 1, 1, track, crt_glyph(CRT_G_TRACK_LEFT));
    view_repeat(l->track_y, l->track_x0, l->track_x1 - l->track_x0 + 1, track, CRT_G_TRACK);
    view_put(l->track_y, l->track_x1 + 1, 1, track, crt_glyph(CRT_G_TRACK_RIGHT));
    n = layout_scale_ticks(l, ticks, VIEW_MAIN_TICKS);
    for (i = 0; i < n; i++) {
        if (ticks[i].col > l->track_x0 && ticks[i].col < l->track_x1)
            view_put(l->track_y, ticks[i].col, 1, track, crt_glyph(CRT_G_TRACK_TICK));
        view_put(l->scale_y, ticks[i].x, -1, CRT_DIM, ticks[i].label);
    }
    view_put(l->track_y, knob, 1, CRT_KNOB, crt_glyph(CRT_G_KNOB));

    /* named precisions under the scale; the knob's nearest stands out */
    n = layout_name_ticks(l, ticks, VIEW_MAIN_TICKS);
    for (i = 0; i < n; i++)
        view_put(l->names_y, ticks[i].x, -1,
                 near != NULL && strcmp(near->name, ticks[i].label) == 0 ? CRT_CURRENT : CRT_TICK,
                 ticks[i].label);
}

static void view_main_numbers(const app_state *s, const app_layout *l)
{
    char buf[VIEW_MAIN_BUF], base[32];
    double gib = model_memory(s->params, s->bits);
    qs_savings sv = quantization_savings(s->params, s->baseline_bits, s->bits);
    const qs_format *near = app_nearest(s);
    int x;

    /* Footprint */
    view_main_label(l->footprint_y, "Footprint", 0);
    if (gib == MODEL_MEMORY_ERROR)
        (void)snprintf(buf, sizeof buf, "n/a");
    else
        (void)snprintf(buf, sizeof buf, "%.2f GiB  (%.2f GB)", gib, mem_gib_to_gb(gib));
    view_put(l->footprint_y, LAYOUT_LABEL_W, -1, CRT_VALUE, buf);

    /* Savings against the baseline */
    view_main_label(l->savings_y, "Savings", s->focus == APP_FOCUS_BASELINE);
    view_main_precision(base, sizeof base, s->baseline_bits);
    x = LAYOUT_LABEL_W;
    if (s->entry == APP_ENTRY_BASELINE) {
        (void)snprintf(buf, sizeof buf, "baseline bits: %s_  (Enter sets, Esc cancels)",
                       s->entry_text);
        view_put(l->savings_y, x, -1, CRT_FOCUS, buf);
    } else if (sv.ok) {
        if (sv.ratio > 1.0)
            (void)snprintf(buf, sizeof buf, "%.2fx smaller than %s (%.2f ", sv.ratio, base,
                           sv.before_gb);
        else if (sv.ratio < 1.0)
            (void)snprintf(buf, sizeof buf, "%.2fx larger than %s (%.2f ", 1.0 / sv.ratio, base,
                           sv.before_gb);
        else
            (void)snprintf(buf, sizeof buf, "same size as %s (%.2f ", base, sv.before_gb);
        x = view_put(l->savings_y, x, -1, CRT_VALUE, buf);
        x = view_put(l->savings_y, x, -1, CRT_VALUE, crt_glyph(CRT_G_ARROW));
        (void)snprintf(buf, sizeof buf, " %.2f GiB)", sv.after_gb);
        x = view_put(l->savings_y, x, -1, CRT_VALUE, buf);
        view_put(l->savings_y, x + 2, -1, CRT_DIM, "[b] baseline");
    }

    /* Quality of the nearest named precision */
    view_main_label(l->quality_y, "Quality", 0);
    if (near != NULL) {
        x = LAYOUT_LABEL_W;
        if (!isnan(near->ppl_delta)) {
            (void)snprintf(buf, sizeof buf, "ppl %+.4f ", near->ppl_delta);
            x = view_put(l->quality_y, x, -1, CRT_VALUE, buf);
            x++;
        }
        view_put(l->quality_y, x, -1, CRT_NORMAL, near->quality);
    }
}

static crt_role view_main_verdict_role(fit_verdict v)
{
    switch (v) {
    case FIT_FITS:
        return CRT_FITS;
    case FIT_TIGHT:
        return CRT_TIGHT;
    default:
        return CRT_NO_FIT;
    }
}

static void view_main_fit(const app_state *s, const app_layout *l)
{
    fitrows_row rows[FITROWS_MAX];
    fit_need need = fitrows_need(s);
    char buf[VIEW_MAIN_BUF];
    size_t n, i;

    if (l->fit_title_y < 0)
        return;
    n = fitrows_compute(s, rows, FITROWS_MAX);
    if (!need.ok)
        (void)snprintf(buf, sizeof buf, "n/a");
    else if (need.kv_known)
        (void)snprintf(buf, sizeof buf, "%.2f GiB = %.2f weights + %.2f KV (%ld tok) + %.2f runtime",
                       need.total_gib, need.weights_gib, need.kv_gib, (long)FIT_DEFAULT_CTX,
                       need.overhead_gib);
    else
        (void)snprintf(buf, sizeof buf, "%.2f GiB = %.2f weights + %.2f runtime (no KV: custom)",
                       need.total_gib, need.weights_gib, need.overhead_gib);
    view_main_label(l->fit_title_y, "Fit", 0);
    view_put(l->fit_title_y, LAYOUT_LABEL_W, -1, CRT_NORMAL, buf);

    for (i = 0; i < n && (int)i < l->fit_n; i++) {
        int y = l->fit_y + (int)i;
        const fitrows_row *r = &rows[i];
        int x;

        view_put(y, 2, l->fit_name_w, CRT_NORMAL, r->name);
        if (!r->known) {
            view_put(y, l->fit_bar_x, -1, CRT_DIM, "RAM unknown");
            continue;
        }
        if (l->fit_bar_w > 0) {
            double share = r->share < 1.0 ? r->share : 1.0;
            int full = (int)lround(share * l->fit_bar_w);
            if (full > l->fit_bar_w)
                full = l->fit_bar_w;
            x = view_repeat(y, l->fit_bar_x, full, view_main_verdict_role(r->verdict),
                            CRT_G_BAR_FULL);
            view_repeat(y, x, l->fit_bar_w - full, CRT_DIM, CRT_G_BAR_EMPTY);
        }
        if (l->fit_bar_w > 0) {
            (void)snprintf(buf, sizeof buf, "%6.2f/%6.2f GiB %4.0f%% ", r->need_gib,
                           r->usable_gib, r->share * VIEW_MAIN_PERCENT);
            x = view_put(y, l->fit_text_x, -1, CRT_NORMAL, buf);
            view_put(y, x, -1, view_main_verdict_role(r->verdict),
                     fit_verdict_word(r->verdict));
        } else {
            /* narrow: the verdict first, so that it is never cut off */
            x = view_put(y, l->fit_text_x, -1, view_main_verdict_role(r->verdict),
                         fit_verdict_word(r->verdict));
            (void)snprintf(buf, sizeof buf, " %.0f%% %.2f/%.2f GiB", r->share * VIEW_MAIN_PERCENT,
                           r->need_gib, r->usable_gib);
            view_put(y, x, -1, CRT_NORMAL, buf);
        }
    }
}

static void view_main_footer_draw(const app_state *s, const app_layout *l)
{
    if (s->msg[0] != '\0')
        view_put(l->footer_y, 0, -1, CRT_ERROR, s->msg);
    else
        view_put(l->footer_y, 0, -1, CRT_DIM, view_main_footer);
}

void view_main_draw(const app_state *s, const app_layout *l)
{
    int right = (int)strlen(view_main_title_right);

    view_put(l->title_y, 0, l->cols - right - 1, CRT_TITLE, view_main_title);
    view_put(l->title_y, l->cols - right, -1, CRT_DIM, view_main_title_right);
    view_main_model(s, l);
    view_main_slider(s, l);
    view_main_numbers(s, l);
    view_main_fit(s, l);
    view_main_footer_draw(s, l);
}

void view_main_draw_small(const app_layout *l)
{
    char buf[VIEW_MAIN_BUF];
    int y = 0, x = 0;
    char *word, *save = NULL;

    (void)snprintf(buf, sizeof buf, "terminal too small: need %dx%d, have %dx%d",
                   LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS, l->cols, l->rows);
    if ((int)strlen(buf) <= l->cols) {
        view_put(0, 0, -1, CRT_ERROR, buf);
        view_put(1, 0, -1, CRT_DIM, "q quits");
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
        x = view_put(y, x, -1, CRT_ERROR, word);
    }
}
