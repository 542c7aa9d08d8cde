/* check_rounding.c - unit tests for model/rounding: the generator against
 * splitmix64's published outputs, IEEE half rounding against known values
 * and every tie between two halves, the scalar table worked out by hand,
 * and the block's figures against a plain loop written here (the sample
 * made again from this file's own splitmix64 and Box-Muller), with the
 * properties the lesson rests on: more bits, less error; a scale per group
 * no worse than one per block; the best clip no worse than the absmax. */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/rounding.h"

/* The first five outputs of splitmix64 seeded with 1234567 (Rosetta Code,
 * "Pseudo-random numbers/Splitmix64", from the reference splitmix64.c),
 * and its first output for seed 0. */
static const uint64_t SM_1234567[5] = { 6457827717110365317ULL, 3203168211198807973ULL,
                                        9817491932198370423ULL, 4593380528125082431ULL,
                                        16408922859458223821ULL };
#define SM_SEED_REF 1234567ULL
#define SM_0_FIRST 0xe220a8397b1dcdafULL
/* Relative tolerance for doubles that take the same libm path here. */
#define TOL 1e-13
#define TWO_PI 6.283185307179586476925286766559
/* 2^-53, 2^-24, 2^-14, 2^-25. */
#define P2(e) ldexp(1.0, (e))

static void close_to(double got, double want, const char *what)
{
    double d = fabs(got - want), m = fabs(want) > 1.0 ? fabs(want) : 1.0;

    ck_assert_msg(d <= TOL * m, "%s: %.17g, expected %.17g", what, got, want);
}

/* ---- this file's own generator and sample --------------------------------- */

