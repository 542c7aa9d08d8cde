/* split_tp.c - the tensor-parallel split inside a machine and the pipeline
 * of machines (vLLM, SGLang): every block divided by the TP degree, one
 * stage of whole blocks per machine. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/memory.h"
#include "model/split_int.h"

/* The blocks of each of `pp` stages over `layers` trunk layers, as vLLM
 * partitions them (vllm/distributed/utils.py get_pp_indices: layers // pp
 * each, the remainder one more to each stage from the second-to-last
 * backwards). */
static void split_stages(int layers, int pp, int *count)
{
    int i, rem = layers % pp;

    for (i = 0; i < pp; i++)
        count[i] = layers / pp;
    for (i = 2; i < rem + 2 && i <= pp; i++)
        count[pp - i]++;
    /* rem < pp: with rem == pp - 1 the loop reaches stage 0 (i == pp). */
}

/* 0 when TP divides the heads as vLLM requires (num_attention_heads and
 * the KV heads, or TP the KV heads when they are fewer and get copied),
 * with the copies per KV head in *replicas; else -1 and why. */
static int split_divisible(const wlayers *w, int tp, split_plan *p)
{
    p->kv_replicas = 1;
    if (tp <= 1)
        return 0;
    if (w->heads > 0 && w->heads % tp != 0) {
        (void)snprintf(p->why, sizeof p->why,
                       "%d attention heads do not divide by the tensor-parallel degree %d",
                       w->heads, tp);
        return -1;
    }
    if (w->latent_kv) {
        /* MLA: each GPU keeps the whole latent cache. */
        p->kv_replicas = tp;
        return 0;
    }
    if (w->kv_heads >= tp) {
        if (w->kv_heads % tp != 0) {
            (void)snprintf(p->why, sizeof p->why,
                           "%d KV heads do not divide by the tensor-parallel degree %d",
                           w->kv_heads, tp);
            return -1;
        }
    } else if (w->kv_heads > 0) {
        if (tp % w->kv_heads != 0) {
            (void)snprintf(p->why, sizeof p->why,
                           "the tensor-parallel degree %d is not a multiple of the %d KV heads",
                           tp, w->kv_heads);
            return -1;
        }
        p->kv_replicas = tp / w->kv_heads;
    }
    return 0;
}

/* The activation peak per GPU in bytes (split_int.h). */
static double split_activations(const wlayers *w, int tp)
{
    double per_token = SPLIT_ACT_HIDDEN_COPIES * (double)w->hidden +
                       SPLIT_ACT_FFN_COPIES * (double)w->ffn_width / tp;

    return (double)RUNTIME_PROFILE_TOKENS * SPLIT_ACT_BYTES * per_token +
           (double)RUNTIME_MAX_SEQS * (double)w->vocab * SPLIT_LOGIT_BYTES;
}

/* One stage's slot: blocks [first, first + n), the embeddings on the first
 * stage, the output layer (and MTP blocks) on the last, each divided by
 * TP; *read gets the bytes one GPU reads per token. */
static void split_stage_fill(const split_work *k, int first, int n, int is_first, int is_last,
                             int tp, int replicas, split_slot *s, double *read)
{
    const wlayers *w = k->in->w;
    double ws = k->in->weights_scale, ks = k->in->kv_scale, act = split_active_share(w);
    double wb = 0.0, kv = 0.0, rd = 0.0;
    int il, last = first + n;

    if (is_last)
        last = w->blocks;
    for (il = first; il < last; il++) {
        wb += (w->layer_bytes[il] + w->expert_bytes[il]) * ws;
        rd += (w->layer_bytes[il] + w->expert_bytes[il] * act) * ws;
        kv += w->kv_bytes[il] * ks;
    }
    if (is_first)
        wb += w->embd_bytes * ws;
    if (is_last) {
        wb += w->output_bytes * ws;
        rd += w->output_bytes * ws;
    }
    s->first_layer = first;
    s->layers = last - first;
    s->input = is_first;
    s->output = is_last;
    s->weights_gib = wb / tp / MEMORY_BYTES_PER_GIB;
    s->kv_gib = kv * replicas / tp / MEMORY_BYTES_PER_GIB;
    s->compute_gib =
        k->in->rt->activations ? split_activations(w, tp) / MEMORY_BYTES_PER_GIB : 0.0;
    s->overhead_gib = k->overhead;
    *read = (rd + kv * replicas) / tp;
}

