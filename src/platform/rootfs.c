/* rootfs.c - bounded file reads and directory listings below a root. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#else
#define _POSIX_C_SOURCE 200809L
#endif

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform/rootfs.h"

int rootfs_join(const char *root, const char *rel, char *path, size_t size)
{
    size_t rlen;
    int n;

    if (!root || !*root)
        root = "/";
    if (!rel)
        rel = "";
    while (*rel == '/')
        rel++;
    rlen = strlen(root);
    while (rlen > 1 && root[rlen - 1] == '/')
        rlen--;
    if (rlen > (size_t)INT_MAX)
        return -1;
    if (rlen == 1 && root[0] == '/')
        n = snprintf(path, size, "/%s", rel);
    else if (*rel)
        n = snprintf(path, size, "%.*s/%s", (int)rlen, root, rel);
    else
        n = snprintf(path, size, "%.*s", (int)rlen, root);
    if (n < 0 || (size_t)n >= size)
        return -1;
    return 0;
}

static void rootfs_set_error(rootfs_file *f, const char *reason)
{
    if (snprintf(f->error, sizeof f->error, "cannot read %s: %s", f->path, reason) < 0)
        f->error[0] = '\0';
}

/* Reads what is left of fd into f->data, noting truncation. */
static rootfs_status rootfs_read_fd(int fd, rootfs_file *f)
{
    char extra;
    ssize_t got;

    while (f->len < sizeof f->data - 1) {
        got = read(fd, f->data + f->len, sizeof f->data - 1 - f->len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            rootfs_set_error(f, strerror(errno));
            return ROOTFS_ERROR;
        }
        if (got == 0)
            return ROOTFS_OK;
        f->len += (size_t)got;
    }
    do {
        got = read(fd, &extra, 1);
    } while (got < 0 && errno == EINTR);
    if (got > 0)
        f->truncated = 1;
    return ROOTFS_OK;
}

const char *rootfs_mode_kind(unsigned mode)
{
    if (S_ISDIR(mode))
        return "not a regular file (a directory)";
    if (S_ISFIFO(mode))
        return "not a regular file (a FIFO)";
    if (S_ISCHR(mode))
        return "not a regular file (a character device)";
    if (S_ISBLK(mode))
        return "not a regular file (a block device)";
    if (S_ISSOCK(mode))
        return "not a regular file (a socket)";
    return "not a regular file";
}

rootfs_status rootfs_read(const char *root, const char *rel, rootfs_file *f)
{
    struct stat sb;
    rootfs_status st;
    int fd;

    f->len = 0;
    f->truncated = 0;
    f->data[0] = '\0';
    f->error[0] = '\0';
    if (rootfs_join(root, rel, f->path, sizeof f->path) != 0) {
        if (snprintf(f->path, sizeof f->path, "%s", rel ? rel : "") < 0)
            f->path[0] = '\0';
        rootfs_set_error(f, "path too long");
        return ROOTFS_ERROR;
    }
    /* Looked at before it is opened, so that a device node is never opened
     * (opening one can act: a tape rewinds, a serial line's modem lines
     * rise) and a FIFO's open cannot wait for a writer. */
    if (stat(f->path, &sb) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return ROOTFS_MISSING;
        rootfs_set_error(f, strerror(errno));
        return ROOTFS_ERROR;
    }
    if (!S_ISREG(sb.st_mode)) {
        rootfs_set_error(f, rootfs_mode_kind(sb.st_mode));
        return ROOTFS_ERROR;
    }
    /* O_NONBLOCK: should the path have become a FIFO since the stat, the
     * open and the reads return at once; they change nothing on a regular
     * file (sysfs and procfs files are regular, with st_size 0, so the
     * size is not used: reads go to end of file or ROOTFS_DATA_MAX). */
    do {
        fd = open(f->path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return ROOTFS_MISSING;
        rootfs_set_error(f, strerror(errno));
        return ROOTFS_ERROR;
    }
    if (fstat(fd, &sb) != 0)
        rootfs_set_error(f, strerror(errno));
    else if (!S_ISREG(sb.st_mode))
        rootfs_set_error(f, rootfs_mode_kind(sb.st_mode));
    st = f->error[0] ? ROOTFS_ERROR : rootfs_read_fd(fd, f);
    if (close(fd) != 0 && st == ROOTFS_OK) {
        rootfs_set_error(f, strerror(errno));
        st = ROOTFS_ERROR;
    }
    f->data[f->len] = '\0';
    return st;
}

int rootfs_is_dir(const char *root, const char *rel)
{
    char path[ROOTFS_PATH_MAX];
    struct stat sb;

    if (rootfs_join(root, rel, path, sizeof path) != 0)
        return 0;
    if (stat(path, &sb) != 0)
        return 0;
    return S_ISDIR(sb.st_mode) ? 1 : 0;
}

static void rootfs_dir_error(rootfs_dir *d, const char *reason)
{
    if (snprintf(d->error, sizeof d->error, "cannot list %s: %s", d->path, reason) < 0)
        d->error[0] = '\0';
}

/* Puts name among the kept names (*kept of them, at most max): in order
 * when before is given, dropping the last when full and name sorts ahead
 * of it; else appended while there is room. */
static void rootfs_keep(rootfs_name *names, int max, int *kept, const char *name,
                        int (*before)(const char *a, const char *b))
{
    int at = *kept;
    int w;

    if (before) {
        while (at > 0 && before(name, names[at - 1].name) < 0)
            at--;
    }
    if (at >= max)
        return;
    if (*kept < max)
        (*kept)++;
    if (*kept - 1 > at)
        memmove(&names[at + 1], &names[at], (size_t)(*kept - 1 - at) * sizeof names[0]);
    w = snprintf(names[at].name, sizeof names[at].name, "%s", name);
    if (w < 0)
        names[at].name[0] = '\0';
}

rootfs_status rootfs_list(const char *root, const char *rel, const rootfs_filter *filter,
                          rootfs_name *names, int max, rootfs_dir *d)
{
    struct dirent *ent;
    DIR *dir;
    int kept = 0;

    d->matched = 0;
    d->error[0] = '\0';
    if (!names)
        max = 0;
    if (rootfs_join(root, rel, d->path, sizeof d->path) != 0) {
        if (snprintf(d->path, sizeof d->path, "%s", rel ? rel : "") < 0)
            d->path[0] = '\0';
        rootfs_dir_error(d, "path too long");
        return ROOTFS_ERROR;
    }
    dir = opendir(d->path);
    if (!dir) {
        if (errno == ENOENT)
            return ROOTFS_MISSING;
        rootfs_dir_error(d, strerror(errno));
        return ROOTFS_ERROR;
    }
    for (;;) {
        errno = 0;
        ent = readdir(dir);
        if (!ent)
            break;
        if (!strcmp(ent->d_name, ".") || !strcmp(ent->d_name, ".."))
            continue;
        if (filter && filter->keep && !filter->keep(ent->d_name))
            continue;
        if (strlen(ent->d_name) >= sizeof names[0].name)
            continue;           /* cannot happen: NAME_MAX fits */
        rootfs_keep(names, max, &kept, ent->d_name, filter ? filter->before : NULL);
        if (d->matched < INT_MAX)
            d->matched++;
    }
    if (errno != 0)
        rootfs_dir_error(d, strerror(errno));
    if (closedir(dir) != 0 && !d->error[0])
        rootfs_dir_error(d, strerror(errno));
    return d->error[0] ? ROOTFS_ERROR : ROOTFS_OK;
}
