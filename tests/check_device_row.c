/* check_device_row.c - device_row_parse's rows and messages, the matcher,
 * and data/devices.tsv: every row parses, ids are unique, the count is the
 * catalog's, known rows hold the values the C table held before the table
 * became data, and the generated table (devices_data, linked from
 * src/libqsdata.a) holds exactly what the parser reads from the file. The
 * data file is found through $TESTS_SRCDIR/../data (set by make check). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/device_row.h"
#include "model/devices.h"
#include "model/devices_data.h"
#include "check_tsv.h"

#define MAX_ROWS 256
/* The devices of data/devices.tsv: the 73 the C table held when it became
 * data, and the 31 of 2025-26 issue 11 added (6 GeForce and workstation
 * NVIDIA, 5 data-centre NVIDIA, 3 NVIDIA unified memory, 5 AMD, 2 Intel,
 * 10 Apple M5). */
#define CATALOG_DEVICES (73 + 6 + 5 + 3 + 5 + 2 + 10)
/* macOS's GPU share by memory size, written out here rather than taken
 * from device_row.h: 2/3 up to 36 GiB, 3/4 above
 * (shared/reference/devices-serving-2026.md section 1.8). */
#define TWO_THIRDS (2.0 / 3.0)
#define THREE_QUARTERS 0.75

static device_row rows[MAX_ROWS];
static size_t nrows;

static int load_row(void *ctx, size_t n, const char *line, size_t len, char *err,
                    size_t errsize)
{
    (void)ctx;
    ck_assert_uint_lt(n, MAX_ROWS);
    return device_row_parse(line, len, &rows[n], err, errsize);
}

static void load(void)
{
    nrows = check_tsv_each("../data/devices.tsv", load_row, NULL);
}

static const device_row *row_of(const char *id)
{
    size_t i;

    for (i = 0; i < nrows; i++)
        if (strcmp(rows[i].id, id) == 0)
            return &rows[i];
    ck_abort_msg("no row %s", id);
    return NULL;
}

START_TEST(test_data_parses)
{
    size_t i, j;

    load();
    ck_assert_uint_eq(nrows, CATALOG_DEVICES);
    for (i = 0; i < nrows; i++) {
        ck_assert_ptr_eq(rows[i].dev.id, rows[i].id);
        ck_assert_ptr_eq(rows[i].dev.name, rows[i].name);
        ck_assert_msg(strstr(rows[i].source, "UNVERIFIED") == NULL || !rows[i].verified,
                      "%s: verified=1 with an UNVERIFIED value", rows[i].id);
        for (j = i + 1; j < nrows; j++)
            ck_assert_msg(strcmp(rows[i].id, rows[j].id) != 0, "duplicate id %s", rows[i].id);
    }
}
END_TEST

/* The values of the C table before it became data, as its expressions;
 * the Apple shares as macOS's rule gives them (issue 11: they were 0.75 for
 * every size), and the rows issue 11 added, with the figures of
 * shared/reference/devices-serving-2026.md section 1 (tflops 0: unknown). */
