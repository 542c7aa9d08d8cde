/* devices.c - the catalog of devices.
 *
 * Source of every row: ../shared/reference/hardware.tsv (bandwidth, marketed
 * capacity) and notes.md "GB vs GiB" (nvidia-smi totals); extra sources per
 * row group below. Capacities are GiB: the nvidia-smi total in MiB / 1024
 * where one is known; otherwise the marketed figure taken as GiB (NVIDIA's
 * "24GB" behaves like GiB less small reservations, notes.md), marked
 * UNVERIFIED. Bandwidths are decimal GB/s, as published. */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "model/devices.h"
#include "model/memory.h"
#include "model/parse.h"
#include "model/suggest.h"

#define DEVICES_MIB_PER_GIB 1024.0

/* Share of capacity a discrete GPU or a CPU's RAM pool offers to the model:
 * all of it (reservations are already out of the nvidia-smi totals). */
#define DEVICES_FULL_SHARE 1.0

/* iPhone: the GPU working-set limit is assumed to be the Mac's; iOS also
 * ends apps that hold too much memory, so this is optimistic (UNVERIFIED). */
#define DEVICES_PHONE_SHARE DEVICES_APPLE_GPU_SHARE

/* Raspberry Pi 5: LPDDR4X-4267, 32-bit bus = 4267 MT/s x 4 B (hardware.tsv). */
#define DEVICES_RPI5_GBPS (4267.0 * 4.0 / 1000.0)

/* Generic laptops (assumption, no single source): CPU inference from
 * system RAM (is_gpu 0), the whole installed RAM as capacity (module sizes
 * are binary, so "8 GB" is 8 GiB; the verdict bands leave the OS its
 * margin), dual-channel DDR4-3200 = 2 channels x 8 B x 3200 MT/s. */
#define DEVICES_LAPTOP_GBPS (2.0 * 8.0 * 3200.0 / 1000.0)

#define GPU(id, name, gib, gbps) { id, name, DEV_KIND_GPU, gib, gbps, DEVICES_FULL_SHARE, 1 }
#define DC(id, name, gib, gbps) { id, name, DEV_KIND_DATACENTER, gib, gbps, DEVICES_FULL_SHARE, 1 }
#define APPLE(id, name, gib, gbps) \
    { id, name, DEV_KIND_APPLE, gib, gbps, DEVICES_APPLE_GPU_SHARE, 1 }
#define MIB(x) ((x) / DEVICES_MIB_PER_GIB)

