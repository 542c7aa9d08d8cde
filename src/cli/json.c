/* json.c - a small streaming JSON writer.
 *
 * fputc/fputs/fprintf results are ignored: a failed write sets the stream's
 * error flag, which the reports check once at the end (out_finish). */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Plain decimal notation for decimal exponents in [JSON_FIXED_MIN_EXP, JSON_FIXED_MAX_EXP),
 * exponent notation outside, as JavaScript's Number.prototype.toString does
 * (ECMA-262, Number::toString: fixed for decimal exponents -6 <= e < 21). */
#define JSON_FIXED_MIN_EXP (-6)
#define JSON_FIXED_MAX_EXP 21
/* Room for the digits of a %.*e conversion: sign, 17 digits, point, "e-308". */
#define JSON_DIGITS_SIZE 40

/* The shortest significant digits of v (finite, non-zero) that read back to
 * v: digits without the point into dig (NUL-terminated), the decimal
 * exponent of the first digit into *exp, the sign into *neg. */
static void json_shortest_digits(double v, char *dig, size_t size, int *exp, int *neg)
{
    char buf[JSON_DIGITS_SIZE];
    int prec;
    size_t n = 0;
    const char *p;

    for (prec = 0; prec < DBL_DECIMAL_DIG; prec++) {
        (void)snprintf(buf, sizeof buf, "%.*e", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    p = buf;
    *neg = *p == '-';
    if (*neg)
        p++;
    for (; *p != '\0' && *p != 'e' && n + 1 < size; p++)
        if (*p != '.')
            dig[n++] = *p;
    while (n > 1 && dig[n - 1] == '0')
        n--;                           /* "8.0e+01" keeps one digit */
    dig[n] = '\0';
    *exp = *p == 'e' ? (int)strtol(p + 1, NULL, 10) : 0;
}

void json_format_number(char *buf, size_t size, double v)
{
    char dig[JSON_DIGITS_SIZE];
    int exp, neg, nd, i;
    size_t len = 0;

    if (!isfinite(v)) {
        (void)snprintf(buf, size, "null");
        return;
    }
    if (v == 0.0) {
        (void)snprintf(buf, size, "0");
        return;
    }
    json_shortest_digits(v, dig, sizeof dig, &exp, &neg);
    nd = (int)strlen(dig);
    if (exp < JSON_FIXED_MIN_EXP || exp >= JSON_FIXED_MAX_EXP) {
        /* d.ddde+X */
        (void)snprintf(buf, size, "%s%c%s%se%c%d", neg ? "-" : "", dig[0], nd > 1 ? "." : "",
                       dig + 1, exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
        return;
    }
    if (neg && len + 1 < size)
        buf[len++] = '-';
    if (exp < 0) {
        /* 0.000ddd */
        for (i = 0; i < 1 - exp && len + 1 < size; i++)
            buf[len++] = i == 1 ? '.' : '0';
        for (i = 0; i < nd && len + 1 < size; i++)
            buf[len++] = dig[i];
    } else {
        /* ddd[.ddd] or ddd000 */
        for (i = 0; i <= exp || i < nd; i++) {
            if (i == exp + 1 && len + 1 < size)
                buf[len++] = '.';
            if (len + 1 < size)
                buf[len++] = i < nd ? dig[i] : '0';
        }
    }
    buf[len] = '\0';
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