START_TEST(test_data_values)
{
    static const struct {
        const char *id;
        dev_kind kind;
        double gib, gbps, share, tflops;
        int is_gpu, verified;
    } want[] = {
        { "rtx-3060", DEV_KIND_GPU, 12.0, 360.0, 1.0, 0.0, 1, 0 },
        { "rtx-3090", DEV_KIND_GPU, 24576.0 / 1024.0, 936.0, 1.0, 0.0, 1, 1 },
        { "rtx-4080", DEV_KIND_GPU, 16.0, 716.8, 1.0, 0.0, 1, 0 },
        /* GeForce: the FP32-accumulate rate (half the FP16-accumulate). */
        { "rtx-4090", DEV_KIND_GPU, 24564.0 / 1024.0, 1008.0, 1.0, 330.0 / 2, 1, 1 },
        { "rtx-5090", DEV_KIND_GPU, 32607.0 / 1024.0, 1792.0, 1.0, 419.0 / 2, 1, 1 },
        { "rtx-5080", DEV_KIND_GPU, 16303.0 / 1024.0, 960.0, 1.0, 225.0 / 2, 1, 1 },
        { "rtx-5070-ti", DEV_KIND_GPU, 16303.0 / 1024.0, 896.0, 1.0, 176.0 / 2, 1, 1 },
        { "rtx-5070", DEV_KIND_GPU, 12227.0 / 1024.0, 672.0, 1.0, 62.0, 1, 1 },
        { "rtx-5060-ti-16gb", DEV_KIND_GPU, 16311.0 / 1024.0, 448.0, 1.0, 47.4, 1, 0 },
        { "rtx-pro-6000", DEV_KIND_GPU, 97887.0 / 1024.0, 1792.0, 1.0, 0.0, 1, 0 },
        { "rtx-6000-ada", DEV_KIND_GPU, 49140.0 / 1024.0, 960.0, 1.0, 364.0, 1, 1 },
        { "l4", DEV_KIND_DATACENTER, 23034.0 / 1024.0, 300.0, 1.0, 121.0, 1, 1 },
        { "l40s", DEV_KIND_DATACENTER, 46068.0 / 1024.0, 864.0, 1.0, 366.0, 1, 1 },
        { "a100-40gb", DEV_KIND_DATACENTER, 40960.0 / 1024.0, 1555.0, 1.0, 312.0, 1, 1 },
        { "h100-sxm", DEV_KIND_DATACENTER, 81559.0 / 1024.0, 3350.0, 1.0, 989.0, 1, 1 },
        { "h100-pcie", DEV_KIND_DATACENTER, 81559.0 / 1024.0, 2000.0, 1.0, 756.0, 1, 0 },
        { "h100-nvl", DEV_KIND_DATACENTER, 95830.0 / 1024.0, 3900.0, 1.0, 835.0, 1, 0 },
        { "h200", DEV_KIND_DATACENTER, 143771.0 / 1024.0, 4800.0, 1.0, 989.0, 1, 1 },
        { "h20", DEV_KIND_DATACENTER, 97871.0 / 1024.0, 4000.0, 1.0, 148.0, 1, 1 },
        { "b200", DEV_KIND_DATACENTER, 183359.0 / 1024.0, 8000.0, 1.0, 2250.0, 1, 1 },
        { "b300", DEV_KIND_DATACENTER, 275040.0 / 1024.0, 8000.0, 1.0, 2250.0, 1, 1 },
        /* NVL72: 360 PF sparse / 72 GPUs / 2. */
        { "gb200", DEV_KIND_DATACENTER, 189471.0 / 1024.0, 8000.0, 1.0, 360000.0 / 72 / 2, 1,
          1 },
        { "mi300x", DEV_KIND_DATACENTER, 8.0 * 25767706624.0 / 1073741824.0, 5300.0, 1.0,
          1307.0, 1, 1 },
        { "mi325x", DEV_KIND_DATACENTER, 256.0, 6000.0, 1.0, 1307.0, 1, 0 },
        { "mi355x", DEV_KIND_DATACENTER, 288.0, 8000.0, 1.0, 2500.0, 1, 0 },
        { "rx-7900-xtx", DEV_KIND_GPU, 24.0, 960.0, 1.0, 122.8, 1, 0 },
        { "rx-9070-xt", DEV_KIND_GPU, 16.0, 640.0, 1.0, 195.0, 1, 0 },
        { "radeon-pro-r9700", DEV_KIND_GPU, 30576.0 / 1024.0, 640.0, 1.0, 0.0, 1, 0 },
        { "arc-b580", DEV_KIND_GPU, 12.0, 456.0, 1.0, 0.0, 1, 0 },
        { "arc-pro-b60", DEV_KIND_GPU, 24.0, 456.0, 1.0, 98.3, 1, 0 },
        /* Unified memory that is not Apple's: the OS-visible MemTotal (kB x
         * 1024), the idle MemAvailable / MemTotal of the DGX Spark,
         * 118566368 / 127600748 = 0.9292 to 4 places; Strix Halo 96 of 128
         * GiB. */
        { "dgx-spark", DEV_KIND_GPU, 127600748.0 * 1024 / 1073741824.0, 273.0, 0.9292, 0.0, 1,
          0 },
        { "jetson-thor", DEV_KIND_BOARD, 128.0, 273.0, 0.9292, 0.0, 1, 0 },
        { "jetson-orin-64", DEV_KIND_BOARD, 64349016.0 * 1024 / 1073741824.0, 204.8, 0.9292,
          0.0, 1, 0 },
        { "ryzen-ai-395-128", DEV_KIND_GPU, 128.0, 256.0, 96.0 / 128, 0.0, 1, 0 },
        /* Apple: 8 and 36 GiB are at most 36, 2/3; 96 is above, 3/4. */
        { "m1-8", DEV_KIND_APPLE, 8.0, 68.25, TWO_THIRDS, 0.0, 1, 1 },
        { "m3-max-96", DEV_KIND_APPLE, 96.0, 300.0, THREE_QUARTERS, 0.0, 1, 1 },
        { "m4-max-36", DEV_KIND_APPLE, 36.0, 410.0, TWO_THIRDS, 0.0, 1, 1 },
        { "m5-16", DEV_KIND_APPLE, 16.0, 153.0, TWO_THIRDS, 0.0, 1, 0 },
        { "m5-pro-48", DEV_KIND_APPLE, 48.0, 307.0, THREE_QUARTERS, 0.0, 1, 0 },
        { "m5-max-36", DEV_KIND_APPLE, 36.0, 614.0, TWO_THIRDS, 0.0, 1, 0 },
        /* Its own share: 107.52 GiB of 128 on macOS 26 (antirez/ds4 #893). */
        { "m5-max-128", DEV_KIND_APPLE, 128.0, 614.0, 0.84, 0.0, 1, 0 },
        /* The iPhone's limit is the Mac's: 8 GiB, 2/3. */
        { "iphone-15-pro", DEV_KIND_PHONE, 8.0, 0.0, TWO_THIRDS, 0.0, 1, 0 },
        { "rpi5-4gb", DEV_KIND_BOARD, 4.0, 4267.0 * 4.0 / 1000.0, 1.0, 0.0, 0, 1 },
        { "rpi5-16gb", DEV_KIND_BOARD, 16.0, 4267.0 * 4.0 / 1000.0, 1.0, 0.0, 0, 0 },
        { "laptop-16gb", DEV_KIND_LAPTOP, 16.0, 2.0 * 8.0 * 3200.0 / 1000.0, 1.0, 0.0, 0, 0 },
    };
    size_t i;

    load();
    for (i = 0; i < sizeof want / sizeof want[0]; i++) {
        const device_row *r = row_of(want[i].id);

        ck_assert_msg(r->dev.kind == want[i].kind, "%s kind", want[i].id);
        ck_assert_msg(r->dev.capacity_gib == want[i].gib, "%s capacity", want[i].id);
        ck_assert_msg(r->dev.bandwidth_gbps == want[i].gbps, "%s bandwidth", want[i].id);
        ck_assert_msg(r->dev.gpu_share == want[i].share, "%s share", want[i].id);
        ck_assert_msg(r->dev.tflops == want[i].tflops, "%s tflops", want[i].id);
        ck_assert_msg(r->dev.is_gpu == want[i].is_gpu, "%s is_gpu", want[i].id);
        ck_assert_msg(r->verified == want[i].verified, "%s verified", want[i].id);
    }
    /* What the GPU of each may use, by hand: 2/3 x 16 GiB = 10.67, 2/3 x 36
     * = 24, 3/4 x 96 = 72, 0.84 x 128 = 107.52 (the macOS 26 figure), 0.9292
     * x 121.69 = 113.07 (the DGX Spark's idle MemAvailable), 96 on Strix
     * Halo. */
    ck_assert(fabs(devices_usable_gib(&row_of("m1-16")->dev, 0.0) - 10.6667) < 1e-4);
    ck_assert(fabs(devices_usable_gib(&row_of("m3-max-36")->dev, 0.0) - 24.0) < 1e-12);
    ck_assert(devices_usable_gib(&row_of("m3-max-96")->dev, 0.0) == 72.0);
    ck_assert(fabs(devices_usable_gib(&row_of("m5-max-128")->dev, 0.0) - 107.52) < 1e-9);
    ck_assert(fabs(devices_usable_gib(&row_of("dgx-spark")->dev, 0.0) - 113.07) < 0.005);
    ck_assert(devices_usable_gib(&row_of("ryzen-ai-395-128")->dev, 0.0) == 96.0);
    ck_assert_str_eq(row_of("rtx-4060-ti-16gb")->name, "RTX 4060 Ti 16GB");
    ck_assert_str_eq(row_of("h100-sxm")->match, "H100 80GB HBM3|H100 SXM");
    ck_assert_str_eq(row_of("a10")->match_exact, "NVIDIA A10");
    ck_assert_str_eq(row_of("a10")->match, "");
}
END_TEST

