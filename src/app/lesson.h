/* lesson.h - the lesson walk's stops (--lesson): the classic precisions
 * FP32, FP16, INT8, INT4 and INT2 for a 70B and then a 7B model, each with
 * a caption in our own words.
 *
 * Layer 2 (app): data only, no I/O. The stops name a bare size and a
 * format; what each stop shows (its footprint, what fits, the format's
 * quality note) is computed by the model layer from the query the stop
 * sets (actions_lesson_step), never kept here. */
#ifndef QS_LESSON_H
#define QS_LESSON_H

#include <stddef.h>

#include "model/formats.h"

/* The lesson's two models as bare sizes: its figures are of round sizes
 * ("a 70B model is 280 GB at FP32 and 35 GB at INT4": 70e9 weights at 4
 * and 0.5 bytes, decimal GB), so no catalog model (Llama-3.1-70B has
 * 70.55e9) stands in for them. */
#define LESSON_PARAMS_LARGE 70e9
#define LESSON_PARAMS_SMALL 7e9
/* The classic precisions a model walks through, largest first. */
#define LESSON_FORMATS_PER_MODEL 5

typedef struct {
    const char *model;         /* "70B": how the stop names its model */
    double params;             /* its weights */
    const char *format;        /* a formats.h name: "FP32" ... "INT2" */
    const char *caption;       /* one or two sentences, our own words */
} lesson_stop;

/* The stops, in walking order: 2 x LESSON_FORMATS_PER_MODEL. */
size_t lesson_stop_count(void);

/* Stop i (0-based); NULL past the end. */
const lesson_stop *lesson_stop_get(size_t i);

/* i clamped to 0 .. lesson_stop_count() - 1. */
size_t lesson_stop_clamp(long i);

/* The classic track (c): the precisions the lesson names, FP32, FP16,
 * INT8, INT4, INT2, as formats (NULL past the end). */
size_t lesson_classic_count(void);
const qs_format *lesson_classic_get(size_t i);

/* The classic precision with the smallest bits strictly above `bits`
 * (dir > 0) or the largest strictly below (dir < 0); NULL when none. */
const qs_format *lesson_classic_step(double bits, int dir);

#endif
