/* check_host.c - unit tests for platform host detection on fixture trees
 * (tests/fixtures/host/CASE), a fake NVML, the parsers, and the --host
 * reports. Fixtures are found through $TESTS_SRCDIR (set by make check). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/report_host.h"
#include "platform/host.h"
#include "platform/host_parse.h"
#include "platform/nvml.h"
#include "platform/rootfs.h"

#define GIB 1073741824.0
#define KIB 1024.0

/* ---- helpers ------------------------------------------------------------ */

static void fixture_root(char *buf, size_t size, const char *name)
{
    const char *src = getenv("TESTS_SRCDIR");
    int n;

#ifdef TESTS_SRCDIR
    if (!src || !*src)
        src = TESTS_SRCDIR;
#endif
    if (!src || !*src)
        src = "tests";
    n = snprintf(buf, size, "%s/fixtures/host/%s", src, name);
    ck_assert(n > 0 && (size_t)n < size);
}

/* Runs host_detect on fixture `name` with nvml (NULL: none, root is not /). */
static int detect(const char *name, const nvml_api *nvml, host_info *info, char *root,
                  size_t root_size)
{
    host_options opt;

    memset(&opt, 0, sizeof opt);
    fixture_root(root, root_size, name);
    opt.root = root;
    opt.nvml = nvml;
    return host_detect(&opt, info);
}

/* 1 when one of the messages equals the text. */
static int has_message(const host_info *info, const char *text)
{
    int i;

    for (i = 0; i < info->n_messages; i++)
        if (!strcmp(info->messages[i], text))
            return 1;
    return 0;
}

/* 1 when one of the messages starts with the text. */
static int has_message_prefix(const host_info *info, const char *text)
{
    int i;

    for (i = 0; i < info->n_messages; i++)
        if (!strncmp(info->messages[i], text, strlen(text)))
            return 1;
    return 0;
}

/* The message "FMT" with %s = root. */
static int has_root_message(const host_info *info, const char *root, const char *before,
                            const char *after)
{
    char exp[HOST_MSG_LEN * 2];
    int n = snprintf(exp, sizeof exp, "%s%s%s", before, root, after);

    ck_assert(n > 0 && (size_t)n < sizeof exp);
    return has_message(info, exp);
}

static int ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);

    return a >= b && !strcmp(s + a - b, tail);
}

static void dump_messages(const host_info *info)
{
    int i;

    for (i = 0; i < info->n_messages; i++)
        fprintf(stderr, "  message: %s\n", info->messages[i]);
}

/* ---- a fake NVML ----------------------------------------------------------
 * Handles point at these records; the *_fail fields make one call fail. */
struct nvml_device_st {
    const char *name;
    unsigned long long total, free;
    int fail_memory;
    int fail_name;
};

/* nvidia-smi totals: RTX 4090 24564 MiB, H100 80GB HBM3 81559 MiB (notes.md). */
static struct nvml_device_st fake_gpus[4] = {
    { "NVIDIA GeForce RTX 4090", 24564ULL * 1048576, 20000ULL * 1048576, 0, 0 },
    { "NVIDIA H100 80GB HBM3", 81559ULL * 1048576, 81000ULL * 1048576, 0, 0 },
    { "broken memory", 1, 1, 1, 0 },
    { "broken name", 8192ULL * 1048576, 8000ULL * 1048576, 0, 1 },
};

static int fake_init_ok(void) { return 0; }
static int fake_init_fail(void) { return 9; }    /* NVML_ERROR_DRIVER_NOT_LOADED */
static int fake_shutdown(void) { return 0; }
static int fake_count_0(unsigned int *c) { *c = 0; return 0; }
static int fake_count_1(unsigned int *c) { *c = 1; return 0; }
static int fake_count_2(unsigned int *c) { *c = 2; return 0; }
static int fake_count_4(unsigned int *c) { *c = 4; return 0; }
static int fake_count_40(unsigned int *c) { *c = 40; return 0; }
static int fake_count_fail(unsigned int *c) { *c = 0; return 999; }

static int fake_handle(unsigned int i, nvml_device *dev)
{
    *dev = &fake_gpus[i % 2];
    return 0;
}

/* GPUs 0..3 are the four records; 4 and up are invalid. */
static int fake_handle_all(unsigned int i, nvml_device *dev)
{
    if (i >= 4)
        return 2;    /* NVML_ERROR_INVALID_ARGUMENT */
    *dev = &fake_gpus[i];
    return 0;
}

static int fake_name(nvml_device dev, char *name, unsigned int length)
{
    int n;

    if (dev->fail_name)
        return 3;    /* NVML_ERROR_NOT_SUPPORTED */
    n = snprintf(name, length, "%s", dev->name);
    return (n < 0 || (unsigned)n >= length) ? 7 : 0;
}

static int fake_memory(nvml_device dev, nvml_memory *mem)
{
    if (dev->fail_memory)
        return 15;   /* NVML_ERROR_GPU_IS_LOST */
    mem->total = dev->total;
    mem->free = dev->free;
    mem->used = dev->total - dev->free;
    return 0;
}

static const char *fake_error_string(int rc)
{
    return rc == 9 ? "Driver Not Loaded" : NULL;
}

static nvml_api fake_api(int (*init)(void), int (*count)(unsigned int *),
                         int (*handle)(unsigned int, nvml_device *))
{
    nvml_api api;

    memset(&api, 0, sizeof api);
    api.init = init;
    api.get_count = count;
    api.get_handle = handle;
    api.get_name = fake_name;
    api.get_memory = fake_memory;
    api.shutdown = fake_shutdown;
    api.error_string = fake_error_string;
    return api;
}

/* ---- RAM and cgroups on fixture trees ------------------------------------- */

