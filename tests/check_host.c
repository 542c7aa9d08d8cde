/* check_host.c - unit tests for platform host detection of RAM and cgroup
 * limits on fixture trees (tests/fixtures/host/CASE) and on this machine,
 * and the --host reports. GPUs are in check_host_gpu.c, the parsers in
 * check_host_parse.c. Fixtures are found through $TESTS_SRCDIR (set by
 * make check). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/report_host.h"
#include "platform/host.h"
#include "platform/nvml.h"
#include "platform/rootfs.h"

#include "check_host.h"

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

static Suite *host_suite(void)
{
    Suite *s = suite_create("host");
    TCase *ram = tcase_create("ram");
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
