/* kvcache.c - the key/value cache of a transformer at a given context.
 *
 * Formula and its three confirmations: ../shared/reference/notes.md "KV
 * cache formula" (ollama llm/memory.go, llama.cpp llama-hparams.cpp, HF
 * blog llama31.md); MLA: ik_llama.cpp PR #235 ("KV self size = 2196.00 MiB"
 * for DeepSeek-V3 at 32768 tokens = 32768 x 61 x 576 x 2 B). */
#include <math.h>
#include <stddef.h>
#include <strings.h>

#include "model/kvcache.h"
#include "model/memory.h"
#include "model/parse.h"

/* K and V: two tensors of the same width per layer (plain attention). */
#define KV_TENSORS 2.0

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

kv_size kvcache_size(const qs_model *m, long ctx, double kv_bits, int batch)
{
    kv_size r = { MEMORY_ERROR, 0 };
    double per_token_layer, token_layers, windowed;
    long in_window;

    if (m == NULL || ctx < 1 || ctx > PARSE_CTX_MAX || batch < 1 ||
        !memory_is_positive(kv_bits) || kv_bits > PARSE_BITS_MAX || m->layers < 1 ||
        m->window_layers < 0 || m->window_layers > m->layers || m->window < 0)
        return r;
    if (m->kv_latent > 0)
        per_token_layer = (double)m->kv_latent;
    else if (m->kv_heads > 0 && m->head_dim > 0)
        per_token_layer = KV_TENSORS * m->kv_heads * m->head_dim;
    else
        return r;

    /* Tokens held summed over layers: windowed layers keep at most
     * `window` tokens, the others all ctx. */
    in_window = (m->window > 0 && ctx > m->window) ? m->window : ctx;
    windowed = (m->window > 0) ? (double)m->window_layers : 0.0;
    token_layers = ((double)m->layers - windowed) * (double)ctx + windowed * (double)in_window;

    r.gib = per_token_layer * token_layers * (double)batch * kv_bits / MEMORY_BITS_PER_BYTE /
            MEMORY_BYTES_PER_GIB;
    r.upper_bound = m->window > 0 && m->window_layers == 0 && ctx > m->window;
    return r;
}

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
