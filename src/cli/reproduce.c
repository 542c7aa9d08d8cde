/* reproduce.c - the quantscope command line of a question (reproduce.h). */
#include <stdio.h>

#include "cli/reproduce.h"

int reproduce_command(char *buf, size_t size, const qs_query *q)
{
    int n = snprintf(buf, size, "quantscope -b %g", q->bits);

    if (n < 0 || (size_t)n >= size) {
        if (size > 0)
            buf[0] = '\0';
        return -1;
    }
    return 0;
}
