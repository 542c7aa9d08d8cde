/* optval_rig.h - the values of the rig and runtime options (issue 11):
 * --nodes, --tensor-split, --runtime, --gpu-memory, --margin,
 * --n-cpu-moe and --ram-bandwidth, and the rigs --device names.
 *
 * Layer: cli, used by options.c (its table names these setters) and
 * optval.c (optval_resolve_devices). Messages as optval.h's. */
#ifndef QS_OPTVAL_RIG_H
#define QS_OPTVAL_RIG_H

#include <stddef.h>

#include "cli/options_types.h"

/* The most blocks --n-cpu-moe may name: the most layers a model of the
 * catalog or of --layers has (OPTSHAPE_MAX_LAYERS, catalog_row.c's bound). */
#define OPTVAL_RIG_N_CPU_MOE_MAX 1024L
/* The largest --margin: 1 TiB, as --overhead's (OPTVAL_OVERHEAD_MAX_TIB). */
#define OPTVAL_RIG_MARGIN_MAX_TIB 1.0
/* The largest --ram-bandwidth in GB/s: above the fastest memory of any
 * catalogued device (B200 and B300 HBM3e, 8000 GB/s:
 * shared/reference/devices-serving-2026.md 1.3), far above any RAM
 * (twelve channels of DDR5-6400 are 614 GB/s, ibid. 1.9's rule). */
#define OPTVAL_RIG_RAM_BANDWIDTH_MAX_GBS 10000.0
/* The fewest --tensor-split proportions: one per GPU of a rig of two. */
#define OPTVAL_RIG_SPLIT_MIN 2

/* --nodes N: 1 .. RIG_NODES_MAX machines, kept in o->nodes. */
int optval_rig_nodes(options *o, const char *arg, char *err, size_t errsize);
/* --tensor-split A,B,...: OPTVAL_RIG_SPLIT_MIN .. RIG_GPUS_MAX
 * non-negative numbers separated by ',' or '/' (llama.cpp's syntax), not
 * all 0; kept in o->tensor_split. */
int optval_rig_tensor_split(options *o, const char *arg, char *err, size_t errsize);
/* --runtime NAME: a runtime's name or alias (runtime_find), any case. */
int optval_rig_runtime(options *o, const char *arg, char *err, size_t errsize);
/* --gpu-memory SIZE: each GPU's usable memory, OPTVAL_DEVICE_MIN_MIB to
 * OPTVAL_DEVICE_MAX_TIB. */
int optval_rig_gpu_memory(options *o, const char *arg, char *err, size_t errsize);
/* --margin SIZE: 0 (none) or a size up to OPTVAL_RIG_MARGIN_MAX_TIB. */
int optval_rig_margin(options *o, const char *arg, char *err, size_t errsize);
/* --n-cpu-moe N: 0 .. OPTVAL_RIG_N_CPU_MOE_MAX blocks. */
int optval_rig_n_cpu_moe(options *o, const char *arg, char *err, size_t errsize);
/* --ram-bandwidth GBS: decimal GB/s above 0, at most
 * OPTVAL_RIG_RAM_BANDWIDTH_MAX_GBS. */
int optval_rig_ram_bandwidth(options *o, const char *arg, char *err, size_t errsize);

/* With the user's catalogs loaded, before optval_resolve_devices (both
 * from options_resolve): each target that --device gave as a rig
 * (rig_is_spec), held by its spec, parsed with o->query.device_catalog
 * into the target's rig. A refusal names the whole value and the term at
 * fault: "--device '2xrtx-309': 'rtx-309' is not ...; did you mean
 * rtx-3090?". */
int optval_rig_resolve(options *o, char *err, size_t errsize);

/* Once every target is resolved (options_resolve, last): --nodes makes each target a rig of that
 * many machines, --tensor-split goes to each rig of as many GPUs (a count
 * that matches no target is refused); either without a target is
 * refused ("--nodes needs --device"). */
int optval_rig_apply(options *o, char *err, size_t errsize);

#endif
