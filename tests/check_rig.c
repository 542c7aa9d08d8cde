/* check_rig.c - unit tests for model/rig: what --device takes as a rig
 * (rig_is_spec), the parser (every form, every error with the term at
 * fault, never a byte past the NUL), and the rig's views (rig_uniform,
 * rig_gpu_count, rig_as_device, rig_error_text).
 *
 * Capacities are computed here from the nvidia-smi totals data/devices.tsv
 * cites: RTX 3090 24576 MiB, RTX 4090 24564 MiB, H100 SXM 81559 MiB. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "model/devices.h"
#include "model/rig.h"

#define MIB_PER_GIB 1024.0
#define RTX3090_GIB (24576.0 / MIB_PER_GIB)
#define RTX4090_GIB (24564.0 / MIB_PER_GIB)
#define H100_GIB (81559.0 / MIB_PER_GIB)
/* RTX 4090 bandwidth in data/devices.tsv (hardware.tsv), GB/s. */
#define RTX4090_GBS 1008.0
/* A sentinel ngpu that rig_parse must leave alone on an error. */
#define UNTOUCHED 77
/* A device part longer than rig.c's bound (63). */
#define LONG_TERM 100

/* Parses s with the built-in catalog; *at and *len = the term at fault. */
static rig_error parse(const char *s, qs_rig *r, size_t *at, size_t *len)
{
    *at = *len = (size_t)-1;
    return rig_parse(devices_builtin(), s, r, at, len);
}

/* Asserts that s is refused with e at term [at, at + len). */
static void refused(const char *s, rig_error e, size_t at, size_t len)
{
    qs_rig r;
    size_t a, l;

    r.ngpu = UNTOUCHED;
    ck_assert_msg(parse(s, &r, &a, &l) == e, "'%s': %d", s, (int)parse(s, &r, &a, &l));
    ck_assert_msg(a == at && l == len, "'%s': at %zu len %zu", s, a, l);
    ck_assert_int_eq(r.ngpu, UNTOUCHED);
}

START_TEST(test_is_spec)
{
    ck_assert_int_eq(rig_is_spec("2xrtx-3090"), 1);
    ck_assert_int_eq(rig_is_spec("8X24GiB"), 1);
    ck_assert_int_eq(rig_is_spec("16xh100-sxm"), 1);
    ck_assert_int_eq(rig_is_spec("rtx-4090+rtx-3090"), 1);
    ck_assert_int_eq(rig_is_spec("+"), 1);
    ck_assert_int_eq(rig_is_spec("rtx-4090"), 0);
    ck_assert_int_eq(rig_is_spec("24GiB"), 0);
    ck_assert_int_eq(rig_is_spec("2e10"), 0);
    ck_assert_int_eq(rig_is_spec("2x"), 0);
    ck_assert_int_eq(rig_is_spec("2x-"), 0);
    ck_assert_int_eq(rig_is_spec("x2"), 0);
    ck_assert_int_eq(rig_is_spec(""), 0);
    ck_assert_int_eq(rig_is_spec(NULL), 0);
}
END_TEST

START_TEST(test_parse_count)
{
    const char *spec = "2xrtx-3090";
    qs_rig r;
    size_t at, len;
    int i;

    ck_assert_int_eq(parse(spec, &r, &at, &len), RIG_OK);
    ck_assert_int_eq(r.ngpu, 2);
    ck_assert_int_eq(r.nodes, 1);
    ck_assert_ptr_eq(r.label, spec);
    for (i = 0; i < 2; i++) {
        ck_assert_str_eq(r.gpu[i].id, "rtx-3090");
        ck_assert_double_eq(r.gpu[i].capacity_gib, RTX3090_GIB);
        ck_assert_int_eq(r.gpu[i].kind, DEV_KIND_GPU);
    }
    for (i = 0; i < RIG_GPUS_MAX; i++)
        ck_assert_double_eq(r.split[i], 0.0);
    ck_assert_int_eq(rig_gpu_count(&r), 2);
    ck_assert_int_eq(rig_uniform(&r), 1);
}
END_TEST

