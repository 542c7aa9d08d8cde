/* check_host_parse.c - unit tests for platform/host_parse (meminfo, cgroup
 * limits, whole numbers and hexadecimal ids, /proc/self/cgroup, names) and
 * rootfs_join, on strings in memory. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "platform/host_parse.h"
#include "platform/rootfs.h"

#define KIB 1024.0

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

static Suite *host_parse_suite(void)
{
    Suite *s = suite_create("host_parse");
    TCase *parse = tcase_create("parse");

    tcase_add_test(parse, test_parse_meminfo);
    tcase_add_test(parse, test_parse_cgroup_limit);
    tcase_add_test(parse, test_parse_uint_hex);
    tcase_add_test(parse, test_parse_proc_cgroup);
    tcase_add_test(parse, test_parse_name);
    tcase_add_test(parse, test_rootfs_join);
    tcase_add_test(parse, test_hex_id_leading_zeros);
    suite_add_tcase(s, parse);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(host_parse_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
