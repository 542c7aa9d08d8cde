/* draw.c - drawing primitives shared by the screens.
 *
 * Text is converted from UTF-8 to wide characters once per call and drawn
 * with one wide-string call; a run of one glyph is one cell repeated by
 * mvhline_set(). Converting one character at a time (waddnstr() decodes
 * UTF-8 byte by byte and adds each glyph on its own) was most of the cost
 * of a frame. */

/* The wide-character curses functions (mvaddnwstr, setcchar,
 * mvhline_set): ncursesw declares them with NCURSES_WIDECHAR, X/Open
 * curses with _XOPEN_SOURCE_EXTENDED; both before <curses.h>. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/draw.h"

/* UTF-8: the top bits of a continuation byte, and bytes below this one are
 * ASCII (one byte, one character, the same code point). */
#define DRAW_UTF8_CONT_MASK 0xc0
#define DRAW_UTF8_CONT 0x80
#define DRAW_ASCII_END 0x80
/* Printable ASCII: from the space up to, not including, DEL. Control
 * characters are not drawn as such (draw_widen() makes them '?'). */
#define DRAW_ASCII_PRINT 0x20
#define DRAW_ASCII_DEL 0x7f
/* Wide characters converted per call at most: wider than any row drawn in
 * one call (text is clipped at the terminal's width first); longer text is
 * cut here. */
#define DRAW_WIDE_MAX 512
/* Shown for a byte sequence that is not a character in the locale's
 * encoding (bad UTF-8, or any non-ASCII byte under LANG=C). */
#define DRAW_BAD_CHAR L'?'
/* A glyph as a wide string: one character and the terminator (converting
 * two tells a one-character glyph from the two of the ASCII arrow). */
#define DRAW_GLYPH_W 2

/* wchar_t holds ISO 10646 code points (glibc, musl, the BSDs): under a
 * UTF-8 locale a UTF-8 sequence is decoded here, not by mbrtowc(), which
 * costs more than the rest of drawing a glyph. */
#ifdef __STDC_ISO_10646__
#define DRAW_WCHAR_UCS 1
#else
#define DRAW_WCHAR_UCS 0
#endif
/* UTF-8 lead bytes of 2-, 3- and 4-byte sequences, the payload masks of a
 * lead and of a continuation byte, and the bits a continuation adds. */
#define DRAW_UTF8_LEAD2 0xc2
#define DRAW_UTF8_LEAD3 0xe0
#define DRAW_UTF8_LEAD4 0xf0
#define DRAW_UTF8_LEAD_END 0xf5
#define DRAW_UTF8_BITS2 0x1f
#define DRAW_UTF8_BITS3 0x0f
#define DRAW_UTF8_BITS4 0x07
#define DRAW_UTF8_PAYLOAD 0x3f
#define DRAW_UTF8_SHIFT 6
/* The least code point of 3- and 4-byte sequences (shorter forms are
 * invalid), the surrogates (not characters) and the last code point. */
#define DRAW_UCS_MIN3 0x800
#define DRAW_UCS_MIN4 0x10000
#define DRAW_UCS_SURROGATE 0xd800
#define DRAW_UCS_SURROGATE_END 0xe000
#define DRAW_UCS_MAX 0x10ffff

/* One UTF-8 character from p (left bytes): its code point in *out and its
 * length, or 0 when the sequence is not valid UTF-8. */
static size_t draw_utf8(const unsigned char *p, size_t left, wchar_t *out)
{
    size_t len, i;
    unsigned long cp;

    if (p[0] >= DRAW_UTF8_LEAD2 && p[0] < DRAW_UTF8_LEAD3) {
        len = 2;
        cp = p[0] & DRAW_UTF8_BITS2;
    } else if (p[0] >= DRAW_UTF8_LEAD3 && p[0] < DRAW_UTF8_LEAD4) {
        len = 3;
        cp = p[0] & DRAW_UTF8_BITS3;
    } else if (p[0] >= DRAW_UTF8_LEAD4 && p[0] < DRAW_UTF8_LEAD_END) {
        len = 4;
        cp = p[0] & DRAW_UTF8_BITS4;
    } else {
        return 0;
    }
    if (left < len)
        return 0;
    for (i = 1; i < len; i++) {
        if ((p[i] & DRAW_UTF8_CONT_MASK) != DRAW_UTF8_CONT)
            return 0;
        cp = cp << DRAW_UTF8_SHIFT | (p[i] & DRAW_UTF8_PAYLOAD);
    }
    if ((len == 3 && cp < DRAW_UCS_MIN3) || (len == 4 && cp < DRAW_UCS_MIN4) ||
        (cp >= DRAW_UCS_SURROGATE && cp < DRAW_UCS_SURROGATE_END) || cp > DRAW_UCS_MAX)
        return 0;
    *out = (wchar_t)cp;
    return len;
}

