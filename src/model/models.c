/* models.c - the model catalog (models.h): the generated built-in table
 * (models_data.h, from data/models.tsv) and a user's rows before it. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "model/arch_count.h"
#include "model/models.h"
#include "model/models_data.h"
#include "model/suggest.h"

/* The most models a suggestion search ranks: the built-in table and a
 * user catalog together (ids past it are not suggested). */
#define MODELS_SUGGEST_MAX 1024

const models_catalog *models_builtin(void)
{
    return &models_data_catalog;
}

void models_catalog_init(models_catalog *c, const qs_model *user, size_t nuser)
{
    if (c == NULL)
        return;
    *c = models_data_catalog;
    c->user = nuser > 0 ? user : NULL;
    c->nuser = c->user != NULL ? nuser : 0;
    c->local = NULL;
    c->nlocal = 0;
}

void models_catalog_set_local(models_catalog *c, const qs_model *const *local, size_t nlocal)
{
    if (c == NULL)
        return;
    c->local = nlocal > 0 ? local : NULL;
    c->nlocal = c->local != NULL ? nlocal : 0;
}

/* 1 when a user row has the id of built-in model b. */
static int models_replaced(const models_catalog *c, const qs_model *b)
{
    size_t i;

    for (i = 0; i < c->nuser; i++)
        if (strcasecmp(c->user[i].id, b->id) == 0)
            return 1;
    return 0;
}

size_t models_count(const models_catalog *c)
{
    size_t n, i, nb;

    if (c == NULL)
        return 0;
    nb = c->nbuiltin;
    n = c->nlocal + c->nuser;
    for (i = 0; i < nb; i++)
        n += !models_replaced(c, &c->builtin[i]);
    return n;
}

const qs_model *models_get(const models_catalog *c, size_t i)
{
    size_t k, nb;

    if (c == NULL)
        return NULL;
    if (i < c->nlocal)
        return c->local[i];
    i -= c->nlocal;
    if (i < c->nuser)
        return &c->user[i];
    i -= c->nuser;
    nb = c->nbuiltin;
    for (k = 0; k < nb; k++) {
        if (models_replaced(c, &c->builtin[k]))
            continue;
        if (i-- == 0)
            return &c->builtin[k];
    }
    return NULL;
}

const qs_model *models_find(const models_catalog *c, const char *name)
{
    size_t i, n = models_count(c);

    if (name == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        const qs_model *m = models_get(c, i);

        if (strcasecmp(m->id, name) == 0 || strcasecmp(m->name, name) == 0)
            return m;
    }
    return NULL;
}

size_t models_suggest(const models_catalog *c, const char *name, const qs_model **out,
                      size_t max)
{
    const char *ids[MODELS_SUGGEST_MAX];
    size_t idx[MODELS_SUGGEST_MAX];
    size_t n = models_count(c), i, k;

    if (out == NULL)
        return 0;
    if (n > MODELS_SUGGEST_MAX)
        n = MODELS_SUGGEST_MAX;
    if (max > n)
        max = n;
    for (i = 0; i < n; i++)
        ids[i] = models_get(c, i)->id;
    k = suggest_best_of(name, ids, n, idx, max);
    for (i = 0; i < k; i++)
        out[i] = models_get(c, idx[i]);
    return k;
}

int models_matches(const qs_model *m, const char *filter)
{
    if (m == NULL)
        return 0;
    if (filter == NULL || *filter == '\0')
        return 1;
    return suggest_contains(m->id, filter) || suggest_contains(m->name, filter) ||
           suggest_contains(m->family, filter);
}

const qs_model *models_nearest(const models_catalog *c, const char *family, double params)
{
    const qs_model *best = NULL;
    double best_d = 0.0;
    size_t i, n = models_count(c);
    int pass;

    if (!(params > 0.0) || !isfinite(params))
        return NULL;
    if (family == NULL)
        family = MODELS_DEFAULT_FAMILY;
    /* Dense models first; experts only when the family has nothing else. */
    for (pass = 0; pass < 2 && best == NULL; pass++) {
        for (i = 0; i < n; i++) {
            const qs_model *m = models_get(c, i);
            double d;

            if (m->stored != NULL || strcasecmp(m->family, family) != 0 ||
                (pass == 0 && m->arch.moe.experts > 0))
                continue;
            d = fabs(log(m->total / params));
            if (best == NULL || d < best_d) {
                best = m;
                best_d = d;
            }
        }
    }
    return best;
}

