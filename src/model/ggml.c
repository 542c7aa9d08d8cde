/* ggml.c - the ggml tensor types and the bytes of rows and tensors.
 *
 * Sources (ggml-org/llama.cpp, read through the code index; the table is
 * also in ../shared/reference/gguf-rules.md section 3.1):
 * - ids: enum ggml_type in ggml/include/ggml.h (Q1_0 = 41 and Q2_0 = 42 are
 *   the 2026 additions, PR #24448, build b9916);
 * - block size and bytes per block: the block_* structs of
 *   ggml/src/ggml-common.h@01243c5, whose sizes the file pins with
 *   static_assert (block_q4_K: 2 fp16 + 12 scale bytes + 128 quant bytes =
 *   144 per 256 weights, "Effectively 4.5 bits per weight"), and the
 *   blck_size / type_size traits in ggml/src/ggml.c@00bdaa1;
 * - quantized: the traits' is_quantized (every block type, Q8_K and Q8_1
 *   included; the plain floats and integers are not).
 * Q8_1 and Q8_K are intermediate (activation) types that files do not use;
 * they are listed because ggml defines them. */
#include <string.h>
#include <strings.h>

#include "model/ggml.h"

/* In id order. */
static const ggml_type_info ggml_types[] = {
    { GGML_TYPE_F32, "F32", 1, 4, 0 },
    { GGML_TYPE_F16, "F16", 1, 2, 0 },
    { GGML_TYPE_Q4_0, "Q4_0", 32, 18, 1 },     /* fp16 d + 16 nibble bytes */
    { GGML_TYPE_Q4_1, "Q4_1", 32, 20, 1 },     /* fp16 d, m + 16 */
    { GGML_TYPE_Q5_0, "Q5_0", 32, 22, 1 },     /* fp16 d + 4 high bits + 16 */
    { GGML_TYPE_Q5_1, "Q5_1", 32, 24, 1 },
    { GGML_TYPE_Q8_0, "Q8_0", 32, 34, 1 },     /* fp16 d + 32 int8 */
    { GGML_TYPE_Q8_1, "Q8_1", 32, 36, 1 },     /* activations only */
    { GGML_TYPE_Q2_K, "Q2_K", 256, 84, 1 },
    { GGML_TYPE_Q3_K, "Q3_K", 256, 110, 1 },
    { GGML_TYPE_Q4_K, "Q4_K", 256, 144, 1 },
    { GGML_TYPE_Q5_K, "Q5_K", 256, 176, 1 },
    { GGML_TYPE_Q6_K, "Q6_K", 256, 210, 1 },
    { GGML_TYPE_Q8_K, "Q8_K", 256, 292, 1 },   /* intermediate only */
    { GGML_TYPE_IQ2_XXS, "IQ2_XXS", 256, 66, 1 },
    { GGML_TYPE_IQ2_XS, "IQ2_XS", 256, 74, 1 },
    { GGML_TYPE_IQ3_XXS, "IQ3_XXS", 256, 98, 1 },
    { GGML_TYPE_IQ1_S, "IQ1_S", 256, 50, 1 },
    { GGML_TYPE_IQ4_NL, "IQ4_NL", 32, 18, 1 },
    { GGML_TYPE_IQ3_S, "IQ3_S", 256, 110, 1 },
    { GGML_TYPE_IQ2_S, "IQ2_S", 256, 82, 1 },
    { GGML_TYPE_IQ4_XS, "IQ4_XS", 256, 136, 1 },
    { GGML_TYPE_I8, "I8", 1, 1, 0 },
    { GGML_TYPE_I16, "I16", 1, 2, 0 },
    { GGML_TYPE_I32, "I32", 1, 4, 0 },
    { GGML_TYPE_I64, "I64", 1, 8, 0 },
    { GGML_TYPE_F64, "F64", 1, 8, 0 },
    { GGML_TYPE_IQ1_M, "IQ1_M", 256, 56, 1 },
    { GGML_TYPE_BF16, "BF16", 1, 2, 0 },
    { GGML_TYPE_TQ1_0, "TQ1_0", 256, 54, 1 },  /* ternary */
    { GGML_TYPE_TQ2_0, "TQ2_0", 256, 66, 1 },  /* ternary */
    { GGML_TYPE_MXFP4, "MXFP4", 32, 17, 1 },   /* E8M0 scale + 16 fp4 bytes */
    { GGML_TYPE_NVFP4, "NVFP4", 64, 36, 1 },   /* 4 UE4M3 scales per 64 */
    { GGML_TYPE_Q1_0, "Q1_0", 128, 18, 1 },
    { GGML_TYPE_Q2_0, "Q2_0", 64, 18, 1 },
};

#define GGML_TYPES_N (sizeof ggml_types / sizeof ggml_types[0])

size_t ggml_type_count(void)
{
    return GGML_TYPES_N;
}

const ggml_type_info *ggml_type_at(size_t i)
{
    return i < GGML_TYPES_N ? &ggml_types[i] : NULL;
}

const ggml_type_info *ggml_type_get(int id)
{
    size_t i;

    for (i = 0; i < GGML_TYPES_N; i++)
        if (ggml_types[i].id == id)
            return &ggml_types[i];
    return NULL;
}

const ggml_type_info *ggml_type_find(const char *name)
{
    size_t i;

    if (name == NULL)
        return NULL;
    for (i = 0; i < GGML_TYPES_N; i++)
        if (strcasecmp(ggml_types[i].name, name) == 0)
            return &ggml_types[i];
    return NULL;
}

const char *ggml_type_name(int id)
{
    const ggml_type_info *ti = ggml_type_get(id);

    return ti != NULL ? ti->name : "?";
}

int ggml_type_is_quantized(int id)
{
    const ggml_type_info *ti = ggml_type_get(id);

    return ti != NULL && ti->quantized;
}

int64_t ggml_row_bytes(int type, int64_t ne0)
{
    const ggml_type_info *ti = ggml_type_get(type);

    if (ti == NULL || ne0 < 0 || ne0 % ti->block != 0)
        return -1;
    if (ne0 / ti->block > INT64_MAX / ti->bytes)
        return -1;
    return ne0 / ti->block * ti->bytes;
}

int64_t ggml_tensor_bytes(int type, const qs_tensor *t)
{
    int64_t bytes;
    int i;

    if (t == NULL)
        return -1;
    bytes = ggml_row_bytes(type, t->ne[0]);
    if (bytes < 0)
        return -1;
    /* The dimensions past n_dims are 1 (tensors_elements counts the same way). */
    for (i = 1; i < t->n_dims && i < TENSORS_MAX_DIMS; i++) {
        int64_t ne = t->ne[i];

        if (ne < 0)
            return -1;
        if (ne != 0 && bytes > INT64_MAX / ne)
            return -1;
        bytes *= ne;
    }
    return bytes;
}
