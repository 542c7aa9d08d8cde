/* screen_table.c - the table overlay: every named precision (formats_get
 * order) as a row, the devices as columns, like a lesson's comparison
 * table. Each row: the total need (weights + KV cache at the current
 * context and type + overhead) and the verdict on each device; the row of
 * the precision nearest to the knob is marked (reverse video and '>'). */
#include <stdio.h>
#include <string.h>

#include "app/fitrows.h"
#include "cli/fmt.h"
#include "tui/draw.h"
#include "tui/screens.h"
#include "model/kvcache.h"

#define VIEW_TABLE_BUF 160

static void screen_table_title(const app_state *s, const app_layout *l)
{
    char buf[VIEW_TABLE_BUF];
    const char *kv = kvcache_name_from_bits(s->kv_bits);
    int x;

    x = draw_text(l->table_title_y, 0, -1, CRT_TITLE, "Table");
    if (s->preset != NULL)
        (void)snprintf(buf, sizeof buf, "%s  ctx %ld  KV %s  + %.2f GiB runtime",
                       s->preset->name, app_ctx(s), kv != NULL ? kv : "?", s->overhead_gib);
    else
        (void)snprintf(buf, sizeof buf, "custom size (weights only)  + %.2f GiB runtime",
                       s->overhead_gib);
    draw_text(l->table_title_y, x + 2, -1, CRT_VALUE, buf);
}

static void screen_table_head(const app_state *s, const app_layout *l)
{
    char a[FITROWS_HEAD_MAX], b[FITROWS_HEAD_MAX];
    int y = l->table_head_y, c;

    draw_text(y + 1, l->table_name_x, -1, CRT_LABEL, "format");
    draw_text(y + 1, l->table_bits_x, -1, CRT_LABEL, " bits");
    draw_text(y, l->table_total_x, -1, CRT_LABEL, "  total");
    draw_text(y + 1, l->table_total_x, -1, CRT_LABEL, "    GiB");
    for (c = 0; c < l->table_ncols; c++) {
        const qs_device *d = app_device(s, (size_t)c);
        int x = l->table_dev_x + c * l->table_col_w;
        if (d == NULL)
            break;
        fitrows_header(d->name, l->table_col_w - 1, a, b);
        draw_text(y, x, l->table_col_w - 1, CRT_LABEL, a);
        draw_text(y + 1, x, l->table_col_w - 1, CRT_LABEL, b);
    }
}

static void screen_table_row(const app_state *s, const app_layout *l, int y, const qs_format *f,
                           int current)
{
    char buf[VIEW_TABLE_BUF];
    crt_role base = current ? CRT_FOCUS : CRT_NORMAL;
    fitrows_cell first = fitrows_table_cell(s, f, 0);
    int c;

    if (current) {
        /* a reverse-video bar across the whole row, the marker at its start */
        draw_fill(y, 0, l->cols, base);
        draw_text(y, 0, 1, base, ">");
    }
    draw_text(y, l->table_name_x, l->table_bits_x - l->table_name_x - 1, base, f->name);
    (void)snprintf(buf, sizeof buf, "%5.2f", f->bits);
    draw_text(y, l->table_bits_x, -1, base, buf);
    if (first.need_gib > 0.0)
        (void)snprintf(buf, sizeof buf, "%7.2f", first.need_gib);
    else
        (void)snprintf(buf, sizeof buf, "%7s", "n/a");
    draw_text(y, l->table_total_x, -1, base, buf);
    for (c = 0; c < l->table_ncols; c++) {
        fitrows_cell cell = fitrows_table_cell(s, f, (size_t)c);
        int x = l->table_dev_x + c * l->table_col_w;
        const char *word = fitrows_short_verdict(cell.verdict);

        if (!cell.ok) {
            draw_text(y, x, l->table_col_w - 1, current ? base : CRT_DIM, "?");
            continue;
        }
        if (l->table_share && cell.share <= FMT_SHARE_SHOWN_MAX)
            (void)snprintf(buf, sizeof buf, "%-5s %3.0f%%", word, cell.share * FMT_PERCENT);
        else if (l->table_share)
            (void)snprintf(buf, sizeof buf, "%-5s >999%%", word);
        else
            (void)snprintf(buf, sizeof buf, "%s", word);
        draw_text(y, x, l->table_col_w - 1, current ? base : draw_verdict_role(cell.verdict), buf);
    }
}

void screen_table_draw(const app_state *s, const app_layout *l)
{
    char buf[VIEW_TABLE_BUF];
    const qs_format *near = app_nearest(s);
    size_t n = app_table_rows(), top = s->table_top, i, ndev = app_device_count(s);
    int x;

    if (top > app_table_top_max(s))
        top = app_table_top_max(s);
    screen_table_title(s, l);
    screen_table_head(s, l);
    for (i = top; i < n && (int)(i - top) < l->table_list_n; i++) {
        const qs_format *f = formats_get(i);
        if (f != NULL)
            screen_table_row(s, l, l->table_list_y + (int)(i - top), f, f == near);
    }

    /* legend: the verdicts' thresholds, and what is out of view */
    (void)snprintf(buf, sizeof buf, "fits <=%.0f%%  tight <=%.0f%%  NO over: share of usable",
                   FIT_SHARE_FITS * FMT_PERCENT, FIT_SHARE_TIGHT * FMT_PERCENT);
    x = draw_text(l->table_legend_y, 0, -1, CRT_DIM, buf);
    if ((size_t)l->table_ncols < ndev) {
        (void)snprintf(buf, sizeof buf, "  +%zu devices: widen", ndev - (size_t)l->table_ncols);
        draw_text(l->table_legend_y, x, -1, CRT_DIM, buf);
    }
    (void)snprintf(buf, sizeof buf,
                   "> %s  rows %zu-%zu of %zu  Up/Dn PgUp/Dn scroll  k KV  t/Esc close",
                   near != NULL ? near->name : "?", top + 1,
                   top + (size_t)l->table_list_n < n ? top + (size_t)l->table_list_n : n, n);
    draw_text(l->table_keys_y, 0, -1, CRT_DIM, buf);
}
