/* layout.h - where everything goes on a cols x rows terminal.
 *
 * Layer 2 (app): pure geometry, computed from the size alone so that the
 * view only draws and the mouse mapping can be tested. Rows that do not fit
 * are -1; the order of sacrifice when rows run short: the breakdown of the
 * need under the Fit line, then the blanks above the numbers and the
 * context, then the selected device's runtime line, then the blank after
 * the model line, then the best-precision marker under the slider, then
 * hardware rows (this machine stays), then the named-precision labels, then
 * the selected device's detail line; the context line and this machine's
 * row go last. (So the default 80x24 screen, nine devices, keeps the rows
 * it had before the runtime line, which it has no room for: the detail
 * line then names the runtime.) A tall terminal shows every
 * device and the breakdown. Columns are 0-based, ranges inclusive. */
#ifndef QS_LAYOUT_H
#define QS_LAYOUT_H

#include <stddef.h>

/* Below this size only the "terminal too small" line is drawn. */
#define LAYOUT_MIN_COLS 40
#define LAYOUT_MIN_ROWS 12
/* The slider's range in bits per weight: 1 .. 32, LAYOUT_OCTAVES doublings. */
#define LAYOUT_BITS_MIN 1.0
#define LAYOUT_BITS_MAX 32.0
#define LAYOUT_OCTAVES 5.0
/* Bits from the mouse are rounded to this (when the column stays the same). */
#define LAYOUT_BITS_ROUND 0.01
/* Hardware rows by default (this machine + five catalogued targets), and
 * the most any layout shows: every device a query holds (QUERY_DEVICES_MAX,
 * model/query.h; layout.c checks that they agree). */
#define LAYOUT_FIT_MAX 6
#define LAYOUT_FIT_ROWS_MAX 25
/* Rows of the need's breakdown: weights, KV cache, runtime overhead. */
#define LAYOUT_NEED_ROWS 3
/* Columns of a fit row's share inside its bar, at the end of the filled
 * part: " 100% " or ">999% ". */
#define LAYOUT_FIT_SHARE_W 6
/* Width of the label column ("Footprint " ...). */
#define LAYOUT_LABEL_W 11

typedef struct {
    int cols, rows;
    int too_small;             /* 1: draw only the size message */
    int title_y;
    int model_y;
    int knob_y;                /* knob label ("4.89 bpw  Q4_K_M") above the track */
    int track_y;
    int track_x0, track_x1;    /* first and last column of the track */
    int scale_y;               /* 1 2 4 8 16 32 under the track */
    int names_y;               /* named precision labels; -1 when no room */
    int best_y;                /* marker of the selected device's best
                                  precision; -1 when no room */
    int footprint_y, savings_y, quality_y;
    int ctx_y;                 /* the context control; -1 when no room */
    int fit_title_y;           /* -1 when there is no room for any fit row */
    int need_y, need_n;        /* the need's breakdown under the Fit line:
                                  first row and rows (0 or LAYOUT_NEED_ROWS);
                                  need_y -1 when there is no room */
    int fit_y;                 /* first device row */
    int fit_n;                 /* device rows that fit (0 .. LAYOUT_FIT_ROWS_MAX) */
    int fit_name_w;            /* device name column */
    int fit_bar_x, fit_bar_w;  /* the bar with its share ("███  16% ░░░░"),
                                  LAYOUT_FIT_SHARE_W of it; width 0 when
                                  there is no room */
    int fit_text_x;            /* "of  23.99 GiB  fits" after it; with no
                                  bar, "fits 16% of 23.99 GiB" */
    int detail_y;              /* the selected device's details; -1: no room */
    int rt_y;                  /* under the details: the selected device's
                                  runtime and split; -1: no room */
    int footer_y;
    /* picker overlay: box and its list rows */
    int pick_x, pick_y, pick_w, pick_h;
    int pick_list_y, pick_list_n;
    /* help overlay box */
    int help_x, help_y, help_w, help_h;
    /* table overlay (the whole screen): title, two header rows, the
     * format rows, legend and keys. Columns: marker, name, bits, total GiB,
     * then table_ncols device columns of table_col_w from table_dev_x. */
    int table_title_y, table_head_y, table_list_y, table_list_n;
    int table_legend_y, table_keys_y;
    int table_name_x, table_bits_x, table_total_x, table_dev_x;
    int table_col_w, table_ncols;
    int table_share;           /* 1 when a cell has room for the share (%) */
} app_layout;

/* A tick label placed on the scale or names row. */
typedef struct {
    int x;                     /* first column of the label */
    int col;                   /* the track column it marks */
    int len;                   /* columns of the label */
    const char *label;
    double bits;
} layout_tick;

/* Slider mapping on a log2 scale over columns x0 .. x1 (x1 > x0): equal
 * distances are equal ratios, so 1, 2, 4, 8, 16, 32 sit evenly.
 * bits = 2^(LAYOUT_OCTAVES (x - x0) / (x1 - x0)); columns outside clamp to
 * the ends. The result is rounded to LAYOUT_BITS_ROUND when that keeps the
 * same column, so layout_bits_to_col(layout_col_to_bits(x)) == x for every
 * x in the track. */
double layout_col_to_bits(int x, int x0, int x1);

/* The column of `bits` (clamped to the range):
 * x0 + round((x1 - x0) log2(bits) / LAYOUT_OCTAVES). */
int layout_bits_to_col(double bits, int x0, int x1);

/* Lays out a cols x rows screen (any size, also 0 or negative: too small)
 * for `devices` hardware rows (this machine included; clamped to
 * 1 .. LAYOUT_FIT_ROWS_MAX). */
void layout_compute_for(int cols, int rows, int devices, app_layout *l);

/* layout_compute_for() for a device list of fit_rows rows (the devices and
 * the sub-rows of the open rigs; clamped as devices is), `devices` the
 * table's columns. */
void layout_compute_rows(int cols, int rows, int devices, int fit_rows, app_layout *l);

/* layout_compute_for() with LAYOUT_FIT_MAX devices. */
void layout_compute(int cols, int rows, app_layout *l);

/* The scale labels 1, 2, 4, 8, 16, 32 at their columns; returns how many
 * fit (writes at most max). */
size_t layout_scale_ticks(const app_layout *l, layout_tick *out, size_t max);

/* Named-precision labels that fit on the names row without touching each
 * other, most common first (FP32, FP16, INT8, Q4_K_M, ...); returns how many. */
size_t layout_name_ticks(const app_layout *l, layout_tick *out, size_t max);

/* The first visible picker row for selection `sel` of `count` rows shown
 * `visible` at a time (keeps the selection in view). */
size_t layout_pick_top(size_t sel, size_t count, int visible);

#endif
