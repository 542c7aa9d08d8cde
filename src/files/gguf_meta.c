/* gguf_meta.c - the metadata a GGUF reader keeps (gguf_meta.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "files/gguf_meta.h"

/* The store starts with room for this many pairs and doubles. */
#define GGUF_META_FIRST_CAP 64

void gguf_meta_init(gguf_meta *m)
{
    memset(m, 0, sizeof *m);
}

void gguf_meta_free(gguf_meta *m)
{
    size_t i;

    for (i = 0; i < m->n; i++) {
        free(m->kv[i].arr);
        free(m->kv[i].farr);
    }
    free(m->kv);
    gguf_meta_init(m);
}

gguf_meta_kv *gguf_meta_add(gguf_meta *m, const char *key, int *nomem)
{
    gguf_meta_kv *kv;

    if (m->n >= GGUF_META_KEEP_MAX || strlen(key) >= GGUF_META_KEY_MAX)
        return NULL;
    if (m->n == m->cap) {
        size_t cap = m->cap == 0 ? GGUF_META_FIRST_CAP : m->cap * 2;
        gguf_meta_kv *grown = realloc(m->kv, cap * sizeof *grown);

        if (grown == NULL) {
            *nomem = 1;
            return NULL;
        }
        m->kv = grown;
        m->cap = cap;
    }
    kv = &m->kv[m->n++];
    memset(kv, 0, sizeof *kv);
    (void)snprintf(kv->key, sizeof kv->key, "%s", key);
    return kv;
}

const gguf_meta_kv *gguf_meta_find(const gguf_meta *m, const char *key)
{
    size_t i;

    for (i = 0; i < m->n; i++)
        if (strcmp(m->kv[i].key, key) == 0)
            return &m->kv[i];
    return NULL;
}

const gguf_meta_kv *gguf_meta_find_arch(const gguf_meta *m, const char *arch, const char *suffix)
{
    char key[GGUF_META_KEY_MAX];
    int n = snprintf(key, sizeof key, "%s.%s", arch, suffix);

    if (n < 0 || (size_t)n >= sizeof key)
        return NULL;
    return gguf_meta_find(m, key);
}

int gguf_meta_int(const gguf_meta *m, const char *key, int64_t *v)
{
    const gguf_meta_kv *kv = gguf_meta_find(m, key);

    if (kv == NULL || !kv->is_int)
        return -1;
    *v = kv->i;
    return 0;
}

const char *gguf_meta_string(const gguf_meta *m, const char *key)
{
    const gguf_meta_kv *kv = gguf_meta_find(m, key);

    return kv != NULL && kv->type == GGUF_META_STRING ? kv->s : "";
}
