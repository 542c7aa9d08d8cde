/* tsvrow.h - the machinery the row parsers of the data files
 * (data/NAME.tsv) share.
 *
 * Layer 1 (model): pure, no I/O, no allocation. A row is a line of
 * tab-separated fields: a few fixed columns, then key=value fields, each
 * key at most once; lines starting with '#' (after blanks) and blank lines
 * are comments. catalog_row.c, device_row.c and format_row.c build on this;
 * each keeps its own table of keys, limits and messages. This module calls
 * nothing of devices.c, formats.c or models.c: tools/gendata links it
 * without the tables it generates.
 *
 * Messages are one line: control bytes (below a space, and DEL) of a value
 * quoted from the line become '?', and a quoted value is cut at
 * TSVROW_QUOTE_MAX characters. Every function that fails with a message
 * returns -1 and writes nothing when err is NULL or errsize is 0. */
#ifndef QS_TSVROW_H
#define QS_TSVROW_H

#include <stddef.h>
#include <stdint.h>

/* How much of a bad value a message quotes. */
#define TSVROW_QUOTE_MAX 32
/* The longest number tsvrow_decimal reads (sign, digits, '.', exponent). */
#define TSVROW_NUMBER_MAX 32
/* The most fixed columns a layout may have. */
#define TSVROW_MAX_FIXED 4

/* tsvrow_text: refuse control bytes ("expected printable characters"). */
#define TSVROW_PRINTABLE 1u
/* tsvrow_text: only lowercase letters, digits, '.', '-' and '_'. */
#define TSVROW_WORD 2u
/* tsvrow_decimal: an optional '+' or '-' before the number. */
#define TSVROW_SIGNED 1u
/* tsvrow_decimal: 0 itself is refused (the number must be above 0). */
#define TSVROW_ABOVE_ZERO 2u

/* A piece of a line: s[0 .. n), not NUL-terminated. */
typedef struct {
    const char *s;
    size_t n;
} tsvrow_span;

/* How a parser's rows look: the fixed columns, then the key=value fields
 * named in a table of keys that is the parser's own. */
typedef struct {
    size_t max_line;                 /* longest line, without its end (tsvrow_parse) */
    size_t nfixed;                   /* 1 .. TSVROW_MAX_FIXED */
    const char *const *fixed_names;  /* nfixed names, for "missing field 'NAME'" */
    /* nkeys rows of key_size bytes each: every row starts with its key's
     * name (a const char *) and holds at byte required_at an int, 1 for a
     * key every row must give. */
    const void *keys;
    size_t nkeys, key_size, required_at;
    /* Called once the fixed columns are read (col[0 .. nfixed)). */
    int (*fixed)(void *row, const tsvrow_span *col, char *err, size_t errsize);
    /* Called for each key=value field with the key's row index and its
     * value; seen[] already marks this key. */
    int (*value)(void *row, const unsigned char *seen, size_t key, tsvrow_span v, char *err,
                 size_t errsize);
} tsvrow_layout;

/* snprintf into err, then control bytes become '?'. Returns -1. */
int tsvrow_fail(char *err, size_t errsize, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "WHAT: expected EXPECTED, got 'GOT'". Returns -1. */
int tsvrow_expected(char *err, size_t errsize, const char *what, const char *expected,
                    tsvrow_span got);

/* The length of v a message quotes: at most TSVROW_QUOTE_MAX. */
int tsvrow_quote_len(tsvrow_span v);

/* 1 when v is exactly the NUL-terminated word. */
int tsvrow_eq(tsvrow_span v, const char *word);

/* The index of v in words[0 .. n), or -1. */
int tsvrow_word(tsvrow_span v, const char *const *words, size_t n);

/* 1 when v holds a control byte (below a space, or DEL). */
int tsvrow_has_control(tsvrow_span v);

/* dst = v and a NUL; dst has room for v.n + 1 bytes. */
void tsvrow_copy(char *dst, tsvrow_span v);

/* A text of 1 to max characters into dst (max + 1 bytes), with `flags`
 * (TSVROW_PRINTABLE, TSVROW_WORD). Messages: "WHAT: empty", "WHAT: longer
 * than MAX characters", "WHAT: expected printable characters, got '...'",
 * "WHAT: expected lowercase letters, digits, '.', '-' or '_', got '...'". */
int tsvrow_text(char *dst, tsvrow_span v, size_t max, unsigned flags, const char *what,
                char *err, size_t errsize);

/* A whole number in [lo, hi] (lo <= hi): an optional '-' and decimal
 * digits, the whole of v. Else -1 with "WHAT: expected a whole number from
 * LO to HI, got '...'". */
int tsvrow_whole(tsvrow_span v, int64_t lo, int64_t hi, const char *what, int64_t *out,
                 char *err, size_t errsize);

/* 0 or 1 for v "0" or "1" exactly; -1 for anything else. */
int tsvrow_flag(tsvrow_span v);

/* A decimal number as parse_decimal (parse.h) reads it (correctly rounded,
 * as the compiler reads a literal; no hexadecimal, NaN or infinity; at
 * most TSVROW_NUMBER_MAX characters), with `flags` (TSVROW_SIGNED,
 * TSVROW_ABOVE_ZERO), |x| at most hi. 0 with *out set, -1 (no message:
 * the caller states its range). */
int tsvrow_decimal(tsvrow_span v, unsigned flags, double hi, double *out);

/* len without a trailing "\n" or "\r\n". */
size_t tsvrow_strip_eol(const char *line, size_t len);

/* 1 for a blank line or one whose first character after spaces and tabs
 * is '#'. */
int tsvrow_is_comment(const char *line, size_t len);

/* The start of a parse: err becomes "" (errsize > 0), *len loses its line
 * end. Returns 1 for a comment or blank line, 0 for a row to read, -1 for
 * a NULL line or row ("no line"), a line over max_line bytes ("line longer
 * than MAX characters") or a NUL byte in it ("a NUL byte in the line"). */
int tsvrow_start(const char *line, size_t *len, const void *row, size_t max_line, char *err,
                 size_t errsize);

/* Reads the fields of line[0 .. len) (after tsvrow_start) by layout l:
 * seen[0 .. l->nkeys) is zeroed, then marks each key given. Returns 0, or
 * -1 with the callbacks' message or one of "missing field 'NAME'" (fewer
 * than nfixed columns), "an empty field (two tabs in a row)", "field '...'
 * is not key=value", "unknown key '...'", "duplicate key 'KEY'". */
int tsvrow_fields(const tsvrow_layout *l, const char *line, size_t len, void *row,
                  unsigned char *seen, char *err, size_t errsize);

/* A whole parse but the parser's own last checks: tsvrow_start with
 * l->max_line (1 for a comment: *row untouched), then *row (row_size bytes)
 * zeroed, then tsvrow_fields. Returns 0 with seen[] filled, 1 or -1. */
int tsvrow_parse(const tsvrow_layout *l, const char *line, size_t len, void *row,
                 size_t row_size, unsigned char *seen, char *err, size_t errsize);

/* -1 with "missing field 'KEY'" for the first required key not seen, else 0. */
int tsvrow_missing(const tsvrow_layout *l, const unsigned char *seen, char *err,
                   size_t errsize);

#endif
