/* report_list.h - the catalogs as text and JSON: model presets, devices
 * and named precisions (--list-models, --list-devices, --list-formats).
 *
 * Layer: cli. Each function writes one complete report to fp and
 * returns 0, or -1 when fp is NULL or a write failed (see out_finish).
 * Text is laid out for 80 columns; JSON numbers at full precision. */
#ifndef QS_REPORT_LIST_H
#define QS_REPORT_LIST_H

#include <stdio.h>

#include "cli/tab.h"
#include "model/devices.h"
#include "model/models.h"

/* The models of catalog c whose id, name or family contains `filter` (any
 * case; NULL or "" for all): id, family, parameters, active parameters,
 * maximum context, attention kinds and whether the values are verified;
 * the JSON adds the shape, each layer kind and the source. */
int report_list_models_text(FILE *fp, const models_catalog *c, const char *filter);
int report_list_models_json(FILE *fp, const models_catalog *c, const char *filter);

/* The devices of catalog c (NULL: the built-in table), the user's first:
 * id, kind, capacity, GPU share, usable GiB, bandwidth, name (a user's
 * row marked "(yours)" after it); the JSON adds verified, user and
 * source. apple_share (> 0) overrides the Apple GPU share, as in the
 * fit. */
int report_list_device_catalog_text(FILE *fp, const devices_catalog *c, double apple_share);
int report_list_device_catalog_json(FILE *fp, const devices_catalog *c, double apple_share);

/* The same of the built-in table alone. */
int report_list_devices_text(FILE *fp, double apple_share);
int report_list_devices_json(FILE *fp, double apple_share);

/* The named precisions: name, bits, nominal bits, family, perplexity
 * increase, quality note. */
int report_list_formats_text(FILE *fp);
int report_list_formats_json(FILE *fp);

/* The three tables in `style` (tab.h): TAB_STYLE_TEXT is the _text
 * function's output byte for byte; Markdown and CSV give the text's
 * columns and cells, the numbers formatted as in the text, with no cell
 * cut to a column's width and one header row (the devices' units in the
 * header: "memory GiB", "usable GiB"). Markdown adds the notes under the
 * text table as a paragraph; CSV is the table alone (with no model
 * matching: the header alone). Each returns 0, or -1 on a write error or
 * no memory. */
int report_list_models_tab(FILE *fp, const models_catalog *c, const char *filter,
                           tab_style style);
int report_list_device_catalog_tab(FILE *fp, const devices_catalog *c, double apple_share,
                                   tab_style style);
int report_list_formats_tab(FILE *fp, tab_style style);

#endif
