/* hfconfig.c - a Hugging Face config.json into an architecture (hfconfig.h).
 *
 * Field names: huggingface/transformers src/transformers/models/<arch>/
 * configuration_<arch>.py (LlamaConfig, Qwen3MoeConfig, DeepseekV3Config,
 * Qwen3NextConfig, Gemma3TextConfig, GptOssConfig, MixtralConfig,
 * Llama4TextConfig). Quantization: transformers utils/quantization_config.py
 * (GPTQConfig bits/group_size, AwqConfig, BitsAndBytesConfig load_in_4bit /
 * bnb_4bit_quant_type / bnb_4bit_use_double_quant / load_in_8bit,
 * FineGrainedFP8Config weight_block_size, Mxfp4Config) and
 * neuralmagic/compressed-tensors (config_groups.*.weights.num_bits / type,
 * format "pack-quantized", "float-quantized", "nvfp4-pack-quantized"). */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "files/hfconfig.h"
#include "files/hfconfig_quant.h"
#include "files/st_msg.h"

/* Widths, heads and vocabularies accepted: up to 2^24 (the largest real
 * vocabulary is 262k, the widest hidden size 16k). */
#define HFCONFIG_MAX_DIM ((int64_t)1 << 24)
/* Layers accepted: as many as a layer pattern has room for. */
#define HFCONFIG_MAX_LAYERS (FILES_PATTERN_MAX - 1)
/* Routed experts accepted (the most in a released model is 512). */
#define HFCONFIG_MAX_EXPERTS 4096
/* Context lengths accepted: up to 2^30 tokens. */
#define HFCONFIG_MAX_CTX ((int64_t)1 << 30)
/* Gemma3TextConfig's defaults (transformers configuration_gemma3.py), used
 * where google/gemma-3-*-it config.json leaves a field out. */
#define HFCONFIG_GEMMA3_VOCAB 262208
#define HFCONFIG_GEMMA3_HEADS 8
#define HFCONFIG_GEMMA3_KV_HEADS 4
#define HFCONFIG_GEMMA3_HEAD_DIM 256
#define HFCONFIG_GEMMA3_CTX 131072
#define HFCONFIG_GEMMA3_PERIOD 6
/* The model types whose configs tie the embeddings by default (GemmaConfig,
 * Gemma2Config, Gemma3TextConfig: tie_word_embeddings=True). */
#define HFCONFIG_GEMMA_PREFIX "gemma"
/* Llama4TextConfig's no_rope_layer_interval default (transformers
 * configuration_llama4.py): every 4th layer attends without chunks. */
#define HFCONFIG_LLAMA4_NOPE_INTERVAL 4

typedef struct {
    const json_t *root, *text;  /* text: text_config, or root */
    const char *path;
    files_model *m;
    char *err;
    size_t errsize;
} hfconfig_ctx;

/* The field in text_config, else at the top; NULL when absent or null. */
static const json_t *hfconfig_get(const hfconfig_ctx *c, const char *key, const char **where)
{
    const json_t *v = json_object_get(c->text, key);

    *where = c->text != c->root ? "text_config." : "";
    if (v == NULL || json_is_null(v)) {
        v = json_object_get(c->root, key);
        *where = "";
    }
    return v == NULL || json_is_null(v) ? NULL : v;
}

/* 1 found (in *out), 0 absent, -1 wrong type or range (err set). */
static int hfconfig_int(const hfconfig_ctx *c, const char *key, int64_t lo, int64_t hi,
                        int64_t *out)
{
    const char *where;
    const json_t *v = hfconfig_get(c, key, &where);

    if (v == NULL)
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
        return st_msg_fail(c->err, c->errsize, c->path,
                           "%s%s: expected a whole number from %lld to %lld", where, key,
                           (long long)lo, (long long)hi);
    *out = (int64_t)json_integer_value(v);
    return 1;
}

/* Reads an int field into *dst (an int) and records its source. */
static int hfconfig_field(const hfconfig_ctx *c, const char *key, int64_t lo, int64_t hi,
                          int *dst, const char *prov)
{
    int64_t v;
    int rc = hfconfig_int(c, key, lo, hi, &v);
    const char *where;

    if (rc == 1) {
        *dst = (int)v;
        (void)hfconfig_get(c, key, &where);
        if (prov != NULL)
            files_model_source(c->m, prov, "config.json %s%s", where, key);
    }
    return rc;
}

