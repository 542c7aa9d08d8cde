/* split.c - STUB (being written): see split.h. */
#include <string.h>

#include "model/split.h"

int split_compute(const split_input *in, split_plan *p)
{
    (void)in;
    memset(p, 0, sizeof *p);
    return -1;
}

double split_usable_gib(const qs_device *d, const qs_runtime *rt, double apple_share,
                        double gpu_memory_gib)
{
    (void)d; (void)rt; (void)apple_share; (void)gpu_memory_gib;
    return 0.0;
}

int split_within_margin(const split_plan *p)
{
    (void)p;
    return 0;
}

const char *split_mode_name(split_mode m)
{
    return m == SPLIT_MODE_TENSOR ? "tensor" : m == SPLIT_MODE_PIPELINE ? "pipeline" : "layer";
}
