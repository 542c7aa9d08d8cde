/* check_files_load.c - files_load over each kind of spec, the stores'
 * resolution and the bad inputs (load.h, stores.h), on the trees of
 * mkstore.h. Expected values come from the published shapes, never from
 * the code: Llama-3.1-8B (config.json: 32 layers, 4096 hidden, 8 KV
 * heads of 128, FFN 14336, vocab 128256; 291 tensors; 8,030,261,248
 * parameters, BF16 2 bytes each), ggml's blocks (Q4_K 144 bytes / 256
 * weights, Q6_K 210 / 256: ggml/src/ggml-common.h), Qwen3-30B-A3B (48
 * layers x 12 tensors + 3 = 579), Llama-3.1-70B (80 layers x 9 + 3 =
 * 723), the writer's "tiny" (2 layers: 12 tensors) and "mmproj" presets. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_files.h"
#include "files/files_model.h"
#include "files/load.h"
#include "files/stores.h"

#define Q4K(n) ((int64_t)(n) / 256 * 144)
#define Q6K(n) ((int64_t)(n) / 256 * 210)
#define LLAMA8B_TENSORS 291
#define LLAMA8B_PARAMS 8030261248LL
#define QWEN3_TENSORS 579
#define LLAMA70B_TENSORS 723
#define TINY_TENSORS 12
#define MMPROJ_TENSORS 5
/* The mmproj preset: F16 14x14x3x64 patch, 64x197 position, 64x64 and
 * 64x256 weights, 2 bytes each, and a 256-float F32 bias. */
#define MMPROJ_BYTES ((14 * 14 * 3 * 64 + 64 * 197 + 64 * 64 + 64 * 256) * 2 + 256 * 4)

/* Llama-3.1-8B Q4_K_M: llama-quantize keeps attn_v and ffn_down Q6_K in
 * 16 of the 32 layers (use_more_bits), the output Q6_K. */
static int64_t llama8b_q4km_bytes(void)
{
    const int64_t h = 4096, kv = 1024, f = 14336, v = 128256, more = 16, less = 16;
    int64_t b = Q4K(h * v) + Q6K(h * v) + h * 4;

    b += 32 * (2 * h * 4 + Q4K(h * h) + Q4K(h * kv) + Q4K(h * h) + 2 * Q4K(h * f));
    b += more * (Q6K(h * kv) + Q6K(f * h)) + less * (Q4K(h * kv) + Q4K(f * h));
    return b;
}

/* Loads spec, asserting success. */
static void load_ok(const char *spec, files_model *m)
{
    char err[FILES_ERR_MAX] = "";

    ck_assert_msg(files_load(spec, 0, m, err, sizeof err) == 0, "%s: %s", spec, err);
}

/* Loads spec, asserting failure with exactly `want`. */
static void load_fails(const char *spec, const char *want)
{
    char err[FILES_ERR_MAX] = "";
    files_model m;

    ck_assert_int_eq(files_load(spec, 0, &m, err, sizeof err), -1);
    ck_assert_str_eq(err, want);
    ck_assert_uint_eq(m.ntensors, 0);
    files_model_free(&m);
}

/* Loads spec, asserting failure with a message that starts with prefix
 * and holds `part`. */
static void load_fails_like(const char *spec, const char *prefix, const char *part)
{
    char err[FILES_ERR_MAX] = "";
    files_model m;

    ck_assert_int_eq(files_load(spec, 0, &m, err, sizeof err), -1);
    ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0, "'%s' does not start '%s'", err,
                  prefix);
    ck_assert_msg(strstr(err, part) != NULL, "'%s' lacks '%s'", err, part);
    ck_assert_ptr_null(strchr(err, '\n'));
    files_model_free(&m);
}

static void check_llama8b_gguf(const files_model *m)
{
    ck_assert_int_eq(m->format, FILES_FORMAT_GGUF);
    ck_assert_uint_eq(m->ntensors, LLAMA8B_TENSORS);
    ck_assert_int_eq(m->weights_bytes, llama8b_q4km_bytes());
    ck_assert_int_eq(m->stored.weights_bytes, llama8b_q4km_bytes());
    ck_assert_str_eq(m->arch_name, "llama");
    ck_assert_str_eq(m->type_name, "Q4_K_M");
    ck_assert_int_eq(m->mmproj_bytes, 0);
}

