/* host.c - detect RAM, cgroup limit and GPUs below a root directory. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#else
#define _POSIX_C_SOURCE 200809L
#ifdef __APPLE__
#define _DARWIN_C_SOURCE 1
#endif
#endif

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __APPLE__
#include <errno.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/sysctl.h>
#endif

#include "platform/host.h"
#include "platform/host_parse.h"
#include "platform/nvml.h"
#include "platform/rootfs.h"

/* DRM cards read at most (cardN entries in sys/class/drm). */
#define HOST_MAX_CARDS 64
/* PCI vendor id of AMD/ATI (PCI-SIG vendor list; amdgpu's PCI_VENDOR_ID_ATI). */
#define HOST_PCI_VENDOR_AMD 0x1002UL
/* Where cgroup hierarchies are mounted, relative to the root. */
#define HOST_CGROUP_V2_MOUNT "sys/fs/cgroup"
#define HOST_CGROUP_V1_MOUNT "sys/fs/cgroup/memory"
#define HOST_CGROUP_V2_FILE "memory.max"
#define HOST_CGROUP_V1_FILE "memory.limit_in_bytes"
#define HOST_DRM_DIR "sys/class/drm"
/* DRM card entries are "card" and a number of at most HOST_CARD_DIGITS
 * digits (enough for any int). */
#define HOST_CARD_PREFIX "card"
#define HOST_CARD_PREFIX_LEN (sizeof HOST_CARD_PREFIX - 1)
#define HOST_CARD_DIGITS 9
#define HOST_CARD_NAME_MAX (HOST_CARD_PREFIX_LEN + HOST_CARD_DIGITS)

void host_info_add_message(host_info *info, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (!info)
        return;
    if (info->n_messages >= HOST_MAX_MESSAGES) {
        if (info->messages_dropped < INT_MAX)
            info->messages_dropped++;
        return;
    }
    va_start(ap, fmt);
    n = vsnprintf(info->messages[info->n_messages], HOST_MSG_LEN, fmt, ap);
    va_end(ap);
    if (n < 0)
        info->messages[info->n_messages][0] = '\0';
    info->n_messages++;
}

/* Copies s into dst (size bytes); returns 0, or -1 when it was cut. */
static int host_copy(char *dst, size_t size, const char *s)
{
    int n = snprintf(dst, size, "%s", s);

    if (n < 0) {
        dst[0] = '\0';
        return -1;
    }
    return (size_t)n >= size ? -1 : 0;
}

#ifdef __APPLE__
/* macOS: total RAM from sysctl hw.memsize (no MemAvailable there). */
static void host_detect_ram_sysctl(host_info *out)
{
    uint64_t mem = 0;
    size_t len = sizeof mem;

    if (sysctlbyname("hw.memsize", &mem, &len, NULL, 0) != 0 || len != sizeof mem) {
        host_info_add_message(out, "cannot read sysctl hw.memsize: %s", strerror(errno));
        return;
    }
    out->ram_total_bytes = (double)mem;
    (void)host_copy(out->ram_source, sizeof out->ram_source, "sysctl hw.memsize");
}
#endif

static void host_detect_meminfo(const char *root, host_info *out)
{
    char why[256];
    rootfs_file f;
    rootfs_status st;
    int rc;

    st = rootfs_read(root, "proc/meminfo", &f);
    if (st == ROOTFS_MISSING) {
        host_info_add_message(out, "cannot read %s: not found", f.path);
        return;
    }
    if (st == ROOTFS_ERROR) {
        host_info_add_message(out, "%s", f.error);
        return;
    }
    rc = host_parse_meminfo(f.data, f.len, &out->ram_total_bytes, &out->ram_available_bytes,
                            why, sizeof why);
    if (rc != 0)
        host_info_add_message(out, "cannot parse %s: %s", f.path, why);
    if (rc >= 0)
        (void)host_copy(out->ram_source, sizeof out->ram_source, f.path);
}

/* Reads one cgroup limit file and folds it into out: the smallest limit
 * binds; a "max" is remembered as the source only while no limit is. */
