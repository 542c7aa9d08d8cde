/* runtime.c - the programs that run a model, and what each assumes: see
 * runtime.h.
 *
 * One row per runtime, in runtime_id order. Every value is a named
 * constant below with its source; the row's `source` says the same to the
 * user, and `verified` is 0 where a value is UNVERIFIED. References:
 * shared/reference/notes.md "Runtime overhead assumptions seen in real
 * tools" (notes.md below), shared/reference/measurements.md row 1. */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "model/runtime.h"

/* RUNTIME_PROFILE_TOKENS (8192), RUNTIME_MAX_SEQS (256), RUNTIME_UBATCH
 * (512), defined in runtime.h:
 * - vllm-project/vllm vllm/engine/arg_utils.py, EngineArgs batch defaults
 *   (read in the code index, not in shared/reference): `vllm serve` on a
 *   GPU of >= 70 GiB other than an A100 takes max_num_batched_tokens 8192
 *   and max_num_seqs 1024; on other GPUs 2048 and 256. quantscope uses
 *   8192 tokens and 256 sequences for every GPU: UNVERIFIED as one value
 *   (the vLLM docs, engine args; no shared/reference line).
 * - llama.cpp n_ubatch default 512 (common/common.h, the `-ub` help):
 *   UNVERIFIED here (no shared/reference line). */

/* The bit of a layout in qs_runtime.layouts. */
#define RUNTIME_BIT(layout) (1u << (layout))

/* Take all of each GPU's usable memory (no utilisation cap). */
#define RUNTIME_ALL 1.0

/* MiB in a GiB, for the figures published in MiB. */
#define RUNTIME_MIB_PER_GIB 1024.0

/* llama.cpp: the --fit target, 1 GiB free per GPU: ggml-org/llama.cpp
 * tools/fit-params/README.md ("cannot fulfill margin of 1024 MiB"), the
 * source of measurements.md row 1. */
#define RUNTIME_LLAMACPP_MARGIN_MIB 1024.0

/* llama.cpp and Ollama load GGUF files, and the float types GGUF holds
 * unquantized (F32, F16, BF16: convert_hf_to_gguf.py --outtype). */
#define RUNTIME_GGUF_LAYOUTS (RUNTIME_BIT(FMT_LAYOUT_GGUF) | RUNTIME_BIT(FMT_LAYOUT_DENSE))

/* Ollama: per-GPU reserve cudaMinimumMemory = rocmMinimumMemory = 457 MiB
 * (ollama/ollama gpu/gpu.go, notes.md). */
#define RUNTIME_OLLAMA_MIN_MIB 457.0

/* vLLM: --gpu-memory-utilization default 0.9 of the total GPU memory
 * (notes.md: unsloth.ai vLLM engine-args page; HF neuralmagic
 * discussion). Issue 11 says 0.92; no source for 0.92 was found, so the
 * sourced default is used. */
#define RUNTIME_VLLM_UTILIZATION 0.9

/* SGLang: --mem-fraction-static. The server picks it from the GPU's memory
 * and the TP size when not given; 0.88 is the value commonly cited for one
 * 80 GB GPU, and docs.sglang.io "Server Arguments" says "The default value
 * is 0.9": UNVERIFIED. */
#define RUNTIME_SGLANG_UTILIZATION 0.88

/* transformers + accelerate device_map="auto": a 1 GiB margin per GPU
 * assumed for the CUDA context and PyTorch's allocator (notes.md: CUDA
 * context 200-700 MB, PyTorch ~1 GB): UNVERIFIED. */
#define RUNTIME_HF_MARGIN_GIB 1.0

/* The safetensors formats vLLM and SGLang load: docs.vllm.ai
 * features/quantization (AutoAWQ, GPTQModel, BitsAndBytes, LLM Compressor
 * FP8/INT8/INT4, NVIDIA Model Optimizer FP8/NVFP4, Marlin MXFP4), the
 * floats, and the bare INT8/INT4 rows (FMT_LAYOUT_NONE) as W8A16/W4A16.
 * vLLM's GGUF loader is experimental and not counted. */
