/* screen_table.c - the table overlay: every named precision (formats_get
 * order) as a row, the devices as columns, like a lesson's comparison
 * table. Each row: the total need (weights + KV cache at the current
 * context and type + overhead) and the verdict on each device. The rows
 * come in the sort's order (app_table_order: by bits, by need on the
 * selected device, by name; its name on the legend line); the selected
 * row is a reverse-video bar with '>' (Enter applies it), the query's
 * own precision is marked '*' when it is not the selected one. */
#include <stdio.h>
#include <string.h>

#include "app/keyhelp.h"
#include "cli/fmt.h"
#include "tui/draw.h"
#include "tui/screens.h"

#define SCREEN_TABLE_BUF 160
/* A column header: two lines of at most this many bytes. */
#define SCREEN_TABLE_HEAD_MAX 32

/* "fits", "tight" or "NO": the table's short verdicts. */
static const char *screen_table_verdict(fit_verdict v)
{
    switch (v) {
    case FIT_FITS:
        return "fits";
    case FIT_TIGHT:
        return "tight";
    case FIT_OFFLOAD:
        return "RAM";
    case FIT_NO_FIT:
        return "NO";
    }
    return "?";
}

/* Appends words from *p to line (at most width bytes); a first word longer
 * than width is cut. Leaves *p at the first word that did not fit. */
static void screen_table_fill(const char **p, int width, char *line)
{
    size_t len = 0, cap = SCREEN_TABLE_HEAD_MAX - 1;
    const char *q = *p;

    if (width < 0)
        width = 0;
    if ((size_t)width < cap)
        cap = (size_t)width;
    line[0] = '\0';
    for (;;) {
        size_t w = 0, need;

        while (*q == ' ')
            q++;
        while (q[w] != '\0' && q[w] != ' ')
            w++;
        if (w == 0)
            break;
        need = len == 0 ? w : len + 1 + w;
        if (need > cap) {
            if (len == 0) {            /* one long word: cut it */
                memcpy(line, q, cap);
                len = cap;
                q += w;
            }
            break;
        }
        if (len > 0)
            line[len++] = ' ';
        memcpy(line + len, q, w);
        len += w;
        q += w;
    }
    line[len] = '\0';
    *p = q;
}

static void screen_table_title(const app_state *s, const app_layout *l)
{
    char buf[SCREEN_TABLE_BUF];
    char kv[32];
    const qs_query *q = &s->query;
    int x;

    x = draw_text(l->table_title_y, 0, -1, CRT_TITLE, "Table");
    if (q->model != NULL)
        (void)snprintf(buf, sizeof buf, "%s  ctx %ld  KV %s  batch %d  + %.2f GiB runtime",
                       q->model->name, q->ctx, fmt_kv_type(kv, sizeof kv, q->kv_bits), q->batch,
                       q->overhead_gib);
    else
        (void)snprintf(buf, sizeof buf, "custom size (weights only)  + %.2f GiB runtime",
                       q->overhead_gib);
    draw_text(l->table_title_y, x + 2, -1, CRT_VALUE, buf);
}

static void screen_table_head(const app_state *s, const app_layout *l)
{
    char a[SCREEN_TABLE_HEAD_MAX], b[SCREEN_TABLE_HEAD_MAX];
    int y = l->table_head_y, c;

    draw_text(y + 1, l->table_name_x, -1, CRT_LABEL, "format");
    draw_text(y + 1, l->table_bits_x, -1, CRT_LABEL, " bits");
    draw_text(y, l->table_total_x, -1, CRT_LABEL, "  total");
    draw_text(y + 1, l->table_total_x, -1, CRT_LABEL, "    GiB");
    for (c = 0; c < l->table_ncols; c++) {
        const char *name = (size_t)c < s->query.ndevices ? s->query.devices[c].name : NULL;
        int x = l->table_dev_x + c * l->table_col_w;
        if (name == NULL)
            break;
        screen_table_fill(&name, l->table_col_w - 1, a);
        screen_table_fill(&name, l->table_col_w - 1, b);
        draw_text(y, x, l->table_col_w - 1, CRT_LABEL, a);
        draw_text(y + 1, x, l->table_col_w - 1, CRT_LABEL, b);
    }
}

/* Row `row` (a format index) at y: selected 1 for the selection's bar,
 * current 1 for the query's own precision. */
