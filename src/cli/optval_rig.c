/* optval_rig.c - the values of the rig and runtime options, each checked
 * whole and set in the query or the options (see optval_rig.h).
 *
 * snprintf results are not checked where a message is only cut short at
 * errsize: the quoted values are bounded by QUOTE_SIZE. */
#include <stdio.h>
#include <string.h>

#include "cli/optval.h"
#include "cli/optval_rig.h"
#include "cli/quote.h"
#include "model/memory.h"
#include "model/parse.h"

/* Binary units as parse_bytes reads them (IEC: 2^20 and 2^40 bytes). */
#define OPTVAL_RIG_BYTES_PER_MIB 1048576.0
#define OPTVAL_RIG_BYTES_PER_TIB 1099511627776.0
/* Room for a hint, for its "did you mean" part, for a number of a list
 * and for a term of a rig as typed. */
#define OPTVAL_RIG_HINT_SIZE 320
#define OPTVAL_RIG_MEAN_SIZE 96
#define OPTVAL_RIG_NUMBER_SIZE 64
#define OPTVAL_RIG_TERM_SIZE 128
#define OPTVAL_RIG_NUM_SIZE 32
/* Names offered for a term that is no device (as optval.c's). */
#define OPTVAL_RIG_SUGGESTIONS 3
/* What separates --tensor-split's proportions (llama.cpp common/arg.cpp
 * splits the value on the regex "[,/]+"). */
#define OPTVAL_RIG_SPLIT_SEPARATORS ",/"

int optval_rig_nodes(options *o, const char *arg, char *err, size_t errsize)
{
    char hint[OPTVAL_RIG_HINT_SIZE];
    long n;

    if (parse_whole(arg, &n) == 0 && n >= 1 && n <= RIG_NODES_MAX) {
        o->nodes = (int)n;
        return 0;
    }
    (void)snprintf(hint, sizeof hint, "expected a whole number of machines from 1 to %d",
                   RIG_NODES_MAX);
    return optval_fail(err, errsize, "invalid --nodes", arg, hint);
}

int optval_rig_tensor_split(options *o, const char *arg, char *err, size_t errsize)
{
    char hint[OPTVAL_RIG_HINT_SIZE], num[OPTVAL_RIG_NUMBER_SIZE];
    const char *p = arg;
    double sum = 0.0, v;
    int n = 0;

    (void)snprintf(hint, sizeof hint, "expected %d to %d proportions of the layers, one per "
                   "GPU, separated by commas, not all 0, e.g. 3,1 or 1,1,2",
                   OPTVAL_RIG_SPLIT_MIN, RIG_GPUS_MAX);
    o->tensor_split_arg = arg;
    for (;;) {
        size_t len = strcspn(p, OPTVAL_RIG_SPLIT_SEPARATORS);

        if (len == 0 || len >= sizeof num || n >= RIG_GPUS_MAX)
            return optval_fail(err, errsize, "invalid --tensor-split", arg, hint);
        memcpy(num, p, len);
        num[len] = '\0';
        if (parse_decimal(num, &v) != 0)
            return optval_fail(err, errsize, "invalid --tensor-split", arg, hint);
        o->tensor_split[n++] = v;
        sum += v;
        p += len;
        if (*p == '\0')
            break;
        p++;
    }
    if (n < OPTVAL_RIG_SPLIT_MIN || !(sum > 0.0))
        return optval_fail(err, errsize, "invalid --tensor-split", arg, hint);
    o->ntensor_split = n;
    return 0;
}

int optval_rig_runtime(options *o, const char *arg, char *err, size_t errsize)
{
    const qs_runtime *r = runtime_find(arg);
    char hint[OPTVAL_RIG_HINT_SIZE];

    if (r != NULL) {
        o->query.runtime = r->id;
        return 0;
    }
    (void)snprintf(hint, sizeof hint, "expected one of %s", runtime_names());
    return optval_fail(err, errsize, "unknown runtime", arg, hint);
}

int optval_rig_gpu_memory(options *o, const char *arg, char *err, size_t errsize)
{
    const double min = OPTVAL_DEVICE_MIN_MIB * OPTVAL_RIG_BYTES_PER_MIB;
    const double max = OPTVAL_DEVICE_MAX_TIB * OPTVAL_RIG_BYTES_PER_TIB;
    char hint[OPTVAL_RIG_HINT_SIZE], lo[OPTVAL_RIG_NUM_SIZE], hi[OPTVAL_RIG_NUM_SIZE];
    double v = 0.0;
    int negative, shape = optval_magnitude(arg, parse_bytes, &v, &negative);

    (void)snprintf(hint, sizeof hint, "expected each GPU's usable memory, a size from %sMiB to "
                   "%sTiB such as 26000MiB or 22GiB", optval_num(lo, sizeof lo,
                   OPTVAL_DEVICE_MIN_MIB), optval_num(hi, sizeof hi, OPTVAL_DEVICE_MAX_TIB));
    if (shape != 0 || negative)
        return optval_fail(err, errsize, "invalid GPU memory", arg, hint);
    if (v < min || v > max)
        return optval_range(err, errsize, "GPU memory", arg, hint);
    o->query.gpu_memory_gib = v / MEMORY_BYTES_PER_GIB;
    return 0;
}

