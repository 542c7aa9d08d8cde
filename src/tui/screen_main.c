/* screen_main.c - the main screen: model, bits slider, footprint, savings,
 * quality and hardware fit. Numbers come from the model layer and are
 * rounded only here, for display. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "app/keyhelp.h"
#include "cli/fmt.h"
#include "tui/draw.h"
#include "model/stored.h"
#include "tui/screens.h"
#include "model/memory.h"

#define VIEW_MAIN_BUF 160
/* Speeds below this many tokens/s are shown with one decimal. */
#define VIEW_MAIN_TOK_S_WHOLE 10.0
/* Ticks drawn on a row, at most. */
#define VIEW_MAIN_TICKS 24

static const char screen_main_title[] = "quantscope  LLM memory at any precision";
static const char screen_main_title_right[] = "? help  q quit";
static const char screen_main_baseline_hint[] = "[b] baseline";
/* The label column: the focused control's label is highlighted. */
static void screen_main_label(int y, const char *label, int focused)
{
    draw_text(y, 0, LAYOUT_LABEL_W - 1, focused ? CRT_FOCUS : CRT_LABEL, label);
}

/* A precision for display: the format's name when one was chosen, else
 * "<bits>-bit". */
static const char *screen_main_precision(char *buf, size_t size, double bits,
                                         const qs_format *f)
{
    return fmt_precision(buf, size, bits, f != NULL ? f->name : NULL);
}

/* "ppl +0.1754 (+2.8%) on Llama-3-8B" (the relative change when asked),
 * and "not this model" when the model shown is another: the measurement
 * says what it is. */
static void screen_main_ppl(char *buf, size_t size, const qs_format *q, const qs_model *m,
                            int relative)
{
    char rel[32] = "";
    int here = m != NULL && q->ppl_ref != NULL && strcasecmp(q->ppl_ref, m->name) == 0;

    if (relative && q->ppl_base > 0.0)
        (void)snprintf(rel, sizeof rel, " (%+.1f%%)", q->ppl_delta / q->ppl_base * FMT_PERCENT);
    (void)snprintf(buf, size, "ppl %+.4f%s on %s%s", q->ppl_delta, rel,
                   q->ppl_ref != NULL ? q->ppl_ref : "?",
                   m == NULL || here ? "" : ", not this model");
}

static void screen_main_model(const app_state *s, const app_layout *l)
{
    char buf[VIEW_MAIN_BUF], p[32];
    int x;

    screen_main_label(l->model_y, "Model", s->focus == APP_FOCUS_MODEL);
    fmt_params(p, sizeof p, s->query.params);
    if (s->query.model != NULL && s->query.model->stored != NULL)
        (void)snprintf(buf, sizeof buf, "%s  %s params  (%s file, %s)", s->query.model->name, p,
                       s->query.model->stored->container,
                       s->query.model->stored->type_name[0] != '\0'
                           ? s->query.model->stored->type_name : "type unknown");
    else if (s->query.model != NULL)
        (void)snprintf(buf, sizeof buf, "%s  %s params%s", s->query.model->name, p,
                       s->query.model->verified || s->query.model->user ? ""
                                                                         : "  (UNVERIFIED)");
    else if (s->query.shape_assumed && s->query.shape != NULL)
        (void)snprintf(buf, sizeof buf, "custom size  %s params, shaped like %s (assumed)", p,
                       s->query.shape->name);
    else if (s->query.shape != NULL)
        (void)snprintf(buf, sizeof buf, "custom size  %s params, %s", p, s->query.shape->name);
    else
        (void)snprintf(buf, sizeof buf, "custom size  %s params", p);
    x = draw_text(l->model_y, LAYOUT_LABEL_W, -1, CRT_VALUE, buf);
    draw_text(l->model_y, x + 2, -1, CRT_DIM, "[m] change");
}

