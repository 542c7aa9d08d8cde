/* split_layer.c - what each GPU of a rig holds: the common parts and the layer
 * split with its offload (llama.cpp, Ollama, accelerate). The tensor and
 * pipeline splits are in split_tp.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/memory.h"
#include "model/split_int.h"

double split_usable_gib(const qs_device *d, const qs_runtime *rt, double apple_share,
                        double gpu_memory_gib)
{
    double share, base;

    if (d == NULL || rt == NULL)
        return MEMORY_ERROR;
    if (gpu_memory_gib > 0.0 && isfinite(gpu_memory_gib)) {
        base = gpu_memory_gib;
    } else {
        share = devices_share(d, apple_share);
        if (share == MEMORY_ERROR)
            return MEMORY_ERROR;
        base = devices_usable_gib(d, share);
        if (base == MEMORY_ERROR)
            return MEMORY_ERROR;
    }
    return base * rt->utilization;
}

const char *split_mode_name(split_mode m)
{
    switch (m) {
    case SPLIT_MODE_LAYER:
        return "layer";
    case SPLIT_MODE_TENSOR:
        return "tensor";
    case SPLIT_MODE_PIPELINE:
        return "pipeline";
    }
    return "?";
}

int split_within_margin(const split_plan *p)
{
    int i;

    if (p == NULL || !p->ok || !p->possible || p->nslots < 1)
        return 0;
    for (i = 0; i < p->nslots; i++)
        if (p->slot[i].total_gib + p->margin_gib > p->slot[i].usable_gib)
            return 0;
    return 1;
}

/* The slot's total, headroom, share and verdict from its parts. */
void split_slot_finish(split_slot *s)
{
    s->total_gib = s->weights_gib + s->kv_gib + s->compute_gib + s->overhead_gib;
    s->headroom_gib = s->usable_gib - s->total_gib;
    s->share = s->usable_gib > 0.0 ? s->total_gib / s->usable_gib : HUGE_VAL;
    if (s->share <= FIT_SHARE_FITS)
        s->verdict = FIT_FITS;
    else if (s->share <= FIT_SHARE_TIGHT)
        s->verdict = FIT_TIGHT;
    else
        s->verdict = FIT_NO_FIT;
}

/* The worst verdict and the least headroom of the slots. */
void split_summarise(split_plan *p)
{
    int i;

    p->verdict = FIT_FITS;
    p->headroom_gib = HUGE_VAL;
    for (i = 0; i < p->nslots; i++) {
        if (p->slot[i].verdict > p->verdict)
            p->verdict = p->slot[i].verdict;
        if (p->slot[i].headroom_gib < p->headroom_gib)
            p->headroom_gib = p->slot[i].headroom_gib;
    }
    if (!p->possible)
        p->verdict = FIT_NO_FIT;
}

/* Seconds per token to read `bytes` at `gbs` decimal GB/s; HUGE_VAL when
 * the bandwidth is unknown. */
double split_read_seconds(double bytes, double gbs)
{
    if (!(bytes > 0.0))
        return 0.0;
    return gbs > 0.0 ? bytes / (gbs * MEMORY_BYTES_PER_GB) : HUGE_VAL;
}

/* The share of a block's routed experts one token reads. */
double split_active_share(const wlayers *w)
{
    return w->experts > 0 && w->experts_active > 0 ? (double)w->experts_active / w->experts : 1.0;
}

/* The GPU a position of the layer split falls on: llama.cpp's
 * upper_bound over the cumulative split proportions of position /
 * act_gpu_layers (src/llama-model.cpp get_layer_buft_list). */
static int split_owner(const split_work *k, int pos, int act)
{
    double at = (double)pos / act;
    int i;

    for (i = 0; i < k->n; i++)
        if (k->cum[i] > at)
            return i;
    return k->n - 1;
}

/* The layer split with the last `ngl` blocks on the GPUs (ngl > blocks:
 * the output layer too, as llama.cpp's -ngl) and the routed experts of the
 * first `ncpumoe` blocks in RAM (--n-cpu-moe). */
