/* workload.h - what a user asks beyond the fit: a serving workload and a
 * fine-tuning setup (issue 12).
 *
 * Layer 1 (model): plain values kept in the query (query.h: q->serve,
 * q->train); their defaults are set in query_init() from the constants
 * below, and nowhere else. serve.h and train.h answer them. */
#ifndef QS_WORKLOAD_H
#define QS_WORKLOAD_H

/* ---- serving -------------------------------------------------------------- */

/* A chatbot's request when none is given: ShareGPT's average, 202 prompt
 * tokens and 179 output tokens (vLLM v0.6 performance blog, "ShareGPT (avg
 * 202 in / 179 out)", shared/reference/devices-serving-2026.md 3.1 row 15). */
#define WORKLOAD_PROMPT_TOKENS 202L
#define WORKLOAD_OUTPUT_TOKENS 179L
/* Peak over average load when none is given: 2 (an assumption, UNVERIFIED:
 * no source gives a chatbot's peak-hour ratio; shown as assumed). */
#define WORKLOAD_PEAK_FACTOR 2.0
/* Largest tokens of one request the options accept. */
#define WORKLOAD_TOKENS_MAX 10000000L

typedef struct {
    int asked;                 /* 1: a serving plan is asked (an option of
                                  this struct, or --compare, was given) */
    double requests_per_day;   /* the load; 0 when rps is given instead */
    double rps;                /* requests per second; 0 when per day is given */
    double peak_factor;        /* peak over average (WORKLOAD_PEAK_FACTOR) */
    int peak_given;            /* 1: the user's, not the assumed default */
    long prompt_tokens;        /* per request (WORKLOAD_PROMPT_TOKENS) */
    long output_tokens;        /* per request (WORKLOAD_OUTPUT_TOKENS) */
    int tokens_given;          /* 1: the user gave either token count */
    double gpu_price;          /* USD per GPU-hour; 0: the price table's */
} qs_serve_ask;

/* ---- fine-tuning ---------------------------------------------------------- */

typedef enum {
    TRAIN_NONE = 0,            /* no fine-tuning asked */
    TRAIN_FULL,                /* every weight trained, mixed precision */
    TRAIN_LORA,                /* a frozen 16-bit base and low-rank adapters */
    TRAIN_QLORA                /* a frozen NF4 base (double quantization) and adapters */
} train_mode;

typedef enum {
    TRAIN_TARGETS_DEFAULT = 0, /* the mode's own: all linear layers (QLoRA paper) */
    TRAIN_TARGETS_ATTENTION,   /* q, k, v, o */
    TRAIN_TARGETS_MLP,         /* gate, up, down */
    TRAIN_TARGETS_ALL          /* both */
} train_targets;

typedef enum {
    TRAIN_OPT_DEFAULT = 0,     /* the mode's own: adamw; paged-adamw for qlora */
    TRAIN_OPT_ADAMW,
    TRAIN_OPT_ADAMW8BIT,
    TRAIN_OPT_PAGED_ADAMW,
    TRAIN_OPT_SGD
} train_optimizer;

/* Defaults of a fine-tuning setup (each shown with the answer). */
#define WORKLOAD_TRAIN_RANK 16
#define WORKLOAD_TRAIN_RANK_MAX 65536
#define WORKLOAD_TRAIN_SEQ 2048L
#define WORKLOAD_TRAIN_MICRO_BATCH 1
#define WORKLOAD_TRAIN_MICRO_BATCH_MAX 4096

typedef struct {
    train_mode mode;           /* TRAIN_NONE: not asked */
    int rank;                  /* LoRA rank r */
    train_targets targets;
    long seq;                  /* tokens per sequence */
    int micro_batch;           /* sequences per step on one GPU */
    int grad_checkpointing;    /* -1: the mode's default (on for lora and
                                  qlora, off for full); 0 off; 1 on */
    train_optimizer optimizer;
} qs_train_ask;

/* The word of each value ("qlora", "attention", "paged-adamw"; index 0,
 * the default: "none", "default"); NULL out of range. */
const char *workload_mode_word(train_mode m);
const char *workload_targets_word(train_targets t);
const char *workload_optimizer_word(train_optimizer o);

/* The value a typed word names (any case; the default is not typed).
 * Returns 0 with *out set, or -1. */
int workload_mode_find(const char *w, train_mode *out);
int workload_targets_find(const char *w, train_targets *out);
int workload_optimizer_find(const char *w, train_optimizer *out);

#endif
