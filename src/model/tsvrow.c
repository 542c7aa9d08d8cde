/* tsvrow.c - the machinery the row parsers of the data files
 * (data/NAME.tsv) share (tsvrow.h).
 * Calls only parse.c (parse_decimal), which calls no other module. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "model/parse.h"
#include "model/tsvrow.h"

/* Control bytes (below a space, and DEL) in a message become this. */
#define TSVROW_ASCII_SPACE 0x20
#define TSVROW_ASCII_DEL 0x7f
#define TSVROW_CONTROL_MARK '?'
#define TSVROW_DECIMAL 10

int tsvrow_fail(char *err, size_t errsize, const char *fmt, ...)
{
    va_list ap;
    char *p;

    if (err == NULL || errsize == 0)
        return -1;
    va_start(ap, fmt);
    (void)vsnprintf(err, errsize, fmt, ap);
    va_end(ap);
    /* A value quoted from the line may hold control bytes (a tab, an
     * escape): the message stays one line. */
    for (p = err; *p != '\0'; p++)
        if ((unsigned char)*p < TSVROW_ASCII_SPACE || (unsigned char)*p == TSVROW_ASCII_DEL)
            *p = TSVROW_CONTROL_MARK;
    return -1;
}

int tsvrow_expected(char *err, size_t errsize, const char *what, const char *expected,
                    tsvrow_span got)
{
    return tsvrow_fail(err, errsize, "%s: expected %s, got '%.*s'", what, expected,
                       tsvrow_quote_len(got), got.s);
}

int tsvrow_quote_len(tsvrow_span v)
{
    return (int)(v.n < TSVROW_QUOTE_MAX ? v.n : TSVROW_QUOTE_MAX);
}

int tsvrow_eq(tsvrow_span v, const char *word)
{
    return strlen(word) == v.n && memcmp(v.s, word, v.n) == 0;
}

int tsvrow_word(tsvrow_span v, const char *const *words, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (tsvrow_eq(v, words[i]))
            return (int)i;
    return -1;
}

int tsvrow_has_control(tsvrow_span v)
{
    size_t i;

    for (i = 0; i < v.n; i++)
        if ((unsigned char)v.s[i] < TSVROW_ASCII_SPACE ||
            (unsigned char)v.s[i] == TSVROW_ASCII_DEL)
            return 1;
    return 0;
}

void tsvrow_copy(char *dst, tsvrow_span v)
{
    if (v.n > 0)
        memcpy(dst, v.s, v.n);
    dst[v.n] = '\0';
}

/* 1 when every byte of v is a lowercase letter, a digit, '.', '-' or '_'. */
static int tsvrow_is_word(tsvrow_span v)
{
    size_t i;

    for (i = 0; i < v.n; i++) {
        char c = v.s[i];

        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
              c == '_'))
            return 0;
    }
    return 1;
}

int tsvrow_text(char *dst, tsvrow_span v, size_t max, unsigned flags, const char *what,
                char *err, size_t errsize)
{
    if (v.n == 0)
        return tsvrow_fail(err, errsize, "%s: empty", what);
    if (v.n > max)
        return tsvrow_fail(err, errsize, "%s: longer than %zu characters", what, max);
    if ((flags & TSVROW_PRINTABLE) != 0 && tsvrow_has_control(v))
        return tsvrow_expected(err, errsize, what, "printable characters", v);
    if ((flags & TSVROW_WORD) != 0 && !tsvrow_is_word(v))
        return tsvrow_expected(err, errsize, what,
                               "lowercase letters, digits, '.', '-' or '_'", v);
    tsvrow_copy(dst, v);
    return 0;
}

/* The whole number of v in [lo, hi], or -1. The digits build the
 * magnitude unsigned, so that INT64_MIN itself can be read. */
static int tsvrow_number(tsvrow_span v, int64_t lo, int64_t hi, int64_t *out)
{
    size_t i = 0;
    int neg = 0;
    uint64_t m = 0, lim;
    int64_t x;

    if (v.n > 0 && v.s[0] == '-') {
        neg = 1;
        i = 1;
    }
    if (i == v.n || lo > hi || (neg && lo > 0) || (!neg && hi < 0))
        return -1;
    /* The largest magnitude allowed: -lo (without overflow) or hi. */
    lim = neg ? (lo == 0 ? 0 : (uint64_t)(-(lo + 1)) + 1) : (uint64_t)hi;
    for (; i < v.n; i++) {
        unsigned d = (unsigned)(unsigned char)v.s[i] - '0';

        if (d >= TSVROW_DECIMAL || d > lim || m > (lim - d) / TSVROW_DECIMAL)
            return -1;
        m = m * TSVROW_DECIMAL + d;
    }
    x = !neg ? (int64_t)m : m == 0 ? 0 : -(int64_t)(m - 1) - 1;
    if (x < lo || x > hi)
        return -1;
    *out = x;
    return 0;
}

int tsvrow_whole(tsvrow_span v, int64_t lo, int64_t hi, const char *what, int64_t *out,
                 char *err, size_t errsize)
{
    if (tsvrow_number(v, lo, hi, out) == 0)
        return 0;
    return tsvrow_fail(err, errsize, "%s: expected a whole number from %lld to %lld, got '%.*s'",
                       what, (long long)lo, (long long)hi, tsvrow_quote_len(v), v.s);
}

int tsvrow_flag(tsvrow_span v)
{
    return tsvrow_eq(v, "0") ? 0 : tsvrow_eq(v, "1") ? 1 : -1;
}

