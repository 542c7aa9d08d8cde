/* out.h - what every text and JSON report shares: the line width, the
 * word wrapper and the end-of-report stream check.
 *
 * Layer: cli. The reports write with stdio and ignore each call's
 * result: a failed write sets the stream's error flag, which out_finish
 * reads once at the end. */
#ifndef QS_OUT_H
#define QS_OUT_H

#include <stdio.h>

#include "cli/json.h"

/* Text reports keep lines within OUT_WIDTH columns (one short of 80, so
 * that no terminal wraps early). */
#define OUT_WIDTH 79

/* A space that out_wrap never breaks at (written as ' '). */
#define OUT_NBSP '\t'

/* Writes text from column `col`, breaking at spaces before `width`;
 * continuation lines start at column `indent`; OUT_NBSP is a space that
 * does not break. Ends the line. */
void out_wrap(FILE *fp, const char *text, int col, int indent, int width);

/* Ends a report: flushes fp; 0 when every write reached it, -1 when fp
 * is NULL, the flush failed or its error flag is set. */
int out_finish(FILE *fp);

/* Ends a JSON report: json_finish(w), then out_finish(fp); 0 when both
 * succeeded, else -1. */
int out_finish_json(json_writer *w, FILE *fp);

#endif
