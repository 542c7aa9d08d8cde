/* optval.c - the values of the command-line options, each checked whole
 * and set in the query (see optval.h).
 *
 * snprintf results are not checked where a message is only cut short at
 * errsize: the quoted values are bounded by QUOTE_SIZE, so the hints fit
 * in OPTIONS_ERROR_SIZE. */
#include <stdio.h>
#include <string.h>

#include "cli/fmt.h"
#include "cli/optval.h"
#include "cli/quote.h"
#include "model/kvcache.h"
#include "model/memory.h"
#include "model/parse.h"

/* Suggestions offered for an unknown preset or device name. */
#define OPTVAL_SUGGESTIONS 3
/* Binary units as parse_bytes reads them (IEC: 2^20 and 2^40 bytes). */
#define OPTVAL_BYTES_PER_MIB 1048576.0
#define OPTVAL_BYTES_PER_TIB 1099511627776.0
/* Room for a number typed before its unit ("24" of "24GiB") and for a
 * unit ("GiB"); longer ones are not read as a size. */
#define OPTVAL_NUMBER_SIZE 64
#define OPTVAL_UNIT_SIZE 8
/* Room for a hint, for its "did you mean" part (three catalog ids) and
 * for a limit printed in one. */
#define OPTVAL_HINT_SIZE 320
#define OPTVAL_MEAN_SIZE 96
#define OPTVAL_NUM_SIZE 32
/* Decimals of the limits printed in messages and in --help. */
#define OPTVAL_DECIMALS 2

#define OPTVAL_SIZE_HINT "e.g. 7B, 350M, 1.5T, 7e9, a preset such as llama-3.1-8b, or a " \
    "model file: a .gguf or .safetensors file, a folder, hf:ORG/NAME, ollama:NAME"
#define OPTVAL_DEVICE_HINT "expected a name from --list-devices or a size such as 24GiB or 16GB"
#define OPTVAL_SHARE_HINT \
    "expected a fraction in (0, 1] such as 0.75, or a percentage in (0, 100] such as 90%"

int optval_fail(char *err, size_t errsize, const char *what, const char *value,
                const char *hint)
{
    char q[QUOTE_SIZE];

    (void)snprintf(err, errsize, "%s '%s' (%s)", what, quote_value(q, sizeof q, value), hint);
    return -1;
}

int optval_range(char *err, size_t errsize, const char *what, const char *value,
                 const char *hint)
{
    char q[QUOTE_SIZE];

    (void)snprintf(err, errsize, "%s '%s' out of range (%s)", what,
                   quote_value(q, sizeof q, value), hint);
    return -1;
}

const char *optval_num(char *buf, size_t size, double v)
{
    return fmt_bits(buf, size, v, OPTVAL_DECIMALS);
}

int optval_magnitude(const char *arg, int (*unit)(const char *, double *), double *value,
                     int *negative)
{
    char num[OPTVAL_NUMBER_SIZE], one[OPTVAL_UNIT_SIZE + 2];
    size_t n = 0, j;
    double v, scale;

    *negative = arg[0] == '-';
    arg += *negative;
    while ((arg[n] >= '0' && arg[n] <= '9') || arg[n] == '.')
        n++;
    if (n > 0 && (arg[n] == 'e' || arg[n] == 'E')) {
        j = n + 1 + (arg[n + 1] == '+' || arg[n + 1] == '-');
        if (arg[j] >= '0' && arg[j] <= '9') {
            while (arg[j] >= '0' && arg[j] <= '9')
                j++;
            n = j;
        }
    }
    if (strspn(arg, ".") == n || n >= sizeof num || strlen(arg + n) > OPTVAL_UNIT_SIZE)
        return -1;
    (void)snprintf(one, sizeof one, "1%s", arg + n);
    if (unit(one, &scale) != 0)
        return -1;
    memcpy(num, arg, n);
    num[n] = '\0';
    if (parse_decimal(num, &v) != 0)
        return 1;
    *value = v * scale;
    return 0;
}

void optval_did_you_mean(char *buf, size_t size, const char *const *ids, size_t n)
{
    size_t i, len;

    buf[0] = '\0';
    for (i = 0; i < n; i++) {
        len = strlen(buf);
        (void)snprintf(buf + len, size - len, "%s%s", i == 0 ? "did you mean " : ", ", ids[i]);
    }
    len = strlen(buf);
    if (n > 0)
        (void)snprintf(buf + len, size - len, "? ");
}