static int hfconfig_field64(const hfconfig_ctx *c, const char *key, int64_t lo, int64_t hi,
                            int64_t *dst, const char *prov)
{
    int rc = hfconfig_int(c, key, lo, hi, dst);
    const char *where;

    if (rc == 1 && prov != NULL) {
        (void)hfconfig_get(c, key, &where);
        files_model_source(c->m, prov, "config.json %s%s", where, key);
    }
    return rc;
}

/* 1 true, 0 false, 2 absent, -1 not a boolean. */
static int hfconfig_bool(const hfconfig_ctx *c, const char *key)
{
    const char *where;
    const json_t *v = hfconfig_get(c, key, &where);

    if (v == NULL)
        return 2;
    if (!json_is_boolean(v))
        return st_msg_fail(c->err, c->errsize, c->path, "%s%s: expected true or false", where,
                           key);
    return json_is_true(v);
}

/* A string field: 1 found, 0 absent, -1 not a string. */
static int hfconfig_str(const hfconfig_ctx *c, const json_t *obj, const char *key,
                        const char **out)
{
    const json_t *v = json_object_get(obj, key);

    if (v == NULL || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return st_msg_fail(c->err, c->errsize, c->path, "%s: expected a string", key);
    *out = json_string_value(v);
    return 1;
}

static int hfconfig_is(const char *type, const char *const *list, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(type, list[i]) == 0)
            return 1;
    return 0;
}
#define HFCONFIG_IS(type, list) hfconfig_is(type, list, sizeof list / sizeof list[0])

/* What the model type implies (the modeling_<arch>.py module layout). */
static void hfconfig_family(const char *type, qs_arch *a)
{
    static const char *const sandwich[] = { "gemma2", "gemma3", "gemma3_text" };
    static const char *const pre_post[] = { "qwen3_next", "gpt_oss" };
    static const char *const qk_norm[] = { "qwen3", "qwen3_moe", "qwen3_next", "gemma3",
                                           "gemma3_text", "qwen3_vl", "qwen3_vl_moe" };
    static const char *const qkv_bias[] = { "qwen2", "qwen2_moe", "qwen2_5_vl", "qwen2_vl" };
    static const char *const shared_gate[] = { "qwen2_moe", "qwen3_next" };

    if (HFCONFIG_IS(type, sandwich))
        a->norms = ARCH_NORM_SANDWICH;
    if (HFCONFIG_IS(type, pre_post))
        a->norms = ARCH_NORM_PRE_POST;
    if (HFCONFIG_IS(type, qk_norm))
        a->qk_norm = 1;
    if (HFCONFIG_IS(type, qkv_bias))
        a->qkv_bias = 1;
    if (HFCONFIG_IS(type, shared_gate) && a->moe.shared > 0)
        a->moe.shared_gate = 1;
    if (strcmp(type, "qwen3_next") == 0)
        a->q_gate = 1;          /* Qwen3NextAttention: q_proj yields the output gate too */
    if (strcmp(type, "gpt_oss") == 0) {
        a->sinks = 1;           /* GptOssAttention.sinks, router and expert biases */
        a->moe.router_bias = 1;
        a->moe.expert_bias = 1;
    }
}

/* Llama 4 (transformers Llama4TextConfig, Llama4TextMoe): attention in
 * chunks of attention_chunk_size except every no_rope_layer_interval-th
 * layer (default 4), which attends to the whole context without RoPE; one
 * shared expert of intermediate_size beside the routed ones. */
