/* stores.h - where the model stores of other programs keep their files.
 *
 * Layer: files. Resolves a Hugging Face cache entry (hf:ORG/NAME[@REV]) to
 * its snapshot folder and an Ollama model (ollama:NAME[:TAG]) to its
 * manifest and blobs, and names the roots of the known stores for a scan:
 * the Hugging Face hub cache, the Ollama models folder, LM Studio's models
 * folders and llama.cpp's download cache. Only the environment and the
 * file system are read; nothing is printed: a failure is one line, "PATH:
 * what is wrong" (or "VAR=VALUE: what is wrong" for a bad environment
 * variable), in the caller's err.
 *
 * Sources of the layouts:
 *   Hugging Face: huggingface/huggingface_hub src/huggingface_hub/
 *     constants.py (HF_HUB_CACHE, HUGGINGFACE_HUB_CACHE, HF_HOME,
 *     XDG_CACHE_HOME, ~/.cache/huggingface/hub) and file_download.py
 *     (models--ORG--NAME, refs/REV holding a commit, snapshots/COMMIT/
 *     with symlinks into ../../blobs).
 *   Ollama: ollama/ollama envconfig/config.go (OLLAMA_MODELS, default
 *     ~/.ollama/models), types/model/name.go (host registry.ollama.ai,
 *     namespace library, tag latest), server/modelpath.go
 *     (manifests/HOST/NAMESPACE/MODEL/TAG, blobs/sha256-HEX).
 *   LM Studio: lmstudio.ai/docs (models under ~/.lmstudio/models/
 *     PUBLISHER/REPO/; older releases ~/.cache/lm-studio/models).
 *   llama.cpp: ggml-org/llama.cpp common/common.cpp
 *     fs_get_cache_directory (LLAMA_CACHE, else $XDG_CACHE_HOME/llama.cpp,
 *     else ~/.cache/llama.cpp on Linux). */
#ifndef QS_STORES_H
#define QS_STORES_H

#include <stddef.h>

/* The known stores, in the order a scan visits them. */
typedef enum {
    STORES_HF = 0,        /* the Hugging Face hub cache */
    STORES_OLLAMA,        /* the Ollama models folder (manifests/ and blobs/) */
    STORES_LMSTUDIO,      /* ~/.lmstudio/models */
    STORES_LMSTUDIO_OLD,  /* ~/.cache/lm-studio/models */
    STORES_LLAMACPP,      /* llama.cpp's cache of -hf downloads */
    STORES_COUNT
} stores_kind;

/* A Hugging Face commit is a git SHA-1: 40 hex digits. */
#define STORES_HF_COMMIT_HEX 40

/* Writes `in` to out with a leading "~/" (or a lone "~") replaced by
 * $HOME. Returns 0, or -1 with err set ("HOME is not set (needed for
 * ~/...)", or "PATH: path too long"). */
int stores_expand_home(const char *in, char *out, size_t outsize, char *err, size_t errsize);

/* The root folder of store `kind` (from its environment variables, else
 * its default under $HOME) in out. Returns 1 when it is a folder, 0 when
 * it is not there (out names where it was looked for, err says so), -1
 * when an environment variable is bad (err: "HF_HOME=VALUE: not a
 * folder") or HOME is needed and unset. */
int stores_root(stores_kind kind, char *out, size_t outsize, char *err, size_t errsize);

/* The snapshot folder of `repo`, "ORG/NAME" or "ORG/NAME@REV" (REV a
 * branch or tag under refs/, default main, or a 40-digit commit), in the
 * Hugging Face cache. Returns 0, or -1 with err naming what was looked
 * for: the cache, models--ORG--NAME, refs/REV or snapshots/COMMIT. */
int stores_hf_snapshot(const char *repo, char *out, size_t outsize, char *err, size_t errsize);

/* The manifest of Ollama model `name`, "NAME" or "NAME:TAG" (default tag
 * latest; "NAMESPACE/NAME"; "HOST/NAMESPACE/NAME" when the first part has
 * a dot, e.g. hf.co/org/repo:Q4_K_M), in out; its display name "NAME:TAG"
 * in display; the store's root in root. Returns 0, or -1 with err set (a
 * malformed name, no store, no such manifest). */
int stores_ollama_find(const char *name, char *manifest, size_t manifestsize, char *display,
                       size_t displaysize, char *root, size_t rootsize, char *err,
                       size_t errsize);

/* Reads the manifest at `manifest` (bounded, ollama_manifest.h) of the
 * store at `root` and writes the model blob's path (root/blobs/sha256-HEX)
 * to blob and a projector blob's path to projector ("" none). Returns 0,
 * or -1 with err naming the manifest: unreadable, not JSON, no model
 * layer, a malformed digest, or "MANIFEST: points at a missing blob
 * BLOB". */
int stores_ollama_blobs(const char *root, const char *manifest, char *blob, size_t blobsize,
                        char *projector, size_t projectorsize, char *err, size_t errsize);

#endif
