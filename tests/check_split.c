/* check_split.c - what each GPU holds: the layer, tensor and pipeline
 * splits and the offloads, against hand computations on a model table
 * built here (round numbers, so every expected value is worked out in the
 * comment beside it). The measured row (measurements.md row 1) is in
 * check_split_measured.c. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/devices.h"
#include "model/memory.h"
#include "model/split.h"

#define GIB MEMORY_BYTES_PER_GIB
#define EPS 1e-9

/* A 24 GiB GPU at 1000 GB/s, another of 12 GiB at 500 GB/s. */
static qs_device check_gpu(const char *id, double gib, double gbs)
{
    qs_device d;

    memset(&d, 0, sizeof d);
    d.id = d.name = id;
    d.kind = DEV_KIND_GPU;
    d.capacity_gib = gib;
    d.bandwidth_gbps = gbs;
    d.gpu_share = 1.0;
    d.is_gpu = 1;
    return d;
}

/* Runtimes with round values: a layer splitter keeping the embeddings in
 * RAM with a 1 GiB margin, and a tensor-parallel one at 0.9 utilisation
 * without activations (so the sums are plain). */
static qs_runtime check_rt(runtime_split split, int embd_in_ram, double util, double margin)
{
    qs_runtime r;

    memset(&r, 0, sizeof r);
    r.id = split == RUNTIME_SPLIT_LAYER ? RUNTIME_LLAMACPP : RUNTIME_VLLM;
    r.name = "test";
    r.split = split;
    r.utilization = util;
    r.margin_gib = margin;
    r.embd_in_ram = embd_in_ram;
    r.source = "test";
    return r;
}

/* A dense model: `blocks` blocks of 0.5 GiB weights and 1/32 GiB KV each,
 * 1 GiB of embeddings and 1 GiB of output layer, 64 heads, 8 KV heads. */
static wlayers *check_dense(int blocks)
{
    wlayers *w = calloc(1, sizeof *w);
    int i;

    ck_assert_ptr_nonnull(w);
    w->ok = 1;
    w->blocks = w->trunk = blocks;
    w->embd_bytes = 1.0 * GIB;
    w->output_bytes = 1.0 * GIB;
    for (i = 0; i < blocks; i++) {
        w->layer_bytes[i] = 0.5 * GIB;
        w->kv_bytes[i] = GIB / 32.0;
    }
    w->heads = 64;
    w->kv_heads = 8;
    w->hidden = 8192;
    w->vocab = 128256;
    w->ffn_width = 28672;
    return w;
}

static split_input check_input(const wlayers *w, const qs_rig *rig, const qs_runtime *rt)
{
    split_input in;

    memset(&in, 0, sizeof in);
    in.w = w;
    in.rig = rig;
    in.rt = rt;
    in.overhead_gib = 0.5;
    in.margin_gib = -1.0;
    in.ctx = 8192;
    in.batch = 1;
    in.kv_bits = 16.0;
    in.n_cpu_moe = -1;
    in.weights_scale = 1.0;
    in.kv_scale = 1.0;
    in.ram_gib = 64.0;
    return in;
}

static void check_rig(qs_rig *r, const qs_device *a, const qs_device *b, int ngpu, int nodes)
{
    int i;

    memset(r, 0, sizeof *r);
    r->label = "rig";
    r->ngpu = ngpu;
    r->nodes = nodes;
    for (i = 0; i < ngpu; i++)
        r->gpu[i] = i == 0 || b == NULL ? *a : *b;
}

/* Two equal GPUs, 80 blocks: llama.cpp puts position il of 81 (80 blocks
 * and the output) on GPU 0 while il / 81 < 0.5, i.e. il <= 40: blocks
 * 0..40 (41) on GPU 0, 41..79 (39) and the output on GPU 1. */
