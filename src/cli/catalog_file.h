/* catalog_file.h - a user's own models: their models.tsv in
 * $XDG_CONFIG_HOME/quantscope (or ~/.config/quantscope) and --catalog FILE.
 *
 * Layer: cli (reads files). Rows have data/models.tsv's format
 * (catalog_row.h; the man page documents it); each row goes through
 * catalog_row_parse, the parser the build uses for the built-in table. A
 * file is read whole before anything is printed, at most
 * CATALOG_FILE_MAX_BYTES, regular files only (a FIFO or a device is
 * refused without blocking). */
#ifndef QS_CATALOG_FILE_H
#define QS_CATALOG_FILE_H

#include <stddef.h>

#include "model/catalog_row.h"
#include "model/models.h"

/* The largest catalog file read, and the most user models in all. */
#define CATALOG_FILE_MAX_BYTES (4L * 1024L * 1024L)
#define CATALOG_FILE_MAX_MODELS 512
/* The name of the user's model catalog in their configuration folder. */
#define CATALOG_FILE_MODELS "models.tsv"
/* Room for a message: "FILE:LINE: what is wrong". */
#define CATALOG_FILE_ERR_SIZE 512

/* The user's models, in the order read (the first of an id wins), and the
 * catalog of them before the built-in one. */
typedef struct {
    catalog_row *rows;         /* CATALOG_FILE_MAX_MODELS of them, allocated */
    qs_model *models;
    size_t n;
    models_catalog catalog;
} catalog_file_set;

/* An empty set: catalog = the built-in one. */
void catalog_file_init(catalog_file_set *set);

/* Reads the rows of `path` into set. A missing file is no error when
 * `optional` is 1. Returns 0, or -1 with one line in err naming the file
 * (and the line: "FILE:LINE: what is wrong"). */
int catalog_file_load(catalog_file_set *set, const char *path, int optional, char *err,
                      size_t errsize);

/* The path of the user's `name` file: $XDG_CONFIG_HOME/quantscope/NAME when
 * XDG_CONFIG_HOME is an absolute path, else $HOME/.config/quantscope/NAME.
 * Returns 0, or -1 when neither is set (or the path does not fit). */
int catalog_file_user_path(const char *name, char *buf, size_t size);

/* Frees the rows. */
void catalog_file_free(catalog_file_set *set);

#endif
