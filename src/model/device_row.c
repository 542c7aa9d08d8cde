/* device_row.c - a device row (a line of data/devices.tsv, or of a user's
 * devices.tsv) into a device_row: the fixed columns, then key=value fields
 * looked up in one table of keys, each with its place in the struct and its
 * range. Calls no other module: the generator of the tables links it
 * without them (see device_row.h). */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/device_row.h"
#include "model/memory.h"

/* Units per GiB of the capacity keys: memory_mib is what nvidia-smi
 * reports (MiB), memory_bytes what a driver reports in bytes. */
#define DR_MIB_PER_GIB 1024.0
#define DR_GIB_PER_GIB 1.0
/* Ranges of the values, far above any device (the largest catalogued
 * capacity is 512 GiB, the fastest memory 8000 GB/s): they catch a unit
 * mistake, not a real device. Written so that the messages can quote them. */
#define DR_MAX_GIB 1e6
#define DR_MAX_MIB 1e9
#define DR_MAX_BYTES 1e15
#define DR_MAX_GBS 1e5
#define DR_STR(x) #x
#define DR_XSTR(x) DR_STR(x)
/* The longest number read (digits, '.', exponent). */
#define DR_NUMBER_MAX 32
/* How much of a bad value a message quotes. */
#define DR_QUOTE_MAX 32
/* The three fixed columns before the key=value fields. */
#define DR_FIXED_COLUMNS 3
/* The separator of patterns in match and match_exact. */
#define DR_PATTERN_SEP '|'
/* Room for "gpu, datacenter, apple, phone, board or laptop". */
#define DR_KIND_LIST_SIZE 96

/* Control bytes (below a space, and DEL) in a message become this. */
#define DR_ASCII_SPACE 0x20
#define DR_ASCII_DEL 0x7f
#define DR_CONTROL_MARK '?'

typedef enum {
    DR_MEMORY,   /* a capacity in some unit, stored in GiB (dev.capacity_gib) */
    DR_NUMBER,   /* a double */
    DR_FLAG,     /* an int, 0 or 1 */
    DR_PATTERNS, /* a char array of `hi` + 1 bytes: names separated by '|' */
    DR_TEXT      /* a char array of `hi` + 1 bytes */
} dr_kind;

typedef struct {
    const char *key;
    dr_kind kind;
    size_t offset;       /* into device_row */
    double hi;           /* numbers: the largest value; texts: the longest */
    int above_zero;      /* numbers: 1 when 0 itself is refused */
    const char *range;   /* numbers: the range as the message states it */
    double per_gib;      /* DR_MEMORY: units per GiB */
    int required;
} dr_key;

/* Indices into dr_keys (the defaults and the memory group need them). */
enum {
    DR_K_GIB, DR_K_MIB, DR_K_BYTES, DR_K_BANDWIDTH, DR_K_SHARE, DR_K_IS_GPU,
    DR_K_MATCH, DR_K_MATCH_EXACT, DR_K_VERIFIED, DR_K_SOURCE, DR_NKEYS
};

#define AT(member) offsetof(device_row, member)
#define ABOVE(max) "above 0 and at most " DR_XSTR(max)
#define MEMORY(k, max, per_gib) \
    { k, DR_MEMORY, AT(dev.capacity_gib), max, 1, ABOVE(max), per_gib, 0 }

static const dr_key dr_keys[DR_NKEYS] = {
    [DR_K_GIB] = MEMORY("memory_gib", DR_MAX_GIB, DR_GIB_PER_GIB),
    [DR_K_MIB] = MEMORY("memory_mib", DR_MAX_MIB, DR_MIB_PER_GIB),
    [DR_K_BYTES] = MEMORY("memory_bytes", DR_MAX_BYTES, MEMORY_BYTES_PER_GIB),
    [DR_K_BANDWIDTH] = { "bandwidth_gbs", DR_NUMBER, AT(dev.bandwidth_gbps), DR_MAX_GBS, 0,
                         "from 0 to " DR_XSTR(DR_MAX_GBS), 0.0, 0 },
    [DR_K_SHARE] = { "share", DR_NUMBER, AT(dev.gpu_share), DEVICES_FULL_SHARE, 1,
                     ABOVE(DEVICES_FULL_SHARE), 0.0, 0 },
    [DR_K_IS_GPU] = { "is_gpu", DR_FLAG, AT(dev.is_gpu), 1, 0, NULL, 0.0, 0 },
    [DR_K_MATCH] = { "match", DR_PATTERNS, AT(match), DEVICE_ROW_MATCH_MAX, 0, NULL, 0.0, 0 },
    [DR_K_MATCH_EXACT] = { "match_exact", DR_PATTERNS, AT(match_exact), DEVICE_ROW_MATCH_MAX,
                           0, NULL, 0.0, 0 },
    [DR_K_VERIFIED] = { "verified", DR_FLAG, AT(verified), 1, 0, NULL, 0.0, 1 },
    [DR_K_SOURCE] = { "source", DR_TEXT, AT(source), DEVICE_ROW_SOURCE_MAX, 0, NULL, 0.0, 1 },
};

