/* gendata.h - the build's data-to-C generator: one kind per data file.
 *
 * `tools/gendata KIND INPUT.tsv OUTPUT.c` reads INPUT line by line (each
 * line at most GENDATA_MAX_LINE bytes), hands every line to the kind's
 * `row` function, which writes the C initialiser of a row to `out`, and
 * wraps them in the kind's prologue and epilogue. A bad line stops the
 * build with "INPUT:LINE: reason" on stderr and exit status 2, and no
 * OUTPUT is left behind: a catalog change is a data change, checked by the
 * same row parser a user's catalog goes through. */
#ifndef QS_GENDATA_H
#define QS_GENDATA_H

#include <stddef.h>
#include <stdio.h>

/* Longest line accepted (the longest row parser's limit). */
#define GENDATA_MAX_LINE 8192
/* Room for a row function's message. */
#define GENDATA_ERR_SIZE 256

typedef struct {
    const char *kind;        /* the KIND argument, e.g. "models" */
    const char *prologue;    /* C text written before the first row */
    const char *epilogue;    /* C text written after the last row */
    /* Bytes of the kind's working state (e.g. the ids seen so far, a row
     * buffer): gendata allocates them zeroed, hands them to every call as
     * `state` and frees them at the end, so a kind keeps no globals. */
    size_t state_size;
    /* One line (len bytes, no newline). Returns 0 after writing a row's
     * initialiser (ending in ",\n") to out, 1 for a comment or blank line
     * (nothing written), -1 for a bad line with a one-line reason in err. */
    int (*row)(void *state, const char *line, size_t len, FILE *out, char *err,
               size_t errsize);
    /* After the epilogue, with the number of rows written: extra C text
     * (e.g. the count); may be NULL. Returns 0, or -1 with err filled
     * (e.g. no rows). */
    int (*finish)(void *state, size_t rows, FILE *out, char *err, size_t errsize);
} gendata_kind;

/* Writes `s` as a C string literal (with quotes; "NULL" for NULL) to out. */
void gendata_string(FILE *out, const char *s);

/* The most ids a kind remembers, and the longest (characters): above
 * every kind's own limit (the catalog's 1024 models, 63-character ids). */
#define GENDATA_IDS_MAX 1024
#define GENDATA_ID_MAX 63

/* The ids of the rows written so far, to refuse a duplicate; part of a
 * kind's state (zeroed by gendata). */
typedef struct {
    char id[GENDATA_IDS_MAX][GENDATA_ID_MAX + 1];
    size_t n;
} gendata_ids;

/* Remembers the id of a new row, for a kind of at most `max` rows
 * (clamped to GENDATA_IDS_MAX). Ids are compared ignoring ASCII case.
 * Returns 0, or -1 with "duplicate id 'ID'", "more than MAX rows" or "id
 * 'ID' is longer than GENDATA_ID_MAX characters" in err. */
int gendata_new_id(gendata_ids *ids, const char *id, size_t max, char *err, size_t errsize);

/* The kinds, one per file tools/gen_<kind>.c. */
extern const gendata_kind gendata_models;
extern const gendata_kind gendata_devices;
extern const gendata_kind gendata_formats;
extern const gendata_kind gendata_tokenizers;

#endif