#define RUNTIME_SERVING_LAYOUTS                                                         \
    (RUNTIME_BIT(FMT_LAYOUT_NONE) | RUNTIME_BIT(FMT_LAYOUT_DENSE) |                     \
     RUNTIME_BIT(FMT_LAYOUT_GPTQ) | RUNTIME_BIT(FMT_LAYOUT_AWQ) |                       \
     RUNTIME_BIT(FMT_LAYOUT_NF4) | RUNTIME_BIT(FMT_LAYOUT_NF4_DQ) |                     \
     RUNTIME_BIT(FMT_LAYOUT_LLM_INT8) | RUNTIME_BIT(FMT_LAYOUT_FP8_BLOCK) |             \
     RUNTIME_BIT(FMT_LAYOUT_FP8_TENSOR) | RUNTIME_BIT(FMT_LAYOUT_NVFP4) |               \
     RUNTIME_BIT(FMT_LAYOUT_MXFP4))

/* mlx-lm loads its own affine quants and the floats. */
#define RUNTIME_MLX_LAYOUTS                                                             \
    (RUNTIME_BIT(FMT_LAYOUT_MLX4) | RUNTIME_BIT(FMT_LAYOUT_MLX8) |                      \
     RUNTIME_BIT(FMT_LAYOUT_DENSE))

/* transformers: huggingface.co/docs/transformers quantization overview
 * (AWQ, GPTQ, bitsandbytes 4/8-bit, compressed-tensors/fine-grained FP8,
 * MXFP4) and the floats; no bare bit width. */
#define RUNTIME_HF_LAYOUTS                                                              \
    (RUNTIME_BIT(FMT_LAYOUT_DENSE) | RUNTIME_BIT(FMT_LAYOUT_GPTQ) |                     \
     RUNTIME_BIT(FMT_LAYOUT_AWQ) | RUNTIME_BIT(FMT_LAYOUT_NF4) |                        \
     RUNTIME_BIT(FMT_LAYOUT_NF4_DQ) | RUNTIME_BIT(FMT_LAYOUT_LLM_INT8) |                \
     RUNTIME_BIT(FMT_LAYOUT_FP8_BLOCK) | RUNTIME_BIT(FMT_LAYOUT_FP8_TENSOR) |           \
     RUNTIME_BIT(FMT_LAYOUT_MXFP4))

/* plain_bits: a bare width ("-f 4.5") is estimated as that runtime's own
 * quant at that width: a GGUF type for llama.cpp and Ollama, an mlx-lm
 * quant (--q-bits) for MLX, a weight-only integer (W4A16, W8A16) for vLLM
 * and SGLang, so that the default runtime of a data-centre GPU answers a
 * bare width too. transformers takes only named formats. */