static void screen_main_slider(const app_state *s, const app_layout *l)
{
    layout_tick ticks[VIEW_MAIN_TICKS];
    const qs_format *near = s->query.format != NULL ? s->query.format : app_nearest(s);
    char buf[VIEW_MAIN_BUF];
    int knob = layout_bits_to_col(s->query.bits, l->track_x0, l->track_x1);
    int len, x;
    size_t i, n;
    const crt_role track = CRT_TRACK;
    /* The knob and its label move on every step: the track's attributes
     * when colours are on (a colour there would cost two attribute changes
     * on every step; the knob is its own glyph), reverse and bold without
     * colours. */
    int knob_attr = crt_colors() ? crt_attr(track) : draw_live_attr(CRT_KNOB);

    /* the knob's label, centred over it, or the number being typed */
    if (s->entry == APP_ENTRY_BITS)
        (void)snprintf(buf, sizeof buf, "bits: %s_  (Enter sets, Esc cancels)", s->entry_text);
    else
        (void)snprintf(buf, sizeof buf, "%.2f bpw  %s", s->query.bits,
                       near != NULL ? near->name : "");
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
    draw_text_attr(l->knob_y, x, -1, s->entry == APP_ENTRY_BITS ? crt_attr(CRT_FOCUS) : knob_attr,
                   buf);

    /* focus: a marker before the track, as before the selected device (a
     * cell that stays put, not an attribute on the cells that move) */
    if (s->focus == APP_FOCUS_SLIDER)
        draw_text(l->track_y, 0, 1, CRT_FOCUS, ">");

    /* the track, with the powers of two marked and the knob */
    draw_repeat(l->track_y, l->track_x0 - 1, 1, track, CRT_G_TRACK_LEFT);
    draw_repeat(l->track_y, l->track_x0, l->track_x1 - l->track_x0 + 1, track, CRT_G_TRACK);
    draw_repeat(l->track_y, l->track_x1 + 1, 1, track, CRT_G_TRACK_RIGHT);
    n = layout_scale_ticks(l, ticks, VIEW_MAIN_TICKS);
    for (i = 0; i < n; i++) {
        if (ticks[i].col > l->track_x0 && ticks[i].col < l->track_x1)
            draw_repeat(l->track_y, ticks[i].col, 1, track, CRT_G_TRACK_TICK);
        draw_text(l->scale_y, ticks[i].x, -1, CRT_DIM, ticks[i].label);
    }
    draw_repeat_attr(l->track_y, knob, 1, knob_attr, CRT_G_KNOB);

    /* named precisions under the scale; the knob's nearest stands out (in
     * colour, without bold: it moves with the knob; its name is in the
     * knob's label too) */
    n = s->classic ? screen_lesson_classic_ticks(l, ticks, VIEW_MAIN_TICKS)
                   : layout_name_ticks(l, ticks, VIEW_MAIN_TICKS);
    for (i = 0; i < n; i++)
        draw_text_attr(l->names_y, ticks[i].x, -1,
                       near != NULL && strcmp(near->name, ticks[i].label) == 0
                           ? draw_live_attr(CRT_CURRENT)
                           : crt_attr(CRT_TICK),
                       ticks[i].label);
}