START_TEST(test_layer_two_equal)
{
    wlayers *w = check_dense(80);
    qs_device g = check_gpu("g24", 24.0, 1000.0);
    qs_rig rig;
    qs_runtime rt = check_rt(RUNTIME_SPLIT_LAYER, 1, 1.0, 1.0);
    split_input in;
    split_plan p;

    check_rig(&rig, &g, NULL, 2, 1);
    in = check_input(w, &rig, &rt);
    ck_assert_int_eq(split_compute(&in, &p), 0);
    ck_assert_int_eq(p.mode, SPLIT_MODE_LAYER);
    ck_assert_int_eq(p.nslots, 2);
    ck_assert_int_eq(p.slot[0].first_layer, 0);
    ck_assert_int_eq(p.slot[0].layers, 41);
    ck_assert_int_eq(p.slot[1].first_layer, 41);
    ck_assert_int_eq(p.slot[1].layers, 39);
    ck_assert_int_eq(p.slot[0].output, 0);
    ck_assert_int_eq(p.slot[1].output, 1);
    ck_assert_int_eq(p.slot[0].input, 0);
    /* GPU 0: 41 x 0.5 = 20.5 weights, 41/32 = 1.28125 KV, 0.5 overhead. */
    ck_assert_double_eq_tol(p.slot[0].weights_gib, 20.5, EPS);
    ck_assert_double_eq_tol(p.slot[0].kv_gib, 1.28125, EPS);
    ck_assert_double_eq_tol(p.slot[0].total_gib, 22.28125, EPS);
    /* GPU 1: 39 x 0.5 + 1 (output) = 20.5; 39/32 = 1.21875 KV. */
    ck_assert_double_eq_tol(p.slot[1].weights_gib, 20.5, EPS);
    ck_assert_double_eq_tol(p.slot[1].kv_gib, 1.21875, EPS);
    ck_assert_double_eq_tol(p.slot[1].total_gib, 22.21875, EPS);
    /* 22.28125 / 24 = 92.8%: tight; the rig is its worst GPU. */
    ck_assert_int_eq(p.slot[0].verdict, FIT_TIGHT);
    ck_assert_int_eq(p.verdict, FIT_TIGHT);
    ck_assert_double_eq_tol(p.headroom_gib, 24.0 - 22.28125, EPS);
    /* The embeddings stay in RAM: 1 GiB, not an offload. */
    ck_assert_double_eq_tol(p.ram_weights_gib, 1.0, EPS);
    ck_assert_int_eq(p.gpu_layers, 80);
    /* Decode: GPU 0 reads 20.5 + 1.28125 GiB, GPU 1 20.5 + 1.21875, in turn,
     * at 1000 GB/s each: 1 / ((21.78125 + 21.71875) x 2^30 / 1e12). */
    ck_assert_double_eq_tol(p.tok_s, 1e12 / (43.5 * GIB), 1e-9);
    /* A 1 GiB margin: GPU 0 keeps 1.71875 free, so it holds. */
    ck_assert_int_eq(split_within_margin(&p), 1);
    free(w);
}
END_TEST

/* --tensor-split 3,1 on two equal GPUs: GPU 0 while il / 81 < 0.75, i.e.
 * il <= 60: 61 blocks; GPU 1 blocks 61..79 (19) and the output. */
START_TEST(test_layer_tensor_split)
{
    wlayers *w = check_dense(80);
    qs_device g = check_gpu("g48", 48.0, 1000.0);
    qs_rig rig;
    qs_runtime rt = check_rt(RUNTIME_SPLIT_LAYER, 1, 1.0, 1.0);
    split_input in;
    split_plan p;

    check_rig(&rig, &g, NULL, 2, 1);
    rig.split[0] = 3.0;
    rig.split[1] = 1.0;
    in = check_input(w, &rig, &rt);
    ck_assert_int_eq(split_compute(&in, &p), 0);
    ck_assert_int_eq(p.slot[0].layers, 61);
    ck_assert_int_eq(p.slot[1].layers, 19);
    ck_assert_double_eq_tol(p.slot[1].weights_gib, 19 * 0.5 + 1.0, EPS);
    free(w);
}
END_TEST

