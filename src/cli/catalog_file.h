/* catalog_file.h - a user's own models and devices: their models.tsv and
 * devices.tsv in $XDG_CONFIG_HOME/quantscope (or ~/.config/quantscope) and
 * --catalog FILE.
 *
 * Layer: cli (reads files). Model rows have data/models.tsv's format
 * (catalog_row.h), device rows data/devices.tsv's (device_row.h; the man
 * page documents both); each row goes through the parser the build uses
 * for the built-in table (catalog_row_parse, device_row_parse). A file
 * that may hold both kinds (--catalog) tells them apart by their keys:
 * see catalog_file_is_device_row. A file is read whole before anything is
 * printed, at most CATALOG_FILE_MAX_BYTES, regular files only (a FIFO or a
 * device is refused without blocking). */
#ifndef QS_CATALOG_FILE_H
#define QS_CATALOG_FILE_H

#include <stddef.h>

#include "model/catalog_row.h"
#include "model/device_row.h"
#include "model/devices.h"
#include "model/models.h"

/* The largest catalog file read, and the most user models in all. */
#define CATALOG_FILE_MAX_BYTES (4L * 1024L * 1024L)
#define CATALOG_FILE_MAX_MODELS 512
/* The most user devices in all: as many as a devices catalog keeps. */
#define CATALOG_FILE_MAX_DEVICES DEVICES_USER_MAX
/* The names of the user's model and device catalogs in their
 * configuration folder. */
#define CATALOG_FILE_MODELS "models.tsv"
#define CATALOG_FILE_DEVICES "devices.tsv"
/* The kinds of rows a file may hold (catalog_file_load_kinds). */
#define CATALOG_FILE_KIND_MODELS 1u
#define CATALOG_FILE_KIND_DEVICES 2u
#define CATALOG_FILE_KIND_ANY (CATALOG_FILE_KIND_MODELS | CATALOG_FILE_KIND_DEVICES)
/* Room for a message: "FILE:LINE: what is wrong". */
#define CATALOG_FILE_ERR_SIZE 512

/* The user's models and devices, in the order read (an id given twice
 * among the models, or among the devices, is refused), and the catalogs of
 * them before the built-in ones. */
typedef struct {
    catalog_row *rows;         /* CATALOG_FILE_MAX_MODELS of them, allocated */
    qs_model *models;
    size_t n;
    models_catalog catalog;
    device_row *drows;         /* CATALOG_FILE_MAX_DEVICES of them, allocated */
    devices_data_row *devs;
    size_t ndevs;
    devices_catalog devices;
} catalog_file_set;

/* An empty set: catalog and devices = the built-in ones. */
void catalog_file_init(catalog_file_set *set);

/* Reads the model rows of `path` into set (catalog_file_load_kinds with
 * CATALOG_FILE_KIND_MODELS). */
int catalog_file_load(catalog_file_set *set, const char *path, int optional, char *err,
                      size_t errsize);

/* Reads the rows of `path` into set: model rows, device rows or, with
 * CATALOG_FILE_KIND_ANY, either (catalog_file_is_device_row tells which a
 * row is). A missing file is no error when `optional` is 1. Returns 0, or
 * -1 with one line in err naming the file (and the line: "FILE:LINE: what
 * is wrong"); then nothing of the file is kept. */
int catalog_file_load_kinds(catalog_file_set *set, const char *path, int optional,
                            unsigned kinds, char *err, size_t errsize);

/* 1 when a line (`len` bytes) of a file that may hold both kinds is a
 * device row: one of its key=value fields (after the three fixed columns)
 * has the key memory_gib, memory_mib or memory_bytes (the capacity every
 * device row gives), or it has no layers key (which every model row gives)
 * and its third column is a device kind (gpu, datacenter, apple, phone,
 * board, laptop), so that a device row without its capacity is told so.
 * 0 for any other line (a model row, a comment). */
int catalog_file_is_device_row(const char *line, size_t len);

/* The path of the user's `name` file: $XDG_CONFIG_HOME/quantscope/NAME when
 * XDG_CONFIG_HOME is an absolute path, else $HOME/.config/quantscope/NAME.
 * Returns 0, or -1 when neither is set (or the path does not fit). */
int catalog_file_user_path(const char *name, char *buf, size_t size);

/* Frees the rows. */
void catalog_file_free(catalog_file_set *set);

#endif
