/* formats.h - the table of named precisions: every llama.cpp file type, the
 * other ecosystems' checkpoint formats (GPTQ, AWQ, bitsandbytes, FP8, NVFP4,
 * MXFP4, EXL2/EXL3, MLX) and the plain widths (FP32 ... INT2).
 *
 * Layer 1 (model): the table is data (data/formats.tsv, one row per format
 * with its source), compiled into formats_data.c by the build (tools/gendata
 * formats); no I/O. `bits` is what footprints use: for GGUF types the
 * effective whole-file bits per weight measured on Llama-3.1-8B where one is
 * published, else the block math of the layout (bits_kind says which). The
 * exact bytes of a model in a format come from layouts.h, tensor by tensor.
 *
 * Two views of the table: the ladder (formats_count / formats_get: the rows
 * the table overlay, the reports, stepping and "nearest" walk, the same 22
 * as before the full set of file types came) and all rows
 * (formats_all_count / formats_all_get). formats_find and formats_parse
 * know every row. */
#ifndef QS_FORMATS_H
#define QS_FORMATS_H

#include <stddef.h>

#include "model/formats_data.h"

/* Number of named precisions on the ladder. */
size_t formats_count(void);

/* The i-th named precision of the ladder (0 <= i < formats_count()), in
 * table order: descending by `bits` (FP16 before BF16). NULL when out of range. */
const qs_format *formats_get(size_t i);

/* Every row, ladder or not, in table order (descending by `bits`). */
size_t formats_all_count(void);
const qs_format *formats_all_get(size_t i);

/* The precision named `name`, matched case-insensitively against every
 * row's canonical name, then against the aliases (fp16/f16/half, int4/q4,
 * gptq-int4, nf4-dq, llm.int8, mlx-4bit, ...). NULL if none. */
const qs_format *formats_find(const char *name);

/* A name as -f takes it: any name formats_find knows (*bits = the row's
 * bits), or a variable-rate format with its rate: the name or an alias,
 * one of '-', ':', '_', '@' or ' ', a decimal number and an optional
 * "bpw" or "b" ("exl2-4.65", "EXL2:4.65bpw", "exl3_3b"); *bits = that
 * rate, which must lie in the row's [bits_lo, bits_hi]. Returns 0 with *f
 * and *bits set, or -1 (both untouched) for anything else. */
int formats_parse(const char *name, const qs_format **f, double *bits);

/* A precision given by bits ("4.5", parse_bits) or by name as
 * formats_parse takes it ("q4_k_m", "FP16", "exl2-4.65"). On success *bits
 * is set, and *fmt to the named row (NULL for plain bits); -1 otherwise. */
int formats_precision(const char *s, double *bits, const qs_format **fmt);

/* "Did you mean": up to max rows for a name formats_parse refused, best
 * first: rows whose name or alias equals it once case and the separators
 * '_', '-', '.', ':' and ' ' are ignored ("q4km" -> Q4_K_M), then the
 * nearest names by suggest_best (suggest.h). Returns how many were written. */
size_t formats_suggest(const char *name, const qs_format **out, size_t max);

/* One line about a row's measured quality, e.g.
 *   "+0.1754 ppl (+2.8%) vs F16, measured by llama.cpp on Llama-3-8B;
 *    larger models lose less: ... (llama.cpp PR #1684)"
 * (one line, no newline), the relative change left out when the reference
 * perplexity is unpublished, and "no perplexity measurement published for
 * NAME" for a row without one. Returns 0, or -1 when f or buf is NULL or the
 * line did not fit in size bytes (then buf holds it cut short). */
int formats_quality_line(const qs_format *f, char *buf, size_t size);

/* The row of a llama.cpp file type (a gguf_ftype value); NULL if none. */
const qs_format *formats_of_gguf(int ftype);

/* The nearest named precision on the ladder to `bits`; ties go to the
 * earlier row. Never NULL for a finite argument; NULL for NaN. */
const qs_format *formats_nearest(double bits);

/* The ladder's named precision with the smallest `bits` strictly above
 * `bits` (dir > 0) or the largest strictly below it (dir < 0), skipping
 * rows of the same size; NULL when there is none. */
const qs_format *formats_step(double bits, int dir);

/* A short lowercase word for a family: "float", "int", "gguf", ...;
 * "unknown" for any other value. */
const char *formats_family_name(fmt_family family);

/* The words of a layout ("gptq", "nf4-dq", ...) and of a bits kind
 * ("measured", "block", ...); "unknown" for any other value. */
const char *formats_layout_name(fmt_layout layout);
const char *formats_bits_kind_name(fmt_bits_kind kind);

#endif