static void check_llama8b_st(const files_model *m)
{
    ck_assert_int_eq(m->format, FILES_FORMAT_SAFETENSORS);
    ck_assert_uint_eq(m->ntensors, LLAMA8B_TENSORS);
    ck_assert_int_eq(m->elements, LLAMA8B_PARAMS);
    ck_assert_int_eq(m->weights_bytes, 2 * LLAMA8B_PARAMS);
    ck_assert_str_eq(m->container, "safetensors, 4 shards");
    ck_assert_int_eq(m->nfiles, 4);
}

START_TEST(test_gguf_file)
{
    char p[CHECK_FILES_PATH];
    files_model m;

    load_ok(check_files_at(p, "good/models/Llama-3.1-8B-Instruct-Q4_K_M.gguf"), &m);
    check_llama8b_gguf(&m);
    ck_assert_str_eq(m.name, "Llama-3.1-8B");
    ck_assert_str_eq(m.container, "GGUF v3");
    ck_assert_str_eq(m.path, p);
    ck_assert_int_ne(m.ino, 0);
    files_model_free(&m);
    load_ok(check_files_at(p, "good/models/Qwen3-30B-A3B-Q4_K_M.gguf"), &m);
    ck_assert_uint_eq(m.ntensors, QWEN3_TENSORS);
    ck_assert_int_eq(m.elements, 30532122624LL);
    files_model_free(&m);
}
END_TEST

START_TEST(test_gguf_split)
{
    char p[CHECK_FILES_PATH];
    files_model m;

    /* Any split names the set; the folder holds the one set. */
    load_ok(check_files_at(p, "good/models/split/Llama-3.1-70B-Q4_K_M-00002-of-00003.gguf"), &m);
    ck_assert_uint_eq(m.ntensors, LLAMA70B_TENSORS);
    ck_assert_int_eq(m.nfiles, 3);
    ck_assert_str_eq(m.container, "GGUF v3, 3 split files");
    files_model_free(&m);
    load_ok(check_files_at(p, "good/models/split"), &m);
    ck_assert_uint_eq(m.ntensors, LLAMA70B_TENSORS);
    ck_assert_int_eq(m.nfiles, 3);
    files_model_free(&m);
}
END_TEST

START_TEST(test_gguf_mmproj)
{
    char p[CHECK_FILES_PATH], proj[CHECK_FILES_PATH];
    files_model m;

    (void)check_files_at(proj, "good/models/vision/mmproj-tiny-vision-F16.gguf");
    load_ok(check_files_at(p, "good/models/vision/tiny-vision.gguf"), &m);
    ck_assert_uint_eq(m.ntensors, TINY_TENSORS);
    ck_assert_uint_eq(m.mmproj_tensors, MMPROJ_TENSORS);
    ck_assert_int_eq(m.mmproj_bytes, MMPROJ_BYTES);
    ck_assert_str_eq(m.stored.mmproj_path, proj);
    files_model_free(&m);
    load_ok(check_files_at(p, "good/models/vision"), &m);
    ck_assert_uint_eq(m.ntensors, TINY_TENSORS);
    ck_assert_int_eq(m.mmproj_bytes, MMPROJ_BYTES);
    files_model_free(&m);
    /* The projector named itself is read as what it is, with no projector. */
    load_ok(proj, &m);
    ck_assert_uint_eq(m.ntensors, MMPROJ_TENSORS);
    ck_assert_int_eq(m.mmproj_bytes, 0);
    files_model_free(&m);
}
END_TEST

START_TEST(test_safetensors)
{
    char p[CHECK_FILES_PATH];
    files_model m;

    load_ok(check_files_at(p, "good/models/Llama-3.1-8B-st"), &m);
    check_llama8b_st(&m);
    files_model_free(&m);
    load_ok(check_files_at(p, "good/models/Llama-3.1-8B-st/config.json"), &m);
    check_llama8b_st(&m);
    files_model_free(&m);
    load_ok(check_files_at(p, "good/models/Llama-3.1-8B-st/model.safetensors.index.json"), &m);
    check_llama8b_st(&m);
    files_model_free(&m);
    /* One shard by its first bytes: part of the tensors. */
    load_ok(check_files_at(p, "good/models/Llama-3.1-8B-st/model-00001-of-00004.safetensors"), &m);
    ck_assert_int_eq(m.format, FILES_FORMAT_SAFETENSORS);
    ck_assert_uint_gt(m.ntensors, 0);
    ck_assert_uint_lt(m.ntensors, LLAMA8B_TENSORS);
    files_model_free(&m);
}
END_TEST

