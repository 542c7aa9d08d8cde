/* check_scan.c - files_scan over the trees of mkstore.h (scan.h): each
 * model once (a split set once, a safetensors folder once, an Ollama blob
 * under two tags once, a Hugging Face blob in two snapshots once), the
 * known stores through their variables, a failure line for each bad input
 * with the scan going on, and the cap. The expected lists are written out
 * here from the trees' layout, not taken from the code. */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_files.h"
#include "files/files_model.h"
#include "files/scan.h"

#define LLAMA8B_TENSORS 291
#define LLAMA70B_TENSORS 723
#define QWEN3_TENSORS 579
#define TINY_TENSORS 12
#define MMPROJ_TENSORS 5
/* bad/noperm.gguf's place in the bad list. */
#define BAD_NOPERM 7

/* One expected entry: the path under the fixture, and a model's tensor
 * count (0: a failure line). */
typedef struct {
    const char *rel;
    size_t tensors;
} want_entry;

/* The good tree as a scan lists it, in path order. */
static const want_entry good_list[] = {
    { "good/hf/hub/" MKSTORE_HF_FOLDER "/snapshots/" MKSTORE_HF_REV, LLAMA8B_TENSORS },
    { "good/models/Llama-3.1-8B-Instruct-Q4_K_M.gguf", LLAMA8B_TENSORS },
    { "good/models/Llama-3.1-8B-st", LLAMA8B_TENSORS },
    { "good/models/Qwen3-30B-A3B-Q4_K_M.gguf", QWEN3_TENSORS },
    { "good/models/split/Llama-3.1-70B-Q4_K_M-00001-of-00003.gguf", LLAMA70B_TENSORS },
    { "good/models/vision/tiny-vision.gguf", TINY_TENSORS },
    { "good/ollama/manifests/hf.co/tiny-org/Tiny-Vision-GGUF/Q8_0", TINY_TENSORS },
    { "good/ollama/manifests/registry.ollama.ai/library/llama3.1/8b", LLAMA8B_TENSORS },
};
#define GOOD_N (sizeof good_list / sizeof good_list[0])

static void check_list(const files_scan_result *r, const want_entry *want, size_t n)
{
    char p[CHECK_FILES_PATH];
    size_t i;

    for (i = 0; i < r->n && i < n; i++) {
        const files_scan_entry *e = &r->entries[i];

        ck_assert_str_eq(e->path, check_files_at(p, want[i].rel));
        if (want[i].tensors == 0) {
            ck_assert_ptr_null(e->model);
            ck_assert_ptr_nonnull(e->failure);
            /* One line, starting with the path it is about. */
            ck_assert_msg(strncmp(e->failure, p, strlen(p)) == 0 &&
                              (e->failure[strlen(p)] == ':' || e->failure[strlen(p)] == '/'),
                          "'%s' does not name %s or a file in it", e->failure, p);
            ck_assert_ptr_null(strchr(e->failure, '\n'));
        } else {
            ck_assert_msg(e->model != NULL, "%s: %s", e->path, e->failure);
            ck_assert_uint_eq(e->model->ntensors, want[i].tensors);
        }
    }
    ck_assert_uint_eq(r->n, n);
}

START_TEST(test_scan_good)
{
    char p[CHECK_FILES_PATH];
    const char *dirs[1];
    files_scan_result r;
    const files_model *m;

    dirs[0] = check_files_at(p, "good");
    ck_assert_int_eq(files_scan(dirs, 1, 0, 0, &r), 0);
    check_list(&r, good_list, GOOD_N);
    ck_assert_uint_eq(r.models, GOOD_N);
    ck_assert_uint_eq(r.failures, 0);
    /* The old snapshot (same blobs) and llama3.1:latest (same blob as :8b). */
    ck_assert_uint_eq(r.duplicates, 2);
    ck_assert_int_eq(r.truncated, 0);
    m = r.entries[4].model;
    ck_assert_int_eq(m->nfiles, 3);
    m = r.entries[5].model;
    ck_assert_uint_eq(m->mmproj_tensors, MMPROJ_TENSORS);
    m = r.entries[6].model;
    ck_assert_str_eq(m->name, "hf.co/tiny-org/Tiny-Vision-GGUF:Q8_0");
    ck_assert_uint_eq(m->mmproj_tensors, MMPROJ_TENSORS);
    m = r.entries[7].model;
    ck_assert_str_eq(m->name, "llama3.1:8b");
    ck_assert_str_eq(m->container, "Ollama blob (GGUF v3)");
    files_scan_free(&r);
    ck_assert_uint_eq(r.n, 0);
    ck_assert_ptr_null(r.entries);
}
END_TEST

