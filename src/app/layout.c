/* layout.c - screen geometry from the terminal size. */
#include <math.h>
#include <string.h>

#include "app/layout.h"
#include "model/formats.h"
#include "model/query.h"

/* Every device of a query can have its row. */
_Static_assert(LAYOUT_FIT_ROWS_MAX == QUERY_DEVICES_MAX, "a row for every device of a query");

/* Rows always drawn: title, model, knob label, track, scale, footprint,
 * savings, quality, footer. */
#define LAYOUT_FIXED_ROWS 9
/* Side margin of the track: room for the end labels ("32" centred). */
#define LAYOUT_TRACK_MARGIN 2
/* Device name column: wide and narrow screens. */
#define LAYOUT_FIT_NAME_WIDE 18
#define LAYOUT_FIT_NAME_NARROW 12
#define LAYOUT_FIT_WIDE_COLS 72
/* "of 1000.00 GiB  no fit": the widest text after a fit row's bar (usable
 * capacity and verdict; the share is in the bar, the need on the Fit line). */
#define LAYOUT_FIT_TEXT_W 22
/* The bar's cells besides its share: at least, and at most (a longer bar
 * shows no more, and moves more cells on every step). */
#define LAYOUT_FIT_BAR_MIN 5
#define LAYOUT_FIT_BAR_MAX 60
/* Overlays: widest box, and the picker's rows around its list (top border,
 * filter, message, bottom border). */
#define LAYOUT_PICK_W_MAX 60
#define LAYOUT_PICK_H_MAX 20
#define LAYOUT_PICK_CHROME 4
#define LAYOUT_HELP_W_MAX 74
#define LAYOUT_HELP_H_MAX 28
/* Screen edge kept free around an overlay. */
#define LAYOUT_OVERLAY_MARGIN 2
/* Hundredths: bits from the mouse are rounded to 1 / LAYOUT_BITS_SCALE. */
#define LAYOUT_BITS_SCALE (1.0 / LAYOUT_BITS_ROUND)

/* Scale labels under the track: the powers of two of the range. */
static const struct {
    const char *label;
    double bits;
} layout_scale[] = {
    { "1", 1.0 }, { "2", 2.0 }, { "4", 4.0 }, { "8", 8.0 }, { "16", 16.0 }, { "32", 32.0 },
};

/* Named precisions labelled under the scale, most common first; a label is
 * dropped when it would touch one placed before it. */
static const char *const layout_names[] = {
    "FP32", "FP16", "Q8_0", "Q4_K_M", "Q2_K", "Q6_K", "TERNARY", "Q5_K_M",
    "Q3_K_M", "INT4", "IQ2_XXS",
};

#define LAYOUT_N(a) (sizeof(a) / sizeof((a)[0]))

static int layout_min(int a, int b)
{
    return a < b ? a : b;
}

static int layout_max(int a, int b)
{
    return a > b ? a : b;
}

int layout_bits_to_col(double bits, int x0, int x1)
{
    double b = bits;

    if (x1 <= x0)
        return x0;
    if (!(b >= LAYOUT_BITS_MIN))       /* also NaN */
        b = LAYOUT_BITS_MIN;
    if (b > LAYOUT_BITS_MAX)
        b = LAYOUT_BITS_MAX;
    return x0 + (int)lround((double)(x1 - x0) * log2(b / LAYOUT_BITS_MIN) / LAYOUT_OCTAVES);
}

double layout_col_to_bits(int x, int x0, int x1)
{
    double b, r;

    if (x1 <= x0 || x <= x0)
        return LAYOUT_BITS_MIN;
    if (x >= x1)
        return LAYOUT_BITS_MAX;
    b = LAYOUT_BITS_MIN * exp2(LAYOUT_OCTAVES * (double)(x - x0) / (double)(x1 - x0));
    r = round(b * LAYOUT_BITS_SCALE) / LAYOUT_BITS_SCALE;
    return layout_bits_to_col(r, x0, x1) == x ? r : b;
}

/* Table overlay: rows of chrome (title, two header rows, legend, keys),
 * column widths (marker, name, bits, total GiB) and device columns. */
#define LAYOUT_TABLE_CHROME 5
#define LAYOUT_TABLE_HEAD_ROWS 2
#define LAYOUT_TABLE_MARK_W 2
#define LAYOUT_TABLE_NAME_W 8
#define LAYOUT_TABLE_BITS_W 6
#define LAYOUT_TABLE_TOTAL_W 8
#define LAYOUT_TABLE_COL_MIN 7
#define LAYOUT_TABLE_COL_MAX 14
/* "tight 100%" and a blank: a cell with the share. */
#define LAYOUT_TABLE_SHARE_W 11

