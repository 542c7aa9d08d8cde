/* layout.h - where everything goes on a cols x rows terminal.
 *
 * Layer 2 (app): pure geometry, computed from the size alone so that the
 * view only draws and the mouse mapping can be tested. Rows that do not fit
 * are -1; the order of sacrifice when rows run short: blank separators,
 * then hardware rows (this machine stays), then the named-precision labels.
 * Columns are 0-based, ranges inclusive. */
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
/* Most hardware rows shown (this machine + five catalogued targets). */
#define LAYOUT_FIT_MAX 6
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
    int footprint_y, savings_y, quality_y;
    int fit_title_y;           /* -1 when there is no room for any fit row */
    int fit_y;                 /* first device row */
    int fit_n;                 /* device rows that fit (0 .. LAYOUT_FIT_MAX) */
    int fit_name_w;            /* device name column */
    int fit_bar_x, fit_bar_w;  /* the bar; width 0 when there is no room */
    int fit_text_x;            /* "3.76/23.99 GiB  16%  fits" */
    int footer_y;
    /* picker overlay: box and its list rows */
    int pick_x, pick_y, pick_w, pick_h;
    int pick_list_y, pick_list_n;
    /* help overlay box */
    int help_x, help_y, help_w, help_h;
} app_layout;

/* A tick label placed on the scale or names row. */
typedef struct {
    int x;                     /* first column of the label */
    int col;                   /* the track column it marks */
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

/* Lays out a cols x rows screen (any size, also 0 or negative: too small). */
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
