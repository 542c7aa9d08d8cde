/* host_parse.h - parsers for the small text files host detection reads.
 *
 * Layer 4 (platform), but pure: no I/O, so fuzzers and tests call them
 * directly. Every parser takes (text, len): text need not be NUL-terminated
 * and may hold any bytes; nothing is read past len. On failure a one-line
 * reason (without the file name) is written to err (err_size >= 1). */
#ifndef QS_HOST_PARSE_H
#define QS_HOST_PARSE_H

#include <stddef.h>

/* /proc/meminfo counts in "kB", which proc(5) defines as KiB. */
#define HOST_PARSE_BYTES_PER_KB 1024ULL
/* cgroup v1 reports "no limit" as PAGE_COUNTER_MAX * page size, that is
 * LONG_MAX rounded down to a page (9223372036854771712 with 4 KiB pages,
 * kernel mm/page_counter.c); any value from 2^62 up is taken as no limit. */
#define HOST_PARSE_CGROUP_UNLIMITED 4611686018427387904ULL
/* Bits returned by host_parse_proc_cgroup. */
#define HOST_PARSE_CGROUP_V2 1
#define HOST_PARSE_CGROUP_V1 2

/* /proc/meminfo: MemTotal and MemAvailable in bytes. Returns 0 when both
 * are found; 1 when MemTotal is but MemAvailable is missing or malformed
 * (*available = -1, err says why); -1 when MemTotal is missing or malformed
 * (both -1, err says why). The first line of each name counts. */
int host_parse_meminfo(const char *text, size_t len, double *total,
                       double *available, char *err, size_t err_size);

/* A cgroup memory limit (v2 memory.max, v1 memory.limit_in_bytes): "max" or
 * a byte count, then optional whitespace. Returns 0 with *limit in bytes,
 * 1 for no limit ("max", or a v1 value >= HOST_PARSE_CGROUP_UNLIMITED;
 * *limit = 0), or -1 (err says why; *limit = 0). */
int host_parse_cgroup_limit(const char *text, size_t len, double *limit,
                            char *err, size_t err_size);

/* One unsigned decimal integer with optional surrounding whitespace (sysfs
 * values such as mem_info_vram_total). Returns 0, or -1 (err says why). */
int host_parse_uint(const char *text, size_t len, unsigned long long *value,
                    char *err, size_t err_size);

/* A hexadecimal id as sysfs writes it ("0x1002\n"; the 0x is optional), at
 * most 0xffffffff. Returns 0, or -1 (err says why). */
int host_parse_hex_id(const char *text, size_t len, unsigned long *id,
                      char *err, size_t err_size);

/* /proc/self/cgroup: copies the unified (v2, "0::PATH") path into v2 and the
 * v1 memory controller's path ("N:...,memory,...:PATH") into v1. Only
 * absolute paths without "." or ".." components that fit are taken. Returns
 * the HOST_PARSE_CGROUP_V2 / _V1 bits of what was found (0 if none). */
int host_parse_proc_cgroup(const char *text, size_t len, char *v2, size_t v2_size,
                           char *v1, size_t v1_size);

/* Copies a one-line name (e.g. sysfs product_name) into out: stops at the
 * first newline or NUL, replaces other control and non-ASCII bytes with '?',
 * trims spaces at both ends. out is always NUL-terminated (out_size >= 1). */
void host_parse_name(const char *text, size_t len, char *out, size_t out_size);

#endif
