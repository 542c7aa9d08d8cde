/* mkstore_bad.c - bad model files for the end-to-end tests: a real header
 * from the writers, then broken in one place the way a damaged or hostile
 * file is (mkstore_bad_formats, called by mkstore --bad). The readers'
 * unit tests (check_gguf_bad.c, check_safetensors.c) cover every case;
 * these few go through the real binary. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gguf_writer.h"
#include "mkstore.h"

#define MKSTORE_BAD_PATH 4096
#define MKSTORE_BAD_MODE (S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH)
#define MKSTORE_BAD_DIR_MODE 0755
/* GGUF: the version (u32) at byte 4, n_tensors (u64) at byte 8
 * (ggml docs/gguf.md). */
#define MKSTORE_BAD_VERSION_AT 4
#define MKSTORE_BAD_NTENSORS_AT 8
#define MKSTORE_BAD_NKV_AT 16
/* 2^40 tensors, and a string of 2^63 bytes. */
#define MKSTORE_BAD_MANY_TENSORS (UINT64_C(1) << 40)
#define MKSTORE_BAD_HUGE_STRING (UINT64_C(1) << 63)
/* GGUF value type 8: a string (gguf.cpp GGUF_TYPE_STRING). */
#define MKSTORE_BAD_TYPE_STRING 8
/* A safetensors header claiming 2 GiB, in a sparse file of 3 GiB so that
 * the claim fits the file and only the bound refuses it. */
#define MKSTORE_BAD_ST_CLAIM (UINT64_C(2) << 30)
#define MKSTORE_BAD_ST_FILE (UINT64_C(3) << 30)
#define MKSTORE_BAD_LE_BYTES 8

static void mkstore_bad_le(unsigned char *p, uint64_t v, int n)
{
    int i;

    for (i = 0; i < n; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

/* Writes bytes to dir/name, then extends the file to `size` (sparse) when
 * larger. 0 or -1 (a line on stderr). */
static int mkstore_bad_write(const char *dir, const char *name, const void *bytes, size_t len,
                             uint64_t size)
{
    char p[MKSTORE_BAD_PATH];
    int fd, rc = 0;

    if (snprintf(p, sizeof p, "%s/%s", dir, name) >= (int)sizeof p)
        return -1;
    fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, MKSTORE_BAD_MODE);
    if (fd < 0 || write(fd, bytes, len) != (ssize_t)len ||
        (size > len && ftruncate(fd, (off_t)size) != 0))
        rc = -1;
    if (fd >= 0 && close(fd) != 0)
        rc = -1;
    if (rc != 0)
        (void)fprintf(stderr, "mkstore: %s: %s\n", p, strerror(errno));
    return rc;
}

/* Makes dir/name, a folder of its own (a safetensors file makes its folder
 * a model folder). 0 or -1. */
static int mkstore_bad_dir(const char *dir, const char *name)
{
    char p[MKSTORE_BAD_PATH];

    if (snprintf(p, sizeof p, "%s/%s", dir, name) >= (int)sizeof p)
        return -1;
    if (mkdir(p, MKSTORE_BAD_DIR_MODE) != 0) {
        (void)fprintf(stderr, "mkstore: %s: %s\n", p, strerror(errno));
        return -1;
    }
    return 0;
}

/* The tiny preset's header, ALLOCATED, or NULL. */
static unsigned char *mkstore_bad_tiny(size_t *len, int64_t *data)
{
    gguf_writer *w = gguf_writer_new(3);
    unsigned char *h = NULL;
    int64_t header = 0;

    if (w != NULL && gguf_writer_preset(w, "tiny") == 0 &&
        gguf_writer_bytes(w, &header, data) == 0)
        h = gguf_writer_header(w, len);
    gguf_writer_free(w);
    return h;
}

/* A string key "general.name" whose value claims 2^63 bytes. */
static int mkstore_bad_huge_string(const char *dir)
{
    static const char key[] = "general.name";
    unsigned char raw[MKSTORE_BAD_LE_BYTES + sizeof key - 1 + 4 + MKSTORE_BAD_LE_BYTES];
    gguf_writer *w = gguf_writer_new(3);
    unsigned char *h = NULL;
    size_t len = 0, at = 0;
    int rc = -1;

    mkstore_bad_le(raw, sizeof key - 1, MKSTORE_BAD_LE_BYTES);
    at = MKSTORE_BAD_LE_BYTES;
    memcpy(raw + at, key, sizeof key - 1);
    at += sizeof key - 1;
    mkstore_bad_le(raw + at, MKSTORE_BAD_TYPE_STRING, 4);
    at += 4;
    mkstore_bad_le(raw + at, MKSTORE_BAD_HUGE_STRING, MKSTORE_BAD_LE_BYTES);
    if (w != NULL && gguf_writer_kv_string(w, "general.architecture", "llama") == 0 &&
        gguf_writer_kv_raw(w, raw, sizeof raw) == 0)
        h = gguf_writer_header(w, &len);
    gguf_writer_free(w);
    if (h != NULL)
        rc = mkstore_bad_write(dir, "hugestring.gguf", h, len, len);
    free(h);
    return rc;
}

int mkstore_bad_formats(const char *dir)
{
    static const char notjson[] = "this is not JSON";
    unsigned char *h, st[MKSTORE_BAD_LE_BYTES + sizeof notjson - 1];
    size_t len = 0;
    int64_t data = 0;
    int rc = 0;

    h = mkstore_bad_tiny(&len, &data);
    if (h == NULL)
        return -1;
    /* Big-endian: a GGUF v3 written on a big-endian machine has its
     * version as 00 00 00 03. */
    mkstore_bad_le(h + MKSTORE_BAD_VERSION_AT, 0, 4);
    h[MKSTORE_BAD_VERSION_AT + 3] = 3;
    rc |= mkstore_bad_write(dir, "bigendian.gguf", h, len, len + (uint64_t)data);
    free(h);
    h = mkstore_bad_tiny(&len, &data);
    if (h == NULL)
        return -1;
    mkstore_bad_le(h + MKSTORE_BAD_NTENSORS_AT, MKSTORE_BAD_MANY_TENSORS, MKSTORE_BAD_LE_BYTES);
    rc |= mkstore_bad_write(dir, "manytensors.gguf", h, len, len + (uint64_t)data);
    free(h);
    rc |= mkstore_bad_huge_string(dir);
    /* safetensors: a header claiming 2 GiB; a header that is not JSON. */
    mkstore_bad_le(st, MKSTORE_BAD_ST_CLAIM, MKSTORE_BAD_LE_BYTES);
    st[MKSTORE_BAD_LE_BYTES] = '{';
    rc |= mkstore_bad_dir(dir, "st-huge");
    rc |= mkstore_bad_write(dir, "st-huge/model.safetensors", st, MKSTORE_BAD_LE_BYTES + 1,
                            MKSTORE_BAD_ST_FILE);
    mkstore_bad_le(st, sizeof notjson - 1, MKSTORE_BAD_LE_BYTES);
    memcpy(st + MKSTORE_BAD_LE_BYTES, notjson, sizeof notjson - 1);
    rc |= mkstore_bad_dir(dir, "st-notjson");
    rc |= mkstore_bad_write(dir, "st-notjson/model.safetensors", st, sizeof st, sizeof st);
    return rc != 0 ? -1 : 0;
}