static const qs_runtime runtime_table[RUNTIME_COUNT] = {
    [RUNTIME_LLAMACPP] = {
        .id = RUNTIME_LLAMACPP, .name = "llama.cpp",
        .aliases = "llamacpp llama-cpp llama-server", .program = "llama-server",
        .split = RUNTIME_SPLIT_LAYER, .layouts = RUNTIME_GGUF_LAYOUTS, .plain_bits = 1,
        .utilization = RUNTIME_ALL,
        .margin_gib = RUNTIME_LLAMACPP_MARGIN_MIB / RUNTIME_MIB_PER_GIB,
        .min_overhead_gib = 0.0, .embd_in_ram = 1, .activations = 0, .verified = 1,
        .source = "layer split (--split-mode layer, layers in proportion to free memory or "
                  "--tensor-split); margin 1 GiB per GPU: the --fit target "
                  "(ggml-org/llama.cpp tools/fit-params/README.md, \"margin of 1024 MiB\"); "
                  "token embeddings on the CPU: ggml-org/llama.cpp src/llama-model.cpp "
                  "(dev_input = CPU)" },
    [RUNTIME_OLLAMA] = {
        .id = RUNTIME_OLLAMA, .name = "ollama", .aliases = "", .program = "ollama",
        .split = RUNTIME_SPLIT_LAYER, .layouts = RUNTIME_GGUF_LAYOUTS, .plain_bits = 1,
        .utilization = RUNTIME_ALL, .margin_gib = 0.0,
        .min_overhead_gib = RUNTIME_OLLAMA_MIN_MIB / RUNTIME_MIB_PER_GIB,
        .embd_in_ram = 0, .activations = 0, .verified = 0,
        .source = "layer split; at least 457 MiB reserved per GPU (ollama/ollama gpu/gpu.go "
                  "cudaMinimumMemory, shared/reference/notes.md), no margin beyond it; token "
                  "embeddings counted on the GPU, as Ollama's estimate counts the whole model "
                  "there (UNVERIFIED)" },
    [RUNTIME_VLLM] = {
        .id = RUNTIME_VLLM, .name = "vllm", .aliases = "", .program = "vllm serve",
        .split = RUNTIME_SPLIT_TENSOR, .layouts = RUNTIME_SERVING_LAYOUTS, .plain_bits = 1,
        .utilization = RUNTIME_VLLM_UTILIZATION, .margin_gib = 0.0, .min_overhead_gib = 0.0,
        .embd_in_ram = 0, .activations = 1, .verified = 0,
        .source = "tensor parallel in a machine, pipeline across machines; "
                  "--gpu-memory-utilization 0.9 (shared/reference/notes.md; the 0.92 sometimes "
                  "quoted has no source found), no margin beyond it; formats: docs.vllm.ai "
                  "quantization; activation peak profiled at 8192 tokens "
                  "(vllm engine/arg_utils.py default on GPUs of 70 GiB or more; UNVERIFIED "
                  "for smaller ones)" },
    [RUNTIME_SGLANG] = {
        .id = RUNTIME_SGLANG, .name = "sglang", .aliases = "",
        .program = "python -m sglang.launch_server",
        .split = RUNTIME_SPLIT_TENSOR, .layouts = RUNTIME_SERVING_LAYOUTS, .plain_bits = 1,
        .utilization = RUNTIME_SGLANG_UTILIZATION, .margin_gib = 0.0, .min_overhead_gib = 0.0,
        .embd_in_ram = 0, .activations = 1, .verified = 0,
        .source = "tensor parallel; --mem-fraction-static 0.88 (UNVERIFIED: the server picks "
                  "it from GPU memory and TP size; docs.sglang.io says 0.9); formats as vLLM "
                  "(UNVERIFIED)" },
    [RUNTIME_MLX] = {
        .id = RUNTIME_MLX, .name = "mlx", .aliases = "mlx-lm mlx_lm", .program = "mlx_lm.server",
        .split = RUNTIME_SPLIT_LAYER, .layouts = RUNTIME_MLX_LAYOUTS, .plain_bits = 1,
        .utilization = RUNTIME_ALL, .margin_gib = 0.0, .min_overhead_gib = 0.0,
        .embd_in_ram = 0, .activations = 0, .verified = 0,
        .source = "one Apple device; the GPU takes the wired limit (the device's Apple share, "
                  "--apple-share); no margin beyond it (UNVERIFIED)" },
    [RUNTIME_TRANSFORMERS] = {
        .id = RUNTIME_TRANSFORMERS, .name = "transformers", .aliases = "hf accelerate",
        .program = "python",
        .split = RUNTIME_SPLIT_LAYER, .layouts = RUNTIME_HF_LAYOUTS, .plain_bits = 0,
        .utilization = RUNTIME_ALL, .margin_gib = RUNTIME_HF_MARGIN_GIB,
        .min_overhead_gib = 0.0, .embd_in_ram = 0, .activations = 0, .verified = 0,
        .source = "accelerate device_map=\"auto\": whole layers per GPU; formats: "
                  "huggingface.co/docs/transformers quantization; margin 1 GiB per GPU for "
                  "the CUDA context and allocator (UNVERIFIED)" },
};

/* The names for a message, in table order. */
#define RUNTIME_NAMES "llama.cpp, ollama, vllm, sglang, mlx, transformers"

/* Why runtime_default chose, one phrase per rule (runtime_rule). */
typedef enum {
    RUNTIME_WHY_GGUF = 0,
    RUNTIME_WHY_MLX_QUANT,
    RUNTIME_WHY_APPLE,
    RUNTIME_WHY_DATACENTER,
    RUNTIME_WHY_SERVING_FORMAT,
    RUNTIME_WHY_CONSUMER,
    RUNTIME_WHY_CPU,
    RUNTIME_WHY_COUNT
} runtime_why;

