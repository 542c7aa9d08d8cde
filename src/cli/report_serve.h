/* report_serve.h - the serving plan (issue 12) in text and JSON, and the
 * lesson's comparison of formats as a table (text, Markdown, CSV) or JSON.
 *
 * Layer: cli. Nothing is computed here but the layout: every figure is
 * serve_compute's or serve_compare's (model/serve.h), rounded only when
 * printed. Text lines keep within OUT_WIDTH columns. report_serve() and
 * report_compare() are what main.c calls; the functions below them print
 * one answer already computed (the unit test fills one by hand). */
#ifndef QS_REPORT_SERVE_H
#define QS_REPORT_SERVE_H

#include <stddef.h>
#include <stdio.h>

#include "cli/json.h"
#include "cli/tab.h"
#include "model/formats.h"
#include "model/plan.h"
#include "model/query.h"
#include "model/serve.h"

/* The serving plan for every target device of p (the devices that are not
 * this machine's; when there are none, this machine's GPUs): serve_compute
 * for each, printed as text (style is not used: the plan is no table) or
 * as one JSON document. Returns 0, or -1 on a write error. */
int report_serve(FILE *fp, const qs_query *q, const qs_plan *p, int json, tab_style style);

/* The devices of p a serving plan answers, at most max of them into idx:
 * the targets (devices that are not this machine's), else this machine's
 * GPUs. Returns how many; 0: nothing to serve on. */
size_t report_serve_targets(const qs_plan *p, size_t *idx, size_t max);

/* The comparison of formats f[0..n-1] on the first target device of q's
 * plan (plan_compute here), under the rule max_loss_pct: the table in
 * `style` (text: with the recommendation, the dominant assumption and the
 * quality figures' sources below it; Markdown: the recommendation as a
 * paragraph after the table; CSV: the table alone), or JSON. Returns 0,
 * or -1 on a write error. */
int report_compare(FILE *fp, const qs_query *q, const qs_format *const *f, size_t n,
                   double max_loss_pct, int json, tab_style style);

/* ---- one answer, already computed ---------------------------------------- */

/* A dollar figure into buf: below 1 with two significant digits
 * ("$0.00012"), whole dollars from 100 ("$511"), else cents ("$3.20");
 * "-" for NaN. Returns buf. */
const char *report_serve_usd(char *buf, size_t size, double v);

/* The workload line(s): requests a day and per second on average and at
 * the peak (from r, the first device's answer; NULL: from q alone), the
 * peak factor and the tokens per request, each default said so. */
void report_serve_workload_text(FILE *fp, const qs_query *q, const serve_result *r);
/* The members of the "workload" object (inside it). */
void report_serve_workload_json(json_writer *w, const qs_query *q, const serve_result *r);

/* The block of one device: its heading, then Memory, Speed, Load and Cost
 * (or r->why when r->ok is 0). d is the plan's device r answers (NULL:
 * the heading names no device). */
void report_serve_device_text(FILE *fp, const plan_device *d, const serve_result *r);
/* The members of one device's JSON object (inside it): every figure of r,
 * snake_case with its unit in the key. */
void report_serve_device_json(json_writer *w, const plan_device *d, const serve_result *r);

/* The comparison c of q's model on device d (NULL: unnamed), printed as
 * report_compare describes. Returns 0, or -1 on a write error. */
int report_compare_print(FILE *fp, const qs_query *q, const plan_device *d,
                         const serve_comparison *c, int json, tab_style style);

#endif
