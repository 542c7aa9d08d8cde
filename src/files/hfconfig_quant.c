/* hfconfig_quant.c - quantization_config into a type word (hfconfig_quant.h).
 *
 * Sources: huggingface/transformers src/transformers/utils/
 * quantization_config.py (GPTQConfig, AwqConfig: bits, group_size;
 * BitsAndBytesConfig: load_in_4bit, bnb_4bit_quant_type "nf4" | "fp4",
 * bnb_4bit_use_double_quant, load_in_8bit; FineGrainedFP8Config: fmt,
 * weight_block_size; Mxfp4Config: quant_method "mxfp4") and
 * neuralmagic/compressed-tensors src/compressed_tensors/config/format.py
 * (CompressionFormat: "pack-quantized", "float-quantized",
 * "nvfp4-pack-quantized", "naive-quantized") with
 * quantization/quant_scheme.py (config_groups.*.weights.num_bits, type). */
#include <stdio.h>
#include <string.h>

#include "files/hfconfig_quant.h"
#include "files/st_msg.h"

/* Bit widths the type words stand for. */
#define HFQ_BITS_4 4
#define HFQ_BITS_8 8
/* The most bits a quantized weight has. */
#define HFQ_BITS_MAX 16
/* The largest group size accepted. */
#define HFQ_GROUP_MAX (1 << 20)

static int hfconfig_quant_int(const json_t *q, const char *key, int lo, int hi, int *out,
                              const char *path, char *err, size_t errsize)
{
    const json_t *v = json_object_get(q, key);

    if (v == NULL || json_is_null(v))
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
        return st_msg_fail(err, errsize, path,
                           "quantization_config.%s: expected a whole number from %d to %d", key,
                           lo, hi);
    *out = (int)json_integer_value(v);
    return 1;
}

static int hfconfig_quant_bool(const json_t *q, const char *key, const char *path, char *err,
                               size_t errsize)
{
    const json_t *v = json_object_get(q, key);

    if (v == NULL || json_is_null(v))
        return 0;
    if (!json_is_boolean(v))
        return st_msg_fail(err, errsize, path, "quantization_config.%s: expected true or false",
                           key);
    return json_is_true(v);
}

static const char *hfconfig_quant_str(const json_t *q, const char *key)
{
    return json_string_value(json_object_get(q, key));
}

static void hfconfig_quant_set(files_model *m, const char *word, int packed)
{
    (void)snprintf(m->type_name, sizeof m->type_name, "%s", word);
    st_msg_clean(m->type_name);
    m->packed = packed;
}

/* GPTQ / AWQ: int32 words of 32 / bits weights. */
static int hfconfig_quant_gptq(const json_t *q, const char *method, const char *path,
                               files_model *m, char *err, size_t errsize)
{
    int bits = HFQ_BITS_4, group = 0;
    char word[FILES_TEXT_MAX];

    if (hfconfig_quant_int(q, "bits", 1, HFQ_BITS_MAX, &bits, path, err, errsize) < 0 ||
        hfconfig_quant_int(q, "group_size", -1, HFQ_GROUP_MAX, &group, path, err, errsize) < 0)
        return -1;
    if (bits == HFQ_BITS_4)
        (void)snprintf(word, sizeof word, "%s", method);
    else
        (void)snprintf(word, sizeof word, "%s-%dbit", method, bits);
    hfconfig_quant_set(m, word, 1);
    files_model_source(m, "type", "config.json quantization_config: %s, %d bits, group %d",
                       method, bits, group);
    return 0;
}

static int hfconfig_quant_bnb(const json_t *q, const char *path, files_model *m, char *err,
                              size_t errsize)
{
    int four = hfconfig_quant_bool(q, "load_in_4bit", path, err, errsize);
    int eight = hfconfig_quant_bool(q, "load_in_8bit", path, err, errsize);
    int dq = hfconfig_quant_bool(q, "bnb_4bit_use_double_quant", path, err, errsize);
    const char *kind = hfconfig_quant_str(q, "bnb_4bit_quant_type");

    if (four < 0 || eight < 0 || dq < 0)
        return -1;
    if (four) {
        if (kind != NULL && strcmp(kind, "fp4") == 0)
            hfconfig_quant_set(m, "bnb-fp4", 1);
        else
            hfconfig_quant_set(m, dq ? "nf4-dq" : "nf4", 1);
        files_model_source(m, "type", "config.json quantization_config: bitsandbytes 4-bit %s%s",
                           kind != NULL && strcmp(kind, "fp4") == 0 ? "fp4" : "nf4",
                           dq ? ", double quant" : "");
    } else if (eight) {
        hfconfig_quant_set(m, "llm.int8", 0);
        files_model_source(m, "type", "config.json quantization_config: bitsandbytes 8-bit");
    }
    return 0;
}