static const char *const runtime_why_text[RUNTIME_WHY_COUNT] = {
    [RUNTIME_WHY_GGUF] = "a llama.cpp file type",
    [RUNTIME_WHY_MLX_QUANT] = "an MLX quant",
    [RUNTIME_WHY_APPLE] = "Apple silicon",
    [RUNTIME_WHY_DATACENTER] = "a data-centre GPU",
    [RUNTIME_WHY_SERVING_FORMAT] = "a format vLLM loads",
    [RUNTIME_WHY_CONSUMER] = "a consumer GPU",
    [RUNTIME_WHY_CPU] = "the CPU",
};

const qs_runtime *runtime_get(runtime_id id)
{
    if (id < 0 || id >= RUNTIME_COUNT)
        return NULL;
    return &runtime_table[id];
}

/* 1 when the space-separated list `words` holds `name`, ignoring case. */
static int runtime_in_words(const char *words, const char *name)
{
    size_t n = strlen(name);
    const char *w = words;

    while (*w != '\0') {
        size_t k = strcspn(w, " ");

        if (k == n && strncasecmp(w, name, n) == 0)
            return 1;
        w += k;
        while (*w == ' ')
            w++;
    }
    return 0;
}

const qs_runtime *runtime_find(const char *name)
{
    size_t i;

    if (name == NULL || *name == '\0')
        return NULL;
    for (i = 0; i < RUNTIME_COUNT; i++)
        if (strcasecmp(runtime_table[i].name, name) == 0 ||
            runtime_in_words(runtime_table[i].aliases, name))
            return &runtime_table[i];
    return NULL;
}

const char *runtime_names(void)
{
    return RUNTIME_NAMES;
}

int runtime_loads(const qs_runtime *r, const qs_format *f)
{
    if (r == NULL)
        return 0;
    if (f == NULL)
        return r->plain_bits;
    if ((int)f->layout < 0 || f->layout >= FMT_LAYOUT_COUNT)
        return 0;
    return (r->layouts & RUNTIME_BIT(f->layout)) != 0;
}

/* The rule runtime_default follows for d and f (runtime.h's order). */
static runtime_why runtime_rule(const qs_device *d, const qs_format *f)
{
    if (f != NULL && f->layout == FMT_LAYOUT_GGUF)
        return RUNTIME_WHY_GGUF;
    if (f != NULL && (f->layout == FMT_LAYOUT_MLX4 || f->layout == FMT_LAYOUT_MLX8))
        return RUNTIME_WHY_MLX_QUANT;
    if (d == NULL || !d->is_gpu)
        return RUNTIME_WHY_CPU;
    if (d->kind == DEV_KIND_APPLE)
        return RUNTIME_WHY_APPLE;
    if (d->kind == DEV_KIND_DATACENTER)
        return RUNTIME_WHY_DATACENTER;
    if (f != NULL && !runtime_loads(&runtime_table[RUNTIME_LLAMACPP], f) &&
        runtime_loads(&runtime_table[RUNTIME_VLLM], f))
        return RUNTIME_WHY_SERVING_FORMAT;
    return RUNTIME_WHY_CONSUMER;
}

const qs_runtime *runtime_default(const qs_device *d, const qs_format *f)
{
    switch (runtime_rule(d, f)) {
    case RUNTIME_WHY_MLX_QUANT:
    case RUNTIME_WHY_APPLE:
        return &runtime_table[RUNTIME_MLX];
    case RUNTIME_WHY_DATACENTER:
    case RUNTIME_WHY_SERVING_FORMAT:
        return &runtime_table[RUNTIME_VLLM];
    case RUNTIME_WHY_GGUF:
    case RUNTIME_WHY_CONSUMER:
    case RUNTIME_WHY_CPU:
    case RUNTIME_WHY_COUNT:
        break;
    }
    return &runtime_table[RUNTIME_LLAMACPP];
}

const char *runtime_default_reason(const qs_device *d, const qs_format *f)
{
    return runtime_why_text[runtime_rule(d, f)];
}
