/* hostdev.c - this machine as devices for the fit.
 *
 * snprintf results are ignored: ids and labels are cut to
 * HOSTDEV_LABEL_LEN, which is all a label needs. */
#include <stdio.h>
#include <string.h>

#include "cli/hostdev.h"
#include "model/memory.h"

/* A GPU's id in the fit ("gpu0") and its label ("GPU 0: <name>"). */
#define HOSTDEV_GPU_ID "gpu%d"
#define HOSTDEV_GPU_LABEL "GPU %d: %s"

double hostdev_ram_gib(const host_info *info)
{
    double bytes = host_info_usable_bytes(info);

    return bytes > 0.0 ? bytes / MEMORY_BYTES_PER_GIB : 0.0;
}

size_t hostdev_from_info(const host_info *info, hostdev_set *set)
{
    return hostdev_from_catalog(info, devices_builtin(), set);
}

size_t hostdev_from_catalog(const host_info *info, const devices_catalog *c, hostdev_set *set)
{
    double ram = hostdev_ram_gib(info);
    int i;

    memset(set, 0, sizeof *set);
    if (ram > 0.0 && devices_host(ram, DEVICES_HOST_LABEL, &set->devs[set->n]) == 0) {
        set->ram_gib = ram;
        set->n++;
    }
    for (i = 0; info != NULL && i < info->n_gpus && set->n < HOSTDEV_MAX; i++) {
        const host_gpu *g = &info->gpus[i];
        qs_device *d = &set->devs[set->n];
        const qs_device *known;

        (void)snprintf(set->ids[set->n], HOSTDEV_LABEL_LEN, HOSTDEV_GPU_ID, i);
        (void)snprintf(set->labels[set->n], HOSTDEV_LABEL_LEN, HOSTDEV_GPU_LABEL, i, g->name);
        /* A GPU of that size (whole memory, bandwidth unknown), named. */
        if (devices_from_bytes(g->total_bytes, set->labels[set->n], d) != 0)
            continue;
        d->id = set->ids[set->n];
        d->kind = DEV_KIND_GPU;
        /* Its memory as detected; its bandwidth, compute and kind (a
         * data-centre GPU's runtime is vLLM, runtime.h) from the catalogue. */
        known = devices_catalog_match_name(c, g->name);
        if (known != NULL) {
            d->bandwidth_gbps = known->bandwidth_gbps;
            d->tflops = known->tflops;
            if (known->kind == DEV_KIND_DATACENTER)
                d->kind = DEV_KIND_DATACENTER;
        }
        set->n++;
    }
    return set->n;
}

int hostdev_add_to_query(qs_query *q, const hostdev_set *set)
{
    qs_rig rig;
    size_t i;

    memset(&rig, 0, sizeof rig);
    rig.label = HOSTDEV_RIG_LABEL;
    rig.nodes = 1;
    for (i = 0; i < set->n; i++) {
        if (!set->devs[i].is_gpu || set->devs[i].kind == DEV_KIND_HOST) {
            if (query_add_device(q, &set->devs[i], 1) != 0)
                return -1;
        } else if (rig.ngpu < RIG_GPUS_MAX) {
            rig.gpu[rig.ngpu++] = set->devs[i];
        }
    }
    if (rig.ngpu == 1)
        return query_add_device(q, &rig.gpu[0], 1);
    if (rig.ngpu > 1)
        return query_add_rig(q, &rig, 1);
    return 0;
}
