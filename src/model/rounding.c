/* rounding.c - what rounding does to numbers (rounding.h).
 *
 * The lesson (rounding_lesson) in our words, from the papers:
 * - AWQ, Lin et al., "AWQ: Activation-aware Weight Quantization for LLM
 *   Compression and Acceleration", arXiv 2306.00978: the weights that
 *   matter are those that meet large activations; scaling those input
 *   channels up before rounding (and the activations down by the same
 *   factor) makes their relative rounding error smaller, with no
 *   mixed-precision storage.
 * - GPTQ, Frantar et al., "GPTQ: Accurate Post-Training Quantization for
 *   Generative Pre-trained Transformers", arXiv 2210.17323: rounds a
 *   layer's weights one column at a time and updates the columns not yet
 *   rounded to cancel the error on calibration inputs, from the inverse
 *   Hessian of the layer's squared output error (second-order
 *   information, after Optimal Brain Quantization).
 * - Outliers: LLM.int8(), Dettmers et al., arXiv 2208.07339.
 * - IEEE 754-2008 binary16: 1 sign bit, 5 exponent bits (bias 15), 10
 *   fraction bits; normal from 2^-14, subnormals in steps of 2^-24, the
 *   largest finite value 65504. */
#include <math.h>
#include <string.h>

#include "model/rounding.h"

/* splitmix64's constants (the reference splitmix64.c, Vigna): the golden
 * gamma and the two multipliers of its finaliser, and its shifts. */
#define ROUNDING_SM_GAMMA 0x9e3779b97f4a7c15ULL
#define ROUNDING_SM_MUL1 0xbf58476d1ce4e5b9ULL
#define ROUNDING_SM_MUL2 0x94d049bb133111ebULL
#define ROUNDING_SM_SHIFT1 30
#define ROUNDING_SM_SHIFT2 27
#define ROUNDING_SM_SHIFT3 31
/* A double's 53-bit significand: the top 53 of 64 bits, times 2^-53. */
#define ROUNDING_U64_BITS 64
#define ROUNDING_DBL_BITS 53
/* 2 pi for Box-Muller (to more digits than a double holds). */
#define ROUNDING_TWO_PI 6.28318530717958647692528676655900577
/* Box-Muller's -2 in sqrt(-2 ln u1). */
#define ROUNDING_BM_FACTOR (-2.0)

/* binary16 (IEEE 754-2008, see above). */
#define ROUNDING_HALF_FRAC_BITS 10
#define ROUNDING_HALF_BIAS 15
#define ROUNDING_HALF_EXP_MIN (-14)     /* the least normal exponent */
#define ROUNDING_HALF_SUB_EXP (-24)     /* the subnormals' step, 2^-24 */
#define ROUNDING_HALF_EXP_MASK 0x1f
#define ROUNDING_HALF_EXP_INF 31        /* all ones: infinity or NaN */
#define ROUNDING_HALF_FRAC_MASK 0x3ff
#define ROUNDING_HALF_SIGN 0x8000u
#define ROUNDING_HALF_INF 0x7c00u
#define ROUNDING_HALF_QNAN 0x7e00u
/* 65504 + half its step of 32: from here on, round to nearest even gives
 * 65536, past the largest finite, so infinity. */
#define ROUNDING_HALF_OVERFLOW 65520.0
/* The rounding rule's tie: half a step. */
#define ROUNDING_HALF_TIE 0.5

/* The scalar table's rows: bits of FP32, FP16 and the integers. */
#define ROUNDING_FP32_BITS 32
#define ROUNDING_FP16_BITS 16
#define ROUNDING_INT8_BITS 8
#define ROUNDING_INT4_BITS 4
#define ROUNDING_INT2_BITS 2
/* Decibels of a power ratio: 10 log10. */
#define ROUNDING_DB 10.0

uint64_t rounding_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += ROUNDING_SM_GAMMA);

    z = (z ^ (z >> ROUNDING_SM_SHIFT1)) * ROUNDING_SM_MUL1;
    z = (z ^ (z >> ROUNDING_SM_SHIFT2)) * ROUNDING_SM_MUL2;
    return z ^ (z >> ROUNDING_SM_SHIFT3);
}

double rounding_uniform(uint64_t *state)
{
    uint64_t top = rounding_splitmix64(state) >> (ROUNDING_U64_BITS - ROUNDING_DBL_BITS);

    return ldexp((double)top, -ROUNDING_DBL_BITS);
}

double rounding_normal(uint64_t *state)
{
    double u1 = 1.0 - rounding_uniform(state);
    double u2 = rounding_uniform(state);

    return sqrt(ROUNDING_BM_FACTOR * log(u1)) * cos(ROUNDING_TWO_PI * u2);
}