static int hfconfig_llama4(hfconfig_ctx *c, qs_arch *a)
{
    int64_t chunk = 0, interval = 0;

    if (hfconfig_int(c, "attention_chunk_size", 1, HFCONFIG_MAX_CTX, &chunk) < 0 ||
        hfconfig_int(c, "no_rope_layer_interval", 1, HFCONFIG_MAX_LAYERS, &interval) < 0)
        return -1;
    if (chunk > 0) {
        a->mixer = ARCH_ATTN_CHUNKED;
        a->span = (long)chunk;
        a->full_period = interval > 0 ? (int)interval : HFCONFIG_LLAMA4_NOPE_INTERVAL;
        a->full_index = a->full_period - 1;
        files_model_source(c->m, "pattern", "config.json attention_chunk_size, %s",
                           interval > 0 ? "no_rope_layer_interval"
                                        : "Llama4TextConfig default no_rope_layer_interval 4");
    }
    if (a->moe.experts > 0 && a->moe.shared == 0) {
        a->moe.shared = 1;
        files_model_source(c->m, "shared_experts", "Llama4TextMoe: one shared expert");
    }
    return 0;
}

/* Gemma 3's defaults where the file leaves them out. */
static void hfconfig_gemma3(hfconfig_ctx *c, qs_arch *a)
{
    if (a->vocab == 0) {
        a->vocab = HFCONFIG_GEMMA3_VOCAB;
        files_model_source(c->m, "vocab", "Gemma3TextConfig default vocab_size");
    }
    if (a->heads == 0)
        a->heads = HFCONFIG_GEMMA3_HEADS;
    if (a->kv_heads == 0)
        a->kv_heads = HFCONFIG_GEMMA3_KV_HEADS;
    if (a->head_dim_k == 0)
        a->head_dim_k = HFCONFIG_GEMMA3_HEAD_DIM;
    if (c->m->ctx == 0)
        c->m->ctx = HFCONFIG_GEMMA3_CTX;
    if (a->full_period == 0 && a->mixer == ARCH_ATTN_FULL) {
        a->mixer = ARCH_ATTN_SWA;
        a->full_period = HFCONFIG_GEMMA3_PERIOD;
        a->full_index = HFCONFIG_GEMMA3_PERIOD - 1;
        files_model_source(c->m, "pattern", "Gemma3TextConfig default sliding_window_pattern");
    }
}

/* layer_types: a periodic pattern of full layers among sliding or linear
 * ones becomes full_period / full_index. */
static int hfconfig_layer_types(hfconfig_ctx *c, qs_arch *a)
{
    const char *where;
    const json_t *lt = hfconfig_get(c, "layer_types", &where);
    size_t i, n;
    int first = -1, second = -1, other = ARCH_ATTN_FULL;

    if (lt == NULL)
        return 0;
    if (!json_is_array(lt))
        return st_msg_fail(c->err, c->errsize, c->path, "%slayer_types: expected an array",
                           where);
    n = json_array_size(lt);
    for (i = 0; i < n; i++) {
        const char *s = json_string_value(json_array_get(lt, i));
        int kind;

        if (s == NULL)
            return st_msg_fail(c->err, c->errsize, c->path,
                               "%slayer_types[%zu]: expected a string", where, i);
        if (strcmp(s, "full_attention") == 0)
            kind = ARCH_ATTN_FULL;
        else if (strcmp(s, "sliding_attention") == 0)
            kind = ARCH_ATTN_SWA;
        else if (strcmp(s, "linear_attention") == 0)
            kind = ARCH_ATTN_LINEAR;
        else
            return st_msg_fail(c->err, c->errsize, c->path,
                               "%slayer_types[%zu]: \"%s\" (accepted: full_attention, "
                               "sliding_attention, linear_attention)", where, i, s);
        if (kind == ARCH_ATTN_FULL) {
            if (first < 0)
                first = (int)i;
            else if (second < 0)
                second = (int)i;
        } else if (other == ARCH_ATTN_FULL) {
            other = kind;
        } else if (other != kind) {
            return st_msg_fail(c->err, c->errsize, c->path,
                               "%slayer_types mixes sliding and linear attention", where);
        }
    }
    if (other == ARCH_ATTN_FULL)
        return 0;
    a->mixer = (arch_attn_kind)other;
    if (first >= 0) {
        a->full_period = second > first ? second - first : (int)n;
        a->full_index = first % a->full_period;
    }
    for (i = 0; i < n; i++) {
        int full = a->full_period > 0 && (int)i % a->full_period == a->full_index;

        if (full != (strcmp(json_string_value(json_array_get(lt, i)), "full_attention") == 0))
            return st_msg_fail(c->err, c->errsize, c->path,
                               "%slayer_types: full layers are not evenly spaced (layer %zu)",
                               where, i);
    }
    files_model_source(c->m, "pattern", "config.json %slayer_types", where);
    return 0;
}

