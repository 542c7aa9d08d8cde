/* files_model.h - what reading a user's model files yields.
 *
 * Layer: files (above model and platform; below cli). The readers of this
 * folder parse GGUF headers, safetensors headers, index files, config.json
 * and Ollama manifests from bounded buffers and fill one files_model: the
 * tensors with their stored types and exact bytes, the architecture read
 * from the metadata, and a qs_model + qs_stored (model/stored.h) that the
 * query and the plan take like any catalog model. A reader never prints:
 * every failure is one line in the caller's err buffer, naming the file
 * and what is wrong.
 *
 * A files_model holds pointers into itself (model.stored, model.arch.name,
 * stored.path, ...): fill it in place, never copy it by value, and free it
 * with files_model_free. */
#ifndef QS_FILES_MODEL_H
#define QS_FILES_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "model/arch.h"
#include "model/models.h"
#include "model/stored.h"
#include "model/tensors.h"

/* The most header and metadata bytes read from one file unless the user
 * sets another bound (--max-header): 64 MiB. The largest real headers are
 * a few MiB (a 256k-token vocabulary with its merges is about 12 MiB), so
 * a header claiming more is refused rather than read. */
#define FILES_BOUND_DEFAULT ((uint64_t)64 << 20)
/* Room for a path, NUL included (PATH_MAX on Linux). */
#define FILES_PATH_MAX 4096
/* Room for a name, an architecture or a type word, NUL included. */
#define FILES_TEXT_MAX 128
/* Room for the layer pattern string of a hybrid model (one character a
 * layer, NUL included). */
#define FILES_PATTERN_MAX 1024
/* Room for a message naming a file and what is wrong with it. */
#define FILES_ERR_MAX (FILES_PATH_MAX + 256)

typedef enum {
    FILES_FORMAT_NONE = 0,
    FILES_FORMAT_GGUF,
    FILES_FORMAT_SAFETENSORS
} files_format;

/* One tensor as stored. `type` is a ggml type id (model/ggml.h) for GGUF,
 * a files_dtype (safetensors.h) for safetensors. */
typedef struct {
    qs_tensor t;           /* name, role, layer, shape (ggml order: ne[0] the row) */
    int type;
    int64_t bytes;         /* its data bytes as stored */
} files_tensor;

/* A provenance line with its own storage (stored.sources points here). */
typedef struct {
    char key[32];
    char source[160];
} files_source;

typedef struct {
    files_format format;
    char path[FILES_PATH_MAX];       /* the file or folder read */
    char name[FILES_TEXT_MAX];       /* general.name, or the file or folder's name */
    char id[FILES_TEXT_MAX];         /* for the command line: the file name without
                                        its extension, lower case */
    char arch_name[FILES_TEXT_MAX];  /* general.architecture / model_type */
    char type_name[FILES_TEXT_MAX];  /* "Q4_K_M", "BF16", "GPTQ 4-bit" */
    char container[FILES_TEXT_MAX];  /* "GGUF v3", "GGUF v3, 3 split files",
                                        "safetensors, 4 shards" */
    int version;                     /* GGUF version; 0 for safetensors */
    int file_type;                   /* GGUF general.file_type; -1 none */
    long ctx;                        /* context_length / max_position_embeddings; 0 none */
    /* The tensors, ALLOCATED (files_model_free). */
    files_tensor *tensors;
    size_t ntensors, cap;
    /* Totals over the tensors and the files. */
    int64_t weights_bytes;
    int64_t elements;
    int64_t file_bytes;
    int64_t header_bytes;
    int nfiles;
    /* 1 when some tensors pack several weights a storage word (GPTQ, AWQ,
     * bitsandbytes in safetensors): the parameters are then the
     * architecture's count, not the tensors' elements. */
    int packed;
    /* A vision projector (mmproj*.gguf) counted beside the model. */
    char mmproj_path[FILES_PATH_MAX];
    int64_t mmproj_bytes;
    size_t mmproj_tensors;
    /* The architecture from the metadata; arch_ok 0 when it could not be
     * read into a valid qs_arch (then only the sizes are known). */
    qs_arch arch;
    int arch_ok;
    char pattern[FILES_PATTERN_MAX]; /* arch.pattern points here when set */
    /* Provenance. */
    files_source sources[STORED_SOURCES_MAX];
    size_t nsources;
    /* The file's identity, to list a blob reached by two paths once. */
    uint64_t dev, ino;
    /* What the query takes: made by files_model_finish. */
    qs_model model;
    qs_stored stored;
} files_model;

/* An empty model (no tensors, file_type -1). */
void files_model_init(files_model *m);

/* Frees the tensors; m is empty afterwards. */
void files_model_free(files_model *m);

/* Appends a tensor; grows the array (at most `max` tensors: more is an
 * error, as is running out of memory). Sums bytes and elements. Returns 0,
 * or -1. */
int files_model_add_tensor(files_model *m, const files_tensor *t, size_t max);

/* Records where `key` came from (printf-style source). Later lines for the
 * same key replace the earlier. Silently keeps the first
 * STORED_SOURCES_MAX keys. */
void files_model_source(files_model *m, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Makes m->model and m->stored from what the readers filled: the model's
 * id, name and family, its architecture (when arch_ok), ctx, total and
 * active parameters (the architecture's count when the architecture is
 * known and the tensors are packed, else the tensors' elements), and the
 * stored bytes; stored.format is the named precision of type_name
 * (formats_parse), when there is one. Returns 0, or -1 with err set. */
int files_model_finish(files_model *m, char *err, size_t errsize);

#endif
