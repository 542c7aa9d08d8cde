/* models.c - the catalog of model presets.
 *
 * Source for every row: ../shared/reference/models.tsv, where exact counts
 * are derived from each model's config (shapes summed; most checked against
 * mlc-ai/mlc-llm python/mlc_llm/model/model_preset.py) and the per-row
 * sources are listed. Notes per row below; a row's KV cache per token at
 * f16 (2 x layers x kv_heads x head_dim x 2 B, or the MLA latent) equals
 * the tsv's kv_cache_bytes_per_token_fp16 (tests/check_catalog.c checks). */
#include <string.h>
#include <strings.h>

#include "model/models.h"
#include "model/suggest.h"

/* Sliding windows (models.tsv notes; shared notes.md "Sliding-window"):
 * Mistral-7B-v0.1 declares a 4096-token window on every layer, but
 * llama.cpp loads it as plain Llama and keeps the whole context, so the
 * window is not applied (window_layers 0: the figure is an upper bound past
 * 4096 tokens). Gemma-2 alternates local (window 4096) and global layers,
 * half each, and llama.cpp and transformers both cap the local layers'
 * cache: modelled (window_layers = layers / 2). */
#define MODELS_MISTRAL_WINDOW 4096L
#define MODELS_GEMMA2_WINDOW 4096L

/* DeepSeek-V3 MLA (config_671B.json): kv_lora_rank 512 + qk_rope_head_dim
 * 64 elements per token per layer, one latent for K and V together. */
#define MODELS_DSV3_KV_LORA_RANK 512
#define MODELS_DSV3_ROPE_DIM 64