int optval_model(options *o, const char *arg, char *err, size_t errsize)
{
    (void)err;
    (void)errsize;
    o->model_arg = arg;
    return 0;
}

int optval_resolve_model(options *o, const char *arg, char *err, size_t errsize)
{
    const qs_model *m = models_find(o->query.catalog, arg), *near[OPTVAL_SUGGESTIONS];
    const char *ids[OPTVAL_SUGGESTIONS];
    char mean[OPTVAL_MEAN_SIZE], hint[OPTVAL_HINT_SIZE], lo[OPTVAL_NUM_SIZE], hi[OPTVAL_NUM_SIZE];
    double v;
    int negative, shape;
    size_t n = 0, i;

    if (m != NULL) {
        query_set_model(&o->query, m, 0.0);
        return 0;
    }
    if (parse_params(arg, &v) == 0) {
        query_set_model(&o->query, NULL, v);
        return 0;
    }
    if (o->load != NULL) {
        int rc = o->load(o->load_ctx, arg, o->max_header, &m, err, errsize);

        if (rc <= 0) {
            if (rc == 0)
                query_set_model(&o->query, m, 0.0);
            return rc;
        }
    }
    shape = optval_magnitude(arg, parse_params, &v, &negative);
    if (shape == 0 && !negative) {
        (void)snprintf(hint, sizeof hint, "expected %s to %sT parameters, e.g. 7B, 350M, 1.5T",
                       optval_num(lo, sizeof lo, PARSE_PARAMS_MIN),
                       optval_num(hi, sizeof hi, PARSE_PARAMS_MAX / OPTVAL_PARAMS_PER_T));
        return optval_range(err, errsize, "model size", arg, hint);
    }
    if (shape < 0)
        n = models_suggest(o->query.catalog, arg, near, OPTVAL_SUGGESTIONS);
    for (i = 0; i < n; i++)
        ids[i] = near[i]->id;
    optval_did_you_mean(mean, sizeof mean, ids, n);
    (void)snprintf(hint, sizeof hint, "%sexpected %s", mean, OPTVAL_SIZE_HINT);
    return optval_fail(err, errsize, "invalid model size", arg, hint);
}

/* Bits or a named precision; `what` names a value that does not read. */
static int optval_precision(const char *arg, const char *what, double *bits,
                            const qs_format **fmt, char *err, size_t errsize)
{
    char hint[OPTVAL_HINT_SIZE], lo[OPTVAL_NUM_SIZE], hi[OPTVAL_NUM_SIZE];
    char mean[OPTVAL_MEAN_SIZE];
    const qs_format *near[OPTVAL_SUGGESTIONS];
    const char *names[OPTVAL_SUGGESTIONS];
    size_t n, i;
    double v;

    (void)optval_num(lo, sizeof lo, OPTVAL_BITS_MIN);
    (void)optval_num(hi, sizeof hi, PARSE_BITS_MAX);
    if (formats_precision(arg, bits, fmt) == 0 && (*fmt != NULL || *bits >= OPTVAL_BITS_MIN))
        return 0;
    if (parse_decimal(arg, &v) == 0) {
        (void)snprintf(hint, sizeof hint, "expected %s to %s bits per weight, or a name from "
                       "--list-formats such as q4_k_m", lo, hi);
        return optval_range(err, errsize, "bits", arg, hint);
    }
    n = formats_suggest(arg, near, OPTVAL_SUGGESTIONS);
    for (i = 0; i < n; i++)
        names[i] = near[i]->name;
    optval_did_you_mean(mean, sizeof mean, names, n);
    (void)snprintf(hint, sizeof hint, "%sexpected bits from %s to %s such as 4 or 4.5, or a "
                   "name from --list-formats such as q4_k_m, gptq, exl2-4.65", mean, lo, hi);
    return optval_fail(err, errsize, what, arg, hint);
}

/* -b BITS and -f NAME take either: -b says bits first, -f a name. */
static int optval_weights(options *o, const char *arg, const char *what, char *err,
                          size_t errsize)
{
    const qs_format *f = NULL;
    double bits = 0.0;

    if (optval_precision(arg, what, &bits, &f, err, errsize) != 0)
        return -1;
    query_set_weights(&o->query, f, bits);
    return 0;
}

int optval_bits(options *o, const char *arg, char *err, size_t errsize)
{
    o->have_bits = 1;
    return optval_weights(o, arg, "invalid bits", err, errsize);
}

