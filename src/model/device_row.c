/* device_row.c - a device row (a line of data/devices.tsv, or of a user's
 * devices.tsv) into a device_row: the fixed columns, then key=value fields
 * looked up in one table of keys, each with its place in the struct and its
 * range, read with tsvrow.h. Calls nothing of devices.c: the generator of
 * the tables links it without them (see device_row.h). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "model/device_row.h"
#include "model/memory.h"
#include "model/tsvrow.h"

/* Units per GiB of the capacity keys: memory_mib is what nvidia-smi
 * reports (MiB), memory_bytes what a driver reports in bytes. */
#define DR_MIB_PER_GIB 1024.0
#define DR_GIB_PER_GIB 1.0
/* Ranges of the values, far above any device (the largest catalogued
 * capacity is 512 GiB, the fastest memory 8000 GB/s, the fastest dense
 * FP16/BF16 rate 2500 TFLOPS): they catch a unit mistake (FLOPS for TFLOPS),
 * not a real device. Written so that the messages can quote them. */
#define DR_MAX_GIB 1e6
#define DR_MAX_MIB 1e9
#define DR_MAX_BYTES 1e15
#define DR_MAX_GBS 1e5
#define DR_MAX_TFLOPS 1e5
#define DR_STR(x) #x
#define DR_XSTR(x) DR_STR(x)
/* The three fixed columns before the key=value fields. */
#define DR_FIXED_COLUMNS 3
/* The separator of patterns in match and match_exact. */
#define DR_PATTERN_SEP '|'
/* Room for "gpu, datacenter, apple, phone, board or laptop". */
#define DR_KIND_LIST_SIZE 96

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
    const char *range;   /* numbers: what the message says the value must be */
    double per_gib;      /* DR_MEMORY: units per GiB */
    int required;
} dr_key;

/* Indices into dr_keys (the defaults and the memory group need them). */
enum {
    DR_K_GIB, DR_K_MIB, DR_K_BYTES, DR_K_BANDWIDTH, DR_K_TFLOPS, DR_K_SHARE, DR_K_IS_GPU,
    DR_K_MATCH, DR_K_MATCH_EXACT, DR_K_VERIFIED, DR_K_SOURCE, DR_NKEYS
};

#define AT(member) offsetof(device_row, member)
#define ABOVE(max) "a number above 0 and at most " DR_XSTR(max)
#define MEMORY(k, max, per_gib) \
    { k, DR_MEMORY, AT(dev.capacity_gib), max, 1, ABOVE(max), per_gib, 0 }

