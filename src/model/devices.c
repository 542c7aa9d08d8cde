/* devices.c - the catalog of devices.
 *
 * The rows are data: data/devices.tsv, one device a line with its source
 * (nvidia-smi totals, UNVERIFIED marks, bandwidth sources), turned into
 * the table devices_data (devices_data.h) by tools/gendata at build time.
 * Capacities are GiB, bandwidths decimal GB/s, as that file explains. A
 * devices_catalog puts a user's rows (parsed by the same device_row_parse)
 * in front of that table; the functions without a catalog read the table
 * alone. */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "model/device_row.h"
#include "model/devices.h"
#include "model/devices_data.h"
#include "model/memory.h"
#include "model/parse.h"
#include "model/suggest.h"

/* The most devices a suggestion search ranks: the built-in table and a
 * user catalog together. */
#define DEVICES_SUGGEST_MAX (DEVICES_DATA_MAX + DEVICES_USER_MAX)

/* The catalog of the built-in rows alone. */
static const devices_catalog devices_builtin_catalog = { NULL, 0 };

const devices_catalog *devices_builtin(void)
{
    return &devices_builtin_catalog;
}

void devices_catalog_init(devices_catalog *c, const devices_data_row *user, size_t nuser)
{
    if (c == NULL)
        return;
    c->user = nuser > 0 ? user : NULL;
    c->nuser = c->user != NULL ? nuser : 0;
    if (c->nuser > DEVICES_USER_MAX)
        c->nuser = DEVICES_USER_MAX;
}

/* A NULL catalog is the built-in one. */
static const devices_catalog *devices_or_builtin(const devices_catalog *c)
{
    return c != NULL ? c : &devices_builtin_catalog;
}

/* 1 when a user row of c has the id of built-in row b. */
static int devices_replaced(const devices_catalog *c, const devices_data_row *b)
{
    size_t i;

    for (i = 0; i < c->nuser; i++)
        if (strcasecmp(c->user[i].dev.id, b->dev.id) == 0)
            return 1;
    return 0;
}

size_t devices_catalog_count(const devices_catalog *c)
{
    size_t n, i;

    c = devices_or_builtin(c);
    n = c->nuser;
    for (i = 0; i < devices_data_count; i++)
        n += !devices_replaced(c, &devices_data[i]);
    return n;
}

const devices_data_row *devices_catalog_row(const devices_catalog *c, size_t i)
{
    size_t k;

    c = devices_or_builtin(c);
    if (i < c->nuser)
        return &c->user[i];
    i -= c->nuser;
    for (k = 0; k < devices_data_count; k++) {
        if (devices_replaced(c, &devices_data[k]))
            continue;
        if (i-- == 0)
            return &devices_data[k];
    }
    return NULL;
}

const qs_device *devices_catalog_get(const devices_catalog *c, size_t i)
{
    const devices_data_row *r = devices_catalog_row(c, i);

    return r != NULL ? &r->dev : NULL;
}

int devices_catalog_user(const devices_catalog *c, size_t i)
{
    return i < devices_or_builtin(c)->nuser;
}

const qs_device *devices_catalog_find(const devices_catalog *c, const char *name)
{
    size_t i;

    if (name == NULL)
        return NULL;
    c = devices_or_builtin(c);
    /* A built-in row of the id a user row has is never reached: the user
     * row matches first. */
    for (i = 0; i < c->nuser; i++)
        if (strcasecmp(c->user[i].dev.id, name) == 0)
            return &c->user[i].dev;
    for (i = 0; i < devices_data_count; i++)
        if (strcasecmp(devices_data[i].dev.id, name) == 0)
            return &devices_data[i].dev;
    return NULL;
}

/* The rows' match patterns (data/devices.tsv says where each comes from);
 * the first row, in catalog order, whose patterns fit the name wins. */
const qs_device *devices_catalog_match_name(const devices_catalog *c, const char *gpu_name)
{
    size_t i;

    if (gpu_name == NULL)
        return NULL;
    c = devices_or_builtin(c);
    for (i = 0; i < c->nuser; i++)
        if (device_row_matches(c->user[i].match, c->user[i].match_exact, gpu_name))
            return &c->user[i].dev;
    for (i = 0; i < devices_data_count; i++)
        if (!devices_replaced(c, &devices_data[i]) &&
            device_row_matches(devices_data[i].match, devices_data[i].match_exact, gpu_name))
            return &devices_data[i].dev;
    return NULL;
}