/* The generated table is the file, row for row and bit for bit. */
START_TEST(test_generated_table)
{
    size_t i;

    load();
    ck_assert_uint_eq(devices_data_count, nrows);
    ck_assert_uint_eq(devices_count(), nrows);
    for (i = 0; i < nrows; i++) {
        const devices_data_row *g = &devices_data[i];
        const device_row *r = &rows[i];

        ck_assert_str_eq(g->dev.id, r->id);
        ck_assert_str_eq(g->dev.name, r->name);
        ck_assert_int_eq(g->dev.kind, r->dev.kind);
        ck_assert(memcmp(&g->dev.capacity_gib, &r->dev.capacity_gib, sizeof(double)) == 0);
        ck_assert(memcmp(&g->dev.bandwidth_gbps, &r->dev.bandwidth_gbps, sizeof(double)) == 0);
        ck_assert(memcmp(&g->dev.gpu_share, &r->dev.gpu_share, sizeof(double)) == 0);
        ck_assert(memcmp(&g->dev.tflops, &r->dev.tflops, sizeof(double)) == 0);
        ck_assert_int_eq(g->dev.is_gpu, r->dev.is_gpu);
        ck_assert_str_eq(g->match, r->match);
        ck_assert_str_eq(g->match_exact, r->match_exact);
        ck_assert_int_eq(g->verified, r->verified);
        ck_assert_str_eq(g->source, r->source);
        ck_assert_ptr_eq(devices_get(i), &g->dev);
    }
}
END_TEST

/* ---- the parser ---------------------------------------------------------- */

#define BASE "d\tDev\tgpu\tmemory_gib=24\tverified=0\tsource=s"

static int parse(const char *line, device_row *r, char *err)
{
    return device_row_parse(line, strlen(line), r, err, DEVICE_ROW_ERR_SIZE);
}

static void refused(const char *line, const char *want)
{
    static device_row r;
    char err[DEVICE_ROW_ERR_SIZE];

    ck_assert_int_eq(parse(line, &r, err), -1);
    ck_assert_str_eq(err, want);
}

