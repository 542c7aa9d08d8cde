/* optval_plan.h - the values of the serving, fine-tuning, rounding and
 * lesson options (issue 12), each checked whole and set in the query
 * (q->serve, q->train) or the options; the same contract as optval.h. */
#ifndef QS_OPTVAL_PLAN_H
#define QS_OPTVAL_PLAN_H

#include <stddef.h>

#include "cli/options_types.h"

/* Limits the options accept. */
#define OPTVAL_PLAN_REQUESTS_MAX 1e12     /* per day */
#define OPTVAL_PLAN_RPS_MAX 1e7
#define OPTVAL_PLAN_PEAK_MAX 1000.0
#define OPTVAL_PLAN_PRICE_MAX 10000.0     /* USD per GPU-hour */

/* The serving workload: --requests-per-day, --rps, --peak-factor,
 * --prompt-tokens, --output-tokens, --gpu-price. */
int optval_plan_requests_per_day(options *o, const char *arg, char *err, size_t errsize);
int optval_plan_rps(options *o, const char *arg, char *err, size_t errsize);
int optval_plan_peak(options *o, const char *arg, char *err, size_t errsize);
int optval_plan_prompt(options *o, const char *arg, char *err, size_t errsize);
int optval_plan_output(options *o, const char *arg, char *err, size_t errsize);
int optval_plan_price(options *o, const char *arg, char *err, size_t errsize);
/* --compare fp16,int8,int4: named formats, 2 to SERVE_COMPARE_MAX, each once. */
int optval_plan_compare(options *o, const char *arg, char *err, size_t errsize);
/* --max-quality-loss 1% (or 1, 0.5%): 0 to 100 percent. */
int optval_plan_max_loss(options *o, const char *arg, char *err, size_t errsize);

/* Fine-tuning: --train full|lora|qlora, --rank, --lora-targets,
 * --seq, --micro-batch, --grad-checkpointing on|off, --optimizer. */
int optval_plan_train(options *o, const char *arg, char *err, size_t errsize);
int optval_plan_rank(options *o, const char *arg, char *err, size_t errsize);
int optval_plan_targets(options *o, const char *arg, char *err, size_t errsize);
int optval_plan_seq(options *o, const char *arg, char *err, size_t errsize);
int optval_plan_micro_batch(options *o, const char *arg, char *err, size_t errsize);
int optval_plan_checkpointing(options *o, const char *arg, char *err, size_t errsize);
int optval_plan_optimizer(options *o, const char *arg, char *err, size_t errsize);

/* --seed N (the rounding demo's sample) and --theme NAME. */
int optval_plan_seed(options *o, const char *arg, char *err, size_t errsize);
int optval_plan_theme(options *o, const char *arg, char *err, size_t errsize);


#endif
