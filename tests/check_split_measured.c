/* check_split_measured.c - the splits of real catalog models through the
 * plan, against hand computations from their published shapes and against
 * a measured row (shared/reference/measurements.md row 1).
 *
 * Row 1: Qwen3-30B-A3B F16 on an RTX 4090, llama.cpp --fit at -c 4096:
 * "CUDA0 19187 MiB = model 17904 + context 384 + compute 898", "48 layers
 * (34 overflowing)": the routed experts of 34 blocks on the CPU
 * (ggml-org/llama.cpp tools/fit-params/README.md). */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/devices.h"
#include "model/memory.h"
#include "model/plan.h"

#define MIB (1024.0 * 1024.0)
#define GIB MEMORY_BYTES_PER_GIB

/* Qwen3-30B-A3B's shape (config.json): hidden 2048, 48 layers, 32 heads of
 * 128, 4 KV heads, 128 experts of 768, 8 per token, vocab 151936. */
#define Q3_HIDDEN 2048.0
#define Q3_LAYERS 48
#define Q3_QDIM (32.0 * 128.0)
#define Q3_KVDIM (4.0 * 128.0)
#define Q3_EXPERTS 128.0
#define Q3_EXPERT_DIM 768.0
#define Q3_VOCAB 151936.0

static qs_plan *plan_of(qs_query *q)
{
    qs_plan *p = malloc(sizeof *p);

    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(plan_compute(q, p), 0);
    return p;
}

static void query_of(qs_query *q, const char *model, const char *format, const char *rig_or_dev)
{
    const qs_model *m = models_find(models_builtin(), model);
    qs_device d;

    ck_assert_ptr_nonnull(m);
    query_init(q);
    query_set_model(q, m, 0.0);
    query_set_weights(q, formats_find(format), 0.0);
    ck_assert_int_eq(devices_resolve(rig_or_dev, &d), 0);
    ck_assert_int_eq(query_add_device(q, &d, 0), 0);
}

/* The FP16 checkpoint's bytes by hand: every tensor at 2 bytes (the dense
 * layout; llama.cpp's F16 file keeps the norms and the 2048 x 128 router in
 * F32, 48 x 0.51 = 24 MiB more, 0.13%): per block the attention q, k, v, o,
 * the q/k norms (128 each), the two block norms and the router; the experts
 * 3 x 2048 x 768 x 128; the output 151936 x 2048. */
static double q3_block_bytes(void)
{
    double attn = Q3_HIDDEN * Q3_QDIM * 2 + Q3_HIDDEN * Q3_KVDIM * 2;
    double norms = 128.0 * 2 + Q3_HIDDEN * 2;

    return (attn + norms + Q3_HIDDEN * Q3_EXPERTS) * 2.0;
}

static double q3_experts_bytes(void)
{
    return 3.0 * Q3_HIDDEN * Q3_EXPERT_DIM * Q3_EXPERTS * 2.0;
}

START_TEST(test_measured_row1)
{
    qs_query q;
    qs_plan *p;
    const split_plan *sp;
    const split_slot *s;
    double self_mib, model_mib, expect_model;

    query_of(&q, "qwen3-30b-a3b", "fp16", "rtx-4090");
    q.runtime = RUNTIME_LLAMACPP;
    q.ctx = 4096;
    q.ram_gib = 128.0;
    q.n_cpu_moe = 34;
    p = plan_of(&q);
    sp = &p->devices[0].split;
    ck_assert_int_eq(sp->ok, 1);
    ck_assert_int_eq(sp->mode, SPLIT_MODE_LAYER);
    ck_assert_int_eq(sp->n_cpu_moe, 34);
    s = &sp->slot[0];
    ck_assert_int_eq(s->layers, 48);
    ck_assert_int_eq(s->expert_layers_ram, 34);
    /* Context: 48 x 2 x 4 x 128 x 4096 x 2 B = 384 MiB, as measured. */
    ck_assert_double_eq_tol(s->kv_gib * 1024.0, 384.0, 1e-9);
    /* The model on the GPU by hand: 48 blocks without experts, 14 blocks'
     * experts and the output layer (our -ngl 99 puts it on the GPU; the
     * measured run's -ngl 48 left its 593.5 MiB on the CPU). */
    expect_model = 48 * q3_block_bytes() + 14 * q3_experts_bytes() + Q3_VOCAB * Q3_HIDDEN * 2;
    model_mib = s->weights_gib * 1024.0;
    ck_assert_double_eq_tol(model_mib, expect_model / MIB, 1.0);
    /* Within 5% of the measured 17904 + 593.5 (the output) for the model,
     * and of the measured 19187 MiB for model + context + compute (our
     * overhead, the CUDA context, is outside llama.cpp's "self"). */
    ck_assert(fabs(model_mib - (17904.0 + 593.5)) / (17904.0 + 593.5) <= 0.05);
    self_mib = (s->weights_gib + s->kv_gib + s->compute_gib) * 1024.0;
    ck_assert_msg(fabs(self_mib - 19187.0) / 19187.0 <= 0.05, "self %.1f MiB vs 19187", self_mib);
    ck_assert_int_eq(p->devices[0].fit.verdict, FIT_OFFLOAD);
    free(p);
}
END_TEST

