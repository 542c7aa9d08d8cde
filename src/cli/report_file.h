/* report_file.h - what the footprint report adds about a named format on a
 * catalog model: its quality line (what the number is, where and by whom
 * it was measured, and whether on this model), and for a llama.cpp file
 * type the predicted GGUF file (tensor data + header), with its tensor
 * groups and their types on request.
 *
 * Layer: cli. Text writes are checked by out_finish in the caller. */
#ifndef QS_REPORT_FILE_H
#define QS_REPORT_FILE_H

#include <stdio.h>

#include "cli/json.h"
#include "model/formats.h"
#include "model/models.h"

/* Most tensor groups --tensors lists (one per name pattern and type). */
#define REPORT_FILE_GROUPS_MAX 256

/* "quality: NOTE" and "perplexity: LINE" (formats_quality_line) for q, the
 * named format or (near 1) the named precision nearest to the bits; with
 * `model` (a catalog model's name, or NULL for a bare size) a line saying
 * when the figure was not measured on it. */
void report_file_quality_text(FILE *fp, const qs_format *q, int near, const char *model);

/* The same as JSON members: "quality", "ppl_delta", "quality_line",
 * "ppl_measured_on" and "ppl_on_this_model" (null for a bare size). */
void report_file_quality_json(json_writer *w, const qs_format *q, const char *model);

/* For a llama.cpp file type on catalog model m: "GGUF file: N bytes
 * predicted ..." and, with `tensors`, the tensor groups with their types.
 * Nothing for another format or without a model. */
void report_file_gguf_text(FILE *fp, const qs_model *m, const qs_format *f, int tensors);

/* The same as a JSON member "gguf_file" (null when not a GGUF file type on
 * a catalog model): bytes, header_bytes, tensor_bytes and, with `tensors`,
 * the array "groups". */
void report_file_gguf_json(json_writer *w, const qs_model *m, const qs_format *f, int tensors);

#endif