START_TEST(test_nocgroup)
{
    char root[ROOTFS_PATH_MAX], path[ROOTFS_PATH_MAX * 2];
    host_info info;

    ck_assert_int_eq(detect("nocgroup", NULL, &info, root, sizeof root), 0);
    ck_assert_int_eq(info.n_messages, 0);
    ck_assert_double_eq(info.ram_total_bytes, 16318508.0 * 1024);
    ck_assert_double_eq(info.ram_available_bytes, 12001234.0 * 1024);
    ck_assert_int_eq(info.cgroup_version, 0);
    ck_assert_double_eq(info.cgroup_limit_bytes, 0.0);
    ck_assert_str_eq(info.cgroup_source, "");
    ck_assert_double_eq(info.usable_bytes, 12001234.0 * 1024);
    ck_assert_double_eq(host_info_usable_bytes(&info), 12001234.0 * 1024);
    ck_assert_int_eq(info.n_gpus, 0);
    snprintf(path, sizeof path, "%s/proc/meminfo", root);
    ck_assert_str_eq(info.ram_source, path);
    ck_assert_str_eq(info.root, root);
    ck_assert_str_eq(info.nvml_status, "not queried (root is not /)");
}
END_TEST

START_TEST(test_v1_limit)
{
    char root[ROOTFS_PATH_MAX];
    host_info info;

    ck_assert_int_eq(detect("v1limit", NULL, &info, root, sizeof root), 0);
    ck_assert_int_eq(info.n_messages, 0);
    ck_assert_double_eq(info.ram_total_bytes, 33554432.0 * 1024);
    ck_assert_double_eq(info.ram_available_bytes, 30000000.0 * 1024);
    ck_assert_int_eq(info.cgroup_version, 1);
    ck_assert_double_eq(info.cgroup_limit_bytes, 4294967296.0);
    ck_assert(ends_with(info.cgroup_source, "/v1limit/sys/fs/cgroup/memory/memory.limit_in_bytes"));
    ck_assert_double_eq(info.usable_bytes, 4294967296.0);
    ck_assert_double_eq(host_info_usable_bytes(&info), 4294967296.0);
}
END_TEST

START_TEST(test_v1_unlimited)
{
    char root[ROOTFS_PATH_MAX];
    host_info info;

    ck_assert_int_eq(detect("v1unlimited", NULL, &info, root, sizeof root), 0);
    ck_assert_int_eq(info.cgroup_version, 1);
    ck_assert_double_eq(info.cgroup_limit_bytes, 0.0);
    ck_assert(ends_with(info.cgroup_source, "/sys/fs/cgroup/memory/memory.limit_in_bytes"));
    ck_assert_double_eq(info.usable_bytes, 30000000.0 * 1024);
}
END_TEST

START_TEST(test_v2_max)
{
    char root[ROOTFS_PATH_MAX];
    host_info info;

    ck_assert_int_eq(detect("v2max", NULL, &info, root, sizeof root), 0);
    ck_assert_int_eq(info.n_messages, 0);
    ck_assert_int_eq(info.cgroup_version, 2);
    ck_assert_double_eq(info.cgroup_limit_bytes, 0.0);
    ck_assert(ends_with(info.cgroup_source, "/v2max/sys/fs/cgroup/memory.max"));
    ck_assert_double_eq(info.ram_total_bytes, 16.0 * GIB);
    ck_assert_double_eq(info.usable_bytes, 12.0 * GIB);
    ck_assert_double_eq(host_info_usable_bytes(&info), 12.0 * GIB);
}
END_TEST

START_TEST(test_v2_limit_below_ram)
{
    char root[ROOTFS_PATH_MAX];
    host_info info;

    /* The process sits in user.slice/app.scope ("max"); its parent
     * user.slice has 8 GiB, the top 12 GiB: the smallest, 8 GiB, binds. */
    ck_assert_int_eq(detect("v2limit", NULL, &info, root, sizeof root), 0);
    ck_assert_int_eq(info.n_messages, 0);
    ck_assert_int_eq(info.cgroup_version, 2);
    ck_assert_double_eq(info.cgroup_limit_bytes, 8589934592.0);
    ck_assert(ends_with(info.cgroup_source, "/v2limit/sys/fs/cgroup/user.slice/memory.max"));
    ck_assert_double_eq(info.ram_total_bytes, 16.0 * GIB);
    ck_assert_double_eq(info.ram_available_bytes, 12.0 * GIB);
    ck_assert_double_eq(info.usable_bytes, 8.0 * GIB);
    ck_assert_double_eq(host_info_usable_bytes(&info), 8.0 * GIB);
}
END_TEST

START_TEST(test_v2_limit_above_ram)
{
    char root[ROOTFS_PATH_MAX];
    host_info info;

    ck_assert_int_eq(detect("v2above", NULL, &info, root, sizeof root), 0);
    ck_assert_int_eq(info.cgroup_version, 2);
    ck_assert_double_eq(info.cgroup_limit_bytes, 64.0 * GIB);
    ck_assert_double_eq(info.usable_bytes, 12.0 * GIB);
}
END_TEST

START_TEST(test_missing_memavailable)
{
    char root[ROOTFS_PATH_MAX];
    host_info info;

    ck_assert_int_eq(detect("nomemavail", NULL, &info, root, sizeof root), 1);
    ck_assert_double_eq(info.ram_total_bytes, 2048000.0 * 1024);
    ck_assert_double_eq(info.ram_available_bytes, HOST_UNKNOWN);
    ck_assert_double_eq(info.usable_bytes, 2048000.0 * 1024);
    ck_assert(ends_with(info.ram_source, "/nomemavail/proc/meminfo"));
    ck_assert_int_eq(info.n_messages, 1);
    ck_assert(has_root_message(&info, root, "cannot parse ", "/proc/meminfo: no MemAvailable line"));
}
END_TEST

START_TEST(test_missing_memtotal)
{
    char root[ROOTFS_PATH_MAX];
    host_info info;

    ck_assert_int_eq(detect("nomemtotal", NULL, &info, root, sizeof root), 1);
    ck_assert_double_eq(info.ram_total_bytes, HOST_UNKNOWN);
    ck_assert_double_eq(info.ram_available_bytes, HOST_UNKNOWN);
    ck_assert_double_eq(info.usable_bytes, HOST_UNKNOWN);
    ck_assert_double_eq(host_info_usable_bytes(&info), HOST_UNKNOWN);
    ck_assert_double_eq(host_info_usable_bytes(NULL), HOST_UNKNOWN);
    ck_assert_str_eq(info.ram_source, "");
    ck_assert(has_root_message(&info, root, "cannot parse ", "/proc/meminfo: no MemTotal line"));
}
END_TEST