START_TEST(test_parse_mixed_order)
{
    qs_rig r;
    size_t at, len;

    ck_assert_int_eq(parse("rtx-4090+rtx-3090", &r, &at, &len), RIG_OK);
    ck_assert_int_eq(r.ngpu, 2);
    ck_assert_str_eq(r.gpu[0].id, "rtx-4090");
    ck_assert_double_eq(r.gpu[0].capacity_gib, RTX4090_GIB);
    ck_assert_str_eq(r.gpu[1].id, "rtx-3090");
    ck_assert_double_eq(r.gpu[1].capacity_gib, RTX3090_GIB);
    ck_assert_int_eq(rig_uniform(&r), 0);
    /* Counts and single terms mix, in order. */
    ck_assert_int_eq(parse("rtx-3090+2xrtx-4090", &r, &at, &len), RIG_OK);
    ck_assert_int_eq(r.ngpu, 3);
    ck_assert_str_eq(r.gpu[0].id, "rtx-3090");
    ck_assert_str_eq(r.gpu[1].id, "rtx-4090");
    ck_assert_str_eq(r.gpu[2].id, "rtx-4090");
}
END_TEST

START_TEST(test_parse_big_and_case)
{
    qs_rig r;
    size_t at, len;
    int i;

    ck_assert_int_eq(parse("8xh100-sxm", &r, &at, &len), RIG_OK);
    ck_assert_int_eq(r.ngpu, 8);
    for (i = 0; i < 8; i++) {
        ck_assert_str_eq(r.gpu[i].id, "h100-sxm");
        ck_assert_double_eq(r.gpu[i].capacity_gib, H100_GIB);
        ck_assert_int_eq(r.gpu[i].kind, DEV_KIND_DATACENTER);
    }
    r.nodes = 2;
    ck_assert_int_eq(rig_gpu_count(&r), 16);
    /* Ids in any case, the 'x' in either. */
    ck_assert_int_eq(parse("RTX-4090", &r, &at, &len), RIG_OK);
    ck_assert_int_eq(r.ngpu, 1);
    ck_assert_str_eq(r.gpu[0].id, "rtx-4090");
    ck_assert_int_eq(parse("2XRTX-3090+Rtx-4090", &r, &at, &len), RIG_OK);
    ck_assert_int_eq(r.ngpu, 3);
    ck_assert_str_eq(r.gpu[2].id, "rtx-4090");
    /* The limit itself. */
    ck_assert_int_eq(parse("16xh100-sxm", &r, &at, &len), RIG_OK);
    ck_assert_int_eq(r.ngpu, RIG_GPUS_MAX);
    ck_assert_int_eq(parse("8xh100-sxm+8xa100-80gb", &r, &at, &len), RIG_OK);
    ck_assert_int_eq(r.ngpu, RIG_GPUS_MAX);
    ck_assert_str_eq(r.gpu[15].id, "a100-80gb");
    /* One Mac alone is a rig of one. */
    ck_assert_int_eq(parse("m3-max-64", &r, &at, &len), RIG_OK);
    ck_assert_int_eq(r.ngpu, 1);
    ck_assert_int_eq(r.gpu[0].kind, DEV_KIND_APPLE);
}
END_TEST

