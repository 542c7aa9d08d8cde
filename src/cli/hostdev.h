/* hostdev.h - this machine as devices for the fit: its RAM and each GPU.
 *
 * Layer: cli: joins what the platform layer detected with the model
 * layer's device type. GPUs are listed one by one, never summed. */
#ifndef QS_HOSTDEV_H
#define QS_HOSTDEV_H

#include <stddef.h>

#include "model/devices.h"
#include "model/query.h"
#include "platform/host.h"

#define HOSTDEV_MAX (1 + HOST_MAX_GPUS)
#define HOSTDEV_LABEL_LEN 128

typedef struct {
    qs_device devs[HOSTDEV_MAX];
    char labels[HOSTDEV_MAX][HOSTDEV_LABEL_LEN];
    char ids[HOSTDEV_MAX][HOSTDEV_LABEL_LEN];
    size_t n;
    double ram_gib;            /* usable RAM, 0 when unknown */
} hostdev_set;

/* This machine's usable RAM in GiB (host_info_usable_bytes converted); 0
 * when unknown or info is NULL. */
double hostdev_ram_gib(const host_info *info);

/* Fills set from info: first this machine's usable RAM (devices_host: id
 * DEVICES_HOST_ID, name DEVICES_HOST_LABEL, when known), then each GPU
 * (id "gpu0", ...), its bandwidth that of the built-in device its name
 * stands for (devices_match_name). Returns the number of devices. */
size_t hostdev_from_info(const host_info *info, hostdev_set *set);

/* The same, the GPU names matched against catalog c (a user's rows first,
 * devices_catalog_match_name; NULL: the built-in table). */
size_t hostdev_from_catalog(const host_info *info, const devices_catalog *c, hostdev_set *set);

/* The label of this machine's GPUs when there are two or more: one rig. */
#define HOSTDEV_RIG_LABEL "this machine's GPUs"

/* Adds the set to q as this machine's devices (in front of the targets):
 * its RAM and any device that is not a GPU one by one, then its GPUs: one
 * alone as itself, two or more as one rig (HOSTDEV_RIG_LABEL, one
 * machine; at most RIG_GPUS_MAX). set must outlive q (the names point
 * into it). Returns 0, or -1 when q filled up. */
int hostdev_add_to_query(qs_query *q, const hostdev_set *set);

#endif
