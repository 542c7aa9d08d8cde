/* st_names.c - what a Hugging Face tensor name is for (st_names.h).
 *
 * Names as transformers writes them: src/transformers/models/<arch>/
 * modeling_<arch>.py module names (llama: embed_tokens, layers.N.self_attn.
 * {q,k,v,o}_proj, mlp.{gate,up,down}_proj, input_layernorm,
 * post_attention_layernorm, norm, lm_head; qwen3_moe / deepseek_v3:
 * mlp.gate, mlp.experts.E.*, mlp.shared_expert(s).*, q_a_proj, kv_b_proj;
 * mixtral: block_sparse_moe.experts.E.w1/w2/w3; qwen3_next: linear_attn.*;
 * gpt_oss: mlp.experts.gate_up_proj, mlp.router, self_attn.sinks),
 * AutoGPTQ / AutoAWQ (qweight, qzeros, scales, g_idx), DeepSeek-V3 FP8
 * (weight_scale_inv), compressed-tensors (weight_packed, weight_scale,
 * weight_shape, weight_zero_point, weight_global_scale, input_scale) and
 * bitsandbytes (absmax, quant_map, quant_state.*, SCB). */
#include <stdlib.h>
#include <string.h>

#include "files/st_names.h"

/* The decimal base of a layer number. */
#define ST_NAMES_BASE 10

/* One module word and its role. */
typedef struct {
    const char *word;
    tensor_role role;
} st_names_row;

/* Module names inside or outside the blocks. */
static const st_names_row st_names_modules[] = {
    { "embed_tokens", TENSOR_TOKEN_EMBD }, { "wte", TENSOR_TOKEN_EMBD },
    { "word_embeddings", TENSOR_TOKEN_EMBD }, { "lm_head", TENSOR_OUTPUT },
    { "q_proj", TENSOR_ATTN_Q }, { "k_proj", TENSOR_ATTN_K }, { "v_proj", TENSOR_ATTN_V },
    { "o_proj", TENSOR_ATTN_OUTPUT }, { "qkv_proj", TENSOR_ATTN_QKV },
    { "query_key_value", TENSOR_ATTN_QKV }, { "c_attn", TENSOR_ATTN_QKV },
    { "q_a_proj", TENSOR_ATTN_Q_A }, { "q_b_proj", TENSOR_ATTN_Q_B },
    { "kv_a_proj_with_mqa", TENSOR_ATTN_KV_A }, { "kv_b_proj", TENSOR_ATTN_KV_B },
    { "sinks", TENSOR_ATTN_SINKS },
    { "gate_proj", TENSOR_FFN_GATE }, { "up_proj", TENSOR_FFN_UP },
    { "down_proj", TENSOR_FFN_DOWN }, { "w1", TENSOR_FFN_GATE }, { "w3", TENSOR_FFN_UP },
    { "w2", TENSOR_FFN_DOWN }, { "gate", TENSOR_FFN_GATE_INP }, { "router", TENSOR_FFN_GATE_INP },
    { "shared_expert_gate", TENSOR_FFN_GATE_INP },
    { "in_proj_qkvz", TENSOR_SSM_IN }, { "in_proj_ba", TENSOR_SSM_IN },
    { "in_proj", TENSOR_SSM_IN }, { "in_proj_qkv", TENSOR_SSM_IN },
    { "conv1d", TENSOR_SSM_CONV1D }, { "out_proj", TENSOR_SSM_OUT },
    { "A_log", TENSOR_SSM_OTHER }, { "dt_bias", TENSOR_SSM_OTHER }, { "D", TENSOR_SSM_OTHER },
    { "e_score_correction_bias", TENSOR_BIAS },
};

/* Last components that are quantization side data, not weights. */
static const char *const st_names_side[] = {
    "qzeros", "scales", "g_idx", "weight_scale_inv", "weight_scale", "weight_shape",
    "weight_zero_point", "weight_global_scale", "input_scale", "input_global_scale", "absmax",
    "quant_map", "nested_absmax", "nested_quant_map", "SCB", "weight_format", "k_scale",
    "v_scale",
};

/* Words of a vision tower or projector (Gemma 3, Llama 4, Qwen2.5-VL). */
static const char *const st_names_vision[] = {
    "vision_tower", "vision_model", "visual", "multi_modal_projector", "vision_embed",
    "mm_projector",
};

static int st_names_has_part(const char *name, const char *word)
{
    size_t n = strlen(word);
    const char *p = name;

    while ((p = strstr(p, word)) != NULL) {
        if ((p == name || p[-1] == '.') && (p[n] == '.' || p[n] == '\0'))
            return 1;
        p += n;
    }
    return 0;
}

