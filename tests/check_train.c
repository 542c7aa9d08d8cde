/* check_train.c - unit tests for model/train: each term of the fine-tuning
 * memory against its formula written out here. LoRA counts: Llama-3.1-8B
 * r16 on all seven linear layers is PEFT's printed 41,943,040; Llama-2-7B
 * r8 on q and v is 4,194,304; Llama-3.1-70B r16 all is 207,093,760
 * (shared/reference/devices-serving-2026.md 4.3). Full fine-tuning with
 * AdamW is ZeRO's 16 bytes a parameter; NF4 with double quantization is
 * 4 + 8/64 + 32/(64 x 256) bits; activations are Korthikanti et al.'s
 * 34 s b h a layer (2 s b h checkpointed, plus one layer); the adapter's
 * file is 2 bytes a trainable parameter; and LLaMA 65B under QLoRA (r16,
 * all targets, 2048 tokens, micro-batch 1, checkpointing, paged AdamW)
 * fits in 48 GiB, as the QLoRA paper says ("<48 GB"). */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/devices.h"
#include "model/memory.h"
#include "model/query.h"
#include "model/train.h"

#define GIB MEMORY_BYTES_PER_GIB
#define TOL 1e-12

/* LLaMA 65B (huggyllama/llama-65b config.json): 80 layers, hidden 8192,
 * 64 heads (MHA), ffn 22016, vocab 32000, untied embeddings. */
#define L65_PARAMS 65285660672.0
#define L65_EMBD (2.0 * 32000 * 8192)
#define L65_NORMS (80.0 * 2 * 8192 + 8192)
/* r16 on q, k, v, o (8192 -> 8192 each) and gate, up, down (8192 <-> 22016). */
#define L65_LORA16 (80.0 * (4 * 16 * (8192 + 8192) + 3 * 16 * (8192 + 22016)))
/* Llama-2-7B: 6,738,415,616 parameters. */
#define L27_PARAMS 6738415616.0

static void close_to(double got, double want, const char *what)
{
    double tol = TOL * fmax(1.0, fabs(want));
    ck_assert_msg(fabs(got - want) <= tol, "%s: got %.17g, want %.17g", what, got, want);
}

static qs_query *query_of(const char *model, train_mode mode)
{
    static qs_query q;
    const qs_model *m = models_find(models_builtin(), model);

    ck_assert_ptr_nonnull(m);
    query_init(&q);
    query_set_model(&q, m, 0.0);
    q.train.mode = mode;
    return &q;
}

static const qs_arch *arch_of(const char *model)
{
    const qs_model *m = models_find(models_builtin(), model);

    ck_assert_ptr_nonnull(m);
    return &m->arch;
}

START_TEST(test_catalog_llama_65b)
{
    const qs_model *m = models_find(models_builtin(), "llama-65b");

    ck_assert_ptr_nonnull(m);
    ck_assert_str_eq(m->name, "LLaMA 65B");
    ck_assert_int_eq(m->arch.layers, 80);
    ck_assert_int_eq(m->arch.kv_heads, 64);
    ck_assert(m->params == (int64_t)L65_PARAMS);
    close_to(m->total, L65_PARAMS, "the expansion equals the checkpoint's count");
}
END_TEST

START_TEST(test_lora_counts)
{
    train_lora_count c;

    c = train_lora_params(arch_of("llama-3.1-8b"), 16, TRAIN_MAT_ALL);
    ck_assert_int_eq(c.params, 41943040);
    ck_assert_int_eq(c.matrices, 7 * 32);
    ck_assert_int_eq(c.experts_skipped, 0);
    c = train_lora_params(arch_of("llama-2-7b"), 8, TRAIN_MAT_Q | TRAIN_MAT_V);
    ck_assert_int_eq(c.params, 4194304);
    ck_assert_int_eq(c.matrices, 2 * 32);
    c = train_lora_params(arch_of("llama-3.1-70b"), 16, TRAIN_MAT_ALL);
    ck_assert_int_eq(c.params, 207093760);
    c = train_lora_params(arch_of("llama-65b"), 16, TRAIN_MAT_ALL);
    ck_assert(c.params == (int64_t)L65_LORA16);
    /* Llama-3.1-8B attention alone: q, o 4096 -> 4096; k, v 4096 -> 1024. */
    c = train_lora_params(arch_of("llama-3.1-8b"), 16, TRAIN_MAT_ATTENTION);
    ck_assert_int_eq(c.params, 32 * 16 * (2 * (4096 + 4096) + 2 * (4096 + 1024)));
    /* The MLP alone: gate, up, down 4096 <-> 14336. */
    c = train_lora_params(arch_of("llama-3.1-8b"), 16, TRAIN_MAT_MLP);
    ck_assert_int_eq(c.params, 32 * 16 * 3 * (4096 + 14336));
    ck_assert_uint_eq(train_targets_mask(TRAIN_TARGETS_DEFAULT), TRAIN_MAT_ALL);
    ck_assert_uint_eq(train_targets_mask(TRAIN_TARGETS_ATTENTION), TRAIN_MAT_ATTENTION);
    /* Mixtral's routed experts are not adapted: its attention only. */
    c = train_lora_params(arch_of("mixtral-8x7b"), 16, TRAIN_MAT_ALL);
    ck_assert_int_eq(c.experts_skipped, 1);
    ck_assert_int_eq(c.params, 32 * 16 * (2 * (4096 + 4096) + 2 * (4096 + 1024)));
    ck_assert_int_eq(train_lora_params(arch_of("llama-2-7b"), 0, TRAIN_MAT_ALL).params, -1);
}
END_TEST

