/* host_parse.c - bounded parsers for /proc and /sys text files. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "platform/host_parse.h"

/* Largest id host_parse_hex_id accepts (host_parse.h). */
#define HOST_PARSE_HEX_ID_MAX 0xffffffffUL

/* Longest excerpt of bad input quoted in a message. */
#define HOST_PARSE_EXCERPT 24
/* The cgroup v1 controller that holds memory limits, and its length. */
#define HOST_PARSE_MEMORY "memory"
#define HOST_PARSE_MEMORY_LEN (sizeof HOST_PARSE_MEMORY - 1)

typedef enum { HP_NONE, HP_OK, HP_BAD } host_parse_state;

static int host_parse_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static int host_parse_is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static void host_parse_clear(char *err, size_t err_size)
{
    if (err && err_size > 0)
        err[0] = '\0';
}

/* Writes "PREFIX'EXCERPT'SUFFIX" into err, quoting at most
 * HOST_PARSE_EXCERPT sanitised bytes of p[0..n). */
static void host_parse_quote(char *err, size_t err_size, const char *prefix,
                             const char *p, size_t n, const char *suffix)
{
    char ex[HOST_PARSE_EXCERPT + 4];
    size_t keep;
    size_t i;

    if (!err || err_size == 0)
        return;
    while (n > 0 && host_parse_is_space(p[n - 1]))
        n--;
    keep = n < HOST_PARSE_EXCERPT ? n : HOST_PARSE_EXCERPT;
    for (i = 0; i < keep; i++) {
        unsigned char c = (unsigned char)p[i];
        ex[i] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
    }
    if (keep < n) {
        memcpy(ex + keep, "...", 3);
        keep += 3;
    }
    ex[keep] = '\0';
    if (snprintf(err, err_size, "%s'%s'%s", prefix, ex, suffix) < 0)
        err[0] = '\0';
}

static void host_parse_say(char *err, size_t err_size, const char *a, const char *b)
{
    if (!err || err_size == 0)
        return;
    if (snprintf(err, err_size, "%s%s", a, b) < 0)
        err[0] = '\0';
}

/* Reads a run of decimal digits at p[0..n). Returns the digit count (0 when
 * p does not start with a digit), or -1 when the value exceeds ULLONG_MAX. */