static void screen_table_row(const app_state *s, const app_layout *l, int y, size_t row,
                             int selected, int current)
{
    char buf[SCREEN_TABLE_BUF];
    crt_role base = selected ? CRT_FOCUS : CRT_NORMAL;
    const qs_format *f = formats_get(row);
    plan_cell first = s->table[row][0];
    int c;

    if (selected) {
        /* a reverse-video bar across the whole row, the marker at its start */
        draw_fill(y, 0, l->cols, base);
        draw_text(y, 0, 1, base, ">");
    } else if (current) {
        draw_text(y, 0, 1, CRT_CURRENT, "*");
    }
    draw_text(y, l->table_name_x, l->table_bits_x - l->table_name_x - 1,
              current && !selected ? CRT_CURRENT : base, f->name);
    (void)snprintf(buf, sizeof buf, "%5.2f", f->bits);
    draw_text(y, l->table_bits_x, -1, base, buf);
    if (first.need_gib > 0.0)
        (void)snprintf(buf, sizeof buf, "%7.2f", first.need_gib);
    else
        (void)snprintf(buf, sizeof buf, "%7s", "n/a");
    draw_text(y, l->table_total_x, -1, base, buf);
    for (c = 0; c < l->table_ncols; c++) {
        int x = l->table_dev_x + c * l->table_col_w;
        plan_cell cell;
        const char *word;

        if ((size_t)c >= s->query.ndevices)
            break;
        cell = s->table[row][c];
        word = screen_table_verdict(cell.verdict);
        if (!cell.ok) {
            draw_text(y, x, l->table_col_w - 1, selected ? base : CRT_DIM, "?");
            continue;
        }
        if (l->table_share && cell.share <= FMT_SHARE_SHOWN_MAX)
            (void)snprintf(buf, sizeof buf, "%-5s %3.0f%%", word, cell.share * FMT_PERCENT);
        else if (l->table_share)
            (void)snprintf(buf, sizeof buf, "%-5s >999%%", word);
        else
            (void)snprintf(buf, sizeof buf, "%s", word);
        draw_text(y, x, l->table_col_w - 1, selected ? base : draw_verdict_role(cell.verdict),
                  buf);
    }
}

void screen_table_draw(const app_state *s, const app_layout *l)
{
    char buf[SCREEN_TABLE_BUF], sort[SCREEN_TABLE_BUF], keys[SCREEN_TABLE_BUF];
    const qs_format *near = s->query.format != NULL ? s->query.format : app_nearest(s);
    const qs_format *sel = s->table_sel < app_table_rows() ? formats_get(s->table_sel) : NULL;
    size_t order[APP_TABLE_ROWS_MAX];
    size_t n = app_table_order(s, order), top = app_table_first(s), i, ndev = s->query.ndevices;
    int x;

    screen_table_title(s, l);
    screen_table_head(s, l);
    for (i = top; i < n && (int)(i - top) < l->table_list_n; i++) {
        const qs_format *f = formats_get(order[i]);

        if (s->table_valid && f != NULL)
            screen_table_row(s, l, l->table_list_y + (int)(i - top), order[i],
                             order[i] == s->table_sel, f == near);
    }

    /* legend: the sort, what is out of view, the verdicts' thresholds (what
     * a narrow screen cuts first) */
    (void)snprintf(buf, sizeof buf, "sorted %s  ", app_table_sort_name(s, sort, sizeof sort));
    x = draw_text(l->table_legend_y, 0, -1, CRT_DIM, buf);
    if ((size_t)l->table_ncols < ndev) {
        (void)snprintf(buf, sizeof buf, "+%zu devices: widen  ", ndev - (size_t)l->table_ncols);
        x = draw_text(l->table_legend_y, x, -1, CRT_DIM, buf);
    }
    (void)snprintf(buf, sizeof buf, "fits <=%.0f%%  tight <=%.0f%%  NO over: share of usable",
                   FIT_SHARE_FITS * FMT_PERCENT, FIT_SHARE_TIGHT * FMT_PERCENT);
    draw_text(l->table_legend_y, x, -1, CRT_DIM, buf);
    /* the selection, the query's precision, the keys */
    (void)snprintf(buf, sizeof buf, "> %s %zu/%zu  *%s now  %s", sel != NULL ? sel->name : "?",
                   app_table_pos(s) + 1, n, near != NULL ? near->name : "?",
                   keyhelp_footer(APP_MODE_TABLE, s->focus, keys, sizeof keys));
    draw_text(l->table_keys_y, 0, -1, CRT_DIM, buf);
}
