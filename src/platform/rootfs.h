/* rootfs.h - read small files and list directories below a root directory.
 *
 * Layer 4 (platform). Host detection reads everything through here, relative
 * to a root ("/" for this machine, a fixture tree in tests), so every branch
 * can be tested without the hardware. Buffers are fixed and bounded. */
#ifndef QS_ROOTFS_H
#define QS_ROOTFS_H

#include <stddef.h>

#define ROOTFS_PATH_MAX 512     /* longest full path, NUL included */
#define ROOTFS_DATA_MAX 16384   /* bytes kept of a file (meminfo is ~1.5 KiB) */
#define ROOTFS_ERR_MAX 640      /* a message naming the path */
#define ROOTFS_NAME_MAX 256     /* one directory entry (NAME_MAX + 1) */

typedef enum {
    ROOTFS_ERROR = -1,    /* exists but could not be read: see error */
    ROOTFS_OK = 0,
    ROOTFS_MISSING = 1    /* no such file (ENOENT or ENOTDIR) */
} rootfs_status;

typedef struct {
    char path[ROOTFS_PATH_MAX];   /* the full path tried (root + rel) */
    char data[ROOTFS_DATA_MAX];   /* contents, always NUL-terminated */
    size_t len;                   /* bytes in data (may hold NUL bytes) */
    int truncated;                /* 1 when the file had more than fits */
    char error[ROOTFS_ERR_MAX];   /* "cannot read PATH: REASON" on ROOTFS_ERROR */
} rootfs_file;

typedef struct {
    char name[ROOTFS_NAME_MAX];
} rootfs_name;

/* Writes root + "/" + rel into path, with no doubled slash ("/" + "proc/x"
 * gives "/proc/x"). A NULL or empty root means "/". Returns 0, or -1 when
 * the result does not fit in size bytes. */
int rootfs_join(const char *root, const char *rel, char *path, size_t size);

/* Reads the regular file root/rel into f (at most ROOTFS_DATA_MAX - 1
 * bytes; no more is read). Never blocks: anything but a regular file (a
 * FIFO, a device node, a socket, a directory) is refused unopened with
 * "cannot read PATH: not a regular file (a FIFO)" in f->error, and the file
 * is opened O_NONBLOCK | O_NOCTTY | O_CLOEXEC and checked again with fstat.
 * Returns ROOTFS_OK, ROOTFS_MISSING, or ROOTFS_ERROR with f->error set (not
 * a regular file, no permission, a symbolic link loop, a path too long).
 * f->path is set in every case. */
rootfs_status rootfs_read(const char *root, const char *rel, rootfs_file *f);

/* What a file of st_mode `mode` that is not a regular one is, for a
 * message: "not a regular file (a FIFO)", "... (a directory)", ... */
const char *rootfs_mode_kind(unsigned mode);

/* Returns 1 when root/rel is an existing directory, else 0. */
int rootfs_is_dir(const char *root, const char *rel);

/* Which entries rootfs_list keeps, and in what order. */
typedef struct {
    int (*keep)(const char *name);      /* non-zero: listed; NULL: all */
    int (*before)(const char *a, const char *b); /* < 0 when a comes first;
                                           NULL: directory order */
} rootfs_filter;

/* What rootfs_list saw of a directory. */
typedef struct {
    char path[ROOTFS_PATH_MAX];   /* the full path tried (root + rel) */
    int matched;                  /* entries kept by the filter (may be
                                     more than were stored) */
    char error[ROOTFS_ERR_MAX];   /* "cannot list PATH: REASON" on ROOTFS_ERROR */
} rootfs_dir;

/* Lists directory root/rel: the entries other than "." and ".." that
 * filter->keep accepts (filter NULL: all). At most max are stored in names:
 * with filter->before, the first max in that order, sorted, whatever the
 * directory order; without, the first max in directory order. Returns
 * ROOTFS_OK, ROOTFS_MISSING (no such directory: ENOENT), or ROOTFS_ERROR
 * with d->error set (not a directory, no permission, a symbolic link loop,
 * a failed read). d->path and d->matched are set in every case. */
rootfs_status rootfs_list(const char *root, const char *rel, const rootfs_filter *filter,
                          rootfs_name *names, int max, rootfs_dir *d);

#endif