START_TEST(test_parse_ok)
{
    static device_row r, c;
    char err[DEVICE_ROW_ERR_SIZE];

    ck_assert_int_eq(parse(BASE "\n", &r, err), 0);
    ck_assert_str_eq(r.id, "d");
    ck_assert_str_eq(r.dev.name, "Dev");
    ck_assert_int_eq(r.dev.kind, DEV_KIND_GPU);
    ck_assert(r.dev.capacity_gib == 24.0);
    ck_assert(r.dev.bandwidth_gbps == 0.0);
    ck_assert(r.dev.tflops == 0.0);
    ck_assert(r.dev.gpu_share == 1.0);
    ck_assert_int_eq(r.dev.is_gpu, 1);
    ck_assert_int_eq(r.verified, 0);
    ck_assert_str_eq(r.source, "s");
    ck_assert_str_eq(r.match, "");
    device_row_copy(&c, &r);
    ck_assert_ptr_eq(c.dev.id, c.id);
    ck_assert_ptr_eq(c.dev.name, c.name);
    ck_assert_str_eq(c.dev.id, "d");
    device_row_copy(&c, &c);
    device_row_copy(NULL, &r);
    ck_assert_ptr_eq(c.dev.id, c.id);
    /* Every key, in another order, with a CRLF ending. */
    ck_assert_int_eq(parse("x.y_z-1\tA  B (c)\tdatacenter\tsource=a=b; c\tverified=1"
                           "\tmatch_exact=NVIDIA X|NVIDIA Y\tmatch=X 1|x-2\tis_gpu=0"
                           "\tshare=0.5\ttflops=209.5\tbandwidth_gbs=716.8\tmemory_mib=24564\r\n",
                           &r, err), 0);
    ck_assert_str_eq(r.name, "A  B (c)");
    ck_assert_int_eq(r.dev.kind, DEV_KIND_DATACENTER);
    ck_assert(r.dev.capacity_gib == 23.98828125);
    ck_assert(r.dev.bandwidth_gbps == 716.8);
    ck_assert(r.dev.tflops == 209.5);
    ck_assert(r.dev.gpu_share == 0.5);
    ck_assert_int_eq(r.dev.is_gpu, 0);
    ck_assert_int_eq(r.verified, 1);
    ck_assert_str_eq(r.source, "a=b; c");
    ck_assert_str_eq(r.match, "X 1|x-2");
    ck_assert_str_eq(r.match_exact, "NVIDIA X|NVIDIA Y");
    ck_assert_int_eq(parse("b\tB\tboard\tmemory_bytes=1610612736\tbandwidth_gbs=1e3\tverified=1"
                           "\tsource=s", &r, err), 0);
    ck_assert(r.dev.capacity_gib == 1.5);
    ck_assert(r.dev.bandwidth_gbps == 1000.0);
    ck_assert_int_eq(r.dev.is_gpu, 0);
    /* tflops: 0 (unknown) to 1e5, exponents as elsewhere. */
    ck_assert_int_eq(parse(BASE "\ttflops=0", &r, err), 0);
    ck_assert(r.dev.tflops == 0.0);
    ck_assert_int_eq(parse(BASE "\ttflops=1e5", &r, err), 0);
    ck_assert(r.dev.tflops == 100000.0);
    ck_assert_int_eq(parse(BASE "\ttflops=2.25e3", &r, err), 0);
    ck_assert(r.dev.tflops == 2250.0);
    /* Apple and phone rows without share: macOS's rule by capacity, 2/3 up
     * to 36 GiB (0.5 and 36 itself), 3/4 above (36.5, 1e6). */
    ck_assert_int_eq(parse("m\tM\tapple\tmemory_gib=.5\tverified=1\tsource=s", &r, err), 0);
    ck_assert(r.dev.capacity_gib == 0.5);
    ck_assert(r.dev.gpu_share == TWO_THIRDS);
    ck_assert_int_eq(r.dev.is_gpu, 1);
    ck_assert_int_eq(parse("m\tM\tapple\tmemory_gib=36\tverified=1\tsource=s", &r, err), 0);
    ck_assert(r.dev.gpu_share == TWO_THIRDS);
    ck_assert_int_eq(parse("m\tM\tapple\tmemory_mib=36864\tverified=1\tsource=s", &r, err),
                     0);
    ck_assert(r.dev.gpu_share == TWO_THIRDS);
    ck_assert_int_eq(parse("m\tM\tapple\tmemory_gib=36.5\tverified=1\tsource=s", &r, err), 0);
    ck_assert(r.dev.gpu_share == THREE_QUARTERS);
    ck_assert(r.dev.gpu_share == DEVICES_APPLE_GPU_SHARE);
    /* An explicit share wins over the rule, above and below 36 GiB. */
    ck_assert_int_eq(parse("m\tM\tapple\tmemory_gib=128\tshare=0.84\tverified=1\tsource=s", &r,
                           err), 0);
    ck_assert(r.dev.gpu_share == 0.84);
    ck_assert_int_eq(parse("m\tM\tapple\tmemory_gib=16\tshare=0.75\tverified=1\tsource=s", &r,
                           err), 0);
    ck_assert(r.dev.gpu_share == 0.75);
    ck_assert_int_eq(parse("p\tP\tphone\tmemory_gib=1e6\tverified=1\tsource=s", &r, err), 0);
    ck_assert(r.dev.gpu_share == THREE_QUARTERS);
    ck_assert(r.dev.capacity_gib == 1e6);
    ck_assert_int_eq(parse("p\tP\tphone\tmemory_gib=8\tverified=1\tsource=s", &r, err), 0);
    ck_assert(r.dev.gpu_share == TWO_THIRDS);
    /* The rule leaves the other kinds at all of it. */
    ck_assert_int_eq(parse("g\tG\tgpu\tmemory_gib=8\tverified=1\tsource=s", &r, err), 0);
    ck_assert(r.dev.gpu_share == 1.0);
    ck_assert_int_eq(parse("l\tL\tlaptop\tmemory_gib=8\tshare=1\tis_gpu=1\tverified=1"
                           "\tsource=s", &r, err), 0);
    ck_assert_int_eq(r.dev.kind, DEV_KIND_LAPTOP);
    ck_assert_int_eq(r.dev.is_gpu, 1);
    ck_assert(r.dev.gpu_share == 1.0);
    /* Comments and blank lines leave the row alone. */
    ck_assert_int_eq(parse("# comment", &r, err), 1);
    ck_assert_int_eq(parse("  \t# indented", &r, err), 1);
    ck_assert_int_eq(parse("  \t\r\n", &r, err), 1);
    ck_assert_int_eq(parse("", &r, err), 1);
    ck_assert_str_eq(r.id, "l");
}
END_TEST

