/* memory.h - exact weight footprints and quantization savings.
 *
 * Layer 1 (model): pure arithmetic, no I/O, no curses. Results are never
 * rounded here; rounding happens only where a number is displayed. */
#ifndef QS_MEMORY_H
#define QS_MEMORY_H

/* Bytes in one GiB (1024^3) and in one decimal GB (10^9). */
#define MEMORY_BYTES_PER_GIB 1073741824.0
#define MEMORY_BYTES_PER_GB 1e9
#define MEMORY_BITS_PER_BYTE 8.0

/* The documented error result of memory_footprint_gib(): any footprint is >= 0. */
#define MEMORY_ERROR (-1.0)

/* The footprint in GiB of `params` weights at `bits_per_param` bits each:
 * params * bits_per_param / 8 / 1024^3, evaluated in that order as doubles.
 * Returns MEMORY_ERROR when either argument is zero, negative, NaN or
 * infinite, or when the result is not a finite number. */
double memory_footprint_gib(double params, double bits_per_param);

/* Savings from one precision to another. On success `ok` is 1,
 * before_gib = memory_footprint_gib(params, from_bits), after_gib =
 * memory_footprint_gib(params, to_bits) (both GiB) and ratio = from_bits / to_bits.
 * On invalid arguments `ok` is 0 and the three numbers are
 * MEMORY_ERROR. */
typedef struct {
    double before_gib;         /* JSON key "before_gb", as the lesson names it */
    double after_gib;          /* JSON key "after_gb" */
    double ratio;
    int ok;
} qs_savings;

qs_savings memory_savings(double params, double from_bits, double to_bits);

/* 1 when x is a usable positive quantity (finite and > 0), else 0. */
int memory_is_positive(double x);

/* Converts GiB to decimal GB: gib * 1024^3 / 10^9. */
double memory_gib_to_gb(double gib);

#endif
