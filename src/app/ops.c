/* ops.c - the operations actions and the mouse perform on the state. */
#include <stdio.h>
#include <string.h>

#include "app/lesson.h"
#include "app/ops.h"
#include "model/parse.h"

void ops_msg(app_state *s, const char *text)
{
    (void)snprintf(s->msg, sizeof s->msg, "%s", text);
}

void ops_set_bits(app_state *s, const qs_format *f, double bits)
{
    if (f != NULL && f->bits >= APP_BITS_MIN && f->bits <= APP_BITS_MAX)
        query_set_weights(&s->query, f, f == s->query.format ? s->query.rate : f->bits);
    else
        query_set_weights(&s->query, NULL, app_clamp_bits(bits));
}

void ops_set_baseline(app_state *s, const qs_format *f, double bits)
{
    if (f != NULL && f->bits >= APP_BITS_MIN && f->bits <= APP_BITS_MAX)
        query_set_baseline(&s->query, f,
                           f == s->query.baseline_format ? s->query.baseline_rate : f->bits);
    else
        query_set_baseline(&s->query, NULL, app_clamp_bits(bits));
}

void ops_cycle_baseline(app_state *s)
{
    const qs_query *q = &s->query;
    double next = app_next_baseline(q->baseline_bits, q->bits);
    const qs_format *f = NULL;

    /* The cycle's named stops by name; the current bits with their format. */
    if (next == APP_BASELINE_FP16)
        f = formats_find(APP_BASELINE_FP16_NAME);
    else if (next == APP_BASELINE_FP32)
        f = formats_find(APP_BASELINE_FP32_NAME);
    else if (next == q->bits)
        f = q->format;
    ops_set_baseline(s, f, next);
}

void ops_set_model(app_state *s, const qs_model *m, double params)
{
    query_set_model(&s->query, m, params);
    s->query.ctx = app_ctx_clamp(s, s->query.ctx);
}

void ops_step_model(app_state *s, int dir)
{
    const models_catalog *c = s->query.catalog;
    size_t n = models_count(c), i, cur = 0;
    int found = 0;

    if (n == 0)
        return;
    for (i = 0; i < n; i++)
        if (models_get(c, i) == s->query.model) {
            cur = i;
            found = 1;
        }
    if (!found)
        cur = dir > 0 ? 0 : n - 1;     /* a bare size: step onto an end */
    else if (dir > 0 && cur + 1 < n)
        cur++;
    else if (dir < 0 && cur > 0)
        cur--;
    if (models_get(c, cur) != NULL)
        ops_set_model(s, models_get(c, cur), 0.0);
}

void ops_step(app_state *s, int dir, int named)
{
    qs_query *q = &s->query;
    int base = s->focus == APP_FOCUS_BASELINE;
    double v = base ? q->baseline_bits : q->bits;
    const qs_format *f = NULL;

    if (s->focus == APP_FOCUS_MODEL && !named) {
        ops_step_model(s, dir);
        return;
    }
    if (s->focus == APP_FOCUS_CONTEXT && !named) {
        q->ctx = app_ctx_step(q->ctx, dir, app_ctx_max(s));
        return;
    }
    if (s->classic && !base) {
        /* the classic track: every step goes to the next of its stops */
        f = lesson_classic_step(v, dir);
        if (f != NULL)
            ops_set_bits(s, f, f->bits);
        return;
    }
    if (named) {
        f = app_step_named(s, v, dir);
        if (f == NULL)
            return;                    /* already at the last named stop */
    } else {
        v = app_step_fine(v, dir);
    }
    if (base)
        ops_set_baseline(s, f, v);
    else
        ops_set_bits(s, f, v);
}

void ops_focus_move(app_state *s, int dir)
{
    int f = ((int)s->focus + dir + APP_FOCUS_COUNT) % APP_FOCUS_COUNT;

    s->focus = (app_focus)f;
}

void ops_entry_drop(app_state *s)
{
    s->entry = APP_ENTRY_NONE;
    s->entry_text[0] = '\0';
}

void ops_entry_start(app_state *s, char first)
{
    if (s->focus == APP_FOCUS_MODEL) {
        ops_picker_open(s, first);
        return;
    }
    if (s->focus == APP_FOCUS_BASELINE)
        s->entry = APP_ENTRY_BASELINE;
    else if (s->focus == APP_FOCUS_CONTEXT)
        s->entry = APP_ENTRY_CTX;
    else
        s->entry = APP_ENTRY_BITS;
    s->entry_text[0] = first;
    s->entry_text[1] = '\0';
}

void ops_text_append(app_state *s, char *text, char c)
{
    size_t len = strlen(text);

    if (len + 1 < APP_TEXT_MAX) {
        text[len] = c;
        text[len + 1] = '\0';
    } else {
        ops_msg(s, "that is as long as it gets: Backspace edits");
    }
}

void ops_text_backspace(char *text)
{
    size_t len = strlen(text);

    if (len > 0)
        text[len - 1] = '\0';
}

