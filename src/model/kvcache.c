/* kvcache.c - the element types a KV cache can be kept in (kvcache.h).
 * The cache's size, layer by layer: kvarch.c. */
#include <math.h>
#include <stddef.h>
#include <strings.h>

#include "model/kvcache.h"
#include "model/memory.h"
#include "model/parse.h"

typedef struct {
    const char *name;
    double bits;
} kvcache_type;

/* llama.cpp --cache-type-k/-v choices (common/arg.cpp); bits per element
 * from the block layouts in ggml/src/ggml-common.h, per 32 elements:
 * q8_0 2 + 32 B, q5_1 4 + 4 + 16 B, q5_0 2 + 4 + 16 B, q4_1 4 + 16 B,
 * q4_0 and iq4_nl 2 + 16 B. The first row of a size is its canonical name. */
static const kvcache_type kvcache_types[] = {
    { "f32", 32.0 },
    { "f16", KV_BITS_F16 },
    { "bf16", 16.0 },
    { "q8_0", KV_BITS_Q8_0 },
    { "q5_1", (4.0 + 4.0 + 16.0) * 8.0 / 32.0 },
    { "q5_0", (2.0 + 4.0 + 16.0) * 8.0 / 32.0 },
    { "q4_1", (4.0 + 16.0) * 8.0 / 32.0 },
    { "q4_0", KV_BITS_Q4_0 },
    { "iq4_nl", (2.0 + 16.0) * 8.0 / 32.0 },
};

#define KVCACHE_TYPES_N (sizeof kvcache_types / sizeof kvcache_types[0])

int kvcache_bits_from_name(const char *name, double *bits)
{
    size_t i;

    if (name == NULL || bits == NULL)
        return -1;
    for (i = 0; i < KVCACHE_TYPES_N; i++)
        if (strcasecmp(kvcache_types[i].name, name) == 0) {
            *bits = kvcache_types[i].bits;
            return 0;
        }
    return -1;
}

const char *kvcache_name_from_bits(double bits)
{
    size_t i;

    for (i = 0; i < KVCACHE_TYPES_N; i++)
        if (kvcache_types[i].bits == bits)
            return kvcache_types[i].name;
    return NULL;
}

size_t kvcache_type_count(void)
{
    return KVCACHE_TYPES_N;
}

const char *kvcache_type_name(size_t i)
{
    return i < KVCACHE_TYPES_N ? kvcache_types[i].name : NULL;
}

double kvcache_type_bits(size_t i)
{
    return i < KVCACHE_TYPES_N ? kvcache_types[i].bits : 0.0;
}