static void host_cgroup_file(const char *root, const char *rel, host_cgroup_version version,
                             host_info *out)
{
    char why[256];
    rootfs_file f;
    rootfs_status st;
    double limit;
    int rc;

    st = rootfs_read(root, rel, &f);
    if (st == ROOTFS_MISSING)
        return;
    if (st == ROOTFS_ERROR) {
        host_info_add_message(out, "%s", f.error);
        return;
    }
    rc = host_parse_cgroup_limit(f.data, f.len, &limit, why, sizeof why);
    if (rc < 0) {
        host_info_add_message(out, "cannot parse %s: %s", f.path, why);
        return;
    }
    if (rc == 0 && limit <= 0.0) {
        host_info_add_message(out, "ignored %s: a limit of 0 bytes", f.path);
        return;
    }
    if (rc == 0 && (out->cgroup_limit_bytes <= 0.0 || limit < out->cgroup_limit_bytes)) {
        out->cgroup_limit_bytes = limit;
        out->cgroup_version = version;
        (void)host_copy(out->cgroup_source, sizeof out->cgroup_source, f.path);
    } else if (rc == 1 && out->cgroup_limit_bytes <= 0.0 && !out->cgroup_source[0]) {
        out->cgroup_version = version;
        (void)host_copy(out->cgroup_source, sizeof out->cgroup_source, f.path);
    }
}

/* Reads mount/PATH/file for the cgroup path and each ancestor up to the
 * mount itself (limits of ancestors apply too; in a container the path
 * from proc/self/cgroup may not exist below the mount, then only the
 * levels that exist are read). */
static void host_cgroup_walk(const char *root, const char *mount, const char *cg_path,
                             const char *file, host_cgroup_version version, host_info *out)
{
    char path[HOST_PATH_LEN];
    char rel[HOST_PATH_LEN];
    size_t len;
    int n;

    if (host_copy(path, sizeof path, cg_path) != 0)
        return;
    len = strlen(path);
    for (;;) {
        while (len > 0 && path[len - 1] == '/')
            path[--len] = '\0';
        n = snprintf(rel, sizeof rel, "%s%s/%s", mount, path, file);
        if (n > 0 && (size_t)n < sizeof rel)
            host_cgroup_file(root, rel, version, out);
        if (len == 0)
            break;
        while (len > 0 && path[len - 1] != '/')
            path[--len] = '\0';
    }
}

static void host_detect_cgroup(const char *root, host_info *out)
{
    char v2[HOST_PATH_LEN], v1[HOST_PATH_LEN];
    rootfs_file f;
    rootfs_status st;
    int found = 0;

    st = rootfs_read(root, "proc/self/cgroup", &f);
    if (st == ROOTFS_OK)
        found = host_parse_proc_cgroup(f.data, f.len, v2, sizeof v2, v1, sizeof v1);
    else if (st == ROOTFS_ERROR)
        host_info_add_message(out, "%s", f.error);
    host_cgroup_walk(root, HOST_CGROUP_V2_MOUNT, (found & HOST_PARSE_CGROUP_V2) ? v2 : "/",
                     HOST_CGROUP_V2_FILE, HOST_CGROUP_V2, out);
    host_cgroup_walk(root, HOST_CGROUP_V1_MOUNT, (found & HOST_PARSE_CGROUP_V1) ? v1 : "/",
                     HOST_CGROUP_V1_FILE, HOST_CGROUP_V1, out);
}

static void host_detect_usable(host_info *out)
{
    double base = out->ram_available_bytes >= 0.0 ? out->ram_available_bytes
                                                  : out->ram_total_bytes;

    if (base < 0.0) {
        out->usable_bytes = HOST_UNKNOWN;
        return;
    }
    if (out->cgroup_limit_bytes > 0.0 && out->cgroup_limit_bytes < base)
        base = out->cgroup_limit_bytes;
    out->usable_bytes = base;
}

/* Folds what the NVML probe found into out (GPUs up to HOST_MAX_GPUS). */
static void host_merge_nvml(const nvml_report *r, host_info *out)
{
    int i;

    (void)host_copy(out->nvml_status, sizeof out->nvml_status, r->status);
    for (i = 0; i < r->n_gpus && i < HOST_MAX_GPUS; i++) {
        if (out->n_gpus >= HOST_MAX_GPUS) {
            host_info_add_message(out, "NVML GPU %d left out: only %d GPUs are listed",
                                  r->gpus[i].index, HOST_MAX_GPUS);
            continue;
        }
        out->gpus[out->n_gpus++] = r->gpus[i];
    }
    for (i = 0; i < r->n_messages && i < HOST_MAX_MESSAGES; i++)
        host_info_add_message(out, "%s", r->messages[i]);
    if (r->messages_dropped > 0)
        out->messages_dropped = out->messages_dropped > INT_MAX - r->messages_dropped
                                    ? INT_MAX : out->messages_dropped + r->messages_dropped;
}