/* v rounded to the nearest whole number, ties to even (v >= 0, below
 * 2^53, so that floor and the difference are exact). */
static double rounding_rne(double v)
{
    double f = floor(v), d = v - f;

    if (d > ROUNDING_HALF_TIE || (d == ROUNDING_HALF_TIE && fmod(f, 2.0) != 0.0))
        f += 1.0;
    return f;
}

uint16_t rounding_half_bits(double x)
{
    unsigned sign = signbit(x) ? ROUNDING_HALF_SIGN : 0u;
    double a = fabs(x), r;
    int e, exp2;

    if (isnan(x))
        return (uint16_t)(sign | ROUNDING_HALF_QNAN);
    if (a >= ROUNDING_HALF_OVERFLOW)      /* also infinity */
        return (uint16_t)(sign | ROUNDING_HALF_INF);
    if (a < ldexp(1.0, ROUNDING_HALF_EXP_MIN)) {
        /* subnormal: steps of 2^-24; 1024 steps is the least normal,
         * whose bits are the same 0x0400 */
        r = rounding_rne(ldexp(a, -ROUNDING_HALF_SUB_EXP));
        return (uint16_t)(sign | (unsigned)r);
    }
    (void)frexp(a, &e);                   /* a = m 2^e, m in [0.5, 1) */
    exp2 = e - 1;                         /* a = 1.f x 2^exp2 */
    r = rounding_rne(ldexp(a, ROUNDING_HALF_FRAC_BITS - exp2));   /* 1024 .. 2048 */
    if (r >= ldexp(1.0, ROUNDING_HALF_FRAC_BITS + 1)) {
        r = ldexp(1.0, ROUNDING_HALF_FRAC_BITS);
        exp2++;
    }
    if (exp2 + ROUNDING_HALF_BIAS >= ROUNDING_HALF_EXP_INF)
        return (uint16_t)(sign | ROUNDING_HALF_INF);
    return (uint16_t)(sign | ((unsigned)(exp2 + ROUNDING_HALF_BIAS) << ROUNDING_HALF_FRAC_BITS) |
                      ((unsigned)r & ROUNDING_HALF_FRAC_MASK));
}

double rounding_half_value(uint16_t h)
{
    double sign = (h & ROUNDING_HALF_SIGN) ? -1.0 : 1.0;
    unsigned exp = ((unsigned)h >> ROUNDING_HALF_FRAC_BITS) & ROUNDING_HALF_EXP_MASK;
    unsigned frac = (unsigned)h & ROUNDING_HALF_FRAC_MASK;

    if (exp == 0)
        return sign * ldexp((double)frac, ROUNDING_HALF_SUB_EXP);
    if (exp == ROUNDING_HALF_EXP_INF)
        return frac != 0 ? NAN : sign * INFINITY;
    return sign * ldexp((double)(frac + (1u << ROUNDING_HALF_FRAC_BITS)),
                        (int)exp - ROUNDING_HALF_BIAS - ROUNDING_HALF_FRAC_BITS);
}

double rounding_half(double x)
{
    return rounding_half_value(rounding_half_bits(x));
}

double rounding_float(double x)
{
    volatile float f = (float)x;         /* stored, so no excess precision */

    return (double)f;
}

uint32_t rounding_float_bits(double x)
{
    float f = (float)x;
    uint32_t u;

    memcpy(&u, &f, sizeof u);
    return u;
}

int rounding_bits_ok(double bits)
{
    return bits >= ROUNDING_BITS_MIN && bits <= ROUNDING_BITS_MAX;
}

double rounding_bits_clamp(double bits)
{
    if (isnan(bits))
        return ROUNDING_BITS_DEFAULT;
    if (bits < ROUNDING_BITS_MIN)
        return ROUNDING_BITS_MIN;
    return bits > ROUNDING_BITS_MAX ? ROUNDING_BITS_MAX : bits;
}

int rounding_code_bits(double bits)
{
    return (int)floor(rounding_bits_clamp(bits));
}

long rounding_qmax(int code_bits)
{
    if (code_bits <= 1)
        return 1;
    return (1L << (code_bits - 1)) - 1;
}

double rounding_round(double x, double scale, int code_bits)
{
    long qmax = rounding_qmax(code_bits);
    double c;

    if (!(scale > 0.0))
        return 0.0;
    if (code_bits <= 1)
        return signbit(x) ? -scale : scale;
    c = round(x / scale);
    if (c > (double)qmax)
        c = (double)qmax;
    else if (c < -(double)qmax)
        c = -(double)qmax;
    return c * scale;
}