void ops_entry_apply(app_state *s)
{
    double v;
    long ctx;

    if (s->entry == APP_ENTRY_CTX) {
        if (parse_ctx(s->entry_text, &ctx) != 0 || ctx < APP_CTX_MIN || ctx > app_ctx_max(s))
            (void)snprintf(s->msg, sizeof s->msg,
                           "'%s' is not a context here: type %ld to %ld tokens, e.g. 8192 or 8k",
                           s->entry_text, APP_CTX_MIN, app_ctx_max(s));
        else
            s->query.ctx = ctx;
    } else if (parse_bits(s->entry_text, &v) != 0 || v < APP_BITS_MIN || v > APP_BITS_MAX) {
        (void)snprintf(s->msg, sizeof s->msg,
                       "'%s' is not a bits value: type a number from %g to %g, e.g. 4.5",
                       s->entry_text, APP_BITS_MIN, APP_BITS_MAX);
    } else if (s->entry == APP_ENTRY_BASELINE) {
        ops_set_baseline(s, NULL, v);
    } else {
        ops_set_bits(s, NULL, v);
    }
    ops_entry_drop(s);
}

void ops_picker_open(app_state *s, char first)
{
    long i;

    s->overlay = APP_OVERLAY_PICKER;
    ops_entry_drop(s);
    s->dragging = 0;
    s->filter[0] = first;
    s->filter[1] = '\0';
    s->pick = 0;
    /* Start on the current model when the list is unfiltered. */
    if (first == '\0' && s->query.model != NULL) {
        i = app_pick_index_of(s, s->query.model);
        if (i > 0)
            s->pick = (size_t)i;
    }
}

void ops_picker_fits(app_state *s)
{
    app_pick_row row;
    int had = app_pick_get(s, s->pick, &row) == 0;
    long i;

    s->pick_fits = !s->pick_fits;
    /* The selected row stays selected when it is still listed. */
    i = had ? app_pick_index_of(s, row.model) : -1;
    s->pick = i > 0 ? (size_t)i : 0;
}

void ops_picker_move(app_state *s, long delta)
{
    size_t n = app_pick_count(s);
    long p = (long)s->pick + delta;

    if (n == 0) {
        s->pick = 0;
        return;
    }
    if (p < 0)
        p = 0;
    if (p >= (long)n)
        p = (long)n - 1;
    s->pick = (size_t)p;
}

void ops_picker_close(app_state *s)
{
    s->overlay = APP_OVERLAY_NONE;
    s->filter[0] = '\0';
}

void ops_picker_choose(app_state *s)
{
    app_pick_row row;

    if (app_pick_get(s, s->pick, &row) != 0) {
        (void)snprintf(s->msg, sizeof s->msg, "no model or size '%s': try a name or 13B",
                       s->filter);
        return;
    }
    ops_set_model(s, row.model, row.params);
    ops_picker_close(s);
    s->msg[0] = '\0';
}

/* Keeps table_top where app_table_first() shows the selection. */
static void ops_table_keep(app_state *s)
{
    s->table_top = app_table_first(s);
}

void ops_table_select(app_state *s, long delta)
{
    size_t order[APP_TABLE_ROWS_MAX];
    size_t n = app_table_order(s, order);
    long pos = (long)app_table_pos(s) + delta;

    if (n == 0)
        return;
    if (pos >= (long)n)
        pos = (long)n - 1;
    if (pos < 0)
        pos = 0;
    s->table_sel = order[pos];
    ops_table_keep(s);
}

void ops_table_select_at(app_state *s, size_t pos)
{
    size_t order[APP_TABLE_ROWS_MAX];
    size_t n = app_table_order(s, order);

    if (pos >= n)
        return;
    s->table_sel = order[pos];
    ops_table_keep(s);
}

void ops_table_sort(app_state *s)
{
    s->table_sort = ((int)app_table_sort_of(s) + 1) % APP_TABLE_SORT_COUNT;
    ops_table_keep(s);
}

void ops_table_apply(app_state *s)
{
    const qs_format *f = s->table_sel < app_table_rows() ? formats_get(s->table_sel) : NULL;

    if (f == NULL)
        return;
    if (f->bits < APP_BITS_MIN || f->bits > APP_BITS_MAX) {
        (void)snprintf(s->msg, sizeof s->msg, "%s is outside the slider's %g-%g bits", f->name,
                       APP_BITS_MIN, APP_BITS_MAX);
        return;
    }
    ops_set_bits(s, f, f->bits);
    s->overlay = APP_OVERLAY_NONE;
    (void)snprintf(s->msg, sizeof s->msg, "%s from the table", f->name);
}

void ops_table_open(app_state *s)
{
    app_layout l;
    const qs_format *cur = s->query.format != NULL ? s->query.format : app_nearest(s);
    size_t i;
    long top;

    s->overlay = APP_OVERLAY_TABLE;
    ops_entry_drop(s);
    s->dragging = 0;
    s->table_sel = 0;
    for (i = 0; i < app_table_rows(); i++)
        if (formats_get(i) == cur)
            s->table_sel = i;
    /* the current precision selected, in the middle of the rows shown */
    app_layout_of(s, &l);
    top = (long)app_table_pos(s) - (long)(l.table_list_n / 2);
    if (top > (long)app_table_top_max(s))
        top = (long)app_table_top_max(s);
    s->table_top = top > 0 ? (size_t)top : 0;
}
