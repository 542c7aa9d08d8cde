/* fmt.c - display formatting of numbers. */
#include <stdio.h>
#include <string.h>

#include "face/fmt.h"

typedef struct {
    double scale;
    const char *suffix;
} fmt_scale;

/* Largest first: SI thousands as used in model names (7B, 350M, 1.5T). */
static const fmt_scale fmt_param_scales[] = {
    { 1e12, "T" }, { 1e9, "B" }, { 1e6, "M" }, { 1e3, "K" },
};

char *fmt_params(char *buf, size_t size, double params)
{
    size_t i;

    for (i = 0; i < sizeof fmt_param_scales / sizeof fmt_param_scales[0]; i++) {
        /* Compare against the value that rounds to 1.00 at this scale. */
        if (params >= fmt_param_scales[i].scale * 0.9995) {
            snprintf(buf, size, "%.2f%s", params / fmt_param_scales[i].scale,
                     fmt_param_scales[i].suffix);
            return buf;
        }
    }
    snprintf(buf, size, "%.0f", params);
    return buf;
}

char *fmt_bits(char *buf, size_t size, double bits, int decimals)
{
    size_t n;

    snprintf(buf, size, "%.*f", decimals, bits);
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
        snprintf(buf, size, "%s", fmt_name);
    else
        snprintf(buf, size, "%s-bit", fmt_bits(b, sizeof b, bits, 2));
    return buf;
}

char *fmt_model(char *buf, size_t size, const char *name, double params)
{
    char p[32];

    fmt_params(p, sizeof p, params);
    if (name != NULL)
        snprintf(buf, size, "%s (%s)", name, p);
    else
        snprintf(buf, size, "%s parameters", p);
    return buf;
}