/* Kind names, in dev_kind order; a row may name those below DEV_KIND_HOST. */
static const char *const dr_kind_names[] = {
    "gpu", "datacenter", "apple", "phone", "board", "laptop", "host", "custom",
};

#define DR_NKINDS (sizeof dr_kind_names / sizeof dr_kind_names[0])
#define DR_ROW_KINDS ((size_t)DEV_KIND_HOST)

/* What a row of each catalogued kind gets without share or is_gpu: Apple
 * silicon and the iPhone (whose GPU working-set limit is assumed to be the
 * Mac's, UNVERIFIED) DEVICES_APPLE_GPU_SHARE of unified memory, the rest
 * all of it; boards and laptops run on the CPU from RAM. */
static const struct {
    double share;
    int is_gpu;
} dr_kind_defaults[DEV_KIND_HOST] = {
    [DEV_KIND_GPU] = { DEVICES_FULL_SHARE, 1 },
    [DEV_KIND_DATACENTER] = { DEVICES_FULL_SHARE, 1 },
    [DEV_KIND_APPLE] = { DEVICES_APPLE_GPU_SHARE, 1 },
    [DEV_KIND_PHONE] = { DEVICES_APPLE_GPU_SHARE, 1 },
    [DEV_KIND_BOARD] = { DEVICES_FULL_SHARE, 0 },
    [DEV_KIND_LAPTOP] = { DEVICES_FULL_SHARE, 0 },
};

/* A piece of the line. */
typedef struct {
    const char *s;
    size_t n;
} dr_span;

