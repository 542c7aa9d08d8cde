/* check_devices_user.c - unit tests for a user's own devices: the devices
 * catalog object (model/devices: user rows before the built-in table, a
 * user row replacing a built-in id), the files that hold them
 * (cli/catalog_file: device rows told from model rows, FILE:LINE errors)
 * and --device finding them (cli/optval through options_resolve). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/catalog_file.h"
#include "cli/options.h"
#include "model/device_row.h"
#include "model/devices.h"
#include "model/devices_data.h"
#include "model/models.h"

/* Two user rows: a new device, and one of a built-in id (rtx-4090, 24564
 * MiB there) with another capacity. */
#define ROW_MINE "my-gpu\tMy GPU\tgpu\tmemory_gib=20\tbandwidth_gbs=500\ttflops=150" \
                 "\tmatch=My Card\tverified=0\tsource=my notes"
#define ROW_4090 "rtx-4090\tMy 4090\tgpu\tmemory_mib=16384\tverified=1\tsource=mine"
#define NUSER 2
/* 1 when string s starts with the literal p. */
#define STARTS(s, p) (strncmp((s), (p), sizeof(p) - 1) == 0)
/* Enough words for any command line below. */
#define MAX_ARGS 16

static device_row rows[NUSER];
static devices_data_row user[NUSER];
static devices_catalog cat;

/* cat = the two rows before the built-in table. */
static void setup_user(void)
{
    static const char *const lines[NUSER] = { ROW_MINE, ROW_4090 };
    char err[DEVICE_ROW_ERR_SIZE];
    size_t i;

    for (i = 0; i < NUSER; i++) {
        ck_assert_msg(device_row_parse(lines[i], strlen(lines[i]), &rows[i], err, sizeof err)
                          == 0, "%s", err);
        ck_assert_int_eq(devices_from_row(&rows[i], &user[i]), 0);
    }
    devices_catalog_init(&cat, user, NUSER);
}

/* The index in the built-in table of id, or devices_data_count. */
static size_t builtin_index(const char *id)
{
    size_t i;

    for (i = 0; i < devices_data_count; i++)
        if (strcmp(devices_data[i].dev.id, id) == 0)
            break;
    return i;
}

START_TEST(test_builtin_alone)
{
    devices_catalog c;
    size_t i;

    devices_catalog_init(&c, NULL, 0);
    ck_assert_uint_eq(devices_catalog_count(&c), devices_data_count);
    ck_assert_uint_eq(devices_catalog_count(NULL), devices_data_count);
    ck_assert_uint_eq(devices_catalog_count(devices_builtin()), devices_data_count);
    for (i = 0; i < devices_data_count; i++) {
        ck_assert_ptr_eq(devices_catalog_get(&c, i), &devices_data[i].dev);
        ck_assert_ptr_eq(devices_catalog_row(NULL, i), &devices_data[i]);
        ck_assert_int_eq(devices_catalog_user(&c, i), 0);
    }
    ck_assert_ptr_null(devices_catalog_get(&c, devices_data_count));
    /* A count without rows keeps none; the count is capped. */
    devices_catalog_init(&c, NULL, 3);
    ck_assert_uint_eq(c.nuser, 0);
    devices_catalog_init(&c, devices_data, DEVICES_USER_MAX + 1);
    ck_assert_uint_eq(c.nuser, DEVICES_USER_MAX);
    devices_catalog_init(NULL, NULL, 0);
    ck_assert_int_eq(devices_from_row(NULL, &user[0]), -1);
    ck_assert_int_eq(devices_from_row(&rows[0], NULL), -1);
}
END_TEST

