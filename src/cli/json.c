/* json.c - a small streaming JSON writer.
 *
 * fputc/fputs/fprintf results are ignored: a failed write sets the stream's
 * error flag, which the reports check once at the end (out_finish). */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/json.h"

void json_init(json_writer *w, FILE *fp)
{
    w->fp = fp;
    w->depth = 0;
    w->count[0] = 0;
    w->in_array[0] = 1;    /* the top level takes values without keys */
    w->error = 0;
}

static void json_write_string(FILE *fp, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    (void)fputc('"', fp);
    for (; *p; p++) {
        switch (*p) {
        case '"':
            (void)fputs("\\\"", fp);
            break;
        case '\\':
            (void)fputs("\\\\", fp);
            break;
        case '\n':
            (void)fputs("\\n", fp);
            break;
        case '\t':
            (void)fputs("\\t", fp);
            break;
        default:
            if (*p < 0x20)
                (void)fprintf(fp, "\\u%04x", *p);
            else
                (void)fputc(*p, fp);
        }
    }
    (void)fputc('"', fp);
}

/* Writes the separator and the key (inside objects) before a member. */
static void json_member(json_writer *w, const char *key)
{
    if (w->count[w->depth] > 0)
        (void)fputc(',', w->fp);
    w->count[w->depth]++;
    if (!w->in_array[w->depth]) {
        json_write_string(w->fp, key ? key : "");
        (void)fputc(':', w->fp);
    }
}

static void json_open(json_writer *w, const char *key, int array)
{
    if (w->depth + 1 >= JSON_MAX_DEPTH) {
        w->error = 1;
        return;
    }
    json_member(w, key);
    (void)fputc(array ? '[' : '{', w->fp);
    w->depth++;
    w->count[w->depth] = 0;
    w->in_array[w->depth] = array;
}

static void json_close(json_writer *w, int array)
{
    if (w->depth == 0 || w->in_array[w->depth] != array) {
        w->error = 1;
        return;
    }
    w->depth--;
    (void)fputc(array ? ']' : '}', w->fp);
}

void json_begin_object(json_writer *w, const char *key)
{
    json_open(w, key, 0);
}

void json_end_object(json_writer *w)
{
    json_close(w, 0);
}

void json_begin_array(json_writer *w, const char *key)
{
    json_open(w, key, 1);
}

void json_end_array(json_writer *w)
{
    json_close(w, 1);
}

void json_string(json_writer *w, const char *key, const char *value)
{
    json_member(w, key);
    if (value)
        json_write_string(w->fp, value);
    else
        (void)fputs("null", w->fp);
}

void json_format_number(char *buf, size_t size, double v)
{
    int prec;

    if (!isfinite(v)) {
        (void)snprintf(buf, size, "null");
        return;
    }
    /* DBL_DECIMAL_DIG (17) significant digits always round-trip; try
     * shorter forms first. */
    for (prec = 1; prec <= DBL_DECIMAL_DIG; prec++) {
        (void)snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

void json_number(json_writer *w, const char *key, double value)
{
    char buf[40];

    json_format_number(buf, sizeof buf, value);
    json_member(w, key);
    (void)fputs(buf, w->fp);
}

void json_int(json_writer *w, const char *key, long long value)
{
    json_member(w, key);
    (void)fprintf(w->fp, "%lld", value);
}

void json_bool(json_writer *w, const char *key, int value)
{
    json_member(w, key);
    (void)fputs(value ? "true" : "false", w->fp);
}

void json_null(json_writer *w, const char *key)
{
    json_member(w, key);
    (void)fputs("null", w->fp);
}

int json_finish(json_writer *w)
{
    (void)fputc('\n', w->fp);
    return (w->error || w->depth != 0) ? -1 : 0;
}
