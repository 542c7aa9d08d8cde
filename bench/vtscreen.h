/* vtscreen.h - a small terminal emulator for bench/ptybench.c: what the
 * screen shows after the bytes the program wrote, cell by cell.
 *
 * Included by ptybench.c alone (static functions: the bench is one
 * translation unit, so it needs no build rule of its own). Enough of
 * xterm for ncurses' output with xterm-256color: printing (UTF-8, auto-wrap
 * with the deferred wrap of xenl, rep), CR, LF, BS, TAB, cursor addressing
 * and relative moves, erase in line / display / characters, insert and
 * delete of characters and lines, scroll region, index / reverse index,
 * scroll up / down and SGR. Everything else is parsed and dropped. A
 * step's changed cells are those whose character or attributes differ
 * before and after it. */
#ifndef QS_VTSCREEN_H
#define QS_VTSCREEN_H

#include <string.h>

/* The largest screen emulated (the bench runs 80x24 and 200x50). */
#define VT_COLS_MAX 256
#define VT_ROWS_MAX 96
#define VT_PARAMS_MAX 16        /* parameters of one control sequence */
#define VT_TAB 8
/* Attribute bits of a cell; colours are stored as 1 + the colour number
 * (0: default) in two 9-bit fields above them. */
#define VT_BOLD 0x01u
#define VT_DIM 0x02u
#define VT_ITALIC 0x04u
#define VT_UNDER 0x08u
#define VT_BLINK 0x10u
#define VT_REVERSE 0x20u
#define VT_INVIS 0x40u
#define VT_FG_SHIFT 8
#define VT_BG_SHIFT 17
#define VT_COLOR_MASK 0x1ffu
#define VT_BG_ALL (VT_COLOR_MASK << VT_BG_SHIFT)
/* SGR parameters: the attribute codes and the colour ranges. */
#define VT_SGR_FG 30
#define VT_SGR_FG_EXT 38
#define VT_SGR_FG_DEFAULT 39
#define VT_SGR_BG 40
#define VT_SGR_BG_EXT 48
#define VT_SGR_BG_DEFAULT 49
#define VT_SGR_FG_BRIGHT 90
#define VT_SGR_BG_BRIGHT 100
#define VT_SGR_COLORS 8
#define VT_SGR_256 5
#define VT_SGR_RGB 2
#define VT_SGR_RGB_PARAMS 4     /* 2;R;G;B */
/* Code points and UTF-8 lead bytes. */
#define VT_ESC 0x1b
#define VT_DEL 0x7f
#define VT_UTF8_CONT 0x80
#define VT_UTF8_2 0xc0
#define VT_UTF8_3 0xe0
#define VT_UTF8_4 0xf0
#define VT_UTF8_BAD 0xf8
#define VT_UTF8_BITS 6          /* payload bits of a continuation byte */
#define VT_UTF8_PAYLOAD 0x3fu
#define VT_UTF8_LEAD2 0x1fu
#define VT_UTF8_LEAD3 0x0fu
#define VT_UTF8_LEAD4 0x07u
#define VT_DECIMAL 10
/* A parameter stops growing here (no overflow on a runaway number). */
#define VT_PARAM_MAX 100000

typedef struct {
    unsigned ch;       /* code point; ' ' when blank */
    unsigned attr;
} vt_cell;

typedef enum { VT_GROUND, VT_ESCAPE, VT_CSI, VT_STRING, VT_STRING_ESC, VT_CHARSET } vt_state;

typedef struct {
    int cols, rows, x, y, top, bot, wrap, save_x, save_y;
    unsigned attr, last;
    vt_state state;
    int params[VT_PARAMS_MAX], np, priv;
    unsigned cp;
    int utf_left;
    vt_cell cell[VT_ROWS_MAX][VT_COLS_MAX];
} vt_screen;

static int vt_clampi(int v, int lo, int hi)
{
    return v < lo ? lo : (v > hi ? hi : v);
}

static void vt_blank(vt_screen *v, vt_cell *c, int n)
{
    int i;

    for (i = 0; i < n; i++) {
        c[i].ch = ' ';
        c[i].attr = v->attr & VT_BG_ALL;
    }
}

static void vt_erase(vt_screen *v, int y, int x0, int x1)
{
    if (y < 0 || y >= v->rows || x1 <= x0)
        return;
    vt_blank(v, &v->cell[y][x0], x1 - x0);
}

