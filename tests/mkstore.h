/* mkstore.h - the fixture trees of the files layer's tests (mkstore.c):
 * model files written by the two writers at real shapes, sparse, laid out
 * as a user's folders, an Ollama store and a Hugging Face cache are. */
#ifndef QS_MKSTORE_H
#define QS_MKSTORE_H

#include <stddef.h>

/* The fake digests and commits the trees use (well-formed: 64 and 40 hex
 * digits; the readers never hash a blob, so they need not be real). */
#define MKSTORE_BLOB_LLAMA "1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a"
#define MKSTORE_BLOB_TINY "2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b"
#define MKSTORE_BLOB_PROJ "3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c"
#define MKSTORE_BLOB_GONE "4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d"
#define MKSTORE_HF_REV "5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e"
#define MKSTORE_HF_REV_OLD "6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f"
/* The Hugging Face repository of the cache tree. */
#define MKSTORE_HF_REPO "meta-llama/Llama-3.1-8B"
#define MKSTORE_HF_FOLDER "models--meta-llama--Llama-3.1-8B"
/* The Ollama names of the store tree. */
#define MKSTORE_OLLAMA_HF "hf.co/tiny-org/Tiny-Vision-GGUF:Q8_0"

/* The good tree under dir (created): models/ (two GGUF files, a split
 * set of three, a vision folder with its mmproj, a sharded safetensors
 * folder), ollama/ (llama3.1:latest and :8b on one blob, an hf.co model
 * with a projector), hf/hub/ (models--meta-llama--Llama-3.1-8B with
 * refs/main and two snapshots linking the same blobs). 0 or -1 (a line
 * on stderr). */
int mkstore_tree(const char *dir);

/* The bad inputs under dir (created): fifo.gguf, loop/{a,b}.gguf (links
 * to each other), cycle/up (a link to ..), empty/ (no weights),
 * noperm.gguf (mode 000), x.gguf (text), truncated.gguf, ollama/ (a
 * manifest on a missing blob, one not JSON, one without a model layer,
 * one with a malformed digest), st-missing/ (an index naming a missing
 * shard). 0 or -1. */
int mkstore_bad(const char *dir);

/* The bad files of the formats themselves under dir (mkstore_bad.c):
 * bigendian.gguf, manytensors.gguf (2^40 tensors), hugestring.gguf (a
 * string of 2^63 bytes), st-huge/model.safetensors (a header claiming 2
 * GiB, in a 3 GiB sparse file), st-notjson/model.safetensors. 0 or -1. */
int mkstore_bad_formats(const char *dir);

/* What make bench reads (bench/run.sh): a 70B-shaped GGUF header (723
 * tensors, a 128,256-token vocabulary) and scan/ holding
 * MKSTORE_BENCH_FILES GGUF files of Llama-3.1-8B's shape. 0 or -1. */
#define MKSTORE_BENCH_FILES 100
int mkstore_bench(const char *dir);

/* Fuzz seeds for the Ollama manifest parser under dir: a few manifests as
 * the store tree has them. 0 or -1. */
int mkstore_seeds(const char *dir);

#endif