size_t devices_catalog_suggest(const devices_catalog *c, const char *name,
                               const qs_device **out, size_t max)
{
    const char *ids[DEVICES_SUGGEST_MAX];
    const qs_device *devs[DEVICES_SUGGEST_MAX];
    size_t idx[DEVICES_SUGGEST_MAX];
    size_t n = 0, i, k;

    if (out == NULL)
        return 0;
    c = devices_or_builtin(c);
    for (i = 0; i < c->nuser && n < DEVICES_SUGGEST_MAX; i++)
        devs[n++] = &c->user[i].dev;
    for (i = 0; i < devices_data_count && n < DEVICES_SUGGEST_MAX; i++)
        if (!devices_replaced(c, &devices_data[i]))
            devs[n++] = &devices_data[i].dev;
    for (i = 0; i < n; i++)
        ids[i] = devs[i]->id;
    if (max > n)
        max = n;
    k = suggest_best_of(name, ids, n, idx, max);
    for (i = 0; i < k; i++)
        out[i] = devs[idx[i]];
    return k;
}

int devices_catalog_resolve(const devices_catalog *c, const char *arg, qs_device *out)
{
    const qs_device *d;
    double bytes;

    if (arg == NULL || out == NULL)
        return -1;
    d = devices_catalog_find(c, arg);
    if (d != NULL) {
        *out = *d;
        return 0;
    }
    if (parse_bytes(arg, &bytes) != 0)
        return -1;
    return devices_from_bytes(bytes, arg, out);
}

int devices_from_row(const device_row *r, devices_data_row *out)
{
    if (r == NULL || out == NULL)
        return -1;
    memset(out, 0, sizeof *out);       /* padding too, as devices_host */
    out->dev = r->dev;
    out->dev.id = r->id;
    out->dev.name = r->name;
    out->match = r->match;
    out->match_exact = r->match_exact;
    out->verified = r->verified;
    out->source = r->source;
    return 0;
}

size_t devices_count(void)
{
    return devices_catalog_count(&devices_builtin_catalog);
}

const qs_device *devices_get(size_t i)
{
    return devices_catalog_get(&devices_builtin_catalog, i);
}

const qs_device *devices_find(const char *name)
{
    return devices_catalog_find(&devices_builtin_catalog, name);
}

const qs_device *devices_match_name(const char *gpu_name)
{
    return devices_catalog_match_name(&devices_builtin_catalog, gpu_name);
}

size_t devices_suggest(const char *name, const qs_device **out, size_t max)
{
    return devices_catalog_suggest(&devices_builtin_catalog, name, out, max);
}

/* 1 when share is in (0, 1]. */
static int devices_share_valid(double share)
{
    return share > 0.0 && share <= DEVICES_FULL_SHARE;
}

double devices_apple_share(double apple_share)
{
    return devices_share_valid(apple_share) ? apple_share : DEVICES_APPLE_GPU_SHARE;
}

double devices_share(const qs_device *d, double apple_share)
{
    double share;

    if (d == NULL)
        return MEMORY_ERROR;
    share = d->gpu_share;
    if (d->kind == DEV_KIND_APPLE && devices_share_valid(apple_share))
        share = apple_share;
    return devices_share_valid(share) ? share : MEMORY_ERROR;
}

double devices_usable_gib(const qs_device *d, double share_override)
{
    double share;

    if (d == NULL || !memory_is_positive(d->capacity_gib))
        return MEMORY_ERROR;
    share = devices_share_valid(share_override) ? share_override : d->gpu_share;
    if (!devices_share_valid(share))
        return MEMORY_ERROR;
    return d->capacity_gib * share;
}

int devices_host(double capacity_gib, const char *label, qs_device *out)
{
    if (label == NULL || out == NULL || !isfinite(capacity_gib) || capacity_gib < 0.0)
        return -1;
    /* Zeroed whole, padding too: the front end compares states bytewise. */
    memset(out, 0, sizeof *out);
    out->id = DEVICES_HOST_ID;
    out->name = label;
    out->kind = DEV_KIND_HOST;
    out->capacity_gib = capacity_gib;
    out->bandwidth_gbps = 0.0;
    out->gpu_share = DEVICES_FULL_SHARE;
    out->is_gpu = 0;
    return 0;
}

int devices_from_bytes(double bytes, const char *label, qs_device *out)
{
    if (label == NULL || out == NULL || !memory_is_positive(bytes))
        return -1;
    memset(out, 0, sizeof *out);       /* padding too, as devices_host */
    out->id = label;
    out->name = label;
    out->kind = DEV_KIND_CUSTOM;
    out->capacity_gib = bytes / MEMORY_BYTES_PER_GIB;
    out->bandwidth_gbps = 0.0;
    out->gpu_share = DEVICES_FULL_SHARE;
    out->is_gpu = 1;
    return 0;
}

int devices_resolve(const char *arg, qs_device *out)
{
    return devices_catalog_resolve(&devices_builtin_catalog, arg, out);
}

const char *devices_kind_name(dev_kind kind)
{
    return device_row_kind_name(kind);
}