START_TEST(test_parse_sizes)
{
    const char *spec = "2x24GiB";
    const char *mixed = "24GiB+rtx-3090";
    qs_rig r;
    size_t at, len;

    ck_assert_int_eq(parse(spec, &r, &at, &len), RIG_OK);
    ck_assert_int_eq(r.ngpu, 2);
    ck_assert_double_eq(r.gpu[0].capacity_gib, 24.0);
    ck_assert_double_eq(r.gpu[1].capacity_gib, 24.0);
    ck_assert_int_eq(r.gpu[0].kind, DEV_KIND_CUSTOM);
    ck_assert_int_eq(r.gpu[0].is_gpu, 1);
    /* A size's name is the whole spec (a term is not NUL-terminated). */
    ck_assert_ptr_eq(r.gpu[0].id, spec);
    ck_assert_ptr_eq(r.gpu[0].name, spec);
    ck_assert_int_eq(rig_uniform(&r), 1);
    ck_assert_int_eq(parse(mixed, &r, &at, &len), RIG_OK);
    ck_assert_int_eq(r.ngpu, 2);
    ck_assert_ptr_eq(r.gpu[0].id, mixed);
    ck_assert_double_eq(r.gpu[0].capacity_gib, 24.0);
    ck_assert_str_eq(r.gpu[1].id, "rtx-3090");
    /* 16 GB decimal = 16e9 / 2^30 GiB. */
    ck_assert_int_eq(parse("24GiB+16GB", &r, &at, &len), RIG_OK);
    ck_assert_double_eq_tol(r.gpu[1].capacity_gib, 16e9 / 1073741824.0, 1e-12);
    /* Both carry the spec as id, but they differ. */
    ck_assert_int_eq(rig_uniform(&r), 0);
}
END_TEST

START_TEST(test_parse_errors)
{
    char longer[LONG_TERM + 1];

    refused("", RIG_ERR_EMPTY, 0, 0);
    refused("+", RIG_ERR_EMPTY, 0, 0);
    refused("++", RIG_ERR_EMPTY, 0, 0);
    refused("rtx-4090+", RIG_ERR_EMPTY, 9, 0);
    refused("rtx-4090++rtx-3090", RIG_ERR_EMPTY, 9, 0);
    refused("+rtx-4090", RIG_ERR_EMPTY, 0, 0);
    refused("0xrtx-3090", RIG_ERR_COUNT, 0, 10);
    refused("17xrtx-3090", RIG_ERR_COUNT, 0, 11);
    refused("02xrtx-3090", RIG_ERR_COUNT, 0, 11);
    refused("rtx-4090+99999999999999999999xrtx-3090", RIG_ERR_COUNT, 9, 29);
    refused("rtx-4090+3xfoo", RIG_ERR_DEVICE, 9, 5);
    refused("2x", RIG_ERR_DEVICE, 0, 2);
    refused("rtx-4090+2x", RIG_ERR_DEVICE, 9, 2);
    refused("2e10", RIG_ERR_DEVICE, 0, 4);
    refused("-2xrtx-3090", RIG_ERR_DEVICE, 0, 11);
    refused("2x 24GiB", RIG_ERR_DEVICE, 0, 8);
    refused("host", RIG_ERR_DEVICE, 0, 4);
    refused("laptop-16gb", RIG_ERR_NOT_GPU, 0, 11);
    refused("rtx-4090+rpi5-8gb", RIG_ERR_NOT_GPU, 9, 8);
    refused("2xm3-max-64", RIG_ERR_NOT_GPU, 0, 11);
    refused("m3-max-64+rtx-4090", RIG_ERR_NOT_GPU, 0, 9);
    refused("rtx-4090+m3-max-64", RIG_ERR_NOT_GPU, 9, 9);
    refused("iphone-15-pro+iphone-15-pro", RIG_ERR_NOT_GPU, 14, 13);
    refused("8xh100-sxm+9xa100-80gb", RIG_ERR_TOO_MANY, 11, 11);
    refused("16xh100-sxm+t4", RIG_ERR_TOO_MANY, 12, 2);
    /* A device part over the bound is no device, whatever it holds. */
    memset(longer, 'a', LONG_TERM);
    longer[LONG_TERM] = '\0';
    refused(longer, RIG_ERR_DEVICE, 0, LONG_TERM);
}
END_TEST

