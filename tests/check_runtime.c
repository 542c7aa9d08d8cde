/* check_runtime.c - unit tests for model/runtime: the table (its rows in
 * runtime_id order, the sourced values, UNVERIFIED marks), runtime_find of
 * every name and alias, runtime_loads on real formats, and the default
 * runtime with its reason.
 *
 * Expected values come from the sources runtime.c cites: llama.cpp's --fit
 * target 1024 MiB, Ollama's 457 MiB minimum, vLLM's 0.9 default
 * utilisation (shared/reference/notes.md). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "model/devices.h"
#include "model/formats.h"
#include "model/runtime.h"

#define MIB_PER_GIB 1024.0

/* The format named n, asserted to exist. */
static const qs_format *fmt(const char *n)
{
    const qs_format *f = formats_find(n);

    ck_assert_msg(f != NULL, "no format %s", n);
    return f;
}

/* The device of id n, asserted to exist. */
static const qs_device *dev(const char *n)
{
    const qs_device *d = devices_find(n);

    ck_assert_msg(d != NULL, "no device %s", n);
    return d;
}

START_TEST(test_table)
{
    const char *names[RUNTIME_COUNT] = { "llama.cpp", "ollama", "vllm", "sglang", "mlx",
                                         "transformers" };
    int i;

    for (i = 0; i < RUNTIME_COUNT; i++) {
        const qs_runtime *r = runtime_get((runtime_id)i);

        ck_assert_ptr_nonnull(r);
        ck_assert_int_eq(r->id, i);
        ck_assert_str_eq(r->name, names[i]);
        ck_assert_ptr_nonnull(r->program);
        ck_assert_ptr_nonnull(r->source);
        ck_assert(r->utilization > 0.0 && r->utilization <= 1.0);
        /* verified 0 exactly when the source says UNVERIFIED. */
        ck_assert_msg((strstr(r->source, "UNVERIFIED") == NULL) == (r->verified == 1),
                      "%s: verified %d, source '%s'", r->name, r->verified, r->source);
    }
    ck_assert_ptr_null(runtime_get(RUNTIME_COUNT));
    ck_assert_ptr_null(runtime_get(RUNTIME_AUTO));
    ck_assert_str_eq(runtime_names(), "llama.cpp, ollama, vllm, sglang, mlx, transformers");
}
END_TEST

START_TEST(test_values)
{
    const qs_runtime *l = runtime_get(RUNTIME_LLAMACPP);
    const qs_runtime *o = runtime_get(RUNTIME_OLLAMA);
    const qs_runtime *v = runtime_get(RUNTIME_VLLM);
    const qs_runtime *s = runtime_get(RUNTIME_SGLANG);
    const qs_runtime *m = runtime_get(RUNTIME_MLX);
    const qs_runtime *t = runtime_get(RUNTIME_TRANSFORMERS);

    ck_assert_str_eq(l->program, "llama-server");
    ck_assert_int_eq(l->split, RUNTIME_SPLIT_LAYER);
    ck_assert_double_eq(l->margin_gib, 1.0);
    ck_assert_double_eq(l->utilization, 1.0);
    ck_assert_int_eq(l->embd_in_ram, 1);
    ck_assert_int_eq(l->plain_bits, 1);
    ck_assert_int_eq(l->verified, 1);

    ck_assert_str_eq(o->program, "ollama");
    ck_assert_int_eq(o->split, RUNTIME_SPLIT_LAYER);
    ck_assert_double_eq(o->min_overhead_gib, 457.0 / MIB_PER_GIB);
    ck_assert_double_eq(o->margin_gib, 0.0);
    ck_assert_int_eq(o->embd_in_ram, 0);
    ck_assert_int_eq(o->verified, 0);

    ck_assert_str_eq(v->program, "vllm serve");
    ck_assert_int_eq(v->split, RUNTIME_SPLIT_TENSOR);
    ck_assert_double_eq(v->utilization, 0.9);
    ck_assert_double_eq(v->margin_gib, 0.0);
    ck_assert_int_eq(v->activations, 1);
    ck_assert_int_eq(v->embd_in_ram, 0);

    ck_assert_str_eq(s->program, "python -m sglang.launch_server");
    ck_assert_int_eq(s->split, RUNTIME_SPLIT_TENSOR);
    ck_assert_double_eq(s->utilization, 0.88);
    ck_assert_int_eq(s->activations, 1);
    ck_assert_int_eq(s->verified, 0);

    ck_assert_str_eq(m->program, "mlx_lm.server");
    ck_assert_double_eq(m->utilization, 1.0);
    ck_assert_int_eq(m->verified, 0);

    ck_assert_str_eq(t->program, "python");
    ck_assert_int_eq(t->split, RUNTIME_SPLIT_LAYER);
    ck_assert_double_eq(t->margin_gib, 1.0);
    ck_assert_int_eq(t->plain_bits, 0);
    ck_assert_int_eq(t->verified, 0);

    ck_assert_int_eq(RUNTIME_PROFILE_TOKENS, 8192);
    ck_assert_int_eq(RUNTIME_MAX_SEQS, 256);
    ck_assert_int_eq(RUNTIME_UBATCH, 512);
}
END_TEST

