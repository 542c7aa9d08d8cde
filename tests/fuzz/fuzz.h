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

/* A message buffer filled with 'X' (but terminated), so that a parser
 * that forgets to write its message is caught. */
static inline void fuzz_fill(char *err, size_t size)
{
    memset(err, 'X', size);
    err[size - 1] = '\0';
}

/* A row parser's message (in a buffer of `size` bytes): not empty,
 * terminated within the buffer, one line with no control byte (below a
 * space, or DEL) that could reach a terminal. */
#define FUZZ_ASCII_SPACE 0x20
#define FUZZ_ASCII_DEL 0x7f
static inline void fuzz_check_message(const char *err, size_t size)
{
    size_t i, n;

    FUZZ_ASSERT(fuzz_terminated(err, size));
    n = strlen(err);
    FUZZ_ASSERT(n > 0);
    for (i = 0; i < n; i++)
        FUZZ_ASSERT((unsigned char)err[i] >= FUZZ_ASCII_SPACE &&
                    (unsigned char)err[i] != FUZZ_ASCII_DEL);
}

/* What a row parser returns: 0 (a row), 1 (a comment) or -1 with a
 * message (fuzz_check_message). */
static inline void fuzz_check_parse(int rc, const char *err, size_t size)
{
    FUZZ_ASSERT(rc == 0 || rc == 1 || rc == -1);
    if (rc == -1)
        fuzz_check_message(err, size);
}

#endif
