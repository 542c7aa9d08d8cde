/* train.h - fine-tuning memory: what full fine-tuning, LoRA and QLoRA of a
 * query's model hold on one GPU (issue 12).
 *
 * Layer 1 (model): pure arithmetic over a query (query.h: its model or
 * shape, q->params, q->overhead_gib and q->train, workload.h). Each term
 * is kept apart, in bytes, with a short source, so that the faces show the
 * working:
 *   the frozen base (full: none; lora: 16-bit; qlora: NF4 with double
 *   quantization for the linear weights, the embeddings, LM head, norms
 *   and biases at 16-bit as bitsandbytes leaves them);
 *   the trainable weights (16-bit), their gradients (16-bit), the fp32
 *   master copy of mixed precision and the optimizer's states: ZeRO's
 *   2 + 2 + 4 + 8 = 16 bytes a trainable parameter with AdamW;
 *   the activations (Korthikanti et al.) with or without full activation
 *   checkpointing, the fp32 logits of the loss, and the query's runtime
 *   overhead;
 *   the adapter's file (not held in memory: what the run writes).
 * Trainable LoRA parameters are r x (d_in + d_out) for each adapted matrix
 * of each layer, read from the architecture's tensor list (arch_expand),
 * so GQA, head sizes and per-layer differences come out exact. */
#ifndef QS_TRAIN_H
#define QS_TRAIN_H

#include <stddef.h>
#include <stdint.h>

#include "model/arch.h"
#include "model/devices.h"
#include "model/fit.h"
#include "model/query.h"
#include "model/workload.h"

/* ---- constants, each with its source ---------------------------------- */

/* 16-bit (bf16/fp16) weights, gradients and activations: 2 bytes. */
#define TRAIN_BYTES_16BIT 2.0
/* fp32 master weights of mixed precision: 4 bytes a trainable parameter
 * (Rajbhandari et al., ZeRO, arXiv 1910.02054, section 3.1: "2Psi + 2Psi +
 * K Psi" with K = 12 = fp32 parameters 4 + momentum 4 + variance 4). */
#define TRAIN_BYTES_MASTER 4.0
/* AdamW's two fp32 moments, m and v: 8 bytes (ZeRO, the same K = 12). */
#define TRAIN_BYTES_ADAMW 8.0
/* 8-bit AdamW (bitsandbytes; Dettmers et al., arXiv 2110.02861): m and v
 * at one byte each; the block-wise quantization constants (one fp32 per
 * 2048 values) are left out: 2 bytes. */
#define TRAIN_BYTES_ADAMW8BIT 2.0
/* Paged AdamW (QLoRA paper, arXiv 2305.14314, section 3: paged_adamw_32bit)
 * keeps AdamW's fp32 states, in NVIDIA unified memory that pages to CPU
 * RAM on a memory spike: 8 bytes, counted on the GPU but pageable. */
#define TRAIN_BYTES_PAGED_ADAMW 8.0
/* SGD with momentum (torch.optim.SGD, momentum > 0: one fp32
 * momentum_buffer a parameter): 4 bytes. A choice: fine-tuning recipes use
 * momentum; plain SGD would hold nothing. */
#define TRAIN_BYTES_SGD 4.0
/* The adapter's file: bf16 safetensors, 2 bytes a trainable parameter. */
#define TRAIN_BYTES_ADAPTER_FILE 2.0
/* The fp32 logits the cross-entropy loss keeps: 4 bytes a vocabulary
 * entry of each token (Korthikanti et al. section 4.3, "4sbv"; UNVERIFIED:
 * the paper's line was not copied into the reference). */
#define TRAIN_BYTES_LOGITS 4.0

/* NF4 with double quantization (QLoRA, arXiv 2305.14314, section 3):
 * 4-bit codes, blocks of 64 with an 8-bit constant, whose fp32 scale is
 * shared by 256 blocks: 4 + 8/64 + 32/(64 x 256) = 4.126953125 bits, the
 * paper's "0.127 bits per parameter" of constants rounded. Every linear
 * weight of the frozen base is counted at these bits; the rest stays
 * 16-bit (train_kept_16bit). */
#define TRAIN_NF4_CODE_BITS 4.0
#define TRAIN_NF4_BLOCK 64.0
#define TRAIN_NF4_DQ_CONST_BITS 8.0
#define TRAIN_NF4_DQ_SCALE_BITS 32.0
#define TRAIN_NF4_DQ_BLOCKS 256.0
#define TRAIN_NF4_DQ_BITS                                                                  \
    (TRAIN_NF4_CODE_BITS + TRAIN_NF4_DQ_CONST_BITS / TRAIN_NF4_BLOCK +                     \
     TRAIN_NF4_DQ_SCALE_BITS / (TRAIN_NF4_BLOCK * TRAIN_NF4_DQ_BLOCKS))

