/* out.c - line width, word wrapping and the stream check of the reports.
 *
 * fputc/fprintf results are ignored here: an error sets the stream's error
 * flag, which out_finish checks. */
#include <string.h>

#include "cli/out.h"

void out_wrap(FILE *fp, const char *text, int col, int indent, int width)
{
    const char *p = text;
    int first = 1;

    while (*p) {
        size_t len = strcspn(p, " ");
        if (len > 0) {
            if (!first && col + 1 + (int)len > width) {
                (void)fprintf(fp, "\n%*s", indent, "");
                col = indent;
                first = 1;
            }
            if (!first) {
                (void)fputc(' ', fp);
                col++;
            }
            for (size_t k = 0; k < len; k++)
                (void)fputc(p[k] == OUT_NBSP ? ' ' : p[k], fp);
            col += (int)len;
            first = 0;
        }
        p += len;
        while (*p == ' ')
            p++;
    }
    (void)fputc('\n', fp);
}

int out_finish(FILE *fp)
{
    if (fp == NULL || fflush(fp) != 0 || ferror(fp))
        return -1;
    return 0;
}

int out_finish_json(json_writer *w, FILE *fp)
{
    int rc = json_finish(w);

    if (out_finish(fp) != 0 || rc != 0)
        return -1;
    return 0;
}