static void dr_fail(char *err, size_t errsize, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void dr_fail(char *err, size_t errsize, const char *fmt, ...)
{
    va_list ap;
    char *p;

    if (err == NULL || errsize == 0)
        return;
    va_start(ap, fmt);
    (void)vsnprintf(err, errsize, fmt, ap);
    va_end(ap);
    /* A value quoted from the line may hold control bytes (a newline, an
     * escape): the message stays one line. */
    for (p = err; *p != '\0'; p++)
        if ((unsigned char)*p < DR_ASCII_SPACE || (unsigned char)*p == DR_ASCII_DEL)
            *p = DR_CONTROL_MARK;
}

static int dr_quote_len(dr_span v)
{
    return (int)(v.n < DR_QUOTE_MAX ? v.n : DR_QUOTE_MAX);
}

static int dr_eq(dr_span v, const char *word)
{
    return strlen(word) == v.n && memcmp(v.s, word, v.n) == 0;
}

static int dr_is_control(char c)
{
    return (unsigned char)c < DR_ASCII_SPACE || (unsigned char)c == DR_ASCII_DEL;
}

/* 1 when v holds a control byte (a user's row must not put an escape
 * sequence on the terminal). */
static int dr_has_control(dr_span v)
{
    size_t i;

    for (i = 0; i < v.n; i++)
        if (dr_is_control(v.s[i]))
            return 1;
    return 0;
}

static void dr_text(char *dst, dr_span v)
{
    memcpy(dst, v.s, v.n);
    dst[v.n] = '\0';
}

/* An unsigned decimal number, the whole value: digits with at most one
 * '.' and an optional exponent, as parse_decimal (parse.h) takes it, read
 * by strtod: correctly rounded, as the compiler reads a literal. No sign,
 * hexadecimal, NaN or infinity; overflow and underflow are refused. (Not
 * parse_decimal itself: parse.c pulls in formats.c and its generated
 * table, which the generator does not link.) */
static int dr_number(dr_span v, double *out)
{
    char buf[DR_NUMBER_MAX + 1], *end;
    double x;

    if (v.n == 0 || v.n > DR_NUMBER_MAX || !((v.s[0] >= '0' && v.s[0] <= '9') || v.s[0] == '.'))
        return -1;
    dr_text(buf, v);
    if (buf[0] == '0' && (buf[1] == 'x' || buf[1] == 'X'))
        return -1;
    errno = 0;
    x = strtod(buf, &end);
    if (end == buf || *end != '\0' || errno == ERANGE || !isfinite(x))
        return -1;
    *out = x;
    return 0;
}

/* "gpu, datacenter, apple, phone, board or laptop". */
static void dr_kind_list(char *buf, size_t size)
{
    size_t i, used = 0;

    buf[0] = '\0';
    for (i = 0; i < DR_ROW_KINDS && used < size; i++) {
        const char *sep = i == 0 ? "" : i + 1 == DR_ROW_KINDS ? " or " : ", ";
        int n = snprintf(buf + used, size - used, "%s%s", sep, dr_kind_names[i]);

        if (n < 0)
            return;
        used += (size_t)n;
    }
}

/* names separated by '|', none empty. */
static int dr_patterns_ok(dr_span v)
{
    size_t i;

    if (v.s[0] == DR_PATTERN_SEP || v.s[v.n - 1] == DR_PATTERN_SEP)
        return 0;
    for (i = 1; i < v.n; i++)
        if (v.s[i] == DR_PATTERN_SEP && v.s[i - 1] == DR_PATTERN_SEP)
            return 0;
    return 1;
}

static int dr_store_text(device_row *row, const dr_key *k, dr_span v, char *err,
                         size_t errsize)
{
    if (v.n == 0) {
        dr_fail(err, errsize, "%s: empty", k->key);
        return -1;
    }
    if (v.n > (size_t)k->hi) {
        dr_fail(err, errsize, "%s: longer than %zu characters", k->key, (size_t)k->hi);
        return -1;
    }
    if (dr_has_control(v)) {
        dr_fail(err, errsize, "%s: expected printable characters, got '%.*s'", k->key,
                dr_quote_len(v), v.s);
        return -1;
    }
    if (k->kind == DR_PATTERNS && !dr_patterns_ok(v)) {
        dr_fail(err, errsize, "%s: expected names separated by '|', none empty, got '%.*s'",
                k->key, dr_quote_len(v), v.s);
        return -1;
    }
    dr_text((char *)row + k->offset, v);
    return 0;
}

/* Stores one value; -1 with a message naming the key. */
static int dr_store(device_row *row, const dr_key *k, dr_span v, char *err, size_t errsize)
{
    double *num = (double *)(void *)((char *)row + k->offset);
    double x = 0.0;

    switch (k->kind) {
    case DR_MEMORY:
    case DR_NUMBER:
        if (dr_number(v, &x) != 0 || x > k->hi || x < 0.0 || (k->above_zero && x == 0.0) ||
            (k->kind == DR_MEMORY && !(x / k->per_gib > 0.0))) {
            dr_fail(err, errsize, "%s: expected a number %s, got '%.*s'", k->key, k->range,
                    dr_quote_len(v), v.s);
            return -1;
        }
        /* MiB / 1024 and bytes / 2^30: the same division the table's
         * literals went through, so the result is bit-identical. */
        *num = k->kind == DR_MEMORY ? x / k->per_gib : x;
        return 0;
    case DR_FLAG:
        if (!dr_eq(v, "0") && !dr_eq(v, "1")) {
            dr_fail(err, errsize, "%s: expected a whole number from 0 to 1, got '%.*s'",
                    k->key, dr_quote_len(v), v.s);
            return -1;
        }
        *(int *)(void *)((char *)row + k->offset) = v.s[0] - '0';
        return 0;
    case DR_PATTERNS:
    case DR_TEXT:
        return dr_store_text(row, k, v, err, errsize);
    }
    return -1;
}

/* One key=value field. */
static int dr_field(device_row *row, dr_span f, unsigned char *seen, char *err, size_t errsize)
{
    const char *eq = memchr(f.s, '=', f.n);
    dr_span key, val;
    size_t i;

    if (f.n == 0) {
        dr_fail(err, errsize, "an empty field (two tabs in a row)");
        return -1;
    }
    if (eq == NULL) {
        dr_fail(err, errsize, "field '%.*s' is not key=value", dr_quote_len(f), f.s);
        return -1;
    }
    key.s = f.s;
    key.n = (size_t)(eq - f.s);
    val.s = eq + 1;
    val.n = f.n - key.n - 1;
    for (i = 0; i < DR_NKEYS; i++) {
        if (!dr_eq(key, dr_keys[i].key))
            continue;
        if (seen[i]) {
            dr_fail(err, errsize, "duplicate key '%s'", dr_keys[i].key);
            return -1;
        }
        if (dr_keys[i].kind == DR_MEMORY &&
            (seen[DR_K_GIB] || seen[DR_K_MIB] || seen[DR_K_BYTES])) {
            dr_fail(err, errsize, "%s: give only one of memory_gib, memory_mib and memory_bytes",
                    dr_keys[i].key);
            return -1;
        }
        seen[i] = 1;
        return dr_store(row, &dr_keys[i], val, err, errsize);
    }
    dr_fail(err, errsize, "unknown key '%.*s'", dr_quote_len(key), key.s);
    return -1;
}

/* A fixed column: non-empty, at most `max` characters, no control byte;
 * `word` restricts it to lowercase letters, digits, '.', '-' and '_'. */
static int dr_column(char *dst, dr_span v, size_t max, int word, const char *what, char *err,
                     size_t errsize)
{
    size_t i;

    if (v.n == 0) {
        dr_fail(err, errsize, "%s: empty", what);
        return -1;
    }
    if (v.n > max) {
        dr_fail(err, errsize, "%s: longer than %zu characters", what, max);
        return -1;
    }
    if (dr_has_control(v)) {
        dr_fail(err, errsize, "%s: expected printable characters, got '%.*s'", what,
                dr_quote_len(v), v.s);
        return -1;
    }
    for (i = 0; word && i < v.n; i++) {
        char c = v.s[i];

        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
              c == '_')) {
            dr_fail(err, errsize,
                    "%s: expected lowercase letters, digits, '.', '-' or '_', got '%.*s'", what,
                    dr_quote_len(v), v.s);
            return -1;
        }
    }
    dr_text(dst, v);
    return 0;
}