START_TEST(test_user_rows_first)
{
    size_t i, n, k4090 = builtin_index("rtx-4090");
    const devices_data_row *r;

    setup_user();
    ck_assert_uint_lt(k4090, devices_data_count);
    /* Two rows of the user's, one built-in row replaced. */
    n = devices_catalog_count(&cat);
    ck_assert_uint_eq(n, devices_data_count + 1);
    ck_assert_str_eq(devices_catalog_get(&cat, 0)->id, "my-gpu");
    ck_assert_str_eq(devices_catalog_get(&cat, 0)->name, "My GPU");
    ck_assert(devices_catalog_get(&cat, 0)->capacity_gib == 20.0);
    ck_assert(devices_catalog_get(&cat, 0)->bandwidth_gbps == 500.0);
    ck_assert(devices_catalog_get(&cat, 0)->tflops == 150.0);
    ck_assert_str_eq(devices_catalog_get(&cat, 1)->id, "rtx-4090");
    ck_assert(devices_catalog_get(&cat, 1)->capacity_gib == 16.0);
    /* The user's row replaces the built-in one whole: no tflops there (the
     * built-in rtx-4090 has 165). */
    ck_assert(devices_catalog_get(&cat, 1)->tflops == 0.0);
    ck_assert(devices_find("rtx-4090")->tflops == 165.0);
    ck_assert_int_eq(devices_catalog_user(&cat, 0), 1);
    ck_assert_int_eq(devices_catalog_user(&cat, 1), 1);
    ck_assert_int_eq(devices_catalog_user(&cat, 2), 0);
    ck_assert_int_eq(devices_catalog_user(&cat, n), 0);
    r = devices_catalog_row(&cat, 0);
    ck_assert_str_eq(r->source, "my notes");
    ck_assert_str_eq(r->match, "My Card");
    ck_assert_int_eq(r->verified, 0);
    ck_assert_int_eq(devices_catalog_row(&cat, 1)->verified, 1);
    /* Then the built-in rows in table order, without the replaced one. */
    for (i = 2; i < n; i++) {
        size_t k = i - 2 + (i - 2 >= k4090);

        ck_assert_ptr_eq(devices_catalog_get(&cat, i), &devices_data[k].dev);
    }
    ck_assert_ptr_null(devices_catalog_get(&cat, n));
    ck_assert_ptr_null(devices_catalog_row(&cat, n));
    /* The built-in table alone is unchanged. */
    ck_assert(devices_find("rtx-4090")->capacity_gib == 24564.0 / 1024);
    ck_assert_uint_eq(devices_count(), devices_data_count);
}
END_TEST

/* A user's Apple rows follow macOS's rule as the built-in ones do (2/3 up
 * to 36 GiB, 3/4 above), unless they give a share; --apple-share replaces
 * either. By hand: 2/3 x 16 = 10.6667 GiB, 3/4 x 48 = 36, 0.9 x 16 = 14.4. */
START_TEST(test_user_apple_rule)
{
    static const char *const lines[] = {
        "my-mac\tMy Mac\tapple\tmemory_gib=16\tverified=0\tsource=mine",
        "big-mac\tBig Mac\tapple\tmemory_gib=48\tverified=0\tsource=mine",
        "wired-mac\tWired Mac\tapple\tmemory_gib=16\tshare=0.9\tverified=0"
        "\tsource=iogpu.wired_limit_mb",
    };
    static device_row r[3];
    static devices_data_row u[3];
    devices_catalog c;
    char err[DEVICE_ROW_ERR_SIZE];
    size_t i;

    for (i = 0; i < 3; i++) {
        ck_assert_msg(device_row_parse(lines[i], strlen(lines[i]), &r[i], err, sizeof err) == 0,
                      "%s", err);
        ck_assert_int_eq(devices_from_row(&r[i], &u[i]), 0);
    }
    devices_catalog_init(&c, u, 3);
    ck_assert(fabs(devices_usable_gib(devices_catalog_find(&c, "my-mac"), 0.0) - 10.6667)
              < 1e-4);
    ck_assert(devices_usable_gib(devices_catalog_find(&c, "big-mac"), 0.0) == 36.0);
    ck_assert(fabs(devices_usable_gib(devices_catalog_find(&c, "wired-mac"), 0.0) - 14.4)
              < 1e-12);
    ck_assert(devices_share(devices_catalog_find(&c, "my-mac"), 0.0) == 2.0 / 3.0);
    ck_assert(devices_share(devices_catalog_find(&c, "wired-mac"), 0.0) == 0.9);
    ck_assert(devices_share(devices_catalog_find(&c, "wired-mac"), 0.5) == 0.5);
    ck_assert(devices_share(devices_catalog_find(&c, "big-mac"), 1.0) == 1.0);
}
END_TEST