void rounding_scalar(double value, double absmax, rounding_scalar_row rows[ROUNDING_SCALAR_ROWS])
{
    static const int int_bits[] = { ROUNDING_INT8_BITS, ROUNDING_INT4_BITS, ROUNDING_INT2_BITS };
    static const char *const int_names[] = { "INT8", "INT4", "INT2" };
    static const char *const int_what[] = { "absmax, codes -127..127", "absmax, codes -7..7",
                                            "absmax, codes -1..1" };
    size_t i;

    memset(rows, 0, ROUNDING_SCALAR_ROWS * sizeof *rows);
    rows[0].name = "FP32";
    rows[0].what = "IEEE float";
    rows[0].kind = ROUNDING_KIND_FLOAT;
    rows[0].bits = ROUNDING_FP32_BITS;
    rows[0].stored = rounding_float(value);
    rows[0].code = (long long)rounding_float_bits(value);
    rows[1].name = "FP16";
    rows[1].what = "IEEE half";
    rows[1].kind = ROUNDING_KIND_FLOAT;
    rows[1].bits = ROUNDING_FP16_BITS;
    rows[1].code = (long long)rounding_half_bits(value);
    rows[1].stored = rounding_half_value((uint16_t)rows[1].code);
    for (i = 0; i < sizeof int_bits / sizeof int_bits[0]; i++) {
        rounding_scalar_row *r = &rows[2 + i];

        r->name = int_names[i];
        r->what = int_what[i];
        r->kind = ROUNDING_KIND_INT;
        r->bits = int_bits[i];
        r->scale = absmax / (double)rounding_qmax(int_bits[i]);
        r->stored = rounding_round(value, r->scale, int_bits[i]);
        r->code = r->scale > 0.0 ? (long long)round(r->stored / r->scale) : 0;
    }
    for (i = 0; i < ROUNDING_SCALAR_ROWS; i++) {
        rows[i].error = rows[i].stored - value;
        rows[i].rel_error = value != 0.0 ? fabs(rows[i].error) / fabs(value) : 0.0;
    }
}

void rounding_sample_make(rounding_sample *s, uint64_t seed)
{
    uint64_t st = seed;
    size_t i, k;

    memset(s, 0, sizeof *s);
    s->seed = seed;
    for (i = 0; i < ROUNDING_BLOCK; i++)
        s->w[i] = ROUNDING_SD * rounding_normal(&st);
    for (k = 0; k < ROUNDING_OUTLIERS; k++) {
        size_t at;
        double size;
        int negative;

        do
            at = (size_t)(rounding_splitmix64(&st) % ROUNDING_BLOCK);
        while (s->outlier[at]);
        size = ROUNDING_OUTLIER_SD_MIN +
               (ROUNDING_OUTLIER_SD_MAX - ROUNDING_OUTLIER_SD_MIN) * rounding_uniform(&st);
        negative = (int)(rounding_splitmix64(&st) >> (ROUNDING_U64_BITS - 1));
        s->outlier[at] = 1;
        s->outlier_at[k] = at;
        s->w[at] = (negative ? -size : size) * ROUNDING_SD;
    }
}

void rounding_err_of(const double *x, const double *q, const unsigned char *mask, int want,
                     size_t n, rounding_err *e)
{
    double sx = 0.0, se = 0.0;
    size_t i;

    memset(e, 0, sizeof *e);
    for (i = 0; i < n; i++) {
        double d;

        if (mask != NULL && (mask[i] != 0) != (want != 0))
            continue;
        d = fabs(x[i] - q[i]);
        e->n++;
        sx += x[i] * x[i];
        se += d * d;
        if (d > e->max_abs)
            e->max_abs = d;
        e->zeros += q[i] == 0.0;
    }
    if (e->n == 0)
        return;
    e->rms = sqrt(se / (double)e->n);
    e->snr_db = se > 0.0 ? ROUNDING_DB * log10(sx / se) : INFINITY;
    e->zero_share = (double)e->zeros / (double)e->n;
}

/* Rounds x[0 .. n) with one scale into q; returns the squared error and
 * counts the weights beyond the grid into *clipped. */
static double rounding_apply(const double *x, size_t n, double scale, int code_bits, double *q,
                             size_t *clipped)
{
    double top = scale * (double)rounding_qmax(code_bits), sse = 0.0;
    size_t i;

    for (i = 0; i < n; i++) {
        q[i] = rounding_round(x[i], scale, code_bits);
        sse += (x[i] - q[i]) * (x[i] - q[i]);
        *clipped += fabs(x[i]) > top;
    }
    return sse;
}

static double rounding_absmax(const double *x, size_t n)
{
    double m = 0.0;
    size_t i;

    for (i = 0; i < n; i++)
        if (fabs(x[i]) > m)
            m = fabs(x[i]);
    return m;
}

