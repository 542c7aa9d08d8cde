/* check_hfconfig.c - config.json into an architecture (src/files/hfconfig.c).
 *
 * Inputs: tests/fixtures/hf/NAME/config.json, the published config.json
 * layouts (deepseek-ai/DeepSeek-V3, Qwen/Qwen3-Next-80B-A3B-Instruct,
 * google/gemma-3-27b-it, written out from them), and a verbatim copy of
 * meta-llama/Llama-4-Scout-17B-16E-Instruct's (ai-dynamo/aiconfigurator
 * aic-core/src/aiconfigurator_core/model_configs/, commit 64c5ddb).
 * Expected: the field values those files state,
 * and the parameter counts of the catalog rows (data/models.tsv, sourced
 * separately from the same models) for the same architecture. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "files/files_model.h"
#include "files/hfconfig.h"
#include "model/arch.h"
#include "model/models.h"

static char *slurp(const char *name, size_t *len)
{
    const char *src = getenv("TESTS_SRCDIR");
    char path[4096];
    FILE *f;
    char *buf = malloc(1 << 16);

    ck_assert_ptr_nonnull(buf);
    (void)snprintf(path, sizeof path, "%s/fixtures/hf/%s/config.json", src != NULL ? src : "tests",
                   name);
    f = fopen(path, "r");
    ck_assert_msg(f != NULL, "%s", path);
    *len = fread(buf, 1, 1 << 16, f);
    ck_assert_int_eq(fclose(f), 0);
    return buf;
}

static void parse_fixture(const char *name, files_model *m)
{
    char err[FILES_ERR_MAX];
    size_t len;
    char *buf = slurp(name, &len);

    files_model_init(m);
    ck_assert_msg(hfconfig_parse(buf, len, "config.json", m, err, sizeof err) == 0, "%s", err);
    free(buf);
}

static int64_t catalog_count(const char *id)
{
    const qs_model *q = models_find(models_builtin(), id);

    ck_assert_ptr_nonnull(q);
    return arch_param_count(&q->arch);
}

START_TEST(test_deepseek_v3)
{
    files_model m;

    parse_fixture("deepseek-v3", &m);
    ck_assert_int_eq(m.arch_ok, 1);
    ck_assert_int_eq(m.arch.layers, 61);
    ck_assert_int_eq(m.arch.mixer, ARCH_ATTN_MLA);
    ck_assert_int_eq(m.arch.mla.kv_lora_rank, 512);
    ck_assert_int_eq(m.arch.mla.q_lora_rank, 1536);
    ck_assert_int_eq(m.arch.moe.experts, 256);
    ck_assert_int_eq(m.arch.moe.shared, 1);
    ck_assert_int_eq(m.arch.dense_first, 3);
    ck_assert_int_eq(m.arch.moe.score_bias, 1);
    ck_assert_int_eq(m.arch.nextn_layers, 1);
    ck_assert_int_eq(m.ctx, 163840);
    ck_assert_str_eq(m.arch_name, "deepseek_v3");
    ck_assert_str_eq(m.type_name, "fp8");
    ck_assert_int_eq(m.packed, 0);
    ck_assert_int_eq(arch_param_count(&m.arch), catalog_count("deepseek-v3-mtp"));
    files_model_free(&m);
}
END_TEST

START_TEST(test_qwen3_next)
{
    files_model m;

    parse_fixture("qwen3-next-80b-a3b", &m);
    ck_assert_int_eq(m.arch_ok, 1);
    ck_assert_int_eq(m.arch.mixer, ARCH_ATTN_LINEAR);
    ck_assert_int_eq(m.arch.full_period, 4);
    ck_assert_int_eq(m.arch.full_index, 3);
    ck_assert_int_eq(m.arch.linear.v_heads, 32);
    ck_assert_int_eq(m.arch.moe.experts, 512);
    ck_assert_int_eq(m.arch.moe.shared_dim, 512);
    ck_assert_int_eq(m.arch.moe.shared_gate, 1);
    ck_assert_int_eq(m.arch.q_gate, 1);
    ck_assert_int_eq(arch_param_count(&m.arch), catalog_count("qwen3-next-80b-a3b"));
    files_model_free(&m);
}
END_TEST

START_TEST(test_gemma3_text_config)
{
    files_model m;

    parse_fixture("gemma-3-27b-it", &m);
    ck_assert_int_eq(m.arch_ok, 1);
    ck_assert_int_eq(m.arch.layers, 62);
    ck_assert_int_eq(m.arch.hidden, 5376);
    ck_assert_int_eq(m.arch.vocab, 262208);
    ck_assert_int_eq(m.arch.mixer, ARCH_ATTN_SWA);
    ck_assert_int_eq(m.arch.span, 1024);
    ck_assert_int_eq(m.arch.full_period, 6);
    ck_assert_int_eq(m.arch.tied_embeddings, 1);
    ck_assert_int_eq(m.arch.norms, ARCH_NORM_SANDWICH);
    ck_assert_str_eq(m.arch_name, "gemma3");
    ck_assert_int_eq(arch_param_count(&m.arch), catalog_count("gemma-3-27b"));
    files_model_free(&m);
}
END_TEST

START_TEST(test_llama4_scout)
{
    files_model m;

    parse_fixture("llama-4-scout", &m);
    ck_assert_int_eq(m.arch_ok, 1);
    ck_assert_int_eq(m.arch.layers, 48);
    ck_assert_int_eq(m.arch.hidden, 5120);
    ck_assert_int_eq(m.arch.heads, 40);
    ck_assert_int_eq(m.arch.kv_heads, 8);
    ck_assert_int_eq(m.arch.head_dim_k, 128);
    ck_assert_int_eq(m.arch.vocab, 202048);
    /* text_config.attention_chunk_size, every 4th layer without chunks */
    ck_assert_int_eq(m.arch.mixer, ARCH_ATTN_CHUNKED);
    ck_assert_int_eq(m.arch.span, 8192);
    ck_assert_int_eq(m.arch.full_period, 4);
    ck_assert_int_eq(m.arch.full_index, 3);
    ck_assert_int_eq(m.arch.moe.experts, 16);
    ck_assert_int_eq(m.arch.moe.active, 1);
    ck_assert_int_eq(m.arch.moe.shared, 1);
    ck_assert_int_eq(m.arch.moe.expert_dim, 8192);
    /* No tie_word_embeddings in the file: Llama4TextConfig's default, false. */
    ck_assert_int_eq(m.arch.tied_embeddings, 0);
    ck_assert_int_eq(m.ctx, 10485760);
    ck_assert_str_eq(m.arch_name, "llama4");
    ck_assert_int_eq(arch_param_count(&m.arch), catalog_count("llama-4-scout"));
    files_model_free(&m);
}
END_TEST

