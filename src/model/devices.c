/* devices.c - the catalog of devices.
 *
 * The rows are data: data/devices.tsv, one device a line with its source
 * (nvidia-smi totals, UNVERIFIED marks, bandwidth sources), turned into
 * the table devices_data (devices_data.h) by tools/gendata at build time.
 * Capacities are GiB, bandwidths decimal GB/s, as that file explains. */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "model/device_row.h"
#include "model/devices.h"
#include "model/devices_data.h"
#include "model/memory.h"
#include "model/parse.h"
#include "model/suggest.h"

size_t devices_count(void)
{
    return devices_data_count;
}

const qs_device *devices_get(size_t i)
{
    return i < devices_data_count ? &devices_data[i].dev : NULL;
}

const qs_device *devices_find(const char *name)
{
    size_t i;

    if (name == NULL)
        return NULL;
    for (i = 0; i < devices_data_count; i++)
        if (strcasecmp(devices_data[i].dev.id, name) == 0)
            return &devices_data[i].dev;
    return NULL;
}

static const char *devices_id_at(size_t i)
{
    return devices_data[i].dev.id;
}

/* The rows' match patterns (data/devices.tsv says where each comes from);
 * the first row, in table order, whose patterns fit the name wins. */
const qs_device *devices_match_name(const char *gpu_name)
{
    size_t i;

    if (gpu_name == NULL)
        return NULL;
    for (i = 0; i < devices_data_count; i++)
        if (device_row_matches(devices_data[i].match, devices_data[i].match_exact, gpu_name))
            return &devices_data[i].dev;
    return NULL;
}

size_t devices_suggest(const char *name, const qs_device **out, size_t max)
{
    size_t idx[DEVICES_DATA_MAX];
    size_t n, i;

    if (out == NULL)
        return 0;
    if (max > devices_data_count)
        max = devices_data_count;
    if (max > DEVICES_DATA_MAX)
        max = DEVICES_DATA_MAX;
    n = suggest_best(name, devices_data_count, devices_id_at, idx, max);
    for (i = 0; i < n; i++)
        out[i] = &devices_data[idx[i]].dev;
    return n;
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
    const qs_device *d;
    double bytes;

    if (arg == NULL || out == NULL)
        return -1;
    d = devices_find(arg);
    if (d != NULL) {
        *out = *d;
        return 0;
    }
    if (parse_bytes(arg, &bytes) != 0)
        return -1;
    return devices_from_bytes(bytes, arg, out);
}

const char *devices_kind_name(dev_kind kind)
{
    return device_row_kind_name(kind);
}
