/* split_int.h - what split_layer.c and split_tp.c share (not a public
 * header; split.h has no split.c, so that neither includes the other). */
#ifndef QS_SPLIT_INT_H
#define QS_SPLIT_INT_H

#include "model/split.h"

/* Expert tensors llama.cpp's op offload holds on the GPU at once when the
 * routed experts of some blocks stay in RAM: it copies a CPU block's
 * weights into the compute buffer to multiply a large batch on the GPU.
 * Two of the largest, an estimate read off shared/reference/measurements.md
 * row 1 (Qwen3-30B-A3B F16: compute 898 MiB with 384 MiB expert tensors
 * and 34 blocks' experts in RAM); the rule is UNVERIFIED. */
#define SPLIT_OP_OFFLOAD_TENSORS 2.0

/* The activation peak a vLLM/SGLang profile run leaves per GPU, an
 * estimate (UNVERIFIED constants): RUNTIME_PROFILE_TOKENS tokens at
 * SPLIT_ACT_BYTES each value (16-bit activations), holding
 * SPLIT_ACT_HIDDEN_COPIES hidden-size vectors and the FFN's gate and up
 * outputs (2 x its width / TP) per token, and the sampler's fp32 logits for
 * RUNTIME_MAX_SEQS sequences (SPLIT_LOGIT_BYTES per vocabulary entry). */
#define SPLIT_ACT_BYTES 2.0
#define SPLIT_ACT_HIDDEN_COPIES 4.0
#define SPLIT_ACT_FFN_COPIES 2.0
#define SPLIT_LOGIT_BYTES 4.0

typedef struct {
    const split_input *in;
    int n;                            /* GPUs in the list (layer mode) */
    int ngpu;                         /* GPUs of one machine */
    const qs_device *dev[SPLIT_SLOTS_MAX];
    double usable[SPLIT_SLOTS_MAX];   /* GiB */
    double prop[SPLIT_SLOTS_MAX];     /* split proportions */
    double cum[SPLIT_SLOTS_MAX];      /* their cumulative shares */
    double overhead;                  /* GiB per GPU */
    double ram_bw;                    /* GB/s */
} split_work;

void split_slot_finish(split_slot *s);
void split_summarise(split_plan *p);
double split_read_seconds(double bytes, double gbs);
double split_active_share(const wlayers *w);
void split_cumulate(split_work *k);
void split_layer(const split_work *k, split_plan *p);
void split_tensor(split_work *k, split_plan *p);

#endif
