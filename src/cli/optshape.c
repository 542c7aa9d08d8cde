/* optshape.c - the options that shape a bare size, --catalog, and the
 * resolution of -p (optshape.h).
 *
 * snprintf results are not checked where a message is only cut short at
 * errsize (quoted words are bounded by QUOTE_SIZE). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli/optshape.h"
#include "cli/optval.h"
#include "cli/quote.h"
#include "model/arch_count.h"
#include "model/parse.h"

/* Experts per token when --experts gives none (Mixtral's top 2). */
#define OPTSHAPE_DEFAULT_ACTIVE 2L

/* A whole number from 1 to max for option `name`; -1 with a message. */
static int optshape_whole(const char *name, const char *arg, long max, long *out, char *err,
                          size_t errsize)
{
    char q[QUOTE_SIZE];
    long v;

    if (parse_whole(arg, &v) != 0 || v < 1 || v > max) {
        (void)snprintf(err, errsize, "invalid %s '%s' (expected a whole number from 1 to %ld)",
                       name, quote_value(q, sizeof q, arg), max);
        return -1;
    }
    *out = v;
    return 0;
}

#define OPTSHAPE_SETTER(fn, name, field, max)                                       \
    int fn(options *o, const char *arg, char *err, size_t errsize)                  \
    {                                                                               \
        o->have_shape = 1;                                                          \
        return optshape_whole(name, arg, max, &o->shape_arg.field, err, errsize);   \
    }

OPTSHAPE_SETTER(optshape_layers, "--layers", layers, OPTSHAPE_MAX_LAYERS)
OPTSHAPE_SETTER(optshape_kv_heads, "--kv-heads", kv_heads, OPTSHAPE_MAX_DIM)
OPTSHAPE_SETTER(optshape_head_dim, "--head-dim", head_dim, OPTSHAPE_MAX_DIM)
OPTSHAPE_SETTER(optshape_hidden, "--hidden", hidden, OPTSHAPE_MAX_DIM)
OPTSHAPE_SETTER(optshape_vocab, "--vocab", vocab, OPTSHAPE_MAX_DIM)

int optshape_experts(options *o, const char *arg, char *err, size_t errsize)
{
    char num[QUOTE_SIZE], q[QUOTE_SIZE];
    const char *slash = strchr(arg, '/');
    size_t n = slash != NULL ? (size_t)(slash - arg) : strlen(arg);
    long e, k = OPTSHAPE_DEFAULT_ACTIVE;

    o->have_shape = 1;
    if (n >= sizeof num)
        n = sizeof num - 1;
    memcpy(num, arg, n);
    num[n] = '\0';
    if (parse_whole(num, &e) != 0 || e < 2 || e > OPTSHAPE_MAX_EXPERTS ||
        (slash != NULL && (parse_whole(slash + 1, &k) != 0 || k < 1 || k > e)) ||
        (slash == NULL && k > e)) {
        (void)snprintf(err, errsize,
                       "invalid --experts '%s' (expected E or E/K: E routed experts from 2 to %ld, "
                       "K per token from 1 to E, e.g. 8/2)",
                       quote_value(q, sizeof q, arg), OPTSHAPE_MAX_EXPERTS);
        return -1;
    }
    o->shape_arg.experts = e;
    o->shape_arg.active = k;
    return 0;
}

int optshape_family(options *o, const char *arg, char *err, size_t errsize)
{
    (void)err;
    (void)errsize;
    o->family = arg;
    return 0;
}

int optshape_catalog(options *o, const char *arg, char *err, size_t errsize)
{
    char q[QUOTE_SIZE];

    if (arg[0] == '\0') {
        (void)snprintf(err, errsize, "invalid --catalog '%s' (expected a file of model and "
                       "device rows, see quantscope(1) CATALOG FILES)",
                       quote_value(q, sizeof q, arg));
        return -1;
    }
    o->catalog_path = arg;
    return 0;
}