static void screen_main_numbers(const app_state *s, const app_layout *l)
{
    char buf[VIEW_MAIN_BUF], base[32];
    const qs_plan *p = &s->plan;
    double gib = p->need.weights_gib;
    const qs_savings *sv = &p->savings;
    const qs_format *q = p->quality;
    int x, value = draw_live_attr(CRT_VALUE);

    /* Footprint */
    screen_main_label(l->footprint_y, "Footprint", 0);
    if (!p->ok)
        (void)snprintf(buf, sizeof buf, "n/a");
    else
        (void)snprintf(buf, sizeof buf, "%.2f GiB  (%.2f GB)%s", gib, memory_gib_to_gb(gib),
                       s->query.stored ? "  as stored in the file" : "");
    draw_text_attr(l->footprint_y, LAYOUT_LABEL_W, -1, value, buf);

    /* Savings against the baseline */
    screen_main_label(l->savings_y, "Savings", s->focus == APP_FOCUS_BASELINE);
    screen_main_precision(base, sizeof base, s->query.baseline_bits, s->query.baseline_format);
    x = LAYOUT_LABEL_W;
    if (s->entry == APP_ENTRY_BASELINE) {
        (void)snprintf(buf, sizeof buf, "baseline bits: %s_  (Enter sets, Esc cancels)",
                       s->entry_text);
        draw_text(l->savings_y, x, -1, CRT_FOCUS, buf);
    } else if (sv->ok) {
        /* the baseline's size; the size at the bits is the Footprint's */
        if (sv->ratio > 1.0)
            (void)snprintf(buf, sizeof buf, "%.2fx smaller than %s (%.2f GiB)", sv->ratio, base,
                           sv->before_gib);
        else if (sv->ratio < 1.0)
            (void)snprintf(buf, sizeof buf, "%.2fx larger than %s (%.2f GiB)", 1.0 / sv->ratio,
                           base, sv->before_gib);
        else
            (void)snprintf(buf, sizeof buf, "same size as %s (%.2f GiB)", base, sv->before_gib);
        x = draw_text_attr(l->savings_y, x, -1, value, buf);
        /* at the right edge, where it stays when the text before it
         * changes length */
        if (x + 2 + (int)strlen(screen_main_baseline_hint) <= l->cols)
            draw_text(l->savings_y, l->cols - (int)strlen(screen_main_baseline_hint), -1, CRT_DIM,
                      screen_main_baseline_hint);
    }

    /* Quality of the chosen format, or of the nearest named precision */
    screen_main_label(l->quality_y, "Quality", 0);
    if (q != NULL) {
        x = LAYOUT_LABEL_W;
        if (p->quality_near && q->bits != s->query.bits) {
            (void)snprintf(buf, sizeof buf, "near %s:", q->name);
            x = draw_text_attr(l->quality_y, x, -1, draw_live_attr(CRT_LABEL), buf) + 1;
        }
        char note[VIEW_MAIN_BUF];

        /* The measurement first; the note whole where it fits, else its
         * word before the colon ("noticeable but acceptable"). */
        buf[0] = '\0';
        if (!isnan(q->ppl_delta))
            screen_main_ppl(buf, sizeof buf, q, s->query.model, 1);
        (void)snprintf(note, sizeof note, "%s", q->quality);
        if (x + (int)strlen(buf) + 2 + (int)strlen(note) > l->cols)
            note[strcspn(note, ":")] = '\0';
        /* Narrower still: the relative change goes, the model stays. */
        if (!isnan(q->ppl_delta) && x + (int)strlen(buf) + 2 + (int)strlen(note) > l->cols)
            screen_main_ppl(buf, sizeof buf, q, s->query.model, 0);
        x = draw_text(l->quality_y, x, -1, CRT_NORMAL, note) + 2;
        if (buf[0] != '\0')
            (void)draw_text_attr(l->quality_y, x, -1, value, buf);
    }
}

/* The context control: tokens, the model's maximum and the KV cache type,
 * or the number being typed. */
static void screen_main_ctx(const app_state *s, const app_layout *l)
{
    char buf[VIEW_MAIN_BUF], kv[32];
    const qs_query *q = &s->query;
    int x;

    if (l->ctx_y < 0)
        return;
    screen_main_label(l->ctx_y, "Context", s->focus == APP_FOCUS_CONTEXT);
    if (s->entry == APP_ENTRY_CTX) {
        (void)snprintf(buf, sizeof buf, "tokens: %s_  (Enter sets, Esc cancels)", s->entry_text);
        draw_text(l->ctx_y, LAYOUT_LABEL_W, -1, CRT_FOCUS, buf);
        return;
    }
    fmt_kv_type(kv, sizeof kv, q->kv_bits);
    if (q->shape != NULL && q->batch > 1)
        (void)snprintf(buf, sizeof buf, "%ld tokens (max %ld) x %d seqs  KV cache %s", q->ctx,
                       app_ctx_max(s), q->batch, kv);
    else if (q->shape != NULL)
        (void)snprintf(buf, sizeof buf, "%ld tokens (max %ld)  KV cache %s", q->ctx,
                       app_ctx_max(s), kv);
    else
        (void)snprintf(buf, sizeof buf, "%ld tokens  KV cache %s (custom size: not counted)",
                       q->ctx, kv);
    x = draw_text(l->ctx_y, LAYOUT_LABEL_W, -1, CRT_VALUE, buf);
    draw_text(l->ctx_y, x + 2, -1, CRT_DIM, "[k] type");
}

/* A device row: name, bar with its share at the end of the filled part
 * (or the partial offload), the usable capacity and the verdict word (the
 * need is on the Fit line). What changes on a step (the bar's end and the
 * share, one run of cells) is in one colour without bold, the same on
 * every row, so that a step changes no attribute there; the verdict word
 * carries the verdict's colour and bold, and says it in words. */
