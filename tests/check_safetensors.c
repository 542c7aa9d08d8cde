/* check_safetensors.c - the safetensors reader (src/files/safetensors.c,
 * st_names.c, st_read.c) on folders written by st_writer at real shapes.
 *
 * Expected totals are computed by hand from the published shapes:
 * Llama-3.1-8B: 2 x 128256 x 4096 + 32 x 218112000 + 4096 = 8030261248
 * parameters (HF model card 8.03B), 291 tensors; Qwen3-30B-A3B: 48 layers
 * of 623120640 + 2 x 151936 x 2048 + 2048 = 30532122624, 3 + 48 x 393 =
 * 18867 tensors; GPTQ 4-bit g128 of Llama-3.1-8B: per layer 218103808
 * weights x (1/2 + 1/256 + 1/64) bytes + 155648 g_idx + 16384 norm bytes,
 * plus F16 embeddings and head: 5732835328 bytes. */
#define _GNU_SOURCE
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files/files_model.h"
#include "files/safetensors.h"
#include "files/st_names.h"
#include "files/st_read.h"
#include "st_writer.h"

#define LLAMA_PARAMS 8030261248LL
#define LLAMA_TENSORS 291
#define QWEN_PARAMS 30532122624LL
#define QWEN_TENSORS 18867
/* 30532122624 - 48 x 603979776 x 120 / 128 */
#define QWEN_ACTIVE 3353032704.0
#define GPTQ_BYTES 5732835328LL
#define GPTQ_TENSORS 963
#define TINY_PARAMS 106816
#define TINY_TENSORS 21

static char tmp[4096];

static void setup(void)
{
    const char *t = getenv("TMPDIR");

    (void)snprintf(tmp, sizeof tmp, "%s/qs-st-XXXXXX", t != NULL && t[0] != '\0' ? t : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(tmp));
}

static void teardown(void)
{
    char cmd[4200];

    (void)snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    ck_assert_int_eq(system(cmd), 0);
}

static int64_t file_size(const char *path)
{
    struct stat st;

    ck_assert_int_eq(stat(path, &st), 0);
    return (int64_t)st.st_size;
}

/* An error is one line starting with the path. */
static void check_err(const char *err, const char *path, const char *what)
{
    ck_assert_msg(strncmp(err, path, strlen(path)) == 0, "'%s' does not name %s", err, path);
    ck_assert_ptr_null(strchr(err, '\n'));
    ck_assert_msg(strstr(err, what) != NULL, "'%s' lacks '%s'", err, what);
}