static void split_layer_fill(const split_work *k, int ngl, int ncpumoe, split_plan *p)
{
    const wlayers *w = k->in->w;
    double ws = k->in->weights_scale, ks = k->in->kv_scale, act_share = split_active_share(w);
    double ram_w = 0.0, ram_read = 0.0, gpu_read[SPLIT_SLOTS_MAX], secs;
    int b = w->blocks, start = b - ngl > 0 ? b - ngl : 0;
    int act = ngl < b + 1 ? ngl : b + 1, il, i, any_exp_ram = 0;

    /* p may hold an earlier try of the offload search. */
    p->gpu_bytes_per_token = 0.0;
    for (i = 0; i < k->n; i++) {
        split_slot *s = &p->slot[i];

        memset(s, 0, sizeof *s);
        s->node = i / k->ngpu;
        s->gpu = i % k->ngpu;
        s->count = 1;
        s->device = *k->dev[i];
        s->first_layer = -1;
        s->usable_gib = k->usable[i];
        s->overhead_gib = k->overhead;
        gpu_read[i] = 0.0;
    }
    if (k->in->rt->embd_in_ram || act < 1) {
        ram_w += w->embd_bytes * ws;
    } else {
        p->slot[0].weights_gib += w->embd_bytes * ws;
        p->slot[0].input = 1;
    }
    for (il = 0; il < b; il++) {
        double lb = w->layer_bytes[il] * ws, eb = w->expert_bytes[il] * ws;
        double kv = w->kv_bytes[il] * ks;

        if (il < start || act < 1) {
            /* A block on the CPU keeps its cache there too. */
            ram_w += lb + eb + kv;
            ram_read += lb + eb * act_share + kv;
            continue;
        }
        i = split_owner(k, il - start, act);
        if (p->slot[i].first_layer < 0)
            p->slot[i].first_layer = il;
        p->slot[i].layers++;
        p->slot[i].weights_gib += lb;
        p->slot[i].kv_gib += kv;
        gpu_read[i] += lb + kv;
        if (il < ncpumoe && eb > 0.0) {
            ram_w += eb;
            ram_read += eb * act_share;
            p->slot[i].expert_layers_ram++;
            any_exp_ram = 1;
        } else {
            p->slot[i].weights_gib += eb;
            gpu_read[i] += eb * act_share;
        }
    }
    if (act > b - start) {
        i = split_owner(k, b - start, act);
        p->slot[i].weights_gib += w->output_bytes * ws;
        p->slot[i].output = 1;
        gpu_read[i] += w->output_bytes * ws;
    } else {
        ram_w += w->output_bytes * ws;
        ram_read += w->output_bytes * ws;
    }
    /* Experts in RAM: llama.cpp copies a CPU block's expert tensors to the
     * first GPU to multiply a large batch there (op offload). */
    if (any_exp_ram)
        p->slot[0].compute_gib += SPLIT_OP_OFFLOAD_TENSORS * w->expert_tensor_max * ws;
    secs = split_read_seconds(ram_read, k->ram_bw);
    for (i = 0; i < k->n; i++) {
        split_slot *s = &p->slot[i];

        s->weights_gib /= MEMORY_BYTES_PER_GIB;
        s->kv_gib /= MEMORY_BYTES_PER_GIB;
        s->compute_gib /= MEMORY_BYTES_PER_GIB;
        split_slot_finish(s);
        secs += split_read_seconds(gpu_read[i], s->device.bandwidth_gbps);
        p->gpu_bytes_per_token += gpu_read[i];
    }
    p->nslots = k->n;
    p->gpu_layers = b - start < b ? b - start : b;
    p->n_cpu_moe = w->experts > 0 ? (ncpumoe < b ? ncpumoe : b) : -1;
    p->ram_weights_gib = ram_w / MEMORY_BYTES_PER_GIB;
    p->ram_bytes_per_token = ram_read;
    p->tok_s = secs > 0.0 && isfinite(secs) ? 1.0 / secs : 0.0;
    split_summarise(p);
}

/* 1 when every slot of p keeps the margin. */
static int split_keeps_margin(const split_plan *p)
{
    int i;

    for (i = 0; i < p->nslots; i++)
        if (p->slot[i].total_gib + p->margin_gib > p->slot[i].usable_gib)
            return 0;
    return 1;
}

/* 1 when the GPUs can spill into RAM: discrete GPUs with RAM beside them,
 * not unified memory (Apple, phones, and the rows whose share of their
 * memory is below DEVICES_FULL_SHARE: the GPU's part of one pool shared
 * with the CPU, DGX Spark, Jetson, Strix Halo; data/devices.tsv). */
static int split_can_offload(const split_work *k)
{
    int i;

    if (k->in->no_offload || !(k->in->ram_gib > 0.0))
        return 0;
    for (i = 0; i < k->n; i++)
        if (!k->dev[i]->is_gpu || k->dev[i]->kind == DEV_KIND_APPLE ||
            k->dev[i]->kind == DEV_KIND_PHONE || k->dev[i]->gpu_share < DEVICES_FULL_SHARE)
            return 0;
    return 1;
}

/* The offload that keeps the margin on every GPU with the most on the
 * GPUs: for a MoE model the fewest blocks' experts in RAM, else (or when
 * even all experts in RAM are too much) the most blocks on the GPUs.
 * Returns 1 with *p filled, 0 when none does. */