static void layout_table(app_layout *l, int devices)
{
    int room;

    l->table_title_y = 0;
    l->table_head_y = 1;
    l->table_list_y = l->table_head_y + LAYOUT_TABLE_HEAD_ROWS;
    l->table_list_n = layout_max(l->rows - LAYOUT_TABLE_CHROME, 1);
    l->table_legend_y = l->rows - 2;
    l->table_keys_y = l->rows - 1;
    l->table_name_x = LAYOUT_TABLE_MARK_W;
    l->table_bits_x = l->table_name_x + LAYOUT_TABLE_NAME_W;
    l->table_total_x = l->table_bits_x + LAYOUT_TABLE_BITS_W;
    l->table_dev_x = l->table_total_x + LAYOUT_TABLE_TOTAL_W;
    room = l->cols - l->table_dev_x;
    l->table_col_w = layout_min(LAYOUT_TABLE_COL_MAX, room / devices);
    if (l->table_col_w < LAYOUT_TABLE_COL_MIN)
        l->table_col_w = LAYOUT_TABLE_COL_MIN;
    l->table_ncols = layout_min(devices, room / l->table_col_w);
    l->table_share = l->table_col_w >= LAYOUT_TABLE_SHARE_W;
}

void layout_compute(int cols, int rows, app_layout *l)
{
    layout_compute_for(cols, rows, LAYOUT_FIT_MAX, l);
}

void layout_compute_for(int cols, int rows, int devices, app_layout *l)
{
    layout_compute_rows(cols, rows, devices, devices, l);
}

/* Clamped to 1 .. LAYOUT_FIT_ROWS_MAX. */
static int layout_rows_clamp(int n)
{
    return n < 1 ? 1 : n > LAYOUT_FIT_ROWS_MAX ? LAYOUT_FIT_ROWS_MAX : n;
}

void layout_compute_rows(int cols, int rows, int devices, int fit_rows, app_layout *l)
{
    int avail, y, gap_model = 0, gap_slider = 0, gap_numbers = 0, extra;
    int ctx = 0, detail = 0, best = 0, need = 0, rt = 0;

    memset(l, 0, sizeof *l);
    devices = layout_rows_clamp(devices);
    fit_rows = layout_rows_clamp(fit_rows);
    l->cols = cols;
    l->rows = rows;
    l->too_small = cols < LAYOUT_MIN_COLS || rows < LAYOUT_MIN_ROWS;
    l->names_y = l->fit_title_y = l->fit_y = l->best_y = l->ctx_y = l->detail_y = -1;
    l->rt_y = -1;
    l->need_y = -1;
    if (l->too_small) {
        l->title_y = l->model_y = l->knob_y = l->track_y = l->scale_y = -1;
        l->footprint_y = l->savings_y = l->quality_y = l->footer_y = -1;
        l->pick_list_y = l->track_x0 = l->track_x1 = -1;
        l->table_title_y = l->table_head_y = l->table_list_y = -1;
        l->table_legend_y = l->table_keys_y = -1;
        return;
    }

    /* Which optional rows fit, in order of importance. */
    avail = rows - LAYOUT_FIXED_ROWS;
    if (avail >= 2) {
        l->fit_n = 1;
        avail -= 2;
    }
    if (avail >= 1) {
        ctx = 1;
        avail--;
    }
    if (avail >= 1 && l->fit_n > 0) {
        detail = 1;
        avail--;
    }
    if (avail >= 1) {
        l->names_y = 0;
        avail--;
    }
    if (l->fit_n > 0) {
        extra = layout_min(avail, fit_rows - l->fit_n);
        l->fit_n += extra;
        avail -= extra;
    }
    if (avail > 0 && l->fit_n > 0) {
        best = 1;
        avail--;
    }
    if (avail > 0) {
        gap_model = 1;
        avail--;
    }
    if (avail > 0 && detail) {
        rt = 1;
        avail--;
    }
    if (avail > 0) {
        gap_slider = 1;
        avail--;
    }
    if (avail > 0) {
        gap_numbers = 1;
        avail--;
    }
    if (avail >= LAYOUT_NEED_ROWS && l->fit_n > 0) {
        need = 1;
        avail -= LAYOUT_NEED_ROWS;
    }

    /* Top to bottom. */
    y = 0;
    l->title_y = y++;
    l->model_y = y++;
    y += gap_model;
    l->knob_y = y++;
    l->track_y = y++;
    l->scale_y = y++;
    if (l->names_y == 0)
        l->names_y = y++;
    if (best)
        l->best_y = y++;
    y += gap_slider;
    l->footprint_y = y++;
    l->savings_y = y++;
    l->quality_y = y++;
    y += gap_numbers;
    if (ctx)
        l->ctx_y = y++;
    if (l->fit_n > 0) {
        l->fit_title_y = y++;
        if (need) {
            l->need_y = y;
            l->need_n = LAYOUT_NEED_ROWS;
            y += LAYOUT_NEED_ROWS;
        }
        l->fit_y = y;
        y += l->fit_n;
    }
    if (detail)
        l->detail_y = y++;
    if (rt)
        l->rt_y = y;
    l->footer_y = rows - 1;

    /* Columns. */
    l->track_x0 = LAYOUT_TRACK_MARGIN;
    l->track_x1 = cols - 1 - LAYOUT_TRACK_MARGIN;
    l->fit_name_w = cols >= LAYOUT_FIT_WIDE_COLS ? LAYOUT_FIT_NAME_WIDE : LAYOUT_FIT_NAME_NARROW;
    l->fit_bar_x = LAYOUT_TRACK_MARGIN + l->fit_name_w + 1;
    l->fit_bar_w = layout_min(cols - 1 - LAYOUT_FIT_TEXT_W - 1 - l->fit_bar_x,
                              LAYOUT_FIT_BAR_MAX + LAYOUT_FIT_SHARE_W);
    if (l->fit_bar_w < LAYOUT_FIT_BAR_MIN + LAYOUT_FIT_SHARE_W) {
        l->fit_bar_w = 0;
        l->fit_text_x = l->fit_bar_x;
    } else {
        l->fit_text_x = l->fit_bar_x + l->fit_bar_w + 1;
    }

    /* Overlays, centred. */
    l->pick_w = layout_min(cols - 2 * LAYOUT_OVERLAY_MARGIN, LAYOUT_PICK_W_MAX);
    l->pick_h = layout_min(rows - LAYOUT_OVERLAY_MARGIN, LAYOUT_PICK_H_MAX);
    l->pick_x = (cols - l->pick_w) / 2;
    l->pick_y = (rows - l->pick_h) / 2;
    l->pick_list_y = l->pick_y + LAYOUT_PICK_CHROME - 1;
    l->pick_list_n = layout_max(l->pick_h - LAYOUT_PICK_CHROME, 1);
    l->help_w = layout_min(cols - LAYOUT_OVERLAY_MARGIN, LAYOUT_HELP_W_MAX);
    l->help_h = layout_min(rows - LAYOUT_OVERLAY_MARGIN, LAYOUT_HELP_H_MAX);
    l->help_x = (cols - l->help_w) / 2;
    l->help_y = (rows - l->help_h) / 2;
    layout_table(l, devices);
}

