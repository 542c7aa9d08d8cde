/* check_hostdev.c - unit tests for cli/hostdev: this machine as devices
 * for the fit (its RAM first, then each GPU, never summed). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/hostdev.h"
#include "model/memory.h"

static host_info info_with(double ram_available, int ngpus)
{
    host_info info;
    int i;

    memset(&info, 0, sizeof info);
    info.ram_total_bytes = 32.0 * MEMORY_BYTES_PER_GIB;
    info.ram_available_bytes = ram_available;
    info.usable_bytes = ram_available;
    for (i = 0; i < ngpus; i++) {
        info.gpus[i].vendor = i == 0 ? HOST_GPU_NVIDIA : HOST_GPU_AMD;
        info.gpus[i].index = i;
        snprintf(info.gpus[i].name, sizeof info.gpus[i].name, "Card %d", i);
        info.gpus[i].total_bytes = (i + 1) * 8.0 * MEMORY_BYTES_PER_GIB;
        info.gpus[i].free_bytes = HOST_UNKNOWN;
    }
    info.n_gpus = ngpus;
    return info;
}

START_TEST(test_ram_only)
{
    host_info info = info_with(20.0 * MEMORY_BYTES_PER_GIB, 0);
    hostdev_set set;

    ck_assert_uint_eq(hostdev_from_info(&info, &set), 1);
    ck_assert_str_eq(set.devs[0].id, "host");
    ck_assert_str_eq(set.devs[0].name, "this machine (RAM)");
    ck_assert_str_eq(set.devs[0].name, DEVICES_HOST_LABEL);
    ck_assert_int_eq(set.devs[0].kind, DEV_KIND_HOST);
    ck_assert_int_eq(set.devs[0].is_gpu, 0);
    ck_assert(set.devs[0].capacity_gib == 20.0);
    ck_assert(set.ram_gib == 20.0);
}
END_TEST

START_TEST(test_gpus_one_by_one)
{
    host_info info = info_with(20.0 * MEMORY_BYTES_PER_GIB, 2);
    hostdev_set set;

    ck_assert_uint_eq(hostdev_from_info(&info, &set), 3);
    ck_assert_str_eq(set.devs[1].id, "gpu0");
    ck_assert_str_eq(set.devs[1].name, "GPU 0: Card 0");
    ck_assert(set.devs[1].capacity_gib == 8.0);
    ck_assert_int_eq(set.devs[1].is_gpu, 1);
    ck_assert_int_eq(set.devs[1].kind, DEV_KIND_GPU);
    ck_assert(set.devs[1].gpu_share == 1.0);
    ck_assert(set.devs[1].bandwidth_gbps == 0.0);
    ck_assert_str_eq(set.devs[2].id, "gpu1");
    ck_assert(set.devs[2].capacity_gib == 16.0);      /* not 24: never summed */
    ck_assert(set.devs[1].bandwidth_gbps == 0.0);     /* an unknown card */
}
END_TEST

START_TEST(test_known_gpu_gets_bandwidth)
{
    host_info info = info_with(20.0 * MEMORY_BYTES_PER_GIB, 1);
    hostdev_set set;

    snprintf(info.gpus[0].name, sizeof info.gpus[0].name, "NVIDIA H100 80GB HBM3");
    info.gpus[0].total_bytes = 85520809984.0;         /* as NVML reported it */
    ck_assert_uint_eq(hostdev_from_info(&info, &set), 2);
    ck_assert(set.devs[1].capacity_gib == 85520809984.0 / MEMORY_BYTES_PER_GIB);
    ck_assert(set.devs[1].bandwidth_gbps == devices_find("h100-sxm")->bandwidth_gbps);
    /* and its compute (989 dense BF16 TFLOPS, data/devices.tsv) and kind,
     * so its default runtime is a data-centre GPU's */
    ck_assert(set.devs[1].tflops == 989.0);
    ck_assert_int_eq(set.devs[1].kind, DEV_KIND_DATACENTER);
}
END_TEST