START_TEST(test_parse_null)
{
    qs_rig r;
    size_t at = 5, len = 5;

    r.ngpu = UNTOUCHED;
    ck_assert_int_eq(rig_parse(NULL, NULL, &r, &at, &len), RIG_ERR_EMPTY);
    ck_assert_int_eq(rig_parse(NULL, "rtx-4090", NULL, &at, &len), RIG_ERR_EMPTY);
    ck_assert_int_eq(r.ngpu, UNTOUCHED);
    /* bad_at and bad_len may be NULL; a NULL catalog is the built-in one. */
    ck_assert_int_eq(rig_parse(NULL, "rtx-4090+", &r, NULL, NULL), RIG_ERR_EMPTY);
    ck_assert_int_eq(rig_parse(NULL, "2xrtx-3090", &r, NULL, NULL), RIG_OK);
    ck_assert_int_eq(r.ngpu, 2);
}
END_TEST

/* The bytes after the NUL would make a valid spec if rig_parse read them. */
START_TEST(test_parse_stops_at_nul)
{
    static const char tail_ok[] = "rtx-4090\0+rtx-3090";
    static const char tail_plus[] = "rtx-4090+\0rtx-3090";
    static const char tail_x[] = "2x\0rtx-3090";
    static const char tail_x2[] = "rtx-3090+2x\0rtx-3090";
    const char *const specs[] = { "rtx-4090+", "2x", "rtx-3090+2x" };
    const rig_error want[] = { RIG_ERR_EMPTY, RIG_ERR_DEVICE, RIG_ERR_DEVICE };
    qs_rig r;
    size_t at, len, i;

    ck_assert_int_eq(parse(tail_ok, &r, &at, &len), RIG_OK);
    ck_assert_int_eq(r.ngpu, 1);
    refused(tail_plus, RIG_ERR_EMPTY, 9, 0);
    refused(tail_x, RIG_ERR_DEVICE, 0, 2);
    refused(tail_x2, RIG_ERR_DEVICE, 9, 2);
    /* Exactly sized heap copies: a read past the NUL is a sanitizer error. */
    for (i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        size_t n = strlen(specs[i]) + 1;
        char *s = malloc(n);

        ck_assert_ptr_nonnull(s);
        memcpy(s, specs[i], n);
        ck_assert_int_eq(parse(s, &r, &at, &len), want[i]);
        ck_assert_int_eq(rig_is_spec(s), i != 1);
        free(s);
    }
}
END_TEST

START_TEST(test_as_device)
{
    const char *spec = "rtx-4090+rtx-3090";
    qs_rig r;
    qs_device d;
    size_t at, len;

    ck_assert_int_eq(parse(spec, &r, &at, &len), RIG_OK);
    ck_assert_int_eq(rig_as_device(&r, &d), 0);
    ck_assert_ptr_eq(d.id, spec);
    ck_assert_ptr_eq(d.name, spec);
    ck_assert_double_eq(d.capacity_gib, (24564.0 + 24576.0) / MIB_PER_GIB);
    ck_assert_double_eq(d.bandwidth_gbps, RTX4090_GBS);
    ck_assert_int_eq(d.kind, DEV_KIND_GPU);
    ck_assert_int_eq(d.is_gpu, 1);
    ck_assert_double_eq(d.gpu_share, 1.0);
    /* Times the machines. */
    ck_assert_int_eq(parse("8xh100-sxm", &r, &at, &len), RIG_OK);
    r.nodes = 2;
    ck_assert_int_eq(rig_as_device(&r, &d), 0);
    ck_assert_double_eq(d.capacity_gib, 16.0 * 81559.0 / MIB_PER_GIB);
    ck_assert_int_eq(d.kind, DEV_KIND_DATACENTER);
    /* Bandwidth and compute are the first GPU's. */
    memset(&r, 0, sizeof r);
    r.label = "mine";
    r.ngpu = 2;
    r.nodes = 1;
    r.gpu[0].capacity_gib = 10.0;
    r.gpu[0].bandwidth_gbps = 500.0;
    r.gpu[0].tflops = 100.0;
    r.gpu[0].gpu_share = 1.0;
    r.gpu[1].capacity_gib = 6.0;
    r.gpu[1].bandwidth_gbps = 900.0;
    r.gpu[1].tflops = 300.0;
    ck_assert_int_eq(rig_as_device(&r, &d), 0);
    ck_assert_double_eq(d.capacity_gib, 16.0);
    ck_assert_double_eq(d.bandwidth_gbps, 500.0);
    ck_assert_double_eq(d.tflops, 100.0);
    ck_assert_str_eq(d.id, "mine");
    /* Refusals. */
    ck_assert_int_eq(rig_as_device(NULL, &d), -1);
    ck_assert_int_eq(rig_as_device(&r, NULL), -1);
    r.nodes = 0;
    ck_assert_int_eq(rig_as_device(&r, &d), -1);
    r.nodes = 1;
    r.ngpu = 0;
    ck_assert_int_eq(rig_as_device(&r, &d), -1);
}
END_TEST