START_TEST(test_malformed)
{
    char root[ROOTFS_PATH_MAX];
    host_info info;

    ck_assert_int_eq(detect("malformed", NULL, &info, root, sizeof root), 1);
    if (info.n_messages != 3)
        dump_messages(&info);
    ck_assert_int_eq(info.n_messages, 3);
    ck_assert(has_root_message(&info, root, "cannot parse ",
                               "/proc/meminfo: MemTotal value 'lots kB' is not a number of kB"));
    ck_assert(has_root_message(&info, root, "cannot parse ",
                               "/sys/fs/cgroup/memory.max: '12abc' is neither a byte count nor max"));
    ck_assert(has_root_message(&info, root, "cannot parse ",
                               "/sys/class/drm/card0/device/mem_info_vram_total: "
                               "'-5' is not a whole number"));
    ck_assert_double_eq(info.ram_total_bytes, HOST_UNKNOWN);
    ck_assert_double_eq(info.usable_bytes, HOST_UNKNOWN);
    ck_assert_int_eq(info.cgroup_version, 0);
    ck_assert_int_eq(info.n_gpus, 0);
}
END_TEST

START_TEST(test_empty)
{
    char root[ROOTFS_PATH_MAX];
    host_info info;

    ck_assert_int_eq(detect("empty", NULL, &info, root, sizeof root), 1);
    ck_assert_int_eq(info.n_messages, 3);
    ck_assert(has_root_message(&info, root, "cannot parse ",
                               "/proc/meminfo: empty file, no MemTotal line"));
    ck_assert(has_root_message(&info, root, "cannot parse ",
                               "/sys/fs/cgroup/memory.max: empty file, expected a byte count or max"));
    ck_assert(has_root_message(&info, root, "cannot parse ",
                               "/sys/class/drm/card0/device/mem_info_vram_total: "
                               "empty file, expected a number"));
    ck_assert_int_eq(info.n_gpus, 0);
}
END_TEST

START_TEST(test_unreadable)
{
    char root[ROOTFS_PATH_MAX], prefix[ROOTFS_PATH_MAX * 2];
    host_info info;

    /* Directories where files should be: read() fails (EISDIR). */
    ck_assert_int_eq(detect("unreadable", NULL, &info, root, sizeof root), 1);
    ck_assert_int_eq(info.n_messages, 3);
    snprintf(prefix, sizeof prefix, "cannot read %s/proc/meminfo: ", root);
    ck_assert(has_message_prefix(&info, prefix));
    snprintf(prefix, sizeof prefix, "cannot read %s/sys/fs/cgroup/memory.max: ", root);
    ck_assert(has_message_prefix(&info, prefix));
    snprintf(prefix, sizeof prefix,
             "cannot read %s/sys/class/drm/card0/device/mem_info_vram_total: ", root);
    ck_assert(has_message_prefix(&info, prefix));
    ck_assert_double_eq(info.ram_total_bytes, HOST_UNKNOWN);
    ck_assert_int_eq(info.n_gpus, 0);
}
END_TEST

START_TEST(test_huge)
{
    char root[ROOTFS_PATH_MAX];
    host_info info;

    ck_assert_int_eq(detect("huge", NULL, &info, root, sizeof root), 1);
    ck_assert_int_eq(info.n_messages, 3);
    ck_assert(has_root_message(&info, root, "cannot parse ",
                               "/proc/meminfo: MemTotal value '18446744073709551615 kB' "
                               "is too large"));
    ck_assert(has_root_message(&info, root, "cannot parse ",
                               "/sys/fs/cgroup/memory.max: '99999999999999999999999' "
                               "is too large for a byte count"));
    ck_assert(has_root_message(&info, root, "cannot parse ",
                               "/sys/class/drm/card0/device/mem_info_vram_total: "
                               "'18446744073709551616' is too large"));
    ck_assert_double_eq(info.ram_total_bytes, HOST_UNKNOWN);
    ck_assert_int_eq(info.n_gpus, 0);
}
END_TEST

START_TEST(test_missing_root)
{
    char root[ROOTFS_PATH_MAX];
    host_info info;

    ck_assert_int_eq(detect("no-such-fixture", NULL, &info, root, sizeof root), 1);
    ck_assert(has_root_message(&info, root, "root ", " is not a directory"));
    ck_assert(has_root_message(&info, root, "cannot read ", "/proc/meminfo: not found"));
    ck_assert_int_eq(info.n_messages, 2);
    ck_assert_double_eq(info.usable_bytes, HOST_UNKNOWN);
    ck_assert_int_eq(info.n_gpus, 0);
    ck_assert_int_eq(host_detect(NULL, NULL), -1);
}
END_TEST

/* ---- AMD GPUs -------------------------------------------------------------- */

START_TEST(test_amd_none)
{
    char root[ROOTFS_PATH_MAX];
    host_info info;

    /* An Intel card (no mem_info_vram_total) and a connector: nothing. */
    ck_assert_int_eq(detect("intel", NULL, &info, root, sizeof root), 0);
    ck_assert_int_eq(info.n_gpus, 0);
    ck_assert_int_eq(info.n_messages, 0);
}
END_TEST

START_TEST(test_amd_one)
{
    char root[ROOTFS_PATH_MAX];
    host_info info;
    const host_gpu *g = &info.gpus[0];

    ck_assert_int_eq(detect("amd1", NULL, &info, root, sizeof root), 0);
    ck_assert_int_eq(info.n_messages, 0);
    ck_assert_int_eq(info.n_gpus, 1);
    ck_assert_int_eq(g->vendor, HOST_GPU_AMD);
    ck_assert_int_eq(g->index, 0);
    ck_assert_str_eq(g->name, "AMD Radeon RX 7900 XTX");
    ck_assert_double_eq(g->total_bytes, 24.0 * GIB);
    ck_assert_double_eq(g->free_bytes, 23.0 * GIB);
    ck_assert(ends_with(g->source, "/amd1/sys/class/drm/card0/device/mem_info_vram_total"));
}
END_TEST

