/* exact.h - every named format's exact size for one model.
 *
 * Layer 1 (model): no I/O. A format's `bits` is one number measured on one
 * model (formats.h); a catalog model in that format weighs what its own
 * tensors weigh: llama.cpp's per-tensor rules for a GGUF file type
 * (gguf_rules.h), each library's layout for GPTQ, AWQ, bitsandbytes, FP8,
 * NVFP4, MXFP4, EXL2/EXL3 and MLX (layouts.h). The table holds, for every
 * row of the format table, the model's effective bits per weight in it:
 * the weights' bytes x 8 / the model's parameters, so that params x bits /
 * 8 (the lesson's formula, memory.h) gives those bytes exactly. Rows
 * without a layout (INT4, TERNARY, ...) and a bare size keep the row's own
 * bits. Filling the table ALLOCATES the model's tensor list for the time of
 * the call. */
#ifndef QS_EXACT_H
#define QS_EXACT_H

#include <stddef.h>
#include <stdint.h>

#include "model/formats.h"
#include "model/models.h"

/* Rows of the format table the table can hold (all of them, checked). */
#define EXACT_FORMATS_MAX 160

typedef struct {
    const qs_model *model;          /* whose sizes; NULL: none */
    size_t n;                       /* rows filled: formats_all_count() */
    double bits[EXACT_FORMATS_MAX]; /* row i of formats_all_get; 0: the row's own */
} exact_table;

/* No model: every row keeps its own bits. (exact_fill: a model read from
 * files, model->stored, has its own type at the files' exact bits, and the
 * other rows from its architecture when that is known.) */
void exact_clear(exact_table *t);

/* The table for catalog model m (NULL: exact_clear). Returns 0, or -1 when
 * the tensor list cannot be made (then the table is cleared). */
int exact_fill(exact_table *t, const qs_model *m);

/* f's bits for the table's model: exact where the table has them, else
 * f->bits. t may be NULL. */
double exact_bits(const exact_table *t, const qs_format *f);

/* What model m weighs in format f by its own tensors, in bytes rounded to
 * a whole byte (its exact bits x total / 8); 0 when f or m is NULL or it
 * cannot be said. ALLOCATES for the time of the call, as exact_fill. */
int64_t exact_bytes(const qs_model *m, const qs_format *f);

/* A variable-rate format (EXL2, EXL3) at `rate` bits for model m: the
 * effective bits of its layout (the head and embeddings at their own
 * widths); `rate` itself when m is NULL or the format has no layout.
 * Allocates as exact_fill. */
double exact_rate_bits(const qs_model *m, const qs_format *f, double rate);

/* The ladder's named precision (formats_get) with the smallest exact bits
 * strictly above `bits` (dir > 0) or the largest strictly below (dir < 0),
 * skipping rows of the same size; NULL when there is none. */
const qs_format *exact_step(const exact_table *t, double bits, int dir);

/* The ladder's named precision nearest to `bits` by its exact bits (ties:
 * the earlier row); NULL for NaN. */
const qs_format *exact_nearest(const exact_table *t, double bits);

#endif