START_TEST(test_parse_errors)
{
    refused(BASE "\tbandwith=100", "unknown key 'bandwith'");
    refused(BASE "\tshare=0.5\tshare=0.5", "duplicate key 'share'");
    refused("d\tDev\tgpu\tmemory_gib=24\tverified=0", "missing field 'source'");
    refused("d\tDev\tgpu\tmemory_gib=24\tsource=s", "missing field 'verified'");
    refused("d\tDev\tgpu\tverified=0\tsource=s",
            "missing field 'memory_gib', 'memory_mib' or 'memory_bytes'");
    refused("d\tDev\tgpu\tmemory_gib=x",
            "memory_gib: expected a number above 0 and at most 1e6, got 'x'");
    refused("d\tDev\tgpu\tmemory_gib=0",
            "memory_gib: expected a number above 0 and at most 1e6, got '0'");
    refused("d\tDev\tgpu\tmemory_gib=1000001",
            "memory_gib: expected a number above 0 and at most 1e6, got '1000001'");
    refused("d\tDev\tgpu\tmemory_gib=",
            "memory_gib: expected a number above 0 and at most 1e6, got ''");
    refused("d\tDev\tgpu\tmemory_gib=24GB",
            "memory_gib: expected a number above 0 and at most 1e6, got '24GB'");
    refused("d\tDev\tgpu\tmemory_gib=nan",
            "memory_gib: expected a number above 0 and at most 1e6, got 'nan'");
    refused("d\tDev\tgpu\tmemory_gib=0x10",
            "memory_gib: expected a number above 0 and at most 1e6, got '0x10'");
    refused("d\tDev\tgpu\tmemory_gib=.",
            "memory_gib: expected a number above 0 and at most 1e6, got '.'");
    refused("d\tDev\tgpu\tmemory_gib=1e",
            "memory_gib: expected a number above 0 and at most 1e6, got '1e'");
    refused("d\tDev\tgpu\tmemory_gib=1.5.2",
            "memory_gib: expected a number above 0 and at most 1e6, got '1.5.2'");
    refused("d\tDev\tgpu\tmemory_gib= 1",
            "memory_gib: expected a number above 0 and at most 1e6, got ' 1'");
    refused("d\tDev\tgpu\tmemory_gib=1e-400",
            "memory_gib: expected a number above 0 and at most 1e6, got '1e-400'");
    refused("d\tDev\tgpu\tmemory_mib=-1",
            "memory_mib: expected a number above 0 and at most 1e9, got '-1'");
    refused("d\tDev\tgpu\tmemory_bytes=2e15",
            "memory_bytes: expected a number above 0 and at most 1e15, got '2e15'");
    refused("d\tDev\tgpu\tmemory_bytes=1e400",
            "memory_bytes: expected a number above 0 and at most 1e15, got '1e400'");
    refused("d\tDev\tgpu\tmemory_gib=1\tmemory_mib=1024",
            "memory_mib: give only one of memory_gib, memory_mib and memory_bytes");
    refused("d\tDev\tgpu\tmemory_bytes=1\tmemory_gib=1",
            "memory_gib: give only one of memory_gib, memory_mib and memory_bytes");
    refused(BASE "\tbandwidth_gbs=100001",
            "bandwidth_gbs: expected a number from 0 to 1e5, got '100001'");
    refused(BASE "\tbandwidth_gbs=+5", "bandwidth_gbs: expected a number from 0 to 1e5, got '+5'");
    refused(BASE "\ttflops=100001", "tflops: expected a number from 0 to 1e5, got '100001'");
    refused(BASE "\ttflops=2.25e15", "tflops: expected a number from 0 to 1e5, got '2.25e15'");
    refused(BASE "\ttflops=-1", "tflops: expected a number from 0 to 1e5, got '-1'");
    refused(BASE "\ttflops=", "tflops: expected a number from 0 to 1e5, got ''");
    refused(BASE "\ttflops=210TF", "tflops: expected a number from 0 to 1e5, got '210TF'");
    refused(BASE "\ttflops=inf", "tflops: expected a number from 0 to 1e5, got 'inf'");
    refused(BASE "\ttflops=1\ttflops=2", "duplicate key 'tflops'");
    refused(BASE "\ttflop=1", "unknown key 'tflop'");
    refused(BASE "\tshare=1.5", "share: expected a number above 0 and at most 1.0, got '1.5'");
    refused(BASE "\tshare=0", "share: expected a number above 0 and at most 1.0, got '0'");
    refused(BASE "\tis_gpu=2", "is_gpu: expected a whole number from 0 to 1, got '2'");
    refused("d\tDev\tgpu\tverified=yes",
            "verified: expected a whole number from 0 to 1, got 'yes'");
    refused("d\tDev\ttpu", "kind: expected gpu, datacenter, apple, phone, board or laptop, "
            "got 'tpu'");
    refused("d\tDev\thost", "kind: expected gpu, datacenter, apple, phone, board or laptop, "
            "got 'host'");
    refused("d\tDev\tGPU", "kind: expected gpu, datacenter, apple, phone, board or laptop, "
            "got 'GPU'");
    refused(BASE "\tmatch=a||b", "match: expected names separated by '|', none empty, got 'a||b'");
    refused(BASE "\tmatch=|a", "match: expected names separated by '|', none empty, got '|a'");
    refused(BASE "\tmatch_exact=a|",
            "match_exact: expected names separated by '|', none empty, got 'a|'");
    refused(BASE "\tmatch_exact=", "match_exact: empty");
    refused("d\tDev\tgpu\tmemory_gib=24\tverified=0\tsource=", "source: empty");
    refused(BASE "\tfoo", "field 'foo' is not key=value");
    refused(BASE "\t", "an empty field (two tabs in a row)");
    refused("d", "missing field 'name'");
    refused("d\tDev", "missing field 'kind'");
    refused("\tDev\tgpu", "id: empty");
    refused("d\t\tgpu", "name: empty");
    refused("d\tDev\t", "kind: expected gpu, datacenter, apple, phone, board or laptop, got ''");
    refused("RTX 4090\tDev\tgpu",
            "id: expected lowercase letters, digits, '.', '-' or '_', got 'RTX 4090'");
    refused("24gib\tDev\tgpu", "id: expected a lowercase letter first, got '24gib'");
    refused("-x\tDev\tgpu", "id: expected a lowercase letter first, got '-x'");
    refused("0123456789abcdef0123456789abcdefX\tDev\tgpu", "id: longer than 31 characters");
    refused("d\t0123456789012345678901234567890123456789012345678901234567890123\tgpu",
            "name: longer than 63 characters");
}
END_TEST

