/* ggml.h - the ggml tensor types: id, name, block size, bytes per block.
 *
 * Layer 1 (model): a compiled-in table, no I/O. A ggml type stores a row of
 * ne[0] weights as ne[0] / block blocks of `bytes` each, so the bytes of a
 * row, and of a tensor, follow exactly from the type and the shape (ggml's
 * ggml_row_size and ggml_nbytes). The ids are those a GGUF file stores in
 * its tensor infos (enum ggml_type in llama.cpp's ggml/include/ggml.h). */
#ifndef QS_GGML_H
#define QS_GGML_H

#include <stddef.h>
#include <stdint.h>

#include "model/tensors.h"

/* enum ggml_type, ggml-org/llama.cpp ggml/include/ggml.h. The gaps are ids
 * ggml removed (4, 5: Q4_2/Q4_3; 31-33: Q4_0_4_4/4_8/8_8; 36-38:
 * IQ4_NL_4_4/4_8/8_8, now repacked at run time); files never hold them. */
typedef enum {
    GGML_TYPE_F32 = 0,
    GGML_TYPE_F16 = 1,
    GGML_TYPE_Q4_0 = 2,
    GGML_TYPE_Q4_1 = 3,
    GGML_TYPE_Q5_0 = 6,
    GGML_TYPE_Q5_1 = 7,
    GGML_TYPE_Q8_0 = 8,
    GGML_TYPE_Q8_1 = 9,
    GGML_TYPE_Q2_K = 10,
    GGML_TYPE_Q3_K = 11,
    GGML_TYPE_Q4_K = 12,
    GGML_TYPE_Q5_K = 13,
    GGML_TYPE_Q6_K = 14,
    GGML_TYPE_Q8_K = 15,
    GGML_TYPE_IQ2_XXS = 16,
    GGML_TYPE_IQ2_XS = 17,
    GGML_TYPE_IQ3_XXS = 18,
    GGML_TYPE_IQ1_S = 19,
    GGML_TYPE_IQ4_NL = 20,
    GGML_TYPE_IQ3_S = 21,
    GGML_TYPE_IQ2_S = 22,
    GGML_TYPE_IQ4_XS = 23,
    GGML_TYPE_I8 = 24,
    GGML_TYPE_I16 = 25,
    GGML_TYPE_I32 = 26,
    GGML_TYPE_I64 = 27,
    GGML_TYPE_F64 = 28,
    GGML_TYPE_IQ1_M = 29,
    GGML_TYPE_BF16 = 30,
    GGML_TYPE_TQ1_0 = 34,
    GGML_TYPE_TQ2_0 = 35,
    GGML_TYPE_MXFP4 = 39,
    GGML_TYPE_NVFP4 = 40,
    GGML_TYPE_Q1_0 = 41,
    GGML_TYPE_Q2_0 = 42
} ggml_type;

typedef struct {
    int id;                /* a ggml_type */
    const char *name;      /* ggml's type name, upper case: "Q4_K" */
    int block;             /* weights per block (1 for plain types) */
    int bytes;             /* bytes per block */
    int quantized;         /* 1 for block-quantized types (ggml_is_quantized) */
} ggml_type_info;

/* Number of types in the table, and the i-th (id order); NULL when out of range. */
size_t ggml_type_count(void);
const ggml_type_info *ggml_type_at(size_t i);

/* The type with this id, or NULL (a removed id, or one past the table). */
const ggml_type_info *ggml_type_get(int id);

/* The type named `name` ("q4_k", "Q4_K", "f16"), case-insensitively; NULL if none. */
const ggml_type_info *ggml_type_find(const char *name);

/* The type's name, or "?" for an id not in the table. */
const char *ggml_type_name(int id);

/* 1 when the id is a block-quantized type, 0 otherwise (plain or unknown). */
int ggml_type_is_quantized(int id);

/* Bytes of one row of ne0 weights: ne0 / block * bytes (ggml_row_size).
 * -1 for an unknown type, a negative ne0, or an ne0 the block does not
 * divide (ggml asserts; llama-quantize falls back to another type first). */
int64_t ggml_row_bytes(int type, int64_t ne0);

/* Bytes of a whole tensor stored as `type`: its rows (ne[1] x ne[2] x ne[3])
 * times the row bytes (ggml_nbytes of a contiguous tensor). -1 when the row
 * is invalid (as above), a dimension is negative, or the product overflows. */
int64_t ggml_tensor_bytes(int type, const qs_tensor *t);

#endif