START_TEST(test_nf4_bits_and_frozen)
{
    qs_query *q = query_of("llama-65b", TRAIN_QLORA);
    train_result r;

    ck_assert(TRAIN_NF4_DQ_BITS == 4.126953125);
    ck_assert(fabs(TRAIN_NF4_DQ_BITS - 4.127) < 5e-5);
    ck_assert_int_eq(train_kept_16bit(arch_of("llama-65b")), (int64_t)(L65_EMBD + L65_NORMS));
    ck_assert_int_eq(train_compute(q, &r), 0);
    close_to(r.kept_16bit, L65_EMBD + L65_NORMS, "kept at 16-bit");
    close_to(r.quantized, L65_PARAMS - L65_EMBD - L65_NORMS, "quantized");
    close_to(r.term[TRAIN_TERM_FROZEN].bytes,
             (L65_PARAMS - L65_EMBD - L65_NORMS) * 4.126953125 / 8 + (L65_EMBD + L65_NORMS) * 2,
             "frozen NF4 + DQ");
    /* LoRA: the whole base at 16-bit; full: nothing frozen. */
    q = query_of("llama-2-7b", TRAIN_LORA);
    ck_assert_int_eq(train_compute(q, &r), 0);
    close_to(r.term[TRAIN_TERM_FROZEN].bytes, L27_PARAMS * 2, "frozen 16-bit");
    close_to(r.term[TRAIN_TERM_FROZEN].per_param, 2.0, "2 B/param");
    q = query_of("llama-2-7b", TRAIN_FULL);
    ck_assert_int_eq(train_compute(q, &r), 0);
    close_to(r.term[TRAIN_TERM_FROZEN].bytes, 0.0, "nothing frozen");
}
END_TEST

START_TEST(test_full_16_bytes)
{
    qs_query *q = query_of("llama-2-7b", TRAIN_FULL);
    train_result r;
    double states;

    ck_assert_int_eq(train_compute(q, &r), 0);
    ck_assert_int_eq(r.optimizer, TRAIN_OPT_ADAMW);
    ck_assert_int_eq(r.checkpointing, 0);
    ck_assert_int_eq(r.checkpointing_default, 1);
    close_to(r.trainable, L27_PARAMS, "every parameter trains");
    ck_assert(r.per_trainable == 16.0);
    close_to(r.term[TRAIN_TERM_WEIGHTS].bytes, 2 * L27_PARAMS, "weights 2");
    close_to(r.term[TRAIN_TERM_GRADS].bytes, 2 * L27_PARAMS, "gradients 2");
    close_to(r.term[TRAIN_TERM_MASTER].bytes, 4 * L27_PARAMS, "master 4");
    close_to(r.term[TRAIN_TERM_OPTIMIZER].bytes, 8 * L27_PARAMS, "adamw 8");
    states = r.term[TRAIN_TERM_FROZEN].bytes + r.term[TRAIN_TERM_WEIGHTS].bytes +
             r.term[TRAIN_TERM_GRADS].bytes + r.term[TRAIN_TERM_MASTER].bytes +
             r.term[TRAIN_TERM_OPTIMIZER].bytes;
    close_to(states / L27_PARAMS, 16.0, "16 B/param before activations");
    close_to(r.rule_adam_bytes, 16 * L27_PARAMS, "rule: 16 B/param");
    close_to(r.rule_hf_bytes, 8 * L27_PARAMS, "rule: HF 4 x fp16");
    /* Plus activations at 2048 x 1, no checkpointing: 34 s b h L; logits
     * 4 s b v; the default overhead. */
    close_to(r.term[TRAIN_TERM_ACTIVATIONS].bytes, 34.0 * 2048 * 4096 * 32, "activations");
    close_to(r.term[TRAIN_TERM_LOGITS].bytes, 4.0 * 2048 * 32000, "logits");
    close_to(r.term[TRAIN_TERM_OVERHEAD].bytes, FIT_DEFAULT_OVERHEAD_GIB * GIB, "overhead");
    close_to(r.total_bytes,
             16 * L27_PARAMS + 34.0 * 2048 * 4096 * 32 + 4.0 * 2048 * 32000 +
                 FIT_DEFAULT_OVERHEAD_GIB * GIB,
             "total");
    ck_assert(r.adapter_file_bytes == 0.0);
}
END_TEST