/* The number after "layers." (or "h." / "blocks."), or -1. */
static int st_names_layer(const char *name)
{
    static const char *const keys[] = { "layers.", "h.", "blocks." };
    size_t i;

    for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *p = name;

        while ((p = strstr(p, keys[i])) != NULL) {
            if ((p == name || p[-1] == '.') && p[strlen(keys[i])] >= '0' &&
                p[strlen(keys[i])] <= '9') {
                char *end;
                long l = strtol(p + strlen(keys[i]), &end, ST_NAMES_BASE);

                if ((*end == '.' || *end == '\0') && l >= 0 && l < INT32_MAX)
                    return (int)l;
            }
            p += strlen(keys[i]);
        }
    }
    return -1;
}

/* Copies the component before the last into buf ("q_proj" of
 * "...q_proj.weight"); the last component into last. */
static void st_names_split(const char *name, char *module, char *last, size_t size)
{
    const char *dot = strrchr(name, '.');
    const char *prev;
    size_t n;

    module[0] = '\0';
    if (dot == NULL) {
        (void)strncpy(last, name, size - 1);
        last[size - 1] = '\0';
        return;
    }
    (void)strncpy(last, dot + 1, size - 1);
    last[size - 1] = '\0';
    for (prev = dot; prev > name && prev[-1] != '.'; prev--)
        ;
    n = (size_t)(dot - prev);
    if (n >= size)
        n = size - 1;
    memcpy(module, prev, n);
    module[n] = '\0';
}

static tensor_role st_names_expert(tensor_role r, int shared)
{
    switch (r) {
    case TENSOR_FFN_GATE:
        return shared ? TENSOR_FFN_GATE_SHEXP : TENSOR_FFN_GATE_EXPS;
    case TENSOR_FFN_UP:
        return shared ? TENSOR_FFN_UP_SHEXP : TENSOR_FFN_UP_EXPS;
    case TENSOR_FFN_DOWN:
        return shared ? TENSOR_FFN_DOWN_SHEXP : TENSOR_FFN_DOWN_EXPS;
    default:
        return r;
    }
}

/* Room for one name component. */
#define ST_NAMES_PART_MAX 64

void st_names_role(const char *name, tensor_role *role, int *layer)
{
    char module[ST_NAMES_PART_MAX], last[ST_NAMES_PART_MAX];
    const char *word;
    int weight, shared, experts;
    size_t i, n;

    *role = TENSOR_OTHER;
    *layer = -1;
    for (i = 0; i < sizeof st_names_vision / sizeof st_names_vision[0]; i++)
        if (st_names_has_part(name, st_names_vision[i]))
            return;
    *layer = st_names_layer(name);
    for (i = 0; i < sizeof st_names_side / sizeof st_names_side[0]; i++)
        if (st_names_has_part(name, st_names_side[i]))
            return;
    st_names_split(name, module, last, sizeof module);
    weight = strcmp(last, "weight") == 0 || strcmp(last, "qweight") == 0 ||
             strcmp(last, "weight_packed") == 0;
    if (strcmp(last, "bias") == 0 || strstr(last, "_bias") != NULL) {
        *role = TENSOR_BIAS;
        if (strcmp(last, "dt_bias") == 0)
            *role = TENSOR_SSM_OTHER;
        return;
    }
    word = weight ? module : last;
    n = strlen(word);
    if (strstr(word, "norm") != NULL && (n >= 4 && strcmp(word + n - 4, "norm") == 0)) {
        *role = TENSOR_NORM;
        return;
    }
    /* fused expert tensors without ".weight" (transformers >= 4.57 Qwen3-MoE,
     * gpt-oss): mlp.experts.gate_up_proj / down_proj, and gpt-oss' MXFP4
     * *_blocks / *_scales. */
    experts = st_names_has_part(name, "experts");
    shared = st_names_has_part(name, "shared_expert") || st_names_has_part(name, "shared_experts");
    if (experts && !weight) {
        if (strncmp(word, "gate_up_proj", strlen("gate_up_proj")) == 0) {
            *role = strstr(word, "_scales") != NULL ? TENSOR_OTHER : TENSOR_FFN_UP_EXPS;
            return;
        }
        if (strncmp(word, "down_proj", strlen("down_proj")) == 0) {
            *role = strstr(word, "_scales") != NULL ? TENSOR_OTHER : TENSOR_FFN_DOWN_EXPS;
            return;
        }
    }
    for (i = 0; i < sizeof st_names_modules / sizeof st_names_modules[0]; i++)
        if (strcmp(word, st_names_modules[i].word) == 0) {
            *role = st_names_modules[i].role;
            if (experts || shared)
                *role = st_names_expert(*role, shared && !experts);
            if (*role == TENSOR_SSM_OUT && !st_names_has_part(name, "linear_attn") &&
                !st_names_has_part(name, "mixer"))
                *role = TENSOR_OTHER;
            return;
        }
}
