/* query.h - everything a user asks: the model, the weights, the context,
 * the batch, the KV cache type, the overhead and the devices.
 *
 * Layer 1 (model): a plain value, no I/O. The command line builds one
 * (cli/options.c), the front end owns one in its state and changes it with
 * actions, a test builds one in three lines. Every default is decided here,
 * in query_init(), and nowhere else; plan_compute() (plan.h) turns a query
 * into the answer every face prints. Later capabilities (rigs, runtimes,
 * workloads) add their fields here. */
#ifndef QS_QUERY_H
#define QS_QUERY_H

#include <stddef.h>

#include "model/devices.h"
#include "model/exact.h"
#include "model/fit.h"
#include "model/formats.h"
#include "model/models.h"
#include "model/rig.h"
#include "model/runtime.h"
#include "model/workload.h"

/* Devices one query can hold: this machine's RAM and each of its GPUs
 * (1 + HOST_MAX_GPUS = 17) and the targets named after them (at most
 * QUERY_TARGETS_MAX). */
#define QUERY_TARGETS_MAX 8
#define QUERY_DEVICES_MAX 25

/* The model size when none is given: 7B (the lesson's first example). */
#define QUERY_DEFAULT_PARAMS 7e9
/* The precision when none is given: FP16, the usual default. */
#define QUERY_DEFAULT_BITS 16.0
/* The precision savings are measured from: FP16. */
#define QUERY_DEFAULT_BASELINE_BITS 16.0

typedef struct {
    /* The catalog models are looked up in (the built-in one, or with a
     * user's rows before it). */
    const models_catalog *catalog;
    /* The catalog --device names are looked up in, likewise (the built-in
     * table, or with a user's devices before it; NULL: the built-in). */
    const devices_catalog *device_catalog;
    /* The model: a catalog entry, or a bare size (model NULL). */
    double params;
    const qs_model *model;
    /* Whose architecture the KV cache, the layers and the per-tensor sizes
     * follow: the model itself; for a bare size the catalog model of
     * `family` nearest in size (shape_assumed 1), or the user's own shape
     * (shape_custom 1: --layers, --kv-heads, ...); NULL when none. */
    const qs_model *shape;
    const char *family;        /* for the assumption; NULL: MODELS_DEFAULT_FAMILY */
    int shape_assumed;
    int shape_custom;
    kvarch_profile kv;         /* the shape's cache, by groups of layers */
    /* The weights: bits per weight, and the format the user named (NULL
     * for plain bits). A format is never looked up by its bits: AWQ and
     * GPTQ have the same size and stay what the user chose. */
    double bits;
    const qs_format *format;
    double rate;               /* a variable-rate format's (EXL2, EXL3) bits as
                                  asked; bits is then its exact size */
    /* A model read from files (model->stored): stored 1 while the weights
     * are the files' exact bytes (query_set_model sets it, a change of
     * weights drops it); the catalog model of its shape and what that one
     * predicts for the stored type (0: nothing predicted). */
    int stored;
    const qs_model *stored_match;
    int64_t stored_predicted_bytes;
    /* The savings baseline, likewise. */
    double baseline_bits;
    const qs_format *baseline_format;
    double baseline_rate;
    /* Every named format's exact bits for the catalog model (exact.h):
     * a named format's `bits` above are these, not the format's own. */
    exact_table exact;
    /* The fit. */
    long ctx;                  /* context tokens */
    int batch;                 /* sequences sharing the device */
    double kv_bits;            /* bits per KV element (KV_BITS_*) */
    double overhead_gib;       /* runtime overhead per device; 0: none */
    double apple_share;        /* Apple GPU share of unified memory; 0: each
                                  device's own (DEVICES_APPLE_GPU_SHARE) */
    double ram_gib;            /* this machine's usable RAM, where a GPU's
                                  partial offload spills; 0: none or unknown */
    int ram_given;             /* 1: ram_gib is the user's, not detected */
    /* The devices, in order: first the `nhost` of this machine (its RAM,
     * then each GPU), then the targets. */
    qs_device devices[QUERY_DEVICES_MAX];
    size_t ndevices;
    size_t nhost;
    /* devices[i] as a rig: rigs[i].ngpu 0 for a lone device (a rig of
     * devices[i] alone, one machine); else its GPUs and machines, and
     * devices[i] is the rig as one row (rig_as_device). */
    qs_rig rigs[QUERY_DEVICES_MAX];
    /* What runs it (issue 11). */
    runtime_id runtime;        /* RUNTIME_AUTO: each target's runtime_default */
    double gpu_memory_gib;     /* --gpu-memory: each GPU's usable memory; 0: its own */
    double margin_gib;         /* free memory kept per GPU by best precision and
                                  largest context; < 0: the runtime's */
    int n_cpu_moe;             /* --n-cpu-moe N; -1: the smallest that fits */
    double ram_bandwidth_gbs;  /* RAM bandwidth for offloaded weights; 0: assumed */
    /* Serving and fine-tuning (issue 12, workload.h). */
    qs_serve_ask serve;
    qs_train_ask train;
} qs_query;

