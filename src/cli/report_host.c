/* report_host.c - the host detection report (quantscope --host), text/JSON.
 *
 * fprintf/snprintf results are ignored: a failed write sets fp's error
 * flag, which out_finish checks at the end of each report. */
#include <stdio.h>

#include "cli/json.h"
#include "cli/out.h"
#include "cli/report_host.h"
#include "model/memory.h"
#include "platform/host.h"

/* Room for "123456.78 GiB". */
#define REPORT_HOST_NUM 48
/* 2^63: byte counts below it fit a long long exactly. */
#define REPORT_HOST_INT_LIMIT 9223372036854775808.0

static double report_host_gib(double bytes)
{
    return bytes / MEMORY_BYTES_PER_GIB;
}

/* "62.73 GiB", or `none` when bytes is negative (unknown). */
static const char *report_host_size(char *buf, size_t size, double bytes, const char *none)
{
    if (bytes < 0.0 || snprintf(buf, size, "%.2f GiB", report_host_gib(bytes)) < 0)
        return none;
    return buf;
}

/* What the usable figure is: available or total, capped or not. */
static const char *report_host_usable_basis(const host_info *info)
{
    int avail = info->ram_available_bytes >= 0.0;
    double base = avail ? info->ram_available_bytes : info->ram_total_bytes;
    int capped = info->cgroup_limit_bytes > 0.0 && info->cgroup_limit_bytes < base;

    if (info->usable_bytes < 0.0)
        return "unknown: RAM not found";
    if (avail)
        return capped ? "available RAM, capped by the cgroup limit" : "available RAM";
    return capped ? "total RAM (available unknown), capped by the cgroup limit"
                  : "total RAM (available unknown)";
}

static const char *report_host_vendor(host_gpu_vendor v)
{
    return v == HOST_GPU_NVIDIA ? "nvidia" : "amd";
}

static void report_host_cgroup_text(FILE *fp, const host_info *info)
{
    char n[REPORT_HOST_NUM];
    double base = info->ram_available_bytes >= 0.0 ? info->ram_available_bytes
                                                   : info->ram_total_bytes;

    if (info->cgroup_limit_bytes > 0.0)
        (void)fprintf(fp, "  %-14s %12s  from %s (cgroup v%d)%s\n", "cgroup limit",
                      report_host_size(n, sizeof n, info->cgroup_limit_bytes, "?"),
                      info->cgroup_source, info->cgroup_version,
                      base >= 0.0 && info->cgroup_limit_bytes >= base ? ", above RAM" : "");
    else if (info->cgroup_source[0])
        (void)fprintf(fp, "  %-14s %12s  %s says max (cgroup v%d)\n", "cgroup limit", "none",
                      info->cgroup_source, info->cgroup_version);
    else
        (void)fprintf(fp, "  %-14s %12s  no cgroup memory limit file found\n", "cgroup limit",
                      "none");
}

int report_host_text(FILE *fp, const host_info *info)
{
    char n[REPORT_HOST_NUM], f[REPORT_HOST_NUM];
    int i;

    (void)fprintf(fp, "This machine (read below %s)\n", info->root);
    (void)fputs("RAM\n", fp);
    if (info->ram_total_bytes >= 0.0)
        (void)fprintf(fp, "  %-14s %12s  from %s (MemTotal)\n", "total",
                      report_host_size(n, sizeof n, info->ram_total_bytes, "unknown"),
                      info->ram_source);
    else
        (void)fprintf(fp, "  %-14s %12s\n", "total", "unknown");
    if (info->ram_available_bytes >= 0.0)
        (void)fprintf(fp, "  %-14s %12s  from %s (MemAvailable)\n", "available",
                      report_host_size(n, sizeof n, info->ram_available_bytes, "unknown"),
                      info->ram_source);
    else
        (void)fprintf(fp, "  %-14s %12s\n", "available", "unknown");
    report_host_cgroup_text(fp, info);
    (void)fprintf(fp, "  %-14s %12s  %s\n", "usable",
                  report_host_size(n, sizeof n, info->usable_bytes, "unknown"),
                  report_host_usable_basis(info));
    (void)fputs("GPUs (listed one by one, never summed)\n", fp);
    if (info->n_gpus == 0)
        (void)fputs("  none found\n", fp);
    for (i = 0; i < info->n_gpus && i < HOST_MAX_GPUS; i++) {
        const host_gpu *g = &info->gpus[i];

        (void)fprintf(fp, "  %d. %s\n", i + 1, g->name);
        if (g->free_bytes >= 0.0)
            (void)fprintf(fp, "     %s total, %s free, from %s",
                          report_host_size(n, sizeof n, g->total_bytes, "?"),
                          report_host_size(f, sizeof f, g->free_bytes, "?"), g->source);
        else
            (void)fprintf(fp, "     %s total, from %s",
                          report_host_size(n, sizeof n, g->total_bytes, "?"), g->source);
        if (g->vendor == HOST_GPU_NVIDIA)
            (void)fprintf(fp, " (index %d)\n", g->index);
        else
            (void)fprintf(fp, " (card%d)\n", g->index);
    }
    (void)fprintf(fp, "NVML: %s\n", info->nvml_status[0] ? info->nvml_status : "not queried");
    if (info->n_messages > 0 || info->messages_dropped > 0) {
        (void)fputs("Problems\n", fp);
        for (i = 0; i < info->n_messages && i < HOST_MAX_MESSAGES; i++)
            (void)fprintf(fp, "  %s\n", info->messages[i]);
        if (info->messages_dropped > 0)
            (void)fprintf(fp, "  (%d more)\n", info->messages_dropped);
    }
    return out_finish(fp);
}

