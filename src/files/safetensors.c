/* safetensors.c - the header of one safetensors file (safetensors.h).
 *
 * The checks follow huggingface/safetensors safetensors/src/tensor.rs
 * (Metadata::validate: entries sorted by begin must start where the
 * previous one ended, each of elements x bitsize / 8 bytes, and the last
 * must end where the file does; read_metadata: N must fit the file). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "files/safetensors.h"
#include "files/st_msg.h"
#include "files/st_names.h"

/* Bits in a byte. */
#define ST_BYTE_BITS 8
/* The key of the optional string-to-string map (tensor.rs "__metadata__"). */
#define ST_METADATA_KEY "__metadata__"
/* The smallest header is "{}". */
#define ST_MIN_HEADER 2

/* One name and bits a dtype (tensor.rs Dtype::bitsize). */
typedef struct {
    const char *name;
    int bits;
} st_dtype_row;

static const st_dtype_row st_dtypes[FILES_DTYPE_COUNT] = {
    [FILES_DTYPE_BOOL] = { "BOOL", 8 },
    [FILES_DTYPE_F4] = { "F4", 4 },
    [FILES_DTYPE_F6_E2M3] = { "F6_E2M3", 6 },
    [FILES_DTYPE_F6_E3M2] = { "F6_E3M2", 6 },
    [FILES_DTYPE_U8] = { "U8", 8 },
    [FILES_DTYPE_I8] = { "I8", 8 },
    [FILES_DTYPE_F8_E5M2] = { "F8_E5M2", 8 },
    [FILES_DTYPE_F8_E4M3] = { "F8_E4M3", 8 },
    [FILES_DTYPE_F8_E8M0] = { "F8_E8M0", 8 },
    [FILES_DTYPE_I16] = { "I16", 16 },
    [FILES_DTYPE_U16] = { "U16", 16 },
    [FILES_DTYPE_F16] = { "F16", 16 },
    [FILES_DTYPE_BF16] = { "BF16", 16 },
    [FILES_DTYPE_I32] = { "I32", 32 },
    [FILES_DTYPE_U32] = { "U32", 32 },
    [FILES_DTYPE_F32] = { "F32", 32 },
    [FILES_DTYPE_C64] = { "C64", 64 },
    [FILES_DTYPE_F64] = { "F64", 64 },
    [FILES_DTYPE_I64] = { "I64", 64 },
    [FILES_DTYPE_U64] = { "U64", 64 },
};
/* The OCP name of F4 some writers use (safetensors tensor.rs F4 is e2m1). */
#define ST_F4_ALIAS "F4_E2M1"

int safetensors_dtype_parse(const char *s, files_dtype *out)
{
    int i;

    if (strcmp(s, ST_F4_ALIAS) == 0) {
        *out = FILES_DTYPE_F4;
        return 0;
    }
    for (i = 0; i < FILES_DTYPE_COUNT; i++)
        if (strcmp(s, st_dtypes[i].name) == 0) {
            *out = (files_dtype)i;
            return 0;
        }
    return -1;
}

const char *safetensors_dtype_name(int dtype)
{
    return dtype >= 0 && dtype < FILES_DTYPE_COUNT ? st_dtypes[dtype].name : "?";
}

int safetensors_dtype_bits(int dtype)
{
    return dtype >= 0 && dtype < FILES_DTYPE_COUNT ? st_dtypes[dtype].bits : 0;
}

uint64_t safetensors_header_len(const unsigned char *buf)
{
    uint64_t n = 0;
    int i;

    for (i = SAFETENSORS_LEN_BYTES - 1; i >= 0; i--)
        n = (n << ST_BYTE_BITS) | buf[i];
    return n;
}