START_TEST(test_folder_many)
{
    char p[CHECK_FILES_PATH], want[CHECK_FILES_PATH + 128];

    (void)snprintf(want, sizeof want, "%s: holds 2 models (Llama-3.1-8B-Instruct-Q4_K_M.gguf, "
                   "Qwen3-30B-A3B-Q4_K_M.gguf); name one", check_files_at(p, "good/models"));
    load_fails(p, want);
}
END_TEST

START_TEST(test_hf)
{
    char p[CHECK_FILES_PATH], hub[CHECK_FILES_PATH], want[3 * CHECK_FILES_PATH];
    files_model m;

    ck_assert_int_eq(setenv("HF_HUB_CACHE", check_files_at(hub, "good/hf/hub"), 1), 0);
    load_ok("hf:" MKSTORE_HF_REPO, &m);
    check_llama8b_st(&m);
    (void)snprintf(want, sizeof want, "%s/%s/snapshots/%s", hub, MKSTORE_HF_FOLDER,
                   MKSTORE_HF_REV);
    ck_assert_str_eq(m.path, want);
    files_model_free(&m);
    load_ok("hf:" MKSTORE_HF_REPO "@" MKSTORE_HF_REV_OLD, &m);
    (void)snprintf(want, sizeof want, "%s/%s/snapshots/%s", hub, MKSTORE_HF_FOLDER,
                   MKSTORE_HF_REV_OLD);
    ck_assert_str_eq(m.path, want);
    files_model_free(&m);
    (void)snprintf(want, sizeof want, "%s/models--meta-llama--Nope: no such folder "
                   "(hf:meta-llama/Nope is not in the Hugging Face cache %s)", hub, hub);
    load_fails("hf:meta-llama/Nope", want);
    (void)snprintf(want, sizeof want, "%s/%s/refs/v9: No such file or directory", hub,
                   MKSTORE_HF_FOLDER);
    load_fails("hf:" MKSTORE_HF_REPO "@v9", want);
    (void)snprintf(want, sizeof want, "%s/%s/snapshots/%s: no such snapshot (revision %s is "
                   "commit %s)", hub, MKSTORE_HF_FOLDER, MKSTORE_BLOB_GONE + 24,
                   MKSTORE_BLOB_GONE + 24, MKSTORE_BLOB_GONE + 24);
    (void)snprintf(p, sizeof p, "hf:%s@%s", MKSTORE_HF_REPO, MKSTORE_BLOB_GONE + 24);
    load_fails(p, want);
    load_fails("hf:../etc", "hf:../etc: not a Hugging Face repository (expected hf:ORG/NAME or "
               "hf:ORG/NAME@REVISION)");
    /* HF_HOME/hub, then a bad HF_HOME, then a bad HF_HUB_CACHE. */
    ck_assert_int_eq(unsetenv("HF_HUB_CACHE"), 0);
    ck_assert_int_eq(setenv("HF_HOME", check_files_at(p, "good/hf"), 1), 0);
    load_ok("hf:" MKSTORE_HF_REPO, &m);
    check_llama8b_st(&m);
    files_model_free(&m);
    ck_assert_int_eq(setenv("HF_HOME", check_files_at(p, "good/models/Qwen3-30B-A3B-Q4_K_M.gguf"),
                            1), 0);
    (void)snprintf(want, sizeof want, "HF_HOME=%s: not a folder", p);
    load_fails("hf:" MKSTORE_HF_REPO, want);
    ck_assert_int_eq(unsetenv("HF_HOME"), 0);
    ck_assert_int_eq(setenv("HF_HUB_CACHE", check_files_at(p, "nowhere"), 1), 0);
    /* A variable naming no folder yet: the cache is simply not there. */
    (void)snprintf(want, sizeof want,
                   "hf:" MKSTORE_HF_REPO ": no Hugging Face cache (looked in %s)", p);
    load_fails("hf:" MKSTORE_HF_REPO, want);
    /* No variable: ~/.cache/huggingface/hub, not there in the empty home. */
    ck_assert_int_eq(unsetenv("HF_HUB_CACHE"), 0);
    (void)snprintf(want, sizeof want, "hf:%s: no Hugging Face cache (looked in %s)",
                   MKSTORE_HF_REPO, check_files_at(p, "home/.cache/huggingface/hub"));
    load_fails("hf:" MKSTORE_HF_REPO, want);
}
END_TEST