static int split_layer_offload(const split_work *k, split_plan *p)
{
    const wlayers *w = k->in->w;
    int b = w->blocks, n, ngl;

    if (w->experts > 0) {
        for (n = 1; n <= b; n++) {
            split_layer_fill(k, b + 1, n, p);
            if (split_keeps_margin(p))
                return 1;
        }
    }
    for (ngl = b; ngl >= 0; ngl--) {
        split_layer_fill(k, ngl, 0, p);
        if (split_keeps_margin(p))
            return 1;
    }
    return 0;
}

/* 1 when a GPU holds the output layer. */
static int split_output_on(const split_plan *p)
{
    int i;

    for (i = 0; i < p->nslots; i++)
        if (p->slot[i].output)
            return 1;
    return 0;
}

void split_layer(const split_work *k, split_plan *p)
{
    const wlayers *w = k->in->w;
    int b = w->blocks, given = k->in->n_cpu_moe;

    p->mode = SPLIT_MODE_LAYER;
    p->tp = 1;
    p->pp = 1;
    p->kv_replicas = 1;
    split_layer_fill(k, b + 1, given > 0 ? given : 0, p);
    if (given < 0 && p->verdict == FIT_NO_FIT && split_can_offload(k)) {
        split_plan keep = *p;

        if (!split_layer_offload(k, p))
            *p = keep;
    }
    /* Part of the model in RAM (experts, or blocks, or the output layer):
     * it runs with offload when the RAM holds that part. */
    if (p->verdict != FIT_NO_FIT && (p->gpu_layers < b || p->n_cpu_moe > 0 || !split_output_on(p))) {
        p->offload_fits = p->ram_weights_gib <= k->in->ram_gib;
        p->verdict = p->offload_fits ? FIT_OFFLOAD : FIT_NO_FIT;
    }
    if (p->verdict == FIT_NO_FIT)
        p->tok_s = 0.0;
}

int split_compute(const split_input *in, split_plan *p)
{
    split_work k;
    int i;

    memset(p, 0, sizeof *p);
    if (in == NULL || in->w == NULL || !in->w->ok || in->rig == NULL || in->rt == NULL ||
        in->rig->ngpu < 1 || in->rig->ngpu > RIG_GPUS_MAX || in->rig->nodes < 1 ||
        in->rig->nodes > RIG_NODES_MAX || !(in->weights_scale > 0.0) ||
        !(in->kv_scale >= 0.0) || !(in->overhead_gib >= 0.0))
        return -1;
    memset(&k, 0, sizeof k);
    k.in = in;
    k.ngpu = in->rig->ngpu;
    k.overhead = in->overhead_gib > in->rt->min_overhead_gib ? in->overhead_gib
                                                              : in->rt->min_overhead_gib;
    k.ram_bw = in->ram_bandwidth_gbs > 0.0 ? in->ram_bandwidth_gbs : SPLIT_RAM_BANDWIDTH_GBS;
    p->margin_gib = in->margin_gib >= 0.0 ? in->margin_gib : in->rt->margin_gib;
    p->possible = 1;
    p->ok = 1;
    if (in->rt->split == RUNTIME_SPLIT_TENSOR) {
        split_tensor(&k, p);
        return 0;
    }
    /* A layer split over every GPU of every machine (llama.cpp's RPC). */
    k.n = k.ngpu * in->rig->nodes;
    if (k.n > SPLIT_SLOTS_MAX) {
        p->possible = 0;
        (void)snprintf(p->why, sizeof p->why, "a layer split is answered for at most %d GPUs",
                       SPLIT_SLOTS_MAX);
        p->verdict = FIT_NO_FIT;
        return 0;
    }
    for (i = 0; i < k.n; i++) {
        double w;

        k.dev[i] = &in->rig->gpu[i % k.ngpu];
        k.usable[i] = split_usable_gib(k.dev[i], in->rt, in->apple_share, in->gpu_memory_gib);
        if (k.usable[i] == MEMORY_ERROR)
            return p->ok = 0, -1;
        w = in->rig->split[i % k.ngpu];
        k.prop[i] = w > 0.0 ? w : 0.0;
    }
    split_cumulate(&k);
    split_layer(&k, p);
    return 0;
}

/* Cumulative proportions: --tensor-split where given, else each GPU's
 * usable memory (llama.cpp splits by free memory by default). */
void split_cumulate(split_work *k)
{
    double sum = 0.0, run = 0.0;
    int i, given = 0;

    for (i = 0; i < k->n; i++)
        if (k->prop[i] > 0.0)
            given = 1;
    for (i = 0; i < k->n; i++) {
        if (!given)
            k->prop[i] = k->usable[i] > 0.0 ? k->usable[i] : 0.0;
        sum += k->prop[i];
    }
    for (i = 0; i < k->n; i++) {
        run += k->prop[i];
        k->cum[i] = sum > 0.0 ? run / sum : (double)(i + 1) / k->n;
    }
}