/* Scrolls rows top .. bot by n (> 0 up, < 0 down). */
static void vt_scroll(vt_screen *v, int top, int bot, int n)
{
    int h = bot - top + 1, r;

    if (h <= 0 || n == 0)
        return;
    if (n >= h || -n >= h) {
        for (r = top; r <= bot; r++)
            vt_erase(v, r, 0, v->cols);
        return;
    }
    if (n > 0) {
        memmove(&v->cell[top], &v->cell[top + n], sizeof v->cell[0] * (size_t)(h - n));
        for (r = bot - n + 1; r <= bot; r++)
            vt_erase(v, r, 0, v->cols);
    } else {
        memmove(&v->cell[top - n], &v->cell[top], sizeof v->cell[0] * (size_t)(h + n));
        for (r = top; r < top - n; r++)
            vt_erase(v, r, 0, v->cols);
    }
}

static void vt_init(vt_screen *v, int cols, int rows)
{
    memset(v, 0, sizeof *v);
    v->cols = vt_clampi(cols, 1, VT_COLS_MAX);
    v->rows = vt_clampi(rows, 1, VT_ROWS_MAX);
    v->bot = v->rows - 1;
    vt_scroll(v, 0, v->rows - 1, v->rows);
}

static void vt_resize(vt_screen *v, int cols, int rows)
{
    v->cols = vt_clampi(cols, 1, VT_COLS_MAX);
    v->rows = vt_clampi(rows, 1, VT_ROWS_MAX);
    v->top = 0;
    v->bot = v->rows - 1;
    v->x = vt_clampi(v->x, 0, v->cols - 1);
    v->y = vt_clampi(v->y, 0, v->rows - 1);
    v->wrap = 0;
}

static void vt_linefeed(vt_screen *v)
{
    if (v->y == v->bot)
        vt_scroll(v, v->top, v->bot, 1);
    else if (v->y < v->rows - 1)
        v->y++;
}

static void vt_print(vt_screen *v, unsigned ch)
{
    if (v->wrap) {
        v->x = 0;
        vt_linefeed(v);
        v->wrap = 0;
    }
    v->cell[v->y][v->x].ch = ch;
    v->cell[v->y][v->x].attr = v->attr;
    v->last = ch;
    if (v->x == v->cols - 1)
        v->wrap = 1;
    else
        v->x++;
}

static unsigned vt_color(int n)
{
    return (unsigned)(n + 1) & VT_COLOR_MASK;
}

/* SGR codes (ECMA-48) that set or clear attribute bits. */
static const struct {
    int code;
    unsigned set, clear;
} vt_sgr_bits[] = {
    { 1, VT_BOLD, 0 }, { 2, VT_DIM, 0 }, { 3, VT_ITALIC, 0 }, { 4, VT_UNDER, 0 },
    { 5, VT_BLINK, 0 }, { 7, VT_REVERSE, 0 }, { 8, VT_INVIS, 0 },
    { 22, 0, VT_BOLD | VT_DIM }, { 23, 0, VT_ITALIC }, { 24, 0, VT_UNDER },
    { 25, 0, VT_BLINK }, { 27, 0, VT_REVERSE }, { 28, 0, VT_INVIS },
};

/* SGR colour ranges: first code, colour of that code, shift of the field. */
static const struct {
    int code, base, shift;
} vt_sgr_colors[] = {
    { VT_SGR_FG, 0, VT_FG_SHIFT }, { VT_SGR_BG, 0, VT_BG_SHIFT },
    { VT_SGR_FG_BRIGHT, VT_SGR_COLORS, VT_FG_SHIFT },
    { VT_SGR_BG_BRIGHT, VT_SGR_COLORS, VT_BG_SHIFT },
};

#define VT_N(a) (sizeof(a) / sizeof((a)[0]))

static void vt_set_color(vt_screen *v, int shift, unsigned c)
{
    v->attr = (v->attr & ~(VT_COLOR_MASK << shift)) | c << shift;
}

/* 38;5;N / 48;5;N and 38;2;R;G;B (one colour for all true colours);
 * returns the parameters used after the first. */
static int vt_sgr_ext(vt_screen *v, int i, int shift)
{
    if (i + 2 < v->np && v->params[i + 1] == VT_SGR_256) {
        vt_set_color(v, shift, vt_color(v->params[i + 2]));
        return 2;
    }
    vt_set_color(v, shift, vt_color(0));
    return i + 1 < v->np && v->params[i + 1] == VT_SGR_RGB ? VT_SGR_RGB_PARAMS : 1;
}