/* Control bytes, long values, long lines, NULs, small message buffers. */
START_TEST(test_parse_hostile)
{
    static char longline[DEVICE_ROW_MAX_LINE + 2], longsrc[DEVICE_ROW_MAX_LINE];
    static device_row r;
    char err[DEVICE_ROW_ERR_SIZE], small[8];
    size_t n;

    /* A quoted value keeps the message one line: control bytes read '?'. */
    refused("d\tDev\tgpu\tmemory_gib=\x1b[2J\n\n1",
            "memory_gib: expected a number above 0 and at most 1e6, got '?[2J??1'");
    refused("d\tDe\x1b]0;x\x07v\tgpu", "name: expected printable characters, got 'De?]0;x?v'");
    refused(BASE "\tmatch=H100\x7f", "match: expected printable characters, got 'H100?'");
    refused("d\tDev\tgpu\tmemory_gib=24\tverified=0\tsource=a\rb",
            "source: expected printable characters, got 'a?b'");
    refused("d\tDev\tgp\x01u", "kind: expected gpu, datacenter, apple, phone, board or laptop, "
            "got 'gp?u'");
    /* At most 32 bytes of a value are quoted. */
    refused("d\tDev\tgpu\tmemory_gib=12345678901234567890123456789012345",
            "memory_gib: expected a number above 0 and at most 1e6, "
            "got '12345678901234567890123456789012'");
    refused("d\tDev\tgpu\t0123456789012345678901234567890123456789=1",
            "unknown key '01234567890123456789012345678901'");
    /* A source over DEVICE_ROW_SOURCE_MAX. */
    n = (size_t)snprintf(longsrc, sizeof longsrc, "%s", BASE "\tmatch=");
    memset(longsrc + n, 'a', DEVICE_ROW_MATCH_MAX + 1);
    refused(longsrc, "match: longer than 255 characters");
    n = (size_t)snprintf(longsrc, sizeof longsrc, "%s", "d\tDev\tgpu\tmemory_gib=1\tverified=0"
                         "\tsource=");
    memset(longsrc + n, 's', DEVICE_ROW_SOURCE_MAX);
    longsrc[n + DEVICE_ROW_SOURCE_MAX] = '\0';
    ck_assert_int_eq(parse(longsrc, &r, err), 0);
    ck_assert_uint_eq(strlen(r.source), DEVICE_ROW_SOURCE_MAX);
    longsrc[n + DEVICE_ROW_SOURCE_MAX] = 's';
    refused(longsrc, "source: longer than 1023 characters");
    /* The line limit, with and without its line ending. */
    memset(longline, '#', DEVICE_ROW_MAX_LINE);
    ck_assert_int_eq(device_row_parse(longline, DEVICE_ROW_MAX_LINE, &r, err, sizeof err), 1);
    longline[DEVICE_ROW_MAX_LINE] = '\n';
    ck_assert_int_eq(device_row_parse(longline, DEVICE_ROW_MAX_LINE + 1, &r, err, sizeof err), 1);
    longline[DEVICE_ROW_MAX_LINE] = '#';
    refused(longline, "line longer than 2048 characters");
    ck_assert_int_eq(device_row_parse(longline, sizeof longline - 1, &r, NULL, 0), -1);
    /* NUL bytes, NULL arguments, a message buffer too small. */
    ck_assert_int_eq(device_row_parse(BASE "\0x", sizeof BASE + 1, &r, err, sizeof err), -1);
    ck_assert_str_eq(err, "a NUL byte in the line");
    ck_assert_int_eq(device_row_parse(NULL, 0, &r, err, sizeof err), -1);
    ck_assert_str_eq(err, "no line");
    ck_assert_int_eq(device_row_parse(BASE, strlen(BASE), NULL, err, sizeof err), -1);
    ck_assert_int_eq(device_row_parse("d\tDev\ttpu", 9, &r, small, sizeof small), -1);
    ck_assert_str_eq(small, "kind: e");
    ck_assert_int_eq(device_row_parse("d\tDev\ttpu", 9, &r, small, 0), -1);
    /* len is the limit, not the NUL: "d\tDev\tgpu" cut after "d\tDev". */
    ck_assert_int_eq(device_row_parse("d\tDev\tgpu", 5, &r, err, sizeof err), -1);
    ck_assert_str_eq(err, "missing field 'kind'");
}
END_TEST

