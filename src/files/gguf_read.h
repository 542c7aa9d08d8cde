/* gguf_read.h - the reader of GGUF files (versions 2 and 3).
 *
 * Layer: files. A GGUF file is parsed as ggml-org/ggml docs/gguf.md and
 * ggml/src/gguf.cpp lay it out (model/gguf_header.h): the header, the
 * key/value metadata and the tensor infos are read in ONE sequential pass
 * (1 MiB chunks through platform/fileread, never mapped), never more than
 * `bound` bytes of them and never the tensor data. Every tensor's exact
 * bytes follow from its ggml type and shape (model/ggml.h); the
 * architecture comes from the metadata (gguf_arch.h) and is checked
 * against the tensor list. A reader never prints: a failure is one line
 * in err, "PATH: what is wrong", and the caller exits 2. */
#ifndef QS_GGUF_READ_H
#define QS_GGUF_READ_H

#include <stddef.h>
#include <stdint.h>

#include "files/files_model.h"

/* The magic, "GGUF" (gguf.cpp GGUF_MAGIC), for a caller that sniffs a
 * file's type (gguf_parse.h checks it with GGUF_PARSE_MAGIC, the same). */
#define GGUF_READ_MAGIC "GGUF"
#define GGUF_READ_MAGIC_LEN 4
/* The chunk of the sequential read (1 MiB). */
#define GGUF_READ_CHUNK ((size_t)1 << 20)
/* Split files (llama.cpp examples/gguf-split, llama_split_path):
 * "PREFIX-%05d-of-%05d.gguf", 1-based; split.count is a u16. */
#define GGUF_READ_SPLIT_MAX 65535

/* Parses the GGUF file whose first `len` bytes are buf (the whole header
 * or more; `file_size` is the whole file's size, for the tensor data
 * offsets; `path` names it in messages). Fills *out (files_model_init'ed
 * by the caller, freed by the caller with files_model_free) with every
 * tensor, the totals, the metadata's name, architecture, file type and
 * context, and the provenance lines, then calls files_model_finish. A
 * split file is read as the part it is (no other file is opened).
 * Returns 0, or -1 with "PATH: what" in err. */
int gguf_read_buffer(const unsigned char *buf, size_t len, uint64_t file_size, uint64_t bound,
                     const char *path, files_model *out, char *err, size_t errsize);

/* Reads the GGUF file `path` (bound 0: FILES_BOUND_DEFAULT) into *out
 * as gguf_read_buffer does. When the file is one of a split set
 * (split.count > 1), every split of the set is read from the same folder
 * (named PREFIX-0000i-of-0000n.gguf after this one's name) and summed into
 * *out: nfiles, container "GGUF v3, 3 split files". A missing split, one
 * whose split.count or split.no disagrees, or a tensor total other than
 * split.tensors.count is an error naming the file. Returns 0, or -1. */
int gguf_read_file(const char *path, uint64_t bound, files_model *out, char *err,
                   size_t errsize);

/* Adds the vision projector `path` (an mmproj*.gguf file) to m, read by
 * the model m already holds: its tensors' bytes as m->mmproj_bytes, their
 * count as m->mmproj_tensors, its path as m->mmproj_path (never into
 * m->tensors), then files_model_finish again when m holds tensors.
 * Returns 0, or -1 with err set (m unchanged). */
int gguf_read_mmproj(const char *path, uint64_t bound, files_model *m, char *err,
                     size_t errsize);

/* 1 when the last component of `path` is a split name
 * "PREFIX-NNNNN-of-MMMMM.gguf" (1 <= NNNNN <= MMMMM), with *no and *count
 * set (either may be NULL) and *prefix_len the bytes of path before
 * "-NNNNN"; 0 otherwise. */
int gguf_read_split_name(const char *path, int *no, int *count, size_t *prefix_len);

#endif
