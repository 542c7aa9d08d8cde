/* catalog_file.c - a user's own model rows (catalog_file.h). */
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
}

void catalog_file_free(catalog_file_set *set)
{
    free(set->rows);
    free(set->models);
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

/* The whole file, NUL-terminated, in *out (allocated); *len its bytes.
 * Returns 0, 1 when it does not exist, -1 with a message. */
static int catalog_file_read(const char *path, char **out, size_t *len, char *err,
                             size_t errsize)
{
    char q[QUOTE_SIZE];
    struct stat st;
    char *buf;
    size_t n = 0;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);

    if (fd < 0 && errno == ENOENT)
        return 1;
    if (fd < 0) {
        (void)snprintf(err, errsize, "%s: %s", quote_value(q, sizeof q, path), strerror(errno));
        return -1;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > CATALOG_FILE_MAX_BYTES) {
        (void)snprintf(err, errsize, "%s: not a catalog (expected a regular file of at most "
                       "%ld bytes)", quote_value(q, sizeof q, path), CATALOG_FILE_MAX_BYTES);
        (void)close(fd);
        return -1;
    }
    buf = malloc((size_t)CATALOG_FILE_MAX_BYTES + 1);
    if (buf == NULL) {
        (void)snprintf(err, errsize, "%s: out of memory", quote_value(q, sizeof q, path));
        (void)close(fd);
        return -1;
    }
    /* Read to the end, never past the limit: the file may grow meanwhile. */
    for (;;) {
        ssize_t r = read(fd, buf + n, (size_t)CATALOG_FILE_MAX_BYTES + 1 - n);

        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            (void)snprintf(err, errsize, "%s: %s", quote_value(q, sizeof q, path),
                           strerror(errno));
            break;
        }
        if (r == 0 || (n += (size_t)r) > (size_t)CATALOG_FILE_MAX_BYTES)
            break;
    }
    (void)close(fd);
    if (err[0] == '\0' && n > (size_t)CATALOG_FILE_MAX_BYTES)
        (void)snprintf(err, errsize, "%s: larger than %ld bytes", quote_value(q, sizeof q, path),
                       CATALOG_FILE_MAX_BYTES);
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

/* One line; 0, or -1 with "FILE:LINE: reason". */
static int catalog_file_line(catalog_file_set *set, const char *qpath,
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

int catalog_file_load(catalog_file_set *set, const char *path, int optional, char *err,
                      size_t errsize)
{
    char q[QUOTE_SIZE];
    char *buf = NULL;
    size_t len = 0, pos = 0, first = set->n;
    long lineno = 0;
    int rc;

    err[0] = '\0';
    rc = catalog_file_read(path, &buf, &len, err, errsize);
    if (rc == 1 && optional)
        return 0;
    if (rc == 1)
        (void)snprintf(err, errsize, "%s: no such file (expected a catalog of model rows, see "
                       "quantscope(1) CATALOG FILES)", quote_value(q, sizeof q, path));
    if (rc != 0)
        return -1;
    (void)quote_value(q, sizeof q, path);
    rc = 0;
    while (pos < len && rc == 0) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t end = nl != NULL ? (size_t)(nl - buf) : len;

        rc = catalog_file_line(set, q, ++lineno, buf + pos, end - pos, err, errsize);
        pos = end + 1;
    }
    free(buf);
    if (rc != 0) {
        set->n = first;
        return -1;
    }
    /* The rows stay where they are (fixed storage): the models' strings
     * keep pointing into them. */
    models_catalog_init(&set->catalog, set->models, set->n);
    return 0;
}
