/* stored.c - a model read from the user's own files (stored.h). */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "model/memory.h"
#include "model/models.h"
#include "model/stored.h"

double stored_bits(const qs_stored *s, double params)
{
    if (s == NULL || s->weights_bytes <= 0 || s->mmproj_bytes < 0 ||
        s->weights_bytes > INT64_MAX - s->mmproj_bytes || !memory_is_positive(params))
        return 0.0;
    return (double)(s->weights_bytes + s->mmproj_bytes) * MEMORY_BITS_PER_BYTE / params;
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

/* 1 when a and b have the same trunk. */
static int stored_same_shape(const qs_arch *a, const qs_arch *b)
{
    return a->layers == b->layers && a->hidden == b->hidden && a->vocab == b->vocab &&
           a->heads == b->heads && a->kv_heads == b->kv_heads && a->ffn_dim == b->ffn_dim &&
           a->moe.experts == b->moe.experts && a->moe.expert_dim == b->moe.expert_dim;
}

const qs_model *stored_catalog_match(const models_catalog *c, const qs_model *m)
{
    const qs_model *best = NULL;
    double best_d = 0.0;
    size_t i, n = models_count(c);

    if (m == NULL || m->stored == NULL || !m->stored->arch_known)
        return NULL;
    for (i = 0; i < n; i++) {
        const qs_model *k = models_get(c, i);
        double d;

        if (k == NULL || k->stored != NULL || !stored_same_shape(&k->arch, &m->arch))
            continue;
        d = fabs(k->total - m->total);
        if (best == NULL || d < best_d) {
            best = k;
            best_d = d;
        }
    }
    return best;
}
