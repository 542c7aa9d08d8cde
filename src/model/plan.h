/* plan.h - everything the model layer answers for a query.
 *
 * Layer 1 (model): pure. plan_compute() is the one function that turns a
 * query (query.h) into the need (weights, KV cache, overhead, each with
 * what it was computed from) and, for every device of the query, the
 * verdict, headroom, offload, best precision, largest context and speed
 * ceiling. The text report, the JSON report and every screen of the front
 * end print a plan; none of them computes a verdict. The front end
 * recomputes its plan when its query changes, not on every frame. */
#ifndef QS_PLAN_H
#define QS_PLAN_H

#include <stddef.h>

#include "model/fit.h"
#include "model/memory.h"
#include "model/query.h"
#include "model/split.h"
#include "model/wlayers.h"

typedef struct {
    qs_device device;          /* a copy of the query's device */
    int host;                  /* 1 for one of this machine's devices */
    fit_result fit;            /* verdict, usable, share, headroom, offload;
                                  fit.ok 0: the capacity is not usable */
    const qs_format *best;     /* highest named precision that is not "no
                                  fit"; NULL when none is */
    long max_ctx;              /* largest context that is not "no fit" at the
                                  query's bits; 0 none, -1 unknown (no
                                  architecture) */
    double tok_s;              /* decode ceiling (an upper bound) in tokens
                                  per second; 0 when the bandwidth is unknown
                                  or the model does not fit (with offload:
                                  split.tok_s, both bandwidths) */
    /* Issue 11: what runs it and what each GPU holds. A GPU target (a lone
     * GPU or a rig) is answered by its split: fit above is then the rig's
     * (the worst GPU's verdict, the least headroom, share of the fullest
     * GPU), best and max_ctx keep the runtime's margin and formats. This
     * machine's RAM and CPU devices keep the whole-need answer (split.ok 0). */
    const qs_runtime *runtime;
    int runtime_chosen;        /* 1: runtime_default chose it (shown as such) */
    int rig;                   /* 1: the target is a rig (several GPUs or machines) */
    split_plan split;
} plan_device;

typedef struct {
    int ok;                    /* 0: the query cannot be evaluated */
    fit_config config;         /* what the need was computed from */
    fit_need need;
    const qs_format *format;   /* the format the user named, or NULL */
    const qs_format *quality;  /* whose quality note applies: the named
                                  format, else the named precision nearest
                                  to the bits (plan.quality_near 1) */
    int quality_near;
    qs_savings savings;        /* from the baseline to the bits */
    int layers;                /* the model's layers; 0 without architecture */
    plan_device devices[QUERY_DEVICES_MAX];
    size_t ndevices;
    int any_apple;             /* some device is Apple silicon */
    int any_offload;           /* some device holds only some layers */
    int any_tok_s;             /* some device has a speed ceiling */
    int any_rig;               /* some device is a rig */
    wlayers layers_table;      /* the model block by block at the query's
                                  weights and KV (ok 0 without architecture) */
    /* What layers_table was made from, so that plan_update can rescale it
     * when only the weights' size changed (the slider at plain bits). */
    struct {
        const qs_model *shape;
        const qs_format *format;
        double bits;           /* the bits it was spread by (a format's, a rate) */
        long ctx;
        double kv_bits;
        int batch;
        double weights_bytes;  /* the total it was scaled to */
    } layers_key;
} qs_plan;

/* A cell of the table of every named precision on every device. */
typedef struct {
    int ok;                    /* 0: not evaluated (invalid configuration or
                                  capacity) */
    double need_gib;           /* total need at the format's bits */
    double share;              /* need / usable */
    fit_verdict verdict;
} plan_cell;

/* The plan for q. Returns 0, or -1 (and p->ok 0) when q cannot be
 * evaluated (invalid sizes, context or overhead). */
int plan_compute(const qs_query *q, qs_plan *p);

/* The same for a p that holds an earlier plan (plan_compute's or this
 * one's): when the model's block table would be spread the same way (the
 * same shape, format, context, KV type and batch, and, but for plain
 * bits, the same bits), it is rescaled instead of made anew from the
 * tensor list. The answer is plan_compute's to rounding. */
int plan_update(const qs_query *q, qs_plan *p);

/* The need and verdict of named precision f on the query's device i, at
 * the query's context, batch and KV cache (no offload: the table compares
 * whole fits). ok 0 when f or i is out of range or not evaluable. */
plan_cell plan_table_cell(const qs_query *q, const qs_format *f, size_t i);

#endif