/* The figures of r once r->q is set. */
static void rounding_figures(const rounding_sample *s, rounding_result *r)
{
    rounding_err_of(s->w, r->q, NULL, 0, ROUNDING_BLOCK, &r->all);
    rounding_err_of(s->w, r->q, s->outlier, 1, ROUNDING_BLOCK, &r->outliers);
    rounding_err_of(s->w, r->q, s->outlier, 0, ROUNDING_BLOCK, &r->rest);
}

int rounding_analyse(const rounding_sample *s, double bits, rounding_analysis *a)
{
    static const char *const names[ROUNDING_METHODS] = { "absmax", "absmax per group",
                                                         "best clip" };
    double qm, best = INFINITY, energy = 0.0, out_energy = 0.0;
    size_t g, k, dummy = 0;
    rounding_result *r;

    if (!rounding_bits_ok(bits))
        return -1;
    memset(a, 0, sizeof *a);
    a->bits = bits;
    a->code_bits = rounding_code_bits(bits);
    a->qmax = rounding_qmax(a->code_bits);
    a->levels = a->code_bits <= 1 ? 2 : 2 * a->qmax + 1;
    a->absmax = rounding_absmax(s->w, ROUNDING_BLOCK);
    for (k = 0; k < ROUNDING_BLOCK; k++) {
        energy += s->w[k] * s->w[k];
        out_energy += s->outlier[k] ? s->w[k] * s->w[k] : 0.0;
    }
    a->outlier_energy = energy > 0.0 ? out_energy / energy : 0.0;
    qm = (double)a->qmax;
    for (k = 0; k < ROUNDING_METHODS; k++) {
        a->r[k].method = (rounding_method)k;
        a->r[k].name = names[k];
        a->r[k].group = k == ROUNDING_GROUPED ? ROUNDING_GROUP : ROUNDING_BLOCK;
        a->r[k].clip = 1.0;
        a->r[k].bits_per_weight = a->code_bits + ROUNDING_SCALE_BITS / (double)a->r[k].group;
    }
    /* (1) one absmax scale */
    r = &a->r[ROUNDING_ABSMAX];
    r->scale = a->absmax / qm;
    (void)rounding_apply(s->w, ROUNDING_BLOCK, r->scale, a->code_bits, r->q, &r->clipped);
    /* (2) a scale per group from the group's absmax */
    r = &a->r[ROUNDING_GROUPED];
    for (g = 0; g < ROUNDING_GROUPS; g++) {
        const double *x = s->w + g * ROUNDING_GROUP;
        double sc = rounding_absmax(x, ROUNDING_GROUP) / qm;

        if (sc > r->scale)
            r->scale = sc;
        (void)rounding_apply(x, ROUNDING_GROUP, sc, a->code_bits, r->q + g * ROUNDING_GROUP,
                             &r->clipped);
    }
    /* (3) the clip ratio of the grid with the least squared error, from
     * 1.00 down (a tie keeps the larger ratio) */
    r = &a->r[ROUNDING_CLIPPED];
    for (k = ROUNDING_CLIP_STEPS; k >= 1; k--) {
        double ratio = (double)k / ROUNDING_CLIP_STEPS;
        double sse = rounding_apply(s->w, ROUNDING_BLOCK, ratio * a->absmax / qm, a->code_bits,
                                    r->q, &dummy);

        if (sse < best) {
            best = sse;
            r->clip = ratio;
        }
    }
    r->scale = r->clip * a->absmax / qm;
    (void)rounding_apply(s->w, ROUNDING_BLOCK, r->scale, a->code_bits, r->q, &r->clipped);
    for (k = 0; k < ROUNDING_METHODS; k++)
        rounding_figures(s, &a->r[k]);
    return 0;
}

const char *rounding_lesson(void)
{
    return "One absmax scale is set by the largest weight, so a few outliers make the step "
           "coarse and most small weights round to 0. Smaller groups give most weights a "
           "scale of their own; clipping the range trades the outliers' error for the rest's, "
           "and the least-error clip keeps outliers that hold most of the block's energy. "
           "AWQ instead scales up the salient channels, found from activation statistics, "
           "before rounding; GPTQ rounds column by column and updates the weights not yet "
           "rounded to cancel the error, with second-order (Hessian) information from "
           "calibration data.";
}

const char *rounding_sources(void)
{
    return "AWQ arXiv 2306.00978; GPTQ arXiv 2210.17323; LLM.int8() arXiv 2208.07339; "
           "llama.cpp ggml-common.h (Q4_0: 32 weights per fp16 scale); IEEE 754 binary16";
}
