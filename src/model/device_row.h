/* device_row.h - one device of the catalog as a line of text.
 *
 * Layer 1 (model): pure, no I/O, no allocation. A row of data/devices.tsv
 * (and of a user's own devices.tsv) is
 *
 *     id <TAB> display name <TAB> kind <TAB> key=value <TAB> key=value ...
 *
 * kind is one of the catalogued kinds' names (gpu, datacenter, apple,
 * phone, board, laptop; device_row_kind_name). Keys: exactly one of
 * memory_gib, memory_mib and memory_bytes (the capacity, converted to GiB);
 * bandwidth_gbs, tflops, share, is_gpu, match, match_exact (optional);
 * verified and source (required). data/devices.tsv documents every key and the kind
 * defaults of share and is_gpu; the table in device_row.c is the
 * authority. A key may appear once. Lines starting with '#' and blank lines
 * are comments. This module calls nothing of devices.c (the generator that
 * builds devices.c's table links it). */
#ifndef QS_DEVICE_ROW_H
#define QS_DEVICE_ROW_H

#include <stddef.h>

#include "model/devices_data.h"

/* The longest line accepted, without its line ending. */
#define DEVICE_ROW_MAX_LINE 2048
/* Longest id, display name, match / match_exact list, source (characters). */
#define DEVICE_ROW_ID_MAX 31
#define DEVICE_ROW_NAME_MAX 63
#define DEVICE_ROW_MATCH_MAX 255
#define DEVICE_ROW_SOURCE_MAX 1023
/* The room device_row_parse needs for any of its messages. */
#define DEVICE_ROW_ERR_SIZE 160

/* macOS's GPU working-set limit (MTLDevice.recommendedMaxWorkingSetSize) by
 * memory size: 2/3 of unified memory up to DEVICE_ROW_APPLE_RULE_GIB, 3/4
 * above. Source: shared/reference/devices-serving-2026.md section 1.8, the
 * recommendation drawn from reported values (16 GB M1 10922.67 MB,
 * abetlen/llama-cpp-python #687; 32 GB M2 Max 21845.34 MB, ollama/ollama
 * #434; 64/96/128/192 GB at 3/4, Rapid-MLX PR #183). Apple documents no
 * formula (UNVERIFIED as a formula); newer macOS gives large machines more
 * (0.84 at 128 GB on macOS 26), which a row states with share=. The rule is
 * the default share of kinds apple and phone (the iPhone's limit assumed to
 * be the Mac's, UNVERIFIED); DEVICES_APPLE_GPU_SHARE is its share above the
 * threshold. */
#define DEVICE_ROW_APPLE_RULE_GIB 36.0
#define DEVICE_ROW_APPLE_SMALL_SHARE (2.0 / 3.0)
#define DEVICE_ROW_APPLE_LARGE_SHARE DEVICES_APPLE_GPU_SHARE

/* One row. `dev.id` points at `id` and `dev.name` at `name` inside the
 * same struct: a plain struct copy (`b = a`) leaves b.dev pointing into a,
 * valid only while a lives and unchanged. Copy with device_row_copy(),
 * which re-points them. */
typedef struct {
    char id[DEVICE_ROW_ID_MAX + 1];             /* e.g. "rtx-4090" */
    char name[DEVICE_ROW_NAME_MAX + 1];         /* e.g. "RTX 4090" */
    char match[DEVICE_ROW_MATCH_MAX + 1];       /* "" when the row has none */
    char match_exact[DEVICE_ROW_MATCH_MAX + 1]; /* "" when the row has none */
    qs_device dev;
    int verified;            /* 1: no value of the row is UNVERIFIED */
    char source[DEVICE_ROW_SOURCE_MAX + 1];
} device_row;

/* Parses `line` (`len` bytes, no NUL needed; a trailing "\n" or "\r\n" is
 * ignored) into *out. Returns 0 for a row, 1 for a comment or blank line
 * (*out untouched), -1 for a bad line: then `err` (when errsize > 0) holds a
 * one-line reason naming the field and what it accepts, e.g. "unknown key
 * 'bandwith'", "duplicate key 'share'", "missing field 'source'",
 * "memory_gib: expected a number above 0 and at most 1e6, got 'x'",
 * "kind: expected gpu, datacenter, apple, phone, board or laptop, got
 * 'tpu'" (control bytes of a quoted value shown as '?'), and *out is
 * unspecified. A line over DEVICE_ROW_MAX_LINE is refused. */
int device_row_parse(const char *line, size_t len, device_row *out, char *err,
                     size_t errsize);

/* *dst = *src with dst->dev.id and dst->dev.name pointing into dst. */
void device_row_copy(device_row *dst, const device_row *src);

/* A short lowercase word for a kind: "gpu", "datacenter", "apple",
 * "phone", "board", "laptop", "host", "custom"; "?" for any other value.
 * A row may name the first six (the catalogued kinds). */
const char *device_row_kind_name(dev_kind kind);

/* The GPU share macOS's rule gives `capacity_gib` of unified memory:
 * DEVICE_ROW_APPLE_SMALL_SHARE up to DEVICE_ROW_APPLE_RULE_GIB (and for a
 * capacity that is not a number above 0), DEVICE_ROW_APPLE_LARGE_SHARE above
 * it. */
double device_row_apple_share(double capacity_gib);

/* 1 when `gpu_name` (NUL-terminated) contains one of the '|'-separated
 * patterns of `match` or equals one of those of `match_exact`, ignoring
 * ASCII case; 0 otherwise, and when any argument is NULL or a pattern list
 * is "". */
int device_row_matches(const char *match, const char *match_exact, const char *gpu_name);

#endif
