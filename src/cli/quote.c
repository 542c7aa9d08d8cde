/* quote.c - values made safe to print in a one-line message.
 *
 * UTF-8 is checked against the well-formed byte sequences of The Unicode
 * Standard, chapter 3, table 3-7; an ill-formed sequence is replaced by
 * one mark per maximal subpart (section 3.9, "U+FFFD Substitution of
 * Maximal Subparts"). */
#include <stdlib.h>
#include <string.h>

#include "cli/quote.h"

/* ASCII: bytes below this are C0 controls, and DEL. */
#define QUOTE_ASCII_SPACE 0x20
#define QUOTE_ASCII_DEL 0x7f
#define QUOTE_ASCII_END 0x80
/* C1 controls U+0080..U+009F (ECMA-48, section 5.3). */
#define QUOTE_C1_FIRST 0x80
#define QUOTE_C1_LAST 0x9f
/* UTF-8 continuation bytes: 10xxxxxx. */
#define QUOTE_CONT_LO 0x80
#define QUOTE_CONT_HI 0xbf
#define QUOTE_CONT_BITS 6
#define QUOTE_CONT_MASK 0x3f
/* Lead bytes (table 3-7): C2..DF two bytes, E0..EF three, F0..F4 four. */
#define QUOTE_LEAD2_LO 0xc2
#define QUOTE_LEAD2_HI 0xdf
#define QUOTE_LEAD3_LO 0xe0
#define QUOTE_LEAD3_HI 0xef
#define QUOTE_LEAD4_LO 0xf0
#define QUOTE_LEAD4_HI 0xf4
#define QUOTE_LEAD2_MASK 0x1f
#define QUOTE_LEAD3_MASK 0x0f
#define QUOTE_LEAD4_MASK 0x07
/* Second bytes narrower than 80..BF (table 3-7): E0 A0..BF (no overlong
 * forms), ED 80..9F (no surrogates), F0 90..BF (no overlong forms), F4
 * 80..8F (nothing above U+10FFFF). */
#define QUOTE_E0 0xe0
#define QUOTE_E0_LO 0xa0
#define QUOTE_ED 0xed
#define QUOTE_ED_HI 0x9f
#define QUOTE_F0 0xf0
#define QUOTE_F0_LO 0x90
#define QUOTE_F4 0xf4
#define QUOTE_F4_HI 0x8f

/* Code points that would break or reorder the line (Unicode: LRM, RLM,
 * LINE SEPARATOR .. RIGHT-TO-LEFT OVERRIDE, the isolates LRI .. PDI). */
static const struct {
    unsigned long lo, hi;
} quote_unsafe[] = {
    { 0x200e, 0x200f },
    { 0x2028, 0x202e },
    { 0x2066, 0x2069 },
};

static int quote_is_unsafe(unsigned long cp)
{
    size_t i;

    if (cp >= QUOTE_C1_FIRST && cp <= QUOTE_C1_LAST)
        return 1;
    for (i = 0; i < sizeof quote_unsafe / sizeof quote_unsafe[0]; i++)
        if (cp >= quote_unsafe[i].lo && cp <= quote_unsafe[i].hi)
            return 1;
    return 0;
}

/* The UTF-8 character at s: returns how many bytes it spans (at least 1)
 * and sets *ok to 1 when they are a well-formed, printable character, 0
 * when they are one maximal ill-formed piece or an unsafe character. */
static size_t quote_utf8(const unsigned char *s, int *ok)
{
    unsigned char b = s[0];
    unsigned char lo = QUOTE_CONT_LO, hi = QUOTE_CONT_HI;
    unsigned long cp;
    size_t len, i;

    *ok = 0;
    if (b >= QUOTE_LEAD2_LO && b <= QUOTE_LEAD2_HI) {
        len = 2;
        cp = b & QUOTE_LEAD2_MASK;
    } else if (b >= QUOTE_LEAD3_LO && b <= QUOTE_LEAD3_HI) {
        len = 3;
        cp = b & QUOTE_LEAD3_MASK;
        if (b == QUOTE_E0)
            lo = QUOTE_E0_LO;
        else if (b == QUOTE_ED)
            hi = QUOTE_ED_HI;
    } else if (b >= QUOTE_LEAD4_LO && b <= QUOTE_LEAD4_HI) {
        len = 4;
        cp = b & QUOTE_LEAD4_MASK;
        if (b == QUOTE_F0)
            lo = QUOTE_F0_LO;
        else if (b == QUOTE_F4)
            hi = QUOTE_F4_HI;
    } else {
        return 1;          /* a continuation byte, C0, C1, F5..FF */
    }
    for (i = 1; i < len; i++) {
        if (s[i] < lo || s[i] > hi)
            return i;      /* cut off here: the piece so far is one mark
                              (a NUL stops it too) */
        cp = (cp << QUOTE_CONT_BITS) | (s[i] & QUOTE_CONT_MASK);
        lo = QUOTE_CONT_LO;
        hi = QUOTE_CONT_HI;
    }
    *ok = !quote_is_unsafe(cp);
    return len;
}

const char *quote_value(char *buf, size_t size, const char *value)
{
    const unsigned char *s = (const unsigned char *)(value != NULL ? value : "");
    const size_t mark = strlen(QUOTE_CUT_MARK);
    int multibyte = MB_CUR_MAX > 1;
    size_t out = 0, safe = 0, chars = 0;

    if (size == 0)
        return "";
    while (*s != '\0') {
        int ok = 1;
        size_t in = 1, put;

        if (*s < QUOTE_ASCII_SPACE || *s == QUOTE_ASCII_DEL)
            ok = 0;
        else if (*s >= QUOTE_ASCII_END) {
            if (multibyte)
                in = quote_utf8(s, &ok);
            else
                ok = 0;
        }
        put = ok ? in : 1;
        if (chars == QUOTE_MAX_CHARS || out + put >= size)
            break;
        if (ok)
            memcpy(buf + out, s, put);
        else
            buf[out] = QUOTE_BAD_CHAR;
        out += put;
        chars++;
        s += in;
        if (out + mark < size)
            safe = out;    /* the mark and the NUL still fit after this */
    }
    if (*s != '\0' && out + mark >= size) {
        /* Cut: go back to where the mark fits, when it fits at all. */
        if (mark < size)
            out = safe;
    }
    if (*s != '\0' && out + mark < size) {
        memcpy(buf + out, QUOTE_CUT_MARK, mark);
        out += mark;
    }
    buf[out] = '\0';
    return buf;
}