static void screen_main_fit_row(const app_layout *l, int y, const qs_plan *p,
                                const plan_device *d, int selected, int focused)
{
    char buf[VIEW_MAIN_BUF], share[VIEW_MAIN_BUF];
    const fit_result *r = &d->fit;
    crt_role verdict = draw_verdict_role(r->verdict);
    int live = draw_live_attr(CRT_TICK), x, n, len;

    if (selected)
        draw_text(y, 0, 1, focused ? CRT_FOCUS : CRT_LABEL, ">");
    draw_text(y, 2, l->fit_name_w, selected && focused ? CRT_FOCUS : CRT_NORMAL, d->device.name);
    if (!r->ok) {
        draw_text(y, l->fit_bar_x, -1, CRT_DIM, "RAM unknown");
        return;
    }
    /* LAYOUT_FIT_SHARE_W columns, left-aligned: " 9%   ", " 100% ", ">999% " */
    if (r->share > FMT_SHARE_SHOWN_MAX)
        n = snprintf(share, sizeof share, ">%.0f%%", FMT_SHARE_SHOWN_MAX * FMT_PERCENT);
    else
        n = snprintf(share, sizeof share, " %.0f%%", r->share * FMT_PERCENT);
    len = n;
    for (; n >= 0 && n < LAYOUT_FIT_SHARE_W; n++)
        share[n] = ' ';
    share[LAYOUT_FIT_SHARE_W] = '\0';
    (void)snprintf(buf, sizeof buf, "of %6.2f GiB  ", r->usable_gib);
    if (l->fit_bar_w > 0) {
        int cells = l->fit_bar_w - LAYOUT_FIT_SHARE_W;
        int full = cells;
        if (r->gpu_layers >= 0) {
            /* no fit, but GPU + this machine's RAM holds it: say how */
            char layers[VIEW_MAIN_BUF];
            (void)snprintf(layers, sizeof layers, "%d/%d layers on GPU", r->gpu_layers,
                           p->layers);
            draw_text_attr(y, l->fit_bar_x, cells, draw_live_attr(CRT_OFFLOAD), layers);
        } else {
            double fill = r->share < 1.0 ? r->share : 1.0;
            full = (int)lround(fill * cells);
            if (full > cells)
                full = cells;
            (void)draw_repeat_attr(y, l->fit_bar_x, full, live, CRT_G_BAR_FULL);
        }
        x = draw_text_attr(y, l->fit_bar_x + full, LAYOUT_FIT_SHARE_W, live, share);
        (void)draw_repeat_attr(y, x, cells - full, live, CRT_G_BAR_EMPTY);
        x = draw_text(y, l->fit_text_x, -1, CRT_NORMAL, buf);
        draw_text(y, x, -1, verdict, fit_verdict_word(r->verdict));
    } else {
        /* narrow: the verdict first, so that it is never cut off */
        x = draw_text(y, l->fit_text_x, -1, verdict, fit_verdict_word(r->verdict));
        if (r->gpu_layers >= 0) {
            (void)snprintf(buf, sizeof buf, " %d/%d layers on GPU", r->gpu_layers, p->layers);
            draw_text(y, x, -1, CRT_NORMAL, buf);
        } else {
            x = draw_text(y, x, len, CRT_NORMAL, share);
            draw_text(y, x + 1, -1, CRT_NORMAL, buf);
        }
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

/* The decode ceiling as a piece: "up to 21 tok/s" (one decimal below
 * VIEW_MAIN_TOK_S_WHOLE, where an offload's speeds are). */
static void screen_main_speed(int y, int *x, int cols, const plan_device *d)
{
    char buf[VIEW_MAIN_BUF];

    if (!(d->tok_s > 0.0))
        return;
    (void)snprintf(buf, sizeof buf, "up to %.*f tok/s", d->tok_s < VIEW_MAIN_TOK_S_WHOLE ? 1 : 0,
                   d->tok_s);
    screen_main_piece(y, x, cols, CRT_NORMAL, buf);
}

/* The selected device's details: best precision, largest context, headroom
 * and the decode ceiling; pieces that do not fit whole are left out, the
 * least important (the speed) first. With offload, what stays in RAM and
 * the speed with it (both bandwidths, the plan's) lead. */
static void screen_main_detail(const app_layout *l, const qs_query *q, const qs_plan *p,
                               const plan_device *d)
{
    char buf[VIEW_MAIN_BUF];
    long model_max = q->model != NULL ? q->model->ctx : 0;
    int x, y = l->detail_y, offload;

    if (y < 0)
        return;
    (void)snprintf(buf, sizeof buf, "%s:", d->device.name);
    x = draw_text(y, 2, l->cols - 2, CRT_LABEL, buf);
    if (!d->fit.ok) {
        screen_main_piece(y, &x, l->cols, CRT_DIM, "RAM unknown: no answers");
        return;
    }
    /* With offload, what is in RAM and the speed that costs come first. */
    offload = screen_rig_offload(buf, sizeof buf, p, d);
    if (offload) {
        screen_main_piece(y, &x, l->cols, CRT_OFFLOAD, buf);
        screen_main_speed(y, &x, l->cols, d);
    }
    if (d->best != NULL) {
        (void)snprintf(buf, sizeof buf, "best %s", d->best->name);
        screen_main_piece(y, &x, l->cols, CRT_NORMAL, buf);
    } else {
        screen_main_piece(y, &x, l->cols, CRT_NO_FIT, "no precision fits");
    }
    if (d->max_ctx > 0 && d->max_ctx == model_max)
        (void)snprintf(buf, sizeof buf, "max ctx %ld (all)", d->max_ctx);
    else if (d->max_ctx > 0)
        (void)snprintf(buf, sizeof buf, "max ctx %ld", d->max_ctx);
    else if (d->max_ctx == 0)
        (void)snprintf(buf, sizeof buf, "no context fits");
    else
        buf[0] = '\0';
    if (buf[0] != '\0')
        screen_main_piece(y, &x, l->cols, CRT_NORMAL, buf);
    if (d->fit.headroom_gib >= 0.0)
        (void)snprintf(buf, sizeof buf, "%.1f GiB free", d->fit.headroom_gib);
    else
        (void)snprintf(buf, sizeof buf, "%.1f GiB short", -d->fit.headroom_gib);
    screen_main_piece(y, &x, l->cols, CRT_NORMAL, buf);
    if (!offload)
        screen_main_speed(y, &x, l->cols, d);
    /* No room for the runtime line: its name here, where it fits. */
    if (l->rt_y < 0 && d->runtime != NULL) {
        (void)snprintf(buf, sizeof buf, "via %s", d->runtime->name);
        screen_main_piece(y, &x, l->cols, CRT_DIM, buf);
    }
}

/* Under the slider: a marker at the column of the selected device's best
 * precision, with its name and the device's. */
static void screen_main_best(const app_layout *l, const plan_device *d)
{
    char buf[VIEW_MAIN_BUF];
    int col, len;

    if (l->best_y < 0 || !d->fit.ok)
        return;
    if (d->best == NULL) {
        (void)snprintf(buf, sizeof buf, "no precision fits on %s", d->device.name);
        draw_text(l->best_y, l->track_x0, -1, CRT_NO_FIT, buf);
        return;
    }
    col = layout_bits_to_col(d->best->bits, l->track_x0, l->track_x1);
    draw_repeat(l->best_y, col, 1, CRT_FITS, CRT_G_MARK);
    (void)snprintf(buf, sizeof buf, "%s best on %s", d->best->name, d->device.name);
    len = (int)strlen(buf);
    if (col + 2 + len <= l->cols)
        draw_text(l->best_y, col + 2, -1, CRT_NORMAL, buf);
    else if (col - 1 - len >= 0)
        draw_text(l->best_y, col - 1 - len, -1, CRT_NORMAL, buf);
    else
        draw_text(l->best_y, 0, col - 1, CRT_NORMAL, buf);
}

/* One row of the need's breakdown: the part, its GiB (a number or "n/a")
 * and what it was computed from. */
static void screen_main_need_row(int y, const char *part, const char *gib, const char *from)
{
    char buf[VIEW_MAIN_BUF + VIEW_MAIN_BUF];   /* the part and a VIEW_MAIN_BUF text */

    (void)snprintf(buf, sizeof buf, "%-9s %8s GiB  %s", part, gib, from);
    draw_text(y, LAYOUT_LABEL_W, -1, CRT_NORMAL, buf);
}

/* Under the Fit line, when there is room: weights, KV cache and runtime
 * overhead, each with what it was computed from. */
static void screen_main_need(const app_state *s, const app_layout *l)
{
    const qs_plan *p = &s->plan;
    const fit_need *need = &p->need;
    const fit_config *c = &p->config;
    char gib[32], from[VIEW_MAIN_BUF], params[32], prec[32], kv[32];

    if (l->need_y < 0 || l->need_n < LAYOUT_NEED_ROWS || !p->ok)
        return;
    fmt_params(params, sizeof params, c->params);
    screen_main_precision(prec, sizeof prec, c->bits, p->format);
    (void)snprintf(gib, sizeof gib, "%.2f", need->weights_gib);
    (void)snprintf(from, sizeof from, "%s params at %s", params, prec);
    screen_main_need_row(l->need_y, "weights", gib, from);
    if (need->kv_known && c->model != NULL) {
        char kinds[VIEW_MAIN_BUF / 2];

        fmt_kv_type(kv, sizeof kv, c->kv_bits);
        if (models_layer_kinds(c->model, kinds, sizeof kinds) != 0)
            (void)snprintf(kinds, sizeof kinds, "%d", c->model->arch.layers);
        (void)snprintf(gib, sizeof gib, "%.2f", need->kv_gib);
        (void)snprintf(from, sizeof from, "%ld tokens x %d seq%s: %s layers, %s", c->ctx,
                       c->batch, c->batch == 1 ? "" : "s", kinds, kv);
    } else {
        (void)snprintf(gib, sizeof gib, "n/a");
        (void)snprintf(from, sizeof from, "not counted: a custom size has no architecture");
    }
    screen_main_need_row(l->need_y + 1, "KV cache", gib, from);
    (void)snprintf(gib, sizeof gib, "%.2f", need->overhead_gib);
    screen_main_need_row(l->need_y + 2, "runtime", gib, "context and buffers (--overhead)");
}

static void screen_main_fit(const app_state *s, const app_layout *l)
{
    const qs_plan *p = &s->plan;
    const fit_need *need = &p->need;
    char buf[VIEW_MAIN_BUF];
    size_t n = p->ndevices, i, top;
    int focused = s->focus == APP_FOCUS_DEVICES;

    if (l->fit_title_y < 0)
        return;
    if (!p->ok)
        (void)snprintf(buf, sizeof buf, "n/a");
    else if (need->kv_known)
        (void)snprintf(buf, sizeof buf,
                       "%.2f GiB = %.2f weights + %.2f KV (%ld tok) + %.2f runtime",
                       need->total_gib, need->weights_gib, need->kv_gib, p->config.ctx,
                       need->overhead_gib);
    else
        (void)snprintf(buf, sizeof buf, "%.2f GiB = %.2f weights + %.2f runtime (no KV: custom)",
                       need->total_gib, need->weights_gib, need->overhead_gib);
    screen_main_label(l->fit_title_y, "Fit", focused);
    draw_text(l->fit_title_y, LAYOUT_LABEL_W, -1, CRT_NORMAL, buf);
    if (!p->ok)
        return;
    screen_main_need(s, l);

    /* The rows: each device's, and under an open rig one per GPU. */
    top = app_rows_top(s, l->fit_n);
    for (i = 0; (int)i < l->fit_n; i++) {
        app_row row;
        int y = l->fit_y + (int)i;

        if (app_row_get(s, top + i, &row) != 0 || row.dev >= n)
            break;
        if (row.slot >= 0) {
            screen_rig_slot_row(l, y, &p->devices[row.dev], row.slot);
            continue;
        }
        screen_main_fit_row(l, y, p, &p->devices[row.dev], row.dev == s->sel, focused);
        screen_rig_marker(s, l, y, row.dev);
    }
    if (s->sel >= n)
        return;
    screen_main_detail(l, &s->query, p, &p->devices[s->sel]);
    screen_rig_runtime(s, l);
    screen_main_best(l, &p->devices[s->sel]);
}

static void screen_main_footer_draw(const app_state *s, const app_layout *l)
{
    char buf[VIEW_MAIN_BUF];

    if (s->msg[0] != '\0')
        draw_text(l->footer_y, 0, -1, CRT_ERROR, s->msg);
    else
        draw_text(l->footer_y, 0, -1, CRT_DIM,
                  keyhelp_footer(actions_mode(s), s->focus, buf, sizeof buf));
}

void screen_main_draw(const app_state *s, const app_layout *l)
{
    int right = (int)strlen(screen_main_title_right), x;

    char theme[VIEW_MAIN_BUF];

    /* the theme by name, beside the keys, when it is not the default */
    theme[0] = '\0';
    if (s->theme != THEME_DEFAULT)
        (void)snprintf(theme, sizeof theme, "theme %s  ", theme_name(s->theme));
    right += (int)strlen(theme);
    draw_text(l->title_y, 0, l->cols - right - 1, CRT_TITLE, screen_main_title);
    x = draw_text(l->title_y, l->cols - right, -1, CRT_DIM, theme);
    draw_text(l->title_y, x, -1, CRT_DIM, screen_main_title_right);
    screen_main_model(s, l);
    screen_main_slider(s, l);
    screen_main_numbers(s, l);
    screen_main_ctx(s, l);
    screen_main_fit(s, l);
    screen_pin_draw(s, l);
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