START_TEST(test_unknown_ram_and_empty_gpu)
{
    host_info info = info_with(HOST_UNKNOWN, 2);
    hostdev_set set;

    info.ram_total_bytes = HOST_UNKNOWN;
    info.usable_bytes = HOST_UNKNOWN;
    info.gpus[0].total_bytes = 0.0;                 /* a GPU that reported nothing */
    ck_assert_uint_eq(hostdev_from_info(&info, &set), 1);
    ck_assert_str_eq(set.devs[0].id, "gpu1");
    ck_assert(set.ram_gib == 0.0);
    ck_assert(hostdev_ram_gib(&info) == 0.0);
    ck_assert(hostdev_ram_gib(NULL) == 0.0);
    ck_assert_uint_eq(hostdev_from_info(NULL, &set), 0);
}
END_TEST

START_TEST(test_ram_gib)
{
    host_info info = info_with(12.5 * MEMORY_BYTES_PER_GIB, 0);

    ck_assert(hostdev_ram_gib(&info) == 12.5);
    info.usable_bytes = 3.0 * MEMORY_BYTES_PER_GIB;      /* a cgroup cap below MemAvailable */
    ck_assert(hostdev_ram_gib(&info) == 3.0);
    info.usable_bytes = 0.0;
    ck_assert(hostdev_ram_gib(&info) == 0.0);
}
END_TEST

/* Two GPUs are one rig row after the RAM, one GPU is itself, none adds
 * the RAM alone; the plan answers the rig GPU by GPU. */
START_TEST(test_host_rig)
{
    host_info info = info_with(20.0 * MEMORY_BYTES_PER_GIB, 2);
    hostdev_set set;
    qs_query q;
    qs_rig tmp;
    const qs_rig *r;

    ck_assert_uint_eq(hostdev_from_info(&info, &set), 3);
    query_init(&q);
    ck_assert_int_eq(hostdev_add_to_query(&q, &set), 0);
    ck_assert_uint_eq(q.ndevices, 2);
    ck_assert_uint_eq(q.nhost, 2);
    ck_assert_str_eq(q.devices[0].id, "host");
    ck_assert_str_eq(q.devices[1].id, HOSTDEV_RIG_LABEL);
    /* The row holds both GPUs' memory: 8 + 16 GiB. */
    ck_assert(q.devices[1].capacity_gib == 24.0);
    r = query_rig(&q, 1, &tmp);
    ck_assert_int_eq(r->ngpu, 2);
    ck_assert_int_eq(r->nodes, 1);
    ck_assert(r->gpu[0].capacity_gib == 8.0);
    ck_assert(r->gpu[1].capacity_gib == 16.0);
    /* A named target stays behind this machine's rows. */
    ck_assert_int_eq(query_add_device(&q, devices_find("rtx-4090"), 0), 0);
    ck_assert_str_eq(q.devices[2].id, "rtx-4090");
    ck_assert_int_eq(query_rig(&q, 2, &tmp)->ngpu, 1);
    /* One GPU: a row of its own. */
    info = info_with(20.0 * MEMORY_BYTES_PER_GIB, 1);
    ck_assert_uint_eq(hostdev_from_info(&info, &set), 2);
    query_init(&q);
    ck_assert_int_eq(hostdev_add_to_query(&q, &set), 0);
    ck_assert_uint_eq(q.ndevices, 2);
    ck_assert_str_eq(q.devices[1].id, "gpu0");
    ck_assert_int_eq(q.rigs[1].ngpu, 0);
}
END_TEST

static Suite *hostdev_suite(void)
{
    Suite *s = suite_create("hostdev");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_ram_only);
    tcase_add_test(tc, test_ram_gib);
    tcase_add_test(tc, test_gpus_one_by_one);
    tcase_add_test(tc, test_known_gpu_gets_bandwidth);
    tcase_add_test(tc, test_unknown_ram_and_empty_gpu);
    tcase_add_test(tc, test_host_rig);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(hostdev_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