/* The KV pool each GPU leaves after weights, activations and overhead,
 * and the tokens it holds at the cache's bytes per token per GPU. */
static void split_kv_pool(const split_work *k, split_plan *p)
{
    double tokens_asked = (double)k->in->ctx * k->in->batch, pool = HUGE_VAL, best = HUGE_VAL;
    int i;

    for (i = 0; i < p->nslots; i++) {
        const split_slot *s = &p->slot[i];
        double left = s->usable_gib - s->weights_gib - s->compute_gib - s->overhead_gib;
        double per_token = s->kv_gib / tokens_asked;

        if (left < pool)
            pool = left;
        if (per_token > 0.0) {
            double t = left > 0.0 ? floor(left / per_token) : 0.0;
            if (t < best)
                best = t;
        }
    }
    p->kv_pool_gib = pool > 0.0 && isfinite(pool) ? pool : 0.0;
    if (!(best < HUGE_VAL) || !(best > 0.0))
        p->kv_pool_tokens = 0;
    else
        p->kv_pool_tokens = best >= (double)LONG_MAX ? LONG_MAX : (long)best;
}

void split_tensor(split_work *k, split_plan *p)
{
    const wlayers *w = k->in->w;
    const qs_rig *rig = k->in->rig;
    int tp = rig->ngpu, pp = rig->nodes, stages[RIG_NODES_MAX], s, i, first = 0;
    double secs = 0.0;

    p->mode = pp > 1 ? SPLIT_MODE_PIPELINE : SPLIT_MODE_TENSOR;
    p->tp = tp;
    p->pp = pp;
    p->gpu_layers = w->blocks;
    p->n_cpu_moe = w->experts > 0 ? 0 : -1;
    if (split_divisible(w, tp, p) != 0)
        p->possible = 0;
    split_stages(w->trunk, pp, stages);
    if (pp == 1) {
        /* One machine: a slot per GPU, each holding 1/TP of everything. */
        for (i = 0; i < tp; i++) {
            split_slot *sl = &p->slot[i];
            double read;

            memset(sl, 0, sizeof *sl);
            sl->node = 0;
            sl->gpu = i;
            sl->count = 1;
            sl->device = rig->gpu[i];
            sl->usable_gib = split_usable_gib(&rig->gpu[i], k->in->rt, k->in->apple_share,
                                              k->in->gpu_memory_gib);
            split_stage_fill(k, 0, w->trunk, 1, 1, tp, p->kv_replicas, sl, &read);
            split_slot_finish(sl);
            /* The GPUs read their shares at once. */
            if (i == 0 || split_read_seconds(read, sl->device.bandwidth_gbps) > secs)
                secs = split_read_seconds(read, sl->device.bandwidth_gbps);
            p->gpu_bytes_per_token += read;
        }
        p->nslots = tp;
    } else {
        /* Machines in a pipeline: a slot per machine, for each of its GPUs
         * (the least usable of them, as the machine is only as large). */
        int least = 0;

        for (i = 1; i < tp; i++)
            if (split_usable_gib(&rig->gpu[i], k->in->rt, k->in->apple_share,
                                 k->in->gpu_memory_gib) <
                split_usable_gib(&rig->gpu[least], k->in->rt, k->in->apple_share,
                                 k->in->gpu_memory_gib))
                least = i;
        for (s = 0; s < pp; s++) {
            split_slot *sl = &p->slot[s];
            double read;

            memset(sl, 0, sizeof *sl);
            sl->node = s;
            sl->gpu = -1;
            sl->count = tp;
            sl->device = rig->gpu[least];
            sl->usable_gib = split_usable_gib(&rig->gpu[least], k->in->rt, k->in->apple_share,
                                              k->in->gpu_memory_gib);
            split_stage_fill(k, first, stages[s], s == 0, s == pp - 1, tp, p->kv_replicas, sl,
                             &read);
            first += stages[s];
            split_slot_finish(sl);
            /* Stages run in turn for one sequence. */
            secs += split_read_seconds(read, sl->device.bandwidth_gbps);
            p->gpu_bytes_per_token += read * tp;
        }
        p->nslots = pp;
    }
    split_kv_pool(k, p);
    p->tok_s = secs > 0.0 && isfinite(secs) ? 1.0 / secs : 0.0;
    split_summarise(p);
    if (p->verdict == FIT_NO_FIT)
        p->tok_s = 0.0;
}