/* Unequal GPUs split by usable memory, 24 and 12 GiB: cumulative 2/3 and
 * 1; il / 81 < 2/3 for il <= 53: 54 blocks on the first, 26 and the
 * output on the second. */
START_TEST(test_layer_by_memory)
{
    wlayers *w = check_dense(80);
    qs_device a = check_gpu("a", 24.0, 1000.0), b = check_gpu("b", 12.0, 500.0);
    qs_rig rig;
    qs_runtime rt = check_rt(RUNTIME_SPLIT_LAYER, 1, 1.0, 1.0);
    split_input in;
    split_plan p;

    check_rig(&rig, &a, &b, 2, 1);
    in = check_input(w, &rig, &rt);
    in.ram_gib = 0.0;
    ck_assert_int_eq(split_compute(&in, &p), 0);
    ck_assert_int_eq(p.slot[0].layers, 54);
    ck_assert_int_eq(p.slot[1].layers, 26);
    /* 54 x 0.5 + 54/32 + 0.5 = 27 + 1.6875 + 0.5 = 29.1875 > 24: no fit on
     * the first, and without RAM no offload: the rig does not fit. */
    ck_assert_int_eq(p.slot[0].verdict, FIT_NO_FIT);
    ck_assert_int_eq(p.verdict, FIT_NO_FIT);
    free(w);
}
END_TEST

/* Dense offload: one 24 GiB GPU, 80 blocks (40 GiB): the most blocks that
 * keep the 1 GiB margin with -ngl L (the last L blocks, no output layer
 * on the GPU): L x (0.5 + 1/32) + 0.5 <= 23 -> L <= 42.35: 42 blocks. */
START_TEST(test_layer_offload_dense)
{
    wlayers *w = check_dense(80);
    qs_device g = check_gpu("g24", 24.0, 1000.0);
    qs_rig rig;
    qs_runtime rt = check_rt(RUNTIME_SPLIT_LAYER, 1, 1.0, 1.0);
    split_input in;
    split_plan p;

    check_rig(&rig, &g, NULL, 1, 1);
    in = check_input(w, &rig, &rt);
    in.ram_bandwidth_gbs = 100.0;
    ck_assert_int_eq(split_compute(&in, &p), 0);
    ck_assert_int_eq(p.verdict, FIT_OFFLOAD);
    ck_assert_int_eq(p.gpu_layers, 42);
    ck_assert_int_eq(p.slot[0].first_layer, 38);
    ck_assert_int_eq(p.slot[0].output, 0);
    /* RAM: the embeddings, 38 blocks with their cache and the output: 1 +
     * 19 + 38/32 + 1 = 22.1875 GiB. */
    ck_assert_double_eq_tol(p.ram_weights_gib, 22.1875, EPS);
    ck_assert_int_eq(p.offload_fits, 1);
    /* Per token: GPU 42 x (0.5 + 1/32) GiB at 1000 GB/s, RAM 38 x (0.5 +
     * 1/32) + 1 GiB at 100 GB/s. */
    ck_assert_double_eq_tol(p.tok_s,
                            1.0 / (42 * (0.5 + 1.0 / 32) * GIB / 1e12 +
                                   (38 * (0.5 + 1.0 / 32) + 1.0) * GIB / 1e11),
                            1e-9);
    /* Without RAM there is no offload. */
    in.ram_gib = 0.0;
    ck_assert_int_eq(split_compute(&in, &p), 0);
    ck_assert_int_eq(p.verdict, FIT_NO_FIT);
    ck_assert_double_eq(p.tok_s, 0.0);
    /* RAM too small for the 22.1875 GiB: no fit, the figures kept. */
    in.ram_gib = 22.0;
    ck_assert_int_eq(split_compute(&in, &p), 0);
    ck_assert_int_eq(p.verdict, FIT_NO_FIT);
    ck_assert_int_eq(p.offload_fits, 0);
    /* Unified memory (a share of one pool, as the DGX Spark's row) has no
     * RAM beside it to spill into. */
    in.ram_gib = 64.0;
    rig.gpu[0].gpu_share = 0.9292;
    ck_assert_int_eq(split_compute(&in, &p), 0);
    ck_assert_int_eq(p.verdict, FIT_NO_FIT);
    ck_assert_int_eq(p.gpu_layers, 80);
    free(w);
}
END_TEST