START_TEST(test_llama_folder)
{
    char dir[4200], shard[4300], err[FILES_ERR_MAX];
    files_model m;
    int64_t sum = 0;
    int i;

    (void)snprintf(dir, sizeof dir, "%s/llama", tmp);
    ck_assert_int_eq(st_writer_folder(dir, "llama-3.1-8b"), 0);
    files_model_init(&m);
    ck_assert_msg(st_read_path(dir, 0, &m, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(m.ntensors, LLAMA_TENSORS);
    ck_assert_int_eq(m.elements, LLAMA_PARAMS);
    ck_assert_int_eq(m.weights_bytes, 2 * LLAMA_PARAMS);
    ck_assert_int_eq(m.nfiles, 4);
    for (i = 1; i <= 4; i++) {
        (void)snprintf(shard, sizeof shard, "%s/model-%05d-of-00004.safetensors", dir, i);
        sum += file_size(shard);
    }
    ck_assert_int_eq(m.file_bytes, sum);
    ck_assert_int_eq(m.header_bytes, sum - 2 * LLAMA_PARAMS);
    ck_assert_str_eq(m.container, "safetensors, 4 shards");
    ck_assert_str_eq(m.type_name, "bf16");
    ck_assert_str_eq(m.arch_name, "llama");
    ck_assert_int_eq(m.arch_ok, 1);
    ck_assert_int_eq(m.arch.layers, 32);
    ck_assert_int_eq(m.arch.kv_heads, 8);
    ck_assert_int_eq(m.ctx, 131072);
    ck_assert_int_eq(m.model.params, LLAMA_PARAMS);
    ck_assert_ptr_nonnull(m.stored.format);
    ck_assert_str_eq(stored_source_of(&m.stored, "architecture"),
                     "config.json, matches all 291 tensors");
    ck_assert_str_eq(stored_source_of(&m.stored, "layers"), "config.json num_hidden_layers");
    files_model_free(&m);

    /* without the index: every shard is read */
    (void)snprintf(shard, sizeof shard, "%s/%s", dir, ST_READ_INDEX_NAME);
    ck_assert_int_eq(unlink(shard), 0);
    files_model_init(&m);
    ck_assert_msg(st_read_path(dir, 0, &m, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(m.ntensors, LLAMA_TENSORS);
    ck_assert_int_eq(m.elements, LLAMA_PARAMS);
    files_model_free(&m);
}
END_TEST

START_TEST(test_llama_index_errors)
{
    char dir[4200], p[4300], err[FILES_ERR_MAX];
    files_model m;
    FILE *f;

    (void)snprintf(dir, sizeof dir, "%s/llama", tmp);
    ck_assert_int_eq(st_writer_folder(dir, "llama-3.1-8b"), 0);
    /* a tensor the index lists that its shard lacks */
    (void)snprintf(p, sizeof p, "%s/%s", dir, ST_READ_INDEX_NAME);
    f = fopen(p, "w");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_ge(fprintf(f, "{\"weight_map\": {\"model.norm.weight\": "
                             "\"model-00004-of-00004.safetensors\", \"extra.weight\": "
                             "\"model-00004-of-00004.safetensors\"}}"), 0);
    ck_assert_int_eq(fclose(f), 0);
    files_model_init(&m);
    ck_assert_int_eq(st_read_path(dir, 0, &m, err, sizeof err), -1);
    check_err(err, dir, "\"extra.weight\" listed in");
    files_model_free(&m);
    /* a shard missing */
    ck_assert_int_eq(st_writer_folder(dir, "llama-3.1-8b"), 0);
    (void)snprintf(p, sizeof p, "%s/model-00003-of-00004.safetensors", dir);
    ck_assert_int_eq(unlink(p), 0);
    files_model_init(&m);
    ck_assert_int_eq(st_read_path(dir, 0, &m, err, sizeof err), -1);
    check_err(err, dir, "shard \"model-00003-of-00004.safetensors\" named in weight_map is missing");
    files_model_free(&m);
}
END_TEST

START_TEST(test_qwen3_moe)
{
    char dir[4200], err[FILES_ERR_MAX];
    files_model m;

    (void)snprintf(dir, sizeof dir, "%s/qwen", tmp);
    ck_assert_int_eq(st_writer_folder(dir, "qwen3-30b-a3b"), 0);
    files_model_init(&m);
    ck_assert_msg(st_read_path(dir, 0, &m, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(m.ntensors, QWEN_TENSORS);
    ck_assert_int_eq(m.elements, QWEN_PARAMS);
    ck_assert_int_eq(m.nfiles, 16);
    ck_assert_int_eq(m.arch.moe.experts, 128);
    ck_assert_int_eq(m.arch.moe.active, 8);
    ck_assert_int_eq(m.arch.moe.expert_dim, 768);
    ck_assert_int_eq(m.arch_ok, 1);
    ck_assert_msg(m.model.active == QWEN_ACTIVE, "active %.0f", m.model.active);
    ck_assert_str_eq(stored_source_of(&m.stored, "architecture"),
                     "config.json, matches all 18867 tensors");
    files_model_free(&m);
}
END_TEST

START_TEST(test_gptq)
{
    char dir[4200], err[FILES_ERR_MAX];
    files_model m;

    (void)snprintf(dir, sizeof dir, "%s/gptq", tmp);
    ck_assert_int_eq(st_writer_folder(dir, "llama-3.1-8b-gptq"), 0);
    files_model_init(&m);
    ck_assert_msg(st_read_path(dir, 0, &m, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(m.ntensors, GPTQ_TENSORS);
    ck_assert_int_eq(m.weights_bytes, GPTQ_BYTES);
    ck_assert_int_eq(m.packed, 1);
    ck_assert_str_eq(m.type_name, "gptq");
    ck_assert_ptr_nonnull(m.stored.format);
    ck_assert_int_eq(m.model.params, LLAMA_PARAMS);
    ck_assert_str_eq(stored_source_of(&m.stored, "type"),
                     "config.json quantization_config: gptq, 4 bits, group 128");
    files_model_free(&m);
}
END_TEST

START_TEST(test_tiny_single)
{
    char dir[4200], p[4300], err[FILES_ERR_MAX];
    files_model m;

    (void)snprintf(dir, sizeof dir, "%s/tiny", tmp);
    ck_assert_int_eq(st_writer_folder(dir, "tiny"), 0);
    files_model_init(&m);
    ck_assert_msg(st_read_path(dir, 0, &m, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(m.ntensors, TINY_TENSORS);
    ck_assert_int_eq(m.elements, TINY_PARAMS);
    ck_assert_str_eq(m.container, "safetensors");
    files_model_free(&m);
    (void)snprintf(p, sizeof p, "%s/%s", dir, ST_READ_SINGLE_NAME);
    files_model_init(&m);
    ck_assert_msg(st_read_path(p, 0, &m, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(m.elements, TINY_PARAMS);
    ck_assert_int_eq(m.arch_ok, 1);
    ck_assert_str_eq(m.id, "model");
    files_model_free(&m);
    /* config.json but no weights */
    ck_assert_int_eq(unlink(p), 0);
    files_model_init(&m);
    ck_assert_int_eq(st_read_path(dir, 0, &m, err, sizeof err), -1);
    check_err(err, dir, "no weights (no *.safetensors or *.gguf)");
    files_model_free(&m);
}
END_TEST

/* A buffer of 8-byte length + header JSON, followed by data_len bytes. */
static int parse_json(const char *json, uint64_t data_len, files_model *m, char *err,
                      size_t errsize)
{
    size_t n = strlen(json);
    unsigned char *buf = malloc(n + 8);
    size_t i;
    int rc;

    ck_assert_ptr_nonnull(buf);
    for (i = 0; i < 8; i++)
        buf[i] = (unsigned char)((uint64_t)n >> (8 * i));
    memcpy(buf + 8, json, n);
    rc = st_read_buffer(buf, n + 8, n + 8 + data_len, "x.safetensors", m, err, errsize);
    free(buf);
    return rc;
}

START_TEST(test_bad_headers)
{
    static const struct { const char *json; uint64_t data; const char *what; } bad[] = {
        { "{not json", 0, "not valid JSON" },
        { "[1, 2]", 0, "not a JSON object" },
        { "{\"a\": {\"shape\": [2], \"data_offsets\": [0, 4]}}", 4, "has no \"dtype\"" },
        { "{\"a\": {\"dtype\": \"F16\", \"data_offsets\": [0, 4]}}", 4, "has no \"shape\"" },
        { "{\"a\": {\"dtype\": \"F16\", \"shape\": [2]}}", 4, "has no \"data_offsets\"" },
        { "{\"a\": {\"dtype\": \"Q4\", \"shape\": [2], \"data_offsets\": [0, 4]}}", 4,
          "unknown dtype \"Q4\"" },
        { "{\"a\": {\"dtype\": \"F16\", \"shape\": [-2], \"data_offsets\": [0, 4]}}", 4,
          "shape dimension 0 is not a whole number >= 0" },
        { "{\"a\": {\"dtype\": \"F16\", \"shape\": [4294967296, 4294967296, 4],"
          " \"data_offsets\": [0, 4]}}", 4, "shape product overflows" },
        { "{\"a\": {\"dtype\": \"F16\", \"shape\": [2], \"data_offsets\": [0, 4]},"
          " \"b\": {\"dtype\": \"F16\", \"shape\": [2], \"data_offsets\": [2, 6]}}", 6,
          "overlap" },
        { "{\"a\": {\"dtype\": \"F16\", \"shape\": [2], \"data_offsets\": [0, 4]}}", 2,
          "runs past the data section" },
        { "{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 4]}}", 4,
          "span 4 bytes, but 2 elements of F32 take 8" },
        { "{\"a\": {\"dtype\": \"F16\", \"shape\": [2], \"data_offsets\": [4, 8]}}", 8,
          "hole in the data section: bytes 0..4" },
        { "{\"a\": {\"dtype\": \"F16\", \"shape\": [2], \"data_offsets\": [0, 4]}}", 6,
          "the tensors end at byte 4" },
        { "{\"__metadata__\": {\"a\": 1}}", 0, "is not a string" },
    };
    char err[FILES_ERR_MAX];
    files_model m;
    size_t i;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        files_model_init(&m);
        ck_assert_int_eq(parse_json(bad[i].json, bad[i].data, &m, err, sizeof err), -1);
        check_err(err, "x.safetensors", bad[i].what);
        files_model_free(&m);
    }
    /* a good one: F4 packs two a byte; shape reversed into ggml order */
    files_model_init(&m);
    ck_assert_msg(parse_json("{\"__metadata__\": {\"format\": \"pt\"}, \"model.layers.3."
                             "mlp.down_proj.weight\": {\"dtype\": \"F4\", \"shape\": [6, 4],"
                             " \"data_offsets\": [0, 12]}}", 12, &m, err, sizeof err) == 0,
                  "%s", err);
    ck_assert_uint_eq(m.ntensors, 1);
    ck_assert_int_eq(m.tensors[0].t.ne[0], 4);
    ck_assert_int_eq(m.tensors[0].t.ne[1], 6);
    ck_assert_int_eq(m.tensors[0].t.role, TENSOR_FFN_DOWN);
    ck_assert_int_eq(m.tensors[0].t.layer, 3);
    ck_assert_int_eq(m.tensors[0].type, FILES_DTYPE_F4);
    ck_assert_int_eq(m.tensors[0].bytes, 12);
    files_model_free(&m);
}
END_TEST

START_TEST(test_bad_files)
{
    char p[4300], err[FILES_ERR_MAX];
    unsigned char len8[8] = { 0 };
    files_model m;
    FILE *f;

    /* not safetensors: text, so N is absurd */
    (void)snprintf(p, sizeof p, "%s/text.safetensors", tmp);
    f = fopen(p, "w");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_ge(fputs("hello, this is not a model file\n", f), 0);
    ck_assert_int_eq(fclose(f), 0);
    files_model_init(&m);
    ck_assert_int_eq(st_read_path(p, 0, &m, err, sizeof err), -1);
    check_err(err, p, "not a safetensors file: header length");
    files_model_free(&m);
    /* a header claiming 2 GiB in a 3 GiB sparse file: over the bound */
    (void)snprintf(p, sizeof p, "%s/big.safetensors", tmp);
    len8[3] = 0x80;
    f = fopen(p, "w");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(len8, 1, 8, f), 8);
    ck_assert_int_eq(ftruncate(fileno(f), (off_t)3 << 30), 0);
    ck_assert_int_eq(fclose(f), 0);
    files_model_init(&m);
    ck_assert_int_eq(st_read_path(p, 0, &m, err, sizeof err), -1);
    check_err(err, p, "header of 2147483648 bytes is over the bound of 67108864 bytes "
              "(--max-header raises it)");
    files_model_free(&m);
    /* truncated header in a buffer */
    files_model_init(&m);
    len8[3] = 0;
    len8[0] = 100;
    ck_assert_int_eq(st_read_buffer(len8, 8, 200, "t.safetensors", &m, err, sizeof err), -1);
    check_err(err, "t.safetensors", "truncated header");
    files_model_free(&m);
}
END_TEST

START_TEST(test_names)
{
    static const struct { const char *name; tensor_role role; int layer; } rows[] = {
        { "model.layers.3.self_attn.q_proj.weight", TENSOR_ATTN_Q, 3 },
        { "model.embed_tokens.weight", TENSOR_TOKEN_EMBD, -1 },
        { "lm_head.weight", TENSOR_OUTPUT, -1 },
        { "model.norm.weight", TENSOR_NORM, -1 },
        { "model.layers.5.mlp.experts.17.down_proj.weight", TENSOR_FFN_DOWN_EXPS, 5 },
        { "model.layers.2.mlp.experts.gate_up_proj", TENSOR_FFN_UP_EXPS, 2 },
        { "model.layers.7.mlp.shared_experts.gate_proj.weight", TENSOR_FFN_GATE_SHEXP, 7 },
        { "model.layers.0.mlp.gate.weight", TENSOR_FFN_GATE_INP, 0 },
        { "model.layers.1.self_attn.k_proj.qweight", TENSOR_ATTN_K, 1 },
        { "model.layers.1.self_attn.k_proj.qzeros", TENSOR_OTHER, 1 },
        { "model.layers.1.self_attn.k_proj.scales", TENSOR_OTHER, 1 },
        { "model.layers.1.self_attn.k_proj.g_idx", TENSOR_OTHER, 1 },
        { "model.layers.9.mlp.up_proj.weight_scale_inv", TENSOR_OTHER, 9 },
        { "model.layers.4.self_attn.kv_a_proj_with_mqa.weight", TENSOR_ATTN_KV_A, 4 },
        { "model.layers.4.self_attn.q_proj.bias", TENSOR_BIAS, 4 },
        { "model.layers.4.post_attention_layernorm.weight", TENSOR_NORM, 4 },
        { "model.layers.8.linear_attn.in_proj_qkvz.weight", TENSOR_SSM_IN, 8 },
        { "vision_tower.vision_model.encoder.layers.0.mlp.fc1.weight", TENSOR_OTHER, -1 },
    };
    size_t i;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        tensor_role r;
        int l;

        st_names_role(rows[i].name, &r, &l);
        ck_assert_msg(r == rows[i].role && l == rows[i].layer, "%s: role %d layer %d",
                      rows[i].name, (int)r, l);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("safetensors");
    TCase *tc = tcase_create("read");
    SRunner *sr;
    int failed;

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_llama_folder);
    tcase_add_test(tc, test_llama_index_errors);
    tcase_add_test(tc, test_qwen3_moe);
    tcase_add_test(tc, test_gptq);
    tcase_add_test(tc, test_tiny_single);
    tcase_add_test(tc, test_bad_headers);
    tcase_add_test(tc, test_bad_files);
    tcase_add_test(tc, test_names);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
