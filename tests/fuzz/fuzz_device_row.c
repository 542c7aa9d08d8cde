/* fuzz_device_row.c - libFuzzer target for the device row parser
 * (src/model/device_row.h), on an exact-size buffer with no NUL. Contract:
 * 0, 1 or -1; on -1 a one-line message within DEVICE_ROW_ERR_SIZE; on 0 a
 * catalogued kind, a positive finite capacity of at most 1e6 GiB, a share
 * in (0, 1], a bandwidth and a tflops in [0, 1e5], flags 0 or 1, and string
 * pointers into the row (after device_row_copy, into the copy); the matcher
 * takes the row's patterns and names without reading past them. */
#include <math.h>

#include "model/device_row.h"
#include "fuzz.h"

/* The ranges device_row.c documents (data/devices.tsv). */
#define FUZZ_MAX_GIB 1e6
#define FUZZ_MAX_GBS 1e5
#define FUZZ_MAX_TFLOPS 1e5

static void fuzz_check_row(const device_row *row)
{
    const qs_device *d = &row->dev;

    FUZZ_ASSERT(d->id == row->id && d->name == row->name);
    FUZZ_ASSERT(fuzz_terminated(row->id, sizeof row->id) && row->id[0] != '\0');
    FUZZ_ASSERT(fuzz_terminated(row->name, sizeof row->name) && row->name[0] != '\0');
    FUZZ_ASSERT(fuzz_terminated(row->match, sizeof row->match));
    FUZZ_ASSERT(fuzz_terminated(row->match_exact, sizeof row->match_exact));
    FUZZ_ASSERT(fuzz_terminated(row->source, sizeof row->source) && row->source[0] != '\0');
    FUZZ_ASSERT((int)d->kind >= (int)DEV_KIND_GPU && (int)d->kind < (int)DEV_KIND_HOST);
    FUZZ_ASSERT(isfinite(d->capacity_gib) && d->capacity_gib > 0.0 &&
                d->capacity_gib <= FUZZ_MAX_GIB);
    FUZZ_ASSERT(d->gpu_share > 0.0 && d->gpu_share <= 1.0);
    FUZZ_ASSERT(d->bandwidth_gbps >= 0.0 && d->bandwidth_gbps <= FUZZ_MAX_GBS);
    FUZZ_ASSERT(d->tflops >= 0.0 && d->tflops <= FUZZ_MAX_TFLOPS);
    FUZZ_ASSERT(d->is_gpu == 0 || d->is_gpu == 1);
    FUZZ_ASSERT(row->verified == 0 || row->verified == 1);
    FUZZ_ASSERT(strcmp(device_row_kind_name(d->kind), "?") != 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static device_row row, copy;
    char *line = fuzz_bytes(data, size), *name = fuzz_string(data, size);
    char err[DEVICE_ROW_ERR_SIZE];
    int rc, m;

    fuzz_fill(err, sizeof err);
    rc = device_row_parse(line, size, &row, err, sizeof err);
    fuzz_check_parse(rc, err, sizeof err);
    if (rc == 0) {
        fuzz_check_row(&row);
        device_row_copy(&copy, &row);
        fuzz_check_row(&copy);
        /* Its own patterns: a match pattern is found in the list itself. */
        m = device_row_matches(row.match, row.match_exact, row.match);
        FUZZ_ASSERT(m == (row.match[0] != '\0') || row.match_exact[0] != '\0');
        (void)device_row_matches(row.match, row.match_exact, name);
    }
    /* The input as a GPU name and as pattern lists. */
    (void)device_row_matches(name, name, name);
    (void)device_row_matches(name, "", "NVIDIA H100 80GB HBM3");
    free(line);
    free(name);
    return 0;
}