/* A byte count as two members, KEY_gib and KEY_bytes; null when unknown. */
static void report_host_bytes_json(json_writer *w, const char *gib_key, const char *bytes_key,
                                   double bytes)
{
    if (bytes < 0.0) {
        json_null(w, gib_key);
        json_null(w, bytes_key);
        return;
    }
    json_number(w, gib_key, report_host_gib(bytes));
    /* Byte counts are whole numbers: written as integers, not 1.35e+11. */
    if (bytes < REPORT_HOST_INT_LIMIT)
        json_int(w, bytes_key, (long long)bytes);
    else
        json_number(w, bytes_key, bytes);
}

/* A string member, null when empty. */
static void report_host_string_json(json_writer *w, const char *key, const char *s)
{
    json_string(w, key, s[0] ? s : NULL);
}

int report_host_json(FILE *fp, const host_info *info)
{
    json_writer w;
    int i;

    json_init(&w, fp);
    json_begin_object(&w, NULL);
    json_string(&w, "root", info->root);
    json_begin_object(&w, "ram");
    report_host_bytes_json(&w, "total_gib", "total_bytes", info->ram_total_bytes);
    report_host_bytes_json(&w, "available_gib", "available_bytes", info->ram_available_bytes);
    report_host_string_json(&w, "source", info->ram_source);
    json_end_object(&w);
    json_begin_object(&w, "cgroup");
    if (info->cgroup_version > 0)
        json_int(&w, "version", info->cgroup_version);
    else
        json_null(&w, "version");
    report_host_bytes_json(&w, "limit_gib", "limit_bytes",
                           info->cgroup_limit_bytes > 0.0 ? info->cgroup_limit_bytes
                                                          : HOST_UNKNOWN);
    report_host_string_json(&w, "source", info->cgroup_source);
    json_end_object(&w);
    report_host_bytes_json(&w, "usable_gib", "usable_bytes", info->usable_bytes);
    json_string(&w, "usable_basis", report_host_usable_basis(info));
    json_begin_array(&w, "gpus");
    for (i = 0; i < info->n_gpus && i < HOST_MAX_GPUS; i++) {
        const host_gpu *g = &info->gpus[i];

        json_begin_object(&w, NULL);
        json_string(&w, "vendor", report_host_vendor(g->vendor));
        json_int(&w, "index", g->index);
        json_string(&w, "name", g->name);
        report_host_bytes_json(&w, "total_gib", "total_bytes", g->total_bytes);
        report_host_bytes_json(&w, "free_gib", "free_bytes", g->free_bytes);
        json_string(&w, "source", g->source);
        json_end_object(&w);
    }
    json_end_array(&w);
    report_host_string_json(&w, "nvml", info->nvml_status);
    json_begin_array(&w, "messages");
    for (i = 0; i < info->n_messages && i < HOST_MAX_MESSAGES; i++)
        json_string(&w, NULL, info->messages[i]);
    json_end_array(&w);
    json_int(&w, "messages_dropped", info->messages_dropped);
    json_end_object(&w);
    return out_finish_json(&w, fp);
}