START_TEST(test_optimizers)
{
    qs_query *q = query_of("llama-2-7b", TRAIN_FULL);
    train_result r;

    ck_assert(train_optimizer_bytes(TRAIN_OPT_ADAMW) == 8.0);
    ck_assert(train_optimizer_bytes(TRAIN_OPT_ADAMW8BIT) == 2.0);
    ck_assert(train_optimizer_bytes(TRAIN_OPT_PAGED_ADAMW) == 8.0);
    ck_assert(train_optimizer_bytes(TRAIN_OPT_SGD) == 4.0);
    q->train.optimizer = TRAIN_OPT_ADAMW8BIT;
    ck_assert_int_eq(train_compute(q, &r), 0);
    ck_assert(r.per_trainable == 10.0);
    close_to(r.term[TRAIN_TERM_OPTIMIZER].bytes, 2 * L27_PARAMS, "8-bit states");
    ck_assert(r.pageable_bytes == 0.0);
    q->train.optimizer = TRAIN_OPT_SGD;
    ck_assert_int_eq(train_compute(q, &r), 0);
    ck_assert(r.per_trainable == 12.0);
    q->train.optimizer = TRAIN_OPT_PAGED_ADAMW;
    ck_assert_int_eq(train_compute(q, &r), 0);
    close_to(r.pageable_bytes, 8 * L27_PARAMS, "paged states are pageable");
    /* QLoRA's default is paged AdamW; LoRA's AdamW. */
    q = query_of("llama-2-7b", TRAIN_QLORA);
    ck_assert_int_eq(train_compute(q, &r), 0);
    ck_assert_int_eq(r.optimizer, TRAIN_OPT_PAGED_ADAMW);
    ck_assert_int_eq(r.optimizer_default, 1);
    q = query_of("llama-2-7b", TRAIN_LORA);
    ck_assert_int_eq(train_compute(q, &r), 0);
    ck_assert_int_eq(r.optimizer, TRAIN_OPT_ADAMW);
}
END_TEST

START_TEST(test_activations)
{
    qs_query *q;
    train_result r;

    /* Llama-3.1-8B, s 4096, b 1: 34 x 4096 x 4096 x 32 = 17 GiB; with
     * checkpointing 2 x 4096 x 4096 x 32 (1 GiB) + 34 x 4096 x 4096. */
    ck_assert(train_activation_bytes(4096, 1, 4096, 32, 0) == 18253611008.0);
    ck_assert(train_activation_bytes(4096, 1, 4096, 32, 0) == 17.0 * GIB);
    ck_assert(train_activation_bytes(4096, 1, 4096, 32, 1) == 1073741824.0 + 570425344.0);
    ck_assert(train_activation_bytes(2048, 2, 4096, 32, 0) ==
              train_activation_bytes(4096, 1, 4096, 32, 0));
    q = query_of("llama-3.1-8b", TRAIN_LORA);
    q->train.seq = 4096;
    ck_assert_int_eq(train_compute(q, &r), 0);
    ck_assert_int_eq(r.checkpointing, 1);
    ck_assert(r.term[TRAIN_TERM_ACTIVATIONS].bytes == 1073741824.0 + 570425344.0);
    q->train.grad_checkpointing = 0;
    ck_assert_int_eq(train_compute(q, &r), 0);
    ck_assert_int_eq(r.checkpointing, 0);
    ck_assert_int_eq(r.checkpointing_default, 0);
    ck_assert(r.term[TRAIN_TERM_ACTIVATIONS].bytes == 17.0 * GIB);
}
END_TEST

