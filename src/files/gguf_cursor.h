/* gguf_cursor.h - a bounded, sequential cursor over a GGUF header.
 *
 * Layer: files. The bytes come either from a memory buffer or from a file
 * read front to back through platform/fileread in GGUF_CURSOR_CHUNK
 * chunks (no mmap, no seeking back). Nothing at or past `bound` bytes, or
 * past the file's end, is read: asking for it is an error in err,
 * "PATH: what", naming the bound and --max-header, or the file's end. */
#ifndef QS_GGUF_CURSOR_H
#define QS_GGUF_CURSOR_H

#include <stddef.h>
#include <stdint.h>

#include "platform/fileread.h"

/* One chunk of the file read at a time: 1 MiB. */
#define GGUF_CURSOR_CHUNK ((size_t)1 << 20)
/* The most bytes gguf_cursor_take hands out at once (a tensor name, a
 * kept key, the prefix of a string). */
#define GGUF_CURSOR_TAKE_MAX 256

typedef struct {
    const unsigned char *buf;  /* memory source, or NULL */
    size_t len;
    fileread_file *f;          /* file source, or NULL */
    unsigned char *chunk;      /* ALLOCATED for a file source (gguf_cursor_free) */
    size_t have;               /* bytes in chunk */
    uint64_t chunk_off;        /* file offset of chunk[0] */
    uint64_t pos;              /* the next byte */
    uint64_t file_size;
    uint64_t bound;
    const char *path;
    char *err;
    size_t errsize;
} gguf_cursor;

/* A cursor over buf[0 .. len) of a file of file_size bytes. */
void gguf_cursor_init_buffer(gguf_cursor *c, const unsigned char *buf, size_t len,
                             uint64_t file_size, uint64_t bound, const char *path, char *err,
                             size_t errsize);

/* A cursor over the open file f (ALLOCATES its chunk). Returns 0, or -1
 * (out of memory, err set). */
int gguf_cursor_init_file(gguf_cursor *c, fileread_file *f, uint64_t bound, char *err,
                          size_t errsize);

/* A GGUF string's length field: a little-endian u64. */
#define GGUF_CURSOR_LEN_BYTES 8

/* The fast way past up to n strings in a row (each a u64 length, then its
 * bytes), as far as they lie whole in the bytes at hand and within the
 * bound: returns how many were passed (the cursor moved past them; *last,
 * when not NULL, the last one's length); the rest go the slow way, which
 * also says what is wrong. */
uint64_t gguf_cursor_skip_strings(gguf_cursor *c, uint64_t n, uint64_t *last);

/* Frees the chunk. */
void gguf_cursor_free(gguf_cursor *c);

/* The bytes that may still be read: up to the bound and the file's end. */
uint64_t gguf_cursor_left(const gguf_cursor *c);

/* 0 when n more bytes can be read; -1 with err set ("WHAT needs N bytes
 * at byte P": past the file's end, or past the bound). */
int gguf_cursor_room(gguf_cursor *c, uint64_t n, const char *what);

/* The next n (<= GGUF_CURSOR_TAKE_MAX) bytes, the cursor moved past them;
 * NULL with err set. */
const unsigned char *gguf_cursor_take(gguf_cursor *c, size_t n, const char *what);

/* Moves past n bytes without handing them out. 0, or -1 with err set. */
int gguf_cursor_skip(gguf_cursor *c, uint64_t n, const char *what);

#endif
