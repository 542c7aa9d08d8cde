/* view.c - the frame dispatcher and drawing helpers shared by the views. */
#include <curses.h>
#include <string.h>

#include "face/view.h"

/* 1 for the first byte of a UTF-8 character (not a continuation byte). */
#define VIEW_UTF8_CONT_MASK 0xc0
#define VIEW_UTF8_CONT 0x80

int view_put(int y, int x, int max_cols, crt_role role, const char *text)
{
    return view_put_attr(y, x, max_cols, crt_attr(role), text);
}

int view_put_attr(int y, int x, int max_cols, int attr, const char *text)
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
        if (((unsigned char)text[i] & VIEW_UTF8_CONT_MASK) != VIEW_UTF8_CONT) {
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

int view_repeat(int y, int x, int n, crt_role role, crt_glyph_id g)
{
    return view_repeat_attr(y, x, n, crt_attr(role), g);
}

int view_repeat_attr(int y, int x, int n, int attr, crt_glyph_id g)
{
    const char *glyph = crt_glyph(g);
    int i;

    for (i = 0; i < n; i++)
        x = view_put_attr(y, x, -1, attr, glyph);
    return x;
}

void view_fill(int y, int x, int n, crt_role role)
{
    if (y < 0 || y >= LINES || x < 0 || x >= COLS || n <= 0)
        return;
    if (n > COLS - x)
        n = COLS - x;
    (void)mvhline(y, x, (chtype)' ' | (chtype)crt_attr(role), n);
}

int view_bar_attr(crt_role role)
{
    int a = crt_attr(role);

    return crt_colors() ? a & ~(int)A_BOLD : a;
}

void view_box(int y, int x, int h, int w, const char *title)
{
    int r;

    if (h < 2 || w < 2)
        return;
    view_put(y, x, 1, CRT_BOX, crt_glyph(CRT_G_BOX_TL));
    view_repeat(y, x + 1, w - 2, CRT_BOX, CRT_G_BOX_H);
    view_put(y, x + w - 1, 1, CRT_BOX, crt_glyph(CRT_G_BOX_TR));
    for (r = 1; r < h - 1; r++) {
        view_put(y + r, x, 1, CRT_BOX, crt_glyph(CRT_G_BOX_V));
        if (y + r >= 0 && y + r < LINES)
            (void)mvhline(y + r, x + 1, ' ', w - 2);
        view_put(y + r, x + w - 1, 1, CRT_BOX, crt_glyph(CRT_G_BOX_V));
    }
    view_put(y + h - 1, x, 1, CRT_BOX, crt_glyph(CRT_G_BOX_BL));
    view_repeat(y + h - 1, x + 1, w - 2, CRT_BOX, CRT_G_BOX_H);
    view_put(y + h - 1, x + w - 1, 1, CRT_BOX, crt_glyph(CRT_G_BOX_BR));
    if (title != NULL && w > 4)
        view_put(y, x + 2, w - 4, CRT_TITLE, title);
}

void view_draw(const app_state *s)
{
    app_layout l;

    app_layout_of(s, &l);
    if (l.too_small) {
        view_main_draw_small(&l);
        return;
    }
    if (s->overlay == APP_OVERLAY_TABLE) {
        view_table_draw(s, &l);        /* the whole screen */
        return;
    }
    view_main_draw(s, &l);
    if (s->overlay == APP_OVERLAY_PICKER)
        view_picker_draw(s, &l);
    else if (s->overlay == APP_OVERLAY_HELP)
        view_help_draw(s, &l);
}

crt_role view_verdict_role(fit_verdict v)
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
