/* arch_count.c - the active parameters of an architecture (arch_count.h). */
#include "model/arch_count.h"

/* Projections of a gated MLP (gate, up, down) and of an ungated one (up,
 * down): llama.cpp's ffn_{gate,up,down}_exps (arch_expand.c emit_moe). */
#define ARCH_COUNT_GATED_PROJ 3
#define ARCH_COUNT_UNGATED_PROJ 2

/* The elements of one routed expert, as emit_moe lays them out: it reads
 * and writes the hidden width, or the latent one of a LatentMoE. */
static int64_t arch_count_expert(const qs_arch *a)
{
    int64_t h = a->moe.latent > 0 ? a->moe.latent : a->hidden, f = a->moe.expert_dim;
    int64_t n = (a->ffn_ungated ? ARCH_COUNT_UNGATED_PROJ : ARCH_COUNT_GATED_PROJ) * h * f;

    if (a->moe.expert_bias)
        n += (a->ffn_ungated ? 0 : f) + f + h;
    return n;
}

int64_t arch_active_param_count(const qs_arch *a)
{
    int64_t total = arch_param_count(a), idle;
    int l, blocks, moe_layers = 0;

    if (total < 0)
        return -1;
    if (a->moe.experts == 0)
        return total;
    blocks = arch_block_count(a);
    for (l = 0; l < blocks; l++)
        if (arch_layer_ffn_valid(a, l) == ARCH_FFN_MOE)
            moe_layers++;
    idle = (int64_t)(a->moe.experts - a->moe.active) * arch_count_expert(a);
    return total - moe_layers * idle;
}
