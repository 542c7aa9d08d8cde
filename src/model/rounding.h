/* rounding.h - what rounding does to numbers: one value at 32, 16, 8, 4
 * and 2 bits, and a block of weights with outliers at any bits, rounded
 * three ways (issue 12, "rounding versus calibration, on numbers").
 *
 * Layer 1 (model): pure and deterministic, no I/O, no global state. The
 * sample comes from splitmix64 (Steele, Lea and Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014; the reference C code by
 * Vigna, prng.di.unimi.it/splitmix64.c), so a seed gives the same weights
 * on every machine, and a test pins the figures.
 *
 * Bits: the integer grids have whole bits, n = floor(bits) (1.5 to 16 are
 * accepted). With n >= 2 the codes are the symmetric -qmax .. qmax, qmax =
 * 2^(n-1) - 1 (one code of the 2^n left unused, as absmax int8 uses -127 ..
 * 127: LLM.int8(), Dettmers et al., arXiv 2208.07339, section 2); with n =
 * 1 the two codes are -1 and +1 (the sign; nothing becomes 0). The fraction
 * of a format's bits is what its scales cost: ROUNDING_SCALE_BITS per
 * group, so 4 bits in groups of 32 are 4.5 bits per weight, llama.cpp's
 * Q4_0 (ggml/src/ggml-common.h block_q4_0: a ggml_half d and QK4_0 = 32
 * 4-bit codes; its codes are -8..7 with d = max / -8, ours -7..7). */
#ifndef QS_ROUNDING_H
#define QS_ROUNDING_H

#include <stddef.h>
#include <stdint.h>

/* ---- the lesson's constants ------------------------------------------------ */

/* The value of the scalar table: pi to five decimals (the issue's). */
#define ROUNDING_VALUE 3.14159
/* The integer rows store it as a value of a block whose absmax is 4 (the
 * range [-4, 4]): the scale is 4 / qmax. Our choice: a value below its
 * block's largest, so that the integer rows are not exact by construction
 * (the block's largest value always is). */
#define ROUNDING_SCALAR_ABSMAX 4.0
/* Rows of the scalar table: FP32, FP16, INT8, INT4, INT2. */
#define ROUNDING_SCALAR_ROWS 5

/* The default sample's seed (our choice; --seed N gives another). */
#define ROUNDING_SEED 2026UL
/* Weights in the block, and per group of the per-group method: 32, the
 * block of llama.cpp's Q4_0 / Q8_0 (QK4_0 = QK8_0 = 32, ggml-common.h);
 * GPTQ and AWQ checkpoints usually take groups of 128 (data/formats.tsv
 * rows GPTQ and AWQ, "group size 128"). */
#define ROUNDING_BLOCK 256
#define ROUNDING_GROUP 32
#define ROUNDING_GROUPS (ROUNDING_BLOCK / ROUNDING_GROUP)
/* The weights: normal, mean 0, sd 0.02: the initialisation of GPT-2's and
 * Llama's linear layers ("initializer_range": 0.02 in their config.json);
 * that trained matrices keep about that spread is our assumption
 * (UNVERIFIED). */
#define ROUNDING_SD 0.02
/* A few outliers: ROUNDING_OUTLIERS weights of 20 to 40 sd, of either
 * sign, at positions drawn from the PRNG. Real models have a small share
 * of values far larger than the rest that matter most: LLM.int8() (arXiv
 * 2208.07339) finds outlier features in the hidden states of models from
 * 6.7B up; AWQ (arXiv 2306.00978, section 3.1) finds that keeping 1% of
 * salient weight channels in high precision recovers most of the loss;
 * SpQR (arXiv 2306.03078) keeps outlier weights apart in higher
 * precision. The count and the 20-40 sd are our illustration: UNVERIFIED
 * as the magnitudes of any one model. */
#define ROUNDING_OUTLIERS 4
#define ROUNDING_OUTLIER_SD_MIN 20.0
#define ROUNDING_OUTLIER_SD_MAX 40.0
/* The bits accepted, and the demo's default (-b 4). */
#define ROUNDING_BITS_MIN 1.5
#define ROUNDING_BITS_MAX 16.0
#define ROUNDING_BITS_DEFAULT 4.0
/* One scale costs 16 bits (an fp16, as ggml_half d in block_q4_0). */
#define ROUNDING_SCALE_BITS 16.0
/* The clip search: ratios k / ROUNDING_CLIP_STEPS of the block's absmax,
 * k = 1 .. ROUNDING_CLIP_STEPS (0.01 .. 1.00); the least squared error
 * wins, a tie going to the larger ratio. */
#define ROUNDING_CLIP_STEPS 100

/* ---- the generator ----------------------------------------------------------- */

/* splitmix64: advances *state by the golden gamma and returns the mixed
 * output (the reference splitmix64.c; seed 1234567 gives 6457827717110365317
 * first: Rosetta Code, "Pseudo-random numbers/Splitmix64"). */
uint64_t rounding_splitmix64(uint64_t *state);

/* A uniform double in [0, 1): the top 53 bits of one output times 2^-53. */
double rounding_uniform(uint64_t *state);

/* A standard normal by Box-Muller from two outputs: u1 = 1 - uniform (in
 * (0, 1]), then u2 = uniform; sqrt(-2 ln u1) cos(2 pi u2). */
double rounding_normal(uint64_t *state);

/* ---- one value --------------------------------------------------------------- */

/* x rounded to the nearest IEEE 754 binary16 (round to nearest, ties to
 * even; subnormals below 2^-14 in steps of 2^-24; 65520 and above to
 * infinity, NaN to a quiet NaN), as its bits and as its value. Done here
 * on the double, not through a float (one rounding, not two). */