int safetensors_load(const unsigned char *buf, size_t len, uint64_t file_size, uint64_t bound,
                     const char *path, json_t **root, uint64_t *data_len, char *err,
                     size_t errsize)
{
    json_error_t je;
    uint64_t n;

    *root = NULL;
    if (file_size < SAFETENSORS_LEN_BYTES || len < SAFETENSORS_LEN_BYTES)
        return st_msg_fail(err, errsize, path,
                           "not a safetensors file: %" PRIu64 " bytes, shorter than the "
                           "8-byte header length", file_size < len ? file_size : (uint64_t)len);
    if (file_size > (uint64_t)INT64_MAX)
        return st_msg_fail(err, errsize, path, "file of %" PRIu64 " bytes is too large", file_size);
    n = safetensors_header_len(buf);
    if (n > file_size - SAFETENSORS_LEN_BYTES)
        return st_msg_fail(err, errsize, path,
                           "not a safetensors file: header length %" PRIu64
                           " runs past the end of the file (%" PRIu64 " bytes)", n, file_size);
    if (n > bound)
        return st_msg_fail(err, errsize, path,
                           "safetensors header of %" PRIu64 " bytes is over the bound of %" PRIu64
                           " bytes (--max-header raises it)", n, bound);
    if (n < ST_MIN_HEADER)
        return st_msg_fail(err, errsize, path,
                           "not a safetensors file: header length %" PRIu64
                           " is too short for a JSON object", n);
    if ((uint64_t)len - SAFETENSORS_LEN_BYTES < n)
        return st_msg_fail(err, errsize, path,
                           "truncated header: %" PRIu64 " bytes of JSON expected, %zu read", n,
                           len - SAFETENSORS_LEN_BYTES);
    if (buf[SAFETENSORS_LEN_BYTES] != '{')
        return st_msg_fail(err, errsize, path,
                           "not a safetensors file: the header is not a JSON object "
                           "(it must start with '{')");
    *root = json_loadb((const char *)buf + SAFETENSORS_LEN_BYTES, (size_t)n,
                       JSON_REJECT_DUPLICATES, &je);
    if (*root == NULL)
        return st_msg_fail(err, errsize, path, "safetensors header is not valid JSON: %s (at byte %d)",
                           je.text, je.position);
    if (!json_is_object(*root)) {
        json_decref(*root);
        *root = NULL;
        return st_msg_fail(err, errsize, path, "safetensors header is not a JSON object");
    }
    *data_len = file_size - SAFETENSORS_LEN_BYTES - n;
    return 0;
}

/* A JSON integer in [0, INT64_MAX], or -1. */
static int64_t st_nonneg(const json_t *v)
{
    json_int_t i;

    if (!json_is_integer(v))
        return -1;
    i = json_integer_value(v);
    return i < 0 ? -1 : (int64_t)i;
}

/* One tensor's place in the data section, for the cover check. */
typedef struct {
    uint64_t begin, end;
    const char *name;
} st_span;

static int st_span_cmp(const void *a, const void *b)
{
    const st_span *x = a, *y = b;

    if (x->begin != y->begin)
        return x->begin < y->begin ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return 0;
}

static int st_metadata(const json_t *v, const char *path, char *err, size_t errsize)
{
    const char *k;
    json_t *s;

    if (!json_is_object(v))
        return st_msg_fail(err, errsize, path, "\"%s\" is not an object of strings",
                           ST_METADATA_KEY);
    json_object_foreach((json_t *)v, k, s)
        if (!json_is_string(s))
            return st_msg_fail(err, errsize, path, "\"%s\" entry \"%s\" is not a string",
                               ST_METADATA_KEY, k);
    return 0;
}