int optval_rig_margin(options *o, const char *arg, char *err, size_t errsize)
{
    int why = optval_size_or_none(arg, OPTVAL_RIG_MARGIN_MAX_TIB, &o->query.margin_gib);

    return why == 0 ? 0
                    : optval_size_refused(why, "margin", OPTVAL_RIG_MARGIN_MAX_TIB, arg,
                                          "1GiB or 512MiB", err, errsize);
}

int optval_rig_n_cpu_moe(options *o, const char *arg, char *err, size_t errsize)
{
    char hint[OPTVAL_RIG_HINT_SIZE];
    long n;

    if (parse_whole(arg, &n) == 0 && n <= OPTVAL_RIG_N_CPU_MOE_MAX) {
        o->query.n_cpu_moe = (int)n;
        return 0;
    }
    (void)snprintf(hint, sizeof hint, "expected a whole number of blocks from 0 to %ld",
                   OPTVAL_RIG_N_CPU_MOE_MAX);
    return optval_fail(err, errsize, "invalid --n-cpu-moe", arg, hint);
}

int optval_rig_ram_bandwidth(options *o, const char *arg, char *err, size_t errsize)
{
    char hint[OPTVAL_RIG_HINT_SIZE], hi[OPTVAL_RIG_NUM_SIZE];
    double v;

    if (parse_decimal(arg, &v) == 0 && v > 0.0 && v <= OPTVAL_RIG_RAM_BANDWIDTH_MAX_GBS) {
        o->query.ram_bandwidth_gbs = v;
        return 0;
    }
    (void)snprintf(hint, sizeof hint, "expected GB/s above 0, at most %s, such as 60 or 89.6",
                   optval_num(hi, sizeof hi, OPTVAL_RIG_RAM_BANDWIDTH_MAX_GBS));
    if (parse_decimal(arg, &v) == 0)
        return optval_range(err, errsize, "RAM bandwidth", arg, hint);
    return optval_fail(err, errsize, "invalid RAM bandwidth", arg, hint);
}

/* The device of a rig's term: after its count ("2x", "8X"), if any. */
static const char *optval_rig_device_part(const char *term)
{
    size_t digits = strspn(term, "0123456789");

    return digits > 0 && (term[digits] == 'x' || term[digits] == 'X') ? term + digits + 1 : term;
}

/* "; did you mean a, b?" for the device name of a rig's term; "" when
 * none is near. */
static void optval_rig_suggest(const devices_catalog *c, const char *term, char *buf,
                               size_t size)
{
    const qs_device *near[OPTVAL_RIG_SUGGESTIONS];
    const char *ids[OPTVAL_RIG_SUGGESTIONS];
    char mean[OPTVAL_RIG_MEAN_SIZE];
    size_t n, i, len;

    n = devices_catalog_suggest(c, term, near, OPTVAL_RIG_SUGGESTIONS);
    for (i = 0; i < n; i++)
        ids[i] = near[i]->id;
    optval_did_you_mean(mean, sizeof mean, ids, n);
    len = strlen(mean);
    if (len > 0 && mean[len - 1] == ' ')
        mean[len - 1] = '\0';
    (void)snprintf(buf, size, "%s%s", n > 0 ? "; " : "", mean);
}

