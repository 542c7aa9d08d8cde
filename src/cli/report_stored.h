/* report_stored.h - what the reports say about a model read from files:
 * the file, its container, architecture and type, the exact bytes and how
 * each value is known, and how far the catalog's prediction is from it.
 *
 * Layer: cli. Nothing is computed here beyond the difference of two
 * integers: the bytes are the reader's (qs_stored), the prediction the
 * query's (qs_query.stored_predicted_bytes). Text writes are checked by
 * out_finish in the caller. */
#ifndef QS_REPORT_STORED_H
#define QS_REPORT_STORED_H

#include <stdio.h>

#include "cli/json.h"
#include "model/query.h"

/* The file block of q's model, when it was read from files (nothing
 * otherwise): "file: PATH", the container, architecture, type and tensors,
 * the weights' bytes, the file's bytes, a vision projector, where the
 * architecture came from, and the catalog's prediction. */
void report_stored_text(FILE *fp, const qs_query *q);

/* The same as a JSON member "file" (null for a catalog model or a bare
 * size): path, container, architecture, type, tensors, files,
 * weights_bytes, file_bytes, header_bytes, weights_as_stored, mmproj,
 * architecture_known, sources {key: source} and catalog {id,
 * predicted_weights_bytes, difference_bytes}. */
void report_stored_json(json_writer *w, const qs_query *q);

#endif
