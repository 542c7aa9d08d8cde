/* st_writer.h - writes safetensors files and Hugging Face folders for tests.
 *
 * Test support (not the library): the header is real JSON at the shapes of
 * real models, the data sparse (ftruncate), so a 16 GB checkpoint costs a
 * few kilobytes of disk. Used by check_safetensors and by other tests that
 * build fixture trees. */
#ifndef QS_ST_WRITER_H
#define QS_ST_WRITER_H

#include <stddef.h>
#include <stdint.h>

/* One tensor: its name, safetensors dtype ("BF16") and shape in
 * safetensors order (row-major, the last dimension the fastest). */
typedef struct {
    const char *name;
    const char *dtype;
    int n_dims;
    int64_t shape[4];
} st_writer_tensor;

/* Writes header + sparse data (ftruncate); data_offsets assigned in order;
 * metadata_json NULL or a JSON object of strings for "__metadata__".
 * Returns 0, or -1. */
int st_writer_file(const char *path, const st_writer_tensor *t, size_t n,
                   const char *metadata_json);

/* A whole HF-style folder at real shapes (dir is created if missing):
 * config.json (the real layout), and for the sharded presets
 * model.safetensors.index.json with shards model-0000i-of-0000n.safetensors.
 * Presets: "llama-3.1-8b" (BF16, 4 shards, 291 tensors, config.json of
 * meta-llama/Llama-3.1-8B), "qwen3-30b-a3b" (BF16, 16 shards, per-expert
 * tensors, 18867 tensors), "llama-3.1-8b-gptq" (qweight/qzeros/g_idx I32,
 * scales and the rest F16, 2 shards, quantization_config gptq 4-bit g128),
 * "tiny" (a 2-layer Llama-style model, one model.safetensors, no index).
 * Returns 0, or -1 (unknown preset, or a write failed). */
int st_writer_folder(const char *dir, const char *preset);

#endif