/* Reads the shape (safetensors order) into t in ggml order. */
static int st_shape(const json_t *shape, const char *name, const char *path, files_tensor *t,
                    int64_t *elements, char *err, size_t errsize)
{
    size_t nd, i;
    int64_t n = 1;

    if (!json_is_array(shape))
        return st_msg_fail(err, errsize, path, "tensor \"%s\": \"shape\" is not an array", name);
    nd = json_array_size(shape);
    if (nd > TENSORS_MAX_DIMS)
        return st_msg_fail(err, errsize, path,
                           "tensor \"%s\": %zu dimensions, at most %d are accepted", name, nd,
                           TENSORS_MAX_DIMS);
    for (i = 0; i < TENSORS_MAX_DIMS; i++)
        t->t.ne[i] = 1;
    for (i = 0; i < nd; i++) {
        int64_t d = st_nonneg(json_array_get(shape, i));

        if (d < 0)
            return st_msg_fail(err, errsize, path,
                               "tensor \"%s\": shape dimension %zu is not a whole number >= 0",
                               name, i);
        if (d > 0 && n > INT64_MAX / d)
            return st_msg_fail(err, errsize, path,
                               "tensor \"%s\": shape product overflows 64 bits", name);
        n *= d;
        t->t.ne[nd - 1 - i] = d;
    }
    t->t.n_dims = nd == 0 ? 1 : (int)nd;
    *elements = n;
    return 0;
}

/* Checks one entry and fills t and its span. */
static int st_entry(const char *name, const json_t *v, uint64_t data_len, const char *path,
                    files_tensor *t, st_span *sp, char *err, size_t errsize)
{
    const json_t *dt, *shape, *offs;
    files_dtype dtype;
    int64_t elements = 0, b, e;
    int bits;

    if (!json_is_object(v))
        return st_msg_fail(err, errsize, path, "tensor \"%s\" is not an object", name);
    dt = json_object_get(v, "dtype");
    shape = json_object_get(v, "shape");
    offs = json_object_get(v, "data_offsets");
    if (dt == NULL || shape == NULL || offs == NULL)
        return st_msg_fail(err, errsize, path, "tensor \"%s\" has no \"%s\"", name,
                           dt == NULL ? "dtype" : shape == NULL ? "shape" : "data_offsets");
    if (!json_is_string(dt) || safetensors_dtype_parse(json_string_value(dt), &dtype) != 0)
        return st_msg_fail(err, errsize, path,
                           "tensor \"%s\": unknown dtype %s%s%s (accepted: BOOL, F4, F6_E2M3, "
                           "F6_E3M2, U8, I8, F8_E5M2, F8_E4M3, F8_E8M0, I16, U16, F16, BF16, I32, "
                           "U32, F32, C64, F64, I64, U64)", name, json_is_string(dt) ? "\"" : "",
                           json_is_string(dt) ? json_string_value(dt) : "(not a string)",
                           json_is_string(dt) ? "\"" : "");
    memset(t, 0, sizeof *t);
    if (st_shape(shape, name, path, t, &elements, err, errsize) != 0)
        return -1;
    if (!json_is_array(offs) || json_array_size(offs) != 2)
        return st_msg_fail(err, errsize, path,
                           "tensor \"%s\": \"data_offsets\" is not [begin, end]", name);
    b = st_nonneg(json_array_get(offs, 0));
    e = st_nonneg(json_array_get(offs, 1));
    if (b < 0 || e < 0 || e < b)
        return st_msg_fail(err, errsize, path,
                           "tensor \"%s\": \"data_offsets\" must be whole numbers with "
                           "begin <= end", name);
    if ((uint64_t)e > data_len)
        return st_msg_fail(err, errsize, path,
                           "tensor \"%s\": data_offsets end %" PRId64 " runs past the data "
                           "section (%" PRIu64 " bytes)", name, e, data_len);
    bits = safetensors_dtype_bits((int)dtype);
    if (elements > INT64_MAX / bits)
        return st_msg_fail(err, errsize, path, "tensor \"%s\": size overflows 64 bits", name);
    if ((elements * bits) % ST_BYTE_BITS != 0)
        return st_msg_fail(err, errsize, path,
                           "tensor \"%s\": %" PRId64 " elements of %s do not fill whole bytes",
                           name, elements, st_dtypes[dtype].name);
    if (e - b != elements * bits / ST_BYTE_BITS)
        return st_msg_fail(err, errsize, path,
                           "tensor \"%s\": data_offsets span %" PRId64 " bytes, but %" PRId64
                           " elements of %s take %" PRId64, name, e - b, elements,
                           st_dtypes[dtype].name, elements * bits / ST_BYTE_BITS);
    (void)snprintf(t->t.name, sizeof t->t.name, "%s", name);
    st_names_role(name, &t->t.role, &t->t.layer);
    t->type = (int)dtype;
    t->bytes = e - b;
    sp->begin = (uint64_t)b;
    sp->end = (uint64_t)e;
    sp->name = name;
    return 0;
}