/* compressed-tensors: the first config group's weights. */
static int hfconfig_quant_ct(const json_t *q, const char *path, files_model *m, char *err,
                             size_t errsize)
{
    const json_t *groups = json_object_get(q, "config_groups"), *g, *w = NULL;
    const char *format = hfconfig_quant_str(q, "format"), *k, *type = NULL, *strategy = NULL;
    int bits = 0;

    if (groups != NULL && !json_is_object(groups))
        return st_msg_fail(err, errsize, path,
                           "quantization_config.config_groups: expected an object");
    json_object_foreach((json_t *)groups, k, g) {
        w = json_object_get(g, "weights");
        if (w != NULL)
            break;
    }
    if (w != NULL && json_is_object(w)) {
        if (hfconfig_quant_int(w, "num_bits", 1, HFQ_BITS_MAX, &bits, path, err, errsize) < 0)
            return -1;
        type = hfconfig_quant_str(w, "type");
        strategy = hfconfig_quant_str(w, "strategy");
    }
    if (format == NULL)
        format = "";
    if (strcmp(format, "nvfp4-pack-quantized") == 0)
        hfconfig_quant_set(m, "nvfp4", 1);
    else if (strcmp(format, "mxfp4-pack-quantized") == 0)
        hfconfig_quant_set(m, "mxfp4", 1);
    else if (type != NULL && strcmp(type, "float") == 0 && bits == HFQ_BITS_8)
        hfconfig_quant_set(m, strategy != NULL && strcmp(strategy, "block") == 0 ? "fp8" :
                           "fp8-tensor", 0);
    else if (bits == HFQ_BITS_4)
        hfconfig_quant_set(m, "int4", strcmp(format, "pack-quantized") == 0);
    else if (bits == HFQ_BITS_8)
        hfconfig_quant_set(m, "int8", strcmp(format, "pack-quantized") == 0);
    else
        hfconfig_quant_set(m, "compressed-tensors", strcmp(format, "pack-quantized") == 0);
    files_model_source(m, "type", "config.json quantization_config: compressed-tensors %s, %d bits",
                       format[0] != '\0' ? format : "(no format)", bits);
    return 0;
}

int hfconfig_quant_parse(const json_t *root, const char *path, files_model *out, char *err,
                         size_t errsize)
{
    const json_t *q = json_object_get(root, "quantization_config");
    const char *method;

    if (q == NULL || json_is_null(q))
        q = json_object_get(root, "compression_config");
    if (q == NULL || json_is_null(q))
        return 0;
    if (!json_is_object(q))
        return st_msg_fail(err, errsize, path, "quantization_config: expected an object");
    method = hfconfig_quant_str(q, "quant_method");
    if (method == NULL)
        return st_msg_fail(err, errsize, path, "quantization_config.quant_method: expected a "
                           "string (gptq, awq, bitsandbytes, fp8, compressed-tensors, mxfp4)");
    if (strcmp(method, "gptq") == 0 || strcmp(method, "awq") == 0)
        return hfconfig_quant_gptq(q, method, path, out, err, errsize);
    if (strcmp(method, "bitsandbytes") == 0)
        return hfconfig_quant_bnb(q, path, out, err, errsize);
    if (strcmp(method, "compressed-tensors") == 0)
        return hfconfig_quant_ct(q, path, out, err, errsize);
    if (strcmp(method, "fp8") == 0) {
        const json_t *blk = json_object_get(q, "weight_block_size");

        hfconfig_quant_set(out, blk != NULL && !json_is_null(blk) ? "fp8" : "fp8-tensor", 0);
        files_model_source(out, "type", "config.json quantization_config: fp8%s",
                           blk != NULL && !json_is_null(blk) ? ", block scales" : "");
        return 0;
    }
    if (strcmp(method, "mxfp4") == 0) {
        hfconfig_quant_set(out, "mxfp4", 1);
        files_model_source(out, "type", "config.json quantization_config: mxfp4");
        return 0;
    }
    hfconfig_quant_set(out, method, 0);
    files_model_source(out, "type", "config.json quantization_config: %s (UNVERIFIED: not a "
                       "method quantscope knows)", method);
    return 0;
}
