/* hostdev.c - this machine as devices for the fit. */
#include <stdio.h>
#include <string.h>

#include "face/hostdev.h"
#include "model/memory.h"

size_t hostdev_from_info(const host_info *info, hostdev_set *set)
{
    double ram = host_info_usable_gib(info);
    int i;

    memset(set, 0, sizeof *set);
    if (ram > 0) {
        qs_device *d = &set->devs[set->n];
        snprintf(set->ids[set->n], HOSTDEV_LABEL_LEN, "host");
        snprintf(set->labels[set->n], HOSTDEV_LABEL_LEN, "this machine (RAM)");
        d->id = set->ids[set->n];
        d->name = set->labels[set->n];
        d->kind = DEV_KIND_HOST;
        d->capacity_gib = ram;
        d->bandwidth_gbps = 0.0;
        d->gpu_share = 1.0;
        d->is_gpu = 0;
        set->ram_gib = ram;
        set->n++;
    }
    for (i = 0; i < info->n_gpus && set->n < HOSTDEV_MAX; i++) {
        const host_gpu *g = &info->gpus[i];
        qs_device *d = &set->devs[set->n];

        if (!(g->total_bytes > 0))
            continue;
        snprintf(set->ids[set->n], HOSTDEV_LABEL_LEN, "gpu%d", i);
        snprintf(set->labels[set->n], HOSTDEV_LABEL_LEN, "GPU %d: %s", i, g->name);
        d->id = set->ids[set->n];
        d->name = set->labels[set->n];
        d->kind = DEV_KIND_GPU;
        d->capacity_gib = g->total_bytes / MEM_BYTES_PER_GIB;
        d->bandwidth_gbps = 0.0;
        d->gpu_share = 1.0;
        d->is_gpu = 1;
        set->n++;
    }
    return set->n;
}
