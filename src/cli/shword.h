/* shword.h - building a shell command line in a buffer, each word quoted
 * for sh (POSIX 2.2) only when it needs to be.
 *
 * Layer: cli. The reproducing commands (report_command.c: the runtime's,
 * reproduce.c: quantscope's own) write through it. */
#ifndef QS_SHWORD_H
#define QS_SHWORD_H

#include <stddef.h>

typedef struct {
    char *buf;
    size_t size, len;
    int over;                  /* 1: something did not fit (buf holds what did) */
} shword_out;

/* Appends printf-style text as it is. */
void shword_put(shword_out *o, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Appends " WORD", shell-quoted: as it is when every byte is plain, else
 * in single quotes ('\'' for a quote), else (a control or non-ASCII byte)
 * as $'...' with \xHH escapes. */
void shword_word(shword_out *o, const char *w);

#endif
