/* app_steps.c - the values the keys step through: bits, baseline, context
 * and KV cache type. Pure functions of their arguments and the catalogs. */
#include <math.h>

#include "app/state.h"
#include "model/kvcache.h"

/* Tolerance when comparing bits with the step grid (values set from the
 * grid are exact multiples of a quarter, so this only absorbs rounding of
 * values typed or set by the mouse). */
#define APP_GRID_EPS 1e-9

#define APP_N(a) (sizeof(a) / sizeof((a)[0]))

double app_clamp_bits(double bits)
{
    if (!(bits >= APP_BITS_MIN))       /* also NaN */
        return APP_BITS_MIN;
    if (bits > APP_BITS_MAX)
        return APP_BITS_MAX;
    return bits;
}

double app_step_fine(double bits, int dir)
{
    double b = app_clamp_bits(bits), r = b;

    if (dir > 0) {
        if (b < APP_FINE_LIMIT - APP_GRID_EPS)
            r = (floor(b / APP_FINE_STEP + APP_GRID_EPS) + 1.0) * APP_FINE_STEP;
        else
            r = (floor(b / APP_COARSE_STEP + APP_GRID_EPS) + 1.0) * APP_COARSE_STEP;
    } else if (dir < 0) {
        if (b <= APP_FINE_LIMIT + APP_GRID_EPS)
            r = (ceil(b / APP_FINE_STEP - APP_GRID_EPS) - 1.0) * APP_FINE_STEP;
        else
            r = (ceil(b / APP_COARSE_STEP - APP_GRID_EPS) - 1.0) * APP_COARSE_STEP;
    }
    return app_clamp_bits(r);
}

const qs_format *app_step_named(const app_state *s, double bits, int dir)
{
    const qs_format *f = exact_step(&s->query.exact, bits, dir);
    double b = f != NULL ? exact_bits(&s->query.exact, f) : 0.0;

    if (f == NULL || b < APP_BITS_MIN || b > APP_BITS_MAX)
        return NULL;
    return f;
}

double app_next_baseline(double baseline, double bits)
{
    if (baseline == APP_BASELINE_FP16)
        return APP_BASELINE_FP32;
    if (baseline == APP_BASELINE_FP32)
        return bits != APP_BASELINE_FP16 && bits != APP_BASELINE_FP32 ? bits : APP_BASELINE_FP16;
    return APP_BASELINE_FP16;
}

long app_ctx_max(const app_state *s)
{
    const qs_model *m = s->query.model;

    if (m != NULL && m->ctx > 0)
        return m->ctx < APP_CTX_CAP ? m->ctx : APP_CTX_CAP;
    return APP_CTX_CAP;
}

static long app_clamp_ctx(long ctx, long max)
{
    long lo = APP_CTX_MIN < max ? APP_CTX_MIN : max;

    if (ctx < lo)
        return lo;
    return ctx > max ? max : ctx;
}

long app_ctx_clamp(const app_state *s, long ctx)
{
    return app_clamp_ctx(ctx, app_ctx_max(s));
}

long app_ctx_step(long ctx, int dir, long max)
{
    long c = app_clamp_ctx(ctx, max);

    if (dir > 0)
        c = c > max / 2 ? max : c * 2;
    else if (dir < 0)
        c /= 2;
    return app_clamp_ctx(c, max);
}

/* The KV cache types `k` cycles through: llama.cpp's default and its two
 * common quantized caches (kvcache.h lists more; the command line takes
 * them all). */
static const double app_kv_cycle[] = { KV_BITS_F16, KV_BITS_Q8_0, KV_BITS_Q4_0 };

double app_next_kv(double kv_bits)
{
    size_t i, n = APP_N(app_kv_cycle);

    for (i = 0; i < n; i++)
        if (app_kv_cycle[i] == kv_bits)
            return app_kv_cycle[(i + 1) % n];
    return app_kv_cycle[0];
}

const qs_format *app_nearest(const app_state *s)
{
    return exact_nearest(&s->query.exact, s->query.bits);
}