START_TEST(test_user_find_resolve)
{
    qs_device d;

    setup_user();
    ck_assert_ptr_eq(devices_catalog_find(&cat, "MY-GPU"), &user[0].dev);
    ck_assert_ptr_eq(devices_catalog_find(&cat, "rtx-4090"), &user[1].dev);
    ck_assert_ptr_eq(devices_catalog_find(&cat, "h100-sxm"), devices_find("h100-sxm"));
    ck_assert_ptr_null(devices_catalog_find(&cat, "my gpu"));
    ck_assert_ptr_null(devices_catalog_find(&cat, NULL));
    ck_assert_ptr_null(devices_catalog_find(NULL, "my-gpu"));

    ck_assert_int_eq(devices_catalog_resolve(&cat, "My-Gpu", &d), 0);
    ck_assert_str_eq(d.id, "my-gpu");
    ck_assert(d.capacity_gib == 20.0);
    ck_assert_int_eq(d.kind, DEV_KIND_GPU);
    ck_assert_int_eq(devices_catalog_resolve(&cat, "rtx-4090", &d), 0);
    ck_assert(d.capacity_gib == 16.0);
    ck_assert_int_eq(devices_catalog_resolve(&cat, "24GiB", &d), 0);
    ck_assert_int_eq(d.kind, DEV_KIND_CUSTOM);
    ck_assert(d.capacity_gib == 24.0);
    ck_assert_int_eq(devices_catalog_resolve(&cat, "no-such", &d), -1);
    ck_assert_int_eq(devices_catalog_resolve(&cat, NULL, &d), -1);
    ck_assert_int_eq(devices_catalog_resolve(&cat, "my-gpu", NULL), -1);
    ck_assert_int_eq(devices_resolve("my-gpu", &d), -1);
}
END_TEST

START_TEST(test_user_suggest)
{
    const qs_device *out[4];
    size_t n;

    setup_user();
    n = devices_catalog_suggest(&cat, "my-gp", out, 4);
    ck_assert_uint_ge(n, 1);
    ck_assert_ptr_eq(out[0], &user[0].dev);
    /* The user's rtx-4090 is offered, not the built-in one it replaces. */
    n = devices_catalog_suggest(&cat, "rtx4090", out, 3);
    ck_assert_uint_ge(n, 1);
    ck_assert_ptr_eq(out[0], &user[1].dev);
    ck_assert_uint_eq(devices_catalog_suggest(&cat, "my-gp", out, 0), 0);
    ck_assert_uint_eq(devices_catalog_suggest(&cat, "my-gp", NULL, 4), 0);
    ck_assert_uint_eq(devices_catalog_suggest(&cat, NULL, out, 4), 0);
    /* The built-in table alone knows no my-gpu. */
    n = devices_suggest("my-gp", out, 4);
    while (n-- > 0)
        ck_assert_str_ne(out[n]->id, "my-gpu");
}
END_TEST

START_TEST(test_user_match_name)
{
    setup_user();
    ck_assert_ptr_eq(devices_catalog_match_name(&cat, "ACME my card 2"), &user[0].dev);
    /* The built-in rtx-4090 matched this name; the user's row replaced it
     * and has no pattern. */
    ck_assert_str_eq(devices_match_name("NVIDIA GeForce RTX 4090")->id, "rtx-4090");
    ck_assert_ptr_null(devices_catalog_match_name(&cat, "NVIDIA GeForce RTX 4090"));
    ck_assert_ptr_eq(devices_catalog_match_name(&cat, "NVIDIA H100 80GB HBM3"),
                     devices_find("h100-sxm"));
    ck_assert_ptr_null(devices_catalog_match_name(&cat, NULL));
}
END_TEST

/* ---- files ---------------------------------------------------------------- */

#define IS_DEV(s) catalog_file_is_device_row((s), strlen(s))

START_TEST(test_is_device_row)
{
    ck_assert_int_eq(IS_DEV(ROW_MINE), 1);
    ck_assert_int_eq(IS_DEV(ROW_4090 "\r\n"), 1);
    ck_assert_int_eq(IS_DEV("d\tD\tgpu\tverified=0\tmemory_bytes=1"), 1);
    /* A kind and no capacity: a device row, so that it is told what is
     * missing. */
    ck_assert_int_eq(IS_DEV("d\tD\tboard\tverified=0\tsource=x"), 1);
    /* A model row: a family, layers. */
    ck_assert_int_eq(IS_DEV("a\tA\tllama\tlayers=2\thidden=64\theads=1"), 0);
    ck_assert_int_eq(IS_DEV("a\tA\tgpu\tlayers=2\thidden=64\theads=1"), 0);
    ck_assert_int_eq(IS_DEV("a\tA\tllama\thidden=64"), 0);
    /* The capacity key decides, wherever it is; a value is not a key. */
    ck_assert_int_eq(IS_DEV("a\tA\tllama\tlayers=2\tmemory_gib=1"), 1);
    ck_assert_int_eq(IS_DEV("a\tA\tllama\tsource=memory_gib=1"), 0);
    ck_assert_int_eq(IS_DEV("memory_gib=1\tA\tllama\tlayers=1"), 0);
    ck_assert_int_eq(IS_DEV("a\tA\tllama\tmemory_gibx=1"), 0);
    ck_assert_int_eq(IS_DEV("a\tA\tGPU\tsource=x"), 0);
    ck_assert_int_eq(IS_DEV(""), 0);
    ck_assert_int_eq(IS_DEV("a\tA\tgpu\t"), 1);
    ck_assert_int_eq(catalog_file_is_device_row(NULL, 0), 0);
}
END_TEST