START_TEST(test_amd_two)
{
    char root[ROOTFS_PATH_MAX];
    host_info info;

    ck_assert_int_eq(detect("amd2", NULL, &info, root, sizeof root), 0);
    ck_assert_int_eq(info.n_messages, 0);
    ck_assert_int_eq(info.n_gpus, 2);
    /* Listed one by one in card order (2 before 10), never summed. */
    ck_assert_int_eq(info.gpus[0].index, 2);
    ck_assert_str_eq(info.gpus[0].name, "AMD Radeon RX 6600");
    ck_assert_double_eq(info.gpus[0].total_bytes, 8573157376.0);
    ck_assert_double_eq(info.gpus[0].free_bytes, HOST_UNKNOWN);
    ck_assert_int_eq(info.gpus[1].index, 10);
    ck_assert_str_eq(info.gpus[1].name, "AMD GPU 0x73bf (card10)");
    ck_assert_double_eq(info.gpus[1].total_bytes, 17163091968.0);
    ck_assert(ends_with(info.gpus[1].source, "/sys/class/drm/card10/device/mem_info_vram_total"));
    ck_assert_int_eq(info.gpus[0].vendor, HOST_GPU_AMD);
    ck_assert_int_eq(info.gpus[1].vendor, HOST_GPU_AMD);
}
END_TEST

START_TEST(test_amd_wrong_vendor)
{
    char root[ROOTFS_PATH_MAX];
    host_info info;

    ck_assert_int_eq(detect("amdvendor", NULL, &info, root, sizeof root), 1);
    ck_assert_int_eq(info.n_gpus, 0);
    ck_assert(has_root_message(&info, root, "",
                               "/sys/class/drm/card0/device/vendor: vendor 0x10de is not AMD "
                               "(0x1002), card left out"));
}
END_TEST

/* ---- NVIDIA through a fake NVML ------------------------------------------- */

START_TEST(test_nvml_zero)
{
    char root[ROOTFS_PATH_MAX];
    nvml_api api = fake_api(fake_init_ok, fake_count_0, fake_handle);
    host_info info;

    ck_assert_int_eq(detect("nocgroup", &api, &info, root, sizeof root), 0);
    ck_assert_int_eq(info.n_gpus, 0);
    ck_assert_str_eq(info.nvml_status, "0 GPUs reported");
}
END_TEST

START_TEST(test_nvml_one)
{
    char root[ROOTFS_PATH_MAX];
    nvml_api api = fake_api(fake_init_ok, fake_count_1, fake_handle);
    host_info info;

    ck_assert_int_eq(detect("nocgroup", &api, &info, root, sizeof root), 0);
    ck_assert_int_eq(info.n_gpus, 1);
    ck_assert_str_eq(info.nvml_status, "1 GPU reported");
    ck_assert_int_eq(info.gpus[0].vendor, HOST_GPU_NVIDIA);
    ck_assert_int_eq(info.gpus[0].index, 0);
    ck_assert_str_eq(info.gpus[0].name, "NVIDIA GeForce RTX 4090");
    ck_assert_double_eq(info.gpus[0].total_bytes, 24564.0 * 1048576);
    ck_assert_double_eq(info.gpus[0].free_bytes, 20000.0 * 1048576);
    ck_assert_str_eq(info.gpus[0].source, "NVML");
}
END_TEST

START_TEST(test_nvml_two_plus_amd)
{
    char root[ROOTFS_PATH_MAX];
    nvml_api api = fake_api(fake_init_ok, fake_count_2, fake_handle);
    host_info info;

    ck_assert_int_eq(detect("amd1", &api, &info, root, sizeof root), 0);
    ck_assert_int_eq(info.n_gpus, 3);
    ck_assert_str_eq(info.nvml_status, "2 GPUs reported");
    ck_assert_str_eq(info.gpus[0].name, "NVIDIA GeForce RTX 4090");
    ck_assert_str_eq(info.gpus[1].name, "NVIDIA H100 80GB HBM3");
    ck_assert_int_eq(info.gpus[1].index, 1);
    ck_assert_double_eq(info.gpus[1].total_bytes, 81559.0 * 1048576);
    ck_assert_int_eq(info.gpus[2].vendor, HOST_GPU_AMD);
    ck_assert_double_eq(info.gpus[2].total_bytes, 24.0 * GIB);
}
END_TEST

START_TEST(test_nvml_failures)
{
    char root[ROOTFS_PATH_MAX];
    nvml_api api = fake_api(fake_init_fail, fake_count_2, fake_handle);
    host_info info;

    ck_assert_int_eq(detect("nocgroup", &api, &info, root, sizeof root), 0);
    ck_assert_int_eq(info.n_gpus, 0);
    ck_assert_str_eq(info.nvml_status, "nvmlInit_v2 failed: Driver Not Loaded (9)");

    api = fake_api(fake_init_ok, fake_count_fail, fake_handle);
    ck_assert_int_eq(detect("nocgroup", &api, &info, root, sizeof root), 0);
    ck_assert_str_eq(info.nvml_status, "nvmlDeviceGetCount_v2 failed: error 999");

    /* GPU 2 loses its memory call (left out), GPU 3 its name (generic
     * name), GPU 4 has no handle (left out). */
    api = fake_api(fake_init_ok, fake_count_4, fake_handle_all);
    ck_assert_int_eq(detect("nocgroup", &api, &info, root, sizeof root), 1);
    ck_assert_int_eq(info.n_gpus, 3);
    ck_assert_str_eq(info.gpus[2].name, "NVIDIA GPU 3");
    ck_assert_int_eq(info.gpus[2].index, 3);
    ck_assert_double_eq(info.gpus[2].total_bytes, 8192.0 * 1048576);
    ck_assert(has_message(&info, "NVML GPU 2: nvmlDeviceGetMemoryInfo failed: error 15"));
    ck_assert(has_message(&info, "NVML GPU 3: nvmlDeviceGetName failed: error 3"));
    ck_assert_int_eq(info.n_messages, 2);

    /* An incomplete API is "not available". */
    api.get_name = NULL;
    ck_assert_int_eq(detect("nocgroup", &api, &info, root, sizeof root), 0);
    ck_assert_str_eq(info.nvml_status, "not available");
}
END_TEST