/* The smallest --n-cpu-moe on the 4090's 24564 MiB with the 1 GiB margin
 * and 0.5 GiB of overhead, by hand: the GPU holds 48 blocks without
 * experts, the output, the 384 MiB cache, two expert tensors (op offload)
 * and (48 - N) blocks' experts; N is the least with total + 1 GiB <=
 * 24564 MiB. */
START_TEST(test_smallest_n_cpu_moe)
{
    qs_query q;
    qs_plan *p;
    double fixed, room;
    int n_expect;

    query_of(&q, "qwen3-30b-a3b", "fp16", "rtx-4090");
    q.runtime = RUNTIME_LLAMACPP;
    q.ctx = 4096;
    q.ram_gib = 128.0;
    p = plan_of(&q);
    fixed = 48 * q3_block_bytes() + Q3_VOCAB * Q3_HIDDEN * 2 + 384.0 * MIB +
            2.0 * q3_experts_bytes() / 3.0 + 0.5 * GIB;
    room = 24564.0 * MIB - 1.0 * GIB - fixed;
    n_expect = 48 - (int)floor(room / q3_experts_bytes());
    ck_assert_int_eq(p->devices[0].split.n_cpu_moe, n_expect);
    ck_assert_int_eq(p->devices[0].fit.verdict, FIT_OFFLOAD);
    ck_assert(p->devices[0].tok_s > 0.0);
    free(p);
}
END_TEST

/* plan_update rescales the block table when only the size of plain-bits
 * weights moved, and gives plan_compute's answers to rounding. */
START_TEST(test_plan_update)
{
    qs_query q;
    qs_plan *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    int i;

    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    query_of(&q, "llama-3.1-70b", "q4_k_m", "rtx-3090");
    ck_assert_int_eq(query_add_device(&q, devices_find("h100-sxm"), 0), 0);
    q.ram_gib = 64.0;
    query_set_weights(&q, NULL, 4.5);
    ck_assert_int_eq(plan_compute(&q, a), 0);
    ck_assert_int_eq(a->layers_table.ok, 1);
    query_set_weights(&q, NULL, 3.25);
    ck_assert_int_eq(plan_update(&q, a), 0);
    ck_assert_int_eq(plan_compute(&q, b), 0);
    for (i = 0; i < 80; i++)
        ck_assert_double_eq_tol(a->layers_table.layer_bytes[i], b->layers_table.layer_bytes[i],
                                1e-6 * b->layers_table.layer_bytes[i]);
    ck_assert_double_eq_tol(a->layers_table.embd_bytes, b->layers_table.embd_bytes,
                            1e-6 * b->layers_table.embd_bytes);
    for (i = 0; i < 2; i++) {
        ck_assert_int_eq(a->devices[i].fit.verdict, b->devices[i].fit.verdict);
        ck_assert_int_eq(a->devices[i].split.gpu_layers, b->devices[i].split.gpu_layers);
        ck_assert_ptr_eq(a->devices[i].best, b->devices[i].best);
        ck_assert_int_eq(a->devices[i].max_ctx, b->devices[i].max_ctx);
        ck_assert_double_eq_tol(a->devices[i].fit.headroom_gib, b->devices[i].fit.headroom_gib,
                                1e-9);
    }
    /* A named format spreads its own way: made anew, the same as a fresh plan. */
    query_set_weights(&q, formats_find("q4_k_m"), 0.0);
    ck_assert_int_eq(plan_update(&q, a), 0);
    ck_assert_int_eq(plan_compute(&q, b), 0);
    ck_assert(a->layers_table.output_bytes == b->layers_table.output_bytes);
    ck_assert(a->devices[0].fit.headroom_gib == b->devices[0].fit.headroom_gib);
    free(a);
    free(b);
}
END_TEST

static Suite *measured_suite(void)
{
    Suite *s = suite_create("split_measured");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_measured_row1);
    tcase_add_test(tc, test_smallest_n_cpu_moe);
    tcase_add_test(tc, test_plan_update);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(measured_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
