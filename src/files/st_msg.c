/* st_msg.c - one-line messages of the safetensors readers (st_msg.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "files/st_msg.h"

void st_msg_clean(char *s)
{
    for (; *s != '\0'; s++)
        if ((unsigned char)*s < ST_MSG_SPACE || (unsigned char)*s >= ST_MSG_DEL)
            *s = '?';
}

int st_msg_fail(char *err, size_t errsize, const char *path, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (err == NULL || errsize == 0)
        return -1;
    n = snprintf(err, errsize, "%s: ", path);
    if (n >= 0 && (size_t)n < errsize) {
        va_start(ap, fmt);
        (void)vsnprintf(err + n, errsize - (size_t)n, fmt, ap);
        va_end(ap);
    }
    st_msg_clean(err);
    return -1;
}