static void host_detect_nvidia(const host_options *opt, int is_real, host_info *out)
{
    nvml_report r;
    int timeout_ms = (opt && opt->nvml_timeout_ms > 0) ? opt->nvml_timeout_ms
                                                       : HOST_NVML_TIMEOUT_MS;

    if (!(opt && opt->nvml) && !is_real) {
        (void)host_copy(out->nvml_status, sizeof out->nvml_status,
                        "not queried (root is not /)");
        return;
    }
    (void)nvml_probe(opt ? opt->nvml : NULL, timeout_ms, &r);
    host_merge_nvml(&r, out);
}

/* Keeps directory entries named cardN (not the cardN-CONNECTOR ones). */
static int host_is_card(const char *name)
{
    size_t i;

    if (strncmp(name, HOST_CARD_PREFIX, HOST_CARD_PREFIX_LEN) != 0 ||
        !name[HOST_CARD_PREFIX_LEN])
        return 0;
    for (i = HOST_CARD_PREFIX_LEN; name[i]; i++) {
        if (name[i] < '0' || name[i] > '9' || i >= HOST_CARD_NAME_MAX)
            return 0;
    }
    return 1;
}

static int host_card_number(const char *name)
{
    return (int)strtol(name + HOST_CARD_PREFIX_LEN, NULL, 10);
}

/* cardN in numeric order of N (card2 before card10); the names break a
 * tie (card01 and card1), so the order never depends on the directory. */
static int host_card_before(const char *a, const char *b)
{
    int x = host_card_number(a), y = host_card_number(b);

    if (x != y)
        return x < y ? -1 : 1;
    return strcmp(a, b);
}

/* Reads sys/class/drm/CARD/device/FILE; returns the status, f filled. */
static rootfs_status host_card_read(const char *root, const char *card, const char *file,
                                    rootfs_file *f)
{
    char rel[HOST_PATH_LEN];
    int n = snprintf(rel, sizeof rel, "%s/%s/device/%s", HOST_DRM_DIR, card, file);

    if (n < 0 || (size_t)n >= sizeof rel)
        return ROOTFS_MISSING;
    return rootfs_read(root, rel, f);
}

/* 1 when the card's vendor file is absent or says AMD. */
static int host_card_is_amd(const char *root, const char *card, host_info *out)
{
    char why[256];
    unsigned long id;
    rootfs_file f;
    rootfs_status st = host_card_read(root, card, "vendor", &f);

    if (st == ROOTFS_MISSING)
        return 1;
    if (st == ROOTFS_ERROR) {
        host_info_add_message(out, "%s", f.error);
        return 1;
    }
    if (host_parse_hex_id(f.data, f.len, &id, why, sizeof why) != 0) {
        host_info_add_message(out, "cannot parse %s: %s", f.path, why);
        return 1;
    }
    if (id != HOST_PCI_VENDOR_AMD) {
        host_info_add_message(out, "%s: vendor 0x%04lx is not AMD (0x1002), card left out",
                              f.path, id);
        return 0;
    }
    return 1;
}

/* Product name, or "AMD GPU 0xDEVICE (cardN)", or "AMD GPU (cardN)". */
static void host_card_name(const char *root, const char *card, host_gpu *g)
{
    char why[128];
    unsigned long id;
    rootfs_file f;
    int n;

    if (host_card_read(root, card, "product_name", &f) == ROOTFS_OK) {
        host_parse_name(f.data, f.len, g->name, sizeof g->name);
        if (g->name[0])
            return;
    }
    if (host_card_read(root, card, "device", &f) == ROOTFS_OK
        && host_parse_hex_id(f.data, f.len, &id, why, sizeof why) == 0)
        n = snprintf(g->name, sizeof g->name, "AMD GPU 0x%04lx (%s)", id, card);
    else
        n = snprintf(g->name, sizeof g->name, "AMD GPU (%s)", card);
    if (n < 0)
        g->name[0] = '\0';
}

/* Free VRAM from mem_info_vram_used, when present and sane. */
static double host_card_free(const char *root, const char *card, double total, host_info *out)
{
    char why[256];
    unsigned long long used;
    rootfs_file f;
    rootfs_status st = host_card_read(root, card, "mem_info_vram_used", &f);

    if (st == ROOTFS_MISSING)
        return HOST_UNKNOWN;
    if (st == ROOTFS_ERROR) {
        host_info_add_message(out, "%s", f.error);
        return HOST_UNKNOWN;
    }
    if (host_parse_uint(f.data, f.len, &used, why, sizeof why) != 0) {
        host_info_add_message(out, "cannot parse %s: %s", f.path, why);
        return HOST_UNKNOWN;
    }
    if ((double)used > total) {
        host_info_add_message(out, "ignored %s: more used than the total", f.path);
        return HOST_UNKNOWN;
    }
    return total - (double)used;
}