int optval_format(options *o, const char *arg, char *err, size_t errsize)
{
    o->have_bits = 1;
    return optval_weights(o, arg, "unknown format", err, errsize);
}

int optval_to(options *o, const char *arg, char *err, size_t errsize)
{
    o->have_to = 1;
    return optval_weights(o, arg, "invalid precision", err, errsize);
}

int optval_from(options *o, const char *arg, char *err, size_t errsize)
{
    const qs_format *f = NULL;
    double bits = 0.0;

    o->have_from = 1;
    if (optval_precision(arg, "invalid precision", &bits, &f, err, errsize) != 0)
        return -1;
    query_set_baseline(&o->query, f, bits);
    return 0;
}

int optval_ctx(options *o, const char *arg, char *err, size_t errsize)
{
    char hint[OPTVAL_HINT_SIZE];

    if (parse_ctx(arg, &o->query.ctx) == 0)
        return 0;
    (void)snprintf(hint, sizeof hint, "expected tokens from 1 to %ld, such as 4096, 8k or 128k",
                   PARSE_CTX_MAX);
    return optval_fail(err, errsize, "invalid context", arg, hint);
}

int optval_batch(options *o, const char *arg, char *err, size_t errsize)
{
    char hint[OPTVAL_HINT_SIZE];
    long whole;

    if (parse_whole(arg, &whole) == 0 && whole >= 1 && whole <= OPTVAL_BATCH_MAX) {
        o->query.batch = (int)whole;
        return 0;
    }
    (void)snprintf(hint, sizeof hint, "expected a whole number of sequences from 1 to %d",
                   OPTVAL_BATCH_MAX);
    return optval_fail(err, errsize, "invalid batch", arg, hint);
}

int optval_kv_bits(options *o, const char *arg, char *err, size_t errsize)
{
    char hint[OPTVAL_HINT_SIZE], lo[OPTVAL_NUM_SIZE], hi[OPTVAL_NUM_SIZE];
    double v;

    if (parse_bits(arg, &v) == 0 && v >= OPTVAL_BITS_MIN) {
        o->query.kv_bits = v;
        return 0;
    }
    (void)snprintf(hint, sizeof hint, "expected bits from %s to %s such as 16, 8.5 or 4.5",
                   optval_num(lo, sizeof lo, OPTVAL_BITS_MIN),
                   optval_num(hi, sizeof hi, PARSE_BITS_MAX));
    if (parse_decimal(arg, &v) == 0)
        return optval_range(err, errsize, "KV cache bits", arg, hint);
    return optval_fail(err, errsize, "invalid KV cache bits", arg, hint);
}

int optval_kv_format(options *o, const char *arg, char *err, size_t errsize)
{
    char hint[OPTVAL_HINT_SIZE];
    size_t i, len;

    if (kvcache_bits_from_name(arg, &o->query.kv_bits) == 0)
        return 0;
    (void)snprintf(hint, sizeof hint, "expected one of");
    for (i = 0; i < kvcache_type_count(); i++) {
        len = strlen(hint);
        (void)snprintf(hint + len, sizeof hint - len, "%s %s", i == 0 ? "" : ",",
                       kvcache_type_name(i));
    }
    return optval_fail(err, errsize, "unknown KV cache type", arg, hint);
}

int optval_size_or_none(const char *arg, double max_tib, double *gib)
{
    double v = 0.0, plain = -1.0;
    int negative, shape = optval_magnitude(arg, parse_bytes, &v, &negative);

    if ((parse_decimal(arg, &plain) == 0 && plain == 0.0) ||
        (shape == 0 && !negative && v == 0.0)) {
        *gib = 0.0;
        return 0;
    }
    if (shape == 0 && !negative && v <= max_tib * OPTVAL_BYTES_PER_TIB) {
        *gib = v / MEMORY_BYTES_PER_GIB;
        return 0;
    }
    return shape == 0 && !negative ? 1 : -1;
}

int optval_size_refused(int why, const char *what, double max_tib, const char *arg,
                        const char *examples, char *err, size_t errsize)
{
    char hint[OPTVAL_HINT_SIZE], hi[OPTVAL_NUM_SIZE], word[OPTVAL_HINT_SIZE];

    (void)optval_num(hi, sizeof hi, max_tib);
    (void)snprintf(hint, sizeof hint, "expected 0 for none, or a size with a unit up to %sTiB "
                   "such as %s", hi, examples);
    if (why > 0)
        return optval_range(err, errsize, what, arg, hint);
    (void)snprintf(word, sizeof word, "invalid %s", what);
    return optval_fail(err, errsize, word, arg, hint);
}