/* MoE expert offload: 48 blocks of 0.25 GiB + 1 GiB of routed experts
 * (8 of 128 active), KV 1/128 GiB each, output 0.5 GiB, one 24 GiB GPU,
 * overhead 0.5, margin 1. With the experts of the first N blocks in RAM
 * the GPU holds 48 x (0.25 + 1/128) + 0.5 (output) + (48 - N) x 1 + 2 x
 * 0.375 (op offload: two expert tensors of 0.375 GiB) + 0.5 = 12.375 +
 * 0.5 + 48 - N + 0.75 + 0.5 = 62.125 - N <= 23 -> N >= 39.125: N = 40. */
START_TEST(test_layer_offload_moe)
{
    wlayers *w = check_dense(48);
    qs_device g = check_gpu("g24", 24.0, 1000.0);
    qs_rig rig;
    qs_runtime rt = check_rt(RUNTIME_SPLIT_LAYER, 1, 1.0, 1.0);
    split_input in;
    split_plan p;
    int i;

    for (i = 0; i < 48; i++) {
        w->layer_bytes[i] = 0.25 * GIB;
        w->expert_bytes[i] = 1.0 * GIB;
        w->kv_bytes[i] = GIB / 128.0;
    }
    w->output_bytes = 0.5 * GIB;
    w->experts = 128;
    w->experts_active = 8;
    w->expert_tensor_max = 0.375 * GIB;
    check_rig(&rig, &g, NULL, 1, 1);
    in = check_input(w, &rig, &rt);
    ck_assert_int_eq(split_compute(&in, &p), 0);
    ck_assert_int_eq(p.verdict, FIT_OFFLOAD);
    ck_assert_int_eq(p.n_cpu_moe, 40);
    ck_assert_int_eq(p.slot[0].expert_layers_ram, 40);
    ck_assert_int_eq(p.gpu_layers, 48);
    ck_assert_int_eq(p.slot[0].output, 1);
    ck_assert_double_eq_tol(p.slot[0].compute_gib, 0.75, EPS);
    ck_assert_double_eq_tol(p.slot[0].total_gib, 62.125 - 40, EPS);
    /* RAM: the embeddings (1) and 40 blocks' experts. */
    ck_assert_double_eq_tol(p.ram_weights_gib, 41.0, EPS);
    /* One block fewer does not keep the margin. */
    in.n_cpu_moe = 39;
    ck_assert_int_eq(split_compute(&in, &p), 0);
    ck_assert_int_eq(split_within_margin(&p), 0);
    /* Per token at N = 40: the GPU reads 48 x (0.25 + 1/128) + 0.5 + 8 x
     * 1 x 8/128, the RAM 40 x 8/128 (at the assumed 89.6 GB/s). */
    in.n_cpu_moe = 40;
    ck_assert_int_eq(split_compute(&in, &p), 0);
    ck_assert_double_eq_tol(p.tok_s,
                            1.0 / ((48 * (0.25 + 1.0 / 128) + 0.5 + 8 * 0.0625) * GIB / 1e12 +
                                   40 * 0.0625 * GIB / (SPLIT_RAM_BANDWIDTH_GBS * 1e9)),
                            1e-9);
    free(w);
}
END_TEST

/* Tensor parallel over 8 GPUs of 80 GiB at 0.9: every figure / 8; 8 KV
 * heads over TP 8, no copies. 126 blocks of 0.5 GiB + 1 + 1 = 65 GiB ->
 * 8.125 per GPU; KV 126/32 / 8 = 0.4921875; usable 72. */
