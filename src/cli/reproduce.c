/* reproduce.c - the quantscope command line of a question (reproduce.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/reproduce.h"
#include "cli/shword.h"
#include "model/kvcache.h"
#include "model/stored.h"

/* A number's word: "%.17g" and the NUL. */
#define REPRODUCE_NUM 32


/* " OPTION WORD", the word quoted. */
static void reproduce_opt(shword_out *o, const char *opt, const char *w)
{
    shword_put(o, " %s", opt);
    shword_word(o, w);
}

/* The model: the file as it was read, the catalog id, or the size in
 * weights ("7e+09" reads back as it was). */
static void reproduce_model(shword_out *o, const qs_query *q)
{
    char num[REPRODUCE_NUM];

    if (q->model != NULL && q->model->stored != NULL && q->model->stored->path != NULL)
        reproduce_opt(o, "-p", q->model->stored->path);
    else if (q->model != NULL && q->model->id != NULL)
        reproduce_opt(o, "-p", q->model->id);
    else {
        (void)snprintf(num, sizeof num, "%.17g", q->params);
        reproduce_opt(o, "--params", num);
    }
}

/* Target i as --device takes it: a rig's spec, a size's text, an id. */
static const char *reproduce_device(const qs_query *q, size_t i)
{
    const qs_device *d = &q->devices[i];

    if (q->rigs[i].ngpu > 0 && q->rigs[i].label != NULL)
        return q->rigs[i].label;
    if (d->kind == DEV_KIND_CUSTOM || d->id == NULL)
        return d->name;
    return d->id;
}

int reproduce_command_theme(char *buf, size_t size, const qs_query *q, const char *theme)
{
    shword_out o = { buf, size, 0, 0 };
    char num[REPRODUCE_NUM];
    const qs_runtime *rt = runtime_get(q->runtime);
    size_t i;

    if (buf == NULL || size == 0 || q == NULL)
        return -1;
    buf[0] = '\0';
    shword_put(&o, "quantscope");
    reproduce_model(&o, q);
    if (!q->stored && q->format != NULL) {
        reproduce_opt(&o, "-f", q->format->name);
    } else if (!q->stored) {
        (void)snprintf(num, sizeof num, "%.17g", q->bits);
        reproduce_opt(&o, "-b", num);
    }
    (void)snprintf(num, sizeof num, "%ld", q->ctx);
    reproduce_opt(&o, "--ctx", num);
    if (q->batch != FIT_DEFAULT_BATCH) {
        (void)snprintf(num, sizeof num, "%d", q->batch);
        reproduce_opt(&o, "--batch", num);
    }
    if (q->kv_bits != KV_BITS_F16 && kvcache_name_from_bits(q->kv_bits) != NULL)
        reproduce_opt(&o, "--kv-format", kvcache_name_from_bits(q->kv_bits));
    for (i = q->nhost; i < q->ndevices && i < QUERY_DEVICES_MAX; i++)
        if (reproduce_device(q, i) != NULL)
            reproduce_opt(&o, "--device", reproduce_device(q, i));
    if (q->runtime != RUNTIME_AUTO && rt != NULL)
        reproduce_opt(&o, "--runtime", rt->name);
    if (theme != NULL && strcmp(theme, "default") != 0)
        reproduce_opt(&o, "--theme", theme);
    if (o.over) {
        buf[0] = '\0';
        return -1;
    }
    return 0;
}

int reproduce_command(char *buf, size_t size, const qs_query *q)
{
    return reproduce_command_theme(buf, size, q, NULL);
}