/* macOS's rule by itself: the threshold is inclusive; what is not a number
 * above 0 gets the smaller share. */
START_TEST(test_apple_rule)
{
    ck_assert(device_row_apple_share(8.0) == TWO_THIRDS);
    ck_assert(device_row_apple_share(16.0) == TWO_THIRDS);
    ck_assert(device_row_apple_share(36.0) == TWO_THIRDS);
    ck_assert(device_row_apple_share(36.000001) == THREE_QUARTERS);
    ck_assert(device_row_apple_share(64.0) == THREE_QUARTERS);
    ck_assert(device_row_apple_share(512.0) == THREE_QUARTERS);
    ck_assert(device_row_apple_share(0.0) == TWO_THIRDS);
    ck_assert(device_row_apple_share(-1.0) == TWO_THIRDS);
    ck_assert(device_row_apple_share(NAN) == TWO_THIRDS);
    ck_assert(device_row_apple_share(INFINITY) == THREE_QUARTERS);
    /* 2/3 x 16 GiB = 10.6667 GiB, 2/3 x 24 = 16, 3/4 x 64 = 48. */
    ck_assert(fabs(16.0 * device_row_apple_share(16.0) - 10.6667) < 1e-4);
    ck_assert(fabs(24.0 * device_row_apple_share(24.0) - 16.0) < 1e-12);
    ck_assert(64.0 * device_row_apple_share(64.0) == 48.0);
}
END_TEST

START_TEST(test_kind_names)
{
    ck_assert_str_eq(device_row_kind_name(DEV_KIND_GPU), "gpu");
    ck_assert_str_eq(device_row_kind_name(DEV_KIND_DATACENTER), "datacenter");
    ck_assert_str_eq(device_row_kind_name(DEV_KIND_APPLE), "apple");
    ck_assert_str_eq(device_row_kind_name(DEV_KIND_PHONE), "phone");
    ck_assert_str_eq(device_row_kind_name(DEV_KIND_BOARD), "board");
    ck_assert_str_eq(device_row_kind_name(DEV_KIND_LAPTOP), "laptop");
    ck_assert_str_eq(device_row_kind_name(DEV_KIND_HOST), "host");
    ck_assert_str_eq(device_row_kind_name(DEV_KIND_CUSTOM), "custom");
    ck_assert_str_eq(device_row_kind_name((dev_kind)(DEV_KIND_CUSTOM + 1)), "?");
    ck_assert_str_eq(devices_kind_name(DEV_KIND_BOARD), "board");
    ck_assert_str_eq(devices_kind_name((dev_kind)(DEV_KIND_CUSTOM + 1)), "?");
}
END_TEST

