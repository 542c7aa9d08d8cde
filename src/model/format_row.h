/* format_row.h - one named precision as a line of text.
 *
 * Layer 1 (model): pure, no I/O, no allocation. A row of data/formats.tsv is
 *
 *     NAME <TAB> family <TAB> key=value <TAB> key=value ...
 *
 * NAME is the canonical name (printable, no spaces: "Q4_K_M", "NF4-DQ",
 * "UD-Q4_K_XL"); family one of formats_family_name's words. Keys (each at
 * most once; data/formats.tsv documents them, the table in format_row.c is
 * the authority): bits, bits_kind, nominal, quality, verified and source
 * are required; aliases, gguf (a file type gguf_rules_ftype_find knows),
 * layout, bits_lo / bits_hi (both or neither), ppl, ppl_base, ppl_model,
 * ppl_vs, ppl_by, ppl_setup, scaling, basic and ladder are optional. Lines
 * starting with '#' and blank lines are comments. This module calls nothing
 * of formats.c (the generator that builds formats.c's table links it). */
#ifndef QS_FORMAT_ROW_H
#define QS_FORMAT_ROW_H

#include <stddef.h>

#include "model/formats.h"

/* The longest line accepted, without its line ending. */
#define FORMAT_ROW_MAX_LINE 4096
/* Longest texts (characters). */
#define FORMAT_ROW_NAME_MAX 31
#define FORMAT_ROW_ALIASES_MAX 127
#define FORMAT_ROW_SHORT_MAX 63
#define FORMAT_ROW_QUALITY_MAX 255
#define FORMAT_ROW_SCALING_MAX 511
#define FORMAT_ROW_SOURCE_MAX 1023
/* The room format_row_parse needs for any of its messages. */
#define FORMAT_ROW_ERR_SIZE 160

/* One row. The strings of `fmt` point into the same struct (NULL for an
 * optional text the row leaves out): a plain struct copy leaves them
 * pointing into the original; copy with format_row_copy(). */
typedef struct {
    char name[FORMAT_ROW_NAME_MAX + 1];
    char aliases[FORMAT_ROW_ALIASES_MAX + 1];
    char quality[FORMAT_ROW_QUALITY_MAX + 1];
    char ppl_model[FORMAT_ROW_SHORT_MAX + 1];
    char ppl_vs[FORMAT_ROW_SHORT_MAX + 1];
    char ppl_by[FORMAT_ROW_SHORT_MAX + 1];
    char ppl_setup[FORMAT_ROW_SHORT_MAX + 1];
    char scaling[FORMAT_ROW_SCALING_MAX + 1];
    char source[FORMAT_ROW_SOURCE_MAX + 1];
    qs_format fmt;
} format_row;

/* Parses `line` (`len` bytes, no NUL needed; a trailing "\n" or "\r\n" is
 * ignored) into *out. Returns 0 for a row, 1 for a comment or blank line
 * (*out untouched), -1 for a bad line: then `err` (when errsize > 0) holds
 * a one-line reason naming the field, e.g. "unknown key 'bitz'",
 * "duplicate key 'bits'", "missing field 'source'", "bits: expected a
 * number above 0 and at most 32, got 'x'", "gguf: unknown file type
 * 'Q4_K_Z'", "ppl_base needs ppl and ppl_vs", and *out is unspecified.
 * A line over FORMAT_ROW_MAX_LINE is refused. */
int format_row_parse(const char *line, size_t len, format_row *out, char *err,
                     size_t errsize);

/* *dst = *src with dst->fmt's strings pointing into dst. */
void format_row_copy(format_row *dst, const format_row *src);

#endif
