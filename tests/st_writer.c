/* st_writer.c - safetensors files and HF folders for tests (st_writer.h).
 *
 * Layout: huggingface/safetensors docs (u64 LE header length, JSON header
 * padded with spaces to a multiple of 8, data). Shapes: transformers
 * modeling_llama.py / modeling_qwen3_moe.py parameter shapes ([out, in]);
 * GPTQ tensors as AutoGPTQ qlinear_cuda_old.py (qweight I32 [in/8, out],
 * qzeros I32 [in/group, out/8], scales F16 [in/group, out], g_idx I32 [in]).
 * config.json texts: the published files' fields and values
 * (meta-llama/Llama-3.1-8B, Qwen/Qwen3-30B-A3B,
 * hugging-quants/Meta-Llama-3.1-8B-Instruct-GPTQ-INT4). */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "st_writer.h"

/* Header alignment (safetensors pads the JSON with spaces to 8 bytes). */
#define STW_ALIGN 8
#define STW_LEN_BYTES 8
#define STW_BYTE_BITS 8
#define STW_NAME_MAX 96
#define STW_PATH_MAX 4096
/* GPTQ: 8 four-bit weights an int32 word; groups of 128 (quantization_config). */
#define STW_GPTQ_PACK 8
#define STW_GPTQ_GROUP 128

static int st_writer_bits(const char *dtype)
{
    static const struct { const char *n; int bits; } rows[] = {
        { "BOOL", 8 }, { "F4", 4 }, { "F6_E2M3", 6 }, { "F6_E3M2", 6 }, { "U8", 8 }, { "I8", 8 },
        { "F8_E5M2", 8 }, { "F8_E4M3", 8 }, { "F8_E8M0", 8 }, { "I16", 16 }, { "U16", 16 },
        { "F16", 16 }, { "BF16", 16 }, { "I32", 32 }, { "U32", 32 }, { "F32", 32 },
        { "C64", 64 }, { "F64", 64 }, { "I64", 64 }, { "U64", 64 },
    };
    size_t i;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (strcmp(rows[i].n, dtype) == 0)
            return rows[i].bits;
    return STW_BYTE_BITS;  /* an unknown dtype (bad-file tests): one byte */
}

int st_writer_file(const char *path, const st_writer_tensor *t, size_t n,
                   const char *metadata_json)
{
    json_t *root = json_object();
    unsigned char len8[STW_LEN_BYTES];
    int64_t at = 0;
    char *text;
    size_t i, tl, padded;
    int fd, rc = -1, d;

    if (root == NULL)
        return -1;
    if (metadata_json != NULL) {
        json_t *m = json_loads(metadata_json, 0, NULL);

        if (m == NULL || json_object_set_new(root, "__metadata__", m) != 0) {
            json_decref(root);
            return -1;
        }
    }
    for (i = 0; i < n; i++) {
        json_t *e = json_object(), *shape = json_array();
        int64_t el = 1;

        for (d = 0; d < t[i].n_dims; d++) {
            el *= t[i].shape[d];
            (void)json_array_append_new(shape, json_integer(t[i].shape[d]));
        }
        (void)json_object_set_new(e, "dtype", json_string(t[i].dtype));
        (void)json_object_set_new(e, "shape", shape);
        (void)json_object_set_new(e, "data_offsets",
                                  json_pack("[I, I]", (json_int_t)at,
                                            (json_int_t)(at + el * st_writer_bits(t[i].dtype) /
                                                         STW_BYTE_BITS)));
        at += el * st_writer_bits(t[i].dtype) / STW_BYTE_BITS;
        (void)json_object_set_new(root, t[i].name, e);
    }
    text = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (text == NULL)
        return -1;
    tl = strlen(text);
    padded = (tl + STW_ALIGN - 1) / STW_ALIGN * STW_ALIGN;
    for (i = 0; i < STW_LEN_BYTES; i++)
        len8[i] = (unsigned char)((uint64_t)padded >> (STW_BYTE_BITS * i));
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd >= 0) {
        static const char spaces[STW_ALIGN] = "       ";

        if (write(fd, len8, sizeof len8) == (ssize_t)sizeof len8 &&
            write(fd, text, tl) == (ssize_t)tl &&
            write(fd, spaces, padded - tl) == (ssize_t)(padded - tl) &&
            ftruncate(fd, (off_t)(STW_LEN_BYTES + padded) + (off_t)at) == 0)
            rc = 0;
        if (close(fd) != 0)
            rc = -1;
    }
    free(text);
    return rc;
}

/* A growing list of tensors with owned names. */
typedef struct {
    st_writer_tensor *t;
    char (*names)[STW_NAME_MAX];
    size_t n, cap;
    int fail;
} st_writer_list;