/* The spans sorted by begin must follow each other from 0 to data_len. */
static int st_cover(st_span *sp, size_t n, uint64_t data_len, const char *path, char *err,
                    size_t errsize)
{
    uint64_t at = 0;
    size_t i;

    qsort(sp, n, sizeof *sp, st_span_cmp);
    for (i = 0; i < n; i++) {
        if (sp[i].begin < at)
            return st_msg_fail(err, errsize, path,
                               "tensors \"%s\" and \"%s\" overlap (bytes %" PRIu64 "..%" PRIu64
                               " of the data section)", sp[i - 1].name, sp[i].name, sp[i].begin,
                               at);
        if (sp[i].begin > at)
            return st_msg_fail(err, errsize, path,
                               "hole in the data section: bytes %" PRIu64 "..%" PRIu64
                               " before tensor \"%s\" belong to no tensor", at, sp[i].begin,
                               sp[i].name);
        at = sp[i].end;
    }
    if (at != data_len)
        return st_msg_fail(err, errsize, path,
                           "the tensors end at byte %" PRIu64 " of the data section, but it "
                           "holds %" PRIu64 " bytes (the format allows no trailing bytes)", at,
                           data_len);
    return 0;
}

int safetensors_add(const json_t *root, uint64_t header_len, uint64_t data_len,
                    uint64_t file_size, const char *path, files_model *out, char *err,
                    size_t errsize)
{
    size_t cap = json_object_size(root), n = 0;
    st_span *sp;
    const char *k;
    json_t *v;
    int rc = 0;

    if (cap > SAFETENSORS_MAX_TENSORS)
        return st_msg_fail(err, errsize, path, "%zu tensors, more than the %zu accepted", cap,
                           SAFETENSORS_MAX_TENSORS);
    sp = malloc((cap == 0 ? 1 : cap) * sizeof *sp);
    if (sp == NULL)
        return st_msg_fail(err, errsize, path, "out of memory for %zu tensors", cap);
    json_object_foreach((json_t *)root, k, v) {
        files_tensor t;

        if (strcmp(k, ST_METADATA_KEY) == 0) {
            rc = st_metadata(v, path, err, errsize);
        } else if ((rc = st_entry(k, v, data_len, path, &t, &sp[n], err, errsize)) == 0) {
            if (files_model_add_tensor(out, &t, SAFETENSORS_MAX_TENSORS) != 0)
                rc = st_msg_fail(err, errsize, path,
                                 "tensor \"%s\": out of memory or too many tensors", k);
            n++;
        }
        if (rc != 0)
            break;
    }
    if (rc == 0)
        rc = st_cover(sp, n, data_len, path, err, errsize);
    free(sp);
    if (rc != 0)
        return -1;
    out->header_bytes += (int64_t)(SAFETENSORS_LEN_BYTES + header_len);
    out->file_bytes += (int64_t)file_size;
    out->nfiles++;
    return 0;
}

int safetensors_parse(const unsigned char *buf, size_t len, uint64_t file_size, uint64_t bound,
                      const char *path, files_model *out, char *err, size_t errsize)
{
    json_t *root;
    uint64_t data_len;
    int rc;

    if (safetensors_load(buf, len, file_size, bound, path, &root, &data_len, err, errsize) != 0)
        return -1;
    rc = safetensors_add(root, safetensors_header_len(buf), data_len, file_size, path, out, err,
                         errsize);
    json_decref(root);
    return rc;
}
