/* gguf_writer.h - writes GGUF files for the tests (header, then a sparse
 * tail: the tensor data is never written, the file is ftruncate'd to its
 * whole size). Layout: ggml-org/ggml docs/gguf.md (model/gguf_header.h).
 * Real-shape presets write the keys llama.cpp's converter writes, the
 * tokenizer arrays at their real lengths and every tensor at its real
 * shape and llama-quantize's type (the model layer's rules). */
#ifndef QS_GGUF_WRITER_H
#define QS_GGUF_WRITER_H

#include <stddef.h>
#include <stdint.h>

typedef struct gguf_writer gguf_writer;

/* A writer of a GGUF `version` (2 or 3) file; NULL: no memory. */
gguf_writer *gguf_writer_new(int version);
void gguf_writer_free(gguf_writer *w);

/* Metadata pairs, in the order given. 0, or -1 (no memory). */
int gguf_writer_kv_string(gguf_writer *w, const char *key, const char *value);
int gguf_writer_kv_u16(gguf_writer *w, const char *key, uint16_t v);
int gguf_writer_kv_u32(gguf_writer *w, const char *key, uint32_t v);
int gguf_writer_kv_i32(gguf_writer *w, const char *key, int32_t v);
int gguf_writer_kv_u64(gguf_writer *w, const char *key, uint64_t v);
int gguf_writer_kv_f32(gguf_writer *w, const char *key, float v);
int gguf_writer_kv_bool(gguf_writer *w, const char *key, int v);
int gguf_writer_kv_array_i32(gguf_writer *w, const char *key, const int32_t *v, size_t n);
int gguf_writer_kv_array_f32(gguf_writer *w, const char *key, const float *v, size_t n);
int gguf_writer_kv_array_bool(gguf_writer *w, const char *key, const int *v, size_t n);
/* An array of n strings, the i-th made by make(i, buf, size, ctx). */
int gguf_writer_kv_array_strings(gguf_writer *w, const char *key, size_t n,
                                 void (*make)(size_t i, char *buf, size_t size, void *ctx),
                                 void *ctx);
/* Raw bytes appended to the metadata as one more pair (for bad files:
 * the caller writes key, type and value itself). */
int gguf_writer_kv_raw(gguf_writer *w, const void *bytes, size_t n);

/* A tensor info; its data offset is assigned, aligned (32, or the
 * general.alignment u32 given before it). 0, or -1 (no memory, a bad
 * type or shape; n_dims 0 to 8 and any
 * dimension are written as given, for bad-file tests, with no data). */
int gguf_writer_tensor(gguf_writer *w, const char *name, int ggml_type, int n_dims,
                       const int64_t *ne);
/* The data offset of tensor i, for tests that break it; -1 out of range. */
int gguf_writer_set_offset(gguf_writer *w, size_t i, uint64_t offset);

/* Writes the header to path, then ftruncate to header + data: 0 or -1. */
int gguf_writer_write(gguf_writer *w, const char *path);
/* The header bytes (padded to the alignment) and the data bytes. */
int gguf_writer_bytes(const gguf_writer *w, int64_t *header, int64_t *data);
/* The header as bytes, ALLOCATED (free); *len its length. NULL no memory. */
unsigned char *gguf_writer_header(const gguf_writer *w, size_t *len);

/* "llama-3.1-8b-q4_k_m", "llama-3.1-70b-q4_k_m", "qwen3-30b-a3b-q4_k_m",
 * "tiny", "mmproj": 0, or -1 (unknown preset, no memory). */
int gguf_writer_preset(gguf_writer *w, const char *preset);

/* Splits the tensors of w into n files PREFIX-0000i-of-0000n.gguf: the
 * first with every pair, all with split.no (u16, 0-based), split.count
 * (u16) and split.tensors.count (i32). 0 or -1. */
int gguf_writer_write_split(gguf_writer *w, const char *prefix, int n);

#endif