START_TEST(test_find)
{
    static const struct {
        const char *name;
        runtime_id id;
    } cases[] = {
        { "llama.cpp", RUNTIME_LLAMACPP }, { "LLAMA.CPP", RUNTIME_LLAMACPP },
        { "llamacpp", RUNTIME_LLAMACPP },  { "llama-cpp", RUNTIME_LLAMACPP },
        { "llama-server", RUNTIME_LLAMACPP }, { "Llama-Server", RUNTIME_LLAMACPP },
        { "ollama", RUNTIME_OLLAMA },      { "Ollama", RUNTIME_OLLAMA },
        { "vllm", RUNTIME_VLLM },          { "vLLM", RUNTIME_VLLM },
        { "sglang", RUNTIME_SGLANG },      { "SGLang", RUNTIME_SGLANG },
        { "mlx", RUNTIME_MLX },            { "mlx-lm", RUNTIME_MLX },
        { "mlx_lm", RUNTIME_MLX },         { "MLX-LM", RUNTIME_MLX },
        { "transformers", RUNTIME_TRANSFORMERS }, { "hf", RUNTIME_TRANSFORMERS },
        { "HF", RUNTIME_TRANSFORMERS },    { "accelerate", RUNTIME_TRANSFORMERS },
    };
    static const char *const unknown[] = { "", "llama", "cpp", "llama.cp", "llama.cpp ",
                                           " vllm", "mlx-", "h", "llamacpp llama-cpp",
                                           "tensorrt" };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const qs_runtime *r = runtime_find(cases[i].name);

        ck_assert_msg(r != NULL && r->id == cases[i].id, "'%s'", cases[i].name);
    }
    for (i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
        ck_assert_msg(runtime_find(unknown[i]) == NULL, "'%s' found", unknown[i]);
    ck_assert_ptr_null(runtime_find(NULL));
}
END_TEST

START_TEST(test_loads)
{
    const qs_runtime *l = runtime_get(RUNTIME_LLAMACPP);
    const qs_runtime *o = runtime_get(RUNTIME_OLLAMA);
    const qs_runtime *v = runtime_get(RUNTIME_VLLM);
    const qs_runtime *s = runtime_get(RUNTIME_SGLANG);
    const qs_runtime *m = runtime_get(RUNTIME_MLX);
    const qs_runtime *t = runtime_get(RUNTIME_TRANSFORMERS);

    /* GGUF file types: llama.cpp and Ollama, not the Python servers. */
    ck_assert_int_eq(runtime_loads(l, fmt("q4_k_m")), 1);
    ck_assert_int_eq(runtime_loads(o, fmt("q4_k_m")), 1);
    ck_assert_int_eq(runtime_loads(v, fmt("q4_k_m")), 0);
    ck_assert_int_eq(runtime_loads(t, fmt("q4_k_m")), 0);
    ck_assert_int_eq(runtime_loads(m, fmt("q4_k_m")), 0);
    ck_assert_int_eq(runtime_loads(l, fmt("mxfp4_moe")), 1);
    /* Safetensors quants: vLLM, SGLang, transformers, not llama.cpp. */
    ck_assert_int_eq(runtime_loads(v, fmt("awq")), 1);
    ck_assert_int_eq(runtime_loads(s, fmt("awq")), 1);
    ck_assert_int_eq(runtime_loads(t, fmt("awq")), 1);
    ck_assert_int_eq(runtime_loads(l, fmt("awq")), 0);
    ck_assert_int_eq(runtime_loads(o, fmt("awq")), 0);
    ck_assert_int_eq(runtime_loads(v, fmt("gptq")), 1);
    ck_assert_int_eq(runtime_loads(v, fmt("fp8")), 1);
    ck_assert_int_eq(runtime_loads(v, fmt("fp8-tensor")), 1);
    ck_assert_int_eq(runtime_loads(l, fmt("fp8")), 0);
    ck_assert_int_eq(runtime_loads(v, fmt("nvfp4")), 1);
    ck_assert_int_eq(runtime_loads(t, fmt("nvfp4")), 0);
    ck_assert_int_eq(runtime_loads(v, fmt("mxfp4")), 1);
    ck_assert_int_eq(runtime_loads(v, fmt("nf4")), 1);
    ck_assert_int_eq(runtime_loads(v, fmt("llm.int8")), 1);
    ck_assert_int_eq(runtime_loads(v, fmt("int4")), 1);
    ck_assert_int_eq(runtime_loads(t, fmt("int4")), 0);
    /* Nobody here loads EXL2. */
    ck_assert_int_eq(runtime_loads(l, fmt("exl2")), 0);
    ck_assert_int_eq(runtime_loads(v, fmt("exl2")), 0);
    /* MLX quants: MLX only. */
    ck_assert_int_eq(runtime_loads(m, fmt("mlx4")), 1);
    ck_assert_int_eq(runtime_loads(m, fmt("mlx8")), 1);
    ck_assert_int_eq(runtime_loads(l, fmt("mlx4")), 0);
    ck_assert_int_eq(runtime_loads(v, fmt("mlx4")), 0);
    ck_assert_int_eq(runtime_loads(m, fmt("awq")), 0);
    /* The floats: everyone. */
    ck_assert_int_eq(runtime_loads(l, fmt("fp16")), 1);
    ck_assert_int_eq(runtime_loads(v, fmt("bf16")), 1);
    ck_assert_int_eq(runtime_loads(m, fmt("fp16")), 1);
    ck_assert_int_eq(runtime_loads(t, fmt("fp32")), 1);
    /* Plain bits. */
    ck_assert_int_eq(runtime_loads(l, NULL), 1);
    ck_assert_int_eq(runtime_loads(v, NULL), 1);
    ck_assert_int_eq(runtime_loads(t, NULL), 0);
    ck_assert_int_eq(runtime_loads(NULL, fmt("fp16")), 0);
}
END_TEST

