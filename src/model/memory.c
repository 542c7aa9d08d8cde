/* memory.c - exact weight footprints and quantization savings. */
#include <math.h>

#include "model/memory.h"

int memory_is_positive(double x)
{
    return isfinite(x) && x > 0.0;
}

double memory_footprint_gib(double params, double bits_per_param)
{
    double gib;

    if (!memory_is_positive(params) || !memory_is_positive(bits_per_param))
        return MEMORY_ERROR;
    /* The order is part of the contract: it keeps the result exact for the
     * powers of two that bits usually are. */
    gib = params * bits_per_param / MEMORY_BITS_PER_BYTE / MEMORY_BYTES_PER_GIB;
    if (!isfinite(gib))
        return MEMORY_ERROR;
    return gib;
}

qs_savings memory_savings(double params, double from_bits, double to_bits)
{
    qs_savings s = { MEMORY_ERROR, MEMORY_ERROR, MEMORY_ERROR, 0 };
    double before = memory_footprint_gib(params, from_bits);
    double after = memory_footprint_gib(params, to_bits);

    if (before == MEMORY_ERROR || after == MEMORY_ERROR)
        return s;
    if (!isfinite(from_bits / to_bits))
        return s;
    s.before_gib = before;
    s.after_gib = after;
    s.ratio = from_bits / to_bits;
    s.ok = 1;
    return s;
}

double memory_gib_to_gb(double gib)
{
    return gib * MEMORY_BYTES_PER_GIB / MEMORY_BYTES_PER_GB;
}