static void host_detect_amd_card(const char *root, const char *card, host_info *out)
{
    char why[256];
    unsigned long long total;
    rootfs_file f;
    rootfs_status st;
    host_gpu *g;

    st = host_card_read(root, card, "mem_info_vram_total", &f);
    if (st == ROOTFS_MISSING)
        return;                 /* not an amdgpu card */
    if (st == ROOTFS_ERROR) {
        host_info_add_message(out, "%s", f.error);
        return;
    }
    if (host_parse_uint(f.data, f.len, &total, why, sizeof why) != 0) {
        host_info_add_message(out, "cannot parse %s: %s", f.path, why);
        return;
    }
    if (total == 0) {
        host_info_add_message(out, "ignored %s: 0 bytes of VRAM", f.path);
        return;
    }
    if (!host_card_is_amd(root, card, out))
        return;
    if (out->n_gpus >= HOST_MAX_GPUS) {
        host_info_add_message(out, "%s left out: only %d GPUs are listed", card, HOST_MAX_GPUS);
        return;
    }
    g = &out->gpus[out->n_gpus];
    memset(g, 0, sizeof *g);
    g->vendor = HOST_GPU_AMD;
    g->index = host_card_number(card);
    g->total_bytes = (double)total;
    (void)host_copy(g->source, sizeof g->source, f.path);
    host_card_name(root, card, g);
    g->free_bytes = host_card_free(root, card, g->total_bytes, out);
    out->n_gpus++;
}

static void host_detect_amd(const char *root, host_info *out)
{
    static const rootfs_filter cards_only = { host_is_card, host_card_before };
    rootfs_name cards[HOST_MAX_CARDS];
    rootfs_dir d;
    int n, i;

    switch (rootfs_list(root, HOST_DRM_DIR, &cards_only, cards, HOST_MAX_CARDS, &d)) {
    case ROOTFS_MISSING:
        return;                 /* no DRM drivers: not an error */
    case ROOTFS_ERROR:
        host_info_add_message(out, "%s", d.error);
        return;
    case ROOTFS_OK:
        break;
    }
    n = d.matched;
    if (n > HOST_MAX_CARDS) {
        host_info_add_message(out, "%d DRM cards, only the %d lowest-numbered are read "
                              "(%d left out)", n, HOST_MAX_CARDS, n - HOST_MAX_CARDS);
        n = HOST_MAX_CARDS;
    }
    for (i = 0; i < n; i++)
        host_detect_amd_card(root, cards[i].name, out);
}

int host_detect(const host_options *opt, host_info *out)
{
    const char *root;
    unsigned probe;
    int is_real;

    if (!out)
        return -1;
    memset(out, 0, sizeof *out);
    out->ram_total_bytes = HOST_UNKNOWN;
    out->ram_available_bytes = HOST_UNKNOWN;
    out->usable_bytes = HOST_UNKNOWN;
    root = (opt && opt->root && *opt->root) ? opt->root : "/";
    probe = (opt && (opt->probe & HOST_PROBE_ALL)) ? opt->probe : HOST_PROBE_ALL;
    is_real = strcmp(root, "/") == 0;
    if (host_copy(out->root, sizeof out->root, root) != 0)
        host_info_add_message(out, "root directory name too long: %.60s...", root);
    if (!rootfs_is_dir(root, ""))
        host_info_add_message(out, "root %s is not a directory", out->root);
    if (probe & HOST_PROBE_RAM) {
#ifdef __APPLE__
        if (is_real)
            host_detect_ram_sysctl(out);
        else
            host_detect_meminfo(root, out);
#else
        host_detect_meminfo(root, out);
#endif
        host_detect_cgroup(root, out);
        host_detect_usable(out);
    }
    if (probe & HOST_PROBE_GPUS) {
        host_detect_nvidia(opt, is_real, out);
        host_detect_amd(root, out);
    } else {
        (void)host_copy(out->nvml_status, sizeof out->nvml_status,
                        "not queried (GPUs not asked for)");
    }
    return (out->n_messages > 0 || out->messages_dropped > 0) ? 1 : 0;
}

double host_info_usable_bytes(const host_info *info)
{
    if (!info || !(info->usable_bytes >= 0.0))
        return HOST_UNKNOWN;
    return info->usable_bytes;
}