/* MoE and MLA and linear attention fields. */
static int hfconfig_moe(hfconfig_ctx *c, qs_arch *a)
{
    static const char *const experts[] = { "num_experts", "n_routed_experts",
                                           "num_local_experts" };
    int64_t shared_dim = 0;
    size_t i;
    int rc;
    const char *method = NULL;

    for (i = 0; i < sizeof experts / sizeof experts[0]; i++)
        if ((rc = hfconfig_field(c, experts[i], 0, HFCONFIG_MAX_EXPERTS, &a->moe.experts,
                                 "experts")) != 0) {
            if (rc < 0)
                return -1;
            break;
        }
    if (hfconfig_field(c, "num_experts_per_tok", 0, HFCONFIG_MAX_EXPERTS, &a->moe.active,
                       "active_experts") < 0 ||
        hfconfig_field64(c, "moe_intermediate_size", 0, HFCONFIG_MAX_DIM, &a->moe.expert_dim,
                         NULL) < 0 ||
        hfconfig_field(c, "n_shared_experts", 0, HFCONFIG_MAX_EXPERTS, &a->moe.shared, NULL) < 0 ||
        hfconfig_int(c, "shared_expert_intermediate_size", 0, HFCONFIG_MAX_DIM, &shared_dim) < 0 ||
        hfconfig_field(c, "first_k_dense_replace", 0, HFCONFIG_MAX_LAYERS, &a->dense_first,
                       NULL) < 0 ||
        hfconfig_field(c, "decoder_sparse_step", 0, HFCONFIG_MAX_LAYERS, &a->moe_step, NULL) < 0 ||
        hfconfig_field(c, "interleave_moe_layer_step", 0, HFCONFIG_MAX_LAYERS, &a->moe_step,
                       NULL) < 0)
        return -1;
    if (a->moe.experts == 0) {
        a->moe.active = 0;
        return 0;
    }
    if (a->moe.expert_dim == 0)
        a->moe.expert_dim = a->ffn_dim;  /* Mixtral: each expert is intermediate_size wide */
    if (shared_dim > 0) {
        if (a->moe.shared == 0)
            a->moe.shared = 1;
        a->moe.shared_dim = shared_dim;
    }
    if (hfconfig_str(c, c->text, "topk_method", &method) < 0)
        return -1;
    if (method != NULL &&
        strcmp(method, "noaux_tc") == 0)
        a->moe.score_bias = 1;  /* DeepseekV3TopkRouter.e_score_correction_bias */
    return 0;
}