START_TEST(test_matches)
{
    ck_assert_int_eq(device_row_matches("H100 80GB HBM3|H100 SXM", "", "NVIDIA H100 80GB HBM3"), 1);
    ck_assert_int_eq(device_row_matches("H100 80GB HBM3|H100 SXM", "", "nvidia h100 sxm5"), 1);
    ck_assert_int_eq(device_row_matches("H100 80GB HBM3|H100 SXM", "", "NVIDIA H100 PCIe"), 0);
    ck_assert_int_eq(device_row_matches("RTX 4090", "", "RTX 409"), 0);
    ck_assert_int_eq(device_row_matches("RTX 4090", "", "RTX 4090"), 1);
    ck_assert_int_eq(device_row_matches("", "NVIDIA A10", "NVIDIA A10"), 1);
    ck_assert_int_eq(device_row_matches("", "NVIDIA A10", "nvidia a10"), 1);
    ck_assert_int_eq(device_row_matches("", "NVIDIA A10", "NVIDIA A100"), 0);
    ck_assert_int_eq(device_row_matches("", "NVIDIA A10", "NVIDIA A1"), 0);
    ck_assert_int_eq(device_row_matches("", "X|NVIDIA L4", "NVIDIA L4"), 1);
    ck_assert_int_eq(device_row_matches("", "", "NVIDIA L4"), 0);
    ck_assert_int_eq(device_row_matches("", "", ""), 0);
    ck_assert_int_eq(device_row_matches("A", "", ""), 0);
    ck_assert_int_eq(device_row_matches(NULL, "", "A"), 0);
    ck_assert_int_eq(device_row_matches("A", NULL, "A"), 0);
    ck_assert_int_eq(device_row_matches("A", "", NULL), 0);
    /* Through the table, as the host report uses it. */
    ck_assert_str_eq(devices_match_name("NVIDIA A100-PCIE-40GB")->id, "a100-40gb");
    ck_assert_str_eq(devices_match_name("NVIDIA L4")->id, "l4");
    ck_assert_ptr_null(devices_match_name("NVIDIA L4 "));
    ck_assert_str_eq(devices_match_name("NVIDIA GeForce RTX 3090 Ti")->id, "rtx-3090");
    ck_assert_ptr_null(devices_match_name("NVIDIA GeForce RTX 4060"));
    /* The 2025-26 rows: a longer name before the one it contains. */
    ck_assert_str_eq(devices_match_name("NVIDIA GeForce RTX 5080")->id, "rtx-5080");
    ck_assert_str_eq(devices_match_name("NVIDIA GeForce RTX 5070 Ti")->id, "rtx-5070-ti");
    ck_assert_str_eq(devices_match_name("NVIDIA GeForce RTX 5070")->id, "rtx-5070");
    ck_assert_str_eq(devices_match_name("NVIDIA GeForce RTX 5060 Ti")->id, "rtx-5060-ti-16gb");
    ck_assert_ptr_null(devices_match_name("NVIDIA GeForce RTX 5060"));
    ck_assert_str_eq(
        devices_match_name("NVIDIA RTX PRO 6000 Blackwell Workstation Edition")->id,
        "rtx-pro-6000");
    ck_assert_str_eq(
        devices_match_name("NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation Edition")->id,
        "rtx-pro-6000");
    ck_assert_str_eq(devices_match_name("NVIDIA RTX 6000 Ada Generation")->id, "rtx-6000-ada");
    ck_assert_str_eq(devices_match_name("NVIDIA L40S")->id, "l40s");
    ck_assert_ptr_null(devices_match_name("NVIDIA L40"));
    ck_assert_str_eq(devices_match_name("NVIDIA H100 NVL")->id, "h100-nvl");
    ck_assert_str_eq(devices_match_name("NVIDIA H20")->id, "h20");
    ck_assert_str_eq(devices_match_name("NVIDIA H200")->id, "h200");
    ck_assert_str_eq(devices_match_name("NVIDIA GB200")->id, "gb200");
    ck_assert_str_eq(devices_match_name("NVIDIA B200")->id, "b200");
    ck_assert_str_eq(devices_match_name("NVIDIA B300 SXM6 AC")->id, "b300");
    ck_assert_str_eq(devices_match_name("NVIDIA GB10")->id, "dgx-spark");
    ck_assert_str_eq(devices_match_name("AMD Instinct MI355X")->id, "mi355x");
    ck_assert_str_eq(devices_match_name("AMD Radeon RX 7900 XTX")->id, "rx-7900-xtx");
    ck_assert_ptr_null(devices_match_name("AMD Radeon RX 7900 XT"));
    ck_assert_str_eq(devices_match_name("AMD Radeon RX 9070 XT")->id, "rx-9070-xt");
    ck_assert_ptr_null(devices_match_name("AMD Radeon RX 9070"));
    ck_assert_str_eq(devices_match_name("AMD Radeon AI PRO R9700")->id, "radeon-pro-r9700");
}
END_TEST

static Suite *device_row_suite(void)
{
    Suite *s = suite_create("device_row");
    TCase *data = tcase_create("data");
    TCase *parser = tcase_create("parser");

    tcase_add_test(data, test_data_parses);
    tcase_add_test(data, test_data_values);
    tcase_add_test(data, test_generated_table);
    suite_add_tcase(s, data);
    tcase_add_test(parser, test_parse_ok);
    tcase_add_test(parser, test_parse_errors);
    tcase_add_test(parser, test_parse_hostile);
    tcase_add_test(parser, test_apple_rule);
    tcase_add_test(parser, test_kind_names);
    tcase_add_test(parser, test_matches);
    suite_add_tcase(s, parser);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(device_row_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
