/* report_fit.h - text and JSON reports of the hardware fit.
 *
 * Layer: cli. Each function writes one complete report to fp and
 * returns 0, or -1 on a write error (see out_finish) or an invalid
 * configuration (then nothing is written). Text is laid
 * out for 80 columns; JSON numbers are written at full precision. */
#ifndef QS_REPORT_FIT_H
#define QS_REPORT_FIT_H

#include <stddef.h>
#include <stdio.h>

#include "cli/tab.h"
#include "model/plan.h"
#include "model/query.h"

/* The plan p of query q (plan.h): the need (weights, KV cache, overhead
 * and total, with the working), then for each device of the plan its
 * usable GiB, share, verdict, headroom, partial-offload layers, best
 * precision, largest context and decode ceiling (an upper bound). Nothing
 * is computed here: every figure is the plan's. */
int report_fit_text(FILE *fp, const qs_query *q, const qs_plan *p);
/* The same, then for each device answered by its split what each GPU
 * holds (report_rig.h), with the command that reproduces each answer
 * for every device when print_command is 1 (report_fit_text: 0). The JSON
 * report has every device's command and split. */
int report_fit_text_commands(FILE *fp, const qs_query *q, const qs_plan *p, int print_command);
int report_fit_json(FILE *fp, const qs_query *q, const qs_plan *p);
/* The fit in `style` (tab.h): TAB_STYLE_TEXT is report_fit_text_commands
 * (print_command) byte for byte. Markdown: the model line in bold, the
 * need as a table of two columns (part, GiB), then the devices' table;
 * CSV: the devices' table alone (device, usable GiB, share, fit, headroom
 * GiB, offload layers, best format, max ctx tokens, tok/s*: the numbers
 * as in the text; a device whose capacity is not usable has "-" cells and
 * the fit "not usable"). Neither has the split of a rig (--json does);
 * print_command is then not used. */
int report_fit_tab(FILE *fp, const qs_query *q, const qs_plan *p, int print_command,
                   tab_style style);

#endif