int optval_max_header(options *o, const char *arg, char *err, size_t errsize)
{
    double v = 0.0;
    int negative, shape = optval_magnitude(arg, parse_bytes, &v, &negative);
    char hint[OPTVAL_HINT_SIZE];

    (void)snprintf(hint, sizeof hint, "expected a size with a unit from %gMiB to %gGiB, such as "
                   "16MiB or 256MiB", OPTVAL_MAX_HEADER_MIN_MIB, OPTVAL_MAX_HEADER_MAX_GIB);
    if (shape != 0 || negative)
        return optval_fail(err, errsize, "invalid --max-header", arg, hint);
    if (v < OPTVAL_MAX_HEADER_MIN_MIB * OPTVAL_BYTES_PER_MIB ||
        v > OPTVAL_MAX_HEADER_MAX_GIB * MEMORY_BYTES_PER_GIB)
        return optval_range(err, errsize, "--max-header", arg, hint);
    o->max_header = (uint64_t)v;
    return 0;
}

int optval_overhead(options *o, const char *arg, char *err, size_t errsize)
{
    int why = optval_size_or_none(arg, OPTVAL_OVERHEAD_MAX_TIB, &o->query.overhead_gib);

    return why == 0 ? 0
                    : optval_size_refused(why, "overhead", OPTVAL_OVERHEAD_MAX_TIB, arg,
                                          "0.5GiB, 800MB or 1GiB", err, errsize);
}

int optval_ram(options *o, const char *arg, char *err, size_t errsize)
{
    int why = optval_size_or_none(arg, OPTVAL_RAM_MAX_TIB, &o->query.ram_gib);

    o->query.ram_given = why == 0;
    return why == 0 ? 0
                    : optval_size_refused(why, "RAM", OPTVAL_RAM_MAX_TIB, arg,
                                          "64GB or 128GiB", err, errsize);
}

/* "unknown device 'ARG' (did you mean ...? expected ...)", the names
 * offered from catalog c; returns -1. */
static int optval_unknown_device(const devices_catalog *c, const char *arg, char *err,
                                 size_t errsize)
{
    const qs_device *near[OPTVAL_SUGGESTIONS];
    const char *ids[OPTVAL_SUGGESTIONS];
    char mean[OPTVAL_MEAN_SIZE], hint[OPTVAL_HINT_SIZE];
    size_t n, i;

    n = devices_catalog_suggest(c, arg, near, OPTVAL_SUGGESTIONS);
    for (i = 0; i < n; i++)
        ids[i] = near[i]->id;
    optval_did_you_mean(mean, sizeof mean, ids, n);
    (void)snprintf(hint, sizeof hint, "%s%s", mean, OPTVAL_DEVICE_HINT);
    return optval_fail(err, errsize, "unknown device", arg, hint);
}

/* A name not (yet) known holds its place among the targets: id and name
 * are the word typed, kind DEV_KIND_CUSTOM, capacity 0, which no size has
 * (devices_from_bytes needs one above 0). optval_resolve_devices looks it
 * up once the user's catalogs are loaded. */
static int optval_device_pending(const qs_device *d)
{
    return d->kind == DEV_KIND_CUSTOM && !(d->capacity_gib > 0.0);
}

