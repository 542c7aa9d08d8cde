/* shword.c - a shell command line in a buffer (shword.h). */
#include "cli/shword.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Bytes that never need quoting in sh (POSIX 2.2: none of them is special). */
#define SHWORD_PLAIN "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.,/:@%+="
/* The first printable byte, and DEL. */
#define SHWORD_PRINT_MIN 0x20
#define SHWORD_DEL 0x7f

void shword_put(shword_out *o, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (o->over)
        return;
    va_start(ap, fmt);
    n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= o->size - o->len) {
        o->over = 1;
        return;
    }
    o->len += (size_t)n;
}

void shword_word(shword_out *o, const char *w)
{
    const unsigned char *p;
    int printable = 1;

    if (w[0] != '\0' && strspn(w, SHWORD_PLAIN) == strlen(w)) {
        shword_put(o, " %s", w);
        return;
    }
    for (p = (const unsigned char *)w; *p != '\0'; p++)
        if (*p < SHWORD_PRINT_MIN || *p >= SHWORD_DEL)
            printable = 0;
    shword_put(o, printable ? " '" : " $'");
    for (p = (const unsigned char *)w; *p != '\0'; p++) {
        if (printable && *p == '\'')
            shword_put(o, "'\\''");
        else if (printable)
            shword_put(o, "%c", *p);
        else if (*p == '\'' || *p == '\\')
            shword_put(o, "\\%c", *p);
        else if (*p < SHWORD_PRINT_MIN || *p >= SHWORD_DEL)
            shword_put(o, "\\x%02x", *p);
        else
            shword_put(o, "%c", *p);
    }
    shword_put(o, "'");
}
