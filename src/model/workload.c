/* workload.c - the words of a fine-tuning setup (workload.h): the one
 * table the options read them with and the reports print them from. */
#include "model/workload.h"

#include <stddef.h>
#include <strings.h>

/* In the order of each enum; index 0 is its default, not typed. */
static const char *const workload_modes[] = { "none", "full", "lora", "qlora" };
static const char *const workload_targets[] = { "default", "attention", "mlp", "all" };
static const char *const workload_optimizers[] = { "default", "adamw", "adamw8bit",
                                                   "paged-adamw", "sgd" };

#define WORKLOAD_COUNT(a) (sizeof (a) / sizeof (a)[0])

static const char *workload_word(const char *const *t, size_t n, int i)
{
    return i >= 0 && (size_t)i < n ? t[i] : NULL;
}

/* The index of w among t[1..n-1] (any case); 0 when none. */
static int workload_find(const char *const *t, size_t n, const char *w)
{
    for (size_t i = 1; w != NULL && i < n; i++)
        if (strcasecmp(w, t[i]) == 0)
            return (int)i;
    return 0;
}

const char *workload_mode_word(train_mode m)
{
    return workload_word(workload_modes, WORKLOAD_COUNT(workload_modes), (int)m);
}

const char *workload_targets_word(train_targets t)
{
    return workload_word(workload_targets, WORKLOAD_COUNT(workload_targets), (int)t);
}

const char *workload_optimizer_word(train_optimizer o)
{
    return workload_word(workload_optimizers, WORKLOAD_COUNT(workload_optimizers), (int)o);
}

int workload_mode_find(const char *w, train_mode *out)
{
    int i = workload_find(workload_modes, WORKLOAD_COUNT(workload_modes), w);
    if (i == 0)
        return -1;
    *out = (train_mode)i;
    return 0;
}

int workload_targets_find(const char *w, train_targets *out)
{
    int i = workload_find(workload_targets, WORKLOAD_COUNT(workload_targets), w);
    if (i == 0)
        return -1;
    *out = (train_targets)i;
    return 0;
}

int workload_optimizer_find(const char *w, train_optimizer *out)
{
    int i = workload_find(workload_optimizers, WORKLOAD_COUNT(workload_optimizers), w);
    if (i == 0)
        return -1;
    *out = (train_optimizer)i;
    return 0;
}