static uint64_t t_sm(uint64_t *x)
{
    uint64_t z;

    *x += 0x9e3779b97f4a7c15ULL;
    z = *x;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double t_unif(uint64_t *x)
{
    return (double)(t_sm(x) >> 11) / 9007199254740992.0;     /* 2^53 */
}

static void t_sample(uint64_t seed, double *w, unsigned char *out)
{
    uint64_t x = seed;
    int i, k;

    for (i = 0; i < ROUNDING_BLOCK; i++) {
        double u1 = 1.0 - t_unif(&x), u2 = t_unif(&x);

        w[i] = 0.02 * sqrt(-2.0 * log(u1)) * cos(TWO_PI * u2);
        out[i] = 0;
    }
    for (k = 0; k < ROUNDING_OUTLIERS; k++) {
        int at;
        double sd;

        do
            at = (int)(t_sm(&x) % 256);
        while (out[at]);
        sd = 20.0 + 20.0 * t_unif(&x);
        out[at] = 1;
        w[at] = (t_sm(&x) >> 63 ? -sd : sd) * 0.02;
    }
}

/* The plain quantizer: symmetric absmax codes of n >= 2 bits. */
static double t_q(double x, double s, long qmax)
{
    double c = round(x / s);

    if (c > qmax)
        c = (double)qmax;
    if (c < -qmax)
        c = -(double)qmax;
    return c * s;
}

/* The figures by hand over the weights with out[i] == want (want < 0:
 * all): rms, snr dB, max |e|, zeros. */
typedef struct {
    double rms, snr, max;
    int zeros, n;
} t_fig;

static t_fig t_figures(const double *w, const double *q, const unsigned char *out, int want)
{
    double sx = 0.0, se = 0.0;
    t_fig f = { 0.0, 0.0, 0.0, 0, 0 };
    int i;

    for (i = 0; i < ROUNDING_BLOCK; i++) {
        if (want >= 0 && out[i] != want)
            continue;
        f.n++;
        sx += w[i] * w[i];
        se += (w[i] - q[i]) * (w[i] - q[i]);
        if (fabs(w[i] - q[i]) > f.max)
            f.max = fabs(w[i] - q[i]);
        if (q[i] == 0.0)
            f.zeros++;
    }
    f.rms = sqrt(se / f.n);
    f.snr = 10.0 * log10(sx / se);
    return f;
}

static void same_fig(const rounding_err *e, t_fig f, const char *what)
{
    ck_assert_msg((int)e->n == f.n, "%s: n %zu, expected %d", what, e->n, f.n);
    close_to(e->rms, f.rms, what);
    close_to(e->snr_db, f.snr, what);
    close_to(e->max_abs, f.max, what);
    ck_assert_msg((int)e->zeros == f.zeros, "%s: zeros %zu, expected %d", what, e->zeros, f.zeros);
    close_to(e->zero_share, (double)f.zeros / f.n, what);
}

/* ---- the generator ----------------------------------------------------------- */

START_TEST(test_splitmix_reference)
{
    uint64_t st = SM_SEED_REF, zero = 0;
    int i;

    for (i = 0; i < 5; i++)
        ck_assert_uint_eq(rounding_splitmix64(&st), SM_1234567[i]);
    ck_assert_uint_eq(rounding_splitmix64(&zero), SM_0_FIRST);
    /* this file's copy agrees, so the sample below is made independently */
    st = SM_SEED_REF;
    for (i = 0; i < 5; i++)
        ck_assert_uint_eq(t_sm(&st), SM_1234567[i]);
}
END_TEST

START_TEST(test_uniform_and_normal)
{
    uint64_t st = SM_SEED_REF;
    double u1, u2;

    /* the top 53 bits of the first output over 2^53 */
    ck_assert(rounding_uniform(&st) == (double)(SM_1234567[0] >> 11) * P2(-53));
    ck_assert(rounding_uniform(&st) == (double)(SM_1234567[1] >> 11) * P2(-53));
    st = SM_SEED_REF;
    u1 = 1.0 - (double)(SM_1234567[0] >> 11) * P2(-53);
    u2 = (double)(SM_1234567[1] >> 11) * P2(-53);
    close_to(rounding_normal(&st), sqrt(-2.0 * log(u1)) * cos(TWO_PI * u2), "normal 1");
    u1 = 1.0 - (double)(SM_1234567[2] >> 11) * P2(-53);
    u2 = (double)(SM_1234567[3] >> 11) * P2(-53);
    close_to(rounding_normal(&st), sqrt(-2.0 * log(u1)) * cos(TWO_PI * u2), "normal 2");
}
END_TEST

START_TEST(test_sample)
{
    static rounding_sample s;
    double w[ROUNDING_BLOCK];
    unsigned char out[ROUNDING_BLOCK];
    int i, n = 0;

    t_sample(ROUNDING_SEED, w, out);
    rounding_sample_make(&s, ROUNDING_SEED);
    ck_assert_uint_eq(s.seed, ROUNDING_SEED);
    for (i = 0; i < ROUNDING_BLOCK; i++) {
        close_to(s.w[i], w[i], "weight");
        ck_assert_int_eq(s.outlier[i], out[i]);
        n += out[i];
    }
    ck_assert_int_eq(n, 4);
    for (i = 0; i < ROUNDING_OUTLIERS; i++) {
        double sd = fabs(s.w[s.outlier_at[i]]) / 0.02;

        ck_assert(s.outlier[s.outlier_at[i]]);
        ck_assert(sd >= 20.0 && sd < 40.0);
    }
    /* the rest: mean near 0 and sd near 0.02 (252 draws: within 3 standard
     * errors of each, 0.02 / sqrt(252) and 0.02 / sqrt(2 x 252)) */
    {
        double sum = 0.0, sq = 0.0, mean, sd;

        for (i = 0; i < ROUNDING_BLOCK; i++)
            if (!out[i]) {
                sum += w[i];
                sq += w[i] * w[i];
            }
        mean = sum / 252.0;
        sd = sqrt(sq / 252.0 - mean * mean);
        ck_assert(fabs(mean) < 3.0 * 0.02 / sqrt(252.0));
        ck_assert(fabs(sd - 0.02) < 3.0 * 0.02 / sqrt(504.0));
    }
    /* another seed, another sample */
    rounding_sample_make(&s, ROUNDING_SEED + 1);
    t_sample(ROUNDING_SEED + 1, w, out);
    close_to(s.w[0], w[0], "seed + 1");
    rounding_sample_make(&s, 0);
    t_sample(0, w, out);
    close_to(s.w[ROUNDING_BLOCK - 1], w[ROUNDING_BLOCK - 1], "seed 0");
}
END_TEST

/* ---- one value --------------------------------------------------------------- */

START_TEST(test_half_known)
{
    ck_assert_uint_eq(rounding_half_bits(3.14159), 0x4248);
    ck_assert(rounding_half(3.14159) == 3.140625);
    ck_assert_uint_eq(rounding_half_bits(1.0), 0x3c00);
    ck_assert_uint_eq(rounding_half_bits(-2.0), 0xc000);
    ck_assert_uint_eq(rounding_half_bits(0.0), 0x0000);
    ck_assert_uint_eq(rounding_half_bits(-0.0), 0x8000);
    ck_assert_uint_eq(rounding_half_bits(0.1), 0x2e66);        /* 0.0999755859375 */
    ck_assert_uint_eq(rounding_half_bits(1.0 / 3.0), 0x3555);  /* 0.333251953125 */
    ck_assert(rounding_half(0.1) == 0.0999755859375);
    ck_assert(rounding_half(1.0 / 3.0) == 0.333251953125);
    /* ties to even: 1 + 2^-11 is halfway between 1 and 1 + 2^-10 */
    ck_assert_uint_eq(rounding_half_bits(1.0 + P2(-11)), 0x3c00);
    ck_assert_uint_eq(rounding_half_bits(1.0 + 3 * P2(-11)), 0x3c02);
    ck_assert_uint_eq(rounding_half_bits(2049.0), 0x6800);     /* 2048 */
    ck_assert_uint_eq(rounding_half_bits(2051.0), 0x6802);     /* 2052 */
    /* the largest finite, and overflow from 65520 */
    ck_assert_uint_eq(rounding_half_bits(65504.0), 0x7bff);
    ck_assert_uint_eq(rounding_half_bits(65519.99), 0x7bff);
    ck_assert_uint_eq(rounding_half_bits(65520.0), 0x7c00);
    ck_assert_uint_eq(rounding_half_bits(-1e6), 0xfc00);
    ck_assert_uint_eq(rounding_half_bits(INFINITY), 0x7c00);
    ck_assert_uint_eq(rounding_half_bits(-INFINITY), 0xfc00);
    ck_assert(rounding_half(1e6) == INFINITY);
    ck_assert(isnan(rounding_half(NAN)));
    ck_assert_uint_eq(rounding_half_bits(NAN) & 0x7c00, 0x7c00);
    ck_assert_uint_ne(rounding_half_bits(NAN) & 0x03ff, 0);
    /* subnormals: steps of 2^-24, the least normal 2^-14 */
    ck_assert_uint_eq(rounding_half_bits(P2(-24)), 0x0001);
    ck_assert_uint_eq(rounding_half_bits(P2(-25)), 0x0000);          /* tie to 0 */
    ck_assert_uint_eq(rounding_half_bits(P2(-25) * 1.0000001), 0x0001);
    ck_assert_uint_eq(rounding_half_bits(3 * P2(-25)), 0x0002);      /* tie to 2 */
    ck_assert_uint_eq(rounding_half_bits(P2(-14)), 0x0400);
    ck_assert_uint_eq(rounding_half_bits(P2(-14) - P2(-25)), 0x0400); /* up: tie to even */
    ck_assert_uint_eq(rounding_half_bits(P2(-14) - P2(-24)), 0x03ff);
    ck_assert_uint_eq(rounding_half_bits(-P2(-24)), 0x8001);
    ck_assert(rounding_half_value(0x0001) == P2(-24));
    ck_assert(rounding_half_value(0x03ff) == 1023 * P2(-24));
    ck_assert(rounding_half_value(0x7bff) == 65504.0);
    ck_assert(rounding_half_value(0xfc00) == -INFINITY);
    ck_assert(rounding_half_value(0xc000) == -2.0);
}
END_TEST

/* Every finite half reads back to itself, and every midpoint between two
 * neighbours goes to the even one, a hair either side to the nearer. */
START_TEST(test_half_every_value)
{
    unsigned h;

    for (h = 0; h < 0x7bff; h++) {
        double lo = rounding_half_value((uint16_t)h), hi = rounding_half_value((uint16_t)(h + 1));
        double mid = (lo + hi) / 2.0;

        ck_assert_uint_eq(rounding_half_bits(lo), h);
        ck_assert_uint_eq(rounding_half_bits(-lo), h | 0x8000);
        ck_assert_msg(hi > lo, "half %#x", h);
        ck_assert_uint_eq(rounding_half_bits(mid), (h & 1) ? h + 1 : h);
        ck_assert_uint_eq(rounding_half_bits(nextafter(mid, 0.0)), h);
        ck_assert_uint_eq(rounding_half_bits(nextafter(mid, INFINITY)), h + 1);
    }
    ck_assert_uint_eq(rounding_half_bits(rounding_half_value(0x7bff)), 0x7bff);
}
END_TEST

START_TEST(test_scalar_table)
{
    rounding_scalar_row r[ROUNDING_SCALAR_ROWS];

    rounding_scalar(ROUNDING_VALUE, ROUNDING_SCALAR_ABSMAX, r);
    /* FP32: 3.14159 is 0x40490fd0 = 13176784 x 2^-22 = 3.14159011840820312500 */
    ck_assert_str_eq(r[0].name, "FP32");
    ck_assert_int_eq(r[0].bits, 32);
    ck_assert_int_eq(r[0].code, 0x40490fd0);
    ck_assert(r[0].stored == 13176784.0 * P2(-22));
    ck_assert(r[0].stored == 3.14159011840820312500);
    close_to(r[0].error, 3.14159011840820312500 - 3.14159, "fp32 error");
    /* FP16: 1608 steps of 2^-9 (3.14159 / 2^-9 = 1608.49) */
    ck_assert_str_eq(r[1].name, "FP16");
    ck_assert_int_eq(r[1].code, 0x4248);
    ck_assert(r[1].stored == 1608.0 * P2(-9));
    ck_assert(r[1].stored == 3.140625);
    close_to(r[1].error, 3.140625 - 3.14159, "fp16 error");
    close_to(r[1].rel_error, (3.14159 - 3.140625) / 3.14159, "fp16 relative");
    /* INT8: scale 4/127, 3.14159 x 127/4 = 99.745 -> 100 */
    ck_assert_str_eq(r[2].name, "INT8");
    ck_assert_int_eq(r[2].code, 100);
    close_to(r[2].scale, 4.0 / 127.0, "int8 scale");
    close_to(r[2].stored, 400.0 / 127.0, "int8");
    /* INT4: scale 4/7, x 7/4 = 5.498 -> 5: 20/7 = 2.857 */
    ck_assert_int_eq(r[3].code, 5);
    close_to(r[3].stored, 20.0 / 7.0, "int4");
    close_to(r[3].error, 20.0 / 7.0 - 3.14159, "int4 error");
    /* INT2: scale 4, 0.785 -> 1: 4 */
    ck_assert_int_eq(r[4].code, 1);
    ck_assert(r[4].stored == 4.0);
    close_to(r[4].rel_error, (4.0 - 3.14159) / 3.14159, "int2 relative");
    /* the error grows as the bits shrink */
    ck_assert(fabs(r[0].error) < fabs(r[1].error));
    ck_assert(fabs(r[1].error) < fabs(r[2].error));
    ck_assert(fabs(r[2].error) < fabs(r[3].error));
    ck_assert(fabs(r[3].error) < fabs(r[4].error));
    /* a value past the range is clamped to the largest code */
    rounding_scalar(10.0, ROUNDING_SCALAR_ABSMAX, r);
    ck_assert_int_eq(r[3].code, 7);
    ck_assert(r[3].stored == 4.0);
}
END_TEST

START_TEST(test_round_and_bits)
{
    ck_assert(rounding_round(0.6, 0.25, 4) == 0.5);       /* 2.4 -> 2 */
    ck_assert(rounding_round(0.625, 0.25, 4) == 0.75);    /* 2.5 -> 3, away from 0 */
    ck_assert(rounding_round(-0.625, 0.25, 4) == -0.75);
    ck_assert(rounding_round(10.0, 0.25, 4) == 1.75);     /* clamped to 7 */
    ck_assert(rounding_round(-100.0, 0.25, 8) == -127 * 0.25);
    ck_assert(rounding_round(0.1, 0.25, 2) == 0.0);       /* ternary: 0.4 -> 0 */
    ck_assert(rounding_round(-0.1, 0.5, 1) == -0.5);      /* 1 bit: the sign */
    ck_assert(rounding_round(0.0, 0.5, 1) == 0.5);
    ck_assert(rounding_round(0.3, 0.0, 4) == 0.0);
    ck_assert_int_eq(rounding_qmax(1), 1);
    ck_assert_int_eq(rounding_qmax(2), 1);
    ck_assert_int_eq(rounding_qmax(4), 7);
    ck_assert_int_eq(rounding_qmax(8), 127);
    ck_assert_int_eq(rounding_qmax(16), 32767);
    ck_assert_int_eq(rounding_code_bits(4.75), 4);
    ck_assert_int_eq(rounding_code_bits(1.5), 1);
    ck_assert(rounding_bits_ok(1.5) && rounding_bits_ok(16.0) && rounding_bits_ok(4.25));
    ck_assert(!rounding_bits_ok(1.49) && !rounding_bits_ok(16.01) && !rounding_bits_ok(NAN));
    ck_assert(rounding_bits_clamp(32.0) == 16.0);
    ck_assert(rounding_bits_clamp(1.0) == 1.5);
    ck_assert(rounding_bits_clamp(NAN) == 4.0);
    ck_assert(rounding_bits_clamp(5.25) == 5.25);
}
END_TEST

/* ---- the block ------------------------------------------------------------ */

/* The three methods at `bits` worked out here, against rounding_analyse. */
static void check_block_at(double bits)
{
    static rounding_sample s;
    static rounding_analysis a;
    double w[ROUNDING_BLOCK], q[ROUNDING_BLOCK], amax = 0.0, best = INFINITY, sx = 0.0, so = 0.0;
    unsigned char out[ROUNDING_BLOCK];
    int n = (int)floor(bits), i, g, k;
    long qmax = (1L << (n - 1)) - 1;

    ck_assert_int_ge(n, 2);
    t_sample(ROUNDING_SEED, w, out);
    rounding_sample_make(&s, ROUNDING_SEED);
    ck_assert_int_eq(rounding_analyse(&s, bits, &a), 0);
    ck_assert_int_eq(a.code_bits, n);
    ck_assert_int_eq(a.qmax, qmax);
    ck_assert_int_eq(a.levels, 2 * qmax + 1);
    for (i = 0; i < ROUNDING_BLOCK; i++) {
        if (fabs(w[i]) > amax)
            amax = fabs(w[i]);
        sx += w[i] * w[i];
        so += out[i] ? w[i] * w[i] : 0.0;
    }
    close_to(a.absmax, amax, "absmax");
    close_to(a.outlier_energy, so / sx, "outlier energy");
    /* (1) one scale */
    for (i = 0; i < ROUNDING_BLOCK; i++)
        q[i] = t_q(w[i], amax / qmax, qmax);
    ck_assert_int_eq(a.r[ROUNDING_ABSMAX].group, 256);
    close_to(a.r[ROUNDING_ABSMAX].bits_per_weight, n + 16.0 / 256.0, "bits/w");
    close_to(a.r[ROUNDING_ABSMAX].scale, amax / qmax, "scale");
    same_fig(&a.r[ROUNDING_ABSMAX].all, t_figures(w, q, out, -1), "absmax all");
    same_fig(&a.r[ROUNDING_ABSMAX].outliers, t_figures(w, q, out, 1), "absmax outliers");
    same_fig(&a.r[ROUNDING_ABSMAX].rest, t_figures(w, q, out, 0), "absmax rest");
    ck_assert_uint_eq(a.r[ROUNDING_ABSMAX].clipped, 0);
    /* (2) groups of 32: 4.5 bits at 4, Q4_0's 18 bytes per 32 weights */
    for (g = 0; g < 256; g += 32) {
        double m = 0.0;

        for (i = g; i < g + 32; i++)
            m = fabs(w[i]) > m ? fabs(w[i]) : m;
        for (i = g; i < g + 32; i++)
            q[i] = t_q(w[i], m / qmax, qmax);
    }
    ck_assert_int_eq(a.r[ROUNDING_GROUPED].group, 32);
    close_to(a.r[ROUNDING_GROUPED].bits_per_weight, n + 0.5, "group bits/w");
    same_fig(&a.r[ROUNDING_GROUPED].all, t_figures(w, q, out, -1), "group all");
    same_fig(&a.r[ROUNDING_GROUPED].outliers, t_figures(w, q, out, 1), "group outliers");
    same_fig(&a.r[ROUNDING_GROUPED].rest, t_figures(w, q, out, 0), "group rest");
    /* (3) the clip: the least squared error of 0.01 .. 1.00 */
    for (k = 100; k >= 1; k--) {
        double sse = 0.0, sc = (k / 100.0) * amax / qmax;

        for (i = 0; i < ROUNDING_BLOCK; i++)
            sse += (w[i] - t_q(w[i], sc, qmax)) * (w[i] - t_q(w[i], sc, qmax));
        if (sse < best)
            best = sse;
    }
    close_to(a.r[ROUNDING_CLIPPED].all.rms, sqrt(best / 256.0), "best clip rms");
    for (i = 0; i < ROUNDING_BLOCK; i++)
        q[i] = t_q(w[i], a.r[ROUNDING_CLIPPED].clip * amax / qmax, qmax);
    same_fig(&a.r[ROUNDING_CLIPPED].all, t_figures(w, q, out, -1), "clip all");
    same_fig(&a.r[ROUNDING_CLIPPED].rest, t_figures(w, q, out, 0), "clip rest");
    for (i = 0; i < ROUNDING_BLOCK; i++)
        ck_assert(a.r[ROUNDING_CLIPPED].q[i] == q[i]);
}

START_TEST(test_block_by_hand)
{
    check_block_at(2.0);
    check_block_at(3.0);
    check_block_at(4.0);
    check_block_at(4.5);
    check_block_at(8.0);
    check_block_at(16.0);
}
END_TEST

/* The lesson, for the fixed seed at 4 bits: one absmax scale of the block
 * (its largest weight / 7) is more than twice the rest's largest weight,
 * so every weight but the 4 outliers rounds to 0 and the rest's SNR is
 * 0 dB; groups of 32 keep most of them. */
START_TEST(test_lesson_at_4_bits)
{
    static rounding_sample s;
    static rounding_analysis a;
    double rest_max = 0.0;
    int i;

    rounding_sample_make(&s, ROUNDING_SEED);
    ck_assert_int_eq(rounding_analyse(&s, 4.0, &a), 0);
    for (i = 0; i < ROUNDING_BLOCK; i++)
        if (!s.outlier[i] && fabs(s.w[i]) > rest_max)
            rest_max = fabs(s.w[i]);
    ck_assert(rest_max < a.absmax / 7.0 / 2.0);
    ck_assert_uint_eq(a.r[ROUNDING_ABSMAX].rest.zeros, 252);
    ck_assert_uint_eq(a.r[ROUNDING_ABSMAX].outliers.zeros, 0);
    ck_assert(a.r[ROUNDING_ABSMAX].rest.snr_db == 0.0);
    ck_assert(a.r[ROUNDING_GROUPED].rest.zero_share < 0.5);
    ck_assert(a.r[ROUNDING_GROUPED].rest.rms < a.r[ROUNDING_ABSMAX].rest.rms);
    /* the outliers hold most of the block's energy, so the least-error
     * clip keeps them (ratio near 1) */
    ck_assert(a.outlier_energy > 0.5);
    ck_assert(a.r[ROUNDING_CLIPPED].clip > 0.9);
    /* fractional bits use the same grid */
    {
        static rounding_analysis b;

        ck_assert_int_eq(rounding_analyse(&s, 4.75, &b), 0);
        ck_assert(b.r[ROUNDING_ABSMAX].all.rms == a.r[ROUNDING_ABSMAX].all.rms);
    }
}
END_TEST

START_TEST(test_properties)
{
    static rounding_sample s;
    static rounding_analysis a;
    double last[ROUNDING_METHODS];
    int b, m;
    uint64_t seed;

    rounding_sample_make(&s, ROUNDING_SEED);
    ck_assert_int_eq(rounding_analyse(&s, 1.5, &a), 0);
    ck_assert_int_eq(a.levels, 2);
    ck_assert_uint_eq(a.r[ROUNDING_ABSMAX].all.zeros, 0);  /* 1 bit: the sign */
    for (m = 0; m < ROUNDING_METHODS; m++)
        last[m] = a.r[m].all.rms;
    for (b = 2; b <= 16; b++) {
        ck_assert_int_eq(rounding_analyse(&s, b, &a), 0);
        for (m = 0; m < ROUNDING_METHODS; m++) {
            ck_assert_msg(a.r[m].all.rms < last[m], "%s at %d bits: %g !< %g", a.r[m].name, b,
                          a.r[m].all.rms, last[m]);
            last[m] = a.r[m].all.rms;
        }
        ck_assert_msg(a.r[ROUNDING_GROUPED].all.rms <= a.r[ROUNDING_ABSMAX].all.rms, "%d", b);
        ck_assert(a.r[ROUNDING_CLIPPED].all.rms <= a.r[ROUNDING_ABSMAX].all.rms);
        ck_assert(a.r[ROUNDING_CLIPPED].all.snr_db >= a.r[ROUNDING_ABSMAX].all.snr_db);
    }
    /* the clip never loses, on any seed (1.00 is on the grid) */
    for (seed = 1; seed <= 20; seed++) {
        rounding_sample_make(&s, seed);
        for (b = 2; b <= 8; b += 2) {
            ck_assert_int_eq(rounding_analyse(&s, b, &a), 0);
            ck_assert(a.r[ROUNDING_CLIPPED].all.rms <= a.r[ROUNDING_ABSMAX].all.rms);
        }
    }
}
END_TEST

START_TEST(test_refused_and_deterministic)
{
    static rounding_sample s, t;
    static rounding_analysis a, b;

    rounding_sample_make(&s, ROUNDING_SEED);
    memset(&a, 0x5a, sizeof a);
    ck_assert_int_eq(rounding_analyse(&s, 1.0, &a), -1);
    ck_assert_int_eq(rounding_analyse(&s, 17.0, &a), -1);
    ck_assert_int_eq(rounding_analyse(&s, NAN, &a), -1);
    ck_assert_int_eq(((unsigned char *)&a)[0], 0x5a);        /* untouched */
    rounding_sample_make(&t, ROUNDING_SEED);
    ck_assert_int_eq(memcmp(&s, &t, sizeof s), 0);
    ck_assert_int_eq(rounding_analyse(&s, 3.0, &a), 0);
    ck_assert_int_eq(rounding_analyse(&t, 3.0, &b), 0);
    ck_assert_int_eq(memcmp(&a, &b, sizeof a), 0);
    ck_assert_ptr_nonnull(strstr(rounding_lesson(), "AWQ"));
    ck_assert_ptr_nonnull(strstr(rounding_lesson(), "GPTQ"));
    ck_assert_ptr_nonnull(strstr(rounding_sources(), "2306.00978"));
    ck_assert_ptr_nonnull(strstr(rounding_sources(), "2210.17323"));
}
END_TEST

static Suite *rounding_suite(void)
{
    Suite *s = suite_create("rounding");
    TCase *g = tcase_create("generator");
    TCase *v = tcase_create("value");
    TCase *b = tcase_create("block");

    tcase_add_test(g, test_splitmix_reference);
    tcase_add_test(g, test_uniform_and_normal);
    tcase_add_test(g, test_sample);
    suite_add_tcase(s, g);
    tcase_add_test(v, test_half_known);
    tcase_add_test(v, test_half_every_value);
    tcase_add_test(v, test_scalar_table);
    tcase_add_test(v, test_round_and_bits);
    suite_add_tcase(s, v);
    tcase_add_test(b, test_block_by_hand);
    tcase_add_test(b, test_lesson_at_4_bits);
    tcase_add_test(b, test_properties);
    tcase_add_test(b, test_refused_and_deterministic);
    suite_add_tcase(s, b);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(rounding_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
