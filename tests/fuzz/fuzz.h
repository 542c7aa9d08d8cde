/* fuzz.h - helpers shared by the libFuzzer targets (tests/fuzz/fuzz_*.c).
 *
 * Every target calls the real library code on the fuzzer's bytes and checks
 * the contract its header promises; a broken promise aborts (a finding). */
#ifndef QS_FUZZ_H
#define QS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The libFuzzer entry point each target defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with a message when a contract does not hold. */
#define FUZZ_ASSERT(cond) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "%s:%d: contract broken: %s\n", __FILE__, __LINE__, #cond); \
            abort(); \
        } \
    } while (0)

/* A NUL-terminated heap copy of data[0..size) (stops at an embedded NUL, as
 * a C string would); the caller frees it. Aborts when out of memory. */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);

    FUZZ_ASSERT(s != NULL);
    if (size > 0)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* An exact-size heap copy, so that ASan catches a read one byte past the
 * end of (text, len) inputs (size 0 gives a zero-byte block that may not be
 * read at all). The caller frees it. */
static inline char *fuzz_bytes(const uint8_t *data, size_t size)
{
    char *p = malloc(size);

    FUZZ_ASSERT(p != NULL || size == 0);
    if (size > 0)
        memcpy(p, data, size);
    return p;
}

/* 1 when s holds a NUL-terminated string of at most size - 1 bytes. */
static inline int fuzz_terminated(const char *s, size_t size)
{
    return memchr(s, '\0', size) != NULL;
}

#endif