static void vt_sgr(vt_screen *v)
{
    int i;
    size_t k;

    if (v->np == 0)
        v->attr = 0;
    for (i = 0; i < v->np; i++) {
        int p = v->params[i];
        if (p == 0)
            v->attr = 0;
        else if (p == VT_SGR_FG_EXT)
            i += vt_sgr_ext(v, i, VT_FG_SHIFT);
        else if (p == VT_SGR_BG_EXT)
            i += vt_sgr_ext(v, i, VT_BG_SHIFT);
        else if (p == VT_SGR_FG_DEFAULT)
            vt_set_color(v, VT_FG_SHIFT, 0);
        else if (p == VT_SGR_BG_DEFAULT)
            vt_set_color(v, VT_BG_SHIFT, 0);
        for (k = 0; k < VT_N(vt_sgr_bits); k++)
            if (vt_sgr_bits[k].code == p)
                v->attr = (v->attr | vt_sgr_bits[k].set) & ~vt_sgr_bits[k].clear;
        for (k = 0; k < VT_N(vt_sgr_colors); k++)
            if (p >= vt_sgr_colors[k].code && p < vt_sgr_colors[k].code + VT_SGR_COLORS)
                vt_set_color(v, vt_sgr_colors[k].shift,
                             vt_color(p - vt_sgr_colors[k].code + vt_sgr_colors[k].base));
    }
}

/* The first parameter, d when it is missing or 0. */
static int vt_p(const vt_screen *v, int i, int d)
{
    return i < v->np && v->params[i] > 0 ? v->params[i] : d;
}

static void vt_csi(vt_screen *v, int final)
{
    int n = vt_p(v, 0, 1), r, i;
    vt_cell *row = v->cell[v->y];

    if (v->priv && final != 'm')
        return;        /* private modes (?1049h, ?25l, ...) */
    if (final != 'b')
        v->wrap = 0;
    switch (final) {
    case 'H': case 'f':
        v->y = vt_clampi(vt_p(v, 0, 1) - 1, 0, v->rows - 1);
        v->x = vt_clampi(vt_p(v, 1, 1) - 1, 0, v->cols - 1);
        break;
    case 'A': v->y = vt_clampi(v->y - n, 0, v->rows - 1); break;
    case 'B': v->y = vt_clampi(v->y + n, 0, v->rows - 1); break;
    case 'C': v->x = vt_clampi(v->x + n, 0, v->cols - 1); break;
    case 'D': v->x = vt_clampi(v->x - n, 0, v->cols - 1); break;
    case 'E': v->y = vt_clampi(v->y + n, 0, v->rows - 1); v->x = 0; break;
    case 'F': v->y = vt_clampi(v->y - n, 0, v->rows - 1); v->x = 0; break;
    case 'G': case '`': v->x = vt_clampi(n - 1, 0, v->cols - 1); break;
    case 'd': v->y = vt_clampi(n - 1, 0, v->rows - 1); break;
    case 'K':
        r = v->np > 0 ? v->params[0] : 0;
        vt_erase(v, v->y, r == 0 ? v->x : 0, r == 1 ? v->x + 1 : v->cols);
        break;
    case 'J':
        r = v->np > 0 ? v->params[0] : 0;
        if (r == 0) {
            vt_erase(v, v->y, v->x, v->cols);
            for (i = v->y + 1; i < v->rows; i++)
                vt_erase(v, i, 0, v->cols);
        } else if (r == 1) {
            for (i = 0; i < v->y; i++)
                vt_erase(v, i, 0, v->cols);
            vt_erase(v, v->y, 0, v->x + 1);
        } else {
            for (i = 0; i < v->rows; i++)
                vt_erase(v, i, 0, v->cols);
        }
        break;
    case 'X': vt_erase(v, v->y, v->x, vt_clampi(v->x + n, 0, v->cols)); break;
    case '@':
        n = vt_clampi(n, 0, v->cols - v->x);
        memmove(&row[v->x + n], &row[v->x], sizeof row[0] * (size_t)(v->cols - v->x - n));
        vt_blank(v, &row[v->x], n);
        break;
    case 'P':
        n = vt_clampi(n, 0, v->cols - v->x);
        memmove(&row[v->x], &row[v->x + n], sizeof row[0] * (size_t)(v->cols - v->x - n));
        vt_blank(v, &row[v->cols - n], n);
        break;
    case 'L': if (v->y >= v->top && v->y <= v->bot) vt_scroll(v, v->y, v->bot, -n); break;
    case 'M': if (v->y >= v->top && v->y <= v->bot) vt_scroll(v, v->y, v->bot, n); break;
    case 'S': vt_scroll(v, v->top, v->bot, n); break;
    case 'T': vt_scroll(v, v->top, v->bot, -n); break;
    case 'r':
        v->top = vt_clampi(vt_p(v, 0, 1) - 1, 0, v->rows - 1);
        v->bot = vt_clampi(vt_p(v, 1, v->rows) - 1, v->top, v->rows - 1);
        v->x = v->y = 0;
        break;
    case 'b':
        for (i = 0; i < n && v->last != 0; i++)
            vt_print(v, v->last);
        break;
    case 'm': if (!v->priv) vt_sgr(v); break;
    default: break;
    }
}

