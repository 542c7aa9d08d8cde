/* parse.h - strict parsers for the numbers people type: model sizes, bits,
 * byte sizes and context lengths.
 *
 * Layer 1 (model): pure, no I/O, locale-independent for the decimal point as
 * long as LC_NUMERIC stays "C" (quantscope only sets LC_CTYPE). Every parser
 * takes the whole string: leading or trailing junk, signs, NaN, infinities
 * and out-of-range values are refused (parse_decimal and parse_whole leave
 * the range to the caller). Each returns 0 on success and -1 on a refusal,
 * leaving *out untouched then. */
#ifndef QS_PARSE_H
#define QS_PARSE_H


/* Accepted parameter counts: 1 .. PARSE_PARAMS_MAX. */
#define PARSE_PARAMS_MIN 1.0
#define PARSE_PARAMS_MAX 1e15
/* Accepted bits per weight: above 0, at most PARSE_BITS_MAX. */
#define PARSE_BITS_MAX 64.0
/* Accepted context lengths in tokens: 1 .. PARSE_CTX_MAX. */
#define PARSE_CTX_MAX 100000000L

/* An unsigned decimal number, the whole string: digits with at most one
 * '.', and an optional exponent ("90", "0.75", ".5", "1e3"). No sign, no
 * hexadecimal, no NaN or infinities; values that overflow or underflow a
 * double ("1e400", "1e-400") are refused. The range is the caller's to check. */
int parse_decimal(const char *s, double *out);

/* A whole number in ASCII digits only, the whole string: "1", "4096",
 * "007"; no sign, fraction, exponent or suffix. Refused when it exceeds
 * LONG_MAX. The range is the caller's to check. */
int parse_whole(const char *s, long *out);

/* A parameter count: "7B", "7b", "8.03B", "350M", "124m", "1.5T", "500K",
 * "7e9", "7000000000". Suffixes K, M, B, T (any case) scale by 10^3 .. 10^12. */
int parse_params(const char *s, double *out);

/* Bits per weight as a plain decimal number (parse_decimal): "4", "4.5",
 * "1.58"; (0, 64]. */
int parse_bits(const char *s, double *out);

/* A byte size with a unit: B, KB, MB, GB, TB (powers of 1000) or KiB, MiB,
 * GiB, TiB (powers of 1024), any case, e.g. "24GiB", "16GB", "0.5GiB".
 * The result, in bytes, must be positive and finite. */
int parse_bytes(const char *s, double *out);

/* A context length in tokens: "4096", "8k" or "128K" (k = 1024); 1 .. PARSE_CTX_MAX. */
int parse_ctx(const char *s, long *out);

#endif
