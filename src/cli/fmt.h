/* fmt.h - display formatting of numbers: the one place where they are rounded.
 *
 * Layer: cli. Each function writes a NUL-terminated string into buf
 * (truncated to size) and returns buf, so calls can sit inside printf. */
#ifndef QS_FMT_H
#define QS_FMT_H

#include <stddef.h>

/* A share (0..1) times this is a percentage. */
#define FMT_PERCENT 100.0

/* Shares above this are shown as ">999%" (three digits of percent). */
#define FMT_SHARE_SHOWN_MAX 9.99

/* A parameter count with the largest fitting suffix and two decimals:
 * 124439808 -> "124.44M", 8030261248 -> "8.03B", 1.5e12 -> "1.50T". */
char *fmt_params(char *buf, size_t size, double params);

/* Bits per weight with at most `decimals` decimals and no trailing zeros:
 * (4.8944, 2) -> "4.89", (4.8944, 4) -> "4.8944", (16, 2) -> "16". */
char *fmt_bits(char *buf, size_t size, double bits, int decimals);

/* A precision label: the format's name when fmt_name is not NULL, else
 * "<bits>-bit", e.g. "4.5-bit". */
char *fmt_precision(char *buf, size_t size, double bits, const char *fmt_name);

/* The label of a model: its preset name with the count, e.g.
 * "Llama-3.1-8B (8.03B)", or the count alone with "parameters" for a bare
 * size, e.g. "7.00B parameters". */
char *fmt_model(char *buf, size_t size, const char *name, double params);

/* A KV cache type: its name ("q8_0") when the bits are a named type's,
 * else "<bits>-bit" ("8-bit"). */
char *fmt_kv_type(char *buf, size_t size, double kv_bits);

#endif