/* 1 when some catalog model is of `family` (any case). */
static int optshape_family_known(const models_catalog *c, const char *family)
{
    size_t i, n = models_count(c);

    for (i = 0; i < n; i++)
        if (strcasecmp(models_get(c, i)->family, family) == 0)
            return 1;
    return 0;
}

/* The user's shape: the nearest model's, with what the options give. */
static int optshape_build(options *o, const qs_model *base, char *err, size_t errsize)
{
    const options_shape *a = &o->shape_arg;
    qs_arch *s;
    int64_t total, active;

    o->shape = *base;
    s = &o->shape.arch;
    if (a->layers > 0) {
        s->layers = (int)a->layers;
        /* A pattern is one character per layer: it no longer applies. */
        s->pattern = NULL;
    }
    if (a->hidden > 0)
        s->hidden = a->hidden;
    if (a->vocab > 0)
        s->vocab = a->vocab;
    if (a->kv_heads > 0)
        s->kv_heads = s->full_kv_heads = (int)a->kv_heads;
    if (a->head_dim > 0)
        s->head_dim_k = s->head_dim_v = s->full_head_dim = (int)a->head_dim;
    if (a->experts > 0) {
        if (s->moe.experts == 0)
            s->moe.expert_dim = s->ffn_dim;
        s->moe.experts = (int)a->experts;
        s->moe.active = (int)a->active;
    }
    total = arch_param_count(s);
    active = arch_active_param_count(s);
    if (total <= 0 || active <= 0) {
        (void)snprintf(err, errsize,
                       "the shape given does not make a model (based on %s: %d heads, "
                       "--kv-heads must divide them and --hidden be a multiple of them, or "
                       "give --head-dim)",
                       base->id, base->arch.heads);
        return -1;
    }
    (void)snprintf(o->shape_name, sizeof o->shape_name, "custom, from %s", base->name);
    o->shape.id = "custom";
    o->shape.name = o->shape_name;
    s->name = o->shape_name;
    o->shape.total = (double)total;
    o->shape.active = (double)active;
    o->shape.params = 0;
    o->shape.params_diff = 0;
    o->shape.params_note = NULL;
    o->shape.verified = 0;
    o->shape.user = 1;
    o->shape.source = "your options";
    return 0;
}

int optshape_resolve(options *o, const models_catalog *c, char *err, size_t errsize)
{
    qs_query *q = &o->query;
    char qv[QUOTE_SIZE];

    q->catalog = c;
    if (optval_resolve_devices(o, err, errsize) != 0)
        return -1;
    if (o->family != NULL && !optshape_family_known(c, o->family)) {
        (void)snprintf(err, errsize, "invalid --family '%s' (expected a family from "
                       "--list-models, e.g. llama, qwen3, gemma3)",
                       quote_value(qv, sizeof qv, o->family));
        return -1;
    }
    q->family = o->family;
    if (o->model_arg != NULL) {
        /* The weights -b, -f or --to asked for, kept over a model read
         * from files (which brings its own). */
        const qs_format *wf = q->format;
        double wbits = wf != NULL ? q->rate : q->bits;

        if (optval_resolve_model(o, o->model_arg, err, errsize) != 0)
            return -1;
        if ((o->have_bits || o->have_to) && q->model != NULL && q->model->stored != NULL)
            query_set_weights(q, wf, wbits);
    } else {
        query_set_model(q, NULL, q->params);
    }
    if ((o->have_shape || o->family != NULL) && q->model != NULL) {
        (void)snprintf(err, errsize, "%s: a catalog model has its own shape; --family and the "
                       "shape options go with a bare size such as -p 7B",
                       quote_value(qv, sizeof qv, o->model_arg));
        return -1;
    }
    if (!o->have_shape)
        return 0;
    if (q->shape == NULL) {
        (void)snprintf(err, errsize, "no catalog model to start the shape from");
        return -1;
    }
    if (optshape_build(o, q->shape, err, errsize) != 0)
        return -1;
    query_set_shape(q, &o->shape);
    return 0;
}
