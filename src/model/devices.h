/* devices.h - the catalog of devices a model may run on.
 *
 * Layer 1 (model): a compiled-in table, generated from data/devices.tsv
 * (devices_data.h), no I/O. Capacities are what the device really offers,
 * in GiB (as nvidia-smi or the OS reports it), not the marketing figure;
 * bandwidths in decimal GB/s. */
#ifndef QS_DEVICES_H
#define QS_DEVICES_H

#include <stddef.h>

/* dev_kind, qs_device, DEVICES_APPLE_GPU_SHARE and DEVICES_FULL_SHARE are
 * defined in devices_data.h (the generated table's header), which the row
 * parser device_row.h shares without an include cycle. */
#include "model/devices_data.h"
#include "model/device_row.h"

/* The id and display name of this machine's RAM as a device (devices_host). */
#define DEVICES_HOST_ID "host"
#define DEVICES_HOST_LABEL "this machine (RAM)"

/* The most user devices a catalog keeps (devices_catalog_init cuts the
 * rest off): the limit of a user's files together (cli/catalog_file.h). */
#define DEVICES_USER_MAX 512

/* The devices catalog: the built-in table (devices_data) with a user's own
 * rows (their devices.tsv, --catalog) before it. A user row replaces the
 * built-in device of the same id (any case); the user rows, kept by
 * pointer, are expected to have distinct ids (cli/catalog_file.c refuses a
 * duplicate). Read it through the devices_catalog_* functions; a NULL
 * catalog stands for the built-in table alone (devices_builtin). */
typedef struct {
    const devices_data_row *user;
    size_t nuser;
} devices_catalog;

/* The built-in table alone (no user rows). */
const devices_catalog *devices_builtin(void);

/* *c = the built-in table with `nuser` user rows before it (kept by
 * pointer; user may be NULL when nuser is 0; at most DEVICES_USER_MAX of
 * them are kept). */
void devices_catalog_init(devices_catalog *c, const devices_data_row *user, size_t nuser);

/* The number of devices: the user's, then the built-in ones no user row
 * replaces; the i-th in that order (NULL when out of range), as a device
 * or as its whole row (match patterns, verified, source). */
size_t devices_catalog_count(const devices_catalog *c);
const qs_device *devices_catalog_get(const devices_catalog *c, size_t i);
const devices_data_row *devices_catalog_row(const devices_catalog *c, size_t i);

/* 1 when the i-th device (devices_catalog_get) is one of the user's rows,
 * 0 when it is built in or i is out of range. */
int devices_catalog_user(const devices_catalog *c, size_t i);

/* The device whose id equals `name`, ignoring case (a user row first);
 * NULL if none. */
const qs_device *devices_catalog_find(const devices_catalog *c, const char *name);

/* Up to `max` devices of c whose ids are closest to `name`, user rows and
 * built-in ones alike (see devices_suggest); returns the count. */
size_t devices_catalog_suggest(const devices_catalog *c, const char *name,
                               const qs_device **out, size_t max);

/* `arg` as a device of c (any case), else as a size (devices_resolve). */
int devices_catalog_resolve(const devices_catalog *c, const char *arg, qs_device *out);

/* The device of c a GPU's own name stands for (devices_match_name), user
 * rows first; NULL when none matches. */
const qs_device *devices_catalog_match_name(const devices_catalog *c, const char *gpu_name);

/* A catalog row from a parsed user row: the strings point into *r, which
 * must outlive *out and not move. Returns 0, or -1 when r or out is NULL. */
int devices_from_row(const device_row *r, devices_data_row *out);

/* The built-in table alone, as before user catalogs: for callers that need
 * nothing else (the front end's default targets, tests). */

/* Number of catalogued devices, and the i-th one (NULL when out of range). */
size_t devices_count(void);
const qs_device *devices_get(size_t i);

/* The device whose id equals `name`, ignoring case; NULL if none. */
const qs_device *devices_find(const char *name);

/* Up to `max` catalogued devices whose ids are closest to `name`: ids that
 * contain it (any case) first, then ids within a small edit distance (see
 * suggest_best); returns how many were written to out. */
size_t devices_suggest(const char *name, const qs_device **out, size_t max);

/* Usable capacity in GiB: capacity_gib * gpu_share, where a share in (0, 1]
 * given as `share_override` (else <= 0) replaces the device's own. */
double devices_usable_gib(const qs_device *d, double share_override);

/* The Apple GPU share --apple-share sets: `apple_share` when it is in
 * (0, 1], else DEVICES_APPLE_GPU_SHARE (the share of Macs above 36 GiB;
 * smaller ones get less by default, see devices_share). */
double devices_apple_share(double apple_share);

/* The share of d's capacity the model may use: for an Apple device
 * (DEV_KIND_APPLE) `apple_share` when it is in (0, 1], else d's own
 * gpu_share: for a catalog row without share=, macOS's rule by memory size
 * (device_row_apple_share: 2/3 up to 36 GiB, 3/4 above), applied when the
 * row is read; a row's share= wins over it. Unified memory that is not
 * Apple's (GB10, Jetson, Strix Halo) has its share in the row.
 * MEMORY_ERROR when d is NULL or that share is not in (0, 1]. The one place
 * where the --apple-share override is applied. */
double devices_share(const qs_device *d, double apple_share);

/* This machine's RAM as a device: id DEVICES_HOST_ID, name `label` (kept by
 * pointer), kind DEV_KIND_HOST, CPU inference (is_gpu 0), gpu_share 1,
 * bandwidth unknown (0). capacity_gib 0 means "unknown". Returns 0, or -1
 * when capacity_gib is negative or not finite, or label or out is NULL. */
int devices_host(double capacity_gib, const char *label, qs_device *out);

/* A device of `bytes` capacity for `--device 24GiB`: id and name are
 * `label` (kept by pointer), kind DEV_KIND_CUSTOM, treated as a GPU
 * (is_gpu 1, gpu_share 1), bandwidth unknown (0). Returns 0, or -1 when
 * bytes is not positive and finite or label or out is NULL. */
int devices_from_bytes(double bytes, const char *label, qs_device *out);

/* `arg` as a catalogued id (any case), else as a size that parse_bytes
 * accepts ("24GiB", "16GB"; label = arg). Returns 0 with *out filled, -1
 * when it is neither (then use devices_suggest for the message). */
int devices_resolve(const char *arg, qs_device *out);

/* The catalogued device a GPU's own name (as NVML or sysfs reports it,
 * e.g. "NVIDIA H100 80GB HBM3") stands for, so that a detected GPU gets its
 * bandwidth: the first row whose match or match_exact patterns fit
 * (device_row_matches); NULL when the name is not known. */
const qs_device *devices_match_name(const char *gpu_name);

/* A short lowercase word for a kind: "gpu", "datacenter", "apple",
 * "phone", "board", "laptop", "host", "custom". */
const char *devices_kind_name(dev_kind kind);

#endif
