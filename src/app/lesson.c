/* lesson.c - the lesson walk's stops (lesson.h). */
#include "app/lesson.h"

/* The classic track's names, largest first (formats.h rows). */
static const char *const lesson_classic_names[LESSON_FORMATS_PER_MODEL] = {
    "FP32", "FP16", "INT8", "INT4", "INT2",
};

/* Each caption's facts follow the lesson: FP16 is the usual default with
 * almost no loss, INT8 loses little, INT4 loses noticeably but acceptably,
 * INT2 is for experiments; the numbers on the screen come from the model
 * layer, not from here. */
static const lesson_stop lesson_stops[] = {
    { "70B", LESSON_PARAMS_LARGE, "FP32",
      "Full precision: every weight is a 32-bit float, 4 bytes. This is how a model is "
      "trained, and far more memory than serving it needs." },
    { "70B", LESSON_PARAMS_LARGE, "FP16",
      "Half the bytes, almost no loss: 16-bit weights are the usual default for shipping "
      "and serving a model. A 70B model still needs several large GPUs." },
    { "70B", LESSON_PARAMS_LARGE, "INT8",
      "One byte per weight: half of FP16 again, and the answers change very little. A "
      "common choice when memory or cost is tight." },
    { "70B", LESSON_PARAMS_LARGE, "INT4",
      "Half a byte per weight, an eighth of FP32. The loss is noticeable but acceptable for "
      "most uses: this is how big models run on hardware people own." },
    { "70B", LESSON_PARAMS_LARGE, "INT2",
      "A quarter of a byte per weight. Small enough to fit almost anywhere, but the model "
      "loses too much to be relied on: two bits are for experiments." },
    { "7B", LESSON_PARAMS_SMALL, "FP32",
      "The same walk for a model ten times smaller: a tenth of the memory at every "
      "precision. Compare what fits with the 70B's stops." },
    { "7B", LESSON_PARAMS_SMALL, "FP16",
      "The usual default again, with almost no loss. A small model at 16 bits fits many "
      "single GPUs that the 70B could never use." },
    { "7B", LESSON_PARAMS_SMALL, "INT8",
      "One byte per weight, little loss: the memory of FP16 halved for a change in "
      "quality that few users would notice." },
    { "7B", LESSON_PARAMS_SMALL, "INT4",
      "Noticeable but acceptable loss, and small enough for a laptop. Small models lose "
      "more to rounding than big ones do, so check the quality note." },
    { "7B", LESSON_PARAMS_SMALL, "INT2",
      "Two bits leave a small model badly damaged: an experiment in how far rounding can "
      "go, not a way to serve it." },
};

#define LESSON_N (sizeof lesson_stops / sizeof lesson_stops[0])

_Static_assert(LESSON_N == 2 * LESSON_FORMATS_PER_MODEL,
               "the lesson walks five precisions for each of its two models");

size_t lesson_stop_count(void)
{
    return LESSON_N;
}

const lesson_stop *lesson_stop_get(size_t i)
{
    return i < LESSON_N ? &lesson_stops[i] : NULL;
}

size_t lesson_stop_clamp(long i)
{
    if (i < 0)
        return 0;
    return (size_t)i >= LESSON_N ? LESSON_N - 1 : (size_t)i;
}

size_t lesson_classic_count(void)
{
    return LESSON_FORMATS_PER_MODEL;
}

const qs_format *lesson_classic_get(size_t i)
{
    return i < LESSON_FORMATS_PER_MODEL ? formats_find(lesson_classic_names[i]) : NULL;
}

const qs_format *lesson_classic_step(double bits, int dir)
{
    const qs_format *best = NULL;
    size_t i;

    for (i = 0; i < LESSON_FORMATS_PER_MODEL; i++) {
        const qs_format *f = lesson_classic_get(i);

        if (f == NULL)
            continue;
        if (dir > 0 && f->bits > bits && (best == NULL || f->bits < best->bits))
            best = f;
        else if (dir < 0 && f->bits < bits && (best == NULL || f->bits > best->bits))
            best = f;
    }
    return best;
}
