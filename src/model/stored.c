/* stored.c - a model read from the user's own files (stored.h). */
#include <string.h>

#include "model/memory.h"
#include "model/stored.h"

double stored_bits(const qs_stored *s, double params)
{
    if (s == NULL || s->weights_bytes <= 0 || !memory_is_positive(params))
        return 0.0;
    return (double)s->weights_bytes * MEMORY_BITS_PER_BYTE / params;
}

const char *stored_source_of(const qs_stored *s, const char *key)
{
    size_t i;

    if (s == NULL || key == NULL)
        return NULL;
    for (i = 0; i < s->nsources && i < STORED_SOURCES_MAX; i++)
        if (s->sources[i].key != NULL && strcmp(s->sources[i].key, key) == 0)
            return s->sources[i].source;
    return NULL;
}
