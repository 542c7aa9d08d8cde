/* report_scan.h - the reverse question: which of the models found here
 * fits, on this machine or on each --device.
 *
 * Layer: cli. The caller (main.c) reads the models (files_scan) and makes
 * one plan per model with plan_compute; report_scan_row_of keeps what the
 * report shows of it, report_scan_sort orders the rows by fit, and the
 * two writers print them. Nothing is computed here but the order. */
#ifndef QS_REPORT_SCAN_H
#define QS_REPORT_SCAN_H

#include <stddef.h>
#include <stdio.h>

#include "cli/tab.h"
#include "model/plan.h"
#include "model/query.h"

/* What a scan row keeps of one device's answer. */
typedef struct {
    int ok;                    /* 0: the capacity is not usable */
    fit_verdict verdict;
    double share;
    long max_ctx;              /* -1 unknown */
    double tok_s;              /* 0 unknown */
} report_scan_device;

/* One model found, or one file that could not be read (model NULL). */
typedef struct {
    const qs_model *model;     /* a stored model (model->stored != NULL) */
    const char *error;         /* the failure line, when model is NULL */
    int ok;                    /* the plan could be made */
    double need_gib;           /* the total need at the stored weights */
    report_scan_device dev[QUERY_DEVICES_MAX];
} report_scan_row;

/* The row of model m with plan p (p NULL or not ok: ok 0). */
void report_scan_row_of(report_scan_row *r, const qs_model *m, const qs_plan *p);

/* Sorts rows by fit on the first device: fits, tight, no fit, then rows
 * without a plan, then the files that could not be read; within a
 * verdict, the largest weights first, then by path. */
void report_scan_sort(report_scan_row *rows, size_t n);

/* The table: one line a model (name, size, architecture, parameters, type,
 * the verdict on each device, the first device's largest context and
 * decode ceiling) and its path below it; then the devices, and the files
 * that could not be read. With no model, where it looked instead of the
 * table. q gives the devices (its model is not used). */
int report_scan_text(FILE *fp, const qs_query *q, const report_scan_row *rows, size_t n);

/* The same as JSON: {"devices": [...], "models": [...], "unreadable": [...]}. */
int report_scan_json(FILE *fp, const qs_query *q, const report_scan_row *rows, size_t n);

/* The table in `style` (tab.h): TAB_STYLE_TEXT is report_scan_text byte
 * for byte. Markdown and CSV: one row a model with the text's cells and
 * its path in a last column (model, GiB, arch, params, type, the verdict
 * on each device, at most REPORT_SCAN_TAB_DEVICES, headed by its id, then
 * max ctx, tok/s* and path); Markdown puts the count and the context in
 * bold before it and the files that could not be read after it; CSV is
 * the table alone (with no model: the header alone). */
#define REPORT_SCAN_TAB_DEVICES 8
int report_scan_tab(FILE *fp, const qs_query *q, const report_scan_row *rows, size_t n,
                    tab_style style);

#endif
