/* check_gguf_read.c - the GGUF reader on real-shape files (gguf_read.h).
 * Expected values are computed here from the published shapes (Llama-3.1-8B
 * config.json: 32 layers, 4096 hidden, 8 KV heads of 128, FFN 14336, vocab
 * 128256) and ggml's block sizes (Q4_K 144 bytes / 256 weights, Q6_K 210 /
 * 256: ggml/src/ggml-common.h block_q4_K, block_q6_K), never from the code. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "files/files_model.h"
#include "files/gguf_read.h"
#include "gguf_writer.h"
#include "model/ggml.h"

static char dir[256];

static void setup(void)
{
    const char *t = getenv("TMPDIR");

    (void)snprintf(dir, sizeof dir, "%s/check_gguf_XXXXXX", t != NULL ? t : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[512];

    (void)snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

static void write_preset(const char *preset, const char *path, int version)
{
    gguf_writer *w = gguf_writer_new(version);

    ck_assert_ptr_nonnull(w);
    ck_assert_int_eq(gguf_writer_preset(w, preset), 0);
    ck_assert_int_eq(gguf_writer_write(w, path), 0);
    gguf_writer_free(w);
}

/* Q4_K / Q6_K bytes of n weights. */
#define Q4K(n) ((int64_t)(n) / 256 * 144)
#define Q6K(n) ((int64_t)(n) / 256 * 210)

static int64_t llama8b_bytes(void)
{
    const int64_t h = 4096, kv = 1024, f = 14336, v = 128256;
    /* llama-quantize Q4_K_M: attn_v and ffn_down Q6_K in the layers
     * i < 4, i >= 28 and (i - 4) % 3 == 2: 16 of 32 (use_more_bits). */
    const int64_t more = 16, less = 16;
    int64_t b = Q4K(h * v) + Q6K(h * v) + h * 4;

    b += 32 * (2 * h * 4 + Q4K(h * h) + Q4K(h * kv) + Q4K(h * h) + 2 * Q4K(h * f));
    b += more * (Q6K(h * kv) + Q6K(f * h)) + less * (Q4K(h * kv) + Q4K(f * h));
    return b;
}

static int count_type(const files_model *m, int type)
{
    size_t i;
    int n = 0;

    for (i = 0; i < m->ntensors; i++)
        n += m->tensors[i].type == type;
    return n;
}

static void check_llama8b(const files_model *m, int version)
{
    char want[32];

    ck_assert_uint_eq(m->ntensors, 291);
    ck_assert_int_eq(m->weights_bytes, llama8b_bytes());
    /* 32 x (2 norms) + output_norm: 65 F32; 16 + 16 + output Q6_K: 33 */
    ck_assert_int_eq(count_type(m, GGML_TYPE_F32), 65);
    ck_assert_int_eq(count_type(m, GGML_TYPE_Q6_K), 33);
    ck_assert_int_eq(count_type(m, GGML_TYPE_Q4_K), 291 - 65 - 33);
    ck_assert_int_eq(m->elements, 8030261248LL);
    ck_assert_str_eq(m->type_name, "Q4_K_M");
    ck_assert_int_eq(m->file_type, 15);
    ck_assert_str_eq(m->arch_name, "llama");
    ck_assert_str_eq(m->name, "Llama-3.1-8B");
    ck_assert_int_eq(m->version, version);
    (void)snprintf(want, sizeof want, "GGUF v%d", version);
    ck_assert_str_eq(m->container, want);
    ck_assert_int_eq(m->ctx, 131072);
    ck_assert_int_eq(m->arch_ok, 1);
    ck_assert_int_eq(m->arch.layers, 32);
    ck_assert_int_eq(m->arch.kv_heads, 8);
    ck_assert_int_eq(m->arch.tied_embeddings, 0);
    ck_assert_int_eq(m->header_bytes % 32, 0);
    ck_assert_int_eq(m->file_bytes, m->header_bytes + m->weights_bytes);
    ck_assert_str_eq(stored_source_of(&m->stored, "layers"), "llama.block_count");
    ck_assert_str_eq(stored_source_of(&m->stored, "weights"), "the 291 tensor infos");
    ck_assert_str_eq(stored_source_of(&m->stored, "architecture"),
                     "metadata, matches all 291 tensors");
    ck_assert_int_eq(m->stored.weights_bytes, m->weights_bytes);
    ck_assert_int_eq((int64_t)m->model.total, 8030261248LL);
}