START_TEST(test_quant_configs)
{
    static const struct { const char *q; const char *type; int packed; } rows[] = {
        { "{\"quant_method\": \"awq\", \"bits\": 4, \"group_size\": 128, \"version\": \"gemm\","
          " \"zero_point\": true}", "awq", 1 },
        { "{\"quant_method\": \"bitsandbytes\", \"load_in_4bit\": true, \"load_in_8bit\": false,"
          " \"bnb_4bit_quant_type\": \"nf4\", \"bnb_4bit_use_double_quant\": false}", "nf4", 1 },
        { "{\"quant_method\": \"bitsandbytes\", \"load_in_8bit\": true}", "llm.int8", 0 },
        { "{\"quant_method\": \"compressed-tensors\", \"format\": \"nvfp4-pack-quantized\","
          " \"config_groups\": {\"group_0\": {\"weights\": {\"num_bits\": 4, \"type\": \"float\","
          " \"group_size\": 16}}}}", "nvfp4", 1 },
        { "{\"quant_method\": \"compressed-tensors\", \"format\": \"pack-quantized\","
          " \"config_groups\": {\"group_0\": {\"weights\": {\"num_bits\": 4, \"type\": \"int\"}}}}",
          "int4", 1 },
        { "{\"quant_method\": \"mxfp4\", \"modules_to_not_convert\": [\"model.layers.*.self_attn\"]}",
          "mxfp4", 1 },
        { "{\"quant_method\": \"fp8\", \"activation_scheme\": \"dynamic\"}", "fp8-tensor", 0 },
    };
    char json[1024], err[FILES_ERR_MAX];
    files_model m;
    size_t i;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        (void)snprintf(json, sizeof json, "{\"model_type\": \"llama\", \"num_hidden_layers\": 2,"
                       " \"hidden_size\": 64, \"num_attention_heads\": 4, \"vocab_size\": 256,"
                       " \"intermediate_size\": 128, \"quantization_config\": %s}", rows[i].q);
        files_model_init(&m);
        ck_assert_msg(hfconfig_parse(json, strlen(json), "c.json", &m, err, sizeof err) == 0,
                      "%s", err);
        ck_assert_str_eq(m.type_name, rows[i].type);
        ck_assert_int_eq(m.packed, rows[i].packed);
        files_model_free(&m);
    }
}
END_TEST

START_TEST(test_bad_configs)
{
    static const struct { const char *json; const char *what; } rows[] = {
        { "{\"num_hidden_layers\": ", "c.json: not valid JSON" },
        { "[1]", "c.json: not a JSON object" },
        { "{\"num_hidden_layers\": \"32\"}", "c.json: num_hidden_layers: expected a whole number" },
        { "{\"num_hidden_layers\": 2, \"hidden_size\": -1}", "c.json: hidden_size: expected" },
        { "{\"tie_word_embeddings\": 1}", "c.json: tie_word_embeddings: expected true or false" },
        { "{\"text_config\": 3}", "c.json: text_config: expected an object" },
        { "{\"layer_types\": [\"full_attention\", \"moe\"]}", "c.json: layer_types[1]" },
        { "{\"quantization_config\": {\"bits\": 4}}", "c.json: quantization_config.quant_method" },
        { "{\"quantization_config\": {\"quant_method\": \"gptq\", \"bits\": \"4\"}}",
          "c.json: quantization_config.bits" },
    };
    char err[FILES_ERR_MAX];
    files_model m;
    size_t i;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        files_model_init(&m);
        ck_assert_int_eq(hfconfig_parse(rows[i].json, strlen(rows[i].json), "c.json", &m, err,
                                        sizeof err), -1);
        ck_assert_msg(strncmp(err, rows[i].what, strlen(rows[i].what)) == 0, "'%s'", err);
        ck_assert_ptr_null(strchr(err, '\n'));
        files_model_free(&m);
    }
    /* no core fields: not an error, the architecture is unknown */
    files_model_init(&m);
    ck_assert_int_eq(hfconfig_parse("{\"model_type\": \"vae\"}", 21, "c.json", &m, err,
                                    sizeof err), 0);
    ck_assert_int_eq(m.arch_ok, 0);
    files_model_free(&m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("hfconfig");
    TCase *tc = tcase_create("parse");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, test_deepseek_v3);
    tcase_add_test(tc, test_qwen3_next);
    tcase_add_test(tc, test_gemma3_text_config);
    tcase_add_test(tc, test_llama4_scout);
    tcase_add_test(tc, test_quant_configs);
    tcase_add_test(tc, test_bad_configs);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
