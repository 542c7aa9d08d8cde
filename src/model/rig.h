/* rig.h - several GPUs in one machine, times a number of machines.
 *
 * Layer 1 (model): plain data and a pure parser, no I/O. A rig is what
 * `--device 2xrtx-3090`, `--device rtx-4090+rtx-3090` or `--device
 * 8xh100-sxm --nodes 2` names: the GPUs of one machine in order (kinds may
 * differ), and how many such machines there are. The machine's RAM, where a
 * partial offload spills, is the query's (query.h ram_gib). A lone device
 * is a rig of one GPU on one machine. split.h says what each GPU of a rig
 * holds under a runtime. */
#ifndef QS_RIG_H
#define QS_RIG_H

#include <stddef.h>

#include "model/devices.h"

/* GPUs one machine of a rig may hold (an HGX board has 8; 16 leaves room
 * for 16-GPU servers), and machines one rig may span. */
#define RIG_GPUS_MAX 16
#define RIG_NODES_MAX 16

typedef struct {
    const char *label;            /* as the user wrote it, or the device's id
                                     (kept by pointer: argv, a static string) */
    qs_device gpu[RIG_GPUS_MAX];  /* one machine's GPUs, in order (names and
                                     ids kept by pointer, as qs_device's) */
    int ngpu;                     /* 1 .. RIG_GPUS_MAX */
    int nodes;                    /* machines, 1 .. RIG_NODES_MAX */
    /* --tensor-split: each GPU's proportion of the layers; all 0: in
     * proportion to each GPU's usable memory (llama.cpp's default). */
    double split[RIG_GPUS_MAX];
} qs_rig;

/* What rig_parse refuses. */
typedef enum {
    RIG_OK = 0,
    RIG_ERR_EMPTY,      /* an empty term ("rtx-4090+", "++") */
    RIG_ERR_COUNT,      /* a count that is not 1 .. RIG_GPUS_MAX ("0xrtx-3090") */
    RIG_ERR_DEVICE,     /* a term that is neither a device of the catalog nor a size */
    RIG_ERR_NOT_GPU,    /* a device that is not an accelerator (laptop, board) */
    RIG_ERR_TOO_MANY    /* more than RIG_GPUS_MAX GPUs in all */
} rig_error;

/* 1 when `arg` is written as a rig: a '+' in it, or a leading count
 * ("2x", "8X"); 0 for a plain device name or size (devices_catalog_resolve
 * takes those). */
int rig_is_spec(const char *arg);

/* Parses "TERM[+TERM...]", each TERM "[Nx]DEVICE" where DEVICE is a
 * catalogued id (any case) or a size ("24GiB"), into *out: the GPUs in
 * order, nodes 1, no --tensor-split, label = arg. arg must outlive *out
 * (the label, and a size's device name, point into it: a size's name is
 * the whole arg, as the GPUs of a size have no name of their own). Returns RIG_OK, or the error with *bad_at and
 * *bad_len (either may be NULL) the offset and length of the term at fault
 * in arg; *out is untouched then (a NULL arg or out is RIG_ERR_EMPTY at 0,
 * length 0; a NULL c is the built-in catalog). A count is digits only, no
 * leading zero. A Mac or a phone (DEV_KIND_APPLE, DEV_KIND_PHONE) is one
 * device with its own memory: a count above 1 of it, or it beside other
 * GPUs, is RIG_ERR_NOT_GPU (several Macs are --nodes); the term at fault is
 * the Mac's. Never reads past the NUL of arg. */
rig_error rig_parse(const devices_catalog *c, const char *arg, qs_rig *out, size_t *bad_at,
                    size_t *bad_len);

/* A rig of the one device d: label d->id, one GPU, one node. Returns 0, or
 * -1 when d or out is NULL. */
int rig_of_device(const qs_device *d, qs_rig *out);

/* The GPUs of the whole rig: ngpu x nodes (0 for NULL). */
int rig_gpu_count(const qs_rig *r);

/* 1 when every GPU of the machine is the same device (same id, any case,
 * and the same capacity, as GPUs given as sizes all carry the spec as
 * id); 0 for NULL or an empty rig. */
int rig_uniform(const qs_rig *r);

/* The rig as one device for the faces that show one row per target:
 * id and name = r->label (kept by pointer), the
 * first GPU's kind, is_gpu and share, capacity = the sum of the GPUs'
 * capacities x nodes, bandwidth and tflops = the first GPU's. Returns 0,
 * or -1 for a NULL argument, an empty rig or nodes < 1. */
int rig_as_device(const qs_rig *r, qs_device *out);

/* A short phrase for an error (rig_error) that completes
 * "quantscope: --device 'SPEC': TERM ...", e.g. "is not a device of the
 * catalog or a size (24GiB)"; "" for RIG_OK. */
const char *rig_error_text(rig_error e);

#endif
