/* load.h - what the user names as a model, read into a files_model.
 *
 * Layer: files. A spec is a path (a GGUF file, a safetensors file, a
 * config.json, a folder holding one model: a Hugging Face snapshot, an LM
 * Studio or llama.cpp cache folder), `hf:ORG/NAME[@REV]` (the Hugging Face
 * cache, stores.h) or `ollama:NAME[:TAG]` (the Ollama store). The readers
 * are gguf_read.h and st_read.h; this module picks one by the first bytes
 * and counts a vision projector (mmproj*.gguf) beside a GGUF model. It
 * never prints: a failure is one line "PATH: what is wrong" in err and the
 * caller exits 2. */
#ifndef QS_LOAD_H
#define QS_LOAD_H

#include <stddef.h>
#include <stdint.h>

#include "files/files_model.h"

/* Spec prefixes. */
#define LOAD_HF_PREFIX "hf:"
#define LOAD_OLLAMA_PREFIX "ollama:"
/* The most entries of one folder looked at (a larger folder is read up
 * to here: models past it are not seen). */
#define LOAD_FOLDER_MAX 65536
/* The most model names a "holds N models" message lists. */
#define LOAD_NAMES_SHOWN 4

/* Reads the model `spec` names into *out (initialised here; free it with
 * files_model_free, after a failure too). `bound` caps the header bytes
 * read from one file (0: FILES_BOUND_DEFAULT). A leading "~/" is $HOME.
 * Returns 0, or -1 with one line in err:
 *   "PATH: not a GGUF or safetensors file (expected a .gguf file, a
 *    .safetensors file or a folder holding them)",
 *   "FOLDER: holds 3 models (a.gguf, b.gguf, c.gguf); name one",
 *   "FOLDER: no weights (no *.safetensors or *.gguf)",
 *   "PATH: No such file or directory", "PATH: a FIFO", ...,
 *   or the message of the reader, the Hugging Face or the Ollama store. */
int files_load(const char *spec, uint64_t bound, files_model *out, char *err, size_t errsize);

/* Reads the GGUF file `path` into *out (initialised here) and, when
 * `mmproj` is not NULL, counts that vision projector with it. */
int files_load_gguf(const char *path, const char *mmproj, uint64_t bound, files_model *out,
                    char *err, size_t errsize);

/* Reads the Ollama model of manifest `manifest` in the store at `root`:
 * its model blob as GGUF, a projector layer as mmproj; name `display`
 * ("NAME:TAG"), container "Ollama blob (GGUF v3)". *out initialised
 * here. Returns 0, or -1 with err naming the manifest or the blob. */
int files_load_ollama(const char *root, const char *manifest, const char *display,
                      uint64_t bound, files_model *out, char *err, size_t errsize);

/* Reads a folder holding one model (see files_load). */
int files_load_folder(const char *dir, uint64_t bound, files_model *out, char *err,
                      size_t errsize);

/* 1 when `arg` should be read as a file or a store rather than as a
 * catalog name or a size: it starts with "hf:", "ollama:", "/", "./",
 * "../" or "~/", contains a '/', ends in .gguf, .safetensors or .json, or
 * exists on disk; else 0. (The command line resolves catalog names
 * first.) */
int files_is_spec(const char *arg);

#endif