static const qs_device devices_table[] = {
    /* Consumer NVIDIA GPUs. nvidia-smi totals: RTX 4090 24564 MiB
     * (notes.md), RTX 3090 24576 MiB (noonghunna/club-3090 issue #390),
     * RTX 5090 32607 MiB (club-3090 issue #1229); the rest UNVERIFIED. */
    GPU("rtx-3060", "RTX 3060 12GB", 12.0, 360.0),
    GPU("rtx-3060-8gb", "RTX 3060 8GB", 8.0, 240.0),
    GPU("rtx-3090", "RTX 3090", MIB(24576.0), 936.0),
    GPU("rtx-4060", "RTX 4060", 8.0, 272.0),
    GPU("rtx-4060-ti-8gb", "RTX 4060 Ti 8GB", 8.0, 288.0),
    GPU("rtx-4060-ti-16gb", "RTX 4060 Ti 16GB", 16.0, 288.0),
    GPU("rtx-4070", "RTX 4070", 12.0, 504.0),
    GPU("rtx-4080", "RTX 4080", 16.0, 716.8),
    GPU("rtx-4090", "RTX 4090", MIB(24564.0), 1008.0),
    GPU("rtx-5090", "RTX 5090", MIB(32607.0), 1792.0),
    /* Data-centre NVIDIA. nvidia-smi totals: T4 15360, L4 23034, A100-80GB
     * 81920, H100 SXM 81559, H200 143771, B200 183359 MiB (notes.md); A10
     * 23028 and A100-40GB 40960 MiB (modal-labs/modal-client PR #2797).
     * V100, A100-80GB PCIe and H100 PCIe: same memory as their siblings
     * assumed (UNVERIFIED). A100-80GB: 2039 GB/s SXM, 1935 PCIe. */
    DC("t4", "Tesla T4", MIB(15360.0), 320.0),
    DC("l4", "L4", MIB(23034.0), 300.0),
    DC("a10", "A10", MIB(23028.0), 600.0),
    DC("v100-16gb", "V100 16GB", 16.0, 900.0),
    DC("v100-32gb", "V100 32GB", 32.0, 900.0),
    DC("a100-40gb", "A100 40GB", MIB(40960.0), 1555.0),
    DC("a100-80gb", "A100 80GB SXM", MIB(81920.0), 2039.0),
    DC("a100-80gb-pcie", "A100 80GB PCIe", MIB(81920.0), 1935.0),
    DC("h100-sxm", "H100 SXM 80GB", MIB(81559.0), 3350.0),
    DC("h100-pcie", "H100 PCIe 80GB", MIB(81559.0), 2000.0),
    DC("h200", "H200 141GB", MIB(143771.0), 4800.0),
    DC("b200", "B200 192GB", MIB(183359.0), 8000.0),
    /* AMD Instinct. MI300X: 8 CPX partitions of 25767706624 B each
     * (ROCm/legacy-rocm-build issue #4750); MI325X 256 GB taken as GiB
     * (UNVERIFIED). */
    DC("mi300x", "Instinct MI300X", 8.0 * 25767706624.0 / MEMORY_BYTES_PER_GIB, 5300.0),
    DC("mi325x", "Instinct MI325X", 256.0, 6000.0),
    /* Apple silicon, one row per memory option (hardware.tsv; Apple's
     * published bandwidth). Unified memory comes in binary sizes ("16 GB"
     * = 16 GiB); the GPU may use DEVICES_APPLE_GPU_SHARE of it. */
    APPLE("m1-8", "Apple M1 8GB", 8.0, 68.25),
    APPLE("m1-16", "Apple M1 16GB", 16.0, 68.25),
    APPLE("m1-pro-16", "Apple M1 Pro 16GB", 16.0, 200.0),
    APPLE("m1-pro-32", "Apple M1 Pro 32GB", 32.0, 200.0),
    APPLE("m1-max-32", "Apple M1 Max 32GB", 32.0, 400.0),
    APPLE("m1-max-64", "Apple M1 Max 64GB", 64.0, 400.0),
    APPLE("m1-ultra-64", "Apple M1 Ultra 64GB", 64.0, 800.0),
    APPLE("m1-ultra-128", "Apple M1 Ultra 128GB", 128.0, 800.0),
    APPLE("m2-8", "Apple M2 8GB", 8.0, 100.0),
    APPLE("m2-16", "Apple M2 16GB", 16.0, 100.0),
    APPLE("m2-24", "Apple M2 24GB", 24.0, 100.0),
    APPLE("m2-pro-16", "Apple M2 Pro 16GB", 16.0, 200.0),
    APPLE("m2-pro-32", "Apple M2 Pro 32GB", 32.0, 200.0),
    APPLE("m2-max-32", "Apple M2 Max 32GB", 32.0, 400.0),
    APPLE("m2-max-64", "Apple M2 Max 64GB", 64.0, 400.0),
    APPLE("m2-max-96", "Apple M2 Max 96GB", 96.0, 400.0),
    APPLE("m2-ultra-64", "Apple M2 Ultra 64GB", 64.0, 800.0),
    APPLE("m2-ultra-128", "Apple M2 Ultra 128GB", 128.0, 800.0),
    APPLE("m2-ultra-192", "Apple M2 Ultra 192GB", 192.0, 800.0),
    APPLE("m3-8", "Apple M3 8GB", 8.0, 100.0),
    APPLE("m3-16", "Apple M3 16GB", 16.0, 100.0),
    APPLE("m3-24", "Apple M3 24GB", 24.0, 100.0),
    APPLE("m3-pro-18", "Apple M3 Pro 18GB", 18.0, 150.0),
    APPLE("m3-pro-36", "Apple M3 Pro 36GB", 36.0, 150.0),
    /* M3 Max: 36 and 96 GB with the 14-core CPU (300 GB/s), 48, 64 and
     * 128 GB with the 16-core (400 GB/s), as hardware.tsv lists them. */
    APPLE("m3-max-36", "Apple M3 Max 36GB", 36.0, 300.0),
    APPLE("m3-max-48", "Apple M3 Max 48GB", 48.0, 400.0),
    APPLE("m3-max-64", "Apple M3 Max 64GB", 64.0, 400.0),
    APPLE("m3-max-96", "Apple M3 Max 96GB", 96.0, 300.0),
    APPLE("m3-max-128", "Apple M3 Max 128GB", 128.0, 400.0),
    APPLE("m3-ultra-96", "Apple M3 Ultra 96GB", 96.0, 819.0),
    APPLE("m3-ultra-256", "Apple M3 Ultra 256GB", 256.0, 819.0),
    APPLE("m3-ultra-512", "Apple M3 Ultra 512GB", 512.0, 819.0),
    APPLE("m4-16", "Apple M4 16GB", 16.0, 120.0),
    APPLE("m4-24", "Apple M4 24GB", 24.0, 120.0),
    APPLE("m4-32", "Apple M4 32GB", 32.0, 120.0),
    APPLE("m4-pro-24", "Apple M4 Pro 24GB", 24.0, 273.0),
    APPLE("m4-pro-48", "Apple M4 Pro 48GB", 48.0, 273.0),
    APPLE("m4-pro-64", "Apple M4 Pro 64GB", 64.0, 273.0),
    /* M4 Max: 36 GB with the 14-core CPU (410 GB/s), else 546 GB/s. */
    APPLE("m4-max-36", "Apple M4 Max 36GB", 36.0, 410.0),
    APPLE("m4-max-48", "Apple M4 Max 48GB", 48.0, 546.0),
    APPLE("m4-max-64", "Apple M4 Max 64GB", 64.0, 546.0),
    APPLE("m4-max-128", "Apple M4 Max 128GB", 128.0, 546.0),
    /* Phones: iPhone 15 Pro, 8 GB (Xcode 15 RC device files, via
     * appleosophy.com); bandwidth unpublished. */
    { "iphone-15-pro", "iPhone 15 Pro", DEV_KIND_PHONE, 8.0, 0.0, DEVICES_PHONE_SHARE, 1 },
    /* Boards: Raspberry Pi 5, CPU inference from RAM (16 GB UNVERIFIED). */
    { "rpi5-2gb", "Raspberry Pi 5 2GB", DEV_KIND_BOARD, 2.0, DEVICES_RPI5_GBPS,
      DEVICES_FULL_SHARE, 0 },
    { "rpi5-4gb", "Raspberry Pi 5 4GB", DEV_KIND_BOARD, 4.0, DEVICES_RPI5_GBPS,
      DEVICES_FULL_SHARE, 0 },
    { "rpi5-8gb", "Raspberry Pi 5 8GB", DEV_KIND_BOARD, 8.0, DEVICES_RPI5_GBPS,
      DEVICES_FULL_SHARE, 0 },
    { "rpi5-16gb", "Raspberry Pi 5 16GB", DEV_KIND_BOARD, 16.0, DEVICES_RPI5_GBPS,
      DEVICES_FULL_SHARE, 0 },
    /* Generic laptops: see DEVICES_LAPTOP_GBPS for the assumptions. */
    { "laptop-8gb", "Laptop, 8GB RAM", DEV_KIND_LAPTOP, 8.0, DEVICES_LAPTOP_GBPS,
      DEVICES_FULL_SHARE, 0 },
    { "laptop-16gb", "Laptop, 16GB RAM", DEV_KIND_LAPTOP, 16.0, DEVICES_LAPTOP_GBPS,
      DEVICES_FULL_SHARE, 0 },
};