START_TEST(test_tensor_tp8)
{
    wlayers *w = check_dense(126);
    qs_device g = check_gpu("h", 80.0, 3350.0);
    qs_rig rig;
    qs_runtime rt = check_rt(RUNTIME_SPLIT_TENSOR, 0, 0.9, 0.0);
    split_input in;
    split_plan p;

    w->heads = 128;
    check_rig(&rig, &g, NULL, 8, 1);
    in = check_input(w, &rig, &rt);
    ck_assert_int_eq(split_compute(&in, &p), 0);
    ck_assert_int_eq(p.mode, SPLIT_MODE_TENSOR);
    ck_assert_int_eq(p.tp, 8);
    ck_assert_int_eq(p.pp, 1);
    ck_assert_int_eq(p.kv_replicas, 1);
    ck_assert_int_eq(p.possible, 1);
    ck_assert_int_eq(p.nslots, 8);
    ck_assert_double_eq_tol(p.slot[3].weights_gib, 65.0 / 8, EPS);
    ck_assert_double_eq_tol(p.slot[3].kv_gib, 126.0 / 32 / 8, EPS);
    ck_assert_double_eq_tol(p.slot[3].usable_gib, 72.0, EPS);
    ck_assert_double_eq_tol(p.slot[3].total_gib, 65.0 / 8 + 126.0 / 32 / 8 + 0.5, EPS);
    ck_assert_int_eq(p.verdict, FIT_FITS);
    /* The pool: 72 - 8.125 - 0.5 = 63.375 GiB; tokens at 126/32/8 GiB per
     * 8192 tokens: floor(63.375 / (0.4921875 / 8192)). */
    ck_assert_double_eq_tol(p.kv_pool_gib, 63.375, EPS);
    ck_assert_int_eq(p.kv_pool_tokens, (long)floor(63.375 / (0.4921875 / 8192)));
    free(w);
}
END_TEST

/* Fewer KV heads than TP: 4 KV heads over 8 GPUs are each copied twice,
 * so each GPU holds 2/8 of the cache; heads that do not divide refuse. */
START_TEST(test_tensor_kv_replicas)
{
    wlayers *w = check_dense(32);
    qs_device g = check_gpu("h", 80.0, 3350.0);
    qs_rig rig;
    qs_runtime rt = check_rt(RUNTIME_SPLIT_TENSOR, 0, 0.9, 0.0);
    split_input in;
    split_plan p;

    w->kv_heads = 4;
    check_rig(&rig, &g, NULL, 8, 1);
    in = check_input(w, &rig, &rt);
    ck_assert_int_eq(split_compute(&in, &p), 0);
    ck_assert_int_eq(p.kv_replicas, 2);
    ck_assert_double_eq_tol(p.slot[0].kv_gib, 32.0 / 32 * 2 / 8, EPS);
    /* 64 heads over 6 GPUs. */
    check_rig(&rig, &g, NULL, 6, 1);
    ck_assert_int_eq(split_compute(&in, &p), 0);
    ck_assert_int_eq(p.possible, 0);
    ck_assert_int_eq(p.verdict, FIT_NO_FIT);
    ck_assert_ptr_nonnull(strstr(p.why, "64 attention heads"));
    /* MLA: every GPU keeps the whole latent cache. */
    w->latent_kv = 1;
    check_rig(&rig, &g, NULL, 8, 1);
    ck_assert_int_eq(split_compute(&in, &p), 0);
    ck_assert_int_eq(p.kv_replicas, 8);
    ck_assert_double_eq_tol(p.slot[0].kv_gib, 1.0, EPS);
    free(w);
}
END_TEST

/* Two machines of 8 GPUs, 61 trunk blocks and 1 MTP block: vLLM gives
 * stage 0 61 // 2 + 1 = 31 blocks, stage 1 30 and (here) the MTP block;
 * the embeddings on the first stage, the output on the last, all / 8.
 * Stage 0: (31 x 0.5 + 1) / 8 = 2.0625; stage 1: (31 x 0.5 + 1) / 8. MLA:
 * each GPU of a stage holds its blocks' whole cache: 31/32 and 31/32. */
