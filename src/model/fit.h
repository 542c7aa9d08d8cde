/* fit.h - does a model at a precision fit on a device, and what fits best.
 *
 * Layer 1 (model): pure arithmetic over the catalogs. Total = weights +
 * KV cache + runtime overhead, each kept apart so faces can show the
 * working. Verdicts come from the share of the device's usable capacity. */
#ifndef QS_FIT_H
#define QS_FIT_H

#include "model/devices.h"
#include "model/exact.h"
#include "model/formats.h"
#include "model/kvarch.h"
#include "model/models.h"

#define FIT_DEFAULT_CTX 4096L
#define FIT_DEFAULT_BATCH 1
/* Runtime overhead on a GPU (CUDA context and compute buffers): about
 * 0.5 GiB (ollama reserves 457 MiB per GPU; PyTorch's context 300-700 MB;
 * see shared notes.md). */
#define FIT_DEFAULT_OVERHEAD_GIB 0.5
/* Verdict thresholds on total / usable capacity: up to FIT_SHARE_FITS
 * "fits", up to FIT_SHARE_TIGHT "tight", above it "no fit". */
#define FIT_SHARE_FITS 0.85
#define FIT_SHARE_TIGHT 1.0

/* In order of worsening: a rig's verdict is the worst of its GPUs'.
 * FIT_OFFLOAD: it does not fit in GPU memory, but runs with part of it in
 * RAM (layers or experts; split.h). */
typedef enum { FIT_FITS, FIT_TIGHT, FIT_OFFLOAD, FIT_NO_FIT } fit_verdict;

typedef struct {
    double params;          /* total parameters (all experts resident) */
    double active_params;   /* parameters read per token (MoE); = params if dense */
    double bits;            /* bits per weight */
    const qs_model *model;  /* whose architecture holds the KV cache (the
                               catalog model, or the one a custom size is
                               assumed to be shaped like); NULL = unknown */
    long ctx;               /* context tokens */
    int batch;              /* sequences */
    double kv_bits;         /* bits per KV element (KV_BITS_*) */
    double overhead_gib;    /* runtime overhead */
    const exact_table *exact;  /* the named formats' exact bits for the model
                                  (fit_best_format), or NULL: their own */
    const kvarch_profile *kv;  /* the model's cache profile, or NULL: made
                                  from model->arch at each need */
} fit_config;

typedef struct {
    double weights_gib;
    double kv_gib;          /* 0 when the architecture is unknown */
    kvarch_breakdown kv;    /* the cache by layer kind (bytes); zero when unknown */
    double overhead_gib;
    double total_gib;
    int kv_known;           /* 0 for a custom size without architecture */
    int ok;                 /* 0 when the configuration is invalid */
} fit_need;

typedef struct {
    fit_verdict verdict;
    double usable_gib;      /* usable capacity of the device */
    double share;           /* total / usable */
    double headroom_gib;    /* usable - total (negative when it does not fit) */
    int gpu_layers;         /* partial offload: layers that fit on the GPU when
                               the whole does not but GPU + RAM does; -1 n/a */
    int ok;                 /* 0 when need, device or ram_gib is invalid: then
                               verdict FIT_NO_FIT, numbers MEMORY_ERROR */
} fit_result;

/* Defaults for a model: FIT_DEFAULT_CTX, f16 cache, batch 1, default
 * overhead; arch may be NULL for a custom size. */
fit_config fit_config_default(double params, double bits, const qs_model *model);

/* The parts of the memory need and their total. */
fit_need fit_need_of(const fit_config *c);

/* The verdict of `need` on device d; apple_share overrides the Apple GPU
 * share when > 0; ram_gib (> 0) is the host RAM available for a partial
 * offload, 0 for none. Verdict: share = total / usable; share <=
 * FIT_SHARE_FITS fits, <= FIT_SHARE_TIGHT tight (both bounds inclusive),
 * else no fit. Partial offload (discrete GPUs and custom sizes, not unified
 * memory): when the verdict is no fit, c->model is known and total <=
 * usable + ram_gib, the verdict is FIT_OFFLOAD and gpu_layers = the most
 * whole layers of size (weights + KV) / layers that fit in usable -
 * overhead (the overhead stays on the GPU); 0 when none does. (GPU targets
 * of a plan are answered by their split, split.h; this whole-need answer
 * serves the picker, the table and this machine's RAM.) */
fit_result fit_on_device(const fit_need *need, const fit_config *c, const qs_device *d,
                         double apple_share, double ram_gib);

/* The highest-bits named precision whose configuration does not get
 * "no fit" on d; NULL when none does. TERNARY is never proposed: it needs
 * a ternary-trained model, it is not a conversion. */
const qs_format *fit_best_format(const fit_config *c, const qs_device *d, double apple_share);

/* The largest context (tokens) that does not get "no fit" on d at c->bits,
 * at most the model's max_ctx (exact: a search on fit_on_device's verdict);
 * 0 when even one token does not fit, -1 when the KV cache is unknown or
 * the configuration is invalid. */
long fit_max_ctx(const fit_config *c, const qs_device *d, double apple_share);

/* Upper bound on decode speed on d in tokens/s: bandwidth (GB/s x 10^9) /
 * bytes read per token (active weights + the KV cache at c->ctx tokens, all
 * batch sequences); 0 when the bandwidth is unknown, MEMORY_ERROR for
 * an invalid configuration. */
double fit_decode_ceiling(const fit_config *c, const qs_device *d);

/* The most whole layers of `per_layer` GiB that fit in `avail` GiB, at
 * most `layers` (the floor of the division, corrected where rounding in it
 * would claim one layer too many); 0 when nothing fits or on bad input. */
int fit_layers_in(double avail, double per_layer, int layers);

/* "fits", "tight", "offload" or "no fit". */
const char *fit_verdict_word(fit_verdict v);

#endif