/* Asserts the default runtime of device id d (NULL: the CPU) at format
 * name f (NULL: plain bits), and its reason. */
static void defaults(const char *d, const char *f, runtime_id want, const char *why)
{
    const qs_device *dv = d != NULL ? dev(d) : NULL;
    const qs_format *fm = f != NULL ? fmt(f) : NULL;
    const qs_runtime *r = runtime_default(dv, fm);

    ck_assert_ptr_nonnull(r);
    ck_assert_msg(r->id == want, "%s/%s: %s", d, f, r->name);
    ck_assert_str_eq(runtime_default_reason(dv, fm), why);
}

START_TEST(test_default)
{
    defaults("rtx-4090", "q4_k_m", RUNTIME_LLAMACPP, "a llama.cpp file type");
    defaults("h100-sxm", "fp8", RUNTIME_VLLM, "a data-centre GPU");
    defaults("m3-max-64", "fp16", RUNTIME_MLX, "Apple silicon");
    defaults("rtx-3090", "awq", RUNTIME_VLLM, "a format vLLM loads");
    defaults(NULL, "fp16", RUNTIME_LLAMACPP, "the CPU");
    /* A GGUF type wins over the device; an MLX quant too. */
    defaults("h100-sxm", "q4_k_m", RUNTIME_LLAMACPP, "a llama.cpp file type");
    defaults("m3-max-64", "q4_k_m", RUNTIME_LLAMACPP, "a llama.cpp file type");
    defaults("m3-max-64", "mlx4", RUNTIME_MLX, "an MLX quant");
    defaults(NULL, "mlx8", RUNTIME_MLX, "an MLX quant");
    /* One consumer GPU at a float, plain bits or a format nobody here
     * loads: llama.cpp. */
    defaults("rtx-4090", "fp16", RUNTIME_LLAMACPP, "a consumer GPU");
    defaults("rtx-4090", NULL, RUNTIME_LLAMACPP, "a consumer GPU");
    defaults("rtx-4090", "exl2", RUNTIME_LLAMACPP, "a consumer GPU");
    defaults("rtx-5090", "nvfp4", RUNTIME_VLLM, "a format vLLM loads");
    defaults("h100-sxm", NULL, RUNTIME_VLLM, "a data-centre GPU");
    /* Devices that run from RAM are the CPU, whatever the format. */
    defaults("laptop-16gb", "awq", RUNTIME_LLAMACPP, "the CPU");
    defaults(NULL, NULL, RUNTIME_LLAMACPP, "the CPU");
}
END_TEST

static Suite *runtime_suite(void)
{
    Suite *s = suite_create("runtime");
    TCase *tc = tcase_create("runtime");

    tcase_add_test(tc, test_table);
    tcase_add_test(tc, test_values);
    tcase_add_test(tc, test_find);
    tcase_add_test(tc, test_loads);
    tcase_add_test(tc, test_default);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(runtime_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
