/* quality.c - the published quality cost of each format (quality.h).
 *
 * Sources (shared/reference/devices-serving-2026.md 5.2):
 *   the 16-bit rows are the reference every figure is measured against;
 *   Llama-3.1-8B-Instruct model cards of neuralmagic (now RedHatAI) on
 *   Hugging Face: W8A8 INT8 MMLU 5-shot 99.3 % recovery, W4A16 (GPTQ)
 *   97.9 %, FP8-dynamic MMLU-CoT 100.5 %; Kurtic et al., arXiv 2411.02355
 *   (W8A8-FP8 "effectively lossless");
 *   QLoRA (Dettmers et al., arXiv 2305.14314): MMLU 5-shot on LLaMA, BF16
 *   53.0, NF4 with double quantization 53.1;
 *   llama.cpp perplexity on LLaMA-3-70B, wiki.test (dranger003, ggml-org/
 *   llama.cpp PR #6745): the change against F16 of each file type. */
#include "model/quality.h"

#include <strings.h>

#define QUALITY_NM_CARDS "neuralmagic/RedHatAI Llama-3.1-8B-Instruct model cards " \
                         "(Hugging Face); Kurtic et al. arXiv 2411.02355"
#define QUALITY_NM_MODEL "Llama-3.1-8B-Instruct"
#define QUALITY_PR6745 "llama.cpp PR #6745 (dranger003), wiki.test perplexity vs F16"
#define QUALITY_L3_70B "LLaMA-3-70B"

static const quality_row quality_table[] = {
    { "FP32", 0.0, QUALITY_ACCURACY, "the reference: no loss (wider than 16-bit)", NULL, 1,
      "the 16-bit reference of every figure below" },
    { "FP16", 0.0, QUALITY_ACCURACY, "the reference: no loss", NULL, 1,
      "the 16-bit reference of every figure below" },
    { "BF16", 0.0, QUALITY_ACCURACY, "the reference: no loss", NULL, 1,
      "the 16-bit reference of every figure below" },
    { "FP8", 0.0, QUALITY_ACCURACY, "MMLU-CoT recovery 100.5% vs BF16 (a gain, shown as 0)",
      QUALITY_NM_MODEL, 1, QUALITY_NM_CARDS },
    { "FP8-TENSOR", 0.0, QUALITY_ACCURACY,
      "W8A8-FP8 \"effectively lossless\" (FP8-dynamic's figure carried over)",
      QUALITY_NM_MODEL, 0, QUALITY_NM_CARDS },
    { "INT8", 0.7, QUALITY_ACCURACY, "MMLU 5-shot recovery 99.3% vs BF16 (W8A8 INT8)",
      QUALITY_NM_MODEL, 1, QUALITY_NM_CARDS },
    { "INT4", 2.1, QUALITY_ACCURACY, "MMLU 5-shot recovery 97.9% vs BF16 (W4A16, GPTQ)",
      QUALITY_NM_MODEL, 1, QUALITY_NM_CARDS },
    { "GPTQ", 2.1, QUALITY_ACCURACY, "MMLU 5-shot recovery 97.9% vs BF16 (W4A16)",
      QUALITY_NM_MODEL, 1, QUALITY_NM_CARDS },
    { "AWQ", 2.1, QUALITY_ACCURACY,
      "MMLU 5-shot 97.9% (GPTQ's W4A16 figure carried over; AWQ is rated no worse)",
      QUALITY_NM_MODEL, 0, QUALITY_NM_CARDS "; arXiv 2409.11055 (AWQ > GPTQ)" },
    { "NF4-DQ", 0.0, QUALITY_ACCURACY, "MMLU 5-shot 53.1 vs BF16 53.0 (a gain, shown as 0)",
      "LLaMA 7B-65B, averaged", 1, "Dettmers et al., QLoRA, arXiv 2305.14314" },
    { "Q8_0", 0.03, QUALITY_PERPLEXITY, "perplexity +0.03%", QUALITY_L3_70B, 1, QUALITY_PR6745 },
    { "Q6_K", 0.47, QUALITY_PERPLEXITY, "perplexity +0.47%", QUALITY_L3_70B, 1, QUALITY_PR6745 },
    { "Q5_K_M", 1.23, QUALITY_PERPLEXITY, "perplexity +1.23%", QUALITY_L3_70B, 1,
      QUALITY_PR6745 },
    { "Q4_K_M", 4.83, QUALITY_PERPLEXITY, "perplexity +4.83%", QUALITY_L3_70B, 1,
      QUALITY_PR6745 },
    { "IQ4_XS", 7.07, QUALITY_PERPLEXITY, "perplexity +7.07%", QUALITY_L3_70B, 1,
      QUALITY_PR6745 },
    { "Q3_K_M", 18.75, QUALITY_PERPLEXITY, "perplexity +18.75%", QUALITY_L3_70B, 1,
      QUALITY_PR6745 },
    { "Q2_K", 68.73, QUALITY_PERPLEXITY, "perplexity +68.73%", QUALITY_L3_70B, 1,
      QUALITY_PR6745 },
    { "IQ1_S", 248.5, QUALITY_PERPLEXITY, "perplexity +248.5%", QUALITY_L3_70B, 1,
      QUALITY_PR6745 },
};

const quality_row *quality_of(const qs_format *f)
{
    if (f == NULL || f->name == NULL)
        return NULL;
    for (size_t i = 0; i < sizeof quality_table / sizeof quality_table[0]; i++)
        if (strcasecmp(quality_table[i].format, f->name) == 0)
            return &quality_table[i];
    return NULL;
}

const char *quality_metric_name(quality_metric m)
{
    return m == QUALITY_PERPLEXITY ? "perplexity" : "accuracy";
}