START_TEST(test_pipeline)
{
    wlayers *w = check_dense(62);
    qs_device g = check_gpu("h", 80.0, 3350.0);
    qs_rig rig;
    qs_runtime rt = check_rt(RUNTIME_SPLIT_TENSOR, 0, 0.9, 0.0);
    split_input in;
    split_plan p;

    w->trunk = 61;
    w->kv_bytes[61] = 0.0;
    w->latent_kv = 1;
    w->heads = 128;
    check_rig(&rig, &g, NULL, 8, 2);
    in = check_input(w, &rig, &rt);
    ck_assert_int_eq(split_compute(&in, &p), 0);
    ck_assert_int_eq(p.mode, SPLIT_MODE_PIPELINE);
    ck_assert_int_eq(p.tp, 8);
    ck_assert_int_eq(p.pp, 2);
    ck_assert_int_eq(p.nslots, 2);
    ck_assert_int_eq(p.slot[0].first_layer, 0);
    ck_assert_int_eq(p.slot[0].layers, 31);
    ck_assert_int_eq(p.slot[1].first_layer, 31);
    ck_assert_int_eq(p.slot[1].layers, 31);
    ck_assert_int_eq(p.slot[0].count, 8);
    ck_assert_int_eq(p.slot[0].input, 1);
    ck_assert_int_eq(p.slot[1].output, 1);
    ck_assert_double_eq_tol(p.slot[0].weights_gib, (31 * 0.5 + 1.0) / 8, EPS);
    ck_assert_double_eq_tol(p.slot[1].weights_gib, (31 * 0.5 + 1.0) / 8, EPS);
    ck_assert_double_eq_tol(p.slot[0].kv_gib, 31.0 / 32, EPS);
    ck_assert_double_eq_tol(p.slot[1].kv_gib, 30.0 / 32, EPS);
    free(w);
}
END_TEST

/* Bad input is refused; the usable memory follows --gpu-memory. */
START_TEST(test_bad_and_usable)
{
    wlayers *w = check_dense(8);
    qs_device g = check_gpu("g", 24.0, 1000.0);
    qs_rig rig;
    qs_runtime rt = check_rt(RUNTIME_SPLIT_TENSOR, 0, 0.9, 0.0);
    split_input in;
    split_plan p;

    check_rig(&rig, &g, NULL, 1, 1);
    in = check_input(w, &rig, &rt);
    in.weights_scale = 0.0;
    ck_assert_int_eq(split_compute(&in, &p), -1);
    ck_assert_int_eq(p.ok, 0);
    in.weights_scale = 1.0;
    in.rig = NULL;
    ck_assert_int_eq(split_compute(&in, &p), -1);
    w->ok = 0;
    in.rig = &rig;
    ck_assert_int_eq(split_compute(&in, &p), -1);
    ck_assert_double_eq_tol(split_usable_gib(&g, &rt, 0.0, 0.0), 24.0 * 0.9, EPS);
    ck_assert_double_eq_tol(split_usable_gib(&g, &rt, 0.0, 20.0), 20.0 * 0.9, EPS);
    ck_assert_str_eq(split_mode_name(SPLIT_MODE_PIPELINE), "pipeline");
    free(w);
}
END_TEST

static Suite *split_suite(void)
{
    Suite *s = suite_create("split");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_layer_two_equal);
    tcase_add_test(tc, test_layer_tensor_split);
    tcase_add_test(tc, test_layer_by_memory);
    tcase_add_test(tc, test_layer_offload_dense);
    tcase_add_test(tc, test_layer_offload_moe);
    tcase_add_test(tc, test_tensor_tp8);
    tcase_add_test(tc, test_tensor_kv_replicas);
    tcase_add_test(tc, test_pipeline);
    tcase_add_test(tc, test_bad_and_usable);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(split_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
