/* formats.c - the table of named precisions.
 *
 * Sources (see ../shared/reference/quants.tsv for the full rows):
 * - GGUF effective bits per weight: whole-file size of Llama-3.1-8B in each
 *   type (llama.cpp tools/quantize/README.md "size (GiB)"), e.g. Q4_K_M
 *   4.58 GiB -> 4.8944 bpw; Q4_0 and Q3_K_M derived from the quantize table
 *   sizes (4.34G, 3.74G). Nominal bits from the block layouts in
 *   ggml/src/ggml-common.h (block_q4_K "Effectively 4.5 bits per weight").
 * - Perplexity increase: llama.cpp tools/quantize/quantize.cpp QUANT_OPTIONS
 *   (Llama-3-8B; FP16/BF16 measured on Mistral-7B). i-quants publish none.
 * - FP8: e4m3 weights plus one FP32 scale per 128x128 block
 *   (deepseek-ai/DeepSeek-V3 README_WEIGHTS.md): 8 + 32/16384 bits.
 * - GPTQ 4-bit g128: 4.16 bpw (llama.cpp issue #397, GPTQ bit counting);
 *   AWQ g128 uses the same packing (derived by analogy: UNVERIFIED).
 * - NF4: 4 + 32/64 without double quantization, 4 + 8/64 + 32/(64*256) with
 *   it (QLoRA, arXiv:2305.14314).
 * - BitNet b1.58: log2(3) ~ 1.58 bits, ternary-trained models only
 *   (microsoft/BitNet README.md).
 * Quality notes follow the usual guidance: FP16 almost no loss (the default),
 * INT8 minimal loss, INT4 noticeable but acceptable, INT2 experiments only. */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "model/formats.h"

static const qs_format formats_table[] = {
    { "FP32", "f32 float32 float", 32.0, 32.0, FMT_FAMILY_FLOAT, NAN, NULL,
      "no loss: full precision, the training reference", 1 },
    { "FP16", "f16 float16 half", 16.0, 16.0, FMT_FAMILY_FLOAT, 0.0020, "Mistral-7B",
      "almost no loss: the recommended default", 1 },
    { "BF16", "bfloat16", 16.0, 16.0, FMT_FAMILY_FLOAT, -0.0050, "Mistral-7B",
      "almost no loss: FP16's size with FP32's range", 0 },
    { "Q8_0", "q8", 8.5008, 8.5, FMT_FAMILY_GGUF, 0.0026, "Llama-3-8B",
      "minimal loss: GGUF 8-bit with a scale per 32 weights", 0 },
    { "FP8", "f8 e4m3 fp8_e4m3", 8.0 + 32.0 / 16384.0, 8.0, FMT_FAMILY_FLOAT, NAN, NULL,
      "minimal loss: 8-bit floats with block scales (Hopper and newer)", 0 },
    { "INT8", "i8 w8 w8a16", 8.0, 8.0, FMT_FAMILY_INT, NAN, NULL,
      "minimal loss", 1 },
    { "Q6_K", "q6", 6.5633, 6.5625, FMT_FAMILY_GGUF, 0.0217, "Llama-3-8B",
      "minimal loss: near-lossless k-quant", 0 },
    { "Q5_K_M", "q5_k q5", 5.7036, 5.5, FMT_FAMILY_GGUF, 0.0569, "Llama-3-8B",
      "small loss: a safe k-quant", 0 },
    { "Q4_K_M", "q4_k q4", 4.8944, 4.5, FMT_FAMILY_GGUF, 0.1754, "Llama-3-8B",
      "noticeable but acceptable: the popular 4-bit choice", 0 },
    { "Q4_0", "", 4.642, 4.5, FMT_FAMILY_GGUF, 0.4685, "Llama-3-8B",
      "noticeable loss: legacy 4-bit, prefer Q4_K_M", 0 },
    { "NF4", "bnb4 bnb-nf4", 4.0 + 32.0 / 64.0, 4.0, FMT_FAMILY_GROUP, NAN, NULL,
      "noticeable but acceptable: bitsandbytes 4-bit, block 64", 0 },
    { "IQ4_XS", "", 4.4597, 4.25, FMT_FAMILY_GGUF, NAN, NULL,
      "noticeable but acceptable: i-quant, wants an importance matrix", 0 },
    { "GPTQ", "gptq4 gptq-4bit", 4.16, 4.0, FMT_FAMILY_GROUP, NAN, NULL,
      "noticeable but acceptable: 4-bit, group size 128", 0 },
    { "AWQ", "awq4 awq-4bit", 4.16, 4.0, FMT_FAMILY_GROUP, NAN, NULL,
      "noticeable but acceptable: activation-aware 4-bit, group 128", 0 },
    { "NF4-DQ", "nf4dq nf4_dq", 4.0 + 8.0 / 64.0 + 32.0 / (64.0 * 256.0), 4.0,
      FMT_FAMILY_GROUP, NAN, NULL,
      "noticeable but acceptable: NF4 with double-quantized scales (QLoRA)", 0 },
    { "Q3_K_M", "q3_k q3", 4.001, 3.4375, FMT_FAMILY_GGUF, 0.6569, "Llama-3-8B",
      "clear loss: usable when memory is tight", 0 },
    { "INT4", "i4 w4 w4a16", 4.0, 4.0, FMT_FAMILY_INT, NAN, NULL,
      "noticeable but acceptable loss", 1 },
    { "Q2_K", "q2", 3.1593, 2.625, FMT_FAMILY_GGUF, 3.5199, "Llama-3-8B",
      "significant loss: experiments only", 0 },
    { "IQ2_XXS", "", 2.3824, 2.0625, FMT_FAMILY_GGUF, NAN, NULL,
      "significant loss: experiments only, needs an importance matrix", 0 },
    { "IQ1_S", "", 2.0042, 1.5625, FMT_FAMILY_GGUF, NAN, NULL,
      "severe loss: a curiosity on all but the largest models", 0 },
    { "INT2", "i2 w2", 2.0, 2.0, FMT_FAMILY_INT, NAN, NULL,
      "significant loss: experiments only", 1 },
    { "TERNARY", "b1.58 bitnet 1.58-bit", 1.58, 1.58, FMT_FAMILY_TERNARY, NAN, NULL,
      "only for ternary-trained models (BitNet b1.58), not a conversion", 0 },
};