int optval_device(options *o, const char *arg, char *err, size_t errsize)
{
    const double min = OPTVAL_DEVICE_MIN_MIB * OPTVAL_BYTES_PER_MIB;
    const double max = OPTVAL_DEVICE_MAX_TIB * OPTVAL_BYTES_PER_TIB;
    char hint[OPTVAL_HINT_SIZE], lo[OPTVAL_NUM_SIZE], hi[OPTVAL_NUM_SIZE];
    qs_device d;
    double v = 0.0;
    int negative, shape;

    (void)snprintf(hint, sizeof hint, "expected a size from %sMiB to %sTiB, e.g. 24GiB or 16GB",
                   optval_num(lo, sizeof lo, OPTVAL_DEVICE_MIN_MIB),
                   optval_num(hi, sizeof hi, OPTVAL_DEVICE_MAX_TIB));
    if (query_targets(&o->query) >= QUERY_TARGETS_MAX) {
        (void)snprintf(hint, sizeof hint, "at most %d --device options", QUERY_TARGETS_MAX);
        return optval_fail(err, errsize, "too many devices at", arg, hint);
    }
    /* A rig ("2xrtx-3090", "rtx-4090+rtx-3090") waits, as a name does,
     * for the user's catalogs (optval_rig_resolve). */
    if (!rig_is_spec(arg) && devices_catalog_resolve(o->query.device_catalog, arg, &d) == 0) {
        v = d.capacity_gib * MEMORY_BYTES_PER_GIB;
        if (d.kind == DEV_KIND_CUSTOM && (v < min || v > max))
            return optval_range(err, errsize, "device size", arg, hint);
        if (query_add_device(&o->query, &d, 0) != 0)
            return optval_fail(err, errsize, "no room for device", arg, "too many devices");
        return 0;
    }
    shape = rig_is_spec(arg) ? -1 : optval_magnitude(arg, parse_bytes, &v, &negative);
    if (shape == 0 && (negative || v == 0.0))
        return optval_fail(err, errsize, "invalid device size", arg,
                           "a size must be above 0, e.g. 24GiB");
    if (shape == 0)
        return optval_range(err, errsize, "device size", arg, hint);
    if (shape > 0)
        return optval_fail(err, errsize, "invalid device size", arg, hint);
    /* A name: it may be one of the user's devices, read after the
     * options (their --catalog FILE may come later). */
    memset(&d, 0, sizeof d);
    d.id = arg;
    d.name = arg;
    d.kind = DEV_KIND_CUSTOM;
    d.is_gpu = 1;
    if (query_add_device(&o->query, &d, 0) != 0)
        return optval_fail(err, errsize, "no room for device", arg, "too many devices");
    return 0;
}

int optval_resolve_devices(options *o, char *err, size_t errsize)
{
    qs_query *q = &o->query;
    size_t i;

    for (i = q->nhost; i < q->ndevices; i++) {
        qs_device *t = &q->devices[i];
        const qs_device *d;

        /* A size stays what it is: no id reads as one (device_row.h); and
         * a rig what optval_rig_resolve made of it. */
        if ((t->kind == DEV_KIND_CUSTOM && !optval_device_pending(t)) || q->rigs[i].ngpu > 0)
            continue;
        d = devices_catalog_find(q->device_catalog, t->id);
        if (d == NULL)
            return optval_unknown_device(q->device_catalog, t->id, err, errsize);
        /* A catalogued name again: a user row of its id replaces it. */
        *t = *d;
    }
    return 0;
}

/* A share of memory: a fraction in (0, 1] or a percentage in (0, 100]
 * such as "90%". */
int optval_share(options *o, const char *arg, char *err, size_t errsize)
{
    char buf[OPTVAL_NUMBER_SIZE];
    size_t len = strlen(arg);
    double v, scale = 1.0;

    (void)snprintf(buf, sizeof buf, "%s", arg);
    if (len > 1 && len < sizeof buf && arg[len - 1] == '%') {
        buf[len - 1] = '\0';
        scale = FMT_PERCENT;
    }
    if (len >= sizeof buf || parse_decimal(buf, &v) != 0 || !(v > 0.0) || v > scale)
        return optval_fail(err, errsize, "invalid Apple GPU share", arg, OPTVAL_SHARE_HINT);
    o->query.apple_share = v / scale;
    return 0;
}

int optval_words(options *o, const char *const *words, int n, char *err, size_t errsize)
{
    char q[QUOTE_SIZE];
    int i;

    if (n == 0)
        return 0;
    if (o->mode == OPTIONS_MODE_LIST_MODELS && n == 1) {
        o->filter = words[0];
        return 0;
    }
    if (o->mode == OPTIONS_MODE_SCAN) {
        if (n > OPTIONS_SCAN_DIRS_MAX) {
            (void)snprintf(err, errsize, "--scan takes at most %d folders, got %d",
                           OPTIONS_SCAN_DIRS_MAX, n);
            return -1;
        }
        for (i = 0; i < n; i++)
            o->scan_dirs[o->nscan_dirs++] = words[i];
        return 0;
    }
    if (n == 1 && o->model_arg == NULL && o->mode != OPTIONS_MODE_HELP &&
        o->mode != OPTIONS_MODE_VERSION && o->mode < OPTIONS_MODE_LIST_MODELS) {
        o->model_arg = words[0];
        return 0;
    }
    (void)snprintf(err, errsize, "unexpected argument '%s' (%s)", quote_value(q, sizeof q,
                   words[n == 1 ? 0 : 1]), o->model_arg != NULL && n == 1
                   ? "the model is given once: -p or a bare argument"
                   : "one model a command: a size, a preset name or a file");
    return -1;
}
