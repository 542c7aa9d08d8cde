/* gen_devices.c - the `devices` kind of tools/gendata: data/devices.tsv
 * into the built-in device table (devices_data.h). Each row goes through
 * the parser a user's devices.tsv goes through (device_row_parse), which
 * also does the unit arithmetic (MiB / 1024, bytes / 2^30); the doubles are
 * written as hexadecimal floating constants, so the table holds exactly the
 * bits the parser computed. */
#include "gendata.h"
#include "model/device_row.h"
#include "model/devices_data.h"

/* The enumerators of the kinds a row may name, in dev_kind order. */
static const char *const gen_devices_kinds[] = {
    "DEV_KIND_GPU", "DEV_KIND_DATACENTER", "DEV_KIND_APPLE", "DEV_KIND_PHONE",
    "DEV_KIND_BOARD", "DEV_KIND_LAPTOP",
};

_Static_assert(sizeof gen_devices_kinds / sizeof gen_devices_kinds[0] == DEV_KIND_HOST,
               "one enumerator per kind a row may name");

typedef struct {
    device_row row;
    gendata_ids ids;
} gen_devices_state;

static int gen_devices_row(void *state, const char *line, size_t len, FILE *out, char *err,
                           size_t errsize)
{
    gen_devices_state *st = state;
    const device_row *row = &st->row;
    const qs_device *d = &row->dev;
    int rc = device_row_parse(line, len, &st->row, err, errsize);

    if (rc != 0)
        return rc;
    if (gendata_new_id(&st->ids, row->id, DEVICES_DATA_MAX, err, errsize) != 0)
        return -1;
    (void)fputs("    { .dev = { .id = ", out);
    gendata_string(out, d->id);
    (void)fputs(", .name = ", out);
    gendata_string(out, d->name);
    (void)fprintf(out, ", .kind = %s,\n", gen_devices_kinds[d->kind]);
    (void)fprintf(out, "               .capacity_gib = %a, .bandwidth_gbps = %a,\n",
                  d->capacity_gib, d->bandwidth_gbps);
    (void)fprintf(out, "               .gpu_share = %a, .is_gpu = %d, .tflops = %a },\n",
                  d->gpu_share, d->is_gpu, d->tflops);
    (void)fputs("      .match = ", out);
    gendata_string(out, row->match);
    (void)fputs(", .match_exact = ", out);
    gendata_string(out, row->match_exact);
    (void)fprintf(out, ", .verified = %d,\n      .source = ", row->verified);
    gendata_string(out, row->source);
    (void)fputs(" },\n", out);
    return 0;
}

static int gen_devices_finish(void *state, size_t rows, FILE *out, char *err, size_t errsize)
{
    (void)state;
    if (rows == 0) {
        (void)snprintf(err, errsize, "no devices");
        return -1;
    }
    (void)fprintf(out, "const size_t devices_data_count = %zu;\n", rows);
    return 0;
}

const gendata_kind gendata_devices = {
    "devices",
    "#include \"model/devices_data.h\"\n\nconst devices_data_row devices_data[] = {\n",
    "};\n\n",
    sizeof(gen_devices_state),
    gen_devices_row,
    gen_devices_finish,
};
