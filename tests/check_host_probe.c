/* check_host_probe.c - host detection never blocks and says what it could
 * not read: FIFOs, devices and symlink loops where /proc and /sys files
 * should be, an unreadable sys/class/drm, more DRM cards than are kept, a
 * hung or crashing NVML, and probing only what is asked for. The trees are
 * built at test time in a temporary directory (FIFOs and links cannot live
 * in the source tree); the fixed ones come from tests/fixtures/host. */
#define _XOPEN_SOURCE 700

#include <check.h>
#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "platform/host.h"
#include "platform/nvml.h"
#include "platform/rootfs.h"

/* Directories a temporary tree is created with (rwx for the owner). */
#define TREE_DIR_MODE 0700
/* Open file descriptors nftw may use while removing a tree. */
#define TREE_NFTW_FDS 16
/* A short NVML bound for the tests (ms): long enough for fork and a fake
 * that answers at once, short enough to keep the suite quick. */
#define TEST_NVML_TIMEOUT_MS 200
/* Upper bound on a detection that must not block (s): the NVML bound plus
 * room for a slow machine or valgrind; far below Check's 4 s timeout. */
#define TEST_PROMPT_S 2.0
/* DRM cards in the many-cards tree (more than host.c keeps, 64), and the
 * step that creates them out of order (coprime with the count, so every
 * card is made once and neither first-made nor last-made are the lowest). */
#define TEST_CARDS 70
#define TEST_CARDS_KEPT 64
#define TEST_CARD_STEP 37
/* Cards from this number on carry VRAM in the many-cards tree. */
#define TEST_CARDS_VRAM_FROM 60

static const char test_meminfo[] = "MemTotal:       16318508 kB\n"
                                   "MemAvailable:   12001234 kB\n";

/* ---- temporary trees ------------------------------------------------------ */

static void tree_make(char *root, size_t size)
{
    const char *tmp = getenv("TMPDIR");
    int n;

    if (!tmp || !*tmp)
        tmp = "/tmp";
    n = snprintf(root, size, "%s/qs-host-XXXXXX", tmp);
    ck_assert(n > 0 && (size_t)n < size);
    ck_assert_ptr_nonnull(mkdtemp(root));
}

static void tree_path(const char *root, const char *rel, char *path, size_t size)
{
    int n = snprintf(path, size, "%s/%s", root, rel);

    ck_assert(n > 0 && (size_t)n < size);
}

/* mkdir -p root/rel. */
static void tree_dir(const char *root, const char *rel)
{
    char path[ROOTFS_PATH_MAX];
    size_t i, skip = strlen(root) + 1;

    tree_path(root, rel, path, sizeof path);
    for (i = skip; ; i++) {
        if (path[i] == '/' || path[i] == '\0') {
            char c = path[i];

            path[i] = '\0';
            if (mkdir(path, TREE_DIR_MODE) != 0)
                ck_assert_msg(errno == EEXIST, "mkdir %s: %s", path, strerror(errno));
            path[i] = c;
            if (c == '\0')
                break;
        }
    }
}

/* The directory part of rel, created. */
static void tree_parent(const char *root, const char *rel)
{
    char dir[ROOTFS_PATH_MAX];
    const char *slash = strrchr(rel, '/');
    int n;

    if (!slash)
        return;
    n = snprintf(dir, sizeof dir, "%.*s", (int)(slash - rel), rel);
    ck_assert(n > 0 && (size_t)n < sizeof dir);
    tree_dir(root, dir);
}

static void tree_file(const char *root, const char *rel, const char *text)
{
    char path[ROOTFS_PATH_MAX];
    FILE *fp;

    tree_parent(root, rel);
    tree_path(root, rel, path, sizeof path);
    fp = fopen(path, "w");
    ck_assert_msg(fp != NULL, "fopen %s: %s", path, strerror(errno));
    ck_assert(fputs(text, fp) >= 0);
    ck_assert_int_eq(fclose(fp), 0);
}

static void tree_fifo(const char *root, const char *rel)
{
    char path[ROOTFS_PATH_MAX];

    tree_parent(root, rel);
    tree_path(root, rel, path, sizeof path);
    ck_assert_msg(mkfifo(path, S_IRUSR | S_IWUSR) == 0, "mkfifo %s: %s", path, strerror(errno));
}

