/* models_data.h - the model type and the built-in model table, generated
 * by the build from data/models.tsv (tools/gendata models;
 * src/model/models_data.c in the build tree). Read the table through
 * models.h; the types live here so that the generated file needs nothing
 * but this header. */
#ifndef QS_MODELS_DATA_H
#define QS_MODELS_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "model/arch.h"

struct qs_stored;

/* The field names match catalog_row's, so the build's generator can write
 * a row as designated initialisers (catalog_row_field). */
typedef struct {
    const char *id;          /* for the command line, e.g. "llama-3.1-8b" */
    const char *name;        /* display name, e.g. "Llama-3.1-8B" */
    const char *family;      /* e.g. "llama", "qwen3moe", "gemma3" */
    qs_arch arch;            /* the shape; arch.name == name */
    long ctx;                /* the longest context published, tokens */
    int64_t params;          /* the published total; 0: none published */
    int64_t params_diff;     /* total - params where the publisher counts otherwise */
    const char *params_note; /* why they differ; NULL when they do not */
    int verified;            /* 1: every value from a primary config copy */
    const char *source;
    double total;            /* arch_param_count: every tensor's elements */
    double active;           /* arch_active_param_count: read per token */
    int user;                /* 1: from a user's catalog */
    /* A model read from the user's files (stored.h): its exact bytes and
     * how each value is known; NULL for a catalog model. */
    const struct qs_stored *stored;
} qs_model;

/* The built-in models and a user's, which come first; before both, the
 * models read from the user's files (local: by pointer, each inside the
 * reader's own storage). */
typedef struct {
    const qs_model *builtin;
    size_t nbuiltin;
    const qs_model *user;
    size_t nuser;
    const qs_model *const *local;
    size_t nlocal;
} models_catalog;


/* The rows, and the catalog of them alone (no user rows). */
extern const qs_model models_data[];
extern const models_catalog models_data_catalog;

#endif
