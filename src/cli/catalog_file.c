/* catalog_file.c - a user's own model and device rows (catalog_file.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/catalog_file.h"
#include "cli/quote.h"

/* The configuration folder below $HOME, and the program's folder in it
 * (XDG Base Directory Specification). */
#define CATALOG_FILE_HOME_CONFIG ".config"
#define CATALOG_FILE_DIR "quantscope"

void catalog_file_init(catalog_file_set *set)
{
    memset(set, 0, sizeof *set);
    models_catalog_init(&set->catalog, NULL, 0);
    devices_catalog_init(&set->devices, NULL, 0);
}

void catalog_file_free(catalog_file_set *set)
{
    free(set->rows);
    free(set->models);
    free(set->drows);
    free(set->devs);
    catalog_file_init(set);
}

int catalog_file_user_path(const char *name, char *buf, size_t size)
{
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    int n;

    /* A relative XDG_CONFIG_HOME is invalid and ignored (the spec). */
    if (xdg != NULL && xdg[0] == '/')
        n = snprintf(buf, size, "%s/%s/%s", xdg, CATALOG_FILE_DIR, name);
    else if (home != NULL && home[0] != '\0')
        n = snprintf(buf, size, "%s/%s/%s/%s", home, CATALOG_FILE_HOME_CONFIG, CATALOG_FILE_DIR,
                     name);
    else
        return -1;
    return n > 0 && (size_t)n < size ? 0 : -1;
}

/* A path too long to quote whole keeps its end, where the file's name is:
 * QUOTE_CUT_MARK, then the last bytes that quote_value keeps whole (a
 * byte is at most one character), from a character boundary on. UTF-8
 * continuation bytes are 10xxxxxx (RFC 3629, section 3). */
#define CATALOG_FILE_PATH_TAIL (QUOTE_MAX_CHARS - (sizeof QUOTE_CUT_MARK - 1))
#define CATALOG_FILE_UTF8_CONT_MASK 0xC0u
#define CATALOG_FILE_UTF8_CONT 0x80u

/* path, quoted for a message (buf holds QUOTE_SIZE bytes); returns buf. */
static const char *catalog_file_qpath(char *buf, size_t size, const char *path)
{
    char tail[QUOTE_SIZE];
    size_t len = strlen(path), skip;

    if (len <= QUOTE_MAX_CHARS)
        return quote_value(buf, size, path);
    skip = len - CATALOG_FILE_PATH_TAIL;
    while (((unsigned char)path[skip] & CATALOG_FILE_UTF8_CONT_MASK) == CATALOG_FILE_UTF8_CONT)
        skip++;
    (void)snprintf(buf, size, "%s%s", QUOTE_CUT_MARK, quote_value(tail, sizeof tail, path + skip));
    return buf;
}

/* The whole file, NUL-terminated, in *out (allocated); *len its bytes.
 * Returns 0, 1 when it does not exist, -1 with a message. */
