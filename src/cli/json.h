/* json.h - a small streaming JSON writer for the reports.
 *
 * Layer: cli. Numbers are written in the shortest form that reads back
 * to the same double; non-finite numbers become null. Keys are ignored inside
 * arrays and at the top level (pass NULL there). Nesting is limited to
 * JSON_MAX_DEPTH levels; deeper calls are ignored and flagged in `error`. */
#ifndef QS_JSON_H
#define QS_JSON_H

#include <stdio.h>

#define JSON_MAX_DEPTH 16

typedef struct {
    FILE *fp;
    int depth;
    int count[JSON_MAX_DEPTH];     /* members written at each level */
    int in_array[JSON_MAX_DEPTH];  /* 1 where that level is an array */
    int error;                     /* 1 after misuse (too deep, unbalanced) */
} json_writer;

/* Starts a document on fp. */
void json_init(json_writer *w, FILE *fp);
/* Opens an object or array, as member `key` of the enclosing object. */
void json_begin_object(json_writer *w, const char *key);
void json_end_object(json_writer *w);
void json_begin_array(json_writer *w, const char *key);
void json_end_array(json_writer *w);
/* Scalar members; a NULL string is written as null. */
void json_string(json_writer *w, const char *key, const char *value);
void json_number(json_writer *w, const char *key, double value);
void json_int(json_writer *w, const char *key, long long value);
void json_bool(json_writer *w, const char *key, int value);
void json_null(json_writer *w, const char *key);
/* Ends the document with a newline. Returns 0, or -1 after misuse. */
int json_finish(json_writer *w);

/* Writes the shortest decimal form of v that strtod reads back exactly into
 * buf (at least 32 bytes). Non-finite values give "null". */
void json_format_number(char *buf, size_t size, double v);

#endif