/* The layers of each mixer kind (the trunk: MTP blocks left out). */
static void models_kind_counts(const qs_model *m, int *count, long *span)
{
    int l;

    memset(count, 0, sizeof(int) * (ARCH_ATTN_NONE + 1));
    *span = 0;
    for (l = 0; l < m->arch.layers; l++) {
        arch_layer_attn at = arch_layer_attention(&m->arch, l);

        count[at.kind]++;
        if (at.span > 0)
            *span = at.span;
    }
}

static const char *const models_kind_words[] = { "full", "swa", "chunked", "linear", "ssm",
                                                 "mla", "ffn-only" };

const char *models_attention(const qs_model *m)
{
    int count[ARCH_ATTN_NONE + 1];
    long span;
    int mqa, mha;

    if (m == NULL)
        return "?";
    models_kind_counts(m, count, &span);
    if (count[ARCH_ATTN_MLA] > 0)
        return "MLA";
    mqa = m->arch.kv_heads == 1;
    mha = m->arch.kv_heads == 0 || m->arch.kv_heads == m->arch.heads;
    if (count[ARCH_ATTN_SSM] > 0)
        return mha ? "MHA+SSM" : mqa ? "MQA+SSM" : "GQA+SSM";
    if (count[ARCH_ATTN_LINEAR] > 0)
        return mha ? "MHA+linear" : mqa ? "MQA+linear" : "GQA+linear";
    if (count[ARCH_ATTN_CHUNKED] > 0)
        return mha ? "MHA+chunked" : mqa ? "MQA+chunked" : "GQA+chunked";
    if (count[ARCH_ATTN_SWA] > 0)
        return mha ? "MHA+SWA" : mqa ? "MQA+SWA" : "GQA+SWA";
    return mha ? "MHA" : mqa ? "MQA" : "GQA";
}

int models_layer_kinds(const qs_model *m, char *buf, size_t size)
{
    int count[ARCH_ATTN_NONE + 1];
    long span;
    size_t pos = 0;
    int k, n;

    if (m == NULL || buf == NULL || size == 0)
        return -1;
    buf[0] = '\0';
    models_kind_counts(m, count, &span);
    for (k = 0; k <= ARCH_ATTN_NONE; k++) {
        int windowed = k == ARCH_ATTN_SWA || k == ARCH_ATTN_CHUNKED;

        if (count[k] == 0)
            continue;
        n = windowed ? snprintf(buf + pos, size - pos, "%s%d %s %ld", pos ? " + " : "",
                                count[k], models_kind_words[k], span)
                     : snprintf(buf + pos, size - pos, "%s%d %s", pos ? " + " : "", count[k],
                                models_kind_words[k]);
        if (n < 0 || (size_t)n >= size - pos)
            return -1;
        pos += (size_t)n;
    }
    return 0;
}

int models_from_row(const catalog_row *r, qs_model *out)
{
    int64_t total, active;

    if (r == NULL || out == NULL)
        return -1;
    total = arch_param_count(&r->arch);
    active = arch_active_param_count(&r->arch);
    if (total <= 0 || active <= 0)
        return -1;
    memset(out, 0, sizeof *out);
    out->id = r->id;
    out->name = r->name;
    out->family = r->family;
    out->arch = r->arch;
    out->ctx = r->ctx;
    out->params = r->params;
    out->params_diff = r->params_diff;
    out->params_note = r->params_note[0] != '\0' ? r->params_note : NULL;
    out->verified = r->verified;
    out->source = r->source;
    out->total = (double)total;
    out->active = (double)active;
    out->user = 1;
    return 0;
}
