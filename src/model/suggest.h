/* suggest.h - "did you mean": the catalog ids closest to a mistyped name.
 *
 * Layer 1 (model): pure, no I/O. Shared by the model and device catalogs. */
#ifndef QS_SUGGEST_H
#define QS_SUGGEST_H

#include <stddef.h>

/* Longest name compared by edit distance; longer names match only as a
 * substring of an id. */
#define SUGGEST_NAME_MAX 64

/* The id of the i-th catalog entry. */
typedef const char *(*suggest_id_fn)(size_t i);

/* Levenshtein distance between a and b ignoring ASCII case; -1 when either
 * is NULL or longer than SUGGEST_NAME_MAX. */
int suggest_distance(const char *a, const char *b);

/* 1 when `haystack` contains `needle`, ignoring ASCII case (an empty
 * needle is in every string); 0 otherwise or when either is NULL. */
int suggest_contains(const char *haystack, const char *needle);

/* Writes to out (up to max) the indexes in [0, n) of the ids closest to
 * name: ids that contain name (ignoring case) first, shortest first; then
 * ids within edit distance max(2, strlen(name) / 3), nearest first; ties in
 * catalog order. Returns how many were written (0 for NULL or ""). */
size_t suggest_best(const char *name, size_t n, suggest_id_fn id_of, size_t *out, size_t max);

/* suggest_best over an array of n ids (NULL entries are skipped). */
size_t suggest_best_of(const char *name, const char *const *ids, size_t n, size_t *out,
                       size_t max);

#endif