static void tree_link(const char *root, const char *rel, const char *target)
{
    char path[ROOTFS_PATH_MAX];

    tree_parent(root, rel);
    tree_path(root, rel, path, sizeof path);
    ck_assert_msg(symlink(target, path) == 0, "symlink %s: %s", path, strerror(errno));
}

static int tree_remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void tree_remove(const char *root)
{
    ck_assert_int_eq(nftw(root, tree_remove_one, TREE_NFTW_FDS, FTW_DEPTH | FTW_PHYS), 0);
}

/* ---- detection helpers ---------------------------------------------------- */

static double now_s(void)
{
    struct timespec ts;

    ck_assert_int_eq(clock_gettime(CLOCK_MONOTONIC, &ts), 0);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* host_detect with these options; *seconds = how long it took. */
static int detect_timed(const char *root, const nvml_api *nvml, unsigned probe, int timeout_ms,
                        host_info *info, double *seconds)
{
    host_options opt;
    double t0;
    int rc;

    memset(&opt, 0, sizeof opt);
    opt.root = root;
    opt.nvml = nvml;
    opt.probe = probe;
    opt.nvml_timeout_ms = timeout_ms;
    t0 = now_s();
    rc = host_detect(&opt, info);
    *seconds = now_s() - t0;
    return rc;
}

static int has_message(const host_info *info, const char *text)
{
    int i;

    for (i = 0; i < info->n_messages; i++)
        if (!strcmp(info->messages[i], text))
            return 1;
    return 0;
}

static int has_message_prefix(const host_info *info, const char *text)
{
    int i;

    for (i = 0; i < info->n_messages; i++)
        if (!strncmp(info->messages[i], text, strlen(text)))
            return 1;
    return 0;
}

/* The message BEFORE + root + AFTER (+ REASON when not NULL). */
static int has_root_message(const host_info *info, const char *before, const char *root,
                            const char *after, const char *reason)
{
    char exp[HOST_MSG_LEN * 2];
    int n = snprintf(exp, sizeof exp, "%s%s%s%s", before, root, after, reason ? reason : "");
    int i;

    ck_assert(n > 0 && (size_t)n < sizeof exp);
    if (has_message(info, exp))
        return 1;
    fprintf(stderr, "expected message: %s\n", exp);
    for (i = 0; i < info->n_messages; i++)
        fprintf(stderr, "  message: %s\n", info->messages[i]);
    return 0;
}

static void fixture_root(char *buf, size_t size, const char *name)
{
    const char *src = getenv("TESTS_SRCDIR");
    int n;

    if (!src || !*src)
        src = "tests";
    n = snprintf(buf, size, "%s/fixtures/host/%s", src, name);
    ck_assert(n > 0 && (size_t)n < size);
}

/* ---- a fake NVML that hangs, crashes or answers ---------------------------- */

struct nvml_device_st {
    int unused;
};

static int fake_init_hang(void)
{
    for (;;)
        (void)pause();
    return 0;
}

/* Crashes the probe (SIGABRT) without leaving a core file behind. */
static int fake_init_crash(void)
{
    struct rlimit none;

    none.rlim_cur = 0;
    none.rlim_max = 0;
    (void)setrlimit(RLIMIT_CORE, &none);
    abort();
}

static int fake_init_ok(void) { return 0; }
static int fake_shutdown(void) { return 0; }
static int fake_count_1(unsigned int *c) { *c = 1; return 0; }

static int fake_handle(unsigned int i, nvml_device *dev)
{
    (void)i;
    *dev = NULL;
    return 0;
}

static int fake_name(nvml_device dev, char *name, unsigned int length)
{
    int n = snprintf(name, length, "%s", "NVIDIA H200");

    (void)dev;
    return (n < 0 || (unsigned)n >= length) ? 7 : 0;
}

/* The H200's 141 GB of HBM3e (NVIDIA H200 datasheet), 140 GB free. */
static int fake_memory(nvml_device dev, nvml_memory *mem)
{
    (void)dev;
    mem->total = 141000000000ULL;
    mem->free = 140000000000ULL;
    mem->used = mem->total - mem->free;
    return 0;
}

static nvml_api fake_api(int (*init)(void))
{
    nvml_api api;

    memset(&api, 0, sizeof api);
    api.init = init;
    api.get_count = fake_count_1;
    api.get_handle = fake_handle;
    api.get_name = fake_name;
    api.get_memory = fake_memory;
    api.shutdown = fake_shutdown;
    return api;
}

/* ---- 1: FIFOs, devices and loops never block ------------------------------ */

START_TEST(test_fifo_does_not_block)
{
    char root[ROOTFS_PATH_MAX], loop[HOST_MSG_LEN];
    host_info info;
    double took;
    int rc;

    tree_make(root, sizeof root);
    tree_fifo(root, "proc/meminfo");
    tree_fifo(root, "sys/class/drm/card0/device/mem_info_vram_total");
    tree_link(root, "sys/fs/cgroup/memory.max", "/dev/zero");
    tree_link(root, "sys/class/drm/card1", "card1");   /* a loop */
    rc = detect_timed(root, NULL, 0, 0, &info, &took);
    ck_assert_int_eq(rc, 1);
    ck_assert_msg(took < TEST_PROMPT_S, "detection took %.2f s", took);
    ck_assert(has_root_message(&info, "cannot read ", root, "/proc/meminfo: ",
                               "not a regular file (a FIFO)"));
    ck_assert(has_root_message(&info, "cannot read ", root,
                               "/sys/class/drm/card0/device/mem_info_vram_total: ",
                               "not a regular file (a FIFO)"));
    ck_assert(has_root_message(&info, "cannot read ", root, "/sys/fs/cgroup/memory.max: ",
                               "not a regular file (a character device)"));
    ck_assert(snprintf(loop, sizeof loop, "%s", strerror(ELOOP)) > 0);
    ck_assert(has_root_message(&info, "cannot read ", root,
                               "/sys/class/drm/card1/device/mem_info_vram_total: ", loop));
    ck_assert_int_eq(info.n_messages, 4);
    ck_assert_double_eq(info.ram_total_bytes, HOST_UNKNOWN);
    ck_assert_int_eq(info.n_gpus, 0);
    tree_remove(root);
}
END_TEST

START_TEST(test_drm_symlink_loop)
{
    char root[ROOTFS_PATH_MAX];
    host_info info;
    double took;

    tree_make(root, sizeof root);
    tree_file(root, "proc/meminfo", test_meminfo);
    tree_link(root, "sys/class/drm", "drm");
    ck_assert_int_eq(detect_timed(root, NULL, 0, 0, &info, &took), 1);
    ck_assert(has_root_message(&info, "cannot list ", root, "/sys/class/drm: ", strerror(ELOOP)));
    ck_assert_int_eq(info.n_messages, 1);
    tree_remove(root);
}
END_TEST

/* ---- 4: an unreadable sys/class/drm is a problem, a missing one is not ----- */

START_TEST(test_drm_not_a_directory)
{
    char root[ROOTFS_PATH_MAX];
    host_info info;
    double took;

    tree_make(root, sizeof root);
    tree_file(root, "proc/meminfo", test_meminfo);
    tree_file(root, "sys/class/drm", "not a directory\n");
    ck_assert_int_eq(detect_timed(root, NULL, 0, 0, &info, &took), 1);
    ck_assert(has_root_message(&info, "cannot list ", root, "/sys/class/drm: ",
                               strerror(ENOTDIR)));
    ck_assert_int_eq(info.n_messages, 1);
    ck_assert_int_eq(info.n_gpus, 0);
    tree_remove(root);
}
END_TEST

START_TEST(test_drm_no_permission)
{
    char root[ROOTFS_PATH_MAX], drm[ROOTFS_PATH_MAX];
    host_info info;
    double took;
    int rc;

    if (geteuid() == 0) {
        /* root reads through mode 000; the ENOTDIR test covers the path. */
        fprintf(stderr, "test_drm_no_permission: skipped as root\n");
        return;
    }
    tree_make(root, sizeof root);
    tree_file(root, "proc/meminfo", test_meminfo);
    tree_dir(root, "sys/class/drm");
    tree_path(root, "sys/class/drm", drm, sizeof drm);
    ck_assert_int_eq(chmod(drm, 0), 0);
    rc = detect_timed(root, NULL, 0, 0, &info, &took);
    ck_assert_int_eq(chmod(drm, TREE_DIR_MODE), 0);
    ck_assert_int_eq(rc, 1);
    ck_assert(has_root_message(&info, "cannot list ", root, "/sys/class/drm: ",
                               strerror(EACCES)));
    ck_assert_int_eq(info.n_messages, 1);
    tree_remove(root);
}
END_TEST

START_TEST(test_drm_missing_is_silent)
{
    char root[ROOTFS_PATH_MAX];
    host_info info;
    double took;

    tree_make(root, sizeof root);
    tree_file(root, "proc/meminfo", test_meminfo);
    tree_dir(root, "sys/class");
    ck_assert_int_eq(detect_timed(root, NULL, 0, 0, &info, &took), 0);
    ck_assert_int_eq(info.n_messages, 0);
    ck_assert_int_eq(info.n_gpus, 0);
    tree_remove(root);
}
END_TEST

/* ---- 5: more cards than are kept: the lowest-numbered, in order ------------ */

START_TEST(test_many_cards_lowest_kept)
{
    char root[ROOTFS_PATH_MAX], rel[ROOTFS_PATH_MAX], exp[HOST_MSG_LEN];
    host_info info;
    double took;
    int k, card;

    tree_make(root, sizeof root);
    tree_file(root, "proc/meminfo", test_meminfo);
    for (k = 0; k < TEST_CARDS; k++) {
        card = (k * TEST_CARD_STEP) % TEST_CARDS;
        ck_assert(snprintf(rel, sizeof rel, "sys/class/drm/card%d/device", card) > 0);
        tree_dir(root, rel);
        if (card < TEST_CARDS_VRAM_FROM)
            continue;
        ck_assert(snprintf(rel, sizeof rel, "sys/class/drm/card%d/device/mem_info_vram_total",
                           card) > 0);
        tree_file(root, rel, "8589934592\n");
    }
    ck_assert_int_eq(detect_timed(root, NULL, 0, 0, &info, &took), 1);
    ck_assert(snprintf(exp, sizeof exp,
                       "%d DRM cards, only the %d lowest-numbered are read (%d left out)",
                       TEST_CARDS, TEST_CARDS_KEPT, TEST_CARDS - TEST_CARDS_KEPT) > 0);
    ck_assert_msg(has_message(&info, exp), "no message '%s'", exp);
    ck_assert_int_eq(info.n_messages, 1);
    ck_assert_int_eq(info.n_gpus, TEST_CARDS_KEPT - TEST_CARDS_VRAM_FROM);
    for (k = 0; k < info.n_gpus; k++)
        ck_assert_int_eq(info.gpus[k].index, TEST_CARDS_VRAM_FROM + k);
    tree_remove(root);
}
END_TEST

/* ---- 2: a hung or crashing NVML is bounded -------------------------------- */

START_TEST(test_nvml_hang_is_bounded)
{
    char root[ROOTFS_PATH_MAX];
    nvml_api api = fake_api(fake_init_hang);
    host_info info;
    double took;

    fixture_root(root, sizeof root, "nocgroup");
    ck_assert_int_eq(detect_timed(root, &api, 0, TEST_NVML_TIMEOUT_MS, &info, &took), 1);
    ck_assert_msg(took < TEST_PROMPT_S, "detection took %.2f s", took);
    ck_assert(took >= TEST_NVML_TIMEOUT_MS / 1000.0);
    ck_assert_str_eq(info.nvml_status, "NVML did not answer within 200 ms; GPUs not listed");
    ck_assert(has_message(&info, "NVML did not answer within 200 ms; GPUs not listed"));
    ck_assert_int_eq(info.n_messages, 1);
    ck_assert_int_eq(info.n_gpus, 0);
    ck_assert(info.ram_total_bytes > 0.0);
}
END_TEST

START_TEST(test_nvml_crash_is_reported)
{
    char root[ROOTFS_PATH_MAX];
    nvml_api api = fake_api(fake_init_crash);
    host_info info;
    double took;

    fixture_root(root, sizeof root, "nocgroup");
    ck_assert_int_eq(detect_timed(root, &api, 0, TEST_NVML_TIMEOUT_MS, &info, &took), 1);
    ck_assert_msg(!strncmp(info.nvml_status, "NVML probe crashed (signal 6", 28),
                  "nvml_status: %s", info.nvml_status);
    ck_assert(has_message_prefix(&info, "NVML probe crashed (signal 6"));
    ck_assert_int_eq(info.n_gpus, 0);
}
END_TEST

START_TEST(test_nvml_answer_through_probe)
{
    char root[ROOTFS_PATH_MAX];
    nvml_api api = fake_api(fake_init_ok);
    host_info info;
    double took;

    /* The default bound: a fake that answers at once is listed. */
    fixture_root(root, sizeof root, "nocgroup");
    ck_assert_int_eq(detect_timed(root, &api, 0, 0, &info, &took), 0);
    ck_assert_str_eq(info.nvml_status, "1 GPU reported");
    ck_assert_int_eq(info.n_gpus, 1);
    ck_assert_str_eq(info.gpus[0].name, "NVIDIA H200");
    ck_assert_double_eq(info.gpus[0].total_bytes, 141000000000.0);
    ck_assert_double_eq(info.gpus[0].free_bytes, 140000000000.0);
    ck_assert_str_eq(info.gpus[0].source, "NVML");
}
END_TEST

/* ---- 3: only what is asked for is probed ---------------------------------- */

START_TEST(test_probe_ram_only)
{
    char root[ROOTFS_PATH_MAX];
    nvml_api api = fake_api(fake_init_hang);
    host_info info;
    double took;

    /* With the default 3 s bound a call of the hanging init would show in
     * the time taken and as a message; amd1 has an AMD card, not read. */
    fixture_root(root, sizeof root, "amd1");
    ck_assert_int_eq(detect_timed(root, &api, HOST_PROBE_RAM, 0, &info, &took), 0);
    ck_assert_msg(took < 1.0, "detection took %.2f s", took);
    ck_assert_int_eq(info.n_messages, 0);
    ck_assert_int_eq(info.n_gpus, 0);
    ck_assert_str_eq(info.nvml_status, "not queried (GPUs not asked for)");
    ck_assert(info.ram_total_bytes > 0.0);
}
END_TEST

START_TEST(test_probe_gpus_only)
{
    char root[ROOTFS_PATH_MAX];
    host_info info;
    double took;

    /* No proc/meminfo in this tree: not asked for, so not a problem. */
    tree_make(root, sizeof root);
    tree_file(root, "sys/class/drm/card0/device/mem_info_vram_total", "8589934592\n");
    ck_assert_int_eq(detect_timed(root, NULL, HOST_PROBE_GPUS, 0, &info, &took), 0);
    ck_assert_int_eq(info.n_messages, 0);
    ck_assert_int_eq(info.n_gpus, 1);
    ck_assert_double_eq(info.ram_total_bytes, HOST_UNKNOWN);
    ck_assert_double_eq(info.usable_bytes, HOST_UNKNOWN);
    ck_assert_str_eq(info.ram_source, "");
    tree_remove(root);
}
END_TEST

static Suite *host_probe_suite(void)
{
    Suite *s = suite_create("host_probe");
    TCase *files = tcase_create("files");
    TCase *drm = tcase_create("drm");
    TCase *nvml = tcase_create("nvml");

    tcase_add_test(files, test_fifo_does_not_block);
    tcase_add_test(files, test_drm_symlink_loop);
    suite_add_tcase(s, files);
    tcase_add_test(drm, test_drm_not_a_directory);
    tcase_add_test(drm, test_drm_no_permission);
    tcase_add_test(drm, test_drm_missing_is_silent);
    tcase_add_test(drm, test_many_cards_lowest_kept);
    suite_add_tcase(s, drm);
    tcase_add_test(nvml, test_nvml_hang_is_bounded);
    tcase_add_test(nvml, test_nvml_crash_is_reported);
    tcase_add_test(nvml, test_nvml_answer_through_probe);
    tcase_add_test(nvml, test_probe_ram_only);
    tcase_add_test(nvml, test_probe_gpus_only);
    suite_add_tcase(s, nvml);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(host_probe_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
