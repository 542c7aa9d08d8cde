/* report_rig.h - what each GPU of a target holds, in text and JSON: the
 * runtime and why, the split (layer, tensor, pipeline), one row per GPU
 * (or per machine of a pipeline), what stays in RAM, the speed with both
 * bandwidths, the margin, and the command that reproduces it.
 *
 * Layer: cli. report_fit.c calls these for each device of its plan;
 * nothing is computed here but the layout: every figure is the plan's
 * (plan_device.split). Text within OUT_WIDTH columns but for a long
 * command, which is broken at its words with " \" so that it still pastes. */
#ifndef QS_REPORT_RIG_H
#define QS_REPORT_RIG_H

#include <stddef.h>
#include <stdio.h>

#include "cli/json.h"
#include "model/plan.h"
#include "model/query.h"

/* The block of plan device i, after the device table: for a device
 * answered by its split (split.ok), the heading (runtime, split, verdict),
 * the per-GPU table and the lines below it; its "run:" line for a rig, an
 * offload, or with print_command. A device without a split gets only its
 * "run:" line, and only with print_command. Nothing for an i out of
 * range. */
void report_rig_text(FILE *fp, const qs_query *q, const qs_plan *p, size_t i, int print_command);

/* The legend line of the device table's "offload" verdict, when some
 * device of p has it. */
void report_rig_legend(FILE *fp, const qs_plan *p);

/* The members of device i's JSON object (inside it): "runtime",
 * "runtime_chosen", "rig" {gpus, nodes} (null for a device that is no
 * GPU), "split" (null without one) with
 * its slots as "gpus", "command" and "command_model_placeholder". */
void report_rig_json(json_writer *w, const qs_query *q, const qs_plan *p, size_t i);

/* Writes the command cmd after `lead` (e.g. "  run: ") at most `width`
 * columns a line, broken at spaces outside quotes with " \" and the next
 * line indented to `indent`; a word longer than the line stays whole. */
void report_rig_command_lines(FILE *fp, const char *lead, const char *cmd, int indent,
                              int width);

#endif
