/* devices_data.h - the device table the build generates from
 * data/devices.tsv, and the types of its rows.
 *
 * Layer 1 (model): data only. `tools/gendata devices data/devices.tsv
 * src/model/devices_data.c` turns every row of data/devices.tsv (parsed by
 * device_row_parse, src/model/device_row.h) into one devices_data_row; the
 * generated file is built into src/libqsdata.a. Use the table through
 * devices.h (devices_get, devices_find, devices_match_name); this header is
 * for devices.c, the generator and tests.
 *
 * dev_kind and qs_device live here rather than in devices.h so that
 * devices.h, device_row.h and the generated table share them without an
 * include cycle (tests/e2e_includes.sh); devices.h includes this header. */
#ifndef QS_DEVICES_DATA_H
#define QS_DEVICES_DATA_H

#include <stddef.h>

typedef enum {
    DEV_KIND_GPU,          /* discrete consumer GPU */
    DEV_KIND_DATACENTER,   /* data-centre accelerator */
    DEV_KIND_APPLE,        /* Apple silicon, unified memory */
    DEV_KIND_PHONE,        /* phone */
    DEV_KIND_BOARD,        /* single-board computer */
    DEV_KIND_LAPTOP,       /* generic laptop (system RAM) */
    DEV_KIND_HOST,         /* this machine, filled in at run time */
    DEV_KIND_CUSTOM        /* a size given on the command line */
} dev_kind;

typedef struct {
    const char *id;          /* short name: "rtx-4090", "h100-sxm", "m3-max-64" */
    const char *name;        /* display name */
    dev_kind kind;
    double capacity_gib;     /* memory the device offers, GiB */
    double bandwidth_gbps;   /* memory bandwidth, GB/s; 0 when unknown */
    double gpu_share;        /* share of capacity usable by the accelerator
                                (Apple: macOS's rule by memory size by default,
                                device_row_apple_share) */
    int is_gpu;              /* 1 when weights live in accelerator memory */
    double tflops;           /* dense FP16/BF16 tensor TFLOPS (FP32 accumulate
                                on GeForce); 0 when unknown */
} qs_device;

/* Share of unified memory Apple's GPU may use on a Mac of more than 36 GiB
 * (Metal's recommendedMaxWorkingSetSize, 3/4: 64, 96, 128 and 192 GB
 * machines, Rapid-MLX PR #183 via shared/reference/devices-serving-2026.md
 * section 1.8). Smaller Macs get 2/3: the whole rule is device_row_apple_share
 * (device_row.h), which a row's share= replaces. devices_apple_share returns
 * it when no --apple-share is given. */
#define DEVICES_APPLE_GPU_SHARE 0.75

/* Share of capacity a discrete GPU or a CPU's RAM pool offers to the model:
 * all of it (reservations are already out of the nvidia-smi totals). */
#define DEVICES_FULL_SHARE 1.0

/* The most rows the generated table may hold (gendata refuses more); the
 * catalog has 104. Bounds the index buffer of devices_suggest. */
#define DEVICES_DATA_MAX 512

/* One catalogued device: the device, and the data only the catalog needs. */
typedef struct {
    qs_device dev;
    /* Names a GPU reports for itself (NVML, sysfs) that stand for this row,
     * '|'-separated, compared ignoring ASCII case: `match` patterns may
     * occur anywhere in the name, `match_exact` ones must be the whole
     * name (so "NVIDIA A10" does not catch "NVIDIA A100"); "" for none.
     * See device_row_matches. */
    const char *match;
    const char *match_exact;
    int verified;            /* 1: no value of the row is UNVERIFIED */
    const char *source;      /* where the values come from */
} devices_data_row;

/* The generated table, in data/devices.tsv order, and its length
 * (1 .. DEVICES_DATA_MAX). */
extern const devices_data_row devices_data[];
extern const size_t devices_data_count;

#endif