/* Activations of one layer, 16-bit, no recomputation: s x b x h x (34 +
 * 5 a s / h) bytes (Korthikanti et al., arXiv 2205.05198, section 4.1).
 * The 5as/h term is the attention scores and their softmax and dropout;
 * FlashAttention never stores them, so it is dropped: 34 s b h. */
#define TRAIN_ACT_PER_LAYER 34.0
/* With full activation checkpointing only each layer's input is kept,
 * 2 s b h bytes (16-bit), and one layer's 34 s b h is live again while it
 * is recomputed (same paper, section 4.2). */
#define TRAIN_ACT_CHECKPOINT 2.0

/* The rules of thumb shown beside the sum (full fine-tuning, before
 * activations): mixed-precision Adam, 16 bytes a parameter (ZeRO); and HF
 * accelerate estimate-memory's "Training using Adam", 4 x the model's size
 * in its dtype (16-bit: 4 x 2 = 8 bytes a parameter; HF model-sizer-bot,
 * shared/reference/devices-serving-2026.md 4.1). */
#define TRAIN_RULE_ADAM_BYTES 16.0
#define TRAIN_RULE_HF_FACTOR 4.0

/* Room for a why and a note. */
#define TRAIN_TEXT_MAX 256

/* ---- the matrices LoRA adapts ---------------------------------------- */

/* One bit per projection of a layer. A fused attn_qkv (GPT-2, BLOOM,
 * Falcon) is one matrix, adapted when any of Q, K or V is asked. */
enum {
    TRAIN_MAT_Q = 1u << 0,
    TRAIN_MAT_K = 1u << 1,
    TRAIN_MAT_V = 1u << 2,
    TRAIN_MAT_O = 1u << 3,
    TRAIN_MAT_GATE = 1u << 4,
    TRAIN_MAT_UP = 1u << 5,
    TRAIN_MAT_DOWN = 1u << 6
};
#define TRAIN_MAT_ATTENTION (TRAIN_MAT_Q | TRAIN_MAT_K | TRAIN_MAT_V | TRAIN_MAT_O)
#define TRAIN_MAT_MLP (TRAIN_MAT_GATE | TRAIN_MAT_UP | TRAIN_MAT_DOWN)
#define TRAIN_MAT_ALL (TRAIN_MAT_ATTENTION | TRAIN_MAT_MLP)

/* What LoRA of rank r adds to an architecture. */
typedef struct {
    int64_t params;            /* r x (d_in + d_out), summed; -1: invalid arch */
    int matrices;              /* adapted matrices over every layer */
    int experts_skipped;       /* 1: routed experts (3-D tensors) were left
                                  unadapted (their MLP is not a target here) */
    int other_mixers;          /* 1: some layers are linear attention or SSM,
                                  whose projections are not targets here */
} train_lora_count;

/* The mask of a CLI target set (DEFAULT and ALL: every linear layer, the
 * QLoRA paper's choice). */
unsigned train_targets_mask(train_targets t);

/* LoRA of rank `rank` on the matrices of `mask` in every layer of a (MTP
 * layers left out). Q, K, V, O: attn_q, attn_k, attn_v (or attn_qkv) and
 * attn_output; MLA layers: their q (attn_q or attn_q_a and attn_q_b), the
 * kv projections (attn_kv_a_mqa, attn_kv_b) and attn_output. GATE, UP,
 * DOWN: the dense MLP's and the shared experts' projections; routed
 * experts are not adapted (experts_skipped). params -1 for an invalid
 * arch, a rank below 1, or no memory for the tensor list. */
train_lora_count train_lora_params(const qs_arch *a, int rank, unsigned mask);

/* Elements of the tensors bitsandbytes leaves at 16-bit when it loads a
 * model in 4 bits: everything but the linear layers' weights (token
 * embeddings, LM head, norms, biases, sinks, convolutions, SSM state);
 * -1 for an invalid arch or no memory. */
int64_t train_kept_16bit(const qs_arch *a);

/* Activation bytes of `layers` layers of width `hidden` at `seq` tokens x
 * `micro_batch` sequences: 34 s b h L without checkpointing, 2 s b h L +
 * 34 s b h with it. */
