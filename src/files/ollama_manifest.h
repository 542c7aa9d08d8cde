/* ollama_manifest.h - the parts of an Ollama manifest that locate a model.
 *
 * Layer: files. An Ollama manifest is a Docker/OCI image manifest (JSON)
 * whose layers name their blobs by digest; the layer with mediaType
 * OLLAMA_MEDIA_MODEL holds the weights (a GGUF file), the one with
 * OLLAMA_MEDIA_PROJECTOR a vision projector. This parser reads the bytes
 * of one manifest (the caller reads the file, bounded) and never prints:
 * a failure is one line, "PATH: what is wrong", in the caller's err, and
 * nothing of the manifest's own text is copied into it.
 *
 * Layout source: ollama/ollama server/images.go (the layer media types),
 * server/manifest.go (schemaVersion, config, layers[].mediaType/digest/
 * size), server/modelpath.go (a blob is blobs/sha256-HEX for the digest
 * sha256:HEX). */
#ifndef QS_OLLAMA_MANIFEST_H
#define QS_OLLAMA_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

/* The weights layer and the vision projector layer (ollama/ollama
 * server/images.go: "application/vnd.ollama.image.model",
 * "application/vnd.ollama.image.projector"). */
#define OLLAMA_MEDIA_MODEL "application/vnd.ollama.image.model"
#define OLLAMA_MEDIA_PROJECTOR "application/vnd.ollama.image.projector"
/* A digest is "sha256:" and 64 hex digits (a SHA-256 is 32 bytes; ollama/
 * ollama server/modelpath.go accepts "sha256[:-][0-9a-fA-F]{64}"). */
#define OLLAMA_DIGEST_ALGO "sha256"
#define OLLAMA_DIGEST_HEX 64
/* The most manifest bytes read: a real manifest is under 2 KiB (a config
 * and six or so layers, ollama/ollama server/manifest.go); 1 MiB leaves
 * room for any and refuses a file that is something else. */
#define OLLAMA_MANIFEST_MAX ((size_t)1 << 20)

typedef struct {
    char model_hex[OLLAMA_DIGEST_HEX + 1];     /* the weights blob's digest, hex */
    int64_t model_size;                        /* its layer's "size", -1 absent */
    char projector_hex[OLLAMA_DIGEST_HEX + 1]; /* a projector's digest; "" none */
    int64_t projector_size;                    /* -1 absent or none */
} ollama_manifest;

/* Parses len bytes of JSON (no NUL needed) as an Ollama manifest: an
 * object with a "layers" array, one layer of mediaType OLLAMA_MEDIA_MODEL
 * with a well-formed digest (a first projector layer is kept too; a
 * second model layer is an error). `path` names the manifest in messages.
 * Returns 0, or -1 with "PATH: not JSON (...)", "PATH: no model layer
 * (expected a layer of mediaType application/vnd.ollama.image.model)",
 * "PATH: malformed digest in the model layer (expected sha256:<64 hex
 * digits>)", ... in err. */
int ollama_manifest_parse(const char *json, size_t len, const char *path, ollama_manifest *out,
                          char *err, size_t errsize);

#endif
