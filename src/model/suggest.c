/* suggest.c - "did you mean" by substring and edit distance. */
#include <ctype.h>
#include <string.h>

#include "model/suggest.h"

/* Edit distance allowed for a suggestion: at least SUGGEST_MIN_DIST, more
 * for longer names (one edit per SUGGEST_CHARS_PER_EDIT characters). */
#define SUGGEST_MIN_DIST 2
#define SUGGEST_CHARS_PER_EDIT 3

static int suggest_lower(int c)
{
    return tolower((unsigned char)c);
}

int suggest_distance(const char *a, const char *b)
{
    int row[SUGGEST_NAME_MAX + 1];
    size_t la, lb, i, j;

    if (a == NULL || b == NULL)
        return -1;
    la = strlen(a);
    lb = strlen(b);
    if (la > SUGGEST_NAME_MAX || lb > SUGGEST_NAME_MAX)
        return -1;
    for (j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (j = 1; j <= lb; j++) {
            int up = row[j];
            int best = diag + (suggest_lower(a[i - 1]) != suggest_lower(b[j - 1]));
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

int suggest_contains(const char *haystack, const char *needle)
{
    size_t ln, lh, i, k;

    if (haystack == NULL || needle == NULL)
        return 0;
    ln = strlen(needle);
    lh = strlen(haystack);
    for (i = 0; i + ln <= lh; i++) {
        for (k = 0; k < ln; k++)
            if (suggest_lower(haystack[i + k]) != suggest_lower(needle[k]))
                break;
        if (k == ln)
            return 1;
    }
    return 0;
}

/* Rank of id for name: lower is closer; -1 when not a suggestion.
 * Substring matches rank below every edit-distance match. */
static long suggest_rank(const char *name, const char *id)
{
    size_t len = strlen(name);
    int limit = (int)(len / SUGGEST_CHARS_PER_EDIT);
    int d;

    if (limit < SUGGEST_MIN_DIST)
        limit = SUGGEST_MIN_DIST;
    if (suggest_contains(id, name))
        return (long)(strlen(id) - len);
    d = suggest_distance(name, id);
    if (d < 0 || d > limit)
        return -1;
    return (long)SUGGEST_NAME_MAX + 1 + d;
}

/* Where the ids come from: a function of the index, or an array. */
typedef struct {
    suggest_id_fn fn;
    const char *const *ids;
} suggest_source;

static const char *suggest_id(const suggest_source *src, size_t i)
{
    return src->fn != NULL ? src->fn(i) : src->ids[i];
}

static size_t suggest_run(const char *name, size_t n, const suggest_source *src, size_t *out,
                          size_t max)
{
    size_t count = 0, i;

    for (i = 0; i < n; i++) {
        const char *id = suggest_id(src, i);
        long r = id ? suggest_rank(name, id) : -1;
        size_t pos;

        if (r < 0)
            continue;
        /* Insertion into the sorted prefix; equal ranks keep catalog order. */
        pos = count;
        while (pos > 0 && suggest_rank(name, suggest_id(src, out[pos - 1])) > r)
            pos--;
        if (pos >= max)
            continue;
        if (count < max)
            count++;
        memmove(&out[pos + 1], &out[pos], (count - 1 - pos) * sizeof out[0]);
        out[pos] = i;
    }
    return count;
}

size_t suggest_best(const char *name, size_t n, suggest_id_fn id_of, size_t *out, size_t max)
{
    suggest_source src = { id_of, NULL };

    if (name == NULL || *name == '\0' || id_of == NULL || out == NULL)
        return 0;
    return suggest_run(name, n, &src, out, max);
}

size_t suggest_best_of(const char *name, const char *const *ids, size_t n, size_t *out,
                       size_t max)
{
    suggest_source src = { NULL, ids };

    if (name == NULL || *name == '\0' || ids == NULL || out == NULL)
        return 0;
    return suggest_run(name, n, &src, out, max);
}
