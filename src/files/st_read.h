/* st_read.h - a safetensors file or a Hugging Face folder into a files_model.
 *
 * Layer: files (reads through platform/fileread: bounded, regular files
 * only, never tensor data). A folder is read as transformers would load it:
 * model.safetensors.index.json (its weight_map names every shard), else a
 * single model.safetensors, else every *.safetensors in it; config.json
 * beside the weights gives the architecture (hfconfig.h). */
#ifndef QS_ST_READ_H
#define QS_ST_READ_H

#include <stddef.h>
#include <stdint.h>

#include "files/files_model.h"

/* The index and config file names transformers uses
 * (transformers utils/__init__.py SAFE_WEIGHTS_INDEX_NAME, CONFIG_NAME). */
#define ST_READ_INDEX_NAME "model.safetensors.index.json"
#define ST_READ_SINGLE_NAME "model.safetensors"
#define ST_READ_CONFIG_NAME "config.json"
#define ST_READ_SUFFIX ".safetensors"
/* The most shard files one folder may have. */
#define ST_READ_MAX_SHARDS 4096

/* One file's header from its first `len` bytes (8 + N at least), the file
 * being `file_size` bytes; the bound is FILES_BOUND_DEFAULT. Adds the
 * tensors to out (no files_model_finish). Returns 0, or -1 with err set. */
int st_read_buffer(const unsigned char *buf, size_t len, uint64_t file_size, const char *path,
                   files_model *out, char *err, size_t errsize);

/* A .safetensors file (config.json beside it read when present) or a
 * folder; `bound` caps every header and JSON file read (0: the default).
 * Fills out (initialised by the caller with files_model_init) and calls
 * files_model_finish. Returns 0, or -1 with "PATH: ..." in err. */
int st_read_path(const char *path, uint64_t bound, files_model *out, char *err, size_t errsize);

#endif