static long host_parse_digits(const char *p, size_t n, unsigned long long *value)
{
    unsigned long long v = 0;
    size_t i;

    for (i = 0; i < n && p[i] >= '0' && p[i] <= '9'; i++) {
        unsigned d = (unsigned)(p[i] - '0');
        if (v > (ULLONG_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *value = v;
    if (i > (size_t)LONG_MAX)
        return -1;
    return (long)i;
}

/* Index just past leading whitespace. */
static size_t host_parse_skip_space(const char *p, size_t n)
{
    size_t i = 0;

    while (i < n && host_parse_is_space(p[i]))
        i++;
    return i;
}

/* 1 when p[0..n) is all whitespace. */
static int host_parse_all_space(const char *p, size_t n)
{
    return host_parse_skip_space(p, n) == n;
}

/* Parses the value part of one meminfo line, "   16314556 kB", into bytes.
 * Returns 0, or -1 with the reason in err. */
static int host_parse_meminfo_value(const char *name, const char *p, size_t n,
                                    unsigned long long *bytes, char *err, size_t err_size)
{
    unsigned long long kb;
    char prefix[64];
    size_t i = 0, s;
    long nd;

    if (snprintf(prefix, sizeof prefix, "%s value ", name) < 0)
        prefix[0] = '\0';
    while (i < n && host_parse_is_blank(p[i]))
        i++;
    s = i;
    nd = host_parse_digits(p + i, n - i, &kb);
    if (nd < 0) {
        host_parse_quote(err, err_size, prefix, p + i, n - i, " is too large");
        return -1;
    }
    if (nd == 0) {
        host_parse_quote(err, err_size, prefix, p + i, n - i, " is not a number of kB");
        return -1;
    }
    i += (size_t)nd;
    while (i < n && host_parse_is_blank(p[i]))
        i++;
    if (n - i < 2 || p[i] != 'k' || p[i + 1] != 'B' || !host_parse_all_space(p + i + 2, n - i - 2)) {
        host_parse_quote(err, err_size, prefix, p + s, n - s, " is not a number of kB");
        return -1;
    }
    if (kb > ULLONG_MAX / HOST_PARSE_BYTES_PER_KB) {
        host_parse_quote(err, err_size, prefix, p + s, n - s, " is too large");
        return -1;
    }
    *bytes = kb * HOST_PARSE_BYTES_PER_KB;
    return 0;
}

int host_parse_meminfo(const char *text, size_t len, double *total,
                       double *available, char *err, size_t err_size)
{
    static const char *const names[2] = { "MemTotal", "MemAvailable" };
    host_parse_state state[2] = { HP_NONE, HP_NONE };
    char why[2][160] = { "", "" };
    unsigned long long value[2] = { 0, 0 };
    size_t pos = 0;
    int k;

    *total = -1.0;
    *available = -1.0;
    host_parse_clear(err, err_size);
    if (!text)
        len = 0;
    while (pos < len) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t llen = nl ? (size_t)(nl - line) : len - pos;
        const char *colon = memchr(line, ':', llen);

        pos += llen + (nl ? 1 : 0);
        if (!colon)
            continue;
        for (k = 0; k < 2; k++) {
            size_t klen = strlen(names[k]);
            if (state[k] != HP_NONE || (size_t)(colon - line) != klen
                || memcmp(line, names[k], klen) != 0)
                continue;
            if (host_parse_meminfo_value(names[k], colon + 1, llen - klen - 1,
                                         &value[k], why[k], sizeof why[k]) == 0)
                state[k] = HP_OK;
            else
                state[k] = HP_BAD;
        }
    }
    if (state[0] == HP_OK && value[0] == 0) {
        state[0] = HP_BAD;
        host_parse_say(why[0], sizeof why[0], "MemTotal is 0 kB", "");
    }
    if (state[0] != HP_OK) {
        if (state[0] == HP_NONE)
            host_parse_say(err, err_size, len == 0 ? "empty file, " : "", "no MemTotal line");
        else
            host_parse_say(err, err_size, why[0], "");
        return -1;
    }
    *total = (double)value[0];
    if (state[1] != HP_OK) {
        if (state[1] == HP_NONE)
            host_parse_say(err, err_size, "no MemAvailable line", "");
        else
            host_parse_say(err, err_size, why[1], "");
        return 1;
    }
    *available = (double)value[1];
    return 0;
}

int host_parse_cgroup_limit(const char *text, size_t len, double *limit,
                            char *err, size_t err_size)
{
    unsigned long long v;
    size_t i;
    long nd;

    *limit = 0.0;
    host_parse_clear(err, err_size);
    if (!text)
        len = 0;
    i = host_parse_skip_space(text, len);
    if (i == len) {
        host_parse_say(err, err_size, "empty file, expected a byte count or max", "");
        return -1;
    }
    if (len - i >= 3 && memcmp(text + i, "max", 3) == 0
        && host_parse_all_space(text + i + 3, len - i - 3))
        return 1;
    nd = host_parse_digits(text + i, len - i, &v);
    if (nd < 0) {
        host_parse_quote(err, err_size, "", text + i, len - i, " is too large for a byte count");
        return -1;
    }
    if (nd == 0 || !host_parse_all_space(text + i + (size_t)nd, len - i - (size_t)nd)) {
        host_parse_quote(err, err_size, "", text + i, len - i,
                         " is neither a byte count nor max");
        return -1;
    }
    if (v >= HOST_PARSE_CGROUP_UNLIMITED)
        return 1;
    *limit = (double)v;
    return 0;
}

int host_parse_uint(const char *text, size_t len, unsigned long long *value,
                    char *err, size_t err_size)
{
    size_t i;
    long nd;

    *value = 0;
    host_parse_clear(err, err_size);
    if (!text)
        len = 0;
    i = host_parse_skip_space(text, len);
    if (i == len) {
        host_parse_say(err, err_size, "empty file, expected a number", "");
        return -1;
    }
    nd = host_parse_digits(text + i, len - i, value);
    if (nd < 0) {
        *value = 0;
        host_parse_quote(err, err_size, "", text + i, len - i, " is too large");
        return -1;
    }
    if (nd == 0 || !host_parse_all_space(text + i + (size_t)nd, len - i - (size_t)nd)) {
        *value = 0;
        host_parse_quote(err, err_size, "", text + i, len - i, " is not a whole number");
        return -1;
    }
    return 0;
}

static int host_parse_hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int host_parse_hex_id(const char *text, size_t len, unsigned long *id,
                      char *err, size_t err_size)
{
    unsigned long v = 0;
    size_t i, start, nd = 0;
    int d;

    *id = 0;
    host_parse_clear(err, err_size);
    if (!text)
        len = 0;
    i = host_parse_skip_space(text, len);
    start = i;
    if (len - i >= 2 && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X'))
        i += 2;
    while (i < len && (d = host_parse_hex_digit(text[i])) >= 0) {
        if (v > (HOST_PARSE_HEX_ID_MAX - (unsigned long)d) / 16) {
            host_parse_quote(err, err_size, "", text + start, len - start,
                             " is too large for an id");
            return -1;
        }
        v = v * 16 + (unsigned long)d;
        nd++;
        i++;
    }
    if (nd == 0 || !host_parse_all_space(text + i, len - i)) {
        host_parse_quote(err, err_size, "", text + start, len - start,
                         " is not a hexadecimal id");
        return -1;
    }
    *id = v;
    return 0;
}

/* 1 when the cgroup path p[0..n) is absolute, holds no NUL, and has no "."
 * or ".." component. */
static int host_parse_safe_path(const char *p, size_t n)
{
    size_t i = 0;

    if (n == 0 || p[0] != '/' || memchr(p, '\0', n))
        return 0;
    while (i < n) {
        size_t start, clen;
        while (i < n && p[i] == '/')
            i++;
        start = i;
        while (i < n && p[i] != '/')
            i++;
        clen = i - start;
        if ((clen == 1 && p[start] == '.')
            || (clen == 2 && p[start] == '.' && p[start + 1] == '.'))
            return 0;
    }
    return 1;
}

/* 1 when the comma-separated list p[0..n) names the memory controller. */
static int host_parse_has_memory(const char *p, size_t n)
{
    size_t i = 0;

    while (i <= n) {
        size_t start = i;
        while (i < n && p[i] != ',')
            i++;
        if (i - start == HOST_PARSE_MEMORY_LEN &&
            memcmp(p + start, HOST_PARSE_MEMORY, HOST_PARSE_MEMORY_LEN) == 0)
            return 1;
        i++;
    }
    return 0;
}

/* Copies p[0..n) into out as a string when it fits; returns 1, else 0. */
static int host_parse_copy(const char *p, size_t n, char *out, size_t out_size)
{
    if (!out || n >= out_size)
        return 0;
    memcpy(out, p, n);
    out[n] = '\0';
    return 1;
}

int host_parse_proc_cgroup(const char *text, size_t len, char *v2, size_t v2_size,
                           char *v1, size_t v1_size)
{
    size_t pos = 0;
    int found = 0;

    if (v2 && v2_size > 0)
        v2[0] = '\0';
    if (v1 && v1_size > 0)
        v1[0] = '\0';
    if (!text)
        len = 0;
    while (pos < len) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t llen = nl ? (size_t)(nl - line) : len - pos;
        const char *c1, *c2, *path;
        size_t plen;

        pos += llen + (nl ? 1 : 0);
        c1 = memchr(line, ':', llen);
        if (!c1)
            continue;
        c2 = memchr(c1 + 1, ':', llen - (size_t)(c1 + 1 - line));
        if (!c2)
            continue;
        path = c2 + 1;
        plen = llen - (size_t)(path - line);
        if (!host_parse_safe_path(path, plen))
            continue;
        if (!(found & HOST_PARSE_CGROUP_V2) && c1 - line == 1 && line[0] == '0'
            && c2 == c1 + 1) {
            if (host_parse_copy(path, plen, v2, v2_size))
                found |= HOST_PARSE_CGROUP_V2;
        } else if (!(found & HOST_PARSE_CGROUP_V1)
                   && host_parse_has_memory(c1 + 1, (size_t)(c2 - c1 - 1))) {
            if (host_parse_copy(path, plen, v1, v1_size))
                found |= HOST_PARSE_CGROUP_V1;
        }
    }
    return found;
}

void host_parse_name(const char *text, size_t len, char *out, size_t out_size)
{
    size_t i, n = 0, start;

    if (!out || out_size == 0)
        return;
    if (!text)
        len = 0;
    start = 0;
    while (start < len && host_parse_is_blank(text[start]))
        start++;
    for (i = start; i < len && n + 1 < out_size; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n' || c == '\r' || c == '\0')
            break;
        out[n++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
}
