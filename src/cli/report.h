/* report.h - the non-interactive reports: footprint table, one footprint,
 * savings; as aligned text or JSON.
 *
 * Layer: cli. Arguments are already validated by main.c. Every
 * function writes to fp and returns 0, or -1 when the stream reports an
 * error (ferror), so the caller can exit non-zero when output was lost. */
#ifndef QS_REPORT_H
#define QS_REPORT_H

#include <stdio.h>

#include "cli/tab.h"
#include "model/exact.h"
#include "model/formats.h"

typedef struct {
    double params;           /* parameter count */
    const char *label;       /* preset display name, or NULL for a bare size */
    const exact_table *exact; /* the named formats' exact bits for the model
                                 (NULL or without a model: their own) */
    const qs_model *model;   /* the catalog model, or NULL for a bare size */
    int tensors;             /* --tensors: list a GGUF file's tensor groups */
} report_model;

/* The footprint at FP32, FP16, INT8, INT4 and INT2 (every named precision
 * when all_formats): GiB, GB, times smaller than FP16, quality note. */
int report_table_text(FILE *fp, const report_model *m, int all_formats);
int report_table_json(FILE *fp, const report_model *m, int all_formats);
/* The same table in `style`: TAB_STYLE_TEXT is report_table_text's
 * output byte for byte; Markdown: the model in bold, the table, the
 * notes as a paragraph; CSV: the table alone (precision, bits, GiB, GB,
 * vs FP16, quality; the numbers as in the text). Returns 0, or -1 on a
 * write error or no memory. */
int report_table_tab(FILE *fp, const report_model *m, int all_formats, tab_style style);

/* The footprint of one configuration; fmt is the named precision or NULL. */
int report_footprint_text(FILE *fp, const report_model *m, double bits, const qs_format *fmt);
int report_footprint_json(FILE *fp, const report_model *m, double bits, const qs_format *fmt);

/* The savings from one precision to another: before, after, ratio. The JSON
 * object has exactly the keys before_gb, after_gb and ratio. */
int report_savings_text(FILE *fp, const report_model *m, double from_bits, const qs_format *from,
                        double to_bits, const qs_format *to);
int report_savings_json(FILE *fp, const report_model *m, double from_bits, double to_bits);

#endif