START_TEST(test_uniform_and_one)
{
    qs_rig r;
    size_t at, len;
    const qs_device *g = devices_find("rtx-4090");

    ck_assert_int_eq(parse("rtx-3090+RTX-3090", &r, &at, &len), RIG_OK);
    ck_assert_int_eq(rig_uniform(&r), 1);
    ck_assert_int_eq(parse("3xrtx-3090+rtx-4090", &r, &at, &len), RIG_OK);
    ck_assert_int_eq(rig_uniform(&r), 0);
    ck_assert_int_eq(rig_uniform(NULL), 0);
    /* Ids compare ignoring case (a user row may spell one differently). */
    r.gpu[0].id = "rtx-3090";
    r.gpu[1].id = "RTX-3090";
    r.gpu[1].capacity_gib = r.gpu[0].capacity_gib;
    r.ngpu = 2;
    ck_assert_int_eq(rig_uniform(&r), 1);
    r.gpu[1].id = "rtx-3090x";
    ck_assert_int_eq(rig_uniform(&r), 0);
    ck_assert_int_eq(rig_gpu_count(NULL), 0);
    ck_assert_ptr_nonnull(g);
    ck_assert_int_eq(rig_of_device(g, &r), 0);
    ck_assert_int_eq(r.ngpu, 1);
    ck_assert_int_eq(r.nodes, 1);
    ck_assert_str_eq(r.label, "rtx-4090");
    ck_assert_double_eq(r.gpu[0].capacity_gib, RTX4090_GIB);
    ck_assert_int_eq(rig_uniform(&r), 1);
    ck_assert_int_eq(rig_of_device(NULL, &r), -1);
    ck_assert_int_eq(rig_of_device(g, NULL), -1);
}
END_TEST

START_TEST(test_error_text)
{
    ck_assert_str_eq(rig_error_text(RIG_OK), "");
    ck_assert_str_eq(rig_error_text(RIG_ERR_EMPTY), "empty part between '+'");
    ck_assert_str_eq(rig_error_text(RIG_ERR_COUNT), "count must be 1 to 16");
    ck_assert_str_eq(rig_error_text(RIG_ERR_DEVICE),
                     "is not a device of the catalog or a size (24GiB)");
    ck_assert_str_eq(rig_error_text(RIG_ERR_NOT_GPU),
                     "cannot be part of a rig (a laptop, board or this machine's RAM is not "
                     "a GPU; a Mac or phone is one device: several are --nodes)");
    ck_assert_str_eq(rig_error_text(RIG_ERR_TOO_MANY), "more than 16 GPUs in one machine");
}
END_TEST

static Suite *rig_suite(void)
{
    Suite *s = suite_create("rig");
    TCase *p = tcase_create("parse");
    TCase *v = tcase_create("views");

    tcase_add_test(p, test_is_spec);
    tcase_add_test(p, test_parse_count);
    tcase_add_test(p, test_parse_mixed_order);
    tcase_add_test(p, test_parse_big_and_case);
    tcase_add_test(p, test_parse_sizes);
    tcase_add_test(p, test_parse_errors);
    tcase_add_test(p, test_parse_null);
    tcase_add_test(p, test_parse_stops_at_nul);
    suite_add_tcase(s, p);
    tcase_add_test(v, test_as_device);
    tcase_add_test(v, test_uniform_and_one);
    tcase_add_test(v, test_error_text);
    suite_add_tcase(s, v);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(rig_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
