/* host.h - what this machine offers a model: RAM, cgroup limit, GPUs.
 *
 * Layer 4 (platform). Everything is read below a root directory ("/" for
 * this machine; tests point it at fixture trees with a fake proc/ and sys/):
 *   RAM       proc/meminfo MemTotal, MemAvailable (macOS with root "/":
 *             sysctl hw.memsize, total only)
 *   cgroup    v2 sys/fs/cgroup/<path>/memory.max ("max" = none) and
 *             v1 sys/fs/cgroup/memory/<path>/memory.limit_in_bytes, for the
 *             process's cgroup from proc/self/cgroup and each ancestor (the
 *             smallest limit binds); without proc/self/cgroup, the top files
 *   AMD GPUs  sys/class/drm/cardN/device/mem_info_vram_total (+ vendor,
 *             product_name, mem_info_vram_used when present)
 *   NVIDIA    NVML (libnvidia-ml.so.1) loaded at run time in a child
 *             process that must answer within a bound, see nvml.h
 * GPUs are listed one by one, never summed. Missing, unreadable or
 * malformed files never stop detection: each becomes one message. Nothing
 * blocks: only regular files are read (a FIFO or device node is refused
 * unopened), each read is bounded (ROOTFS_DATA_MAX), a hung NVML is given
 * up on after host_options.nvml_timeout_ms. */
#ifndef QS_HOST_H
#define QS_HOST_H

#include <stddef.h>

#include "platform/host_types.h"

/* host_options.probe bits: what host_detect reads; 0 (or no known bit)
 * means everything. Without HOST_PROBE_GPUS, NVML is neither loaded nor
 * initialised and sys/class/drm is not read; without HOST_PROBE_RAM,
 * neither meminfo nor the cgroup files are. */
#define HOST_PROBE_RAM 1u       /* proc/meminfo (or sysctl) and the cgroup limit */
#define HOST_PROBE_GPUS 2u      /* sys/class/drm and NVML */
#define HOST_PROBE_ALL (HOST_PROBE_RAM | HOST_PROBE_GPUS)

/* How long the NVML probe may take (milliseconds) before its GPUs are
 * given up on. A wedged driver (a GPU fallen off the bus, a hung kernel
 * module) makes nvmlInit_v2 never return; a healthy one answers in well
 * under a second (nvidia-smi, which makes the same calls, prints at once),
 * slower only without persistence mode, when the driver sets up each GPU
 * first. 3 s is an estimate past a healthy answer on a typical machine and
 * short enough for an interactive report; callers on large multi-GPU hosts
 * without persistence mode can pass a longer host_options.nvml_timeout_ms. */
#define HOST_NVML_TIMEOUT_MS 3000

/* The cgroup hierarchy a memory limit came from (host_info.cgroup_version
 * holds one of these; the numbers are the versions). */
typedef enum {
    HOST_CGROUP_NONE = 0,           /* no cgroup memory file found */
    HOST_CGROUP_V1 = 1,
    HOST_CGROUP_V2 = 2
} host_cgroup_version;

typedef struct {
    const char *root;               /* NULL or "/": this machine */
    const struct nvml_api *nvml;    /* NULL: the real NVML (dlopen) when root
                                       is "/", no NVML otherwise; tests pass
                                       a fake (host_types.h, nvml.h) */
    unsigned probe;                 /* HOST_PROBE_* bits; 0: all */
    int nvml_timeout_ms;            /* bound on the NVML probe; <= 0:
                                       HOST_NVML_TIMEOUT_MS */
} host_options;

typedef struct {
    char root[HOST_PATH_LEN];       /* the root read from */
    double ram_total_bytes;         /* MemTotal / hw.memsize, or HOST_UNKNOWN */
    double ram_available_bytes;     /* MemAvailable, or HOST_UNKNOWN */
    char ram_source[HOST_PATH_LEN]; /* file read or "sysctl hw.memsize"; "" */
    int cgroup_version;             /* a host_cgroup_version */
    double cgroup_limit_bytes;      /* the binding limit; 0 = none */
    char cgroup_source[HOST_PATH_LEN]; /* file giving that limit (or the one
                                       that said "max"); "" when none read */
    double usable_bytes;            /* see host_info_usable_bytes; HOST_UNKNOWN */
    host_gpu gpus[HOST_MAX_GPUS];
    int n_gpus;
    char nvml_status[HOST_MSG_LEN]; /* what NVML gave: "2 GPUs reported",
                                       "not found: ...", "not queried (root
                                       is not /)", "not queried (GPUs not
                                       asked for)", "NVML did not answer
                                       within 3 s; GPUs not listed" */
    char messages[HOST_MAX_MESSAGES][HOST_MSG_LEN]; /* problems, one a line */
    int n_messages;
    int messages_dropped;           /* messages past HOST_MAX_MESSAGES */
} host_info;

/* Detects RAM, the cgroup limit and the GPUs below opt->root (opt may be
 * NULL: this machine, real NVML). Always fills out completely. Returns 0
 * when everything found was read cleanly, 1 when something was missing or
 * malformed (see out->messages), -1 when out is NULL. */
int host_detect(const host_options *opt, host_info *out);

/* RAM a model can use, in bytes: MemAvailable (MemTotal when that is
 * unknown, e.g. on macOS), capped by the cgroup limit. Available rather
 * than total, because memory other programs hold is not free for the model
 * (the kernel's own estimate of what can be had without swapping); the
 * cgroup cap because the kernel kills the process past it. Returns
 * HOST_UNKNOWN when RAM is unknown or info is NULL. */
double host_info_usable_bytes(const host_info *info);

/* Appends a message to info (formatted like printf, one line); past
 * HOST_MAX_MESSAGES it is counted in messages_dropped. For nvml.c. */
void host_info_add_message(host_info *info, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
