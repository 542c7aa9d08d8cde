/* check_host_gpu.c - unit tests for platform host detection of GPUs: AMD
 * cards through sysfs on fixture trees (tests/fixtures/host/CASE) and NVIDIA
 * ones through a fake NVML, plus loading an absent NVML. Fixtures are found
 * through $TESTS_SRCDIR (set by make check). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "platform/host.h"
#include "platform/nvml.h"
#include "platform/rootfs.h"

#include "check_host.h"

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

static Suite *host_gpu_suite(void)
{
    Suite *s = suite_create("host_gpu");
    TCase *gpu = tcase_create("gpu");

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
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(host_gpu_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
