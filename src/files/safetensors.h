/* safetensors.h - the header of one safetensors file, from a buffer.
 *
 * Layer: files (pure: no I/O; allocates only the files_model's tensors and
 * jansson's parse tree, both freed). A safetensors file is a u64
 * little-endian N, N bytes of JSON (tensor name -> {"dtype", "shape",
 * "data_offsets": [begin, end]}, plus an optional "__metadata__" of strings),
 * then the data section (huggingface/safetensors safetensors/src/tensor.rs,
 * docs/source/index.mdx "Format"). The readers never look at tensor data.
 * Shapes are stored in ggml order: ne[0] is the last safetensors dimension. */
#ifndef QS_SAFETENSORS_H
#define QS_SAFETENSORS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "files/files_model.h"
#include "model/tensors.h"

/* The header length field: a u64 little-endian (safetensors tensor.rs
 * N_LEN = size_of::<u64>()). */
#define SAFETENSORS_LEN_BYTES 8
/* The most tensors one header may name: 2^20 (a 64 MiB header at about 64
 * bytes an entry; real headers hold tens of thousands). */
#define SAFETENSORS_MAX_TENSORS ((size_t)1 << 20)

/* The dtypes of huggingface/safetensors safetensors/src/tensor.rs enum
 * Dtype (v0.6: BOOL, F4, F6_E2M3, F6_E3M2, U8, I8, F8_E5M2, F8_E4M3,
 * F8_E8M0, I16, U16, F16, BF16, I32, U32, F32, C64, F64, I64, U64).
 * files_tensor.type holds one of these for a safetensors tensor. */
typedef enum {
    FILES_DTYPE_BOOL = 0,
    FILES_DTYPE_F4,
    FILES_DTYPE_F6_E2M3,
    FILES_DTYPE_F6_E3M2,
    FILES_DTYPE_U8,
    FILES_DTYPE_I8,
    FILES_DTYPE_F8_E5M2,
    FILES_DTYPE_F8_E4M3,
    FILES_DTYPE_F8_E8M0,
    FILES_DTYPE_I16,
    FILES_DTYPE_U16,
    FILES_DTYPE_F16,
    FILES_DTYPE_BF16,
    FILES_DTYPE_I32,
    FILES_DTYPE_U32,
    FILES_DTYPE_F32,
    FILES_DTYPE_C64,
    FILES_DTYPE_F64,
    FILES_DTYPE_I64,
    FILES_DTYPE_U64,
    FILES_DTYPE_COUNT
} files_dtype;

/* The dtype named `s` ("BF16"; "F4_E2M1" is taken as F4). Returns 0, or -1. */
int safetensors_dtype_parse(const char *s, files_dtype *out);

/* The dtype's safetensors name ("BF16"), "?" out of range. */
const char *safetensors_dtype_name(int dtype);

/* Bits one element takes (Dtype::bitsize: F4 4, F6 6, BF16 16); 0 out of range. */
int safetensors_dtype_bits(int dtype);

/* Checks the framing of a file's first `len` bytes (the file has
 * `file_size` bytes): the length N (at least 2, at most `bound`, within the
 * file; buf must hold 8 + N bytes) and parses the N bytes of JSON (an
 * object). On success *root is the parse tree (json_decref it) and
 * *data_len the data section's length. Returns 0, or -1 with "PATH: ..." in
 * err. */
int safetensors_load(const unsigned char *buf, size_t len, uint64_t file_size, uint64_t bound,
                     const char *path, json_t **root, uint64_t *data_len, char *err,
                     size_t errsize);

/* The header length N of the first 8 bytes of buf (little-endian). */
uint64_t safetensors_header_len(const unsigned char *buf);

/* Adds the tensors of a parsed header (`root`, an object) to `out`,
 * checking every entry: dtype, shape (non-negative, at most 4 dimensions,
 * no overflow), data_offsets within data_len and equal to elements x dtype
 * size, no overlap and no hole (the entries cover the data section).
 * Adds 8 + N to out->header_bytes, file_size to out->file_bytes and one
 * to out->nfiles. Returns 0, or -1 with "PATH: ..." in err. */
int safetensors_add(const json_t *root, uint64_t header_len, uint64_t data_len,
                    uint64_t file_size, const char *path, files_model *out, char *err,
                    size_t errsize);

/* safetensors_load + safetensors_add over one file's first len bytes. */
int safetensors_parse(const unsigned char *buf, size_t len, uint64_t file_size, uint64_t bound,
                      const char *path, files_model *out, char *err, size_t errsize);

#endif