START_TEST(test_nvml_many)
{
    char root[ROOTFS_PATH_MAX];
    nvml_api api = fake_api(fake_init_ok, fake_count_40, fake_handle);
    host_info info;

    ck_assert_int_eq(detect("amd1", &api, &info, root, sizeof root), 1);
    ck_assert_int_eq(info.n_gpus, HOST_MAX_GPUS);
    ck_assert(has_message(&info, "NVML: 40 GPUs reported, only 16 GPUs are listed"));
    ck_assert(has_message(&info, "card0 left out: only 16 GPUs are listed"));
}
END_TEST

START_TEST(test_nvml_load_absent)
{
    nvml_api api;
    char err[256];

    ck_assert_int_eq(nvml_load(&api, "libquantscope-no-such-library.so.1", err, sizeof err), -1);
    ck_assert(!strncmp(err, "not found: ", 11));
    ck_assert(api.init == NULL && api.library == NULL);
    nvml_unload(&api);
    nvml_unload(NULL);
}
END_TEST

START_TEST(test_this_machine)
{
    host_info info;
    int rc = host_detect(NULL, &info);

    /* The real machine: whatever it has, detection completes. */
    ck_assert(rc == 0 || rc == 1);
    ck_assert_str_eq(info.root, "/");
    ck_assert(info.nvml_status[0] != '\0');
#if defined(__linux__) || defined(__APPLE__)
    ck_assert(info.ram_total_bytes > 0.0);
    ck_assert(info.usable_bytes > 0.0);
#endif
}
END_TEST

/* ---- parsers ----------------------------------------------------------------- */

START_TEST(test_parse_meminfo)
{
    static const char unterminated[14] = { 'M', 'e', 'm', 'T', 'o', 't', 'a', 'l', ':', ' ',
                                           '5', ' ', 'k', 'B' };
    const char *two = "MemTotal: 10 kB\nMemAvailable: 7 kB\n";
    double t, a;
    char err[128];

    ck_assert_int_eq(host_parse_meminfo("MemTotal: 1 kB\nMemAvailable:\t2 kB", 33, &t, &a,
                                        err, sizeof err), 0);
    ck_assert_double_eq(t, 1024.0);
    ck_assert_double_eq(a, 2048.0);
    /* Nothing read past len: the buffer has no NUL. */
    ck_assert_int_eq(host_parse_meminfo(unterminated, sizeof unterminated, &t, &a, err,
                                        sizeof err), 1);
    ck_assert_double_eq(t, 5.0 * KIB);
    ck_assert_double_eq(a, -1.0);
    ck_assert_str_eq(err, "no MemAvailable line");
    /* len cuts the text after the first line. */
    ck_assert_int_eq(host_parse_meminfo(two, 16, &t, &a, err, sizeof err), 1);
    ck_assert_int_eq(host_parse_meminfo(two, strlen(two), &t, &a, err, sizeof err), 0);
    ck_assert_double_eq(a, 7.0 * KIB);
    /* The first line of a name counts. */
    ck_assert_int_eq(host_parse_meminfo("MemTotal: 3 kB\nMemTotal: 9 kB\n", 30, &t, &a, err,
                                        sizeof err), 1);
    ck_assert_double_eq(t, 3.0 * KIB);
    ck_assert_int_eq(host_parse_meminfo("MemTotal: 12 MB\n", 16, &t, &a, err, sizeof err), -1);
    ck_assert_str_eq(err, "MemTotal value '12 MB' is not a number of kB");
    ck_assert_int_eq(host_parse_meminfo("MemTotal: 0 kB\n", 15, &t, &a, err, sizeof err), -1);
    ck_assert_str_eq(err, "MemTotal is 0 kB");
    ck_assert_int_eq(host_parse_meminfo("MemTotal:kB\n", 12, &t, &a, err, sizeof err), -1);
    ck_assert_int_eq(host_parse_meminfo("MemTotal: -4 kB\n", 16, &t, &a, err, sizeof err), -1);
    ck_assert_int_eq(host_parse_meminfo("memtotal: 4 kB\nMemTotalX: 4 kB\n", 31, &t, &a, err,
                                        sizeof err), -1);
    ck_assert_str_eq(err, "no MemTotal line");
    ck_assert_int_eq(host_parse_meminfo(NULL, 0, &t, &a, err, sizeof err), -1);
    ck_assert_str_eq(err, "empty file, no MemTotal line");
    ck_assert_double_eq(t, -1.0);
    /* (2^64 - 1) / 1024 kB is the most that fits; one more is too large. */
    ck_assert_int_eq(host_parse_meminfo("MemTotal: 18014398509481983 kB", 30, &t, &a, err,
                                        sizeof err), 1);
    ck_assert_double_eq(t, 18014398509481983.0 * 1024);
    ck_assert_int_eq(host_parse_meminfo("MemTotal: 18014398509481984 kB", 30, &t, &a, err,
                                        sizeof err), -1);
    ck_assert_str_eq(err, "MemTotal value '18014398509481984 kB' is too large");
    ck_assert_int_eq(host_parse_meminfo("MemTotal: 4 kB\nMemAvailable: x kB\n", 34, &t, &a,
                                        err, sizeof err), 1);
    ck_assert_str_eq(err, "MemAvailable value 'x kB' is not a number of kB");
    /* A long value is quoted in part. */
    ck_assert_int_eq(host_parse_meminfo("MemTotal: abcdefghijklmnopqrstuvwxyz0123", 40, &t, &a,
                                        err, sizeof err), -1);
    ck_assert_str_eq(err, "MemTotal value 'abcdefghijklmnopqrstuvwx...' is not a number of kB");
}
END_TEST