static char path[64];

/* A temporary file holding text; its path in `path`. */
static void write_file(const char *text)
{
    FILE *fp;
    int fd;

    (void)snprintf(path, sizeof path, "/tmp/qs-devuser.XXXXXX");
    fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    fp = fdopen(fd, "w");
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_ge(fputs(text, fp), 0);
    ck_assert_int_eq(fclose(fp), 0);
}

/* Loads text as a file of `kinds`; the message (with the path cut off)
 * in msg. */
static int load_text(catalog_file_set *set, const char *text, unsigned kinds, char *msg,
                     size_t size)
{
    char err[CATALOG_FILE_ERR_SIZE];
    int rc;

    write_file(text);
    rc = catalog_file_load_kinds(set, path, 0, kinds, err, sizeof err);
    ck_assert_int_eq(unlink(path), 0);
    msg[0] = '\0';
    if (rc != 0) {
        ck_assert(strncmp(err, path, strlen(path)) == 0);
        (void)snprintf(msg, size, "%s", err + strlen(path));
    }
    return rc;
}

START_TEST(test_file_mixed)
{
    catalog_file_set set;
    char msg[CATALOG_FILE_ERR_SIZE];

    catalog_file_init(&set);
    ck_assert_uint_eq(devices_catalog_count(&set.devices), devices_data_count);
    ck_assert_int_eq(load_text(&set, "# mine\n\n" ROW_MINE "\n"
                               "toy\tToy\tllama\tlayers=1\thidden=64\theads=1\tffn=64"
                               "\tvocab=10\tctx=2048\tverified=0\tsource=x\n" ROW_4090 "\r\n",
                               CATALOG_FILE_KIND_ANY, msg, sizeof msg), 0);
    ck_assert_uint_eq(set.n, 1);
    ck_assert_uint_eq(set.ndevs, 2);
    ck_assert_str_eq(models_get(&set.catalog, 0)->id, "toy");
    ck_assert_str_eq(devices_catalog_get(&set.devices, 0)->id, "my-gpu");
    ck_assert(devices_catalog_find(&set.devices, "rtx-4090")->capacity_gib == 16.0);
    ck_assert_uint_eq(devices_catalog_count(&set.devices), devices_data_count + 1);
    /* A second file: an id given again is refused, and the set keeps what
     * it had. */
    ck_assert_int_eq(load_text(&set, ROW_MINE "\n", CATALOG_FILE_KIND_DEVICES, msg,
                               sizeof msg), -1);
    ck_assert_str_eq(msg, ":1: duplicate id 'my-gpu'");
    ck_assert_uint_eq(set.ndevs, 2);
    ck_assert_uint_eq(set.devices.nuser, 2);
    catalog_file_free(&set);
    ck_assert_uint_eq(set.ndevs, 0);
    ck_assert_uint_eq(devices_catalog_count(&set.devices), devices_data_count);
}
END_TEST

START_TEST(test_file_refused)
{
    catalog_file_set set;
    char msg[CATALOG_FILE_ERR_SIZE];

    catalog_file_init(&set);
    ck_assert_int_eq(load_text(&set, "# c\n" ROW_MINE "\nd\tD\tgpu\tmemory_gib=1\tbandwith=1"
                               "\tverified=0\tsource=x\n", CATALOG_FILE_KIND_ANY, msg,
                               sizeof msg), -1);
    ck_assert_str_eq(msg, ":3: unknown key 'bandwith'");
    /* Nothing of a refused file is kept. */
    ck_assert_uint_eq(set.ndevs, 0);
    ck_assert_uint_eq(set.devices.nuser, 0);
    ck_assert_int_eq(load_text(&set, "d\tD\tgpu\tmemory_gib=1\tshare=1\tshare=1\tverified=0"
                               "\tsource=x\n", CATALOG_FILE_KIND_ANY, msg, sizeof msg), -1);
    ck_assert_str_eq(msg, ":1: duplicate key 'share'");
    ck_assert_int_eq(load_text(&set, "d\tD\tgpu\tmemory_gib=1\tverified=0\n",
                               CATALOG_FILE_KIND_ANY, msg, sizeof msg), -1);
    ck_assert_str_eq(msg, ":1: missing field 'source'");
    ck_assert_int_eq(load_text(&set, "d\tD\ttpu\tmemory_gib=1\tverified=0\tsource=x\n",
                               CATALOG_FILE_KIND_ANY, msg, sizeof msg), -1);
    ck_assert(STARTS(msg, ":1: kind: expected gpu, datacenter, apple"));
    ck_assert_int_eq(load_text(&set, ROW_MINE "\n" ROW_MINE "\n", CATALOG_FILE_KIND_ANY, msg,
                               sizeof msg), -1);
    ck_assert_str_eq(msg, ":2: duplicate id 'my-gpu'");
    /* In a devices-only file every row is a device row. */
    ck_assert_int_eq(load_text(&set, "toy\tToy\tllama\tlayers=1\tverified=0\tsource=x\n",
                               CATALOG_FILE_KIND_DEVICES, msg, sizeof msg), -1);
    ck_assert(STARTS(msg, ":1: kind: expected"));
    /* A models-only file reads a device row as a model row. */
    ck_assert_int_eq(load_text(&set, ROW_MINE "\n", CATALOG_FILE_KIND_MODELS, msg, sizeof msg),
                     -1);
    ck_assert(STARTS(msg, ":1: "));
    ck_assert_uint_eq(set.ndevs, 0);
    catalog_file_free(&set);
}
END_TEST