#define FORMATS_N (sizeof formats_table / sizeof formats_table[0])

size_t formats_count(void)
{
    return FORMATS_N;
}

const qs_format *formats_get(size_t i)
{
    return i < FORMATS_N ? &formats_table[i] : NULL;
}

/* 1 when `name` equals one of the space-separated words of `list`,
 * ignoring case. */
static int formats_alias_match(const char *list, const char *name)
{
    size_t len = strlen(name);
    const char *p = list;

    while (*p) {
        size_t w = strcspn(p, " ");
        if (w == len && strncasecmp(p, name, len) == 0)
            return 1;
        p += w;
        while (*p == ' ')
            p++;
    }
    return 0;
}

const qs_format *formats_find(const char *name)
{
    size_t i;

    if (name == NULL || *name == '\0')
        return NULL;
    for (i = 0; i < FORMATS_N; i++)
        if (strcasecmp(formats_table[i].name, name) == 0)
            return &formats_table[i];
    for (i = 0; i < FORMATS_N; i++)
        if (formats_alias_match(formats_table[i].aliases, name))
            return &formats_table[i];
    return NULL;
}

const qs_format *formats_nearest(double bits)
{
    const qs_format *best = NULL;
    double best_d = INFINITY;
    size_t i;

    if (isnan(bits))
        return NULL;
    for (i = 0; i < FORMATS_N; i++) {
        double d = fabs(formats_table[i].bits - bits);
        if (d < best_d) {
            best_d = d;
            best = &formats_table[i];
        }
    }
    return best;
}

const qs_format *formats_step(double bits, int dir)
{
    const qs_format *best = NULL;
    size_t i;

    if (isnan(bits) || dir == 0)
        return NULL;
    for (i = 0; i < FORMATS_N; i++) {
        const qs_format *f = &formats_table[i];
        if (dir > 0 && f->bits > bits && (best == NULL || f->bits < best->bits))
            best = f;
        if (dir < 0 && f->bits < bits && (best == NULL || f->bits > best->bits))
            best = f;
    }
    return best;
}

const char *formats_family_name(fmt_family family)
{
    switch (family) {
    case FMT_FAMILY_FLOAT:
        return "float";
    case FMT_FAMILY_INT:
        return "int";
    case FMT_FAMILY_GGUF:
        return "gguf";
    case FMT_FAMILY_GROUP:
        return "group";
    case FMT_FAMILY_TERNARY:
        return "ternary";
    }
    return "unknown";
}