static void vt_esc(vt_screen *v, int c)
{
    v->state = VT_GROUND;
    switch (c) {
    case '[': v->state = VT_CSI; v->np = 0; v->priv = 0; v->params[0] = 0; break;
    case ']': case 'P': case '_': case '^': v->state = VT_STRING; break;
    case '(': case ')': case '*': case '+': v->state = VT_CHARSET; break;
    case '7': v->save_x = v->x; v->save_y = v->y; break;
    case '8': v->x = v->save_x; v->y = v->save_y; v->wrap = 0; break;
    case 'D': vt_linefeed(v); break;
    case 'E': v->x = 0; vt_linefeed(v); break;
    case 'M':
        if (v->y == v->top) vt_scroll(v, v->top, v->bot, -1);
        else if (v->y > 0) v->y--;
        break;
    case 'c': vt_init(v, v->cols, v->rows); break;
    default: break;
    }
}

static void vt_control(vt_screen *v, int c)
{
    switch (c) {
    case '\r': v->x = 0; v->wrap = 0; break;
    case '\n': case '\v': case '\f': vt_linefeed(v); v->wrap = 0; break;
    case '\b': if (v->x > 0) v->x--; v->wrap = 0; break;
    case '\t': v->x = vt_clampi((v->x / VT_TAB + 1) * VT_TAB, 0, v->cols - 1); break;
    case VT_ESC: v->state = VT_ESCAPE; break;
    default: break;     /* BEL, SO, SI, ... */
    }
}

static void vt_feed_byte(vt_screen *v, unsigned char b)
{
    switch (v->state) {
    case VT_ESCAPE: vt_esc(v, b); return;
    case VT_CHARSET: v->state = VT_GROUND; return;
    case VT_STRING:
        if (b == '\a') v->state = VT_GROUND;
        else if (b == VT_ESC) v->state = VT_STRING_ESC;
        return;
    case VT_STRING_ESC: v->state = b == '\\' ? VT_GROUND : VT_STRING; return;
    case VT_CSI:
        if (b >= '0' && b <= '9') {
            if (v->np == 0) v->np = 1;
            if (v->params[v->np - 1] < VT_PARAM_MAX)
                v->params[v->np - 1] = v->params[v->np - 1] * VT_DECIMAL + (b - '0');
        } else if (b == ';' || b == ':') {
            if (v->np == 0) v->np = 1;
            if (v->np < VT_PARAMS_MAX) v->params[v->np++] = 0;
        } else if (b >= '<' && b <= '?') {
            v->priv = 1;
        } else if (b >= '@' && b <= '~') {
            v->state = VT_GROUND;
            vt_csi(v, b);
        } else if (b < ' ') {
            vt_control(v, b);
        }
        return;
    case VT_GROUND: break;
    }
    if (v->utf_left > 0 && (b & VT_UTF8_2) == VT_UTF8_CONT) {
        v->cp = v->cp << VT_UTF8_BITS | (b & VT_UTF8_PAYLOAD);
        if (--v->utf_left == 0)
            vt_print(v, v->cp);
        return;
    }
    v->utf_left = 0;
    if (b < ' ' || b == VT_DEL)
        vt_control(v, b);
    else if (b < VT_UTF8_CONT)
        vt_print(v, b);
    else if (b >= VT_UTF8_2 && b < VT_UTF8_3)
        v->cp = b & VT_UTF8_LEAD2, v->utf_left = 1;
    else if (b >= VT_UTF8_3 && b < VT_UTF8_4)
        v->cp = b & VT_UTF8_LEAD3, v->utf_left = 2;
    else if (b >= VT_UTF8_4 && b < VT_UTF8_BAD)
        v->cp = b & VT_UTF8_LEAD4, v->utf_left = 3;
    else
        vt_print(v, '?');
}

static void vt_feed(vt_screen *v, const char *buf, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        vt_feed_byte(v, (unsigned char)buf[i]);
}

/* Cells that differ between two screens of the same size. */
static long vt_diff(const vt_screen *a, const vt_screen *b)
{
    long n = 0;
    int y, x;

    for (y = 0; y < b->rows; y++)
        for (x = 0; x < b->cols; x++)
            n += a->cell[y][x].ch != b->cell[y][x].ch || a->cell[y][x].attr != b->cell[y][x].attr;
    return n;
}

#endif