/* ---- --device ------------------------------------------------------------- */

/* Parses the NULL-terminated words with cat as the devices catalog. */
static int parse_words(options *o, const char *const *words, char *err, size_t size)
{
    char *argv[MAX_ARGS + 1];
    int argc = 0;

    argv[argc++] = (char *)"quantscope";
    while (*words != NULL && argc < MAX_ARGS)
        argv[argc++] = (char *)*words++;
    argv[argc] = NULL;
    err[0] = '\0';
    if (options_parse(argc, argv, o, err, size) != 0)
        return -1;
    o->query.device_catalog = &cat;
    return options_resolve(o, models_builtin(), err, size);
}

#define PARSE(o, err, ...) parse_words((o), (const char *const[]){ __VA_ARGS__, NULL }, \
                                       (err), sizeof (err))

START_TEST(test_option_device)
{
    static options o;
    char err[OPTIONS_ERROR_SIZE];

    setup_user();
    ck_assert_msg(PARSE(&o, err, "--device", "24GiB", "--device", "My-GPU", "--device",
                        "rtx-4090", "--device", "h100-sxm") == 0, "%s", err);
    ck_assert_uint_eq(o.query.ndevices, 4);
    ck_assert(o.query.devices[0].capacity_gib == 24.0);
    ck_assert_int_eq(o.query.devices[0].kind, DEV_KIND_CUSTOM);
    ck_assert_str_eq(o.query.devices[1].id, "my-gpu");
    ck_assert(o.query.devices[1].capacity_gib == 20.0);
    ck_assert(o.query.devices[1].bandwidth_gbps == 500.0);
    /* The user's rtx-4090, not the built-in one. */
    ck_assert(o.query.devices[2].capacity_gib == 16.0);
    ck_assert_str_eq(o.query.devices[2].name, "My 4090");
    ck_assert(o.query.devices[3].capacity_gib == devices_find("h100-sxm")->capacity_gib);
    /* An unknown name: the user's ids are offered too. */
    ck_assert_int_eq(PARSE(&o, err, "--device", "my-gpx"), -1);
    ck_assert_msg(STARTS(err, "unknown device 'my-gpx' (did you mean my-gpu"), "%s",
                  err);
    /* Without the user's catalog the name is unknown. */
    devices_catalog_init(&cat, NULL, 0);
    ck_assert_int_eq(PARSE(&o, err, "--device", "my-gpu"), -1);
    ck_assert(STARTS(err, "unknown device 'my-gpu'"));
}
END_TEST

static Suite *devices_user_suite(void)
{
    Suite *s = suite_create("devices_user");
    TCase *catalog = tcase_create("catalog");
    TCase *files = tcase_create("files");

    tcase_add_test(catalog, test_builtin_alone);
    tcase_add_test(catalog, test_user_rows_first);
    tcase_add_test(catalog, test_user_apple_rule);
    tcase_add_test(catalog, test_user_find_resolve);
    tcase_add_test(catalog, test_user_suggest);
    tcase_add_test(catalog, test_user_match_name);
    suite_add_tcase(s, catalog);
    tcase_add_test(files, test_is_device_row);
    tcase_add_test(files, test_file_mixed);
    tcase_add_test(files, test_file_refused);
    tcase_add_test(files, test_option_device);
    suite_add_tcase(s, files);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(devices_user_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