START_TEST(test_parse_cgroup_limit)
{
    double l;
    char err[128];

#define LIMIT(s) host_parse_cgroup_limit((s), strlen(s), &l, err, sizeof err)
    ck_assert_int_eq(LIMIT("max"), 1);
    ck_assert_int_eq(LIMIT("max\n"), 1);
    ck_assert_int_eq(LIMIT("  max \n"), 1);
    ck_assert_double_eq(l, 0.0);
    ck_assert_int_eq(LIMIT("maxx\n"), -1);
    ck_assert_str_eq(err, "'maxx' is neither a byte count nor max");
    ck_assert_int_eq(LIMIT("8589934592\n"), 0);
    ck_assert_double_eq(l, 8589934592.0);
    ck_assert_int_eq(LIMIT("9223372036854771712\n"), 1);
    ck_assert_int_eq(LIMIT("4611686018427387903"), 0);
    ck_assert_double_eq(l, 4611686018427387903.0);
    ck_assert_int_eq(LIMIT("4611686018427387904"), 1);
    ck_assert_int_eq(LIMIT("0\n"), 0);
    ck_assert_double_eq(l, 0.0);
    ck_assert_int_eq(LIMIT("-1\n"), -1);
    ck_assert_str_eq(err, "'-1' is neither a byte count nor max");
    ck_assert_int_eq(LIMIT(""), -1);
    ck_assert_str_eq(err, "empty file, expected a byte count or max");
    ck_assert_int_eq(LIMIT(" \n"), -1);
    ck_assert_int_eq(LIMIT("0x10"), -1);
    ck_assert_int_eq(LIMIT("1 2"), -1);
    ck_assert_int_eq(LIMIT("18446744073709551616"), -1);
    ck_assert_str_eq(err, "'18446744073709551616' is too large for a byte count");
    ck_assert_int_eq(LIMIT("18446744073709551615"), 1);
#undef LIMIT
    ck_assert_int_eq(host_parse_cgroup_limit("12max", 2, &l, err, sizeof err), 0);
    ck_assert_double_eq(l, 12.0);
    ck_assert_int_eq(host_parse_cgroup_limit(NULL, 0, &l, err, sizeof err), -1);
}
END_TEST

START_TEST(test_parse_uint_hex)
{
    unsigned long long v;
    unsigned long id;
    char err[128];

    ck_assert_int_eq(host_parse_uint("25769803776\n", 12, &v, err, sizeof err), 0);
    ck_assert(v == 25769803776ULL);
    ck_assert_int_eq(host_parse_uint(" 7 ", 3, &v, err, sizeof err), 0);
    ck_assert(v == 7);
    ck_assert_int_eq(host_parse_uint("18446744073709551615", 20, &v, err, sizeof err), 0);
    ck_assert(v == 18446744073709551615ULL);
    ck_assert_int_eq(host_parse_uint("18446744073709551616", 20, &v, err, sizeof err), -1);
    ck_assert_str_eq(err, "'18446744073709551616' is too large");
    ck_assert_int_eq(host_parse_uint("7a", 2, &v, err, sizeof err), -1);
    ck_assert_str_eq(err, "'7a' is not a whole number");
    ck_assert_int_eq(host_parse_uint("+7", 2, &v, err, sizeof err), -1);
    ck_assert_int_eq(host_parse_uint("", 0, &v, err, sizeof err), -1);
    ck_assert_str_eq(err, "empty file, expected a number");
    ck_assert(v == 0);

    ck_assert_int_eq(host_parse_hex_id("0x1002\n", 7, &id, err, sizeof err), 0);
    ck_assert(id == 0x1002);
    ck_assert_int_eq(host_parse_hex_id("0X10de", 6, &id, err, sizeof err), 0);
    ck_assert(id == 0x10de);
    ck_assert_int_eq(host_parse_hex_id("744c", 4, &id, err, sizeof err), 0);
    ck_assert(id == 0x744c);
    ck_assert_int_eq(host_parse_hex_id("0xffffffff", 10, &id, err, sizeof err), 0);
    ck_assert(id == 0xffffffffUL);
    ck_assert_int_eq(host_parse_hex_id("0x1ffffffff", 11, &id, err, sizeof err), -1);
    ck_assert_str_eq(err, "'0x1ffffffff' is too large for an id");
    ck_assert_int_eq(host_parse_hex_id("0x", 2, &id, err, sizeof err), -1);
    ck_assert_str_eq(err, "'0x' is not a hexadecimal id");
    ck_assert_int_eq(host_parse_hex_id("zzz", 3, &id, err, sizeof err), -1);
    ck_assert_int_eq(host_parse_hex_id("", 0, &id, err, sizeof err), -1);
}
END_TEST

START_TEST(test_parse_proc_cgroup)
{
    const char *v1v2 = "12:pids:/a\n9:cpu,memory:/docker/x\n0::/user.slice/s.scope";
    char v2[64], v1[64], small[8];

    ck_assert_int_eq(host_parse_proc_cgroup(v1v2, strlen(v1v2), v2, sizeof v2, v1, sizeof v1),
                     HOST_PARSE_CGROUP_V1 | HOST_PARSE_CGROUP_V2);
    ck_assert_str_eq(v1, "/docker/x");
    ck_assert_str_eq(v2, "/user.slice/s.scope");
    ck_assert_int_eq(host_parse_proc_cgroup("0::/\n", 5, v2, sizeof v2, v1, sizeof v1),
                     HOST_PARSE_CGROUP_V2);
    ck_assert_str_eq(v2, "/");
    ck_assert_str_eq(v1, "");
    /* Paths that could leave the hierarchy, relative paths, and names that
     * merely contain "memory" are refused. */
    ck_assert_int_eq(host_parse_proc_cgroup("0::/../../etc\n", 14, v2, sizeof v2, v1, sizeof v1),
                     0);
    ck_assert_int_eq(host_parse_proc_cgroup("0::/a/..\n", 9, v2, sizeof v2, v1, sizeof v1), 0);
    ck_assert_int_eq(host_parse_proc_cgroup("3:memory:/a/./b\n", 16, v2, sizeof v2, v1,
                                            sizeof v1), 0);
    ck_assert_int_eq(host_parse_proc_cgroup("0::relative\n", 12, v2, sizeof v2, v1, sizeof v1),
                     0);
    ck_assert_int_eq(host_parse_proc_cgroup("3:memoryx:/a\n", 13, v2, sizeof v2, v1, sizeof v1),
                     0);
    ck_assert_int_eq(host_parse_proc_cgroup("3:memory:/a..b\n", 15, v2, sizeof v2, v1,
                                            sizeof v1), HOST_PARSE_CGROUP_V1);
    ck_assert_str_eq(v1, "/a..b");
    /* Too long for the buffer: not taken. */
    ck_assert_int_eq(host_parse_proc_cgroup("0::/abcdefgh\n", 13, small, sizeof small, v1,
                                            sizeof v1), 0);
    ck_assert_int_eq(host_parse_proc_cgroup("garbage\n::\n:\n", 13, v2, sizeof v2, v1,
                                            sizeof v1), 0);
    ck_assert_int_eq(host_parse_proc_cgroup(NULL, 0, v2, sizeof v2, v1, sizeof v1), 0);
}
END_TEST

