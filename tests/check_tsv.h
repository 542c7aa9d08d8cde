/* check_tsv.h - reading a data file of the source tree in a unit test,
 * line by line (data/models.tsv, data/devices.tsv, data/formats.tsv, the
 * fixtures). Files are found through $TESTS_SRCDIR (set by make check;
 * "tests" when unset). Include after <check.h>. */
#ifndef QS_CHECK_TSV_H
#define QS_CHECK_TSV_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Room for a line: the longest any data file may have (GENDATA_MAX_LINE,
 * tools/gendata.h) and its line end. */
#define CHECK_TSV_LINE (8192 + 4)
/* Room for a row parser's message (each one's *_ERR_SIZE is below it). */
#define CHECK_TSV_ERR_SIZE 256
#define CHECK_TSV_PATH 4096

/* $TESTS_SRCDIR/rel opened for reading; the test fails when it cannot be. */
static inline FILE *check_tsv_open(const char *rel)
{
    const char *dir = getenv("TESTS_SRCDIR");
    char path[CHECK_TSV_PATH];
    FILE *f;

    (void)snprintf(path, sizeof path, "%s/%s", dir != NULL ? dir : "tests", rel);
    f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    return f;
}

/* One line (len bytes, with its line end) for a test's row function, which
 * is handed `rows`, the number of earlier lines it returned 0 for. It
 * returns 0 for a row, 1 for a line it skips, -1 with a message in err. */
typedef int (*check_tsv_row_fn)(void *ctx, size_t rows, const char *line, size_t len, char *err,
                                size_t errsize);

/* Calls row() for every line of $TESTS_SRCDIR/rel; the test fails on a
 * line too long for CHECK_TSV_LINE or a -1 ("REL line N: message").
 * Returns the number of rows (0s). */
static inline size_t check_tsv_each(const char *rel, check_tsv_row_fn row, void *ctx)
{
    char line[CHECK_TSV_LINE], err[CHECK_TSV_ERR_SIZE];
    FILE *f = check_tsv_open(rel);
    size_t rows = 0;
    int lineno = 0;

    while (fgets(line, sizeof line, f) != NULL) {
        size_t len = strlen(line);
        int rc;

        lineno++;
        ck_assert_msg(len < sizeof line - 1 || line[len - 1] == '\n', "%s line %d too long", rel,
                      lineno);
        err[0] = '\0';
        rc = row(ctx, rows, line, len, err, sizeof err);
        ck_assert_msg(rc >= 0, "%s line %d: %s", rel, lineno, err);
        if (rc == 0)
            rows++;
    }
    (void)fclose(f);
    return rows;
}

#endif
