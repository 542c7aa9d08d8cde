/* hostdev.h - this machine as devices for the fit: its RAM and each GPU.
 *
 * Layer 3 (faces): joins what the platform layer detected with the model
 * layer's device type. GPUs are listed one by one, never summed. */
#ifndef QS_HOSTDEV_H
#define QS_HOSTDEV_H

#include <stddef.h>

#include "model/devices.h"
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

/* Fills set from info: first this machine's usable RAM (kind
 * DEV_KIND_HOST, id "host", when known), then each GPU (id "gpu0", ...).
 * Returns the number of devices. */
size_t hostdev_from_info(const host_info *info, hostdev_set *set);

#endif
