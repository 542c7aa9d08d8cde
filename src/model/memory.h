/* memory.h - exact weight footprints and quantization savings.
 *
 * Layer 1 (model): pure arithmetic, no I/O, no curses. Results are never
 * rounded here; rounding happens only where a number is displayed. */
#ifndef QS_MEMORY_H
#define QS_MEMORY_H

/* Bytes in one GiB (1024^3) and in one decimal GB (10^9). */
#define MEM_BYTES_PER_GIB 1073741824.0
#define MEM_BYTES_PER_GB 1e9
#define MEM_BITS_PER_BYTE 8.0

/* The documented error result of model_memory(): any footprint is >= 0. */
#define MODEL_MEMORY_ERROR (-1.0)

/* The footprint in GiB of `params` weights at `bits_per_param` bits each:
 * params * bits_per_param / 8 / 1024^3, evaluated in that order as doubles.
 * Returns MODEL_MEMORY_ERROR when either argument is zero, negative, NaN or
 * infinite, or when the result is not a finite number. */
double model_memory(double params, double bits_per_param);

/* Savings from one precision to another. On success `ok` is 1,
 * before_gb = model_memory(params, from_bits), after_gb =
 * model_memory(params, to_bits) (both GiB) and ratio = from_bits / to_bits.
 * On invalid arguments `ok` is 0 and the three numbers are
 * MODEL_MEMORY_ERROR. */
typedef struct {
    double before_gb;
    double after_gb;
    double ratio;
    int ok;
} qs_savings;

qs_savings quantization_savings(double params, double from_bits, double to_bits);

/* 1 when x is a usable positive quantity (finite and > 0), else 0. */
int memory_is_positive(double x);

/* Converts GiB to decimal GB: gib * 1024^3 / 10^9. */
double memory_gib_to_gb(double gib);

#endif
