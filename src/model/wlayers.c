/* wlayers.c - STUB (being written): see wlayers.h. */
#include <string.h>

#include "model/wlayers.h"

int wlayers_of(const qs_model *shape, const qs_format *f, double bits, double total_bytes,
               const kvarch_profile *kv, long ctx, double kv_bits, int batch,
               double kv_total_bytes, wlayers *out)
{
    (void)shape; (void)f; (void)bits; (void)total_bytes; (void)kv; (void)ctx; (void)kv_bits;
    (void)batch; (void)kv_total_bytes;
    memset(out, 0, sizeof *out);
    return -1;
}

double wlayers_sum_layers(const wlayers *w, int first, int n)
{
    (void)w; (void)first; (void)n;
    return 0.0;
}

double wlayers_sum_experts(const wlayers *w, int first, int n)
{
    (void)w; (void)first; (void)n;
    return 0.0;
}

double wlayers_sum_kv(const wlayers *w, int first, int n)
{
    (void)w; (void)first; (void)n;
    return 0.0;
}