#define DEVICES_N (sizeof devices_table / sizeof devices_table[0])

static const char *const devices_kind_names[] = {
    "gpu", "datacenter", "apple", "phone", "board", "laptop", "host", "custom",
};

size_t devices_count(void)
{
    return DEVICES_N;
}

const qs_device *devices_get(size_t i)
{
    return i < DEVICES_N ? &devices_table[i] : NULL;
}

const qs_device *devices_find(const char *name)
{
    size_t i;

    if (name == NULL)
        return NULL;
    for (i = 0; i < DEVICES_N; i++)
        if (strcasecmp(devices_table[i].id, name) == 0)
            return &devices_table[i];
    return NULL;
}

static const char *devices_id_at(size_t i)
{
    return devices_table[i].id;
}

/* The names GPUs report for themselves, most specific first, and the
 * catalogue row each stands for. Sources: nvidia-smi names quoted in
 * shared/reference/notes.md and hardware.tsv ("NVIDIA H100 80GB HBM3",
 * "NVIDIA GeForce RTX 4090", "NVIDIA A100-SXM4-80GB", "NVIDIA H200",
 * "NVIDIA B200", "Tesla T4"); the NVML name of an H100 SXM read on a real
 * machine was "NVIDIA H100 80GB HBM3". `exact` rows must match the whole
 * name (so "A10" does not catch "A100"). */
typedef struct {
    const char *pattern;
    const char *id;
    int exact;
} devices_alias;