START_TEST(test_llama8b_v3)
{
    char path[512], err[FILES_ERR_MAX];
    files_model m;

    (void)snprintf(path, sizeof path, "%s/Llama-3.1-8B-Q4_K_M.gguf", dir);
    write_preset("llama-3.1-8b-q4_k_m", path, 3);
    files_model_init(&m);
    ck_assert_msg(gguf_read_file(path, 0, &m, err, sizeof err) == 0, "%s", err);
    check_llama8b(&m, 3);
    ck_assert_int_eq(m.nfiles, 1);
    files_model_free(&m);
}
END_TEST

START_TEST(test_llama8b_v2)
{
    char path[512], err[FILES_ERR_MAX];
    files_model m;

    (void)snprintf(path, sizeof path, "%s/v2.gguf", dir);
    write_preset("llama-3.1-8b-q4_k_m", path, 2);
    files_model_init(&m);
    ck_assert_msg(gguf_read_file(path, 0, &m, err, sizeof err) == 0, "%s", err);
    check_llama8b(&m, 2);
    files_model_free(&m);
}
END_TEST

START_TEST(test_split3)
{
    char prefix[512], path[600], err[FILES_ERR_MAX];
    gguf_writer *w = gguf_writer_new(3);
    files_model m;
    int no = 0, count = 0;

    (void)snprintf(prefix, sizeof prefix, "%s/Llama-3.1-8B-Q4_K_M", dir);
    ck_assert_int_eq(gguf_writer_preset(w, "llama-3.1-8b-q4_k_m"), 0);
    ck_assert_int_eq(gguf_writer_write_split(w, prefix, 3), 0);
    gguf_writer_free(w);
    /* From the second split: all three are read. */
    (void)snprintf(path, sizeof path, "%s-00002-of-00003.gguf", prefix);
    ck_assert_int_eq(gguf_read_split_name(path, &no, &count, NULL), 1);
    ck_assert_int_eq(no, 2);
    ck_assert_int_eq(count, 3);
    files_model_init(&m);
    ck_assert_msg(gguf_read_file(path, 0, &m, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(m.ntensors, 291);
    ck_assert_int_eq(m.weights_bytes, llama8b_bytes());
    ck_assert_int_eq(m.nfiles, 3);
    ck_assert_str_eq(m.container, "GGUF v3, 3 split files");
    ck_assert_int_eq(m.arch_ok, 1);
    ck_assert_int_eq(m.file_bytes, m.header_bytes + m.weights_bytes);
    files_model_free(&m);
    /* A missing split is named. */
    (void)snprintf(path, sizeof path, "%s-00003-of-00003.gguf", prefix);
    ck_assert_int_eq(unlink(path), 0);
    (void)snprintf(path, sizeof path, "%s-00001-of-00003.gguf", prefix);
    files_model_init(&m);
    ck_assert_int_eq(gguf_read_file(path, 0, &m, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "-00003-of-00003.gguf"));
    files_model_free(&m);
    ck_assert_int_eq(gguf_read_split_name("a/model.gguf", NULL, NULL, NULL), 0);
    ck_assert_int_eq(gguf_read_split_name("a/m-00004-of-00003.gguf", NULL, NULL, NULL), 0);
}
END_TEST

START_TEST(test_split_disagrees)
{
    char prefix[512], path[600], err[FILES_ERR_MAX];
    gguf_writer *w = gguf_writer_new(3);
    files_model m;

    (void)snprintf(prefix, sizeof prefix, "%s/a", dir);
    ck_assert_int_eq(gguf_writer_preset(w, "tiny"), 0);
    ck_assert_int_eq(gguf_writer_write_split(w, prefix, 2), 0);
    (void)snprintf(prefix, sizeof prefix, "%s/b", dir);
    ck_assert_int_eq(gguf_writer_write_split(w, prefix, 3), 0);
    gguf_writer_free(w);
    /* a's second split replaced by a split of a 3-file set. */
    (void)snprintf(path, sizeof path, "mv '%s/b-00002-of-00003.gguf' '%s/a-00002-of-00002.gguf'",
                   dir, dir);
    ck_assert_int_eq(system(path), 0);
    (void)snprintf(path, sizeof path, "%s/a-00001-of-00002.gguf", dir);
    files_model_init(&m);
    ck_assert_int_eq(gguf_read_file(path, 0, &m, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "a-00002-of-00002.gguf: split.no 1 of split.count 3") != NULL,
                  "%s", err);
    files_model_free(&m);
}
END_TEST

START_TEST(test_qwen3_moe)
{
    char path[512], err[FILES_ERR_MAX];
    files_model m;
    size_t i;
    int exps = 0;

    (void)snprintf(path, sizeof path, "%s/Qwen3-30B-A3B-Q4_K_M.gguf", dir);
    write_preset("qwen3-30b-a3b-q4_k_m", path, 3);
    files_model_init(&m);
    ck_assert_msg(gguf_read_file(path, 0, &m, err, sizeof err) == 0, "%s", err);
    for (i = 0; i < m.ntensors; i++)
        if (m.tensors[i].t.role == TENSOR_FFN_UP_EXPS) {
            exps++;
            ck_assert_int_eq(m.tensors[i].t.n_dims, 3);
            ck_assert_int_eq(m.tensors[i].t.ne[2], 128);
        }
    ck_assert_int_eq(exps, 48);
    /* HF safetensors total; active: less 120/128 of 3 x 2048 x 768 x 128
     * expert weights in each of 48 layers. */
    ck_assert_int_eq(m.elements, 30532122624LL);
    ck_assert_int_eq((int64_t)m.model.active, 30532122624LL - 48LL * 3 * 2048 * 768 * 120);
    ck_assert_int_eq(m.arch_ok, 1);
    ck_assert_int_eq(m.arch.moe.experts, 128);
    ck_assert_int_eq(m.arch.moe.active, 8);
    ck_assert_int_eq(m.arch.qk_norm, 1);
    ck_assert_str_eq(stored_source_of(&m.stored, "architecture"),
                     "metadata, matches all 579 tensors");
    files_model_free(&m);
}
END_TEST

START_TEST(test_mmproj)
{
    char path[512], proj[512], err[FILES_ERR_MAX];
    files_model m;

    (void)snprintf(path, sizeof path, "%s/tiny.gguf", dir);
    (void)snprintf(proj, sizeof proj, "%s/mmproj-tiny-f16.gguf", dir);
    write_preset("tiny", path, 3);
    write_preset("mmproj", proj, 3);
    files_model_init(&m);
    ck_assert_msg(gguf_read_file(path, 0, &m, err, sizeof err) == 0, "%s", err);
    ck_assert_msg(gguf_read_mmproj(proj, 0, &m, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(m.mmproj_tensors, 5);
    /* F16: 14*14*3*64 + 64*197 + 64*64 + 64*256 weights, 2 bytes; F32 bias. */
    ck_assert_int_eq(m.mmproj_bytes, (14 * 14 * 3 * 64 + 64 * 197 + 64 * 64 + 64 * 256) * 2 +
                                         256 * 4);
    ck_assert_uint_eq(m.ntensors, 12);
    ck_assert_int_eq(m.stored.mmproj_bytes, m.mmproj_bytes);
    ck_assert_str_eq(m.stored.mmproj_path, proj);
    files_model_free(&m);
}
END_TEST

START_TEST(test_70b_fast)
{
    char path[512], err[FILES_ERR_MAX];
    files_model m;
    struct timespec a, b;
    double ms;

    (void)snprintf(path, sizeof path, "%s/70b.gguf", dir);
    write_preset("llama-3.1-70b-q4_k_m", path, 3);
    files_model_init(&m);
    ck_assert_int_eq(clock_gettime(CLOCK_MONOTONIC, &a), 0);
    ck_assert_msg(gguf_read_file(path, 0, &m, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(clock_gettime(CLOCK_MONOTONIC, &b), 0);
    ms = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
    ck_assert_uint_eq(m.ntensors, 723);
    ck_assert_int_eq(m.elements, 70553706496LL);
    ck_assert_int_eq(m.arch_ok, 1);
    /* Generous for a loaded, unoptimised CI machine; the note's target is 10 ms. */
    ck_assert_msg(ms < 200.0, "read took %.1f ms", ms);
    files_model_free(&m);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("gguf_read");
    TCase *tc = tcase_create("files");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_llama8b_v3);
    tcase_add_test(tc, test_llama8b_v2);
    tcase_add_test(tc, test_split3);
    tcase_add_test(tc, test_split_disagrees);
    tcase_add_test(tc, test_qwen3_moe);
    tcase_add_test(tc, test_mmproj);
    tcase_add_test(tc, test_70b_fast);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(suite());
    int failed;

    srunner_run_all(r, CK_NORMAL);
    failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
