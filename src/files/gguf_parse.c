/* gguf_parse.c - one GGUF file's header, metadata and tensor infos
 * (gguf_parse.h). Layout: ggml-org/ggml docs/gguf.md, ggml/src/gguf.cpp. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "files/gguf_parse.h"
#include "model/ggml.h"
#include "model/gguf_rules.h"

/* Field sizes of the layout (docs/gguf.md): u32 version and value types,
 * u64 counts, lengths, dimensions and offsets. */
#define GGUF_PARSE_U32 4
#define GGUF_PARSE_U64 8
/* The fewest bytes one pair can take (an empty key's u64 length, the u32
 * type, a one-byte value) and one tensor info (a one-byte name's length
 * and byte, n_dims, one dimension, the type, the offset). */
#define GGUF_PARSE_KV_MIN (GGUF_PARSE_U64 + GGUF_PARSE_U32 + 1)
#define GGUF_PARSE_INFO_MIN (GGUF_PARSE_U64 + 1 + GGUF_PARSE_U32 + GGUF_PARSE_U64 + \
                             GGUF_PARSE_U32 + GGUF_PARSE_U64)
/* Bits in a byte, for the little-endian decoding. */
#define GGUF_PARSE_BYTE_BITS 8
/* The first printable and the DEL byte: others become '?' in copies. */
#define GGUF_PARSE_PRINT_MIN 0x20
#define GGUF_PARSE_DEL 0x7f
/* Room for a "what" phrase of a message. */
#define GGUF_PARSE_WHAT_MAX 160
/* The tensor offsets array starts with room for this many and doubles. */
#define GGUF_PARSE_FIRST_CAP 256

/* Bytes of one value of each scalar type (gguf.cpp GGUF_TYPE_SIZE); 0 for
 * string and array. */
static const unsigned gguf_parse_type_size[GGUF_META_TYPE_COUNT] = {
    1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8
};

static uint64_t gguf_parse_le(const unsigned char *p, size_t n)
{
    uint64_t v = 0;
    size_t i;

    for (i = n; i > 0; i--)
        v = (v << GGUF_PARSE_BYTE_BITS) | p[i - 1];
    return v;
}

static int gguf_parse_u32(gguf_cursor *c, uint32_t *v, const char *what)
{
    const unsigned char *p = gguf_cursor_take(c, GGUF_PARSE_U32, what);

    if (p == NULL)
        return -1;
    *v = (uint32_t)gguf_parse_le(p, GGUF_PARSE_U32);
    return 0;
}

static int gguf_parse_u64(gguf_cursor *c, uint64_t *v, const char *what)
{
    const unsigned char *p = gguf_cursor_take(c, GGUF_PARSE_U64, what);

    if (p == NULL)
        return -1;
    *v = gguf_parse_le(p, GGUF_PARSE_U64);
    return 0;
}

static const char *gguf_parse_limit(const gguf_cursor *c, char *buf, size_t size);

/* A printable copy of n bytes (control bytes as '?') into dst of size. */
static void gguf_parse_copy(char *dst, size_t size, const unsigned char *p, size_t n)
{
    size_t i;

    if (n >= size)
        n = size - 1;
    for (i = 0; i < n; i++)
        dst[i] = p[i] < GGUF_PARSE_PRINT_MIN || p[i] == GGUF_PARSE_DEL ? '?' : (char)p[i];
    dst[n] = '\0';
}