START_TEST(test_ollama)
{
    char root[CHECK_FILES_PATH], want[3 * CHECK_FILES_PATH];
    files_model m;

    ck_assert_int_eq(setenv("OLLAMA_MODELS", check_files_at(root, "good/ollama"), 1), 0);
    load_ok("ollama:llama3.1", &m);
    check_llama8b_gguf(&m);
    ck_assert_str_eq(m.name, "llama3.1:latest");
    ck_assert_str_eq(m.container, "Ollama blob (GGUF v3)");
    ck_assert_str_eq(m.stored.container, "Ollama blob (GGUF v3)");
    (void)snprintf(want, sizeof want, "%s/blobs/sha256-%s", root, MKSTORE_BLOB_LLAMA);
    ck_assert_str_eq(m.path, want);
    files_model_free(&m);
    load_ok("ollama:llama3.1:8b", &m);
    ck_assert_str_eq(m.name, "llama3.1:8b");
    ck_assert_str_eq(m.model.name, "llama3.1:8b");
    files_model_free(&m);
    load_ok("ollama:" MKSTORE_OLLAMA_HF, &m);
    ck_assert_str_eq(m.name, MKSTORE_OLLAMA_HF);
    ck_assert_uint_eq(m.ntensors, TINY_TENSORS);
    ck_assert_uint_eq(m.mmproj_tensors, MMPROJ_TENSORS);
    ck_assert_int_eq(m.mmproj_bytes, MMPROJ_BYTES);
    files_model_free(&m);
    (void)snprintf(want, sizeof want, "%s/manifests/registry.ollama.ai/library/nope/latest: no "
                   "such manifest (ollama:nope:latest is not in the Ollama store %s)", root, root);
    load_fails("ollama:nope", want);
    load_fails("ollama:../../etc/passwd",
               "ollama:../../etc/passwd: not an Ollama model name (expected ollama:NAME, "
               "ollama:NAME:TAG, ollama:NAMESPACE/NAME:TAG or ollama:HOST/NAMESPACE/NAME:TAG)");
    load_fails_like("ollama:a/b/c/d", "ollama:a/b/c/d: not an Ollama model name", "HOST");
}
END_TEST

START_TEST(test_ollama_bad)
{
    char root[CHECK_FILES_PATH], want[4 * CHECK_FILES_PATH], man[2 * CHECK_FILES_PATH];

    ck_assert_int_eq(setenv("OLLAMA_MODELS", check_files_at(root, "bad/ollama"), 1), 0);
    (void)snprintf(man, sizeof man, "%s/manifests/registry.ollama.ai/library/missing/latest",
                   root);
    (void)snprintf(want, sizeof want, "%s: points at a missing blob %s/blobs/sha256-%s (No such "
                   "file or directory)", man, root, MKSTORE_BLOB_GONE);
    load_fails("ollama:missing", want);
    (void)snprintf(man, sizeof man, "%s/manifests/registry.ollama.ai/library/notjson/latest",
                   root);
    (void)snprintf(want, sizeof want, "%s: not JSON (", man);
    load_fails_like("ollama:notjson", want, "line 1");
    (void)snprintf(want, sizeof want, "%s/manifests/registry.ollama.ai/library/nolayer/latest: "
                   "no model layer (expected a layer of mediaType "
                   "application/vnd.ollama.image.model)", root);
    load_fails("ollama:nolayer", want);
    (void)snprintf(want, sizeof want, "%s/manifests/registry.ollama.ai/library/baddigest/latest:"
                   " malformed digest in the model layer (expected sha256:<64 hex digits>)",
                   root);
    load_fails("ollama:baddigest", want);
    ck_assert_int_eq(setenv("OLLAMA_MODELS", check_files_at(root, "bad/x.gguf"), 1), 0);
    (void)snprintf(want, sizeof want, "OLLAMA_MODELS=%s: not a folder", root);
    load_fails("ollama:llama3.1", want);
}
END_TEST

