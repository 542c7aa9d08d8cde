/* quality.h - what a format costs in answer quality, as published.
 *
 * Layer 1 (model): a compiled-in table (quality.c), one row per format
 * name, each with the figure, what it measures, the model it was measured
 * on and its source (shared/reference/devices-serving-2026.md 5.2). The
 * figures are of two kinds and say which: the accuracy a quantized
 * checkpoint loses on a benchmark (100 - recovery %, MMLU 5-shot on
 * Llama-3.1-8B-Instruct) and the relative perplexity increase of a GGUF
 * file type (wiki.test on LLaMA-3-70B). Neither is a promise for another
 * model or task: long inputs lose far more at 4 bits (arXiv 2505.20276),
 * and the serving comparison shows each row's metric beside its figure. */
#ifndef QS_QUALITY_H
#define QS_QUALITY_H

#include "model/formats.h"

typedef enum {
    QUALITY_ACCURACY = 0,      /* accuracy lost on a benchmark, % (100 - recovery) */
    QUALITY_PERPLEXITY         /* perplexity increase, % of the reference's */
} quality_metric;

typedef struct {
    const char *format;        /* the format table's canonical name */
    double loss_pct;           /* >= 0; a gain is shown as 0 (the note says so) */
    quality_metric metric;
    const char *measure;       /* "MMLU 5-shot recovery 99.3% vs BF16" */
    const char *model;         /* measured on; NULL for the 16-bit reference */
    int verified;              /* 0: the figure is another format's, carried over */
    const char *source;
} quality_row;

/* The row for format f (by its canonical name); NULL when none is published. */
const quality_row *quality_of(const qs_format *f);

/* "accuracy" or "perplexity". */
const char *quality_metric_name(quality_metric m);

#endif