/* The kind column: one of the catalogued kinds. */
static int dr_kind_column(device_row *out, dr_span v, char *err, size_t errsize)
{
    char list[DR_KIND_LIST_SIZE];
    size_t i;

    for (i = 0; i < DR_ROW_KINDS; i++) {
        if (dr_eq(v, dr_kind_names[i])) {
            out->dev.kind = (dev_kind)i;
            return 0;
        }
    }
    dr_kind_list(list, sizeof list);
    dr_fail(err, errsize, "kind: expected %s, got '%.*s'", list, dr_quote_len(v), v.s);
    return -1;
}

static int dr_fixed(device_row *out, dr_span *col, char *err, size_t errsize)
{
    if (dr_column(out->id, col[0], DEVICE_ROW_ID_MAX, 1, "id", err, errsize) != 0)
        return -1;
    /* `--device 24gib` must stay a size: a size starts with a digit or '.',
     * an id with a letter. */
    if (!(out->id[0] >= 'a' && out->id[0] <= 'z')) {
        dr_fail(err, errsize, "id: expected a lowercase letter first, got '%s'", out->id);
        return -1;
    }
    return dr_column(out->name, col[1], DEVICE_ROW_NAME_MAX, 0, "name", err, errsize) != 0 ||
           dr_kind_column(out, col[2], err, errsize) != 0 ? -1 : 0;
}

static int dr_finish(device_row *out, const unsigned char *seen, char *err, size_t errsize)
{
    size_t i;

    if (!seen[DR_K_GIB] && !seen[DR_K_MIB] && !seen[DR_K_BYTES]) {
        dr_fail(err, errsize, "missing field 'memory_gib', 'memory_mib' or 'memory_bytes'");
        return -1;
    }
    for (i = 0; i < DR_NKEYS; i++) {
        if (dr_keys[i].required && !seen[i]) {
            dr_fail(err, errsize, "missing field '%s'", dr_keys[i].key);
            return -1;
        }
    }
    if (!seen[DR_K_SHARE])
        out->dev.gpu_share = dr_kind_defaults[out->dev.kind].share;
    if (!seen[DR_K_IS_GPU])
        out->dev.is_gpu = dr_kind_defaults[out->dev.kind].is_gpu;
    out->dev.id = out->id;
    out->dev.name = out->name;
    return 0;
}