START_TEST(test_scan_stores)
{
    char p[CHECK_FILES_PATH], q[CHECK_FILES_PATH + 64], home[CHECK_FILES_PATH];
    const char *dirs[1];
    files_scan_result r;

    ck_assert_int_eq(setenv("HF_HUB_CACHE", check_files_at(p, "good/hf/hub"), 1), 0);
    ck_assert_int_eq(setenv("OLLAMA_MODELS", check_files_at(p, "good/ollama"), 1), 0);
    /* The folder and the stores it holds: each model once still. */
    dirs[0] = check_files_at(p, "good");
    ck_assert_int_eq(files_scan(dirs, 1, 1, 0, &r), 0);
    check_list(&r, good_list, GOOD_N);
    /* The stores' folders were entered as part of good/: not again. */
    ck_assert_uint_eq(r.duplicates, 2);
    files_scan_free(&r);
    /* The stores alone, with an LM Studio folder and a llama.cpp cache in
     * the home folder (links to the tree's files). */
    (void)check_files_at(home, "home2");
    ck_assert_int_eq(setenv("HOME", home, 1), 0);
    ck_assert_int_eq(mkdir(home, 0755), 0);
    ck_assert_int_eq(system("cd \"$HOME\" && mkdir -p .lmstudio/models/tiny-org/Tiny-GGUF "
                            ".cache/llama.cpp"), 0);
    ck_assert_int_eq(symlink(check_files_at(p, "good/models/vision/tiny-vision.gguf"),
                             check_files_at(q, "home2/.lmstudio/models/tiny-org/Tiny-GGUF/"
                                               "tiny.gguf")), 0);
    ck_assert_int_eq(symlink(check_files_at(p, "good/models/Qwen3-30B-A3B-Q4_K_M.gguf"),
                             check_files_at(q, "home2/.cache/llama.cpp/Qwen_Qwen3-30B-A3B-GGUF_"
                                               "Qwen3-30B-A3B-Q4_K_M.gguf")), 0);
    {
        static const want_entry stores_list[] = {
            { "good/hf/hub/" MKSTORE_HF_FOLDER "/snapshots/" MKSTORE_HF_REV, LLAMA8B_TENSORS },
            { "good/ollama/manifests/hf.co/tiny-org/Tiny-Vision-GGUF/Q8_0", TINY_TENSORS },
            { "good/ollama/manifests/registry.ollama.ai/library/llama3.1/8b", LLAMA8B_TENSORS },
            { "home2/.cache/llama.cpp/Qwen_Qwen3-30B-A3B-GGUF_Qwen3-30B-A3B-Q4_K_M.gguf",
              QWEN3_TENSORS },
            { "home2/.lmstudio/models/tiny-org/Tiny-GGUF/tiny.gguf", TINY_TENSORS },
        };

        ck_assert_int_eq(files_scan(NULL, 0, 1, 0, &r), 0);
        check_list(&r, stores_list, sizeof stores_list / sizeof stores_list[0]);
        ck_assert_uint_eq(r.duplicates, 2);
        files_scan_free(&r);
    }
    /* A bad variable is a line; the other stores are still read. */
    ck_assert_int_eq(setenv("HF_HUB_CACHE", check_files_at(p, "good/models/Qwen3-30B-A3B-Q4_K_M."
                                                              "gguf"), 1), 0);
    ck_assert_int_eq(files_scan(NULL, 0, 1, 0, &r), 0);
    ck_assert_uint_eq(r.failures, 1);
    ck_assert_uint_eq(r.models, 4);
    (void)snprintf(q, sizeof q, "HF_HUB_CACHE=%s: not a folder", p);
    /* Its entry's path is the line itself, which sorts after the paths. */
    ck_assert_str_eq(r.entries[r.n - 1].failure, q);
    files_scan_free(&r);
    ck_assert_int_eq(unsetenv("HF_HUB_CACHE"), 0);
    ck_assert_int_eq(unsetenv("OLLAMA_MODELS"), 0);
    ck_assert_int_eq(setenv("HOME", check_files_at(p, "home"), 1), 0);
}
END_TEST

