/* scan.h - the models under some folders and in the known stores.
 *
 * Layer: files. Walks folders recursively (at most FILES_SCAN_DEPTH deep;
 * folders whose names start with '.' are not entered unless named; a
 * folder reached twice, through a symbolic link, is read once; a link
 * leading back to a folder above it is skipped with a line) and reads
 * every model found: each GGUF file (a split set once; mmproj*.gguf
 * counted with the models of its folder, never listed as a model), each
 * folder of safetensors once (not each shard), each Ollama manifest (a
 * folder holding manifests/ and blobs/ is an Ollama store). With stores,
 * the known stores of stores.h are walked too (those not there are
 * skipped; a bad environment variable gives a line). A model whose file
 * (dev, ino) was listed already (an Ollama blob under two tags, a Hugging
 * Face blob in two snapshots) is listed once. A file that cannot be read
 * gives a failure line and the scan goes on. Nothing is printed; sorting
 * by fit is the caller's. */
#ifndef QS_SCAN_H
#define QS_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "files/files_model.h"

/* The deepest folder entered below a root (a root is depth 0): deep enough
 * for ~/.lmstudio/models/PUBLISHER/REPO and models--ORG--NAME/snapshots/
 * REV/, shallow enough that a scan of / ends. */
#define FILES_SCAN_DEPTH 8
/* The most entries (models and failure lines) one scan lists; more ends
 * the scan with a line saying so. */
#define FILES_SCAN_MAX 4096
/* The most folders one scan enters. */
#define FILES_SCAN_DIRS_MAX 65536

typedef struct {
    char *path;           /* ALLOCATED: the file, folder or manifest found */
    files_model *model;   /* ALLOCATED (files_model_free + free), or NULL */
    char *failure;        /* ALLOCATED "PATH: what is wrong" when model is NULL */
} files_scan_entry;

typedef struct {
    files_scan_entry *entries;  /* ALLOCATED, in path order (strcmp); when
                                   truncated, the last is the line saying so */
    size_t n, cap;
    size_t models, failures;    /* entries of each kind */
    size_t duplicates;          /* models reached a second time, not listed */
    int truncated;              /* 1 when the scan stopped at FILES_SCAN_MAX */
} files_scan_result;

/* Scans the folders dirs[0..ndirs) ("~/" is $HOME; a file is read as one
 * model) and, when `stores` is 1, the known stores; `bound` caps the
 * header bytes read from one file (0: FILES_BOUND_DEFAULT). *out is
 * initialised here; free it with files_scan_free. Returns 0 (failure
 * lines are entries), or -1 when out of memory (out holds what was found
 * and is still to be freed). */
int files_scan(const char *const *dirs, size_t ndirs, int stores, uint64_t bound,
               files_scan_result *out);

/* Frees every entry and the array; r is empty afterwards. */
void files_scan_free(files_scan_result *r);

#endif