int tsvrow_decimal(tsvrow_span v, unsigned flags, double hi, double *out)
{
    char buf[TSVROW_NUMBER_MAX + 1];
    tsvrow_span digits = v;
    double x;

    if (v.n == 0 || v.n > TSVROW_NUMBER_MAX)
        return -1;
    if ((flags & TSVROW_SIGNED) != 0 && (v.s[0] == '+' || v.s[0] == '-')) {
        digits.s++;
        digits.n--;
    }
    /* parse_decimal reads a C string: a NUL inside v would end it early. */
    if (memchr(digits.s, '\0', digits.n) != NULL)
        return -1;
    tsvrow_copy(buf, digits);
    if (parse_decimal(buf, &x) != 0)
        return -1;
    x = digits.s != v.s && v.s[0] == '-' ? -x : x;
    if (x > hi || -x > hi || ((flags & TSVROW_ABOVE_ZERO) != 0 && !(x > 0.0)))
        return -1;
    *out = x;
    return 0;
}

size_t tsvrow_strip_eol(const char *line, size_t len)
{
    if (len > 0 && line[len - 1] == '\n')
        len--;
    if (len > 0 && line[len - 1] == '\r')
        len--;
    return len;
}

int tsvrow_is_comment(const char *line, size_t len)
{
    size_t i;

    for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t'); i++)
        ;
    return i == len || line[i] == '#';
}

int tsvrow_start(const char *line, size_t *len, const void *row, size_t max_line, char *err,
                 size_t errsize)
{
    if (err != NULL && errsize > 0)
        err[0] = '\0';
    if (line == NULL || len == NULL || row == NULL)
        return tsvrow_fail(err, errsize, "no line");
    *len = tsvrow_strip_eol(line, *len);
    if (*len > max_line)
        return tsvrow_fail(err, errsize, "line longer than %zu characters", max_line);
    if (tsvrow_is_comment(line, *len))
        return 1;
    if (memchr(line, '\0', *len) != NULL)
        return tsvrow_fail(err, errsize, "a NUL byte in the line");
    return 0;
}

/* Row i of the layout's key table. */
static const char *tsvrow_key_row(const tsvrow_layout *l, size_t i)
{
    return (const char *)l->keys + i * l->key_size;
}

static const char *tsvrow_key_name(const tsvrow_layout *l, size_t i)
{
    const char *name;

    memcpy(&name, tsvrow_key_row(l, i), sizeof name);
    return name;
}

/* One key=value field. */
static int tsvrow_field(const tsvrow_layout *l, tsvrow_span f, void *row, unsigned char *seen,
                        char *err, size_t errsize)
{
    const char *eq = memchr(f.s, '=', f.n);
    tsvrow_span key, val;
    size_t i;

    if (f.n == 0)
        return tsvrow_fail(err, errsize, "an empty field (two tabs in a row)");
    if (eq == NULL)
        return tsvrow_fail(err, errsize, "field '%.*s' is not key=value", tsvrow_quote_len(f),
                           f.s);
    key.s = f.s;
    key.n = (size_t)(eq - f.s);
    val.s = eq + 1;
    val.n = f.n - key.n - 1;
    for (i = 0; i < l->nkeys; i++) {
        const char *name = tsvrow_key_name(l, i);

        if (!tsvrow_eq(key, name))
            continue;
        if (seen[i])
            return tsvrow_fail(err, errsize, "duplicate key '%s'", name);
        seen[i] = 1;
        return l->value(row, seen, i, val, err, errsize);
    }
    return tsvrow_fail(err, errsize, "unknown key '%.*s'", tsvrow_quote_len(key), key.s);
}

int tsvrow_fields(const tsvrow_layout *l, const char *line, size_t len, void *row,
                  unsigned char *seen, char *err, size_t errsize)
{
    tsvrow_span col[TSVROW_MAX_FIXED];
    size_t pos = 0, n = 0;

    if (l->nfixed == 0 || l->nfixed > TSVROW_MAX_FIXED)
        return tsvrow_fail(err, errsize, "the parser's layout has %zu fixed columns", l->nfixed);
    memset(seen, 0, l->nkeys);
    while (pos <= len) {
        const char *tab = memchr(line + pos, '\t', len - pos);
        size_t end = tab != NULL ? (size_t)(tab - line) : len;
        tsvrow_span f = { line + pos, end - pos };

        if (n < l->nfixed)
            col[n] = f;
        else if (tsvrow_field(l, f, row, seen, err, errsize) != 0)
            return -1;
        if (++n == l->nfixed && l->fixed(row, col, err, errsize) != 0)
            return -1;
        pos = end + 1;
    }
    if (n < l->nfixed)
        return tsvrow_fail(err, errsize, "missing field '%s'", l->fixed_names[n]);
    return 0;
}

int tsvrow_parse(const tsvrow_layout *l, const char *line, size_t len, void *row,
                 size_t row_size, unsigned char *seen, char *err, size_t errsize)
{
    int rc = tsvrow_start(line, &len, row, l->max_line, err, errsize);

    if (rc != 0)
        return rc;
    memset(row, 0, row_size);
    return tsvrow_fields(l, line, len, row, seen, err, errsize);
}

int tsvrow_missing(const tsvrow_layout *l, const unsigned char *seen, char *err,
                   size_t errsize)
{
    size_t i;

    for (i = 0; i < l->nkeys; i++) {
        int required;

        memcpy(&required, tsvrow_key_row(l, i) + l->required_at, sizeof required);
        if (required && !seen[i])
            return tsvrow_fail(err, errsize, "missing field '%s'", tsvrow_key_name(l, i));
    }
    return 0;
}
