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

/* Reads the file root/rel into f (at most ROOTFS_DATA_MAX - 1 bytes). Returns
 * ROOTFS_OK, ROOTFS_MISSING, or ROOTFS_ERROR with f->error set (a directory,
 * no permission, a path too long). f->path is set in every case. */
rootfs_status rootfs_read(const char *root, const char *rel, rootfs_file *f);

/* Returns 1 when root/rel is an existing directory, else 0. */
int rootfs_is_dir(const char *root, const char *rel);

/* Lists the entries of directory root/rel for which keep(name) is non-zero
 * (keep NULL keeps all but "." and ".."), in directory order, storing at most
 * max of them in names. Returns how many matched (may exceed max), or -1
 * when the directory is missing or unreadable. */
int rootfs_list(const char *root, const char *rel, int (*keep)(const char *name),
                rootfs_name *names, int max);

#endif