START_TEST(test_parse_name)
{
    char out[16], one[1];

    host_parse_name("  AMD Radeon\tX \n tail", 21, out, sizeof out);
    ck_assert_str_eq(out, "AMD Radeon?X");
    host_parse_name("caf\xc3\xa9", 5, out, sizeof out);
    ck_assert_str_eq(out, "caf??");
    host_parse_name("a very long product name", 24, out, sizeof out);
    ck_assert_str_eq(out, "a very long pro");
    host_parse_name("abc", 3, one, sizeof one);
    ck_assert_str_eq(one, "");
    host_parse_name(NULL, 0, out, sizeof out);
    ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(test_rootfs_join)
{
    char p[32];

    ck_assert_int_eq(rootfs_join("/", "proc/meminfo", p, sizeof p), 0);
    ck_assert_str_eq(p, "/proc/meminfo");
    ck_assert_int_eq(rootfs_join("/tmp/x/", "/proc", p, sizeof p), 0);
    ck_assert_str_eq(p, "/tmp/x/proc");
    ck_assert_int_eq(rootfs_join(NULL, "a", p, sizeof p), 0);
    ck_assert_str_eq(p, "/a");
    ck_assert_int_eq(rootfs_join("r", "", p, sizeof p), 0);
    ck_assert_str_eq(p, "r");
    ck_assert_int_eq(rootfs_join("/a/very/long/root/directory", "proc/meminfo", p, sizeof p),
                     -1);
}
END_TEST

/* ---- reports ------------------------------------------------------------------ */

/* Runs a report into a temporary file and returns its text (caller frees). */
static char *report_to_string(int (*report)(FILE *, const host_info *), const host_info *info)
{
    FILE *fp = tmpfile();
    char *buf;
    long n;

    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(report(fp, info), 0);
    n = ftell(fp);
    ck_assert(n >= 0);
    buf = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(buf);
    rewind(fp);
    ck_assert(fread(buf, 1, (size_t)n, fp) == (size_t)n);
    buf[n] = '\0';
    ck_assert_int_eq(fclose(fp), 0);
    return buf;
}

START_TEST(test_report_text)
{
    char root[ROOTFS_PATH_MAX], line[ROOTFS_PATH_MAX * 2];
    nvml_api api = fake_api(fake_init_ok, fake_count_1, fake_handle);
    host_info info;
    char *s;

    ck_assert_int_eq(detect("v2limit", NULL, &info, root, sizeof root), 0);
    s = report_to_string(report_host_text, &info);
    snprintf(line, sizeof line, "  total             16.00 GiB  from %s/proc/meminfo (MemTotal)\n",
             root);
    ck_assert_ptr_nonnull(strstr(s, line));
    snprintf(line, sizeof line, "  cgroup limit       8.00 GiB  from %s/sys/fs/cgroup/user.slice/"
             "memory.max (cgroup v2)\n", root);
    ck_assert_ptr_nonnull(strstr(s, line));
    ck_assert_ptr_nonnull(strstr(s, "  usable             8.00 GiB  available RAM, capped by the "
                                    "cgroup limit\n"));
    ck_assert_ptr_nonnull(strstr(s, "GPUs (listed one by one, never summed)\n  none found\n"));
    ck_assert_ptr_null(strstr(s, "Problems"));
    free(s);

    ck_assert_int_eq(detect("amd1", &api, &info, root, sizeof root), 0);
    s = report_to_string(report_host_text, &info);
    ck_assert_ptr_nonnull(strstr(s, "  1. NVIDIA GeForce RTX 4090\n"
                                    "     23.99 GiB total, 19.53 GiB free, from NVML (index 0)\n"));
    snprintf(line, sizeof line, "  2. AMD Radeon RX 7900 XTX\n     24.00 GiB total, 23.00 GiB free, "
             "from %s/sys/class/drm/card0/device/mem_info_vram_total (card0)\n", root);
    ck_assert_ptr_nonnull(strstr(s, line));
    ck_assert_ptr_nonnull(strstr(s, "NVML: 1 GPU reported\n"));
    free(s);

    ck_assert_int_eq(detect("malformed", NULL, &info, root, sizeof root), 1);
    s = report_to_string(report_host_text, &info);
    ck_assert_ptr_nonnull(strstr(s, "  total               unknown\n"));
    ck_assert_ptr_nonnull(strstr(s, "  usable              unknown  unknown: RAM not found\n"));
    ck_assert_ptr_nonnull(strstr(s, "Problems\n  cannot parse "));
    free(s);
}
END_TEST

START_TEST(test_report_json)
{
    char root[ROOTFS_PATH_MAX];
    host_info info;
    char *s;

    ck_assert_int_eq(detect("v2limit", NULL, &info, root, sizeof root), 0);
    s = report_to_string(report_host_json, &info);
    ck_assert_ptr_nonnull(strstr(s, "\"ram\":{\"total_gib\":16,\"total_bytes\":17179869184,"
                                    "\"available_gib\":12,\"available_bytes\":12884901888,"));
    ck_assert_ptr_nonnull(strstr(s, "\"cgroup\":{\"version\":2,\"limit_gib\":8,"
                                    "\"limit_bytes\":8589934592,"));
    ck_assert_ptr_nonnull(strstr(s, "\"usable_gib\":8,\"usable_bytes\":8589934592,"
                                    "\"usable_basis\":\"available RAM, capped by the cgroup "
                                    "limit\",\"gpus\":[],\"nvml\":\"not queried (root is not /)\","
                                    "\"messages\":[],\"messages_dropped\":0}\n"));
    free(s);

    /* Full precision: 16318508 KiB is 15.5626... GiB. */
    ck_assert_int_eq(detect("nocgroup", NULL, &info, root, sizeof root), 0);
    s = report_to_string(report_host_json, &info);
    ck_assert_ptr_nonnull(strstr(s, "\"total_gib\":15.562541961669922,"));
    ck_assert_ptr_nonnull(strstr(s, "\"cgroup\":{\"version\":null,\"limit_gib\":null,"
                                    "\"limit_bytes\":null,\"source\":null}"));
    free(s);

    /* Byte counts are integers, never 3.4359738368e+10. */
    ck_assert_int_eq(detect("v1limit", NULL, &info, root, sizeof root), 0);
    s = report_to_string(report_host_json, &info);
    ck_assert_ptr_nonnull(strstr(s, "\"total_gib\":32,\"total_bytes\":34359738368,"));
    ck_assert_ptr_nonnull(strstr(s, "\"cgroup\":{\"version\":1,\"limit_gib\":4,"
                                    "\"limit_bytes\":4294967296,"));
    free(s);

    ck_assert_int_eq(detect("amd2", NULL, &info, root, sizeof root), 0);
    s = report_to_string(report_host_json, &info);
    ck_assert_ptr_nonnull(strstr(s, "{\"vendor\":\"amd\",\"index\":10,\"name\":\"AMD GPU 0x73bf "
                                    "(card10)\",\"total_gib\":15.984375,\"total_bytes\":17163091968,"
                                    "\"free_gib\":null,\"free_bytes\":null,\"source\":"));
    free(s);

    ck_assert_int_eq(detect("empty", NULL, &info, root, sizeof root), 1);
    s = report_to_string(report_host_json, &info);
    ck_assert_ptr_nonnull(strstr(s, "\"total_gib\":null,\"total_bytes\":null,"));
    ck_assert_ptr_nonnull(strstr(s, "/proc/meminfo: empty file, no MemTotal line\","));
    free(s);
}
END_TEST

START_TEST(test_report_write_error)
{
    char root[ROOTFS_PATH_MAX], path[ROOTFS_PATH_MAX * 2];
    host_info info;
    FILE *fp;

    /* A stream opened for reading fails every write. */
    ck_assert_int_eq(detect("nocgroup", NULL, &info, root, sizeof root), 0);
    snprintf(path, sizeof path, "%s/proc/meminfo", root);
    fp = fopen(path, "r");
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(report_host_text(fp, &info), -1);
    ck_assert_int_eq(report_host_json(fp, &info), -1);
    ck_assert_int_eq(fclose(fp), 0);
}
END_TEST

/* Leading zeros counted toward an 8-digit limit, so "0x000000001" (= 1) was
 * refused although host_parse.h accepts any id up to 0xffffffff. */
START_TEST(test_hex_id_leading_zeros)
{
    unsigned long id = 7;
    char err[128];

    ck_assert_int_eq(host_parse_hex_id("0x000000001", 11, &id, err, sizeof err), 0);
    ck_assert_uint_eq(id, 1);
    ck_assert_int_eq(host_parse_hex_id("0x0000000000ffffffff\n", 21, &id, err, sizeof err), 0);
    ck_assert_uint_eq(id, 0xffffffffUL);
    ck_assert_int_eq(host_parse_hex_id("0x00000001ffffffff", 18, &id, err, sizeof err), -1);
    ck_assert_uint_eq(id, 0);
    ck_assert_ptr_nonnull(strstr(err, "too large"));
}
END_TEST

static Suite *host_suite(void)
{
    Suite *s = suite_create("host");
    TCase *ram = tcase_create("ram");
    TCase *gpu = tcase_create("gpu");
    TCase *parse = tcase_create("parse");
    TCase *report = tcase_create("report");

    tcase_add_test(ram, test_nocgroup);
    tcase_add_test(ram, test_v1_limit);
    tcase_add_test(ram, test_v1_unlimited);
    tcase_add_test(ram, test_v2_max);
    tcase_add_test(ram, test_v2_limit_below_ram);
    tcase_add_test(ram, test_v2_limit_above_ram);
    tcase_add_test(ram, test_missing_memavailable);
    tcase_add_test(ram, test_missing_memtotal);
    tcase_add_test(ram, test_malformed);
    tcase_add_test(ram, test_empty);
    tcase_add_test(ram, test_unreadable);
    tcase_add_test(ram, test_huge);
    tcase_add_test(ram, test_missing_root);
    tcase_add_test(ram, test_this_machine);
    suite_add_tcase(s, ram);
    tcase_add_test(gpu, test_amd_none);
    tcase_add_test(gpu, test_amd_one);
    tcase_add_test(gpu, test_amd_two);
    tcase_add_test(gpu, test_amd_wrong_vendor);
    tcase_add_test(gpu, test_nvml_zero);
    tcase_add_test(gpu, test_nvml_one);
    tcase_add_test(gpu, test_nvml_two_plus_amd);
    tcase_add_test(gpu, test_nvml_failures);
    tcase_add_test(gpu, test_nvml_many);
    tcase_add_test(gpu, test_nvml_load_absent);
    suite_add_tcase(s, gpu);
    tcase_add_test(parse, test_parse_meminfo);
    tcase_add_test(parse, test_parse_cgroup_limit);
    tcase_add_test(parse, test_parse_uint_hex);
    tcase_add_test(parse, test_parse_proc_cgroup);
    tcase_add_test(parse, test_parse_name);
    tcase_add_test(parse, test_rootfs_join);
    tcase_add_test(parse, test_hex_id_leading_zeros);
    suite_add_tcase(s, parse);
    tcase_add_test(report, test_report_text);
    tcase_add_test(report, test_report_json);
    tcase_add_test(report, test_report_write_error);
    suite_add_tcase(s, report);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(host_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