static void st_writer_add(st_writer_list *l, const char *dtype, int64_t d0, int64_t d1,
                          const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void st_writer_add(st_writer_list *l, const char *dtype, int64_t d0, int64_t d1,
                          const char *fmt, ...)
{
    va_list ap;

    if (l->fail)
        return;
    if (l->n == l->cap) {
        size_t cap = l->cap == 0 ? 512 : l->cap * 2;
        st_writer_tensor *t = realloc(l->t, cap * sizeof *t);
        char (*names)[STW_NAME_MAX];

        if (t == NULL) {
            l->fail = 1;
            return;
        }
        l->t = t;
        names = realloc(l->names, cap * sizeof *names);
        if (names == NULL) {
            l->fail = 1;
            return;
        }
        l->names = names;
        l->cap = cap;
    }
    va_start(ap, fmt);
    (void)vsnprintf(l->names[l->n], STW_NAME_MAX, fmt, ap);
    va_end(ap);
    l->t[l->n].dtype = dtype;
    l->t[l->n].n_dims = d1 > 0 ? 2 : 1;
    l->t[l->n].shape[0] = d0;
    l->t[l->n].shape[1] = d1;
    l->n++;
}

/* A Llama-style model's shapes. */
typedef struct {
    int layers, experts;
    int64_t hidden, q, kv, ffn, vocab, head;
    int qk_norm, gptq;
    const char *dtype;
} st_writer_shape;

/* A projection [out, in]: plain, or GPTQ's four tensors. */
static void st_writer_linear(st_writer_list *l, const st_writer_shape *s, int64_t out,
                             int64_t in, const char *base)
{
    if (!s->gptq) {
        st_writer_add(l, s->dtype, out, in, "%s.weight", base);
        return;
    }
    st_writer_add(l, "I32", in / STW_GPTQ_PACK, out, "%s.qweight", base);
    st_writer_add(l, "I32", in / STW_GPTQ_GROUP, out / STW_GPTQ_PACK, "%s.qzeros", base);
    st_writer_add(l, "F16", in / STW_GPTQ_GROUP, out, "%s.scales", base);
    st_writer_add(l, "I32", in, 0, "%s.g_idx", base);
}

static void st_writer_model(st_writer_list *l, const st_writer_shape *s)
{
    char b[STW_NAME_MAX];
    int i, e;

    st_writer_add(l, s->dtype, s->vocab, s->hidden, "model.embed_tokens.weight");
    for (i = 0; i < s->layers; i++) {
        st_writer_add(l, s->dtype, s->hidden, 0, "model.layers.%d.input_layernorm.weight", i);
        (void)snprintf(b, sizeof b, "model.layers.%d.self_attn.q_proj", i);
        st_writer_linear(l, s, s->q, s->hidden, b);
        (void)snprintf(b, sizeof b, "model.layers.%d.self_attn.k_proj", i);
        st_writer_linear(l, s, s->kv, s->hidden, b);
        (void)snprintf(b, sizeof b, "model.layers.%d.self_attn.v_proj", i);
        st_writer_linear(l, s, s->kv, s->hidden, b);
        (void)snprintf(b, sizeof b, "model.layers.%d.self_attn.o_proj", i);
        st_writer_linear(l, s, s->hidden, s->q, b);
        if (s->qk_norm) {
            st_writer_add(l, s->dtype, s->head, 0, "model.layers.%d.self_attn.q_norm.weight", i);
            st_writer_add(l, s->dtype, s->head, 0, "model.layers.%d.self_attn.k_norm.weight", i);
        }
        st_writer_add(l, s->dtype, s->hidden, 0,
                      "model.layers.%d.post_attention_layernorm.weight", i);
        if (s->experts > 0) {
            st_writer_add(l, s->dtype, s->experts, s->hidden, "model.layers.%d.mlp.gate.weight", i);
            for (e = 0; e < s->experts; e++) {
                st_writer_add(l, s->dtype, s->ffn, s->hidden,
                              "model.layers.%d.mlp.experts.%d.gate_proj.weight", i, e);
                st_writer_add(l, s->dtype, s->ffn, s->hidden,
                              "model.layers.%d.mlp.experts.%d.up_proj.weight", i, e);
                st_writer_add(l, s->dtype, s->hidden, s->ffn,
                              "model.layers.%d.mlp.experts.%d.down_proj.weight", i, e);
            }
            continue;
        }
        (void)snprintf(b, sizeof b, "model.layers.%d.mlp.gate_proj", i);
        st_writer_linear(l, s, s->ffn, s->hidden, b);
        (void)snprintf(b, sizeof b, "model.layers.%d.mlp.up_proj", i);
        st_writer_linear(l, s, s->ffn, s->hidden, b);
        (void)snprintf(b, sizeof b, "model.layers.%d.mlp.down_proj", i);
        st_writer_linear(l, s, s->hidden, s->ffn, b);
    }
    st_writer_add(l, s->dtype, s->hidden, 0, "model.norm.weight");
    st_writer_add(l, s->dtype, s->vocab, s->hidden, "lm_head.weight");
}

/* meta-llama/Llama-3.1-8B config.json. */
static const char st_writer_llama_cfg[] =
    "{\n  \"architectures\": [\"LlamaForCausalLM\"],\n  \"attention_bias\": false,\n"
    "  \"attention_dropout\": 0.0,\n  \"bos_token_id\": 128000,\n  \"eos_token_id\": 128001,\n"
    "  \"hidden_act\": \"silu\",\n  \"hidden_size\": 4096,\n  \"initializer_range\": 0.02,\n"
    "  \"intermediate_size\": 14336,\n  \"max_position_embeddings\": 131072,\n"
    "  \"mlp_bias\": false,\n  \"model_type\": \"llama\",\n  \"num_attention_heads\": 32,\n"
    "  \"num_hidden_layers\": 32,\n  \"num_key_value_heads\": 8,\n  \"pretraining_tp\": 1,\n"
    "  \"rms_norm_eps\": 1e-05,\n  \"rope_scaling\": {\"factor\": 8.0, \"low_freq_factor\": 1.0,"
    " \"high_freq_factor\": 4.0, \"original_max_position_embeddings\": 8192,"
    " \"rope_type\": \"llama3\"},\n  \"rope_theta\": 500000.0,\n"
    "  \"tie_word_embeddings\": false,\n  \"torch_dtype\": \"bfloat16\",\n"
    "  \"transformers_version\": \"4.43.0.dev0\",\n  \"use_cache\": true,\n"
    "  \"vocab_size\": 128256";
/* hugging-quants/Meta-Llama-3.1-8B-Instruct-GPTQ-INT4 quantization_config. */
static const char st_writer_gptq_q[] =
    ",\n  \"quantization_config\": {\"bits\": 4, \"damp_percent\": 0.1, \"desc_act\": true,"
    " \"group_size\": 128, \"model_file_base_name\": null, \"model_name_or_path\": null,"
    " \"quant_method\": \"gptq\", \"static_groups\": false, \"sym\": true,"
    " \"true_sequential\": true}";
/* Qwen/Qwen3-30B-A3B config.json. */
static const char st_writer_qwen3moe_cfg[] =
    "{\n  \"architectures\": [\"Qwen3MoeForCausalLM\"],\n  \"attention_bias\": false,\n"
    "  \"attention_dropout\": 0.0,\n  \"bos_token_id\": 151643,\n  \"decoder_sparse_step\": 1,\n"
    "  \"eos_token_id\": 151645,\n  \"head_dim\": 128,\n  \"hidden_act\": \"silu\",\n"
    "  \"hidden_size\": 2048,\n  \"initializer_range\": 0.02,\n  \"intermediate_size\": 6144,\n"
    "  \"max_position_embeddings\": 40960,\n  \"max_window_layers\": 48,\n"
    "  \"mlp_only_layers\": [],\n  \"model_type\": \"qwen3_moe\",\n"
    "  \"moe_intermediate_size\": 768,\n  \"norm_topk_prob\": true,\n"
    "  \"num_attention_heads\": 32,\n  \"num_experts\": 128,\n  \"num_experts_per_tok\": 8,\n"
    "  \"num_hidden_layers\": 48,\n  \"num_key_value_heads\": 4,\n"
    "  \"output_router_logits\": false,\n  \"rms_norm_eps\": 1e-06,\n  \"rope_scaling\": null,\n"
    "  \"rope_theta\": 1000000.0,\n  \"router_aux_loss_coef\": 0.001,\n"
    "  \"sliding_window\": null,\n  \"tie_word_embeddings\": false,\n"
    "  \"torch_dtype\": \"bfloat16\",\n  \"transformers_version\": \"4.51.0\",\n"
    "  \"use_cache\": true,\n  \"use_sliding_window\": false,\n  \"vocab_size\": 151936\n}\n";
/* A two-layer Llama-style model. */
static const char st_writer_tiny_cfg[] =
    "{\n  \"architectures\": [\"LlamaForCausalLM\"],\n  \"hidden_size\": 64,\n"
    "  \"intermediate_size\": 128,\n  \"max_position_embeddings\": 2048,\n"
    "  \"model_type\": \"llama\",\n  \"num_attention_heads\": 4,\n  \"num_hidden_layers\": 2,\n"
    "  \"num_key_value_heads\": 2,\n  \"tie_word_embeddings\": false,\n"
    "  \"torch_dtype\": \"bfloat16\",\n  \"vocab_size\": 256\n}\n";

static int st_writer_text(const char *dir, const char *name, const char *text)
{
    char path[STW_PATH_MAX];
    FILE *f;
    int rc;

    (void)snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "w");
    if (f == NULL)
        return -1;
    rc = fputs(text, f) < 0 ? -1 : 0;
    if (fclose(f) != 0)
        rc = -1;
    return rc;
}

