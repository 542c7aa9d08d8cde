/* catalog_row.h - one model of the catalog as a line of text.
 *
 * Layer 1 (model): pure, no I/O, no allocation. A row of data/models.tsv is
 *
 *     id <TAB> display name <TAB> family <TAB> key=value <TAB> key=value ...
 *
 * The keys after the three fixed columns name qs_arch fields (arch.h), the
 * sub-structs with a prefix ("moe.experts=128", "mla.kv_lora_rank=512"),
 * plus a few catalog fields: ctx, params, params_diff, params_note,
 * verified and source. data/models.tsv documents every key; the table in
 * catalog_row.c is the authority. A key may appear once; optional keys are
 * left out (zero, as in a designated initialiser). Lines starting with '#'
 * and blank lines are comments. */
#ifndef QS_CATALOG_ROW_H
#define QS_CATALOG_ROW_H

#include <stddef.h>
#include <stdint.h>

#include "model/arch.h"

/* The longest line accepted, without its line ending. */
#define CATALOG_ROW_MAX_LINE 4096
/* Longest id, display name, family, source, params_note (characters). */
#define CATALOG_ROW_ID_MAX 63
#define CATALOG_ROW_NAME_MAX 63
#define CATALOG_ROW_FAMILY_MAX 31
#define CATALOG_ROW_SOURCE_MAX 1023
#define CATALOG_ROW_NOTE_MAX 511
/* A Nemotron-H style pattern: one character per layer. */
#define CATALOG_ROW_MAX_LAYERS 1024
/* The room catalog_row_parse needs for any of its messages. */
#define CATALOG_ROW_ERR_SIZE 160

/* One row. `arch.name` points at `name` and `arch.pattern` at `pattern`
 * (or is NULL) inside the same struct: a plain struct copy (`b = a`)
 * leaves b.arch pointing into a, valid only while a lives and unchanged.
 * Copy with catalog_row_copy(), which re-points them. */
typedef struct {
    char id[CATALOG_ROW_ID_MAX + 1];          /* e.g. "llama-3.1-8b" */
    char name[CATALOG_ROW_NAME_MAX + 1];      /* e.g. "Llama-3.1-8B" */
    char family[CATALOG_ROW_FAMILY_MAX + 1];  /* e.g. "llama" */
    char pattern[CATALOG_ROW_MAX_LAYERS + 1]; /* "" when the row has none */
    qs_arch arch;
    long ctx;                /* max_position_embeddings: the longest context */
    int64_t params;          /* the published total parameters; 0: unknown */
    int64_t params_diff;     /* arch_param_count(&arch) - params where the
                                publisher counts otherwise (params_note says why) */
    char params_note[CATALOG_ROW_NOTE_MAX + 1];
    int verified;            /* 1: the architecture is from a config.json copy */
    char source[CATALOG_ROW_SOURCE_MAX + 1];
} catalog_row;

/* Parses `line` (`len` bytes, no NUL needed; a trailing "\n" or "\r\n" is
 * ignored) into *out. Returns 0 for a row, 1 for a comment or blank line
 * (*out untouched), -1 for a bad line: then `err` (when errsize > 0) holds a
 * one-line reason naming the field, e.g. "unknown key 'hiden'", "duplicate
 * key 'vocab'", "missing field 'hidden'", "layers: expected a whole number
 * from 1 to 1024, got 'x'", "the architecture is not valid: ...", and *out
 * is unspecified. A line over CATALOG_ROW_MAX_LINE is refused. */
int catalog_row_parse(const char *line, size_t len, catalog_row *out, char *err,
                      size_t errsize);

/* One key=value field of a row, for the build's generator
 * (tools/gen_models.c), which writes each as the designated initialiser
 * ".member = value" of a qs_model (models.h): `member` is the field's
 * designator, `text` its string (text fields) or NULL, `number` its value
 * (enums by their number). */
typedef struct {
    const char *member;
    const char *text;
    int64_t number;
} catalog_row_value;

/* Field i of the key table for row r: 0 with *v filled, 1 (*v filled) when
 * the field is zero or empty, as a row leaves it out; -1 when i is past the
 * last field (or r or v is NULL). */
int catalog_row_field(const catalog_row *r, size_t i, catalog_row_value *v);

/* *dst = *src with dst->arch.name and dst->arch.pattern pointing into dst. */
void catalog_row_copy(catalog_row *dst, const catalog_row *src);

#endif
