/* gguf_parse.h - one GGUF file's header, metadata and tensor infos.
 *
 * Layer: files. Parses through a gguf_cursor (gguf_cursor.h) in one
 * sequential pass and validates what it reads (ggml/src/gguf.cpp
 * gguf_init_from_file_impl refuses the same): the magic, the version (2
 * or 3; big-endian files refused), counts and lengths that the file or
 * the bound cannot hold, unknown value types, nested arrays, duplicate
 * keys, general.alignment (a u32 power of two), tensor names (1 to 63
 * bytes), n_dims (1 to 4), dimensions (positive, product within int64),
 * ggml types, rows the type's block divides, and data offsets (aligned,
 * inside the file, not overlapping). */
#ifndef QS_GGUF_PARSE_H
#define QS_GGUF_PARSE_H

#include <stdint.h>

#include "files/files_model.h"
#include "files/gguf_cursor.h"
#include "files/gguf_meta.h"

/* The magic, "GGUF" (gguf.cpp GGUF_MAGIC). */
#define GGUF_PARSE_MAGIC "GGUF"
#define GGUF_PARSE_MAGIC_LEN 4
/* The versions read: 2 (64-bit counts) and 3 (the same layout, big-endian
 * files allowed, which this reader refuses) (docs/gguf.md). */
#define GGUF_PARSE_VERSION_MIN 2
#define GGUF_PARSE_VERSION_MAX 3

/* What a parse learns of the file besides its tensors and metadata. */
typedef struct {
    int version;
    uint64_t n_tensors;
    uint64_t n_kv;
    uint64_t alignment;        /* general.alignment, or GGUF_RULES_ALIGNMENT */
    uint64_t data_offset;      /* the header's end padded to the alignment */
} gguf_parse_info;

/* Parses the file under c: appends its tensors to m (adds file_size to
 * m->file_bytes and the data offset to m->header_bytes), its pairs to
 * meta. Returns 0, or -1 with "PATH: what" in c's err. */
int gguf_parse_file(gguf_cursor *c, files_model *m, gguf_meta *meta, gguf_parse_info *info);

/* -1 with "PATH: duplicate tensor name 'X'" in err when two of m's
 * tensors share a name; 0 otherwise (or out of memory: -1, err set). */
int gguf_parse_check_names(const files_model *m, const char *path, char *err, size_t errsize);

#endif
