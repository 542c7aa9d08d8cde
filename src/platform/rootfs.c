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

rootfs_status rootfs_read(const char *root, const char *rel, rootfs_file *f)
{
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
    do {
        fd = open(f->path, O_RDONLY);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return ROOTFS_MISSING;
        rootfs_set_error(f, strerror(errno));
        return ROOTFS_ERROR;
    }
    st = rootfs_read_fd(fd, f);
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

int rootfs_list(const char *root, const char *rel, int (*keep)(const char *name),
                rootfs_name *names, int max)
{
    char path[ROOTFS_PATH_MAX];
    struct dirent *ent;
    DIR *dir;
    int n = 0;
    int w;

    if (rootfs_join(root, rel, path, sizeof path) != 0)
        return -1;
    dir = opendir(path);
    if (!dir)
        return -1;
    while ((ent = readdir(dir)) != NULL) {
        if (!strcmp(ent->d_name, ".") || !strcmp(ent->d_name, ".."))
            continue;
        if (keep && !keep(ent->d_name))
            continue;
        if (n < max && names) {
            w = snprintf(names[n].name, sizeof names[n].name, "%s", ent->d_name);
            if (w < 0 || (size_t)w >= sizeof names[n].name)
                continue;
        }
        if (n < INT_MAX)
            n++;
    }
    if (closedir(dir) != 0)
        return -1;
    return n;
}