/* Drops a trailing "\n" or "\r\n". */
static size_t dr_strip_eol(const char *line, size_t len)
{
    if (len > 0 && line[len - 1] == '\n')
        len--;
    if (len > 0 && line[len - 1] == '\r')
        len--;
    return len;
}

/* 1 for a blank line or one whose first visible character is '#'. */
static int dr_is_comment(const char *line, size_t len)
{
    size_t i;

    for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t'); i++)
        ;
    return i == len || line[i] == '#';
}

int device_row_parse(const char *line, size_t len, device_row *out, char *err,
                     size_t errsize)
{
    static const char *const fixed_names[DR_FIXED_COLUMNS] = { "id", "name", "kind" };
    unsigned char seen[DR_NKEYS];
    dr_span col[DR_FIXED_COLUMNS];
    size_t pos = 0;
    int n = 0;

    if (err != NULL && errsize > 0)
        err[0] = '\0';
    if (line == NULL || out == NULL) {
        dr_fail(err, errsize, "no line");
        return -1;
    }
    len = dr_strip_eol(line, len);
    if (len > DEVICE_ROW_MAX_LINE) {
        dr_fail(err, errsize, "line longer than %d characters", DEVICE_ROW_MAX_LINE);
        return -1;
    }
    if (dr_is_comment(line, len))
        return 1;
    if (memchr(line, '\0', len) != NULL) {
        dr_fail(err, errsize, "a NUL byte in the line");
        return -1;
    }
    memset(out, 0, sizeof *out);
    memset(seen, 0, sizeof seen);
    while (pos <= len) {
        const char *tab = memchr(line + pos, '\t', len - pos);
        size_t end = tab != NULL ? (size_t)(tab - line) : len;
        dr_span f = { line + pos, end - pos };

        if (n < DR_FIXED_COLUMNS)
            col[n] = f;
        else if (dr_field(out, f, seen, err, errsize) != 0)
            return -1;
        if (++n == DR_FIXED_COLUMNS && dr_fixed(out, col, err, errsize) != 0)
            return -1;
        pos = end + 1;
    }
    if (n < DR_FIXED_COLUMNS) {
        dr_fail(err, errsize, "missing field '%s'", fixed_names[n]);
        return -1;
    }
    return dr_finish(out, seen, err, errsize);
}

void device_row_copy(device_row *dst, const device_row *src)
{
    if (dst == NULL || src == NULL || dst == src)
        return;
    *dst = *src;
    dst->dev.id = dst->id;
    dst->dev.name = dst->name;
}

const char *device_row_kind_name(dev_kind kind)
{
    size_t k = (size_t)kind;

    return k < DR_NKINDS ? dr_kind_names[k] : "?";
}

static int dr_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : (unsigned char)c;
}

/* 1 when a[0..n) and b[0..n) are equal ignoring ASCII case. */
static int dr_same(const char *a, const char *b, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (dr_lower(a[i]) != dr_lower(b[i]))
            return 0;
    return 1;
}

/* 1 when one of list's '|'-separated patterns is in (or, exact, is) name. */
static int dr_any(const char *list, const char *name, size_t n, int exact)
{
    while (*list != '\0') {
        const char *sep = strchr(list, DR_PATTERN_SEP);
        size_t k = sep != NULL ? (size_t)(sep - list) : strlen(list);
        size_t i;

        if (k > 0 && exact && k == n && dr_same(list, name, k))
            return 1;
        for (i = 0; k > 0 && !exact && i + k <= n; i++)
            if (dr_same(name + i, list, k))
                return 1;
        if (sep == NULL)
            break;
        list = sep + 1;
    }
    return 0;
}

int device_row_matches(const char *match, const char *match_exact, const char *gpu_name)
{
    size_t n;

    if (match == NULL || match_exact == NULL || gpu_name == NULL)
        return 0;
    n = strlen(gpu_name);
    return dr_any(match, gpu_name, n, 0) || dr_any(match_exact, gpu_name, n, 1);
}