static int gguf_parse_fail(gguf_cursor *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* "PATH: " and the printf-style message in c's err; returns -1. */
static int gguf_parse_fail(gguf_cursor *c, const char *fmt, ...)
{
    char msg[GGUF_PARSE_WHAT_MAX * 2];
    va_list ap;

    va_start(ap, fmt);
    (void)vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    (void)snprintf(c->err, c->errsize, "%s: %s", c->path, msg);
    return -1;
}

/* A string: its length, then (up to `keep` bytes copied into dst, the rest
 * skipped). *len gets the length. dst may be NULL. */
static int gguf_parse_string(gguf_cursor *c, char *dst, size_t size, uint64_t *len,
                             const char *what)
{
    uint64_t n;
    char w[GGUF_PARSE_WHAT_MAX];

    if (dst == NULL && gguf_cursor_skip_strings(c, 1, len) == 1)
        return 0;
    if (gguf_parse_u64(c, &n, what) != 0)
        return -1;
    *len = n;
    /* The message is made only when the string does not fit: a vocabulary
     * has hundreds of thousands of strings. */
    if (n > gguf_cursor_left(c)) {
        (void)snprintf(w, sizeof w, "%s (a string of %" PRIu64 " bytes)", what, n);
        return gguf_cursor_room(c, n, w);
    }
    if (dst != NULL && size > 0) {
        size_t k = n < size - 1 ? (size_t)n : size - 1;
        const unsigned char *p;

        if (k > GGUF_CURSOR_TAKE_MAX)
            k = GGUF_CURSOR_TAKE_MAX;
        p = gguf_cursor_take(c, k, what);
        if (p == NULL)
            return -1;
        gguf_parse_copy(dst, size, p, k);
        n -= k;
    }
    return gguf_cursor_skip(c, n, what);
}

/* One scalar of `type`: an integer or bool into *iv (and *fv), returning
 * 1; a float into *fv, returning 0; -1 on error. */
static int gguf_parse_scalar(gguf_cursor *c, int type, int64_t *iv, double *fv,
                             const char *what)
{
    unsigned sz = gguf_parse_type_size[type];
    const unsigned char *p = gguf_cursor_take(c, sz, what);
    uint64_t raw;
    float f32;
    double f64;

    if (p == NULL)
        return -1;
    raw = gguf_parse_le(p, sz);
    switch (type) {
    case GGUF_META_INT8:
        *iv = (int8_t)(uint8_t)raw;
        break;
    case GGUF_META_INT16:
        *iv = (int16_t)(uint16_t)raw;
        break;
    case GGUF_META_INT32:
        *iv = (int32_t)(uint32_t)raw;
        break;
    case GGUF_META_INT64:
    case GGUF_META_UINT64:
        /* A u64 past INT64_MAX is kept as INT64_MAX (no count is that large). */
        *iv = type == GGUF_META_UINT64 && raw > INT64_MAX ? INT64_MAX : (int64_t)raw;
        break;
    case GGUF_META_FLOAT32: {
        uint32_t r32 = (uint32_t)raw;

        memcpy(&f32, &r32, sizeof f32);
        *fv = f32;
        return 0;
    }
    case GGUF_META_FLOAT64:
        memcpy(&f64, &raw, sizeof f64);
        *fv = f64;
        return 0;
    default: /* u8, u16, u32, bool */
        *iv = (int64_t)raw;
        break;
    }
    *fv = (double)*iv;
    return 1;
}

/* An array: element type, count, elements (numbers kept in kv when few). */
static int gguf_parse_array(gguf_cursor *c, gguf_meta_kv *kv, const char *key)
{
    uint32_t et;
    uint64_t n, i;
    char w[GGUF_PARSE_WHAT_MAX];

    (void)snprintf(w, sizeof w, "the array '%s'", key);
    if (gguf_parse_u32(c, &et, w) != 0)
        return -1;
    if (et == GGUF_META_ARRAY)
        return gguf_parse_fail(c, "key '%s': nested arrays are not supported", key);
    if (et >= GGUF_META_TYPE_COUNT)
        return gguf_parse_fail(c, "key '%s': unknown array element type %" PRIu32, key, et);
    if (gguf_parse_u64(c, &n, w) != 0)
        return -1;
    if (kv != NULL) {
        kv->elem_type = (int)et;
        kv->n = n;
    }
    if (et == GGUF_META_STRING) {
        uint64_t len;

        if (n > gguf_cursor_left(c) / GGUF_PARSE_U64)
            return gguf_parse_fail(c, "key '%s': an array of %" PRIu64 " strings, more than "
                                   "%s can hold", key, n, gguf_parse_limit(c, w, sizeof w));
        /* A chunk at a time the fast way, a string the slow way where one
         * crosses the chunk's end (or is broken: then it says what). */
        for (i = 0; i < n; i++) {
            i += gguf_cursor_skip_strings(c, n - i, NULL);
            if (i < n && gguf_parse_string(c, NULL, 0, &len, w) != 0)
                return -1;
        }
        return 0;
    }
    if (n > gguf_cursor_left(c) / gguf_parse_type_size[et])
        return gguf_parse_fail(c, "key '%s': an array of %" PRIu64 " values, more than %s "
                               "can hold", key, n, gguf_parse_limit(c, w, sizeof w));
    if (kv == NULL || n > GGUF_META_ARRAY_MAX || n == 0)
        return gguf_cursor_skip(c, n * gguf_parse_type_size[et], w);
    if (et == GGUF_META_FLOAT32 || et == GGUF_META_FLOAT64)
        kv->farr = malloc((size_t)n * sizeof *kv->farr);
    else
        kv->arr = malloc((size_t)n * sizeof *kv->arr);
    if (kv->farr == NULL && kv->arr == NULL)
        return gguf_parse_fail(c, "out of memory reading '%s'", key);
    for (i = 0; i < n; i++) {
        int64_t iv = 0;
        double fv = 0.0;

        if (gguf_parse_scalar(c, (int)et, &iv, &fv, w) < 0)
            return -1;
        if (kv->farr != NULL)
            kv->farr[i] = fv;
        else
            kv->arr[i] = iv;
    }
    return 0;
}

/* One key/value pair. */
static int gguf_parse_kv(gguf_cursor *c, gguf_meta *meta, uint64_t idx)
{
    char key[GGUF_META_KEY_MAX], w[GGUF_PARSE_WHAT_MAX];
    uint64_t len;
    uint32_t type;
    gguf_meta_kv *kv = NULL;
    int nomem = 0;

    (void)snprintf(w, sizeof w, "key %" PRIu64, idx);
    if (gguf_parse_string(c, key, sizeof key, &len, w) != 0)
        return -1;
    (void)snprintf(w, sizeof w, "the type of key '%s'", key);
    if (gguf_parse_u32(c, &type, w) != 0)
        return -1;
    if (type >= GGUF_META_TYPE_COUNT)
        return gguf_parse_fail(c, "key '%s': unknown value type %" PRIu32, key, type);
    if (len < sizeof key) {
        if (gguf_meta_find(meta, key) != NULL)
            return gguf_parse_fail(c, "duplicate key '%s'", key);
        kv = gguf_meta_add(meta, key, &nomem);
        if (nomem)
            return gguf_parse_fail(c, "out of memory reading '%s'", key);
    }
    if (kv != NULL)
        kv->type = (int)type;
    (void)snprintf(w, sizeof w, "the value of key '%s'", key);
    if (type == GGUF_META_STRING) {
        uint64_t slen;

        return kv != NULL ? gguf_parse_string(c, kv->s, sizeof kv->s, &slen, w)
                          : gguf_parse_string(c, NULL, 0, &slen, w);
    }
    if (type == GGUF_META_ARRAY)
        return gguf_parse_array(c, kv, key);
    {
        int64_t iv = 0;
        double fv = 0.0;
        int r = gguf_parse_scalar(c, (int)type, &iv, &fv, w);

        if (r < 0)
            return -1;
        if (kv != NULL) {
            kv->is_int = r;
            kv->i = iv;
            kv->f = fv;
        }
    }
    return 0;
}

/* The magic and the version. */
static int gguf_parse_start(gguf_cursor *c, gguf_parse_info *info)
{
    const unsigned char *p = gguf_cursor_take(c, GGUF_PARSE_MAGIC_LEN, "the magic");
    uint32_t v, swapped;

    if (p == NULL)
        return -1;
    if (memcmp(p, GGUF_PARSE_MAGIC, GGUF_PARSE_MAGIC_LEN) != 0) {
        (void)snprintf(c->err, c->errsize,
                       "%s: not a GGUF file (magic %02x %02x %02x %02x, expected \"GGUF\")",
                       c->path, p[0], p[1], p[2], p[3]);
        return -1;
    }
    if (gguf_parse_u32(c, &v, "the version") != 0)
        return -1;
    swapped = ((v & 0xffU) << 24) | ((v & 0xff00U) << 8) | ((v >> 8) & 0xff00U) | (v >> 24);
    if ((v < GGUF_PARSE_VERSION_MIN || v > GGUF_PARSE_VERSION_MAX) && swapped >= 1 &&
        swapped <= GGUF_PARSE_VERSION_MAX)
        return gguf_parse_fail(c, "big-endian GGUF is not supported (version %" PRIu32
                               " byte-swapped)", swapped);
    if (v < GGUF_PARSE_VERSION_MIN || v > GGUF_PARSE_VERSION_MAX)
        return gguf_parse_fail(c, "GGUF version %" PRIu32 " is not supported (2 and 3 are)", v);
    info->version = (int)v;
    return 0;
}

/* "the file" or "the bound of B bytes (--max-header raises it)": what
 * ends the bytes left (into buf). */
static const char *gguf_parse_limit(const gguf_cursor *c, char *buf, size_t size)
{
    uint64_t end = c->f == NULL && (uint64_t)c->len < c->file_size ? c->len : c->file_size;

    if (c->bound >= end)
        return "the rest of the file";
    (void)snprintf(buf, size, "the bound of %" PRIu64 " bytes (--max-header raises it)",
                   c->bound);
    return buf;
}

/* The counts: each must be describable by the bytes left. */
static int gguf_parse_counts(gguf_cursor *c, gguf_parse_info *info)
{
    char lim[GGUF_PARSE_WHAT_MAX];

    if (gguf_parse_u64(c, &info->n_tensors, "the tensor count") != 0 ||
        gguf_parse_u64(c, &info->n_kv, "the metadata count") != 0)
        return -1;
    if (info->n_kv > gguf_cursor_left(c) / GGUF_PARSE_KV_MIN)
        return gguf_parse_fail(c, "the header claims %" PRIu64 " metadata pairs, more than %s "
                               "can hold", info->n_kv, gguf_parse_limit(c, lim, sizeof lim));
    if (info->n_tensors > gguf_cursor_left(c) / GGUF_PARSE_INFO_MIN)
        return gguf_parse_fail(c, "the header claims %" PRIu64 " tensors, more than %s can hold",
                               info->n_tensors, gguf_parse_limit(c, lim, sizeof lim));
    return 0;
}

/* general.alignment: a u32 power of two (gguf.cpp). */
static int gguf_parse_alignment(gguf_cursor *c, const gguf_meta *meta, gguf_parse_info *info)
{
    const gguf_meta_kv *kv = gguf_meta_find(meta, "general.alignment");

    info->alignment = GGUF_RULES_ALIGNMENT;
    if (kv == NULL)
        return 0;
    if (kv->type != GGUF_META_UINT32)
        return gguf_parse_fail(c, "general.alignment must be a u32 (type %d)", kv->type);
    if (kv->i <= 0 || (kv->i & (kv->i - 1)) != 0)
        return gguf_parse_fail(c, "general.alignment %" PRId64 " is not a power of two",
                               kv->i);
    info->alignment = (uint64_t)kv->i;
    return 0;
}

/* One tensor info into *t, its offset into *off. */
static int gguf_parse_info_one(gguf_cursor *c, uint64_t idx, files_tensor *t, uint64_t *off)
{
    char w[GGUF_PARSE_WHAT_MAX];
    const unsigned char *p;
    uint64_t len, ne;
    uint32_t n_dims, type;
    int64_t el = 1;
    uint32_t d;

    memset(t, 0, sizeof *t);
    (void)snprintf(w, sizeof w, "tensor info %" PRIu64, idx);
    if (gguf_parse_u64(c, &len, w) != 0)
        return -1;
    if (len == 0 || len >= TENSORS_NAME_MAX)
        return gguf_parse_fail(c, "tensor %" PRIu64 ": a name of %" PRIu64
                               " bytes (GGUF names have 1 to %d)", idx, len,
                               TENSORS_NAME_MAX - 1);
    p = gguf_cursor_take(c, (size_t)len, w);
    if (p == NULL)
        return -1;
    gguf_parse_copy(t->t.name, sizeof t->t.name, p, (size_t)len);
    (void)snprintf(w, sizeof w, "tensor '%s'", t->t.name);
    if (gguf_parse_u32(c, &n_dims, w) != 0)
        return -1;
    if (n_dims == 0 || n_dims > TENSORS_MAX_DIMS)
        return gguf_parse_fail(c, "tensor '%s': %" PRIu32 " dimensions (1 to %d are allowed)",
                               t->t.name, n_dims, TENSORS_MAX_DIMS);
    t->t.n_dims = (int)n_dims;
    for (d = 0; d < TENSORS_MAX_DIMS; d++)
        t->t.ne[d] = 1;
    for (d = 0; d < n_dims; d++) {
        if (gguf_parse_u64(c, &ne, w) != 0)
            return -1;
        if (ne == 0 || ne > INT64_MAX)
            return gguf_parse_fail(c, "tensor '%s': dimension %" PRIu32 " is %" PRId64
                                   " (dimensions must be positive)", t->t.name, d,
                                   (int64_t)ne);
        if (el > INT64_MAX / (int64_t)ne)
            return gguf_parse_fail(c, "tensor '%s': its %" PRIu32
                                   " dimensions multiply past 2^63 elements", t->t.name, n_dims);
        el *= (int64_t)ne;
        t->t.ne[d] = (int64_t)ne;
    }
    if (gguf_parse_u32(c, &type, w) != 0 || gguf_parse_u64(c, off, w) != 0)
        return -1;
    if (ggml_type_get((int)type) == NULL || type > INT32_MAX)
        return gguf_parse_fail(c, "tensor '%s': unknown ggml type %" PRIu32, t->t.name, type);
    t->type = (int)type;
    if (ggml_row_bytes(t->type, t->t.ne[0]) < 0)
        return gguf_parse_fail(c, "tensor '%s': a row of %" PRId64 " weights is not a whole "
                               "number of %s blocks (%d weights each)", t->t.name, t->t.ne[0],
                               ggml_type_name(t->type), ggml_type_get(t->type)->block);
    t->bytes = ggml_tensor_bytes(t->type, &t->t);
    if (t->bytes < 0)
        return gguf_parse_fail(c, "tensor '%s': its size in bytes overflows", t->t.name);
    t->t.role = (tensor_role)tensors_role_of_name(t->t.name, &t->t.layer);
    return 0;
}

/* Sorting the tensors of one file by data offset. */
typedef struct {
    uint64_t off;
    int64_t bytes;
    size_t i;
} gguf_parse_span;

static int gguf_parse_by_offset(const void *a, const void *b)
{
    const gguf_parse_span *x = a, *y = b;

    return x->off < y->off ? -1 : x->off > y->off;
}

/* The data offsets of m->tensors[first ..]: aligned, inside the file, not
 * overlapping. */
static int gguf_parse_check_offsets(gguf_cursor *c, const files_model *m, size_t first,
                                    gguf_parse_span *s, const gguf_parse_info *info)
{
    size_t n = m->ntensors - first, i;
    uint64_t room = c->file_size > info->data_offset ? c->file_size - info->data_offset : 0;

    for (i = 0; i < n; i++) {
        const files_tensor *t = &m->tensors[first + s[i].i];

        if (s[i].off % info->alignment != 0)
            return gguf_parse_fail(c, "tensor '%s': data offset %" PRIu64
                                   " is not a multiple of the alignment %" PRIu64, t->t.name,
                                   s[i].off, info->alignment);
        if (s[i].off > room || (uint64_t)t->bytes > room - s[i].off)
            return gguf_parse_fail(c, "tensor '%s': its %" PRId64 " bytes at data offset %"
                                   PRIu64 " end past the end of the file (%" PRIu64 " bytes)",
                                   t->t.name, t->bytes, s[i].off, c->file_size);
    }
    if (n > 1)
        qsort(s, n, sizeof *s, gguf_parse_by_offset);
    for (i = 1; i < n; i++)
        if (s[i - 1].off + (uint64_t)s[i - 1].bytes > s[i].off)
            return gguf_parse_fail(c, "tensors '%s' and '%s' overlap (data offsets %" PRIu64
                                   " and %" PRIu64 ")", m->tensors[first + s[i - 1].i].t.name,
                                   m->tensors[first + s[i].i].t.name, s[i - 1].off, s[i].off);
    return 0;
}

/* The tensor infos, then the checks of their offsets. */
static int gguf_parse_infos(gguf_cursor *c, files_model *m, gguf_parse_info *info)
{
    size_t first = m->ntensors, cap = 0;
    gguf_parse_span *s = NULL;
    uint64_t i;
    int rc = 0;

    for (i = 0; i < info->n_tensors && rc == 0; i++) {
        files_tensor t;
        uint64_t off = 0;

        if (gguf_parse_info_one(c, i, &t, &off) != 0) {
            rc = -1;
            break;
        }
        if ((size_t)i == cap) {
            size_t grown_cap = cap == 0 ? GGUF_PARSE_FIRST_CAP : cap * 2;
            gguf_parse_span *g = realloc(s, grown_cap * sizeof *g);

            if (g == NULL) {
                rc = gguf_parse_fail(c, "out of memory at tensor %" PRIu64, i);
                break;
            }
            s = g;
            cap = grown_cap;
        }
        s[i].off = off;
        s[i].bytes = t.bytes;
        s[i].i = (size_t)i;
        if (files_model_add_tensor(m, &t, SIZE_MAX) != 0)
            rc = gguf_parse_fail(c, "tensor '%s': out of memory, or the total size overflows",
                                 t.t.name);
    }
    if (rc == 0) {
        uint64_t pad = c->pos % info->alignment;

        info->data_offset = c->pos + (pad == 0 ? 0 : info->alignment - pad);
        rc = gguf_parse_check_offsets(c, m, first, s, info);
    }
    free(s);
    return rc;
}

int gguf_parse_file(gguf_cursor *c, files_model *m, gguf_meta *meta, gguf_parse_info *info)
{
    uint64_t i;

    memset(info, 0, sizeof *info);
    if (gguf_parse_start(c, info) != 0 || gguf_parse_counts(c, info) != 0)
        return -1;
    for (i = 0; i < info->n_kv; i++)
        if (gguf_parse_kv(c, meta, i) != 0)
            return -1;
    if (gguf_parse_alignment(c, meta, info) != 0 || gguf_parse_infos(c, m, info) != 0)
        return -1;
    if ((uint64_t)m->file_bytes > (uint64_t)INT64_MAX - c->file_size)
        return gguf_parse_fail(c, "the files' sizes add up past 2^63 bytes%s", "");
    m->file_bytes += (int64_t)c->file_size;
    m->header_bytes += (int64_t)info->data_offset;
    return 0;
}

static int gguf_parse_by_name(const void *a, const void *b)
{
    const files_tensor *const *x = a, *const *y = b;

    return strcmp((*x)->t.name, (*y)->t.name);
}

int gguf_parse_check_names(const files_model *m, const char *path, char *err, size_t errsize)
{
    const files_tensor **v;
    size_t i;
    int rc = 0;

    if (m->ntensors < 2)
        return 0;
    v = malloc(m->ntensors * sizeof *v);
    if (v == NULL) {
        (void)snprintf(err, errsize, "%s: out of memory", path);
        return -1;
    }
    for (i = 0; i < m->ntensors; i++)
        v[i] = &m->tensors[i];
    qsort(v, m->ntensors, sizeof *v, gguf_parse_by_name);
    for (i = 1; i < m->ntensors && rc == 0; i++)
        if (strcmp(v[i - 1]->t.name, v[i]->t.name) == 0) {
            (void)snprintf(err, errsize, "%s: duplicate tensor name '%s'", path, v[i]->t.name);
            rc = -1;
        }
    free(v);
    return rc;
}
