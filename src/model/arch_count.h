/* arch_count.h - what a model reads per token: the active parameters.
 *
 * Layer 1 (model): pure arithmetic over a qs_arch (arch.h), no I/O. */
#ifndef QS_ARCH_COUNT_H
#define QS_ARCH_COUNT_H

#include <stdint.h>

#include "model/arch.h"

/* The parameters one token passes through: arch_param_count() less the
 * routed experts it does not use, (experts - active) of them in every MoE
 * layer (MTP layers included: they count in the file). Each routed expert
 * holds its gate (unless ffn_ungated), up and down projections of
 * hidden (or moe.latent) x expert_dim and, with expert_bias, their biases; shared experts,
 * routers, attention, embeddings and norms all count as active. Equals
 * arch_param_count() for a dense model; -1 for an invalid arch. */
int64_t arch_active_param_count(const qs_arch *a);

#endif
