/* folder.h - one folder's entries, classified by what a model reader
 * makes of them.
 *
 * Layer: files. Lists a folder (readdir, sorted by name in the C locale),
 * stats each entry (following symbolic links) to tell folders apart, and
 * sorts the files by name into the kinds the loaders need: GGUF models
 * (a split set once: its lowest-numbered split present; the others are
 * FOLDER_GGUF_SPLIT), vision projectors (mmproj*.gguf), safetensors
 * files, config.json and safetensors index files. Never prints: a failure
 * is one line "PATH: what" in the caller's err. */
#ifndef QS_FOLDER_H
#define QS_FOLDER_H

#include <stddef.h>
#include <stdint.h>

/* File name endings and prefixes (ggml-org/llama.cpp and huggingface/
 * safetensors naming: NAME.gguf, mmproj-*.gguf beside a vision model,
 * model-00001-of-00004.safetensors with model.safetensors.index.json,
 * config.json of huggingface/transformers). */
#define FOLDER_GGUF_EXT ".gguf"
#define FOLDER_MMPROJ_PREFIX "mmproj"
#define FOLDER_ST_EXT ".safetensors"
#define FOLDER_INDEX_EXT ".safetensors.index.json"
#define FOLDER_CONFIG_NAME "config.json"

typedef enum {
    FOLDER_OTHER = 0,     /* anything else (README.md, tokenizer.json, ...) */
    FOLDER_DIR,           /* a folder (a symbolic link to one included) */
    FOLDER_GGUF,          /* a GGUF model: one file, or a split set's first */
    FOLDER_GGUF_SPLIT,    /* a further split of a set listed as FOLDER_GGUF */
    FOLDER_MMPROJ,        /* mmproj*.gguf */
    FOLDER_SAFETENSORS,   /* *.safetensors */
    FOLDER_CONFIG,        /* config.json */
    FOLDER_INDEX          /* *.safetensors.index.json */
} folder_kind;

typedef struct {
    char *name;           /* ALLOCATED; the entry's name in the folder */
    folder_kind kind;
    int is_link;          /* 1 when the entry itself is a symbolic link */
    int stat_ok;          /* 1 when stat (through links) worked: dev, ino valid */
    uint64_t dev, ino;
} folder_entry;

typedef struct {
    folder_entry *entries;  /* ALLOCATED, sorted by name */
    size_t n;
    size_t gguf_models;     /* FOLDER_GGUF entries */
    size_t mmproj;          /* FOLDER_MMPROJ entries */
    size_t safetensors;     /* FOLDER_SAFETENSORS entries */
    int has_config, has_index;
    int truncated;          /* 1 when more than `max` entries were there */
} folder_list;

/* Reads folder `dir` into *out (at most `max` entries; more sets
 * truncated). Returns 0, or -1 with "DIR: REASON" in err (out empty). */
int folder_read(const char *dir, size_t max, folder_list *out, char *err, size_t errsize);

/* Frees the entries; l is empty afterwards. */
void folder_free(folder_list *l);

/* The kind a file of this name is (never FOLDER_DIR or FOLDER_GGUF_SPLIT:
 * those need the folder). */
folder_kind folder_kind_of(const char *name);

/* The index of the first entry of `kind`, or l->n when none. */
size_t folder_first(const folder_list *l, folder_kind kind);

#endif