static int hfconfig_mla_linear(hfconfig_ctx *c, qs_arch *a)
{
    int full = 0;

    if (hfconfig_field(c, "kv_lora_rank", 0, HFCONFIG_MAX_DIM, &a->mla.kv_lora_rank, "mla") < 0 ||
        hfconfig_field(c, "q_lora_rank", 0, HFCONFIG_MAX_DIM, &a->mla.q_lora_rank, NULL) < 0 ||
        hfconfig_field(c, "qk_nope_head_dim", 0, HFCONFIG_MAX_DIM, &a->mla.qk_nope_head_dim,
                       NULL) < 0 ||
        hfconfig_field(c, "qk_rope_head_dim", 0, HFCONFIG_MAX_DIM, &a->mla.qk_rope_head_dim,
                       NULL) < 0 ||
        hfconfig_field(c, "v_head_dim", 0, HFCONFIG_MAX_DIM, &a->mla.v_head_dim, NULL) < 0 ||
        hfconfig_field(c, "index_n_heads", 0, HFCONFIG_MAX_DIM, &a->mla.index_heads, NULL) < 0 ||
        hfconfig_field(c, "index_head_dim", 0, HFCONFIG_MAX_DIM, &a->mla.index_head_dim,
                       NULL) < 0 ||
        hfconfig_field(c, "linear_num_key_heads", 0, HFCONFIG_MAX_DIM, &a->linear.k_heads,
                       "linear") < 0 ||
        hfconfig_field(c, "linear_num_value_heads", 0, HFCONFIG_MAX_DIM, &a->linear.v_heads,
                       NULL) < 0 ||
        hfconfig_field(c, "linear_key_head_dim", 0, HFCONFIG_MAX_DIM, &a->linear.k_head_dim,
                       NULL) < 0 ||
        hfconfig_field(c, "linear_value_head_dim", 0, HFCONFIG_MAX_DIM, &a->linear.v_head_dim,
                       NULL) < 0 ||
        hfconfig_field(c, "linear_conv_kernel_dim", 0, HFCONFIG_MAX_DIM, &a->linear.conv_kernel,
                       NULL) < 0 ||
        hfconfig_field(c, "full_attention_interval", 0, HFCONFIG_MAX_LAYERS, &full,
                       "pattern") < 0 ||
        hfconfig_field(c, "num_nextn_predict_layers", 0, HFCONFIG_MAX_LAYERS, &a->nextn_layers,
                       "nextn_layers") < 0)
        return -1;
    if (a->mla.kv_lora_rank > 0)
        a->mixer = ARCH_ATTN_MLA;
    if (full > 0 && a->linear.k_heads > 0) {
        a->mixer = ARCH_ATTN_LINEAR;
        a->full_period = full;
        a->full_index = full - 1;  /* Qwen3NextConfig: layer i full when (i + 1) % interval == 0 */
    }
    return 0;
}

/* The trunk: layers, widths, heads, vocabulary, context. */
static int hfconfig_trunk(hfconfig_ctx *c, qs_arch *a, int *core)
{
    int64_t ctx = 0;
    int tied, said;

    *core = 1;
    if (hfconfig_field(c, "num_hidden_layers", 1, HFCONFIG_MAX_LAYERS, &a->layers, "layers") < 1)
        *core = 0;
    if (c->err[0] != '\0')
        return -1;
    if (hfconfig_field64(c, "hidden_size", 1, HFCONFIG_MAX_DIM, &a->hidden, "hidden") < 0 ||
        hfconfig_field64(c, "intermediate_size", 0, HFCONFIG_MAX_DIM, &a->ffn_dim, "ffn") < 0 ||
        hfconfig_field(c, "num_attention_heads", 1, HFCONFIG_MAX_DIM, &a->heads, "heads") < 0 ||
        hfconfig_field(c, "num_key_value_heads", 1, HFCONFIG_MAX_DIM, &a->kv_heads,
                       "kv_heads") < 0 ||
        hfconfig_field(c, "head_dim", 1, HFCONFIG_MAX_DIM, &a->head_dim_k, "head_dim") < 0 ||
        hfconfig_field64(c, "vocab_size", 1, HFCONFIG_MAX_DIM, &a->vocab, "vocab") < 0 ||
        hfconfig_int(c, "max_position_embeddings", 1, HFCONFIG_MAX_CTX, &ctx) < 0)
        return -1;
    if (ctx > 0) {
        c->m->ctx = (long)ctx;
        files_model_source(c->m, "ctx", "config.json max_position_embeddings");
    }
    tied = hfconfig_bool(c, "tie_word_embeddings");
    if (tied < 0)
        return -1;
    /* Unsaid, each transformers config class has its own default: true for
     * the Gemma family (GemmaConfig, Gemma2Config, Gemma3TextConfig), false
     * for the others read here (LlamaConfig, Llama4TextConfig, Qwen2Config,
     * Qwen3Config, MistralConfig, DeepseekV3Config, GptOssConfig, ...); a
     * safetensors folder then checks it against lm_head.weight (st_read). */
    said = tied != 2;
    if (!said)
        tied = strncmp(c->m->arch_name, HFCONFIG_GEMMA_PREFIX, strlen(HFCONFIG_GEMMA_PREFIX)) == 0;
    a->tied_embeddings = tied != 0;
    files_model_source(c->m, "tied_embeddings", "%s", said ? "config.json tie_word_embeddings"
                       : tied ? "the Gemma configs' default (true)"
                              : "transformers' default for this model type (false)");
    tied = hfconfig_bool(c, "attention_bias");
    if (tied < 0)
        return -1;
    if (tied == 1)
        a->qkv_bias = a->out_bias = 1;
    return 0;
}