static const devices_alias devices_aliases[] = {
    { "H100 80GB HBM3", "h100-sxm", 0 },
    { "H100 SXM", "h100-sxm", 0 },
    { "H100 PCIe", "h100-pcie", 0 },
    { "H200", "h200", 0 },
    { "B200", "b200", 0 },
    { "A100-SXM4-80GB", "a100-80gb", 0 },
    { "A100 80GB PCIe", "a100-80gb-pcie", 0 },
    { "A100-SXM4-40GB", "a100-40gb", 0 },
    { "A100-PCIE-40GB", "a100-40gb", 0 },
    { "NVIDIA A10", "a10", 1 },
    { "NVIDIA L4", "l4", 1 },
    { "Tesla T4", "t4", 0 },
    { "RTX 5090", "rtx-5090", 0 },
    { "RTX 4090", "rtx-4090", 0 },
    { "RTX 4080", "rtx-4080", 0 },
    { "RTX 4070", "rtx-4070", 0 },
    { "RTX 3090", "rtx-3090", 0 },
    { "MI325X", "mi325x", 0 },
    { "MI300X", "mi300x", 0 },
};

const qs_device *devices_match_name(const char *gpu_name)
{
    size_t i;

    if (gpu_name == NULL)
        return NULL;
    for (i = 0; i < sizeof devices_aliases / sizeof devices_aliases[0]; i++) {
        const devices_alias *a = &devices_aliases[i];
        if (a->exact ? strcasecmp(gpu_name, a->pattern) == 0
                     : suggest_contains(gpu_name, a->pattern))
            return devices_find(a->id);
    }
    return NULL;
}

size_t devices_suggest(const char *name, const qs_device **out, size_t max)
{
    size_t idx[DEVICES_N];
    size_t n, i;

    if (out == NULL)
        return 0;
    if (max > DEVICES_N)
        max = DEVICES_N;
    n = suggest_best(name, DEVICES_N, devices_id_at, idx, max);
    for (i = 0; i < n; i++)
        out[i] = &devices_table[idx[i]];
    return n;
}

/* 1 when share is in (0, 1]. */
static int devices_share_valid(double share)
{
    return share > 0.0 && share <= DEVICES_FULL_SHARE;
}

double devices_apple_share(double apple_share)
{
    return devices_share_valid(apple_share) ? apple_share : DEVICES_APPLE_GPU_SHARE;
}

double devices_share(const qs_device *d, double apple_share)
{
    double share;

    if (d == NULL)
        return MEMORY_ERROR;
    share = d->gpu_share;
    if (d->kind == DEV_KIND_APPLE && devices_share_valid(apple_share))
        share = apple_share;
    return devices_share_valid(share) ? share : MEMORY_ERROR;
}

double devices_usable_gib(const qs_device *d, double share_override)
{
    double share;

    if (d == NULL || !memory_is_positive(d->capacity_gib))
        return MEMORY_ERROR;
    share = devices_share_valid(share_override) ? share_override : d->gpu_share;
    if (!devices_share_valid(share))
        return MEMORY_ERROR;
    return d->capacity_gib * share;
}

int devices_host(double capacity_gib, const char *label, qs_device *out)
{
    if (label == NULL || out == NULL || !isfinite(capacity_gib) || capacity_gib < 0.0)
        return -1;
    /* Zeroed whole, padding too: the front end compares states bytewise. */
    memset(out, 0, sizeof *out);
    out->id = DEVICES_HOST_ID;
    out->name = label;
    out->kind = DEV_KIND_HOST;
    out->capacity_gib = capacity_gib;
    out->bandwidth_gbps = 0.0;
    out->gpu_share = DEVICES_FULL_SHARE;
    out->is_gpu = 0;
    return 0;
}

int devices_from_bytes(double bytes, const char *label, qs_device *out)
{
    if (label == NULL || out == NULL || !memory_is_positive(bytes))
        return -1;
    memset(out, 0, sizeof *out);       /* padding too, as devices_host */
    out->id = label;
    out->name = label;
    out->kind = DEV_KIND_CUSTOM;
    out->capacity_gib = bytes / MEMORY_BYTES_PER_GIB;
    out->bandwidth_gbps = 0.0;
    out->gpu_share = DEVICES_FULL_SHARE;
    out->is_gpu = 1;
    return 0;
}

int devices_resolve(const char *arg, qs_device *out)
{
    const qs_device *d;
    double bytes;

    if (arg == NULL || out == NULL)
        return -1;
    d = devices_find(arg);
    if (d != NULL) {
        *out = *d;
        return 0;
    }
    if (parse_bytes(arg, &bytes) != 0)
        return -1;
    return devices_from_bytes(bytes, arg, out);
}

const char *devices_kind_name(dev_kind kind)
{
    size_t k = (size_t)kind;

    if (k >= sizeof devices_kind_names / sizeof devices_kind_names[0])
        return "?";
    return devices_kind_names[k];
}