static const qs_model models_table[] = {
    /* id, name, params, active, layers, kv_heads, head_dim, max_ctx,
     * heads, kv_latent, window, window_layers */
    /* GPT-2: MHA, learned positions (n_positions 1024). */
    { "gpt2", "GPT-2 124M", 124439808.0, 124439808.0, 12, 12, 64, 1024L,
      12, 0, 0L, 0 },
    /* TinyLlama 1.1B chat v1.0: GQA 8:1. */
    { "tinyllama-1.1b", "TinyLlama-1.1B", 1100048384.0, 1100048384.0, 22, 4, 64, 2048L,
      32, 0, 0L, 0 },
    /* Llama-2: 7B and 13B MHA, 4k context (model card); 70B GQA. */
    { "llama-2-7b", "Llama-2-7B", 6738415616.0, 6738415616.0, 32, 32, 128, 4096L,
      32, 0, 0L, 0 },
    { "llama-2-13b", "Llama-2-13B", 13015864320.0, 13015864320.0, 40, 40, 128, 4096L,
      40, 0, 0L, 0 },
    { "llama-2-70b", "Llama-2-70B", 68976648192.0, 68976648192.0, 80, 8, 128, 4096L,
      64, 0, 0L, 0 },
    /* Llama-3.1: 128k context (model card); 405B has 8 KV heads
     * (llama-models sku_list.py; some early configs said 16). */
    { "llama-3.1-8b", "Llama-3.1-8B", 8030261248.0, 8030261248.0, 32, 8, 128, 131072L,
      32, 0, 0L, 0 },
    { "llama-3.1-70b", "Llama-3.1-70B", 70553706496.0, 70553706496.0, 80, 8, 128, 131072L,
      64, 0, 0L, 0 },
    { "llama-3.1-405b", "Llama-3.1-405B", 405853388800.0, 405853388800.0, 126, 8, 128,
      131072L, 128, 0, 0L, 0 },
    /* Llama-3.2: tied embeddings; 1B has head_dim 64. */
    { "llama-3.2-1b", "Llama-3.2-1B", 1235814400.0, 1235814400.0, 16, 8, 64, 131072L,
      32, 0, 0L, 0 },
    { "llama-3.2-3b", "Llama-3.2-3B", 3212749824.0, 3212749824.0, 28, 8, 128, 131072L,
      24, 0, 0L, 0 },
    /* Mistral-7B-v0.1: SWA 4096 on all layers, not applied (see above). */
    { "mistral-7b", "Mistral-7B-v0.1", 7241732096.0, 7241732096.0, 32, 8, 128, 32768L,
      32, 0, MODELS_MISTRAL_WINDOW, 0 },
    /* Mixtral-8x7B: 8 experts, top 2; all experts resident, 12.88B read
     * per token (derived, 12.9B published). */
    { "mixtral-8x7b", "Mixtral-8x7B-v0.1", 46702792704.0, 12879925248.0, 32, 8, 128, 32768L,
      32, 0, 0L, 0 },
    /* Qwen2.5 (Instruct configs; 7B and up reach 131072 with YaRN). */
    { "qwen2.5-0.5b", "Qwen2.5-0.5B", 494032768.0, 494032768.0, 24, 2, 64, 32768L,
      14, 0, 0L, 0 },
    { "qwen2.5-7b", "Qwen2.5-7B", 7615616512.0, 7615616512.0, 28, 4, 128, 131072L,
      28, 0, 0L, 0 },
    { "qwen2.5-14b", "Qwen2.5-14B", 14770033664.0, 14770033664.0, 48, 8, 128, 131072L,
      40, 0, 0L, 0 },
    { "qwen2.5-32b", "Qwen2.5-32B", 32763876352.0, 32763876352.0, 64, 8, 128, 131072L,
      40, 0, 0L, 0 },
    { "qwen2.5-72b", "Qwen2.5-72B", 72706203648.0, 72706203648.0, 80, 8, 128, 131072L,
      64, 0, 0L, 0 },
    /* Gemma-2: half the layers local (window 4096), half global. */
    { "gemma-2-2b", "Gemma-2-2B", 2614341888.0, 2614341888.0, 26, 4, 256, 8192L,
      8, 0, MODELS_GEMMA2_WINDOW, 26 / 2 },
    { "gemma-2-9b", "Gemma-2-9B", 9241705984.0, 9241705984.0, 42, 8, 256, 8192L,
      16, 0, MODELS_GEMMA2_WINDOW, 42 / 2 },
    { "gemma-2-27b", "Gemma-2-27B", 27227128320.0, 27227128320.0, 46, 16, 128, 8192L,
      32, 0, MODELS_GEMMA2_WINDOW, 46 / 2 },
    /* Phi-3-mini 4k: MHA, head_dim 96 (the 128k variant has the same dims). */
    { "phi-3-mini", "Phi-3-mini-4k", 3821079552.0, 3821079552.0, 32, 32, 96, 4096L,
      32, 0, 0L, 0 },
    /* DeepSeek-V3: 671B main weights (the 14B MTP module excluded);
     * 37552297472 active derived the way models.tsv's "37.55B" is: 3 dense
     * layers + 58 MoE layers with 8 routed + 1 shared expert, attention,
     * norms, router, plus embedding and lm_head (37B published). MLA: the
     * 128 KV heads and v head dim 128 are nominal; kv_latent sets the
     * cache. 128K context (README; config allows 163840). */
    { "deepseek-v3", "DeepSeek-V3", 671026419200.0, 37552297472.0, 61, 128, 128, 131072L,
      128, MODELS_DSV3_KV_LORA_RANK + MODELS_DSV3_ROPE_DIM, 0L, 0 },
    /* Falcon-180B: GQA 8; tied lm_head assumed (UNVERIFIED; untied would
     * add 965476352). */
    { "falcon-180b", "Falcon-180B", 178557088768.0, 178557088768.0, 80, 8, 64, 2048L,
      232, 0, 0L, 0 },
    /* BLOOM-176B: MHA with ALiBi; count matches the model card exactly. */
    { "bloom-176b", "BLOOM-176B", 176247271424.0, 176247271424.0, 70, 112, 128, 2048L,
      112, 0, 0L, 0 },
};

#define MODELS_N (sizeof models_table / sizeof models_table[0])

size_t models_count(void)
{
    return MODELS_N;
}

const qs_model *models_get(size_t i)
{
    return i < MODELS_N ? &models_table[i] : NULL;
}

const qs_model *models_find(const char *name)
{
    size_t i;

    if (name == NULL)
        return NULL;
    for (i = 0; i < MODELS_N; i++)
        if (strcasecmp(models_table[i].id, name) == 0 ||
            strcasecmp(models_table[i].name, name) == 0)
            return &models_table[i];
    return NULL;
}

const char *models_attention(const qs_model *m)
{
    int swa;

    if (m == NULL)
        return "?";
    if (m->kv_latent > 0)
        return "MLA";
    swa = m->window > 0;
    if (m->kv_heads == m->heads)
        return swa ? "MHA+SWA" : "MHA";
    if (m->kv_heads == 1)
        return swa ? "MQA+SWA" : "MQA";
    return swa ? "GQA+SWA" : "GQA";
}

static const char *models_id_at(size_t i)
{
    return models_table[i].id;
}

size_t models_suggest(const char *name, const qs_model **out, size_t max)
{
    size_t idx[MODELS_N];
    size_t n, i;

    if (out == NULL)
        return 0;
    if (max > MODELS_N)
        max = MODELS_N;
    n = suggest_best(name, MODELS_N, models_id_at, idx, max);
    for (i = 0; i < n; i++)
        out[i] = &models_table[idx[i]];
    return n;
}
