/* stored.h - a model read from the user's own files: what is stored, and
 * how it is known.
 *
 * Layer 1 (model): plain data, no I/O. A reader (src/files/) fills one of
 * these beside the qs_model it makes (models_data.h, qs_model.stored); a
 * catalog model has none. The weights of a stored model are the files'
 * exact bytes: the sum over its tensors of each tensor's data bytes, never
 * a bits-per-weight estimate; the plan's weights follow them while the
 * query keeps them (query.h, qs_query.stored). Every value the reader
 * took from the files says where it came from (a provenance line), so a
 * report can say how it knows. */
#ifndef QS_STORED_H
#define QS_STORED_H

#include <stddef.h>
#include <stdint.h>

#include "model/formats_data.h"
#include "model/models_data.h"

/* Provenance lines one stored model keeps, at most. */
#define STORED_SOURCES_MAX 32

/* Where one value came from: key "layers", source "llama.block_count". */
typedef struct {
    const char *key;       /* what the value is: "layers", "kv_heads", "weights" */
    const char *source;    /* where it was read: a GGUF key, a config.json field,
                              "the 291 tensor infos" */
} stored_source;

typedef struct qs_stored {
    const char *path;          /* the file or folder read, as resolved */
    const char *container;     /* "GGUF v3", "safetensors", "Ollama blob (GGUF v3)" */
    const char *arch_name;     /* general.architecture, or config.json model_type */
    const char *type_name;     /* the weights' type as the file says: "Q4_K_M", "BF16",
                                  "GPTQ 4-bit"; "" unknown */
    const qs_format *format;   /* the named precision that type is; NULL none */
    int64_t weights_bytes;     /* sum of every tensor's data bytes */
    int64_t file_bytes;        /* the files' sizes together (splits, shards) */
    int64_t header_bytes;      /* bytes that are not tensor data (headers, padding) */
    int64_t elements;          /* sum of every tensor's elements as stored (packed
                                  tensors count their storage words) */
    size_t ntensors;
    int nfiles;                /* files read: splits, shards; 1 for one file */
    int64_t mmproj_bytes;      /* a vision projector beside it; 0 none */
    size_t mmproj_tensors;
    const char *mmproj_path;   /* NULL none */
    int arch_known;            /* 1: the architecture (KV cache, layers) was read;
                                  0: only the sizes are known */
    stored_source sources[STORED_SOURCES_MAX];
    size_t nsources;
} qs_stored;

/* The stored weights' bits per parameter: (weights_bytes + mmproj_bytes)
 * x 8 / params, so that params x bits / 8 gives the bytes back (memory.h):
 * a vision projector loads beside the model and is counted with its
 * weights. 0 when params is not positive or s is NULL. */
double stored_bits(const qs_stored *s, double params);

/* The catalog model (never a stored one) of m's shape: the same layers,
 * hidden size, vocabulary, heads, KV heads, FFN width and experts; among
 * several, the one whose parameter total is nearest. NULL when m has no
 * known architecture or no catalog model has its shape. */
const qs_model *stored_catalog_match(const models_catalog *c, const qs_model *m);

/* The source recorded for `key`, or NULL. */
const char *stored_source_of(const qs_stored *s, const char *key);

#endif