/* Shards of contiguous tensor ranges and their index (nshards > 1), or one
 * model.safetensors. */
static int st_writer_shards(const char *dir, st_writer_list *l, int nshards)
{
    char path[STW_PATH_MAX], name[STW_NAME_MAX];
    json_t *idx = json_object(), *map = json_object();
    size_t i, from = 0, to;
    int64_t total = 0;
    char *text;
    int s, rc = 0;

    if (idx == NULL || map == NULL)
        return -1;
    for (i = 0; i < l->n; i++)
        l->t[i].name = l->names[i];
    for (s = 0; s < nshards && rc == 0; s++) {
        to = l->n * (size_t)(s + 1) / (size_t)nshards;
        if (nshards == 1)
            (void)snprintf(name, sizeof name, "model.safetensors");
        else
            (void)snprintf(name, sizeof name, "model-%05d-of-%05d.safetensors", s + 1, nshards);
        (void)snprintf(path, sizeof path, "%s/%s", dir, name);
        rc = st_writer_file(path, l->t + from, to - from, NULL);
        for (i = from; i < to; i++) {
            int64_t el = 1;
            int d;

            for (d = 0; d < l->t[i].n_dims; d++)
                el *= l->t[i].shape[d];
            total += el * st_writer_bits(l->t[i].dtype) / STW_BYTE_BITS;
            (void)json_object_set_new(map, l->t[i].name, json_string(name));
        }
        from = to;
    }
    (void)json_object_set_new(idx, "metadata", json_pack("{s:I}", "total_size",
                                                         (json_int_t)total));
    (void)json_object_set_new(idx, "weight_map", map);
    text = json_dumps(idx, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(idx);
    if (text == NULL)
        return -1;
    if (rc == 0 && nshards > 1)
        rc = st_writer_text(dir, "model.safetensors.index.json", text);
    free(text);
    return rc;
}

int st_writer_folder(const char *dir, const char *preset)
{
    st_writer_shape s;
    st_writer_list l;
    char cfg[sizeof st_writer_llama_cfg + sizeof st_writer_gptq_q + STW_ALIGN];
    const char *text = cfg;
    int nshards, rc;

    memset(&s, 0, sizeof s);
    memset(&l, 0, sizeof l);
    s.dtype = "BF16";
    if (strcmp(preset, "llama-3.1-8b") == 0 || strcmp(preset, "llama-3.1-8b-gptq") == 0) {
        s.layers = 32;
        s.hidden = 4096;
        s.q = 4096;
        s.kv = 1024;
        s.ffn = 14336;
        s.vocab = 128256;
        s.gptq = strcmp(preset, "llama-3.1-8b-gptq") == 0;
        if (s.gptq)
            s.dtype = "F16";
        nshards = s.gptq ? 2 : 4;
        (void)snprintf(cfg, sizeof cfg, "%s%s\n}\n", st_writer_llama_cfg, s.gptq ? st_writer_gptq_q : "");
    } else if (strcmp(preset, "qwen3-30b-a3b") == 0) {
        s.layers = 48;
        s.hidden = 2048;
        s.q = 4096;
        s.kv = 512;
        s.head = 128;
        s.qk_norm = 1;
        s.ffn = 768;
        s.experts = 128;
        s.vocab = 151936;
        nshards = 16;
        text = st_writer_qwen3moe_cfg;
    } else if (strcmp(preset, "tiny") == 0) {
        s.layers = 2;
        s.hidden = 64;
        s.q = 64;
        s.kv = 32;
        s.ffn = 128;
        s.vocab = 256;
        nshards = 1;
        text = st_writer_tiny_cfg;
    } else {
        return -1;
    }
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        return -1;
    st_writer_model(&l, &s);
    rc = l.fail ? -1 : st_writer_text(dir, "config.json", text);
    if (rc == 0)
        rc = st_writer_shards(dir, &l, nshards);
    free(l.t);
    free(l.names);
    return rc;
}
