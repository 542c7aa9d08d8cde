/* gguf_meta.h - the metadata of a GGUF file as the reader keeps it.
 *
 * Layer: files. gguf_read.c parses the key/value pairs of a GGUF header
 * (ggml-org/ggml docs/gguf.md, ggml/src/gguf.cpp) and keeps, for each of
 * the first GGUF_META_KEEP_MAX keys, its value type and either a scalar,
 * the first FILES_TEXT_MAX - 1 bytes of a string, or an array's element
 * type and count with, for a numeric or bool array of at most
 * GGUF_META_ARRAY_MAX elements, its values. Strings of arrays (the
 * tokenizer's tokens and merges) are never copied: only counted. */
#ifndef QS_GGUF_META_H
#define QS_GGUF_META_H

#include <stddef.h>
#include <stdint.h>

#include "files/files_model.h"

/* enum gguf_type, ggml-org/ggml ggml/include/gguf.h (docs/gguf.md). */
#define GGUF_META_UINT8 0
#define GGUF_META_INT8 1
#define GGUF_META_UINT16 2
#define GGUF_META_INT16 3
#define GGUF_META_UINT32 4
#define GGUF_META_INT32 5
#define GGUF_META_FLOAT32 6
#define GGUF_META_BOOL 7
#define GGUF_META_STRING 8
#define GGUF_META_ARRAY 9
#define GGUF_META_UINT64 10
#define GGUF_META_INT64 11
#define GGUF_META_FLOAT64 12
#define GGUF_META_TYPE_COUNT 13

/* Longest key kept, NUL included: llama.cpp's keys are at most about 50
 * bytes ("{arch}.attention.sliding_window_pattern"); a longer key is
 * parsed and skipped. */
#define GGUF_META_KEY_MAX 96
/* Keys kept, at most (real files have under 100; the rest are parsed and
 * skipped). */
#define GGUF_META_KEEP_MAX 4096
/* Elements of a numeric array kept, at most: one a layer. */
#define GGUF_META_ARRAY_MAX FILES_PATTERN_MAX

typedef struct {
    char key[GGUF_META_KEY_MAX];
    int type;                  /* GGUF_META_* */
    int elem_type;             /* arrays: the element type */
    uint64_t n;                /* arrays: the element count */
    int is_int;                /* scalar integer or bool: `i` holds it */
    int64_t i;
    double f;                  /* scalar float (and integers, converted) */
    char s[FILES_TEXT_MAX];    /* strings: the first bytes, control bytes as '?' */
    int64_t *arr;              /* integer/bool arrays of <= GGUF_META_ARRAY_MAX: ALLOCATED */
    double *farr;              /* float arrays of <= GGUF_META_ARRAY_MAX: ALLOCATED */
} gguf_meta_kv;

typedef struct {
    gguf_meta_kv *kv;          /* ALLOCATED (gguf_meta_free) */
    size_t n, cap;
} gguf_meta;

/* An empty store. */
void gguf_meta_init(gguf_meta *m);

/* Frees the pairs and their arrays; m is empty afterwards. */
void gguf_meta_free(gguf_meta *m);

/* A new pair for `key` (copied; its other fields zero), or NULL when the
 * store is full (the key is then not kept), the key too long, or out of
 * memory (*nomem set to 1). */
gguf_meta_kv *gguf_meta_add(gguf_meta *m, const char *key, int *nomem);

/* The pair named `key`, or NULL. */
const gguf_meta_kv *gguf_meta_find(const gguf_meta *m, const char *key);

/* The pair "ARCH.SUFFIX" (e.g. "llama" + "block_count"), or NULL. */
const gguf_meta_kv *gguf_meta_find_arch(const gguf_meta *m, const char *arch, const char *suffix);

/* *v = the integer (or bool) scalar `key`; 0, or -1 when absent or not
 * an integer. */
int gguf_meta_int(const gguf_meta *m, const char *key, int64_t *v);

/* The string `key` ("" when absent or not a string). */
const char *gguf_meta_string(const gguf_meta *m, const char *key);

#endif