START_TEST(test_lora_terms_and_adapter)
{
    qs_query *q = query_of("llama-3.1-8b", TRAIN_LORA);
    train_result r;

    ck_assert_int_eq(train_compute(q, &r), 0);
    ck_assert(r.trainable == 41943040.0);
    ck_assert(r.term[TRAIN_TERM_WEIGHTS].bytes == 2 * 41943040.0);
    ck_assert(r.term[TRAIN_TERM_GRADS].bytes == 2 * 41943040.0);
    ck_assert(r.term[TRAIN_TERM_MASTER].bytes == 4 * 41943040.0);
    ck_assert(r.term[TRAIN_TERM_OPTIMIZER].bytes == 8 * 41943040.0);
    ck_assert(r.adapter_file_bytes == 83886080.0);
    q->train.targets = TRAIN_TARGETS_ATTENTION;
    q->train.rank = 8;
    ck_assert_int_eq(train_compute(q, &r), 0);
    ck_assert(r.trainable == 32.0 * 8 * (2 * (4096 + 4096) + 2 * (4096 + 1024)));
    ck_assert(r.adapter_file_bytes == 2 * r.trainable);
}
END_TEST

START_TEST(test_qlora_65b_fits_48gib)
{
    qs_query *q = query_of("llama-65b", TRAIN_QLORA);
    train_result r;
    train_fit f;
    qs_device d;
    double want;
    size_t i;

    q->train.rank = 16;
    q->train.seq = 2048;
    q->train.micro_batch = 1;
    ck_assert_int_eq(train_compute(q, &r), 0);
    ck_assert_int_eq(r.checkpointing, 1);
    ck_assert_int_eq(r.optimizer, TRAIN_OPT_PAGED_ADAMW);
    close_to(r.trainable, L65_LORA16, "adapters");
    want = (L65_PARAMS - L65_EMBD - L65_NORMS) * 4.126953125 / 8 + (L65_EMBD + L65_NORMS) * 2 +
           16 * L65_LORA16 + 2.0 * 2048 * 8192 * 80 + 34.0 * 2048 * 8192 +
           4.0 * 2048 * 32000 + FIT_DEFAULT_OVERHEAD_GIB * GIB;
    close_to(r.total_bytes, want, "the QLoRA total");
    ck_assert(r.total_bytes < 48.0 * GIB);
    ck_assert_int_eq(devices_resolve("48GiB", &d), 0);
    f = train_fit_on(&r, &d, 0.0);
    ck_assert_int_eq(f.ok, 1);
    ck_assert_int_eq(f.fits, 1);
    ck_assert_int_eq(f.verdict, FIT_FITS);
    close_to(f.need_gib, r.total_bytes / GIB, "need");
    close_to(f.share, r.total_bytes / GIB / 48.0, "share");
    /* Full fine-tuning of the same 65B in 16-bit is over 780 GB (the
     * paper's ">780 GB"): 16 B/param alone. */
    q->train.mode = TRAIN_FULL;
    ck_assert_int_eq(train_compute(q, &r), 0);
    ck_assert(r.total_bytes > 780e9);
    ck_assert_int_eq(train_fit_on(&r, &d, 0.0).verdict, FIT_NO_FIT);
    /* Every term has an id, a label and a short source. */
    for (i = 0; i < TRAIN_TERMS; i++) {
        ck_assert_ptr_nonnull(r.term[i].id);
        ck_assert_ptr_nonnull(r.term[i].label);
        ck_assert_ptr_nonnull(r.term[i].source);
        ck_assert_uint_le(strlen(r.term[i].source), 60);
    }
}
END_TEST

START_TEST(test_refusals)
{
    qs_query q;
    train_result r;

    query_init(&q);
    q.train.mode = TRAIN_FULL;
    q.shape = NULL;
    ck_assert_int_eq(train_compute(&q, &r), -1);
    ck_assert_int_eq(r.ok, 0);
    ck_assert_str_eq(r.why, "the model has no architecture");
    ck_assert_int_eq(train_compute(query_of("llama-2-7b", TRAIN_NONE), &r), -1);
    q = *query_of("llama-2-7b", TRAIN_LORA);
    q.train.rank = 0;
    ck_assert_int_eq(train_compute(&q, &r), -1);
    q.train.rank = 16;
    q.train.seq = 0;
    ck_assert_int_eq(train_compute(&q, &r), -1);
    ck_assert_int_eq(train_fit_on(&r, NULL, 0.0).ok, 0);
}
END_TEST

static Suite *train_suite(void)
{
    Suite *s = suite_create("train");
    TCase *c = tcase_create("core");

    tcase_add_test(c, test_catalog_llama_65b);
    tcase_add_test(c, test_lora_counts);
    tcase_add_test(c, test_nf4_bits_and_frozen);
    tcase_add_test(c, test_full_16_bytes);
    tcase_add_test(c, test_optimizers);
    tcase_add_test(c, test_activations);
    tcase_add_test(c, test_lora_terms_and_adapter);
    tcase_add_test(c, test_qlora_65b_fits_48gib);
    tcase_add_test(c, test_refusals);
    suite_add_tcase(s, c);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(train_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
