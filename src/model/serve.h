/* serve.h - the serving plan: what a rig does with a workload.
 *
 * Layer 1 (model): pure arithmetic over a query (query.h: its model,
 * weights, rig, runtime and q->serve) and the plan computed for it
 * (plan.h). For one target device it answers, each figure apart so that
 * the faces can show the working:
 *   the KV cache of one request at prompt + output tokens, the KV pool the
 *   runtime leaves (vLLM's way: utilisation x capacity - weights -
 *   activation peak - runtime overhead) and the most requests it holds at
 *   once (no more than the runtime's max_num_seqs);
 *   decode from a roofline: each step reads the weights once and every
 *   running request's KV cache at bandwidth x SERVE_BW_EFFICIENCY, plus
 *   SERVE_STEP_OVERHEAD_S, unless the compute bound (2 x active parameters
 *   x batch / (peak FLOPS x SERVE_COMPUTE_EFFICIENCY)) is slower; prefill
 *   from the compute bound; time to first token and time per request;
 *   the load at the peak (average x peak factor), the replicas (rigs) it
 *   needs, GPU-hours per day (always on), the cost per month and per
 *   request from the GPU price (the user's, or the dated price table's).
 * serve_compare() answers the same for several formats and recommends the
 * cheapest whose sourced quality loss is within a limit. */
#ifndef QS_SERVE_H
#define QS_SERVE_H

#include <stddef.h>

#include "model/formats.h"
#include "model/plan.h"
#include "model/quality.h"
#include "model/query.h"

/* Formats one comparison takes. */
#define SERVE_COMPARE_MAX 8
/* The rule when none is given: the cheapest format within 1% quality
 * loss (a choice: the lesson's "a loss users will not notice"). */
#define SERVE_MAX_LOSS_DEFAULT_PCT 1.0
/* Room for a recommendation's and a dominant assumption's sentence. */
#define SERVE_TEXT_MAX 512

/* The roofline's efficiencies (shared/reference/devices-serving-2026.md
 * 3.3 and 3.4). Decode reads memory at 75-87 % of peak on GPUs running 16-
 * and 8-bit weights, with a fixed few ms a step on top: the reference
 * suggests t = bytes / (0.85 x BW) + 1-3 ms (a suggestion: the fit is not
 * done, so both are UNVERIFIED and shown as assumed). Prefill and large
 * batches reach 35-55 % of the dense tensor peak (TensorRT-LLM 46 % and
 * 54 %): 0.5. */
#define SERVE_BW_EFFICIENCY 0.85
#define SERVE_STEP_OVERHEAD_S 0.002
#define SERVE_COMPUTE_EFFICIENCY 0.5
/* Days in a month for a monthly cost: 365.25 / 12. */
#define SERVE_DAYS_PER_MONTH (365.25 / 12.0)
#define SERVE_SECONDS_PER_DAY 86400.0
#define SERVE_HOURS_PER_DAY 24.0
/* Below this share of what the replicas sustain, the always-on price of
 * the GPUs is what a month costs, whatever the format (a choice: half). */
#define SERVE_IDLE_SHARE 0.5

/* Where a GPU-hour price came from. */
typedef enum {
    SERVE_PRICE_NONE = 0,      /* no price known: costs are not computed */
    SERVE_PRICE_USER,          /* --gpu-price */
    SERVE_PRICE_TABLE          /* the dated price table (prices.h) */
} serve_price_from;