static const dr_key dr_keys[DR_NKEYS] = {
    [DR_K_GIB] = MEMORY("memory_gib", DR_MAX_GIB, DR_GIB_PER_GIB),
    [DR_K_MIB] = MEMORY("memory_mib", DR_MAX_MIB, DR_MIB_PER_GIB),
    [DR_K_BYTES] = MEMORY("memory_bytes", DR_MAX_BYTES, MEMORY_BYTES_PER_GIB),
    [DR_K_BANDWIDTH] = { "bandwidth_gbs", DR_NUMBER, AT(dev.bandwidth_gbps), DR_MAX_GBS, 0,
                         "a number from 0 to " DR_XSTR(DR_MAX_GBS), 0.0, 0 },
    [DR_K_TFLOPS] = { "tflops", DR_NUMBER, AT(dev.tflops), DR_MAX_TFLOPS, 0,
                      "a number from 0 to " DR_XSTR(DR_MAX_TFLOPS), 0.0, 0 },
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
 * Mac's, UNVERIFIED) the share macOS's rule gives their memory size
 * (device_row_apple_share), the rest all of it; boards and laptops run on
 * the CPU from RAM. */
static const struct {
    double share;        /* when not apple_rule */
    int apple_rule;      /* 1: device_row_apple_share of the capacity */
    int is_gpu;
} dr_kind_defaults[DEV_KIND_HOST] = {
    [DEV_KIND_GPU] = { DEVICES_FULL_SHARE, 0, 1 },
    [DEV_KIND_DATACENTER] = { DEVICES_FULL_SHARE, 0, 1 },
    [DEV_KIND_APPLE] = { DEVICES_FULL_SHARE, 1, 1 },
    [DEV_KIND_PHONE] = { DEVICES_FULL_SHARE, 1, 1 },
    [DEV_KIND_BOARD] = { DEVICES_FULL_SHARE, 0, 0 },
    [DEV_KIND_LAPTOP] = { DEVICES_FULL_SHARE, 0, 0 },
};

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
static int dr_patterns_ok(tsvrow_span v)
{
    size_t i;

    if (v.s[0] == DR_PATTERN_SEP || v.s[v.n - 1] == DR_PATTERN_SEP)
        return 0;
    for (i = 1; i < v.n; i++)
        if (v.s[i] == DR_PATTERN_SEP && v.s[i - 1] == DR_PATTERN_SEP)
            return 0;
    return 1;
}

/* Stores one value; -1 with a message naming the key. */
static int dr_value(void *rowp, const unsigned char *seen, size_t i, tsvrow_span v, char *err,
                    size_t errsize)
{
    const dr_key *k = &dr_keys[i];
    char *p = (char *)rowp + k->offset;
    double x = 0.0;
    int flag;

    if (k->kind == DR_MEMORY && seen[DR_K_GIB] + seen[DR_K_MIB] + seen[DR_K_BYTES] > 1)
        return tsvrow_fail(err, errsize,
                           "%s: give only one of memory_gib, memory_mib and memory_bytes",
                           k->key);
    switch (k->kind) {
    case DR_MEMORY:
    case DR_NUMBER:
        if (tsvrow_decimal(v, k->above_zero ? TSVROW_ABOVE_ZERO : 0, k->hi, &x) != 0 ||
            (k->kind == DR_MEMORY && !(x / k->per_gib > 0.0)))
            return tsvrow_expected(err, errsize, k->key, k->range, v);
        /* MiB / 1024 and bytes / 2^30: the same division the table's
         * literals went through, so the result is bit-identical. */
        *(double *)(void *)p = k->kind == DR_MEMORY ? x / k->per_gib : x;
        return 0;
    case DR_FLAG:
        flag = tsvrow_flag(v);
        if (flag < 0)
            return tsvrow_expected(err, errsize, k->key, "a whole number from 0 to 1", v);
        *(int *)(void *)p = flag;
        return 0;
    case DR_PATTERNS:
    case DR_TEXT:
        if (tsvrow_text(p, v, (size_t)k->hi, TSVROW_PRINTABLE, k->key, err, errsize) != 0)
            return -1;
        if (k->kind == DR_PATTERNS && !dr_patterns_ok(v))
            return tsvrow_expected(err, errsize, k->key, "names separated by '|', none empty",
                                   v);
        return 0;
    }
    return -1;
}

/* The kind column: one of the catalogued kinds. */
static int dr_kind_column(device_row *out, tsvrow_span v, char *err, size_t errsize)
{
    char list[DR_KIND_LIST_SIZE];
    int i = tsvrow_word(v, dr_kind_names, DR_ROW_KINDS);

    if (i >= 0) {
        out->dev.kind = (dev_kind)i;
        return 0;
    }
    dr_kind_list(list, sizeof list);
    return tsvrow_expected(err, errsize, "kind", list, v);
}

static int dr_fixed(void *rowp, const tsvrow_span *col, char *err, size_t errsize)
{
    device_row *out = rowp;

    if (tsvrow_text(out->id, col[0], DEVICE_ROW_ID_MAX, TSVROW_PRINTABLE | TSVROW_WORD, "id",
                    err, errsize) != 0)
        return -1;
    /* `--device 24gib` must stay a size: a size starts with a digit or '.',
     * an id with a letter. */
    if (!(out->id[0] >= 'a' && out->id[0] <= 'z'))
        return tsvrow_fail(err, errsize, "id: expected a lowercase letter first, got '%s'",
                           out->id);
    return tsvrow_text(out->name, col[1], DEVICE_ROW_NAME_MAX, TSVROW_PRINTABLE, "name", err,
                       errsize) != 0 ||
           dr_kind_column(out, col[2], err, errsize) != 0 ? -1 : 0;
}

static const char *const dr_fixed_names[DR_FIXED_COLUMNS] = { "id", "name", "kind" };

static const tsvrow_layout dr_layout = {
    .max_line = DEVICE_ROW_MAX_LINE, .nfixed = DR_FIXED_COLUMNS, .fixed_names = dr_fixed_names,
    .keys = dr_keys, .nkeys = DR_NKEYS, .key_size = sizeof dr_keys[0],
    .required_at = offsetof(dr_key, required), .fixed = dr_fixed, .value = dr_value,
};

static int dr_finish(device_row *out, const unsigned char *seen, char *err, size_t errsize)
{
    if (!seen[DR_K_GIB] && !seen[DR_K_MIB] && !seen[DR_K_BYTES])
        return tsvrow_fail(err, errsize,
                           "missing field 'memory_gib', 'memory_mib' or 'memory_bytes'");
    if (tsvrow_missing(&dr_layout, seen, err, errsize) != 0)
        return -1;
    /* An explicit share wins over the kind's default and macOS's rule. */
    if (!seen[DR_K_SHARE])
        out->dev.gpu_share = dr_kind_defaults[out->dev.kind].apple_rule
                                 ? device_row_apple_share(out->dev.capacity_gib)
                                 : dr_kind_defaults[out->dev.kind].share;
    if (!seen[DR_K_IS_GPU])
        out->dev.is_gpu = dr_kind_defaults[out->dev.kind].is_gpu;
    out->dev.id = out->id;
    out->dev.name = out->name;
    return 0;
}

int device_row_parse(const char *line, size_t len, device_row *out, char *err,
                     size_t errsize)
{
    unsigned char seen[DR_NKEYS];
    int rc = tsvrow_parse(&dr_layout, line, len, out, sizeof *out, seen, err, errsize);

    return rc != 0 ? rc : dr_finish(out, seen, err, errsize);
}

void device_row_copy(device_row *dst, const device_row *src)
{
    if (dst == NULL || src == NULL || dst == src)
        return;
    *dst = *src;
    dst->dev.id = dst->id;
    dst->dev.name = dst->name;
}

double device_row_apple_share(double capacity_gib)
{
    return capacity_gib > DEVICE_ROW_APPLE_RULE_GIB ? DEVICE_ROW_APPLE_LARGE_SHARE
                                                    : DEVICE_ROW_APPLE_SMALL_SHARE;
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
