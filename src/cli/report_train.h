/* report_train.h - --train (issue 12): the fine-tuning memory of a query
 * as a table of its terms, the fit on each target device, the assumptions
 * and the two rules of thumb; or every figure as one JSON document.
 *
 * Layer: cli. Nothing is computed here but the layout: every figure is
 * train_compute's or train_fit_on's (model/train.h), rounded only when
 * printed. Text lines keep within OUT_WIDTH columns: in the text style a
 * term's source is a footnote under the table; Markdown and CSV carry it
 * in the table's last column. */
#ifndef QS_REPORT_TRAIN_H
#define QS_REPORT_TRAIN_H

#include <stdio.h>

#include "cli/tab.h"
#include "model/plan.h"
#include "model/query.h"

/* The fine-tuning memory of q (q->train.mode not TRAIN_NONE) against each
 * target device of q (the devices that are not this machine's; none: the
 * breakdown alone), in `style`, or as JSON. p may be NULL (the targets
 * are q's). Returns 0; 2 with one line on stderr when the memory cannot
 * be answered (the model has no architecture, no mode, targets the model
 * lacks); -1 on a write error or out of memory. */
int report_train(FILE *fp, const qs_query *q, const qs_plan *p, int json, tab_style style);

#endif
