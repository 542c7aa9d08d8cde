/* gguf_cursor.c - a bounded, sequential cursor over a GGUF header (gguf_cursor.h). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "files/gguf_cursor.h"

void gguf_cursor_init_buffer(gguf_cursor *c, const unsigned char *buf, size_t len,
                             uint64_t file_size, uint64_t bound, const char *path, char *err,
                             size_t errsize)
{
    c->buf = buf;
    c->len = len;
    c->f = NULL;
    c->chunk = NULL;
    c->have = 0;
    c->chunk_off = 0;
    c->pos = 0;
    c->file_size = file_size;
    c->bound = bound;
    c->path = path;
    c->err = err;
    c->errsize = errsize;
}

int gguf_cursor_init_file(gguf_cursor *c, fileread_file *f, uint64_t bound, char *err,
                          size_t errsize)
{
    gguf_cursor_init_buffer(c, NULL, 0, f->size, bound, f->path, err, errsize);
    c->f = f;
    c->chunk = malloc(GGUF_CURSOR_CHUNK);
    if (c->chunk == NULL) {
        (void)snprintf(err, errsize, "%s: out of memory", f->path);
        return -1;
    }
    return 0;
}

void gguf_cursor_free(gguf_cursor *c)
{
    free(c->chunk);
    c->chunk = NULL;
}

/* Where the bytes a cursor may read end: the file (or the buffer given). */
static uint64_t gguf_cursor_end(const gguf_cursor *c)
{
    uint64_t end = c->file_size;

    if (c->f == NULL && (uint64_t)c->len < end)
        end = c->len;
    return end;
}

uint64_t gguf_cursor_left(const gguf_cursor *c)
{
    uint64_t end = gguf_cursor_end(c);

    if (c->bound < end)
        end = c->bound;
    return c->pos >= end ? 0 : end - c->pos;
}

int gguf_cursor_room(gguf_cursor *c, uint64_t n, const char *what)
{
    uint64_t end = gguf_cursor_end(c);

    if (c->pos <= end && n <= end - c->pos) {
        if (c->pos <= c->bound && n <= c->bound - c->pos)
            return 0;
        (void)snprintf(c->err, c->errsize,
                       "%s: the header is longer than the bound of %" PRIu64
                       " bytes (%s needs %" PRIu64 " bytes at byte %" PRIu64
                       "); --max-header raises it",
                       c->path, c->bound, what, n, c->pos);
        return -1;
    }
    (void)snprintf(c->err, c->errsize,
                   "%s: truncated or corrupt header: %s needs %" PRIu64 " bytes at byte %" PRIu64
                   ", past the end of the file (%" PRIu64 " bytes)",
                   c->path, what, n, c->pos, end);
    return -1;
}

const unsigned char *gguf_cursor_take(gguf_cursor *c, size_t n, const char *what)
{
    const unsigned char *p;

    if (n > GGUF_CURSOR_TAKE_MAX || gguf_cursor_room(c, n, what) != 0)
        return NULL;
    if (c->f == NULL) {
        p = c->buf + c->pos;
    } else {
        if (c->pos < c->chunk_off || c->pos + n > c->chunk_off + c->have) {
            uint64_t left = gguf_cursor_left(c);
            size_t want = left < GGUF_CURSOR_CHUNK ? (size_t)left : GGUF_CURSOR_CHUNK;

            if (fileread_at(c->f, c->pos, c->chunk, want, c->err, c->errsize) != 0)
                return NULL;
            c->chunk_off = c->pos;
            c->have = want;
        }
        p = c->chunk + (c->pos - c->chunk_off);
    }
    c->pos += n;
    return p;
}

int gguf_cursor_skip(gguf_cursor *c, uint64_t n, const char *what)
{
    if (gguf_cursor_room(c, n, what) != 0)
        return -1;
    c->pos += n;
    return 0;
}

uint64_t gguf_cursor_skip_strings(gguf_cursor *c, uint64_t n, uint64_t *last)
{
    const unsigned char *base, *p, *end;
    uint64_t done = 0, left = gguf_cursor_left(c), avail;

    if (c->f == NULL) {
        base = c->buf + c->pos;
        avail = left;
    } else {
        if (c->pos < c->chunk_off || c->pos >= c->chunk_off + c->have)
            return 0;
        base = c->chunk + (c->pos - c->chunk_off);
        avail = c->chunk_off + c->have - c->pos;
        if (avail > left)
            avail = left;
    }
    p = base;
    end = base + avail;
    while (done < n && (size_t)(end - p) >= GGUF_CURSOR_LEN_BYTES) {
        uint64_t len = (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
                       (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
                       (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;

        if (len > (uint64_t)(end - p) - GGUF_CURSOR_LEN_BYTES)
            break;
        p += GGUF_CURSOR_LEN_BYTES + len;
        done++;
        if (last != NULL)
            *last = len;
    }
    c->pos += (uint64_t)(p - base);
    return done;
}
