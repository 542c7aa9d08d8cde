/* split.h - what each GPU of a rig holds under a runtime.
 *
 * Layer 1 (model): pure arithmetic over a wlayers table (the model layer
 * by layer), a rig (rig.h) and a runtime (runtime.h). Three split modes:
 *   layer     whole blocks per GPU in proportion to the GPUs' usable memory
 *             (or --tensor-split), the output layer on the last GPU, the
 *             token embeddings in RAM where the runtime keeps them there,
 *             each block's KV cache with it, the overhead on every GPU
 *             (llama.cpp's and Ollama's default split);
 *   tensor    every block divided by the TP degree (the GPUs of one
 *             machine), the heads and KV heads divisible by it, KV heads
 *             replicated when there are fewer than TP, an activation peak
 *             and the overhead per GPU (vLLM, SGLang);
 *   pipeline  across machines: one stage of whole blocks per machine,
 *             tensor parallel inside each (vLLM --pipeline-parallel-size),
 *             over an assumed interconnect (NVLink inside a machine,
 *             InfiniBand or RoCE between).
 * When the GPUs cannot hold it all, a layer-split runtime runs with
 * offload: for a MoE model the routed experts of the fewest blocks go to
 * RAM (llama.cpp --n-cpu-moe N), else the fewest whole blocks do (-ngl).
 * Every figure is kept apart so the faces can show the working. */
#ifndef QS_SPLIT_H
#define QS_SPLIT_H

#include "model/fit.h"
#include "model/rig.h"
#include "model/runtime.h"
#include "model/wlayers.h"

/* Slots a split reports: one per GPU of a machine, or one per machine
 * (every GPU of a pipeline stage holds the same). */
#define SPLIT_SLOTS_MAX (RIG_GPUS_MAX > RIG_NODES_MAX ? RIG_GPUS_MAX : RIG_NODES_MAX)
/* Room for why a split cannot be made, NUL included. */
#define SPLIT_WHY_MAX 128
/* RAM bandwidth assumed for offloaded weights when the machine's is not
 * known: DDR5-5600 dual channel, 5600 MT/s x 16 B = 89.6 GB/s theoretical
 * (shared/reference/devices-serving-2026.md 1.9; measured 63 GB/s on a
 * Ryzen 7 9700X, so this is a ceiling). */
#define SPLIT_RAM_BANDWIDTH_GBS 89.6

typedef enum {
    SPLIT_MODE_LAYER = 0,
    SPLIT_MODE_TENSOR,
    SPLIT_MODE_PIPELINE
} split_mode;

typedef struct {
    int node;                  /* the machine (0-based) */
    int gpu;                   /* the GPU in it (0-based); -1: every GPU of the
                                  node (pipeline mode: they hold the same) */
    int count;                 /* GPUs the slot stands for (1, or the TP degree) */
    qs_device device;          /* the GPU (a copy; its strings as the rig's) */
    int first_layer, layers;   /* blocks held (tensor mode: all of them, each
                                  divided by TP) */
    int output;                /* 1: holds the output layer */
    int input;                 /* 1: holds the token embeddings */
    int expert_layers_ram;     /* of its blocks, those whose routed experts
                                  stay in RAM (--n-cpu-moe) */
    double weights_gib;        /* its share of the weights */
    double kv_gib;             /* its share of the KV cache */
    double compute_gib;        /* compute buffer / activation peak */
    double overhead_gib;       /* runtime overhead (CUDA context) */
    double total_gib;
    double usable_gib;         /* what the runtime may take of it */
    double headroom_gib;       /* usable - total */
    double share;              /* total / usable */
    fit_verdict verdict;       /* FIT_FITS / FIT_TIGHT / FIT_NO_FIT */
} split_slot;

/* What a split is computed from (the plan fills it from the query). */
typedef struct {
    const wlayers *w;          /* the model by block (ok 1) */
    const qs_rig *rig;
    const qs_runtime *rt;
    double overhead_gib;       /* the query's overhead per GPU */
    double apple_share;        /* the query's --apple-share (0: the device's) */
    double gpu_memory_gib;     /* --gpu-memory: each GPU's usable memory; 0: its own */
    double ram_gib;            /* RAM an offload may use per machine; 0: none */
    double ram_bandwidth_gbs;  /* 0: SPLIT_RAM_BANDWIDTH_GBS */
    double margin_gib;         /* < 0: the runtime's */
    long ctx;
    int batch;
    double kv_bits;
    int n_cpu_moe;             /* -1: the smallest that fits; else exactly N */
    /* Another precision or context on the same table (best precision,
     * largest context): every weight figure times weights_scale, every KV
     * figure times kv_scale (both 1: the table as it is). The totals are
     * then exact; their spread over the blocks follows the table's. */
    double weights_scale;
    double kv_scale;
    int no_offload;            /* 1: answer the GPUs alone (no offload search) */
} split_input;

typedef struct {
    int ok;                    /* 0: no architecture, or the input is invalid */
    split_mode mode;
    int tp, pp;                /* tensor-parallel degree, pipeline stages */
    int kv_replicas;           /* tensor mode: copies of each KV head (TP / KV
                                  heads when fewer KV heads than TP); 1 */
    int possible;              /* 0: the model cannot be split so (why says) */
    char why[SPLIT_WHY_MAX];
    split_slot slot[SPLIT_SLOTS_MAX];
    int nslots;
    fit_verdict verdict;       /* the worst slot; FIT_OFFLOAD when it runs only
                                  with part of it in RAM */
    double headroom_gib;       /* the least headroom of the slots */
    double margin_gib;         /* the margin in effect */
    /* Offload (layer mode). */
    int gpu_layers;            /* blocks on the GPUs; = blocks when all are */
    int n_cpu_moe;             /* blocks whose routed experts are in RAM; 0 none,
                                  -1 not a MoE model */
    double ram_weights_gib;    /* what the offload keeps in RAM: the weights of
                                  the blocks and experts there (and the
                                  embeddings when the runtime keeps them
                                  there), and the KV cache of the blocks there */
    int offload_fits;          /* 1: GPU + RAM hold it */
    /* Speed: the decode ceiling in tokens/s counting both bandwidths (GPU
     * for the bytes it holds, RAM for the rest); 0 when unknown. */
    double tok_s;
    double gpu_bytes_per_token, ram_bytes_per_token;
    /* Tensor mode: the KV pool vLLM leaves (utilisation x capacity -
     * weights - activations - overhead, the least over the GPUs) and the
     * tokens it holds. */
    double kv_pool_gib;
    long kv_pool_tokens;
} split_plan;

/* The split of in->w over in->rig under in->rt. Returns 0, or -1 (p->ok 0)
 * for an invalid input. */
int split_compute(const split_input *in, split_plan *p);

/* The usable memory of GPU d under runtime rt: capacity x share (Apple's
 * rule, --apple-share) or --gpu-memory, times the runtime's utilisation. */
double split_usable_gib(const qs_device *d, const qs_runtime *rt, double apple_share,
                        double gpu_memory_gib);

/* The verdict of a split within a margin: 1 when every slot's total plus
 * margin_gib fits its usable memory (best precision and largest context
 * use it). */
int split_within_margin(const split_plan *p);

/* "layer", "tensor", "pipeline". */
const char *split_mode_name(split_mode m);

#endif
