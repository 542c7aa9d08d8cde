/* memory.c - exact weight footprints and quantization savings. */
#include <math.h>

#include "model/memory.h"

int memory_is_positive(double x)
{
    return isfinite(x) && x > 0.0;
}

double model_memory(double params, double bits_per_param)
{
    double gib;

    if (!memory_is_positive(params) || !memory_is_positive(bits_per_param))
        return MODEL_MEMORY_ERROR;
    /* The order is part of the contract: it keeps the result exact for the
     * powers of two that bits usually are. */
    gib = params * bits_per_param / MEM_BITS_PER_BYTE / MEM_BYTES_PER_GIB;
    if (!isfinite(gib))
        return MODEL_MEMORY_ERROR;
    return gib;
}

qs_savings quantization_savings(double params, double from_bits, double to_bits)
{
    qs_savings s = { MODEL_MEMORY_ERROR, MODEL_MEMORY_ERROR, MODEL_MEMORY_ERROR, 0 };
    double before = model_memory(params, from_bits);
    double after = model_memory(params, to_bits);

    if (before == MODEL_MEMORY_ERROR || after == MODEL_MEMORY_ERROR)
        return s;
    if (!isfinite(from_bits / to_bits))
        return s;
    s.before_gb = before;
    s.after_gb = after;
    s.ratio = from_bits / to_bits;
    s.ok = 1;
    return s;
}

double memory_gib_to_gb(double gib)
{
    return gib * MEM_BYTES_PER_GIB / MEM_BYTES_PER_GB;
}