/* Places a label centred on its column, inside the screen; returns 0 when
 * it would touch a label already placed (one blank column between). */
static int layout_place(const app_layout *l, const char *label, double bits,
                        layout_tick *out, size_t n, layout_tick *t)
{
    int len = (int)strlen(label);
    int col = layout_bits_to_col(bits, l->track_x0, l->track_x1);
    int x = col - (len - 1) / 2;
    size_t i;

    /* Inside the screen; the left edge wins when the label is wider. */
    x = x + len > l->cols ? l->cols - len : x;
    x = x < 0 ? 0 : x;
    for (i = 0; i < n; i++)
        if (x <= out[i].x + out[i].len && out[i].x <= x + len)
            return 0;
    t->x = x;
    t->col = col;
    t->len = len;
    t->label = label;
    t->bits = bits;
    return 1;
}

size_t layout_scale_ticks(const app_layout *l, layout_tick *out, size_t max)
{
    size_t i, n = 0;

    if (l->too_small)
        return 0;
    for (i = 0; i < LAYOUT_N(layout_scale) && n < max; i++) {
        layout_tick t;
        if (layout_place(l, layout_scale[i].label, layout_scale[i].bits, out, n, &t))
            out[n++] = t;
    }
    return n;
}

size_t layout_name_ticks(const app_layout *l, layout_tick *out, size_t max)
{
    const qs_format *named[LAYOUT_N(layout_names)];
    size_t i, k, n = 0, nf = formats_count();

    if (l->too_small || l->names_y < 0)
        return 0;
    /* One pass over the formats for the labelled names (this runs on
     * every frame: no lookup by name, ignoring case, for each). */
    memset(named, 0, sizeof named);
    for (i = 0; i < nf; i++) {
        const qs_format *f = formats_get(i);
        for (k = 0; f != NULL && k < LAYOUT_N(layout_names); k++)
            if (named[k] == NULL && f->name[0] == layout_names[k][0] &&
                strcmp(f->name, layout_names[k]) == 0)
                named[k] = f;
    }
    for (k = 0; k < LAYOUT_N(layout_names) && n < max; k++) {
        const qs_format *f = named[k];
        layout_tick t;
        if (f != NULL && f->bits >= LAYOUT_BITS_MIN && f->bits <= LAYOUT_BITS_MAX &&
            layout_place(l, f->name, f->bits, out, n, &t))
            out[n++] = t;
    }
    return n;
}

size_t layout_pick_top(size_t sel, size_t count, int visible)
{
    size_t v = visible > 0 ? (size_t)visible : 1;

    if (count <= v)
        return 0;
    if (sel >= count)
        sel = count - 1;
    return sel >= v ? sel - v + 1 : 0;
}