double train_activation_bytes(long seq, int micro_batch, int64_t hidden, int layers,
                              int checkpointing);

/* The optimizer's bytes a trainable parameter. */
double train_optimizer_bytes(train_optimizer opt);

/* What the ask leaves to the mode, resolved: the optimizer (adamw, or
 * paged-adamw for qlora), checkpointing (on for lora and qlora, off for
 * full) and the targets (every linear layer). */
train_optimizer train_optimizer_of(const qs_train_ask *t);
int train_checkpointing_of(const qs_train_ask *t);
train_targets train_targets_of(const qs_train_ask *t);

/* ---- the answer -------------------------------------------------------- */

typedef enum {
    TRAIN_TERM_FROZEN = 0,     /* the frozen base weights */
    TRAIN_TERM_WEIGHTS,        /* trainable weights, 16-bit */
    TRAIN_TERM_GRADS,          /* their gradients, 16-bit */
    TRAIN_TERM_MASTER,         /* their fp32 master copy */
    TRAIN_TERM_OPTIMIZER,      /* the optimizer's states */
    TRAIN_TERM_ACTIVATIONS,    /* the layers' activations */
    TRAIN_TERM_LOGITS,         /* the fp32 logits of the loss */
    TRAIN_TERM_OVERHEAD,       /* the query's runtime overhead (CUDA context) */
    TRAIN_TERMS
} train_term_id;

typedef struct {
    const char *id;            /* snake_case, for JSON: "frozen_base" */
    const char *label;         /* for a table: "frozen base" */
    double bytes;
    double per_param;          /* bytes a parameter of what it counts
                                  (params below); < 0: not per parameter */
    double params;             /* the parameters it counts; 0: none */
    const char *source;        /* short: at most 60 characters */
} train_term;

typedef struct {
    int ok;                    /* 0: not evaluable (why says) */
    char why[TRAIN_TEXT_MAX];
    /* The ask, resolved. */
    train_mode mode;
    int rank;
    train_targets targets;
    unsigned mask;
    long seq;
    int micro_batch;
    int checkpointing;
    int checkpointing_default; /* 1: the mode's default, not asked */
    train_optimizer optimizer;
    int optimizer_default;
    /* The shape it was computed from. */
    double params;             /* every parameter (q->params) */
    double trainable;          /* full: params; lora, qlora: the adapters */
    double kept_16bit;         /* qlora: parameters left at 16-bit */
    double quantized;          /* qlora: parameters at TRAIN_NF4_DQ_BITS */
    int layers;
    int64_t hidden;
    int64_t vocab;
    int lora_matrices;
    int experts_skipped;
    int other_mixers;
    /* The terms and their sum. */
    train_term term[TRAIN_TERMS];
    double total_bytes;
    double pageable_bytes;     /* of the total, what paged-adamw may spill
                                  to CPU RAM */
    double per_trainable;      /* weights + grads + master + optimizer, a
                                  trainable parameter (16 with adamw) */
    double adapter_file_bytes; /* lora, qlora: trainable x 2; full: 0 */
    /* The rules of thumb for full fine-tuning of the same model. */
    double rule_adam_bytes;    /* 16 x params */
    double rule_hf_bytes;      /* 4 x params x 2 */
} train_result;

/* The fine-tuning memory of q (q->train.mode not TRAIN_NONE). Returns 0
 * (r->ok 1), or -1 with r->ok 0 and r->why set: no mode, no architecture
 * (q->shape NULL), a size, rank, sequence or batch out of range, or LoRA
 * targets the architecture does not have. */
int train_compute(const qs_query *q, train_result *r);

/* r's total against device d. */
typedef struct {
    int ok;                    /* 0: d's capacity is unknown or invalid */
    double capacity_gib;
    double usable_gib;         /* devices_usable_gib with the query's share */
    double need_gib;           /* r->total_bytes in GiB */
    double share;              /* need / usable */
    fit_verdict verdict;       /* FIT_FITS, FIT_TIGHT or FIT_NO_FIT (the
                                  thresholds of fit.h; no offload) */
    int fits;                  /* 1: not FIT_NO_FIT */
} train_fit;

train_fit train_fit_on(const train_result *r, const qs_device *d, double apple_share);

/* Names for the faces: "full", "lora", "qlora"; "attention", "mlp",
 * "all"; "adamw", "adamw8bit", "paged-adamw", "sgd". */
const char *train_mode_name(train_mode m);
const char *train_targets_name(train_targets t);
const char *train_optimizer_name(train_optimizer o);

#endif
