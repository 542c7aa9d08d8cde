/* fileread.c - bounded reads of a user's model files (fileread.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform/fileread.h"
#include "platform/rootfs.h"

static int fileread_fail(char *err, size_t errsize, const char *path, const char *why)
{
    if (err != NULL && errsize > 0)
        (void)snprintf(err, errsize, "%s: %s", path, why);
    return -1;
}

int fileread_open(fileread_file *f, const char *path, char *err, size_t errsize)
{
    struct stat sb;
    int fd;

    f->fd = -1;
    f->size = 0;
    f->dev = f->ino = 0;
    f->path = path;
    if (stat(path, &sb) != 0)
        return fileread_fail(err, errsize, path, strerror(errno));
    if (!S_ISREG(sb.st_mode))
        return fileread_fail(err, errsize, path, rootfs_mode_kind(sb.st_mode));
    /* O_NONBLOCK: should the file have become a FIFO since the stat, the
     * open does not wait for a writer. */
    do {
        fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return fileread_fail(err, errsize, path, strerror(errno));
    if (fstat(fd, &sb) != 0) {
        int e = errno;

        (void)close(fd);
        return fileread_fail(err, errsize, path, strerror(e));
    }
    if (!S_ISREG(sb.st_mode)) {
        (void)close(fd);
        return fileread_fail(err, errsize, path, rootfs_mode_kind(sb.st_mode));
    }
    f->fd = fd;
    f->size = sb.st_size > 0 ? (uint64_t)sb.st_size : 0;
    f->dev = (uint64_t)sb.st_dev;
    f->ino = (uint64_t)sb.st_ino;
    return 0;
}

int fileread_at(fileread_file *f, uint64_t off, void *buf, size_t len, char *err,
                size_t errsize)
{
    unsigned char *p = buf;
    size_t done = 0;
    char why[96];

    if (f->fd < 0)
        return fileread_fail(err, errsize, f->path ? f->path : "?", "not open");
    if (off > f->size || len > f->size - off) {
        (void)snprintf(why, sizeof why, "truncated: needs %llu bytes, the file has %llu",
                       (unsigned long long)off + (unsigned long long)len,
                       (unsigned long long)f->size);
        return fileread_fail(err, errsize, f->path, why);
    }
    while (done < len) {
        ssize_t got = pread(f->fd, p + done, len - done, (off_t)(off + done));

        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return fileread_fail(err, errsize, f->path, strerror(errno));
        if (got == 0)
            return fileread_fail(err, errsize, f->path, "truncated: the file ended early");
        done += (size_t)got;
    }
    return 0;
}

void fileread_close(fileread_file *f)
{
    if (f->fd >= 0)
        (void)close(f->fd);
    f->fd = -1;
}

int fileread_is_dir(const char *path, char *err, size_t errsize)
{
    struct stat sb;

    if (stat(path, &sb) != 0)
        return fileread_fail(err, errsize, path, strerror(errno));
    return S_ISDIR(sb.st_mode) ? 1 : 0;
}