START_TEST(test_bad_files)
{
    char p[CHECK_FILES_PATH], want[CHECK_FILES_PATH + 256];

    (void)snprintf(want, sizeof want, "%s: not a regular file (a FIFO)",
                   check_files_at(p, "bad/fifo.gguf"));
    load_fails(p, want);
    (void)snprintf(want, sizeof want, "%s: Too many levels of symbolic links",
                   check_files_at(p, "bad/loop/a.gguf"));
    load_fails(p, want);
    (void)snprintf(want, sizeof want, "%s: no weights (no *.safetensors or *.gguf)",
                   check_files_at(p, "bad/empty"));
    load_fails(p, want);
    (void)snprintf(want, sizeof want, "%s: no weights (no *.safetensors or *.gguf)",
                   check_files_at(p, "bad/cycle"));
    load_fails(p, want);
    (void)snprintf(want, sizeof want, "%s: not a GGUF or safetensors file (expected a .gguf file, "
                   "a .safetensors file or a folder holding them)", check_files_at(p, "bad/x.gguf"));
    load_fails(p, want);
    (void)snprintf(want, sizeof want, "%s: ", check_files_at(p, "bad/truncated.gguf"));
    load_fails_like(p, want, "truncated");
    (void)snprintf(want, sizeof want, "%s", check_files_at(p, "bad/st-missing"));
    load_fails_like(p, want, "model-00002-of-00004.safetensors");
    (void)snprintf(want, sizeof want, "%s: No such file or directory",
                   check_files_at(p, "bad/nothing.gguf"));
    load_fails(p, want);
    if (geteuid() == 0) {
        (void)fprintf(stderr, "check_files_load: running as root, which reads a mode-000 file: "
                      "the permission test is skipped\n");
    } else {
        (void)snprintf(want, sizeof want, "%s: Permission denied",
                       check_files_at(p, "bad/noperm.gguf"));
        load_fails(p, want);
    }
}
END_TEST

START_TEST(test_home)
{
    char p[CHECK_FILES_PATH];
    files_model m;

    ck_assert_int_eq(setenv("HOME", check_files_at(p, "good"), 1), 0);
    load_ok("~/models/Qwen3-30B-A3B-Q4_K_M.gguf", &m);
    ck_assert_uint_eq(m.ntensors, QWEN3_TENSORS);
    ck_assert_str_eq(m.path, check_files_at(p, "good/models/Qwen3-30B-A3B-Q4_K_M.gguf"));
    files_model_free(&m);
    ck_assert_int_eq(unsetenv("HOME"), 0);
    load_fails("~/x.gguf", "HOME is not set (needed for ~/x.gguf)");
    ck_assert_int_eq(setenv("HOME", check_files_at(p, "home"), 1), 0);
}
END_TEST

START_TEST(test_is_spec)
{
    char p[CHECK_FILES_PATH];

    ck_assert_int_eq(files_is_spec("hf:meta-llama/Llama-3.1-8B"), 1);
    ck_assert_int_eq(files_is_spec("ollama:llama3.1"), 1);
    ck_assert_int_eq(files_is_spec("/x"), 1);
    ck_assert_int_eq(files_is_spec("./x"), 1);
    ck_assert_int_eq(files_is_spec("../x"), 1);
    ck_assert_int_eq(files_is_spec("~/x"), 1);
    ck_assert_int_eq(files_is_spec("models/x"), 1);
    ck_assert_int_eq(files_is_spec("x.gguf"), 1);
    ck_assert_int_eq(files_is_spec("X.GGUF"), 1);
    ck_assert_int_eq(files_is_spec("model.safetensors"), 1);
    ck_assert_int_eq(files_is_spec("config.json"), 1);
    ck_assert_int_eq(files_is_spec("llama-3.1-8b"), 0);
    ck_assert_int_eq(files_is_spec("8b"), 0);
    ck_assert_int_eq(files_is_spec("q4_k_m"), 0);
    ck_assert_int_eq(files_is_spec(""), 0);
    /* A bare name that exists in the working folder is a path. */
    ck_assert_int_eq(chdir(check_files_at(p, "good")), 0);
    ck_assert_int_eq(files_is_spec("models"), 1);
    ck_assert_int_eq(files_is_spec("hf"), 1);
    ck_assert_int_eq(files_is_spec("nothing-here"), 0);
}
END_TEST

static Suite *files_load_suite(void)
{
    Suite *s = suite_create("files_load");
    TCase *tc = tcase_create("load");

    tcase_add_unchecked_fixture(tc, check_files_setup, check_files_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_gguf_file);
    tcase_add_test(tc, test_gguf_split);
    tcase_add_test(tc, test_gguf_mmproj);
    tcase_add_test(tc, test_safetensors);
    tcase_add_test(tc, test_folder_many);
    tcase_add_test(tc, test_hf);
    tcase_add_test(tc, test_ollama);
    tcase_add_test(tc, test_ollama_bad);
    tcase_add_test(tc, test_bad_files);
    tcase_add_test(tc, test_home);
    tcase_add_test(tc, test_is_spec);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(files_load_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
