/* report_rounding.h - --demo-rounding: what quantization does to 3.14159
 * and to a block of weights with outliers (model/rounding.h), as text
 * (or its tables as Markdown or CSV) and JSON.
 *
 * Layer: cli. Prints what the model returns; computes nothing of it. */
#ifndef QS_REPORT_ROUNDING_H
#define QS_REPORT_ROUNDING_H

#include <stdio.h>

#include "cli/tab.h"

/* The demo at `bits` (ROUNDING_BITS_MIN .. ROUNDING_BITS_MAX, whole bits
 * of codes: see rounding.h) for the sample of `seed` (ROUNDING_SEED when
 * --seed is not given); json 1: one JSON document with every figure, else
 * text whose tables are in `style` (TAB_STYLE_TEXT, _MARKDOWN or _CSV:
 * CSV prints the tables only, a blank line between them). Returns 0; -1
 * when the stream reports an error; 2 when the bits are out of range,
 * after one line on stderr naming them and the range (nothing on fp). */
int report_rounding(FILE *fp, double bits, unsigned long seed, int json, tab_style style);

#endif