/* Target i, held by its rig spec, as its rig. */
static int optval_rig_resolve_one(options *o, size_t i, char *err, size_t errsize)
{
    qs_query *q = &o->query;
    const char *arg = q->devices[i].id;
    char qa[QUOTE_SIZE], qt[QUOTE_SIZE], term[OPTVAL_RIG_TERM_SIZE];
    char mean[OPTVAL_RIG_MEAN_SIZE + 2];
    const char *name;
    size_t at = 0, len = 0;
    qs_rig r;
    rig_error e = rig_parse(q->device_catalog, arg, &r, &at, &len);

    if (e == RIG_OK && r.ngpu == 1 && r.nodes == 1) {
        /* "1xrtx-4090": the device alone. */
        q->devices[i] = r.gpu[0];
        q->rigs[i].ngpu = 0;
        return 0;
    }
    if (e == RIG_OK) {
        q->rigs[i] = r;
        return rig_as_device(&q->rigs[i], &q->devices[i]) == 0 ? 0 : -1;
    }
    (void)quote_value(qa, sizeof qa, arg);
    if (at > strlen(arg))
        at = strlen(arg);
    if (len > strlen(arg + at))
        len = strlen(arg + at);
    (void)snprintf(term, sizeof term, "%.*s", (int)len, arg + at);
    name = optval_rig_device_part(term);
    mean[0] = '\0';
    /* Names are offered for a word, never for a size ("2x0GB"). */
    if (e == RIG_ERR_DEVICE && !(name[0] >= '0' && name[0] <= '9'))
        optval_rig_suggest(q->device_catalog, name, mean, sizeof mean);
    if (len == 0 || e == RIG_ERR_EMPTY)
        (void)snprintf(err, errsize, "--device '%s': %s", qa, rig_error_text(e));
    else if (e == RIG_ERR_DEVICE || e == RIG_ERR_NOT_GPU)
        (void)snprintf(err, errsize, "--device '%s': '%s' %s%s", qa,
                       quote_value(qt, sizeof qt, name), rig_error_text(e), mean);
    else
        (void)snprintf(err, errsize, "--device '%s': '%s': %s", qa,
                       quote_value(qt, sizeof qt, term), rig_error_text(e));
    return -1;
}

/* A target --device held by its spec (optval_device): a name not looked
 * up yet, written as a rig. */
static int optval_rig_pending(const qs_query *q, size_t i)
{
    const qs_device *t = &q->devices[i];

    return t->kind == DEV_KIND_CUSTOM && !(t->capacity_gib > 0.0) && q->rigs[i].ngpu == 0 &&
           t->id != NULL && rig_is_spec(t->id);
}

int optval_rig_resolve(options *o, char *err, size_t errsize)
{
    size_t i;

    if (o->mode == OPTIONS_MODE_HELP || o->mode == OPTIONS_MODE_VERSION)
        return 0;
    for (i = o->query.nhost; i < o->query.ndevices; i++)
        if (optval_rig_pending(&o->query, i) && optval_rig_resolve_one(o, i, err, errsize) != 0)
            return -1;
    return 0;
}

/* Target i as a rig of n machines; refused for a device that is no GPU. */
static int optval_rig_nodes_of(qs_query *q, size_t i, int n, char *err, size_t errsize)
{
    char qd[QUOTE_SIZE];
    qs_rig tmp, r;
    const qs_rig *cur = query_rig(q, i, &tmp);

    if (cur == NULL)
        return -1;
    r = *cur;
    if (!r.gpu[0].is_gpu) {
        (void)snprintf(err, errsize, "--nodes %d: '%s' is not a GPU (a rig is made of GPUs, "
                       "e.g. --device 8xh100-sxm --nodes 2)", n,
                       quote_value(qd, sizeof qd, q->devices[i].id));
        return -1;
    }
    if (n == 1)
        return 0;
    r.nodes = n;
    q->rigs[i] = r;
    return rig_as_device(&q->rigs[i], &q->devices[i]) == 0 ? 0 : -1;
}

int optval_rig_apply(options *o, char *err, size_t errsize)
{
    qs_query *q = &o->query;
    char qs[QUOTE_SIZE];
    size_t i;
    int k, matched = 0;

    if ((o->nodes > 0 || o->ntensor_split > 0) && query_targets(q) == 0) {
        (void)snprintf(err, errsize, "%s needs --device (a GPU or a rig, e.g. --device %s)",
                       o->nodes > 0 ? "--nodes" : "--tensor-split",
                       o->nodes > 0 ? "8xh100-sxm --nodes 2" : "2xrtx-3090 --tensor-split 3,1");
        return -1;
    }
    for (i = q->nhost; o->nodes > 0 && i < q->ndevices; i++)
        if (optval_rig_nodes_of(q, i, o->nodes, err, errsize) != 0)
            return -1;
    if (o->ntensor_split == 0)
        return 0;
    for (i = q->nhost; i < q->ndevices; i++) {
        if (q->rigs[i].ngpu != o->ntensor_split)
            continue;
        for (k = 0; k < o->ntensor_split; k++)
            q->rigs[i].split[k] = o->tensor_split[k];
        matched++;
    }
    if (matched > 0)
        return 0;
    (void)snprintf(err, errsize, "--tensor-split '%s' gives %d proportions, and no --device "
                   "has %d GPUs in a machine (e.g. --device %dxrtx-3090)",
                   quote_value(qs, sizeof qs, o->tensor_split_arg), o->ntensor_split,
                   o->ntensor_split, o->ntensor_split);
    return -1;
}