/* Converts up to `room` characters of UTF-8 (or the locale's multibyte)
 * text to wide characters in out[0 .. max - 1]; a sequence that does not
 * convert gives one DRAW_BAD_CHAR (its continuation bytes are skipped).
 * One column per character (the glyphs and names drawn are single-width).
 * Returns the number of wide characters written (not terminated). */
static int draw_widen(const char *text, int room, wchar_t *out, int max)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t left = strlen(text);
    mbstate_t st;
    int n = 0, utf8 = DRAW_WCHAR_UCS && crt_utf8();

    memset(&st, 0, sizeof st);
    if (room > max)
        room = max;
    while (left > 0 && n < room) {
        size_t k;
        if (*p < DRAW_ASCII_END) {
            out[n++] = *p < DRAW_ASCII_PRINT || *p == DRAW_ASCII_DEL ? DRAW_BAD_CHAR : (wchar_t)*p;
            p++;
            left--;
            continue;
        }
        k = utf8 ? draw_utf8(p, left, &out[n])
                 : mbrtowc(&out[n], (const char *)p, left < MB_LEN_MAX ? left : MB_LEN_MAX, &st);
        if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
            out[n++] = DRAW_BAD_CHAR;
            memset(&st, 0, sizeof st);
            do {
                p++;
                left--;
            } while (left > 0 && (*p & DRAW_UTF8_CONT_MASK) == DRAW_UTF8_CONT);
            continue;
        }
        n++;
        p += k;
        left -= k;
    }
    return n;
}

int draw_text(int y, int x, int max_cols, crt_role role, const char *text)
{
    return draw_text_attr(y, x, max_cols, crt_attr(role), text);
}

/* Printable ASCII text, up to `room` characters: the cells as chtype,
 * character and attributes, copied into the window in one call (no
 * conversion, no per-character processing). Returns the characters drawn,
 * or -1 (nothing drawn) when the text has a byte that is not printable
 * ASCII. */
static int draw_ascii(int y, int x, int room, int attr, const char *text)
{
    chtype cells[DRAW_WIDE_MAX];
    int n;

    if (room > DRAW_WIDE_MAX)
        room = DRAW_WIDE_MAX;
    for (n = 0; n < room && text[n] != '\0'; n++) {
        unsigned char c = (unsigned char)text[n];
        if (c < DRAW_ASCII_PRINT || c >= DRAW_ASCII_DEL)
            return -1;
        cells[n] = (chtype)c | (chtype)attr;
    }
    if (n > 0)
        (void)mvaddchnstr(y, x, cells, n);
    return n;
}

int draw_text_attr(int y, int x, int max_cols, int attr, const char *text)
{
    wchar_t w[DRAW_WIDE_MAX];
    int room = COLS - x, n;

    if (y < 0 || y >= LINES || x < 0 || x >= COLS || text == NULL)
        return x;
    if (max_cols >= 0 && max_cols < room)
        room = max_cols;
    n = draw_ascii(y, x, room, attr, text);
    if (n >= 0)
        return x + n;
    /* Anything else: converted once, drawn as one wide string. */
    n = draw_widen(text, room, w, DRAW_WIDE_MAX);
    if (n == 0)
        return x;
    (void)attrset(attr);
    (void)mvaddnwstr(y, x, w, n);
    (void)attrset(A_NORMAL);
    return x + n;
}

int draw_repeat(int y, int x, int n, crt_role role, crt_glyph_id g)
{
    return draw_repeat_attr(y, x, n, crt_attr(role), g);
}

int draw_repeat_attr(int y, int x, int n, int attr, crt_glyph_id g)
{
    const char *glyph = crt_glyph(g);
    wchar_t w[DRAW_GLYPH_W];
    cchar_t cell;
    int i;

    if (y < 0 || y >= LINES || x < 0 || x >= COLS || n <= 0)
        return x;
    if (n > COLS - x)
        n = COLS - x;
    /* One character (every glyph but the ASCII arrow): one cell, repeated. */
    if (draw_widen(glyph, DRAW_GLYPH_W, w, DRAW_GLYPH_W) == 1) {
        w[1] = L'\0';
        if (setcchar(&cell, w, (attr_t)attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL) == OK) {
            (void)mvhline_set(y, x, &cell, n);
            return x + n;
        }
    }
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

int draw_live_attr(crt_role role)
{
    int a = crt_attr(role);

    return crt_colors() && !crt_live_bold() ? a & ~(int)A_BOLD : a;
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
    case FIT_OFFLOAD:
        return CRT_OFFLOAD;
    case FIT_NO_FIT:
        break;
    }
    return CRT_NO_FIT;
}