START_TEST(test_scan_bad)
{
    static const want_entry bad_list[] = {
        { "bad/bigendian.gguf", 0 },
        { "bad/cycle/up", 0 },
        { "bad/fifo.gguf", 0 },
        { "bad/hugestring.gguf", 0 },
        { "bad/loop/a.gguf", 0 },
        { "bad/loop/b.gguf", 0 },
        { "bad/manytensors.gguf", 0 },
        { "bad/noperm.gguf", TINY_TENSORS },  /* root reads it; else a line */
        { "bad/ollama/manifests/registry.ollama.ai/library/baddigest/latest", 0 },
        { "bad/ollama/manifests/registry.ollama.ai/library/missing/latest", 0 },
        { "bad/ollama/manifests/registry.ollama.ai/library/nolayer/latest", 0 },
        { "bad/ollama/manifests/registry.ollama.ai/library/notjson/latest", 0 },
        { "bad/st-huge", 0 },
        { "bad/st-missing", 0 },
        { "bad/st-notjson", 0 },
        { "bad/truncated.gguf", 0 },
        { "bad/x.gguf", 0 },
    };
    want_entry want[sizeof bad_list / sizeof bad_list[0]];
    char p[CHECK_FILES_PATH], q[CHECK_FILES_PATH + 128];
    const char *dirs[1];
    files_scan_result r;
    size_t n = sizeof bad_list / sizeof bad_list[0];

    memcpy(want, bad_list, sizeof want);
    if (geteuid() != 0)
        want[BAD_NOPERM].tensors = 0;
    dirs[0] = check_files_at(p, "bad");
    ck_assert_int_eq(files_scan(dirs, 1, 0, 0, &r), 0);
    check_list(&r, want, n);
    ck_assert_uint_eq(r.failures, geteuid() == 0 ? n - 1 : n);
    (void)snprintf(q, sizeof q, "%s: a symbolic link loop (it leads back to a folder above it); "
                   "skipped", check_files_at(p, "bad/cycle/up"));
    ck_assert_str_eq(r.entries[1].failure, q);
    (void)snprintf(q, sizeof q, "%s: not a regular file (a FIFO)",
                   check_files_at(p, "bad/fifo.gguf"));
    ck_assert_str_eq(r.entries[2].failure, q);
    (void)snprintf(q, sizeof q, "%s: big-endian GGUF is not supported (version 3 byte-swapped)",
                   check_files_at(p, "bad/bigendian.gguf"));
    ck_assert_str_eq(r.entries[0].failure, q);
    files_scan_free(&r);
}
END_TEST

START_TEST(test_scan_roots)
{
    char p[CHECK_FILES_PATH], q[CHECK_FILES_PATH], want[CHECK_FILES_PATH + 64];
    const char *dirs[2];
    files_scan_result r;

    /* A file is one model; a missing root is a line. */
    dirs[0] = check_files_at(p, "good/models/Qwen3-30B-A3B-Q4_K_M.gguf");
    dirs[1] = check_files_at(q, "nowhere");
    ck_assert_int_eq(files_scan(dirs, 2, 0, 0, &r), 0);
    ck_assert_uint_eq(r.n, 2);
    ck_assert_uint_eq(r.entries[0].model->ntensors, QWEN3_TENSORS);
    (void)snprintf(want, sizeof want, "%s: No such file or directory", q);
    ck_assert_str_eq(r.entries[1].failure, want);
    files_scan_free(&r);
    /* The same folder twice is read once. */
    dirs[0] = dirs[1] = check_files_at(p, "good/models/split");
    ck_assert_int_eq(files_scan(dirs, 2, 0, 0, &r), 0);
    ck_assert_uint_eq(r.n, 1);
    ck_assert_uint_eq(r.entries[0].model->nfiles, 3);
    files_scan_free(&r);
}
END_TEST

START_TEST(test_scan_cap)
{
    char p[CHECK_FILES_PATH], f[CHECK_FILES_PATH + 32];
    const char *dirs[1];
    files_scan_result r;
    int i;

    /* One more bad file than the cap: 4096 lines, then the line that
     * says the scan stopped. */
    ck_assert_int_eq(mkdir(check_files_at(p, "many"), 0755), 0);
    for (i = 0; i <= FILES_SCAN_MAX; i++) {
        int fd;

        (void)snprintf(f, sizeof f, "%s/f%05d.gguf", p, i);
        fd = open(f, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ck_assert_int_ge(fd, 0);
        ck_assert_int_eq(write(fd, "text\n", 5), 5);
        ck_assert_int_eq(close(fd), 0);
    }
    dirs[0] = p;
    ck_assert_int_eq(files_scan(dirs, 1, 0, 0, &r), 0);
    ck_assert_int_eq(r.truncated, 1);
    ck_assert_uint_eq(r.n, 4096 + 1);
    ck_assert_uint_eq(r.failures, 4096);
    ck_assert_str_eq(r.entries[4096].failure, "scan: stopped at 4096 models and failures; name "
                     "fewer folders to see the rest");
    (void)snprintf(f, sizeof f, "%s/f%05d.gguf", p, 4095);
    ck_assert_str_eq(r.entries[4095].path, f);
    files_scan_free(&r);
}
END_TEST

static Suite *scan_suite(void)
{
    Suite *s = suite_create("files_scan");
    TCase *tc = tcase_create("scan");

    tcase_add_unchecked_fixture(tc, check_files_setup, check_files_teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_scan_good);
    tcase_add_test(tc, test_scan_stores);
    tcase_add_test(tc, test_scan_bad);
    tcase_add_test(tc, test_scan_roots);
    tcase_add_test(tc, test_scan_cap);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(scan_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
