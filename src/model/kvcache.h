/* kvcache.h - the element types a KV cache can be kept in.
 *
 * Layer 1 (model): the names and sizes of llama.cpp's --cache-type-k/v
 * choices. The cache itself follows the architecture's layers: kvarch.h. */
#ifndef QS_KVCACHE_H
#define QS_KVCACHE_H

#include <stddef.h>

/* Bits per KV element of the selectable cache types (llama.cpp
 * --cache-type-k/v; block sizes from ggml-common.h). */
#define KV_BITS_F16 16.0
#define KV_BITS_Q8_0 8.5
#define KV_BITS_Q4_0 4.5

/* Bits per element for a cache type name ("f16", "q8_0", "q4_0", any case);
 * returns 0 on success, -1 for an unknown name. */
int kvcache_bits_from_name(const char *name, double *bits);

/* The canonical name of a cache type by its bits, or NULL. */
const char *kvcache_name_from_bits(double bits);

/* The selectable cache types, for listings and usage messages: their
 * number, and the i-th canonical name and bits (NULL / 0 out of range). */
size_t kvcache_type_count(void);
const char *kvcache_type_name(size_t i);
double kvcache_type_bits(size_t i);

#endif
