/* fmt.c - display formatting of numbers.
 *
 * snprintf results are ignored: each output is truncated to the caller's
 * size, as fmt.h promises. */
#include <stdio.h>
#include <string.h>

#include "cli/fmt.h"
#include "model/kvcache.h"

typedef struct {
    double scale;
    const char *suffix;
} fmt_scale;

/* A value at or above this fraction of a scale rounds to "1.00" of it with
 * two decimals (0.9995 -> "1.00"), so it takes that scale's suffix rather
 * than showing as "1000.00" of the next smaller one. */
#define FMT_ROUNDS_UP_TO_ONE 0.9995

/* Largest first: SI thousands as used in model names (7B, 350M, 1.5T). */
static const fmt_scale fmt_param_scales[] = {
    { 1e12, "T" }, { 1e9, "B" }, { 1e6, "M" }, { 1e3, "K" },
};

char *fmt_params(char *buf, size_t size, double params)
{
    size_t i;

    for (i = 0; i < sizeof fmt_param_scales / sizeof fmt_param_scales[0]; i++) {
        if (params >= fmt_param_scales[i].scale * FMT_ROUNDS_UP_TO_ONE) {
            (void)snprintf(buf, size, "%.2f%s", params / fmt_param_scales[i].scale,
                           fmt_param_scales[i].suffix);
            return buf;
        }
    }
    (void)snprintf(buf, size, "%.0f", params);
    return buf;
}

char *fmt_bits(char *buf, size_t size, double bits, int decimals)
{
    size_t n;

    (void)snprintf(buf, size, "%.*f", decimals, bits);
    n = strlen(buf);
    if (strchr(buf, '.') != NULL) {
        while (n > 0 && buf[n - 1] == '0')
            buf[--n] = '\0';
        if (n > 0 && buf[n - 1] == '.')
            buf[--n] = '\0';
    }
    return buf;
}

char *fmt_precision(char *buf, size_t size, double bits, const char *fmt_name)
{
    char b[32];

    if (fmt_name != NULL)
        (void)snprintf(buf, size, "%s", fmt_name);
    else
        (void)snprintf(buf, size, "%s-bit", fmt_bits(b, sizeof b, bits, 2));
    return buf;
}

char *fmt_model(char *buf, size_t size, const char *name, double params)
{
    char p[32];

    if (name != NULL)
        (void)snprintf(buf, size, "%s (%s)", name, fmt_params(p, sizeof p, params));
    else
        (void)snprintf(buf, size, "%s parameters", fmt_params(p, sizeof p, params));
    return buf;
}

char *fmt_kv_type(char *buf, size_t size, double kv_bits)
{
    const char *name = kvcache_name_from_bits(kv_bits);

    if (name != NULL)
        (void)snprintf(buf, size, "%s", name);
    else
        (void)snprintf(buf, size, "%g-bit", kv_bits);
    return buf;
}
