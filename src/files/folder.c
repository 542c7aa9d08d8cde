/* folder.c - one folder's entries, classified (folder.h). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "files/files_model.h"
#include "files/folder.h"
#include "files/gguf_read.h"

/* The entry array starts with room for this many and doubles. */
#define FOLDER_FIRST_CAP 64

/* 1 when name ends in ext (ASCII case ignored) and has more before it. */
static int folder_ends(const char *name, const char *ext)
{
    size_t n = strlen(name), e = strlen(ext);

    return n > e && strcasecmp(name + n - e, ext) == 0;
}

folder_kind folder_kind_of(const char *name)
{
    if (strcmp(name, FOLDER_CONFIG_NAME) == 0)
        return FOLDER_CONFIG;
    if (folder_ends(name, FOLDER_INDEX_EXT))
        return FOLDER_INDEX;
    if (folder_ends(name, FOLDER_ST_EXT))
        return FOLDER_SAFETENSORS;
    if (folder_ends(name, FOLDER_GGUF_EXT))
        return strncasecmp(name, FOLDER_MMPROJ_PREFIX, strlen(FOLDER_MMPROJ_PREFIX)) == 0
                   ? FOLDER_MMPROJ
                   : FOLDER_GGUF;
    return FOLDER_OTHER;
}

void folder_free(folder_list *l)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        free(l->entries[i].name);
    free(l->entries);
    memset(l, 0, sizeof *l);
}

static int folder_cmp(const void *a, const void *b)
{
    return strcmp(((const folder_entry *)a)->name, ((const folder_entry *)b)->name);
}

/* Marks the further splits of each split set (the entries are sorted, so
 * a set's splits are adjacent and its lowest-numbered one comes first). */
static void folder_mark_splits(folder_list *l)
{
    const char *set = NULL;
    size_t set_len = 0, i;
    int set_count = 0;

    for (i = 0; i < l->n; i++) {
        folder_entry *e = &l->entries[i];
        size_t plen;
        int no, count;

        if (e->kind != FOLDER_GGUF || !gguf_read_split_name(e->name, &no, &count, &plen))
            continue;
        if (set != NULL && plen == set_len && count == set_count &&
            strncmp(e->name, set, plen) == 0) {
            e->kind = FOLDER_GGUF_SPLIT;
            continue;
        }
        set = e->name;
        set_len = plen;
        set_count = count;
    }
}

static void folder_count(folder_list *l)
{
    size_t i;

    for (i = 0; i < l->n; i++) {
        switch (l->entries[i].kind) {
        case FOLDER_GGUF: l->gguf_models++; break;
        case FOLDER_MMPROJ: l->mmproj++; break;
        case FOLDER_SAFETENSORS: l->safetensors++; break;
        case FOLDER_CONFIG: l->has_config = 1; break;
        case FOLDER_INDEX: l->has_index = 1; break;
        case FOLDER_OTHER:
        case FOLDER_DIR:
        case FOLDER_GGUF_SPLIT:
        default: break;
        }
    }
}

/* Appends one entry (its kind from stat and its name). */
static int folder_add(folder_list *l, int dfd, const char *name, size_t *cap)
{
    folder_entry *e;
    struct stat sb;

    if (l->n == *cap) {
        size_t grown_cap = *cap == 0 ? FOLDER_FIRST_CAP : *cap * 2;
        folder_entry *grown = realloc(l->entries, grown_cap * sizeof *grown);

        if (grown == NULL)
            return -1;
        l->entries = grown;
        *cap = grown_cap;
    }
    e = &l->entries[l->n];
    memset(e, 0, sizeof *e);
    e->name = strdup(name);
    if (e->name == NULL)
        return -1;
    e->is_link = fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(sb.st_mode);
    if (fstatat(dfd, name, &sb, 0) == 0) {
        e->stat_ok = 1;
        e->dev = (uint64_t)sb.st_dev;
        e->ino = (uint64_t)sb.st_ino;
    }
    e->kind = e->stat_ok && S_ISDIR(sb.st_mode) ? FOLDER_DIR : folder_kind_of(name);
    l->n++;
    return 0;
}

int folder_read(const char *dir, size_t max, folder_list *out, char *err, size_t errsize)
{
    DIR *d;
    const struct dirent *de;
    size_t cap = 0;

    memset(out, 0, sizeof *out);
    d = opendir(dir);
    if (d == NULL) {
        (void)snprintf(err, errsize, "%s: %s", dir, strerror(errno));
        return -1;
    }
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (out->n >= max) {
            out->truncated = 1;
            break;
        }
        if (folder_add(out, dirfd(d), de->d_name, &cap) != 0) {
            (void)closedir(d);
            folder_free(out);
            (void)snprintf(err, errsize, "%s: out of memory listing the folder", dir);
            return -1;
        }
    }
    (void)closedir(d);
    if (out->n > 0)
        qsort(out->entries, out->n, sizeof *out->entries, folder_cmp);
    folder_mark_splits(out);
    folder_count(out);
    return 0;
}

size_t folder_first(const folder_list *l, folder_kind kind)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        if (l->entries[i].kind == kind)
            return i;
    return l->n;
}