static int hfconfig_names(hfconfig_ctx *c)
{
    const char *type = NULL, *arch0 = NULL;
    const json_t *archs = json_object_get(c->root, "architectures");

    if (hfconfig_str(c, c->root, "model_type", &type) < 0)
        return -1;
    if (archs != NULL && !json_is_null(archs)) {
        if (!json_is_array(archs) || (json_array_size(archs) > 0 &&
                                      !json_is_string(json_array_get(archs, 0))))
            return st_msg_fail(c->err, c->errsize, c->path,
                               "architectures: expected an array of strings");
        arch0 = json_string_value(json_array_get(archs, 0));
    }
    if (type != NULL) {
        (void)snprintf(c->m->arch_name, sizeof c->m->arch_name, "%s", type);
        st_msg_clean(c->m->arch_name);
        files_model_source(c->m, "arch", "config.json model_type%s%s", arch0 != NULL ? ", " : "",
                           arch0 != NULL ? arch0 : "");
    }
    return 0;
}

int hfconfig_parse(const char *json, size_t len, const char *path, files_model *out, char *err,
                   size_t errsize)
{
    json_error_t je;
    json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &je);
    hfconfig_ctx c;
    qs_arch *a = &out->arch;
    int core, rc = -1;
    long span = 0;
    int64_t sw = 0;

    if (errsize > 0)
        err[0] = '\0';
    if (root == NULL)
        return st_msg_fail(err, errsize, path, "not valid JSON: %s (line %d)", je.text, je.line);
    c.root = root;
    c.text = root;
    c.path = path;
    c.m = out;
    c.err = err;
    c.errsize = errsize;
    if (!json_is_object(root)) {
        (void)st_msg_fail(err, errsize, path, "not a JSON object");
        goto done;
    }
    if (json_object_get(root, "text_config") != NULL &&
        !json_is_null(json_object_get(root, "text_config"))) {
        c.text = json_object_get(root, "text_config");
        if (!json_is_object(c.text)) {
            (void)st_msg_fail(err, errsize, path, "text_config: expected an object");
            goto done;
        }
    }
    memset(a, 0, sizeof *a);
    if (hfconfig_names(&c) != 0 || hfconfig_trunk(&c, a, &core) != 0 ||
        hfconfig_moe(&c, a) != 0 || hfconfig_layer_types(&c, a) != 0 ||
        hfconfig_mla_linear(&c, a) != 0 || hfconfig_int(&c, "sliding_window", 1,
                                                        HFCONFIG_MAX_CTX, &sw) < 0 ||
        hfconfig_quant_parse(root, path, out, err, errsize) != 0)
        goto done;
    span = (long)sw;
    if (strcmp(out->arch_name, "gemma3") == 0 || strcmp(out->arch_name, "gemma3_text") == 0)
        hfconfig_gemma3(&c, a);
    if ((strcmp(out->arch_name, "llama4") == 0 || strcmp(out->arch_name, "llama4_text") == 0) &&
        hfconfig_llama4(&c, a) != 0)
        goto done;
    hfconfig_family(out->arch_name, a);
    if (a->kv_heads == 0)
        a->kv_heads = a->heads;
    if (a->mixer == ARCH_ATTN_SWA)
        a->span = span;
    if (a->nextn_layers > 0 && strncmp(out->arch_name, "deepseek", strlen("deepseek")) == 0)
        a->nextn_own_head = 1;  /* DeepSeek-V3 layer 61 keeps embed_tokens and shared_head */
    out->arch_ok = core && arch_valid(a);
    files_model_source(out, "architecture", "%s", out->arch_ok ? "config.json" :
                       core ? "config.json (fields do not make a complete architecture)" :
                       "config.json has no num_hidden_layers");
    rc = 0;
done:
    json_decref(root);
    return rc;
}
