/* draw.c - drawing primitives shared by the screens. */
#include <curses.h>
#include <string.h>

#include "tui/draw.h"

/* 1 for the first byte of a UTF-8 character (not a continuation byte). */
#define DRAW_UTF8_CONT_MASK 0xc0
#define DRAW_UTF8_CONT 0x80

int draw_text(int y, int x, int max_cols, crt_role role, const char *text)
{
    return draw_text_attr(y, x, max_cols, crt_attr(role), text);
}

int draw_text_attr(int y, int x, int max_cols, int attr, const char *text)
{
    int room = COLS - x, used = 0;
    size_t i, bytes = 0;

    if (y < 0 || y >= LINES || x < 0 || x >= COLS || text == NULL)
        return x;
    if (max_cols >= 0 && max_cols < room)
        room = max_cols;
    /* Count columns: one per character; stop before the first that does
     * not fit. */
    for (i = 0; text[i] != '\0'; i++) {
        if (((unsigned char)text[i] & DRAW_UTF8_CONT_MASK) != DRAW_UTF8_CONT) {
            if (used == room)
                break;
            used++;
        }
        bytes = i + 1;
    }
    if (bytes == 0)
        return x;
    (void)attrset(attr);
    (void)mvaddnstr(y, x, text, (int)bytes);
    (void)attrset(A_NORMAL);
    return x + used;
}

int draw_repeat(int y, int x, int n, crt_role role, crt_glyph_id g)
{
    return draw_repeat_attr(y, x, n, crt_attr(role), g);
}

int draw_repeat_attr(int y, int x, int n, int attr, crt_glyph_id g)
{
    const char *glyph = crt_glyph(g);
    int i;

    for (i = 0; i < n; i++)
        x = draw_text_attr(y, x, -1, attr, glyph);
    return x;
}

void draw_fill(int y, int x, int n, crt_role role)
{
    if (y < 0 || y >= LINES || x < 0 || x >= COLS || n <= 0)
        return;
    if (n > COLS - x)
        n = COLS - x;
    (void)mvhline(y, x, (chtype)' ' | (chtype)crt_attr(role), n);
}

int draw_bar_attr(crt_role role)
{
    int a = crt_attr(role);

    return crt_colors() ? a & ~(int)A_BOLD : a;
}

void draw_box(int y, int x, int h, int w, const char *title)
{
    int r;

    if (h < 2 || w < 2)
        return;
    draw_text(y, x, 1, CRT_BOX, crt_glyph(CRT_G_BOX_TL));
    draw_repeat(y, x + 1, w - 2, CRT_BOX, CRT_G_BOX_H);
    draw_text(y, x + w - 1, 1, CRT_BOX, crt_glyph(CRT_G_BOX_TR));
    for (r = 1; r < h - 1; r++) {
        draw_text(y + r, x, 1, CRT_BOX, crt_glyph(CRT_G_BOX_V));
        if (y + r >= 0 && y + r < LINES)
            (void)mvhline(y + r, x + 1, ' ', w - 2);
        draw_text(y + r, x + w - 1, 1, CRT_BOX, crt_glyph(CRT_G_BOX_V));
    }
    draw_text(y + h - 1, x, 1, CRT_BOX, crt_glyph(CRT_G_BOX_BL));
    draw_repeat(y + h - 1, x + 1, w - 2, CRT_BOX, CRT_G_BOX_H);
    draw_text(y + h - 1, x + w - 1, 1, CRT_BOX, crt_glyph(CRT_G_BOX_BR));
    if (title != NULL && w > 4)
        draw_text(y, x + 2, w - 4, CRT_TITLE, title);
}

crt_role draw_verdict_role(fit_verdict v)
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