typedef struct {
    int ok;                    /* 0: not evaluable (why says) */
    char why[SERVE_TEXT_MAX];
    size_t device;             /* the query's device index answered */
    const qs_runtime *runtime; /* what serves it (the plan's for the device) */
    int fits;                  /* 1: the weights and one request fit the rig */
    int gpus;                  /* GPUs of one replica (rig) */
    /* Memory. */
    double weights_gib;        /* the weights per replica */
    double kv_per_token_bytes; /* the KV cache of one token (all layers) */
    double kv_per_request_gib; /* at prompt + output tokens */
    double kv_mean_bytes;      /* a decoding request's cache on average, at
                                  prompt + output / 2 tokens (what a step reads) */
    double kv_pool_gib;        /* what the runtime leaves for the KV cache */
    double activation_gib;     /* the activation peak counted */
    double overhead_gib;       /* the runtime's overhead counted */
    double usable_gib;         /* utilisation x capacity, the rig's sum */
    long max_concurrency;      /* requests held at once (>= 0) */
    int concurrency_capped;    /* 1: the runtime's max_num_seqs bounds it */
    /* Speed (decimal GB/s and TFLOPS of the rig; per replica). */
    double bandwidth_gbs;
    double tflops;             /* dense 16-bit peak; 0: unknown (compute
                                  bounds are then not applied) */
    double active_params;      /* parameters read per token (MoE: active) */
    double bytes_per_step;     /* weights + KV read in one decode step at load */
    double step_memory_s;      /* memory bound of one decode step at load */
    double step_compute_s;     /* compute bound of one decode step at load */
    double step_prefill_s;     /* the prompts admitted meanwhile, a step's share:
                                  2 x N x B x prompt / output / (eta x FLOPS) */
    double prompt_per_output;  /* prompt tokens over output tokens */
    double step_s;             /* the step: the slower bound + step overhead */
    int compute_bound;         /* 1: the compute bound set the step */
    double tok_s_per_request;  /* 1 / step_s */
    double tok_s_aggregate;    /* batch / step_s: what the peak load gets */
    /* At capacity: max_concurrency requests decoding at once. */
    double step_capacity_s;
    double tok_s_per_request_capacity;
    double tok_s_capacity;     /* max_concurrency / step_capacity_s */
    double request_capacity_s; /* a request's time at capacity */
    double prefill_s;          /* the prompt of one request */
    double ttft_s;             /* time to first token */
    double request_s;          /* ttft + output tokens x step */
    long batch;                /* requests running at once at the peak load
                                  (Little's law, at most max_concurrency) */
    /* Load. */
    double avg_rps, peak_rps;
    double replica_rps;        /* what one replica sustains at max_concurrency */
    int replicas;              /* rigs for the peak load (>= 1 when it fits) */
    double utilisation;        /* average load / what the replicas sustain */
    /* Cost. */
    serve_price_from price_from;
    double gpu_price;          /* USD per GPU-hour */
    const char *price_source;  /* the table row's provider, date and source */
    const char *price_date;
    double gpu_hours_per_day;  /* replicas x GPUs x 24 */
    double cost_per_month;     /* gpu_hours_per_day x price x SERVE_DAYS_PER_MONTH */
    double cost_per_request;   /* always-on cost per day / requests per day */
    double cost_per_request_busy;  /* at capacity: price x GPUs x request_s /
                                      max_concurrency / 3600 */
    double cost_per_mtok;      /* at capacity, per million output tokens */
} serve_result;

/* The serving plan for device i of q, whose plan is p (plan_compute of q).
 * Returns 0 (r->ok 1), or -1 with r->ok 0 and r->why set. */
int serve_compute(const qs_query *q, const qs_plan *p, size_t i, serve_result *r);

/* One decode step of r's replica with `batch` requests running: the
 * slower of the memory and compute bounds, plus the step's share of the
 * prompts that continuous batching admits meanwhile (in steady state
 * batch x prompt / output prompt tokens a step, at the compute peak; taken
 * as not overlapping the decode, which matches vLLM's RTX 4090 runs within
 * 5%: check_serve_measured.c), plus SERVE_STEP_OVERHEAD_S (what step_s is
 * at r->batch). 0 when r is not ok. */
double serve_step_s(const serve_result *r, double batch);

typedef struct {
    const qs_format *format;
    double loss_pct;           /* the sourced quality loss (quality.h), or -1 unknown */
    const quality_row *quality;  /* its row: metric, model, source; NULL unknown */
    serve_result serve;
} serve_row;

typedef struct {
    int ok;
    size_t n;
    serve_row row[SERVE_COMPARE_MAX];
    double max_loss_pct;       /* the rule: the cheapest within this loss */
    int recommended;           /* index into row, -1: none meets the rule */
    char recommendation[SERVE_TEXT_MAX];
    char dominant[SERVE_TEXT_MAX];   /* the assumption that dominates the cost */
} serve_comparison;

/* The comparison of formats f[0..n-1] (n <= SERVE_COMPARE_MAX) for q's
 * model on device i: each format's query and plan computed here (q is
 * copied), then serve_compute. Returns 0, or -1 (c->ok 0). */
int serve_compare(const qs_query *q, size_t i, const qs_format *const *f, size_t n,
                  double max_loss_pct, serve_comparison *c);

#endif