uint16_t rounding_half_bits(double x);
double rounding_half_value(uint16_t h);
double rounding_half(double x);

/* x as a float (the conversion rounds to nearest even) and its bits. */
double rounding_float(double x);
uint32_t rounding_float_bits(double x);

typedef enum {
    ROUNDING_KIND_FLOAT = 0,   /* an IEEE format: code holds its bits */
    ROUNDING_KIND_INT          /* an integer code times scale */
} rounding_kind;

typedef struct {
    const char *name;          /* "FP32", "FP16", "INT8", "INT4", "INT2" */
    const char *what;          /* "IEEE float", "IEEE half", "absmax 4 / 127", ... */
    rounding_kind kind;
    int bits;
    double stored;             /* the value read back */
    double error;              /* stored - value */
    double rel_error;          /* |error| / |value| (0 for a value of 0) */
    long long code;            /* the bit pattern (float) or the integer code */
    double scale;              /* absmax / qmax (int); 0 for a float */
} rounding_scalar_row;

/* The scalar table for `value` stored as FP32, FP16 and the integers of 8,
 * 4 and 2 bits with the scale absmax / qmax (codes clamped to +-qmax). */
void rounding_scalar(double value, double absmax, rounding_scalar_row rows[ROUNDING_SCALAR_ROWS]);

/* ---- a block of weights ------------------------------------------------------ */

typedef struct {
    uint64_t seed;
    double w[ROUNDING_BLOCK];
    unsigned char outlier[ROUNDING_BLOCK];     /* 1 at an outlier */
    size_t outlier_at[ROUNDING_OUTLIERS];      /* in the order drawn */
} rounding_sample;

/* The sample for `seed`: from a state equal to the seed, the
 * ROUNDING_BLOCK weights ROUNDING_SD x rounding_normal() in order; then
 * per outlier: a position (output % ROUNDING_BLOCK, drawn again while it
 * is taken), a size (ROUNDING_OUTLIER_SD_MIN + (MAX - MIN) x uniform, in
 * sd) and a sign (the top bit of an output: 1 negative), which replace the
 * weight there. */
void rounding_sample_make(rounding_sample *s, uint64_t seed);

typedef enum {
    ROUNDING_ABSMAX = 0,       /* one absmax scale for the block */
    ROUNDING_GROUPED,          /* an absmax scale per ROUNDING_GROUP */
    ROUNDING_CLIPPED,          /* one scale from the best clip of the absmax */
    ROUNDING_METHODS
} rounding_method;

/* Error figures of a set of weights (all, the outliers, the rest). */
typedef struct {
    size_t n;
    double rms;                /* sqrt(sum (x - q)^2 / n) */
    double snr_db;             /* 10 log10(sum x^2 / sum (x - q)^2); INFINITY
                                  when nothing was lost */
    double max_abs;            /* the largest |x - q| */
    size_t zeros;              /* weights stored as 0 */
    double zero_share;         /* zeros / n */
} rounding_err;

typedef struct {
    rounding_method method;
    const char *name;          /* "absmax", "absmax per group", "best clip" */
    size_t group;              /* weights per scale */
    double clip;               /* the ratio of the absmax the scale spans */
    double scale;              /* the block's scale; per group: the largest */
    double bits_per_weight;    /* code bits + ROUNDING_SCALE_BITS / group */
    size_t clipped;            /* weights beyond the grid (|x| > qmax x scale) */
    rounding_err all, outliers, rest;
    double q[ROUNDING_BLOCK];  /* the weights read back */
} rounding_result;

typedef struct {
    double bits;               /* as asked */
    int code_bits;             /* floor(bits) */
    long qmax;                 /* largest code: 2^(n-1) - 1, or 1 at n = 1 */
    long levels;               /* 2 qmax + 1, or 2 at n = 1 */
    double absmax;             /* the block's largest |w| */
    double outlier_energy;     /* the outliers' share of sum w^2: when it is
                                  large, the least-error clip keeps them */
    rounding_result r[ROUNDING_METHODS];
} rounding_analysis;

/* 1 when bits are in ROUNDING_BITS_MIN .. ROUNDING_BITS_MAX (not NaN). */
int rounding_bits_ok(double bits);
/* bits clamped to that range (NaN: ROUNDING_BITS_DEFAULT), for the panel,
 * whose slider goes further. */
double rounding_bits_clamp(double bits);

/* The code bits of `bits` (floor), its largest code and its levels. */
int rounding_code_bits(double bits);
long rounding_qmax(int code_bits);

/* One weight rounded on the grid of `code_bits` with step `scale`: the code
 * (round half away from zero, as llama.cpp's quantize_row_q8_0 roundf) of
 * x / scale clamped to +-qmax, times scale; at 1 bit +-scale by sign (0
 * gives +scale); a scale of 0 gives 0. */
double rounding_round(double x, double scale, int code_bits);

/* The error figures of q against x over the weights with mask[i] == want
 * (mask NULL: all of them). */
void rounding_err_of(const double *x, const double *q, const unsigned char *mask, int want,
                     size_t n, rounding_err *e);

/* The three methods on s at `bits`. Returns 0, or -1 (a left untouched)
 * when the bits are not rounding_bits_ok. */
int rounding_analyse(const rounding_sample *s, double bits, rounding_analysis *a);

/* The lesson in one line: why outliers hurt plain rounding, what AWQ and
 * GPTQ do about it. */
const char *rounding_lesson(void);
/* Its sources, one line. */
const char *rounding_sources(void);

#endif
