/* parse.c - strict parsers for sizes, bits, bytes and context lengths. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/parse.h"

typedef struct {
    const char *suffix;    /* matched case-insensitively */
    double scale;
} parse_unit;

/* Parameter-count suffixes: SI thousands, millions, billions, trillions. */
static const parse_unit parse_param_units[] = {
    { "", 1.0 }, { "k", 1e3 }, { "m", 1e6 }, { "b", 1e9 }, { "t", 1e12 },
};

/* Byte units: decimal (SI) and binary (IEC). */
static const parse_unit parse_byte_units[] = {
    { "b", 1.0 },
    { "kb", 1e3 }, { "mb", 1e6 }, { "gb", 1e9 }, { "tb", 1e12 },
    { "kib", 1024.0 }, { "mib", 1048576.0 }, { "gib", 1073741824.0 },
    { "tib", 1099511627776.0 },
};

/* Context suffixes: "k" is 1024 tokens, as in "128k context". */
static const parse_unit parse_ctx_units[] = {
    { "", 1.0 }, { "k", 1024.0 },
};

/* Reads an unsigned decimal number at the start of s: it must begin with a
 * digit or '.', and strtod must not overflow. Sets *end past it. */
static int parse_number(const char *s, double *val, const char **end)
{
    char *e;
    double v;

    if (s == NULL || !((*s >= '0' && *s <= '9') || *s == '.'))
        return -1;
    /* Hexadecimal floats are not a size anyone types. */
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        return -1;
    errno = 0;
    v = strtod(s, &e);
    if (e == s || errno == ERANGE || !isfinite(v))
        return -1;
    *val = v;
    *end = e;
    return 0;
}

/* A number followed by exactly one of `units` (the empty suffix allows a
 * bare number). The scaled value goes to *out. */
static int parse_scaled(const char *s, const parse_unit *units, size_t n, double *out)
{
    const char *rest;
    double v;
    size_t i;

    if (parse_number(s, &v, &rest) != 0)
        return -1;
    for (i = 0; i < n; i++) {
        if (strcasecmp(rest, units[i].suffix) == 0) {
            double scaled = v * units[i].scale;
            if (!isfinite(scaled))
                return -1;
            *out = scaled;
            return 0;
        }
    }
    return -1;
}

int parse_decimal(const char *s, double *out)
{
    const char *rest;
    double v;

    if (parse_number(s, &v, &rest) != 0 || *rest != '\0')
        return -1;
    *out = v;
    return 0;
}

int parse_whole(const char *s, long *out)
{
    const int base = 10;
    long v = 0;

    if (s == NULL || *s == '\0')
        return -1;
    for (; *s != '\0'; s++) {
        int digit = *s - '0';

        if (*s < '0' || *s > '9')
            return -1;
        if (v > (LONG_MAX - digit) / base)
            return -1;
        v = v * base + digit;
    }
    *out = v;
    return 0;
}

int parse_params(const char *s, double *out)
{
    double v;

    if (parse_scaled(s, parse_param_units,
                     sizeof parse_param_units / sizeof parse_param_units[0], &v) != 0)
        return -1;
    if (v < PARSE_PARAMS_MIN || v > PARSE_PARAMS_MAX)
        return -1;
    *out = v;
    return 0;
}

int parse_bits(const char *s, double *out)
{
    double v;

    if (parse_decimal(s, &v) != 0)
        return -1;
    if (!(v > 0.0) || v > PARSE_BITS_MAX)
        return -1;
    *out = v;
    return 0;
}

int parse_bytes(const char *s, double *out)
{
    double v;

    if (parse_scaled(s, parse_byte_units,
                     sizeof parse_byte_units / sizeof parse_byte_units[0], &v) != 0)
        return -1;
    if (!(v > 0.0))
        return -1;
    *out = v;
    return 0;
}

int parse_ctx(const char *s, long *out)
{
    double v;

    if (parse_scaled(s, parse_ctx_units,
                     sizeof parse_ctx_units / sizeof parse_ctx_units[0], &v) != 0)
        return -1;
    if (v < 1.0 || v > (double)PARSE_CTX_MAX || v != floor(v))
        return -1;
    *out = (long)v;
    return 0;
}
