/* formats.h - the table of named precisions (FP32 ... IQ1_S).
 *
 * Layer 1 (model): a compiled-in table, no I/O. `bits` is what footprints
 * use: for GGUF types the effective whole-file bits per weight measured on
 * Llama-3.1-8B, with the block-math nominal value kept beside it. */
#ifndef QS_FORMATS_H
#define QS_FORMATS_H

#include <stddef.h>

typedef enum {
    FMT_FAMILY_FLOAT,      /* IEEE-style floats: FP32, FP16, BF16, FP8 */
    FMT_FAMILY_INT,        /* plain integer weights: INT8, INT4, INT2 */
    FMT_FAMILY_GGUF,       /* llama.cpp block formats: Q*_*, IQ*_* */
    FMT_FAMILY_GROUP,      /* group-quantized GPU formats: GPTQ, AWQ, NF4 */
    FMT_FAMILY_TERNARY     /* ternary-trained models (BitNet b1.58) */
} fmt_family;

typedef struct {
    const char *name;      /* canonical name, e.g. "Q4_K_M" */
    const char *aliases;   /* other accepted names, space-separated, lowercase */
    double bits;           /* bits per weight used for footprints */
    double nominal_bits;   /* nominal bits per weight from the block layout */
    fmt_family family;
    double ppl_delta;      /* published perplexity increase; NAN if none */
    const char *ppl_ref;   /* model the perplexity was measured on, or NULL */
    const char *quality;   /* one-line quality note */
    int basic;             /* 1 for the rows of the default table */
} qs_format;

/* Number of named precisions in the table. */
size_t formats_count(void);

/* The i-th named precision (0 <= i < formats_count()), in table order:
 * descending by `bits` (FP16 before BF16). NULL when out of range. */
const qs_format *formats_get(size_t i);

/* The precision named `name`, matched case-insensitively against the
 * canonical name and its aliases (fp16/f16/half, int4/q4, ...). NULL if none. */
const qs_format *formats_find(const char *name);

/* The named precision whose `bits` is closest to `bits`; ties go to the
 * earlier row. Never NULL for a finite argument; NULL for NaN. */
const qs_format *formats_nearest(double bits);

/* The named precision with the smallest `bits` strictly above `bits`
 * (dir > 0) or the largest strictly below it (dir < 0), skipping rows of the
 * same size; NULL when there is none. */
const qs_format *formats_step(double bits, int dir);

/* A short lowercase word for a family: "float", "int", "gguf", ... */
const char *formats_family_name(fmt_family family);

#endif
