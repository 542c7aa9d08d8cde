/* fileread.h - bounded reads of a user's model files.
 *
 * Layer 4 (platform). A model file is opened only when it is a regular
 * file (a FIFO, a device node, a socket or a directory is refused without
 * blocking), read with pread at the offsets a reader asks for and never
 * mapped; nothing past a caller's bound is read. Every failure is one
 * line, "PATH: REASON", in the caller's buffer. */
#ifndef QS_FILEREAD_H
#define QS_FILEREAD_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    int fd;                /* -1 when closed */
    uint64_t size;         /* st_size */
    uint64_t dev, ino;     /* identity, to see one blob reached by two paths */
    const char *path;      /* the caller's string, kept by pointer */
} fileread_file;

/* Opens `path` for reading: O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC,
 * after stat says it is a regular file and again with fstat. Returns 0, or
 * -1 with "PATH: REASON" in err (no such file, permission denied, too many
 * levels of symbolic links, not a regular file (a FIFO), ...). */
int fileread_open(fileread_file *f, const char *path, char *err, size_t errsize);

/* Reads exactly `len` bytes at offset `off` into buf (pread, retried on
 * EINTR and short reads). Returns 0, or -1 with err set: a read error, or
 * "PATH: truncated: ..." when the file ends first. */
int fileread_at(fileread_file *f, uint64_t off, void *buf, size_t len, char *err,
                size_t errsize);

/* Closes f (a closed or never opened f is fine). */
void fileread_close(fileread_file *f);

/* stat(path): 1 a directory, 0 something else that exists, -1 missing or
 * unreadable (err set, "PATH: REASON"). */
int fileread_is_dir(const char *path, char *err, size_t errsize);

#endif