static int catalog_file_read(const char *path, char **out, size_t *len, char *err,
                             size_t errsize)
{
    char q[QUOTE_SIZE];
    struct stat st;
    char *buf;
    size_t n = 0;
    int fd;

    (void)catalog_file_qpath(q, sizeof q, path);
    fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    if (fd < 0 && errno == ENOENT)
        return 1;
    if (fd < 0) {
        (void)snprintf(err, errsize, "%s: %s", q, strerror(errno));
        return -1;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > CATALOG_FILE_MAX_BYTES) {
        (void)snprintf(err, errsize, "%s: not a catalog (expected a regular file of at most "
                       "%ld bytes)", q, CATALOG_FILE_MAX_BYTES);
        (void)close(fd);
        return -1;
    }
    buf = malloc((size_t)CATALOG_FILE_MAX_BYTES + 1);
    if (buf == NULL) {
        (void)snprintf(err, errsize, "%s: out of memory", q);
        (void)close(fd);
        return -1;
    }
    /* Read to the end, never past the limit: the file may grow meanwhile. */
    for (;;) {
        ssize_t r = read(fd, buf + n, (size_t)CATALOG_FILE_MAX_BYTES + 1 - n);

        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            (void)snprintf(err, errsize, "%s: %s", q, strerror(errno));
            break;
        }
        if (r == 0 || (n += (size_t)r) > (size_t)CATALOG_FILE_MAX_BYTES)
            break;
    }
    (void)close(fd);
    if (err[0] == '\0' && n > (size_t)CATALOG_FILE_MAX_BYTES)
        (void)snprintf(err, errsize, "%s: larger than %ld bytes", q, CATALOG_FILE_MAX_BYTES);
    if (err[0] != '\0') {
        free(buf);
        return -1;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

/* The set's storage, allocated on the first row. */
static int catalog_file_room(catalog_file_set *set)
{
    if (set->rows != NULL)
        return 0;
    set->rows = calloc(CATALOG_FILE_MAX_MODELS, sizeof *set->rows);
    set->models = calloc(CATALOG_FILE_MAX_MODELS, sizeof *set->models);
    return set->rows != NULL && set->models != NULL ? 0 : -1;
}

/* 1 when the set already has a row of this id (any file). */
static int catalog_file_has(const catalog_file_set *set, const char *id)
{
    size_t i;

    for (i = 0; i < set->n; i++)
        if (strcasecmp(set->rows[i].id, id) == 0)
            return 1;
    return 0;
}

/* One model row; 0, or -1 with "FILE:LINE: reason". */
static int catalog_file_model_line(catalog_file_set *set, const char *qpath,
                             long lineno, const char *line, size_t len, char *err,
                             size_t errsize)
{
    char why[CATALOG_ROW_ERR_SIZE];
    catalog_row *r;
    int rc;

    if (set->n == CATALOG_FILE_MAX_MODELS) {
        (void)snprintf(err, errsize, "%s:%ld: more than %d models in your catalogs", qpath,
                       lineno, CATALOG_FILE_MAX_MODELS);
        return -1;
    }
    if (catalog_file_room(set) != 0) {
        (void)snprintf(err, errsize, "%s: out of memory", qpath);
        return -1;
    }
    r = &set->rows[set->n];
    rc = catalog_row_parse(line, len, r, why, sizeof why);
    if (rc == 1)
        return 0;
    if (rc == 0 && catalog_file_has(set, r->id)) {
        (void)snprintf(why, sizeof why, "duplicate id '%s'", r->id);
        rc = -1;
    }
    if (rc == 0 && models_from_row(r, &set->models[set->n]) != 0) {
        (void)snprintf(why, sizeof why, "the architecture does not expand");
        rc = -1;
    }
    if (rc != 0) {
        (void)snprintf(err, errsize, "%s:%ld: %s", qpath, lineno, why);
        return -1;
    }
    set->n++;
    return 0;
}

/* The device storage, allocated on the first device row. */
static int catalog_file_device_room(catalog_file_set *set)
{
    if (set->drows != NULL)
        return 0;
    set->drows = calloc(CATALOG_FILE_MAX_DEVICES, sizeof *set->drows);
    set->devs = calloc(CATALOG_FILE_MAX_DEVICES, sizeof *set->devs);
    return set->drows != NULL && set->devs != NULL ? 0 : -1;
}

/* 1 when the set already has a device of this id (any file). */
static int catalog_file_has_device(const catalog_file_set *set, const char *id)
{
    size_t i;

    for (i = 0; i < set->ndevs; i++)
        if (strcasecmp(set->drows[i].id, id) == 0)
            return 1;
    return 0;
}

/* One device row; 0, or -1 with "FILE:LINE: reason". */
static int catalog_file_device_line(catalog_file_set *set, const char *qpath, long lineno,
                                    const char *line, size_t len, char *err, size_t errsize)
{
    char why[DEVICE_ROW_ERR_SIZE];
    device_row r;
    int rc = device_row_parse(line, len, &r, why, sizeof why);

    if (rc == 1)
        return 0;
    if (rc == 0 && catalog_file_has_device(set, r.id)) {
        (void)snprintf(why, sizeof why, "duplicate id '%s'", r.id);
        rc = -1;
    }
    if (rc == 0 && set->ndevs == CATALOG_FILE_MAX_DEVICES) {
        (void)snprintf(why, sizeof why, "more than %d devices in your catalogs",
                       CATALOG_FILE_MAX_DEVICES);
        rc = -1;
    }
    if (rc == 0 && catalog_file_device_room(set) != 0) {
        (void)snprintf(err, errsize, "%s: out of memory", qpath);
        return -1;
    }
    if (rc != 0) {
        (void)snprintf(err, errsize, "%s:%ld: %s", qpath, lineno, why);
        return -1;
    }
    device_row_copy(&set->drows[set->ndevs], &r);
    if (devices_from_row(&set->drows[set->ndevs], &set->devs[set->ndevs]) != 0) {
        (void)snprintf(err, errsize, "%s:%ld: the row does not make a device", qpath, lineno);
        return -1;
    }
    set->ndevs++;
    return 0;
}

/* 1 when field f (n bytes) is "KEY=..." for this key. */
static int catalog_file_key_is(const char *f, size_t n, const char *key)
{
    size_t k = strlen(key);

    return n > k && f[k] == '=' && memcmp(f, key, k) == 0;
}

/* 1 when field f (n bytes) names a kind a device row may have. */
static int catalog_file_is_kind(const char *f, size_t n)
{
    int k;

    for (k = DEV_KIND_GPU; k <= DEV_KIND_LAPTOP; k++) {
        const char *name = device_row_kind_name((dev_kind)k);

        if (strlen(name) == n && memcmp(f, name, n) == 0)
            return 1;
    }
    return 0;
}

int catalog_file_is_device_row(const char *line, size_t len)
{
    size_t pos = 0, field = 0;
    int memory = 0, layers = 0, kind = 0;

    if (line == NULL)
        return 0;
    for (;;) {
        const char *f = line + pos, *tab = pos < len ? memchr(f, '\t', len - pos) : NULL;
        size_t n = tab != NULL ? (size_t)(tab - f) : len - pos;

        /* The line ending is not part of the last field. */
        while (tab == NULL && n > 0 && (f[n - 1] == '\n' || f[n - 1] == '\r'))
            n--;
        if (field == 2)
            kind = catalog_file_is_kind(f, n);
        if (field > 2) {
            memory |= catalog_file_key_is(f, n, "memory_gib") ||
                      catalog_file_key_is(f, n, "memory_mib") ||
                      catalog_file_key_is(f, n, "memory_bytes");
            layers |= catalog_file_key_is(f, n, "layers");
        }
        if (tab == NULL)
            break;
        pos += n + 1;
        field++;
    }
    return memory || (kind && !layers);
}

/* One line of a file of `kinds`; 0, or -1 with "FILE:LINE: reason". */
static int catalog_file_line(catalog_file_set *set, unsigned kinds, const char *qpath,
                             long lineno, const char *line, size_t len, char *err,
                             size_t errsize)
{
    int device = kinds == CATALOG_FILE_KIND_DEVICES ||
                 (kinds == CATALOG_FILE_KIND_ANY && catalog_file_is_device_row(line, len));

    return device ? catalog_file_device_line(set, qpath, lineno, line, len, err, errsize)
                  : catalog_file_model_line(set, qpath, lineno, line, len, err, errsize);
}

/* What a file of `kinds` holds, for the message about a missing one. */
static const char *catalog_file_kinds_name(unsigned kinds)
{
    if (kinds == CATALOG_FILE_KIND_DEVICES)
        return "device rows";
    return kinds == CATALOG_FILE_KIND_MODELS ? "model rows" : "model or device rows";
}

int catalog_file_load(catalog_file_set *set, const char *path, int optional, char *err,
                      size_t errsize)
{
    return catalog_file_load_kinds(set, path, optional, CATALOG_FILE_KIND_MODELS, err, errsize);
}

int catalog_file_load_kinds(catalog_file_set *set, const char *path, int optional,
                            unsigned kinds, char *err, size_t errsize)
{
    char q[QUOTE_SIZE];
    char *buf = NULL;
    size_t len = 0, pos = 0, first = set->n, dfirst = set->ndevs;
    long lineno = 0;
    int rc;

    err[0] = '\0';
    rc = catalog_file_read(path, &buf, &len, err, errsize);
    if (rc == 1 && optional)
        return 0;
    if (rc == 1)
        (void)snprintf(err, errsize, "%s: no such file (expected a catalog of %s, see "
                       "quantscope(1) CATALOG FILES)", catalog_file_qpath(q, sizeof q, path),
                       catalog_file_kinds_name(kinds));
    if (rc != 0)
        return -1;
    (void)catalog_file_qpath(q, sizeof q, path);
    rc = 0;
    while (pos < len && rc == 0) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t end = nl != NULL ? (size_t)(nl - buf) : len;

        rc = catalog_file_line(set, kinds, q, ++lineno, buf + pos, end - pos, err, errsize);
        pos = end + 1;
    }
    free(buf);
    if (rc != 0) {
        set->n = first;
        set->ndevs = dfirst;
        return -1;
    }
    /* The rows stay where they are (fixed storage): the models' and the
     * devices' strings keep pointing into them. */
    models_catalog_init(&set->catalog, set->models, set->n);
    devices_catalog_init(&set->devices, set->devs, set->ndevs);
    return 0;
}