/* The defaults: 7B at FP16 against an FP16 baseline, FIT_DEFAULT_CTX
 * tokens, batch FIT_DEFAULT_BATCH, an f16 KV cache, FIT_DEFAULT_OVERHEAD_GIB
 * of overhead, each Apple device's own share, no RAM, no devices. */
void query_init(qs_query *q);

/* Sets the model to a catalog entry (its exact parameter count) or, with
 * m NULL, to a bare size of `params` shaped like the nearest catalog model
 * of q->family (models_nearest), unless the user's own shape is set. A
 * model read from files (m->stored) brings its weights as stored: its
 * type's named format (or plain bits) at the files' exact bits; without a
 * known architecture it has no shape (the KV cache is then unknown). */
void query_set_model(qs_query *q, const qs_model *m, double params);

/* Sets the user's own shape for a bare size (kept by pointer; NULL drops
 * it and the size is shaped like the nearest catalog model again). */
void query_set_shape(qs_query *q, const qs_model *shape);

/* Sets the weights to a named format, or with f NULL to plain `bits`;
 * likewise the baseline. A named format's bits are its exact size for the
 * catalog model (query_format_bits); for a variable-rate format `bits` is
 * the rate asked (0: the format's default). */
void query_set_weights(qs_query *q, const qs_format *f, double bits);
void query_set_baseline(qs_query *q, const qs_format *f, double bits);

/* Appends a device: a target, or with `host` 1 one of this machine's
 * (kept before every target). Returns 0, or -1 when the query is full or
 * d is NULL. */
int query_add_device(qs_query *q, const qs_device *d, int host);

/* Appends a rig (copied; a rig of one GPU on one machine is added as
 * that device alone): as query_add_device. Returns 0, or -1 when the
 * query is full, r is NULL or empty. */
int query_add_rig(qs_query *q, const qs_rig *r, int host);

/* Device i as a rig (a lone device's one-GPU rig made in *tmp); NULL when
 * i is out of range. */
const qs_rig *query_rig(const qs_query *q, size_t i, qs_rig *tmp);

/* The runtime for device i: the query's, else runtime_default for its
 * first GPU and the query's format. */
const qs_runtime *query_runtime(const qs_query *q, size_t i);

/* This machine's usable RAM as detected (GiB, 0 when unknown): the RAM a
 * GPU's partial offload spills into, unless the user gave one. */
void query_set_host_ram(qs_query *q, double gib);

/* Named format f's bits for the query's model: its exact size where the
 * model and the format's layout are known (exact.h), else f->bits. */
double query_format_bits(const qs_query *q, const qs_format *f);

/* The number of targets (devices that are not this machine's). */
size_t query_targets(const qs_query *q);

/* The fit configuration of the query at `bits`. */
fit_config query_fit_config(const qs_query *q, double bits);

/* The model's display name: the catalog name, or "custom model". */
const char *query_model_label(const qs_query *q);

/* The weights' name: the named format's, or NULL for plain bits. */
const char *query_format_name(const qs_query *q);

#endif
